/**
 * `token create`, `token list`, `token revoke`: your API tokens. A token is made only by the
 * editor it acts as; people get their first one by enrolling with an invitation (`enrol`).
 */
import { graphql } from '../../generated/cli/index.js';
import { connect } from '../api-client.js';
import { API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { emit, instant, progress } from '../output.js';

const CREATE = graphql(`
  mutation TokenCreate($email: String, $name: String!, $expiresAt: DateTime) {
    createToken(email: $email, name: $name, expiresAt: $expiresAt) { token prefix error { ...CliMutationError } }
  }
`);

const LIST = graphql(`
  query TokenList($email: String) {
    tokens(email: $email) { prefix name createdAt expiresAt revokedAt lastUsedAt editor { email } }
  }
`);

const REVOKE = graphql(`
  mutation TokenRevoke($prefix: String!) {
    revokeToken(prefix: $prefix) { revoked error { ...CliMutationError } }
  }
`);

async function create(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { ...API_FLAGS, email: { type: 'string' }, name: { type: 'string' }, 'expires-at': { type: 'string' } },
    'token',
  );
  const name = flags.required('name');
  const expiresAt = flags.instant('expires-at');
  // --email is passed on for the server to refuse when it is not yours: a clear FORBIDDEN beats
  // an unknown-flag error for someone used to making tokens for others.
  const email = flags.string('email') ?? null;
  const payload = await connect(flags).mutate(
    CREATE,
    { email, name, expiresAt: expiresAt?.toISOString() ?? null },
    'createToken',
  );
  const { token, prefix } = payload;
  if (token === null) throw new Error('createToken answered neither a token nor an error');
  // The one place a token is printed: the secret was just created and is never shown again.
  emit(flags.json, payload, () => [token]);
  progress(
    `Token ${prefix} ("${name}") for you${expiresAt === undefined ? '' : `, expiring ${expiresAt.toISOString()}`}. Store it now (e.g. in a password manager or your CI's secrets): it is shown only this once.`,
  );
  return 0;
}

async function list(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, email: { type: 'string' } }, 'token');
  const data = await connect(flags).query(LIST, { email: flags.string('email') ?? null });
  emit(flags.json, data.tokens, () =>
    data.tokens.map((t) =>
      [
        t.prefix,
        t.editor.email,
        t.name,
        t.createdAt,
        instant(t.expiresAt),
        instant(t.revokedAt),
        instant(t.lastUsedAt),
      ].join('\t'),
    ),
  );
  if (!flags.json) progress(`${data.tokens.length} token${data.tokens.length === 1 ? '' : 's'}`);
  return 0;
}

async function revoke(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, prefix: { type: 'string' } }, 'token');
  // "cnd_<prefix>" is accepted too, as people copy it from the start of a token.
  const prefix = flags.required('prefix').replace(/^cnd_/, '');
  const payload = await connect(flags).mutate(REVOKE, { prefix }, 'revokeToken');
  emit(flags.json, payload, () => [`revoked ${prefix}`]);
  return 0;
}

export const tokenCommands: CommandGroup = {
  name: 'token',
  synopsis: [
    ['token create --name N [--expires-at ISO]', 'another token for yourself (e.g. for CI); prints it once'],
    ['token list [--email E]', 'your tokens (admins: everyone’s, or those of E), with last use'],
    ['token revoke --prefix P', 'revoke a token: your own, or (admins) anyone’s'],
  ],
  usage: `usage:
  pnpm candor token create --name N [--expires-at ISO]
  pnpm candor token list [--email E]
  pnpm candor token revoke --prefix P

"create" makes another token for you, the caller (a second laptop, CI), and prints it on stdout
(cnd_<prefix>_<secret>) once: it is stored only as a hash and cannot be shown again. Nobody can
make a token for someone else: people get their first token by enrolling with an invitation
("invite create", "enrol").

"list" prints, one per line and tab-separated: prefix, editor, name, created, expires, revoked,
last used ("—" for none). Last use is kept to the minute. Editors see their own tokens; admins see
everyone's, or one editor's with --email.

"revoke" takes effect on the next request. Editors revoke their own tokens, admins anyone's;
the last live token of the last admin who can act is refused (LAST_ADMIN).

flags:
  --name N         what the token is for, e.g. "ci"
  --expires-at T   when it stops working: 2027-01-01 or 2027-01-01T00:00:00Z (default: never)
  --email E        list: only this editor's tokens (admins)
  --prefix P       the token's prefix (the part after "cnd_"), as "token list" shows it`,
  run: (argv) => dispatch('token', argv, { create, list, revoke }),
};
