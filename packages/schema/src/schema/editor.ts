/**
 * Editors (the people who act through the API), their roles, and the audit log. Editors are not
 * created here: they enrol with an invitation (invitation.ts); tokens are in api-token.ts.
 */
import { disableEditor, EDITOR_ROLES, setEditorRole } from '../services/editors.js';
import { builder } from './builder.js';
import { listEstimate } from './cost.js';
import { MutationErrorRef, refusedByRole, runMutation } from './mutation-result.js';
import { pageSize } from './pagination.js';

export const EditorRoleEnum = builder.enumType('EditorRole', {
  description: 'EDITOR drafts; PUBLISHER also approves and publishes; ADMIN also manages editors and tokens.',
  values: EDITOR_ROLES,
});

export const EditorRef = builder.prismaObject('Editor', {
  description: 'A person who drafts, approves or administers. Visible to authenticated editors only.',
  authScopes: { editor: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: EditorRoleEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    disabledAt: t.expose('disabledAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Set when an admin disabled them: their tokens stopped at once; what they did stays theirs.',
    }),
    tokens: t.relation('tokens', {
      authScopes: { admin: true },
      extensions: listEstimate(10),
      query: { orderBy: { createdAt: 'desc' } },
    }),
  }),
});

// Added after the ref exists, since it returns an Editor too.
builder.prismaObjectField(EditorRef, 'invitedBy', (t) =>
  t.field({
    type: EditorRef,
    nullable: true,
    description: 'The admin whose invitation they enrolled with; null for an admin made from the database.',
    select: (_args, _ctx, nestedSelection) => ({
      enrolledWith: { take: 1, select: { invitedBy: nestedSelection() } },
    }),
    resolve: (editor) => editor.enrolledWith[0]?.invitedBy ?? null,
  }),
);

const AuditOutcomeEnum = builder.enumType('AuditOutcome', { values: ['OK', 'REFUSED', 'ERROR'] as const });

builder.prismaObject('AuditEvent', {
  description: 'One mutation attempt: who, with which token, what, on what, when, and how it ended.',
  authScopes: { admin: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    editor: t.relation('editor', { nullable: true }),
    tokenPrefix: t.string({
      nullable: true,
      select: { token: { select: { prefix: true } } },
      resolve: (event) => event.token?.prefix ?? null,
    }),
    action: t.exposeString('action'),
    subjectType: t.exposeString('subjectType'),
    subjectId: t.exposeString('subjectId', { nullable: true }),
    beforeId: t.exposeString('beforeId', { nullable: true }),
    afterId: t.exposeString('afterId', { nullable: true }),
    outcome: t.expose('outcome', { type: AuditOutcomeEnum }),
    errorCode: t.exposeString('errorCode', { nullable: true }),
    detail: t.exposeString('detail'),
  }),
});

builder.queryFields((t) => ({
  viewer: t.prismaField({
    type: EditorRef,
    nullable: true,
    description: 'The editor behind the bearer token, or null for the public.',
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer === null ? null : ctx.prisma.editor.findUnique({ ...query, where: { id: ctx.viewer.editorId } }),
  }),
  editors: t.prismaField({
    type: [EditorRef],
    extensions: listEstimate(20),
    authScopes: { admin: true },
    description: 'Every editor, disabled ones included, by email (admins only).',
    resolve: (query, _root, _args, ctx) => ctx.prisma.editor.findMany({ ...query, orderBy: { email: 'asc' } }),
  }),
  auditLog: t.prismaConnection({
    type: 'AuditEvent',
    cursor: 'id',
    ...pageSize,
    authScopes: { admin: true },
    description: 'Every mutation attempt, newest first (admins only).',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.auditEvent.findMany({ ...query, orderBy: [{ at: 'desc' }, { id: 'desc' }] }),
  }),
}));

const EditorPayload = builder.simpleObject('EditorPayload', {
  fields: (t) => ({
    editor: t.field({ type: EditorRef, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('setEditorRole', (t) =>
  t.field({
    type: EditorPayload,
    description:
      'Changes an editor’s role (admins only). Refused with LAST_ADMIN when it would leave no enabled admin with a live token.',
    authScopes: { admin: true },
    unauthorizedResolver: refusedByRole('setEditorRole', 'Editor'),
    args: {
      email: t.arg.string({ required: true }),
      role: t.arg({ type: EditorRoleEnum, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'setEditorRole', subjectType: 'Editor' }, async (tx) => {
        const { editor, detail } = await setEditorRole(tx, args, ctx.now);
        return { result: editor, audit: { subjectId: editor.id, afterId: editor.id, detail } };
      });
      return { editor: outcome.value, error: outcome.error };
    },
  }),
);

builder.mutationField('disableEditor', (t) =>
  t.field({
    type: EditorPayload,
    description:
      'Disables an editor (admins only): their tokens stop at once (401) and are revoked, their pending invitations too; their history stays. Refused with LAST_ADMIN for the last enabled admin with a live token.',
    authScopes: { admin: true },
    unauthorizedResolver: refusedByRole('disableEditor', 'Editor'),
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'disableEditor', subjectType: 'Editor' }, async (tx) => {
        const { editor, detail } = await disableEditor(tx, args, ctx.now);
        return { result: editor, audit: { subjectId: editor.id, afterId: editor.id, detail } };
      });
      return { editor: outcome.value, error: outcome.error };
    },
  }),
);
