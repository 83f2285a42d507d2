/**
 * What the organisation defines, as data (issue 13): admins create, change and retire segments,
 * documents and AI features and set the organisation's profile; every change is public
 * (`definitionChanges`), hashed into the `definitions` chain and covered by a checkpoint
 * (services/definitions.ts). Each mutation validates before it writes and writes in one
 * transaction with its audit event (runMutation).
 */
import { DOCUMENT_KINDS } from '../domain/definitions.js';
import {
  createDocument,
  createFeature,
  createSegment,
  type DefinitionActor,
  defineOrganization,
  retireDocument,
  retireFeature,
  retireSegment,
  updateDocument,
  updateFeature,
  updateSegment,
} from '../services/definitions.js';
import { builder, type Context } from './builder.js';
import { MutationErrorRef, refusedByRole, runMutation, type Tx } from './mutation-result.js';

const actorOf = (ctx: Context): DefinitionActor => ({
  now: ctx.now,
  signer: ctx.signer,
  editorId: ctx.viewer?.editorId ?? null,
});

export const DocumentKindDescription = `One of: ${DOCUMENT_KINDS.join(', ')}.`;

// --------------------------------------------------------------------------------------------
// The public history of definitions

builder.prismaObject('DefinitionChange', {
  description:
    'One change to what the organisation defines (profile, segment, document, AI feature), in the `definitions` chain.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    subject: t.exposeString('subjectType', { description: 'organization, segment, document or feature.' }),
    key: t.exposeString('subjectKey', { description: 'The slug or segment key of what changed.' }),
    action: t.exposeString('action', { description: 'created, updated or retired.' }),
    values: t.string({
      description: 'JSON of its public fields after the change (canonical form candor-definition/1).',
      resolve: (change) => change.valuesJson,
    }),
    contentHash: t.exposeString('contentHash'),
    previousHash: t.exposeString('previousHash', { nullable: true }),
  }),
});

