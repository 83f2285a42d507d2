import { DomainError } from '../domain/errors.js';
import { createTokenFor, EDITOR_ROLES, validateEditorInput } from '../services/editors.js';
import { builder } from './builder.js';
import { MutationErrorRef, refusedByRole, runMutation } from './mutation-result.js';
import { pageSize } from './pagination.js';

const EditorRoleEnum = builder.enumType('EditorRole', {
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
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    tokens: t.relation('tokens', { authScopes: { admin: true }, query: { orderBy: { createdAt: 'desc' } } }),
  }),
});

builder.prismaObject('ApiToken', {
  description: 'An API token. The secret is shown once at creation; only its SHA-256 is stored.',
  authScopes: { admin: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'Identifies the token (cnd_<prefix>_…) without revealing it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    editor: t.relation('editor'),
  }),
});

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
    authScopes: { admin: true },
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

builder.mutationField('createEditor', (t) =>
  t.field({
    type: EditorPayload,
    description: 'Adds an editor (admins only).',
    authScopes: { admin: true },
    unauthorizedResolver: refusedByRole('createEditor', 'Editor'),
    args: {
      email: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      role: t.arg({ type: EditorRoleEnum, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'createEditor', subjectType: 'Editor' }, async (tx) => {
        const input = validateEditorInput(args);
        if ((await tx.editor.count({ where: { email: input.email } })) > 0) {
          throw new DomainError('CONFLICT', `An editor with email ${input.email} exists`, 'email');
        }
        const editor = await tx.editor.create({ data: { ...input, role: args.role, createdAt: ctx.now } });
        return {
          result: editor,
          audit: { subjectId: editor.id, afterId: editor.id, detail: `${input.email} as ${args.role}` },
        };
      });
      return { editor: outcome.value, error: outcome.error };
    },
  }),
);

const TokenPayload = builder.simpleObject('CreateTokenPayload', {
  fields: (t) => ({
    token: t.string({ nullable: true, description: 'The secret. Shown only in this response: store it now.' }),
    prefix: t.string({ nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('createToken', (t) =>
  t.field({
    type: TokenPayload,
    description: 'Creates an API token for an editor (admins only). The secret is returned once.',
    authScopes: { admin: true },
    unauthorizedResolver: refusedByRole('createToken', 'ApiToken'),
    args: {
      email: t.arg.string({ required: true, description: 'The editor the token acts as.' }),
      name: t.arg.string({ required: true, description: 'What the token is for, e.g. "legal laptop".' }),
      expiresAt: t.arg({ type: 'DateTime' }),
    },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'createToken', subjectType: 'ApiToken' }, async (tx) => {
        const editor = await tx.editor.findUnique({ where: { email: args.email.trim().toLowerCase() } });
        if (editor === null) throw new DomainError('NOT_FOUND', `No editor with email ${args.email}`, 'email');
        const created = await createTokenFor(
          tx,
          { editorId: editor.id, name: args.name, expiresAt: args.expiresAt ?? null },
          ctx.now,
        );
        return {
          result: created,
          audit: {
            subjectId: created.tokenId,
            afterId: created.tokenId,
            detail: `token ${created.prefix} for ${editor.email}`,
          },
        };
      });
      return { token: outcome.value?.token ?? null, prefix: outcome.value?.prefix ?? null, error: outcome.error };
    },
  }),
);

const RevokePayload = builder.simpleObject('RevokeTokenPayload', {
  fields: (t) => ({
    revoked: t.boolean({ nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('revokeToken', (t) =>
  t.field({
    type: RevokePayload,
    description: 'Revokes a token by its prefix (admins only). Takes effect on the next request.',
    authScopes: { admin: true },
    unauthorizedResolver: refusedByRole('revokeToken', 'ApiToken'),
    args: { prefix: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'revokeToken', subjectType: 'ApiToken' }, async (tx) => {
        const token = await tx.apiToken.findUnique({ where: { prefix: args.prefix } });
        if (token === null) throw new DomainError('NOT_FOUND', `No token with prefix ${args.prefix}`, 'prefix');
        if (token.revokedAt !== null)
          throw new DomainError('CONFLICT', `Token ${args.prefix} is already revoked`, 'prefix');
        await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: ctx.now } });
        return { result: true, audit: { subjectId: token.id, detail: `token ${token.prefix}` } };
      });
      return { revoked: outcome.value ?? false, error: outcome.error };
    },
  }),
);
