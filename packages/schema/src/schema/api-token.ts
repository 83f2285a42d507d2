/**
 * API tokens. A token is made only by the editor it acts as (`createToken`, e.g. a second token
 * for CI) or by enrolment (invitation.ts): nobody, admins included, can mint a token for someone
 * else, so every approval is the act of the person named on it (docs/publishing.md, "Who enrols whom").
 */

import { normalisePrefix } from '../domain/credentials.js';
import { DomainError } from '../domain/errors.js';
import { assertAdminRemains } from '../domain/people.js';
import { countActingAdmins, createTokenFor } from '../services/editors.js';
import { builder } from './builder.js';
import { userError } from './errors.js';
import { MutationErrorRef, refusedByRole, runMutation } from './mutation-result.js';

export const ApiTokenRef = builder.prismaObject('ApiToken', {
  description:
    'An API token. The secret is shown once at creation; only its SHA-256 is stored. Editors see their own, admins every one.',
  authScopes: { editor: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'Identifies the token (cnd_<prefix>_…) without revealing it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it last authenticated a request, to the minute (written at most once a minute).',
    }),
    editor: t.relation('editor'),
  }),
});

builder.queryFields((t) => ({
  tokens: t.prismaField({
    type: [ApiTokenRef],
    authScopes: { editor: true },
    description:
      'API tokens, newest first, revoked and expired ones included: your own, or (admins) everyone’s or those of `email`.',
    args: {
      email: t.arg.string({ description: 'Only this editor’s tokens (admins; others may name only themselves).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = ctx.viewer;
      if (viewer === null) return [];
      const email = args.email?.trim().toLowerCase();
      if (viewer.role !== 'ADMIN' && email !== undefined && email !== viewer.email) {
        throw userError('FORBIDDEN', 'Only admins may list the tokens of other editors', 'email');
      }
      let editorId: string | undefined;
      if (viewer.role !== 'ADMIN') editorId = viewer.editorId;
      else if (email !== undefined) {
        const editor = await ctx.prisma.editor.findUnique({ where: { email }, select: { id: true } });
        if (editor === null) throw userError('NOT_FOUND', `No editor with email ${email}`, 'email');
        editorId = editor.id;
      }
      return ctx.prisma.apiToken.findMany({
        ...query,
        where: editorId === undefined ? {} : { editorId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
    },
  }),
}));

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
    description:
      'Creates another API token for the caller (e.g. for CI). The secret is returned once. Tokens for other people do not exist: they enrol with an invitation.',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('createToken', 'ApiToken'),
    args: {
      email: t.arg.string({
        deprecationReason: 'A token is made only for the caller; when given, it must be your own email.',
      }),
      name: t.arg.string({ required: true, description: 'What the token is for, e.g. "ci".' }),
      expiresAt: t.arg({ type: 'DateTime' }),
    },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'createToken', subjectType: 'ApiToken' }, async (tx) => {
        const viewer = ctx.viewer;
        if (viewer === null) throw new DomainError('UNAUTHENTICATED', 'This needs an API token');
        const email = args.email?.trim().toLowerCase();
        if (email !== undefined && email !== viewer.email) {
          throw new DomainError(
            'FORBIDDEN',
            `A token is made only by the editor it acts as; invite ${email} (createInvitation) and they enrol with the code`,
            'email',
          );
        }
        const created = await createTokenFor(
          tx,
          { editorId: viewer.editorId, name: args.name, expiresAt: args.expiresAt ?? null },
          ctx.now,
        );
        return {
          result: created,
          audit: { subjectId: created.tokenId, afterId: created.tokenId, detail: `token ${created.prefix}, own` },
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
    description:
      'Revokes a token by its prefix: your own, or (admins) anyone’s. Takes effect on the next request. Refused with LAST_ADMIN for the last live token of the last admin who can act.',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('revokeToken', 'ApiToken'),
    args: { prefix: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'revokeToken', subjectType: 'ApiToken' }, async (tx) => {
        const prefix = normalisePrefix(args.prefix);
        const token = await tx.apiToken.findUnique({ where: { prefix }, include: { editor: true } });
        if (token === null) throw new DomainError('NOT_FOUND', `No token with prefix ${prefix}`, 'prefix');
        if (ctx.viewer?.role !== 'ADMIN' && token.editorId !== ctx.viewer?.editorId) {
          throw new DomainError('FORBIDDEN', 'You may revoke only your own tokens', 'prefix');
        }
        if (token.revokedAt !== null) throw new DomainError('CONFLICT', `Token ${prefix} is already revoked`, 'prefix');
        if (token.editor.role === 'ADMIN') {
          assertAdminRemains(
            await countActingAdmins(tx, ctx.now, { tokenId: token.id }),
            `revoking token ${prefix} of ${token.editor.email}`,
          );
        }
        await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: ctx.now } });
        return {
          result: true,
          audit: { subjectId: token.id, detail: `token ${token.prefix} of ${token.editor.email}` },
        };
      });
      return { revoked: outcome.value ?? false, error: outcome.error };
    },
  }),
);
