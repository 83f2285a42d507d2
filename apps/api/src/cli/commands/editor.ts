/** `editor create`: adds an editor (admins only). */
import { connect, ERROR_SELECTION, type Payload } from '../api-client.js';
import { API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { emit, progress } from '../output.js';

const ROLES = ['editor', 'publisher', 'admin'] as const;

interface EditorPayload extends Payload {
  editor: { id: string; email: string; name: string; role: string } | null;
}

async function create(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { ...API_FLAGS, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
    'editor',
  );
  const variables = {
    email: flags.required('email'),
    name: flags.required('name'),
    role: flags.choice('role', ROLES).toUpperCase(),
  };
  const payload = await connect(flags).mutate<EditorPayload>(
    `mutation CreateEditor($email: String!, $name: String!, $role: EditorRole!) {
      createEditor(email: $email, name: $name, role: $role) { editor { id email name role } ${ERROR_SELECTION} }
    }`,
    variables,
    'createEditor',
  );
  const editor = payload.editor;
  if (editor === null) throw new Error('createEditor answered neither an editor nor an error');
  progress(`editor ${editor.email} (${editor.role.toLowerCase()}) created; give them a token with "token create"`);
  emit(flags.json, payload, () => [`${editor.id}\t${editor.email}\t${editor.role.toLowerCase()}`]);
  return 0;
}

export const editorCommands: CommandGroup = {
  name: 'editor',
  synopsis: [['editor create --email E --name N --role editor|publisher|admin', 'add an editor (admins only)']],
  usage: `usage:
  pnpm candor editor create --email E --name N --role editor|publisher|admin

Adds an editor (admins only). Roles nest: an editor drafts; a publisher also approves,
publishes and imports consent statistics; an admin also manages editors and tokens.
Prints "<id> <email> <role>" (tab-separated).

flags:
  --email E      their email address (how tokens are created for them)
  --name N       their name
  --role R       editor, publisher or admin`,
  run: (argv) => dispatch('editor', argv, { create }),
};