builder.queryField('definitionChanges', (t) =>
  t.prismaConnection({
    type: 'DefinitionChange',
    cursor: 'id',
    description: 'Every change to the organisation’s definitions, oldest first (the `definitions` chain).',
    args: {
      subject: t.arg.string({ description: 'organization, segment, document or feature; all when omitted.' }),
      key: t.arg.string({ description: 'Only changes to this slug or segment key.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.definitionChange.findMany({
        ...query,
        where: {
          ...(args.subject == null ? {} : { subjectType: args.subject }),
          ...(args.key == null ? {} : { subjectKey: args.key }),
        },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      }),
  }),
);

// --------------------------------------------------------------------------------------------
// Mutations (admins only)

const DefinitionPayload = builder.simpleObject('DefinitionPayload', {
  description: 'The change made, or why nothing was.',
  fields: (t) => ({
    key: t.string({ nullable: true, description: 'The slug or segment key changed.' }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

/** One admin-only definition mutation: validates, writes, records the change, in one transaction. */
function definitionMutation<Args extends Record<string, unknown>>(
  name: string,
  subjectType: string,
  description: string,
  args: (t: Parameters<Parameters<typeof builder.mutationField>[1]>[0]) => Args,
  work: (tx: Tx, actor: DefinitionActor, args: Record<string, unknown>) => Promise<string>,
) {
  builder.mutationField(name, (t) =>
    t.field({
      type: DefinitionPayload,
      description: `${description} (admins only).`,
      authScopes: { admin: true },
      unauthorizedResolver: refusedByRole(name, subjectType),
      args: args(t) as never,
      resolve: async (_root, input: Record<string, unknown>, ctx) => {
        const outcome = await runMutation(ctx, { action: name, subjectType }, async (tx) => {
          const key = await work(tx, actorOf(ctx), input);
          return { result: key, audit: { detail: key } };
        });
        return { key: outcome.value, error: outcome.error };
      },
    }),
  );
}

const str = (value: unknown): string | undefined => (value == null ? undefined : String(value));
const int = (value: unknown): number | undefined => (value == null ? undefined : Number(value));
const strings = (value: unknown): string[] | undefined => (value == null ? undefined : (value as string[]));

definitionMutation(
  'updateOrganization',
  'Organization',
  'Sets the organisation profile; only the given fields change',
  (t) => ({
    name: t.arg.string(),
    legalName: t.arg.string(),
    description: t.arg.string(),
    website: t.arg.string(),
    contactEmail: t.arg.string({ description: 'Where readers send questions about the terms.' }),
    publicKeyId: t.arg.string({ description: 'The signing key id it publishes (16 hex digits).' }),
  }),
  async (tx, actor, a) =>
    (
      await defineOrganization(tx, actor, {
        name: str(a.name),
        legalName: str(a.legalName),
        description: str(a.description),
        website: str(a.website),
        contactEmail: str(a.contactEmail),
        publicKeyId: str(a.publicKeyId),
      } as never)
    ).slug,
);

definitionMutation(
  'createSegment',
  'Segment',
  'Adds a segment',
  (t) => ({
    key: t.arg.string({ required: true, description: 'Stable: lowercase words joined by hyphens, e.g. "healthcare".' }),
    name: t.arg.string({ required: true }),
    description: t.arg.string(),
    position: t.arg.int({ description: 'Display order; after the others when omitted.' }),
  }),
  async (tx, actor, a) =>
    (
      await createSegment(tx, actor, {
        key: String(a.key),
        name: String(a.name),
        description: str(a.description) ?? '',
        ...(a.position == null ? {} : { position: Number(a.position) }),
      })
    ).key,
);

definitionMutation(
  'updateSegment',
  'Segment',
  'Renames, redescribes or reorders a segment (its key never changes)',
  (t) => ({
    key: t.arg.string({ required: true }),
    name: t.arg.string(),
    description: t.arg.string(),
    position: t.arg.int(),
  }),
  async (tx, actor, a) =>
    (
      await updateSegment(tx, actor, String(a.key), {
        name: str(a.name),
        description: str(a.description),
        position: int(a.position),
      })
    ).key,
);

definitionMutation(
  'retireSegment',
  'Segment',
  'Retires a segment; what was published for it stays readable',
  (t) => ({ key: t.arg.string({ required: true }) }),
  async (tx, actor, a) => (await retireSegment(tx, actor, String(a.key))).key,
);

definitionMutation(
  'createDocument',
  'Document',
  'Adds a document (a policy)',
  (t) => ({
    slug: t.arg.string({ required: true, description: 'Stable, e.g. "terms-of-service".' }),
    title: t.arg.string({ required: true }),
    description: t.arg.string(),
    kind: t.arg.string({ description: `${DocumentKindDescription} Default terms.` }),
    noticePeriodDays: t.arg.int({ description: 'Days of notice a material change must give. Default 30.' }),
    segments: t.arg.stringList({ description: 'Keys of the segments it applies to. Default: every segment.' }),
    position: t.arg.int(),
  }),
  async (tx, actor, a) => {
    const everySegment = (await tx.segment.findMany({ where: { retiredAt: null }, orderBy: { position: 'asc' } })).map(
      (s) => s.key,
    );
    return (
      await createDocument(tx, actor, {
        slug: String(a.slug),
        title: String(a.title),
        description: str(a.description) ?? '',
        kind: (str(a.kind) ?? 'terms') as never,
        noticePeriodDays: int(a.noticePeriodDays) ?? 30,
        segments: strings(a.segments) ?? everySegment,
        ...(a.position == null ? {} : { position: Number(a.position) }),
      })
    ).slug;
  },
);

definitionMutation(
  'updateDocument',
  'Document',
  'Changes a document’s title, description, kind, notice period, segments or order',
  (t) => ({
    slug: t.arg.string({ required: true }),
    title: t.arg.string(),
    description: t.arg.string(),
    kind: t.arg.string({ description: DocumentKindDescription }),
    noticePeriodDays: t.arg.int(),
    segments: t.arg.stringList({ description: 'Keys of the segments it applies to (replaces the list).' }),
    position: t.arg.int(),
  }),
  async (tx, actor, a) =>
    (
      await updateDocument(tx, actor, String(a.slug), {
        title: str(a.title),
        description: str(a.description),
        kind: str(a.kind) as never,
        noticePeriodDays: int(a.noticePeriodDays),
        segments: strings(a.segments),
        position: int(a.position),
      })
    ).slug,
);

definitionMutation(
  'retireDocument',
  'Document',
  'Retires a document; its published versions stay readable',
  (t) => ({ slug: t.arg.string({ required: true }) }),
  async (tx, actor, a) => (await retireDocument(tx, actor, String(a.slug))).slug,
);

definitionMutation(
  'createAiFeature',
  'AiFeature',
  'Adds an AI feature; its facts are published as revisions',
  (t) => ({
    slug: t.arg.string({ required: true }),
    name: t.arg.string({ required: true }),
    description: t.arg.string(),
    noticePeriodDays: t.arg.int({ description: 'Days of notice a material revision must give. Default 30.' }),
    position: t.arg.int(),
  }),
  async (tx, actor, a) =>
    (
      await createFeature(tx, actor, {
        slug: String(a.slug),
        name: String(a.name),
        description: str(a.description),
        noticePeriodDays: int(a.noticePeriodDays),
        position: int(a.position),
      } as never)
    ).slug,
);

definitionMutation(
  'updateAiFeature',
  'AiFeature',
  'Renames, redescribes or reorders an AI feature, or changes its notice period',
  (t) => ({
    slug: t.arg.string({ required: true }),
    name: t.arg.string(),
    description: t.arg.string(),
    noticePeriodDays: t.arg.int(),
    position: t.arg.int(),
  }),
  async (tx, actor, a) =>
    (
      await updateFeature(tx, actor, String(a.slug), {
        name: str(a.name),
        description: str(a.description),
        noticePeriodDays: int(a.noticePeriodDays),
        position: int(a.position),
      })
    ).slug,
);

definitionMutation(
  'retireAiFeature',
  'AiFeature',
  'Retires an AI feature; its revisions and statistics stay readable',
  (t) => ({ slug: t.arg.string({ required: true }) }),
  async (tx, actor, a) => (await retireFeature(tx, actor, String(a.slug))).slug,
);
