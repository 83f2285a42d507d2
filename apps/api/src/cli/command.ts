/** The shape of a command group (`draft`, `token`, `publish`, …) and subcommand dispatch. */
import { UsageError } from './errors.js';

export interface CommandGroup {
  /** The first word on the command line. */
  name: string;
  /** One line per command for the overview: `<command and flags>` and what it does. */
  synopsis: readonly (readonly [command: string, summary: string])[];
  /** The full text `pnpm candor <name> --help` prints, without the trailing common sections. */
  usage: string;
  /** Runs the words after the group name; returns the exit code or throws a CliError. */
  run(argv: readonly string[]): Promise<number>;
}

export type Subcommand = (argv: readonly string[]) => Promise<number>;

/** Runs the subcommand named by argv's first word. */
export function dispatch(
  group: string,
  argv: readonly string[],
  subcommands: Record<string, Subcommand>,
): Promise<number> {
  const [name, ...rest] = argv;
  const names = Object.keys(subcommands);
  const expected = `expected ${names.slice(0, -1).join(', ')}${names.length > 1 ? ' or ' : ''}${names.at(-1)}`;
  if (name === undefined || name.startsWith('-'))
    throw new UsageError(`${group}: missing subcommand; ${expected}`, group);
  const subcommand = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (subcommand === undefined) throw new UsageError(`${group}: unknown subcommand "${name}"; ${expected}`, group);
  return subcommand(rest);
}
