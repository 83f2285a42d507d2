/**
 * Flag parsing on node:util parseArgs, strict: an unknown flag, a stray word or a flag without
 * its value is a usage error (exit 2), never silently ignored.
 */
import { parseArgs } from 'node:util';
import { parseIsoInstant } from '@candor/schema/domain';
import { UsageError } from './errors.js';

export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given more than once (`--segment a=A --segment b=B`); read with Flags.list. */
  multiple?: boolean;
}
export type FlagSpecs = Record<string, FlagSpec>;

/** Accepted by every command. */
export const COMMON_FLAGS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies FlagSpecs;

/**
 * Accepted by every command that talks to the API. `--token` still works but warns: a token on the
 * command line lands in shell history, the process list and pnpm's echo of the command.
 */
export const API_FLAGS = {
  api: { type: 'string' },
  'token-file': { type: 'string' },
  token: { type: 'string' },
} as const satisfies FlagSpecs;

/** Accepted by the public API commands, which send no token. */
export const PUBLIC_API_FLAGS = {
  api: { type: 'string' },
} as const satisfies FlagSpecs;

/** Parsed flags of one command, with typed accessors that fail as usage errors. */
export class Flags {
  constructor(
    private readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>,
    /** The group whose usage to point at, e.g. "draft". */
    readonly topic: string,
  ) {}

  get json(): boolean {
    return this.values.json === true;
  }

  get help(): boolean {
    return this.values.help === true;
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' ? value : undefined;
  }

  /** Every value of a repeatable flag, in command-line order; empty when absent. */
  list(name: string): string[] {
    const value = this.values[name];
    if (Array.isArray(value)) return value;
    return typeof value === 'string' ? [value] : [];
  }

  /** Whether the flag was given at all. */
  has(name: string): boolean {
    return this.values[name] !== undefined;
  }

  /** A whole number from `min` to `max`, or undefined when absent. */
  integer(name: string, min: number, max: number): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number) || number < min || number > max)
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got "${value}"`, this.topic);
    return number;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`, this.topic);
    return value;
  }

  /** An ISO 8601 instant ("2026-07-02" or "2026-07-02T12:00:00Z"), or undefined when absent. */
  instant(name: string): Date | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const instant = parseIsoInstant(value);
    if (instant === null) {
      throw new UsageError(
        `--${name} must be an ISO 8601 date or instant with a zone, e.g. 2026-07-02 or 2026-07-02T12:00:00Z; got "${value}"`,
        this.topic,
      );
    }
    return instant;
  }

  /** One of `choices`, case-insensitively; returned as written in `choices`. */
  choice<T extends string>(name: string, choices: readonly T[]): T {
    const value = this.required(name);
    const found = choices.find((c) => c.toLowerCase() === value.toLowerCase());
    if (found === undefined) {
      throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got "${value}"`, this.topic);
    }
    return found;
  }
}

/**
 * Parses `argv` (the words after the command) against the command's own flags plus
 * COMMON_FLAGS.
 *
 * @throws UsageError for an unknown flag, a positional argument or a flag missing its value.
 */
export function parseFlags(argv: readonly string[], specs: FlagSpecs, topic: string): Flags {
  const options = { ...COMMON_FLAGS, ...specs };
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    return new Flags(values as Record<string, string | boolean | string[] | undefined>, topic);
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(firstSentence(error.message), topic);
    }
    throw error;
  }
}

/** True when the words ask for help (`--help` or `-h`), whatever else they hold. */
export const wantsHelp = (argv: readonly string[]): boolean => argv.some((word) => word === '--help' || word === '-h');

function firstSentence(message: string): string {
  // parseArgs appends advice about "--" that does not apply to these commands.
  const end = message.indexOf('. ');
  return end === -1 ? message : message.slice(0, end + 1);
}
