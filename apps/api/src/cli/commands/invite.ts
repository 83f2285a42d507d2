/**
 * `invite create|list|revoke` (admins) and `enrol` (the invitee, with no token): how people get
 * their editor record and first token. The code is read from a file or stdin, never from the
 * command line, where it would stay in shell history.
 */
import { createInterface } from 'node:readline';
import { graphql } from '../../generated/cli/index.js';
import { connect, connectAnonymously } from '../api-client.js';
import { API_FLAGS, PUBLIC_API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { UsageError } from '../errors.js';
import { readInputFile } from '../files.js';
import { emit, instant, progress } from '../output.js';

const ROLES = ['editor', 'publisher', 'admin'] as const;
const STATES = ['pending', 'redeemed', 'revoked', 'expired'] as const;

graphql(`
  fragment InvitationRow on Invitation {
    prefix
    email
    name
    role
    state
    createdAt
    expiresAt
    redeemedAt
    revokedAt
    invitedBy { email }
    editor { email }
  }
`);

const CREATE = graphql(`
  mutation InviteCreate($email: String!, $name: String!, $role: EditorRole!, $expiresInDays: Int) {
    createInvitation(email: $email, name: $name, role: $role, expiresInDays: $expiresInDays) {
      code
      invitation { ...InvitationRow }
      error { ...CliMutationError }
    }
  }
`);

const LIST = graphql(`
  query InviteList($state: InvitationState) {
    invitations(state: $state) { ...InvitationRow }
  }
`);

const REVOKE = graphql(`
  mutation InviteRevoke($prefix: String!) {
    revokeInvitation(prefix: $prefix) { invitation { ...InvitationRow } error { ...CliMutationError } }
  }
`);

const ENROL = graphql(`
  mutation Enrol($code: String!, $tokenName: String) {
    enrol(code: $code, tokenName: $tokenName) { token prefix email name role error { ...CliMutationError } }
  }
`);

async function create(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      ...API_FLAGS,
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'expires-in-days': { type: 'string' },
    },
    'invite',
  );
  const variables = {
    email: flags.required('email'),
    name: flags.required('name'),
    role: flags.choice('role', ROLES).toUpperCase() as Uppercase<(typeof ROLES)[number]>,
    expiresInDays: flags.integer('expires-in-days', 1, 30) ?? null,
  };
  const payload = await connect(flags).mutate(CREATE, variables, 'createInvitation');
  const { code, invitation } = payload;
  if (code === null || invitation === null) throw new Error('createInvitation answered neither a code nor an error');
  // The one place a code is printed: it was just created and is never shown again.
  emit(flags.json, payload, () => [code]);
  progress(
    `Invitation ${invitation.prefix} for ${invitation.email} as ${invitation.role.toLowerCase()}, valid until ${invitation.expiresAt}. Pass the code to them over a channel you trust; it works once and is shown only this once. They run: pnpm candor enrol --code-file <file holding the code>`,
  );
  return 0;
}

async function list(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, state: { type: 'string' } }, 'invite');
  const state = flags.has('state')
    ? (flags.choice('state', STATES).toUpperCase() as Uppercase<(typeof STATES)[number]>)
    : null;
  const data = await connect(flags).query(LIST, { state });
  emit(flags.json, data.invitations, () =>
    data.invitations.map((i) =>
      [
        i.prefix,
        i.email,
        i.role.toLowerCase(),
        i.state.toLowerCase(),
        i.createdAt,
        i.expiresAt,
        i.invitedBy.email,
        i.editor?.email ?? instant(null),
      ].join('\t'),
    ),
  );
  if (!flags.json) progress(`${data.invitations.length} invitation${data.invitations.length === 1 ? '' : 's'}`);
  return 0;
}

async function revoke(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, prefix: { type: 'string' } }, 'invite');
  const prefix = flags.required('prefix').replace(/^cni_/, '');
  const payload = await connect(flags).mutate(REVOKE, { prefix }, 'revokeInvitation');
  emit(flags.json, payload, () => [`revoked ${prefix}`]);
  return 0;
}

