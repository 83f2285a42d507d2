/**
 * `admin bootstrap` (the first admin token) and `admin recover` (a lost last admin): the two ways
 * to an admin token that go straight to the database, so they need DATABASE_URL access rather
 * than a token. Each runs in one transaction with its audit event.
 */
import { bootstrapAdmin, DomainError, recoverAdmin } from '@candor/schema';
import { clockFrom, loadEnv } from '../../env.js';
import { parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { fromDomainError } from '../domain-error.js';
import { RefusedError } from '../errors.js';
import { emit, progress } from '../output.js';
import { withMigratedDatabase } from './db.js';

type PeopleTx = Parameters<typeof recoverAdmin>[0];

/** Runs `work` in one transaction of DATABASE_URL; a DomainError becomes a refusal (exit 1). */
function inDatabase<T>(work: (tx: PeopleTx) => Promise<T>): Promise<T> {
  return withMigratedDatabase(async (database) => {
    try {
      return await database.prisma.$transaction((tx) => work(tx));
    } catch (error) {
      if (error instanceof DomainError) throw new RefusedError(fromDomainError(error));
      throw error;
    }
  });
}

async function bootstrap(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { email: { type: 'string' }, name: { type: 'string' } }, 'admin');
  const email = flags.required('email');
  const name = flags.required('name');
  const now = clockFrom(loadEnv())();
  const created = await inDatabase((tx) => bootstrapAdmin(tx, { email, name }, now));
  emit(flags.json, { token: created.token, prefix: created.prefix, email: email.trim().toLowerCase() }, () => [
    created.token,
  ]);
  progress(
    `Admin token ${created.prefix} created for ${email.trim().toLowerCase()}. Store it now (e.g. in a password manager): it is shown only this once.`,
  );
  return 0;
}

async function recover(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { email: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' } },
    'admin',
  );
  const email = flags.required('email');
  const name = flags.string('name');
  const now = clockFrom(loadEnv())();
  const recovered = await inDatabase((tx) => recoverAdmin(tx, { email, name, force: flags.has('force') }, now));
  emit(flags.json, { token: recovered.token, prefix: recovered.prefix, email: recovered.email }, () => [
    recovered.token,
  ]);
  const revoked =
    recovered.revokedTokens === 0
      ? ''
      : ` ${recovered.revokedTokens} old token${recovered.revokedTokens === 1 ? '' : 's'} of theirs revoked.`;
  progress(
    `Admin ${recovered.email} ${recovered.outcome}; token ${recovered.prefix} created (audited as recoverAdmin).${revoked} Store it now: it is shown only this once.`,
  );
  return 0;
}

export const adminCommands: CommandGroup = {
  name: 'admin',
  synopsis: [
    ['admin bootstrap --email E --name N', 'create the first admin and print its token once'],
    ['admin recover --email E [--name N] [--force]', 'recover a lost last admin; prints a new token once'],
  ],
  usage: `usage:
  pnpm candor admin bootstrap --email E --name N
  pnpm candor admin recover --email E [--name N] [--force]

Both talk to DATABASE_URL directly (migrated first): whoever runs them needs access to the
database itself, not a token. The token is printed once on stdout; store it.

"bootstrap" creates the first admin (or reuses the admin with that email) and a token for it.
Refused (exit 1, CONFLICT) as soon as any API token exists: from then on, people enrol with
invitations ("invite create", "enrol").

"recover" is for a lost last admin: when no enabled admin holds a live token (all revoked,
expired or lost with a laptop), it creates the admin with that email (--name needed), or
re-enables / promotes the editor who has it, revokes that editor's old live tokens and prints a
new one ("recovery"). The audit log records it as recoverAdmin, with no token behind it.
Refused (CONFLICT, naming them) while an enabled admin holds a live token: ask them instead, or
pass --force when that token is compromised or lost and cannot be revoked through the API.

flags:
  --email E      the admin's email address
  --name N       the admin's name (recover: only needed for a new editor)
  --force        recover: even though another admin still holds a live token`,
  run: (argv) => dispatch('admin', argv, { bootstrap, recover }),
};
