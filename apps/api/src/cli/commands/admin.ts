/** `admin bootstrap`: the first admin token, straight into the database. */
import { bootstrapAdmin, DomainError } from '@candor/schema';
import { clockFrom, loadEnv } from '../../env.js';
import { parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { fromDomainError } from '../domain-error.js';
import { RefusedError } from '../errors.js';
import { emit, progress } from '../output.js';
import { withMigratedDatabase } from './db.js';

async function bootstrap(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { email: { type: 'string' }, name: { type: 'string' } }, 'admin');
  const email = flags.required('email');
  const name = flags.required('name');
  const now = clockFrom(loadEnv())();
  const created = await withMigratedDatabase(async (database) => {
    try {
      return await bootstrapAdmin(database.prisma, { email, name }, now);
    } catch (error) {
      if (error instanceof DomainError) throw new RefusedError(fromDomainError(error));
      throw error;
    }
  });
  emit(flags.json, { token: created.token, prefix: created.prefix, email: email.trim().toLowerCase() }, () => [
    created.token,
  ]);
  progress(
    `Admin token ${created.prefix} created for ${email.trim().toLowerCase()}. Store it now (e.g. in a password manager): it is shown only this once.`,
  );
  return 0;
}

export const adminCommands: CommandGroup = {
  name: 'admin',
  synopsis: [['admin bootstrap --email E --name N', 'create the first admin and print its token once']],
  usage: `usage:
  pnpm candor admin bootstrap --email E --name N

Creates the first admin (or reuses the admin with that email) and an API token for it, directly
in DATABASE_URL (migrated first). The token is printed once on stdout; store it. Refused (exit 1)
as soon as any API token exists: from then on, admins create tokens with "token create".

flags:
  --email E      the admin's email address
  --name N       the admin's name`,
  run: (argv) => dispatch('admin', argv, { bootstrap }),
};