export const inviteCommands: CommandGroup = {
  name: 'invite',
  synopsis: [
    [
      'invite create --email E --name N --role editor|publisher|admin [--expires-in-days N]',
      'invite a person; prints their one-time code once (admins only)',
    ],
    ['invite list [--state pending|redeemed|revoked|expired]', 'invitations, newest first (admins only)'],
    ['invite revoke --prefix P', 'revoke a pending invitation (admins only)'],
  ],
  usage: `usage:
  pnpm candor invite create --email E --name N --role editor|publisher|admin [--expires-in-days N]
  pnpm candor invite list [--state pending|redeemed|revoked|expired]
  pnpm candor invite revoke --prefix P

Admins only. "create" prints the invitation's one-time code (cni_<prefix>_<secret>) on stdout,
once: pass it to the person over a channel you trust. They redeem it with "pnpm candor enrol"
for their own editor record and first token; you never hold their token. The code works once,
for --expires-in-days days (default 7, at most 30). Refused (CONFLICT) for an email that is
already an editor's, or that has a pending invitation (revoke that one first).

"list" prints one invitation per line, tab-separated: prefix, email, role, state, created,
expires, invited by, enrolled editor ("—" until redeemed).

flags:
  --email E            the person's email address (it becomes their editor identity)
  --name N             their name
  --role R             editor, publisher or admin
  --expires-in-days N  how long the code works, 1 to 30 days (default 7)
  --state S            list: only pending, redeemed, revoked or expired invitations
  --prefix P           the invitation's prefix (after "cni_"), as "invite list" shows it`,
  run: (argv) => dispatch('invite', argv, { create, list, revoke }),
};

/** The code from `--code-file` (`-` for stdin) or stdin, prompting when stdin is a terminal. */
async function readCode(file: string | undefined): Promise<string> {
  let text: string;
  if (file !== undefined && file !== '-') text = readInputFile(file, 'code-file', 'enrol');
  else if (process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    text = await new Promise<string>((resolve) => lines.question('Invitation code: ', resolve));
    lines.close();
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  }
  const code = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '');
  if (code === undefined) {
    throw new UsageError('no invitation code: paste it on stdin or pass --code-file PATH', 'enrol');
  }
  return code;
}

async function enrol(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      ...PUBLIC_API_FLAGS,
      'code-file': { type: 'string' },
      code: { type: 'string' },
      'token-name': { type: 'string' },
    },
    'enrol',
  );
  if (flags.has('code')) {
    throw new UsageError(
      '--code would leave your invitation code in shell history; pass --code-file PATH or paste it on stdin',
      'enrol',
    );
  }
  const code = await readCode(flags.string('code-file'));
  // No token is sent: the code is the credential, and a stale CANDOR_TOKEN must not get in the way.
  const payload = await connectAnonymously(flags).mutate(
    ENROL,
    { code, tokenName: flags.string('token-name') ?? null },
    'enrol',
  );
  const { token } = payload;
  if (token === null) throw new Error('enrol answered neither a token nor an error');
  // The one place this token is printed: it was just created and is never shown again.
  emit(flags.json, payload, () => [token]);
  progress(
    `Welcome, ${payload.name}: you are enrolled as ${payload.role?.toLowerCase()} (${payload.email}). Your token ${payload.prefix} is printed above, once: store it now (e.g. in a password manager) and use it through CANDOR_TOKEN or --token-file.`,
  );
  return 0;
}

export const enrolCommand: CommandGroup = {
  name: 'enrol',
  synopsis: [['enrol [--code-file PATH] [--token-name N]', 'redeem an invitation code; prints your token once']],
  usage: `usage:
  pnpm candor enrol --code-file PATH [--token-name N]
  pnpm candor enrol < code.txt
  pnpm candor enrol                       (then paste the code when asked)

Redeems the invitation code an admin gave you for your own editor record and first API token,
printed on stdout once: store it. Needs no token; the code works once. The code is read from
--code-file PATH ("-" for stdin) or stdin, never from the command line (no --code: it would stay
in your shell history). Refused (exit 1) with INVITATION_REDEEMED, INVITATION_EXPIRED or
INVITATION_REVOKED (ask an admin for a new invitation), NOT_FOUND for an unknown code,
BAD_USER_INPUT for something that is not a code.

flags:
  --code-file PATH   a file whose first non-empty line is the code ("-": stdin)
  --token-name N     what your first token is for, e.g. "laptop" (default "enrolment")`,
  run: enrol,
};
