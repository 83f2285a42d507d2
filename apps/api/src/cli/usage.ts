/** The usage texts: an overview of every command, and per group its flags and exit codes. */
import { DEFAULT_API_URL } from './api-client.js';
import type { CommandGroup } from './command.js';

export const API_FLAGS_TEXT = `API flags:
  --api URL          the API (default: CANDOR_API_URL, else ${DEFAULT_API_URL}); "/graphql" is
                     appended
  --token-file PATH  read your API token from the first line of PATH (default: CANDOR_TOKEN)
  --token T          discouraged (warns on stderr): the token itself, which lands in your shell
                     history, the process list and what pnpm echoes`;

export const COMMON_FLAGS_TEXT = `common flags:
  --json         print the raw result as JSON on stdout instead of text
  -h, --help     show the usage of a command group`;

export const OUTPUT_TEXT = `output:
  Results go to stdout (ids, tokens, hashes: one per line, easy to capture in scripts);
  progress, warnings and errors go to stderr. No token is ever printed except the one just
  created, once.`;

export const EXIT_CODES_TEXT = `exit codes:
  0  success
  1  refused by the server (its code, message, field and every problem are printed), or a
     verification found problems
  2  usage error: unknown command or flag, missing or malformed flag, unreadable input file,
     invalid environment variable
  3  cannot reach the API, or authentication failed (UNAUTHENTICATED: no token, or a malformed,
     unknown, revoked or expired one)`;

/** `pnpm candor help`: every command with its flags. */
export function overview(groups: readonly CommandGroup[]): string {
  const rows = groups.flatMap((group) => group.synopsis);
  const width = Math.min(56, Math.max(...rows.map(([command]) => command.length)));
  const line = ([command, summary]: readonly [string, string]) =>
    command.length > width
      ? `  ${command}\n  ${' '.repeat(width)}  ${summary}`
      : `  ${command.padEnd(width)}  ${summary}`;
  const section = (names: readonly string[]) =>
    groups
      .filter((g) => names.includes(g.name))
      .flatMap((g) => g.synopsis)
      .map(line)
      .join('\n');
  const apiGroups = groups.map((g) => g.name).filter((name) => !DATABASE_GROUPS.includes(name));
  return `usage: pnpm candor <command> [flags]

Operator and editor commands for Candor. "pnpm candor <command> --help" shows one command's flags.

database and key commands (on this machine: DATABASE_URL directly, default data/candor.db;
the signing key in CANDOR_DATA_DIR, default data/):
${section(DATABASE_GROUPS)}

API commands (talk to the API over HTTP):
${section(apiGroups)}

${API_FLAGS_TEXT}

${COMMON_FLAGS_TEXT}

${OUTPUT_TEXT}

${EXIT_CODES_TEXT}
`;
}

const DATABASE_GROUPS: readonly string[] = ['db', 'keys', 'init', 'admin', 'import'];

/** `pnpm candor <group> --help`. */
export function groupHelp(group: CommandGroup): string {
  const api = DATABASE_GROUPS.includes(group.name) ? '' : `\n${API_FLAGS_TEXT}\n`;
  return `${group.usage.trimEnd()}\n${api}\n${COMMON_FLAGS_TEXT}\n\n${EXIT_CODES_TEXT}\n`;
}
