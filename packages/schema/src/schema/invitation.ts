/**
 * Invitations: how people other than the first admin get in. An admin invites (email, name, role,
 * expiry) and receives a one-time code to pass on; the invitee redeems it with `enrol` for their
 * own editor and first token. The audit log shows who invited whom (`createInvitation`) and who
 * enrolled with which invitation (`enrol`, recorded as the new editor).
 */
import { INVITATION_MAX_DAYS, INVITATION_STATES, type InvitationState, invitationState } from '../domain/people.js';
import { createInvitation, redeemInvitation, revokeInvitation } from '../services/invitations.js';
import type { Viewer } from '../services/tokens.js';
import { builder } from './builder.js';
import { EditorRoleEnum } from './editor.js';
import { MutationErrorRef, refusedByRole, runMutation } from './mutation-result.js';

const InvitationStateEnum = builder.enumType('InvitationState', {
  description: 'PENDING until redeemed, revoked or expired; REDEEMED and REVOKED are final.',
  values: INVITATION_STATES,
});

const InvitationRef = builder.prismaObject('Invitation', {
  description: 'An invitation to enrol as an editor. The code is shown once at creation; only its SHA-256 is stored.',
  authScopes: { admin: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    prefix: t.exposeString('prefix', { description: 'Identifies the code (cni_<prefix>_…) without revealing it.' }),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: EditorRoleEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    redeemedAt: t.expose('redeemedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    state: t.field({
      type: InvitationStateEnum,
      select: { expiresAt: true, redeemedAt: true, revokedAt: true },
      resolve: (invitation, _args, ctx) => invitationState(invitation, ctx.now),
    }),
    invitedBy: t.relation('invitedBy'),
    editor: t.relation('editor', { nullable: true, description: 'Who enrolled with it, once redeemed.' }),
  }),
});

/** The rows in `state` at `now`. */
function stateWhere(state: InvitationState, now: Date) {
  switch (state) {
    case 'REDEEMED':
      return { redeemedAt: { not: null } };
    case 'REVOKED':
      return { redeemedAt: null, revokedAt: { not: null } };
    case 'EXPIRED':
      return { redeemedAt: null, revokedAt: null, expiresAt: { lte: now } };
    case 'PENDING':
      return { redeemedAt: null, revokedAt: null, expiresAt: { gt: now } };
  }
}

builder.queryFields((t) => ({
  invitations: t.prismaField({
    type: [InvitationRef],
    authScopes: { admin: true },
    description: 'Invitations, newest first; only those in `state` when given (admins only).',
    args: { state: t.arg({ type: InvitationStateEnum }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.invitation.findMany({
        ...query,
        where: args.state == null ? {} : stateWhere(args.state, ctx.now),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
}));

const CreateInvitationPayload = builder.simpleObject('CreateInvitationPayload', {
  fields: (t) => ({
    code: t.string({
      nullable: true,
      description: 'The one-time code (cni_<prefix>_<secret>). Shown only in this response: pass it to the invitee.',
    }),
    invitation: t.field({ type: InvitationRef, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('createInvitation', (t) =>
  t.field({
    type: CreateInvitationPayload,
    description: `Invites a person to enrol with a role (admins only). The code works once, until it expires (7 days unless \`expiresInDays\` says otherwise, at most ${INVITATION_MAX_DAYS}). Refused (CONFLICT) for an email that is already an editor's or has a pending invitation.`,
    authScopes: { admin: true },
    unauthorizedResolver: refusedByRole('createInvitation', 'Invitation'),
    args: {
      email: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      role: t.arg({ type: EditorRoleEnum, required: true }),
      expiresInDays: t.arg.int({ description: `Whole days from 1 to ${INVITATION_MAX_DAYS}; default 7.` }),
    },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'createInvitation', subjectType: 'Invitation' }, async (tx) => {
        const inviter = ctx.viewer as Viewer;
        const created = await createInvitation(tx, inviter, args, ctx.now);
        const { invitation } = created;
        return {
          result: created,
          audit: {
            subjectId: invitation.id,
            afterId: invitation.id,
            detail: `invited ${invitation.email} as ${invitation.role.toLowerCase()} (invitation ${invitation.prefix}, expires ${invitation.expiresAt.toISOString()})`,
          },
        };
      });
      return { code: outcome.value?.code ?? null, invitation: outcome.value?.invitation ?? null, error: outcome.error };
    },
  }),
);

const RevokeInvitationPayload = builder.simpleObject('RevokeInvitationPayload', {
  fields: (t) => ({
    invitation: t.field({ type: InvitationRef, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('revokeInvitation', (t) =>
  t.field({
    type: RevokeInvitationPayload,
    description: 'Revokes a pending invitation by its prefix (admins only); its code is refused from then on.',
    authScopes: { admin: true },
    unauthorizedResolver: refusedByRole('revokeInvitation', 'Invitation'),
    args: { prefix: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'revokeInvitation', subjectType: 'Invitation' }, async (tx) => {
        const invitation = await revokeInvitation(tx, args.prefix, ctx.now);
        return {
          result: invitation,
          audit: { subjectId: invitation.id, detail: `invitation ${invitation.prefix} for ${invitation.email}` },
        };
      });
      return { invitation: outcome.value, error: outcome.error };
    },
  }),
);

const EnrolPayload = builder.simpleObject('EnrolPayload', {
  description: 'Your new editor record and first token.',
  fields: (t) => ({
    token: t.string({
      nullable: true,
      description: 'Your first API token. Shown only in this response: store it now.',
    }),
    prefix: t.string({ nullable: true }),
    email: t.string({ nullable: true }),
    name: t.string({ nullable: true }),
    role: t.field({ type: EditorRoleEnum, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('enrol', (t) =>
  t.field({
    type: EnrolPayload,
    description:
      'Redeems an invitation code for your own editor record and first API token. Needs no token: the code is the credential, and it works once. Refused with INVITATION_REDEEMED, INVITATION_EXPIRED or INVITATION_REVOKED, NOT_FOUND for an unknown code.',
    args: {
      code: t.arg.string({ required: true, description: 'The code an admin gave you, cni_<prefix>_<secret>.' }),
      tokenName: t.arg.string({ description: 'What your first token is for, e.g. "laptop"; default "enrolment".' }),
    },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'enrol', subjectType: 'Editor' }, async (tx) => {
        const enrolment = await redeemInvitation(tx, args, ctx.now);
        const { editor, token, invitation } = enrolment;
        const actor: Viewer = {
          editorId: editor.id,
          email: editor.email,
          name: editor.name,
          role: editor.role,
          tokenId: token.tokenId,
          tokenPrefix: token.prefix,
          tokenLastUsedAt: null,
        };
        return {
          result: enrolment,
          actor,
          audit: {
            subjectId: editor.id,
            afterId: token.tokenId,
            detail: `${editor.email} enrolled as ${editor.role.toLowerCase()} with invitation ${invitation.prefix} from ${enrolment.invitedBy}; token ${token.prefix}`,
          },
        };
      });
      const enrolment = outcome.value;
      return {
        token: enrolment?.token.token ?? null,
        prefix: enrolment?.token.prefix ?? null,
        email: enrolment?.editor.email ?? null,
        name: enrolment?.editor.name ?? null,
        role: enrolment?.editor.role ?? null,
        error: outcome.error,
      };
    },
  }),
);
