/**
 * Starts one of the benchmark's own servers (bare-http.ts, in-memory-yoga.ts) as a separate node
 * process — so its CPU time and peak memory can be read from /proc/<pid> — and waits for the
 * `{"port":…}` line it prints once it listens.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ScriptServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const benchRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function startScriptServer(script: string, env: Record<string, string>): Promise<ScriptServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], {
    cwd: benchRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    // In production mode like Candor under `pnpm start` (apps/api/src/production-mode.ts), so that
    // the comparison servers skip graphql-js's development-time checks too.
    env: { NODE_ENV: 'production', ...process.env, ...env },
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    void exit.then(() => reject(new Error(`${script} exited before listening`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`${script} printed ${line}`));
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}
