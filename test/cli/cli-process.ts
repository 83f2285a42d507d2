import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** What one run of `pnpm candor …` left behind. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Variables the CLI reads; never inherited from the shell running the tests. */
const CLI_VARIABLES = ['CANDOR_API_URL', 'CANDOR_TOKEN', 'DATABASE_URL', 'CANDOR_NOW', 'INIT_CWD'];

/**
 * Runs the CLI as a child process, as `pnpm candor` would, with only the CLI variables given in
 * `env`: node on the run's compiled CLI (test/helpers/cli-bundle.ts: the same sources tsx
 * runs, without tsx's start-up cost on every call).
 */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !CLI_VARIABLES.includes(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [inject('cliBundle'), ...args], {
      cwd: repositoryRoot,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A failure message that shows what the CLI said, for `expect(…, describe(run))`. */
export const describeRun = (run: CliRun): string =>
  `exit ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;

/**
 * YAML for plain data (maps, lists, strings, numbers, booleans, null): block style, with
 * every string double-quoted as JSON writes it, which YAML reads the same way.
 */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map((item) => {
        const text = toYaml(item, `${indent}  `);
        return isMap(item) ? `\n${indent}- ${text.trimStart()}` : `\n${indent}- ${text}`;
      })
      .join('');
  }
  if (isMap(value)) {
    if (Object.keys(value).length === 0) return '{}';
    return Object.entries(value)
      .map(([key, item]) => {
        const text = toYaml(item, `${indent}  `);
        return (isMap(item) && Object.keys(item).length > 0) || (Array.isArray(item) && item.length > 0)
          ? `\n${indent}${key}:${text}`
          : `\n${indent}${key}: ${text}`;
      })
      .join('');
  }
  return JSON.stringify(value);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
