/**
 * `editor list`, `editor set-role`, `editor disable`: the people who act through the API (admins
 * only). Editors are not created here: they enrol with an invitation (`invite create`, `enrol`).
 */
import { graphql } from '../../generated/cli/index.js';
import { connect } from '../api-client.js';
import { API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { emit, instant, progress } from '../output.js';

const ROLES = ['editor', 'publisher', 'admin'] as const;

graphql(`
  fragment EditorRow on Editor {
    email
    name
    role
    createdAt
    disabledAt
    invitedBy { email }
  }
`);

const LIST = graphql(`
  query EditorList {
    editors { ...EditorRow }
  }
`);

const SET_ROLE = graphql(`
  mutation EditorSetRole($email: String!, $role: EditorRole!) {
    setEditorRole(email: $email, role: $role) { editor { ...EditorRow } error { ...CliMutationError } }
  }
`);

const DISABLE = graphql(`
  mutation EditorDisable($email: String!) {
    disableEditor(email: $email) { editor { ...EditorRow } error { ...CliMutationError } }
  }
`);

async function list(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS }, 'editor');
  const data = await connect(flags).query(LIST, {});
  emit(flags.json, data.editors, () =>
    data.editors.map((e) =>
      [
        e.email,
        e.role.toLowerCase(),
        e.disabledAt === null ? 'enabled' : 'disabled',
        e.createdAt,
        e.invitedBy?.email ?? '—',
        e.name,
      ].join('\t'),
    ),
  );
  if (!flags.json) progress(`${data.editors.length} editor${data.editors.length === 1 ? '' : 's'}`);
  return 0;
}

async function setRole(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, email: { type: 'string' }, role: { type: 'string' } }, 'editor');
  const role = flags.choice('role', ROLES).toUpperCase() as Uppercase<(typeof ROLES)[number]>;
  const payload = await connect(flags).mutate(SET_ROLE, { email: flags.required('email'), role }, 'setEditorRole');
  const editor = payload.editor;
  if (editor === null) throw new Error('setEditorRole answered neither an editor nor an error');
  emit(flags.json, payload, () => [`${editor.email}\t${editor.role.toLowerCase()}`]);
  return 0;
}

async function disable(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, email: { type: 'string' } }, 'editor');
  const payload = await connect(flags).mutate(DISABLE, { email: flags.required('email') }, 'disableEditor');
  const editor = payload.editor;
  if (editor === null) throw new Error('disableEditor answered neither an editor nor an error');
  emit(flags.json, payload, () => [`${editor.email}\tdisabled\t${instant(editor.disabledAt)}`]);
  progress(`${editor.email} is disabled: their tokens stopped working; what they did stays in the record`);
  return 0;
}

export const editorCommands: CommandGroup = {
  name: 'editor',
  synopsis: [
    ['editor list', 'every editor: role, enabled, created, invited by (admins only)'],
    ['editor set-role --email E --role editor|publisher|admin', "change an editor's role (admins only)"],
    ['editor disable --email E', 'disable an editor: their tokens stop at once (admins only)'],
  ],
  usage: `usage:
  pnpm candor editor list
  pnpm candor editor set-role --email E --role editor|publisher|admin
  pnpm candor editor disable --email E

Admins only. Roles nest: an editor drafts; a publisher also approves, publishes and imports
consent statistics; an admin also invites people and manages editors and tokens. New editors
are not added here: an admin invites them ("invite create") and they enrol ("enrol").

"list" prints one editor per line, tab-separated: email, role, enabled|disabled, created,
invited by ("—" for an admin made from the database), name.

"set-role" prints "<email> <role>". "disable" revokes the editor's tokens (their next request
gets 401) and the invitations they sent that are still pending; what they drafted, approved or
published stays theirs. Demoting or disabling the last enabled admin with a live token is
refused (LAST_ADMIN): enrol another admin first.

flags:
  --email E      the editor's email address
  --role R       editor, publisher or admin`,
  run: (argv) => dispatch('editor', argv, { list, 'set-role': setRole, disable }),
};
