/** `token create`, `token revoke`: API tokens (admins only). */
import { connect, ERROR_SELECTION, type Payload } from '../api-client.js';
import { API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { emit, progress } from '../output.js';

interface CreateTokenPayload extends Payload {
  token: string | null;
  prefix: string | null;
}

interface RevokeTokenPayload extends Payload {
  revoked: boolean | null;
}

async function create(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { ...API_FLAGS, email: { type: 'string' }, name: { type: 'string' }, 'expires-at': { type: 'string' } },
    'token',
  );
  const email = flags.required('email');
  const name = flags.required('name');
  const expiresAt = flags.instant('expires-at');
  const payload = await connect(flags).mutate<CreateTokenPayload>(
    `mutation CreateToken($email: String!, $name: String!, $expiresAt: DateTime) {
      createToken(email: $email, name: $name, expiresAt: $expiresAt) { token prefix ${ERROR_SELECTION} }
    }`,
    { email, name, expiresAt: expiresAt?.toISOString() ?? null },
    'createToken',
  );
  const { token, prefix } = payload;
  if (token === null) throw new Error('createToken answered neither a token nor an error');
  // The one place a token is printed: the secret was just created and is never shown again.
  emit(flags.json, payload, () => [token]);
  progress(
    `Token ${prefix} for ${email}${expiresAt === undefined ? '' : `, expiring ${expiresAt.toISOString()}`}. Store it now (e.g. in a password manager): it is shown only this once.`,
  );
  return 0;
}

async function revoke(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, prefix: { type: 'string' } }, 'token');
  // "cnd_<prefix>" is accepted too, as people copy it from the start of a token.
  const prefix = flags.required('prefix').replace(/^cnd_/, '');
  const payload = await connect(flags).mutate<RevokeTokenPayload>(
    `mutation RevokeToken($prefix: String!) { revokeToken(prefix: $prefix) { revoked ${ERROR_SELECTION} } }`,
    { prefix },
    'revokeToken',
  );
  emit(flags.json, payload, () => [`revoked ${prefix}`]);
  return 0;
}

export const tokenCommands: CommandGroup = {
  name: 'token',
  synopsis: [
    ['token create --email E --name N [--expires-at ISO]', 'create a token for an editor; prints it once'],
    ['token revoke --prefix P', 'revoke a token by its prefix'],
  ],
  usage: `usage:
  pnpm candor token create --email E --name N [--expires-at ISO]
  pnpm candor token revoke --prefix P

Admins only. "create" prints the new token (cnd_<prefix>_<secret>) on stdout, once: it is
stored only as a hash and cannot be shown again. "revoke" takes effect on the next request.

flags:
  --email E        the editor the token acts as
  --name N         what the token is for, e.g. "legal laptop"
  --expires-at T   when it stops working: 2027-01-01 or 2027-01-01T00:00:00Z (default: never)
  --prefix P       the token's prefix (the part after "cnd_"), as listed in the audit log`,
  run: (argv) => dispatch('token', argv, { create, revoke }),
};
