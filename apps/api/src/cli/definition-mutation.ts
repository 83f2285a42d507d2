/**
 * The admin mutations on definitions (updateOrganization, createSegment, retireDocument, …) all
 * take optional named arguments and answer `{ key error }`. One helper builds the mutation from
 * the arguments actually given, so "leave as it is" is simply an argument not sent.
 */
import { connect, ERROR_SELECTION, type Payload } from './api-client.js';
import type { Flags } from './args.js';
import { UsageError } from './errors.js';
import { emit, progress } from './output.js';

/** A GraphQL argument and its value; `undefined` leaves it out of the mutation. */
export type DefinitionArguments = Record<
  string,
  readonly [type: 'String!' | 'String' | 'Int' | '[String!]', value: unknown]
>;

interface DefinitionPayload extends Payload {
  key: string | null;
}

/**
 * Runs `mutation` with the given arguments, prints the key it answers (or the raw payload with
 * `--json`) and `done` on stderr.
 *
 * @throws UsageError when `optional` names arguments and none of them was given (an update that
 * would change nothing), RefusedError when the API refuses.
 */
export async function runDefinitionMutation(
  flags: Flags,
  mutation: string,
  args: DefinitionArguments,
  done: (key: string) => string,
  { optional }: { optional?: readonly string[] } = {},
): Promise<number> {
  const given = Object.entries(args).filter(([, [, value]]) => value !== undefined);
  if (optional !== undefined && !given.some(([name]) => optional.includes(name))) {
    throw new UsageError(
      `nothing to change: give at least one of ${optional.map((name) => `--${flagName(name)}`).join(', ')}`,
      flags.topic,
    );
  }
  const declarations = given.map(([name, [type]]) => `$${name}: ${type}`).join(', ');
  const call = given.map(([name]) => `${name}: $${name}`).join(', ');
  const payload = await connect(flags).mutate<DefinitionPayload>(
    `mutation Definition(${declarations}) { ${mutation}(${call}) { key ${ERROR_SELECTION} } }`,
    Object.fromEntries(given.map(([name, [, value]]) => [name, value])),
    mutation,
  );
  const key = payload.key ?? '';
  progress(done(key));
  emit(flags.json, payload, () => [key]);
  return 0;
}

/** The command-line spelling of a GraphQL argument: noticePeriodDays → notice-days. */
export function flagName(argument: string): string {
  return FLAG_NAMES[argument] ?? argument.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const FLAG_NAMES: Record<string, string> = { noticePeriodDays: 'notice-days', contactEmail: 'contact' };
