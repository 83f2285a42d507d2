/**
 * Creating, changing and retiring what the organisation defines (domain/definitions.ts): its
 * profile, segments, documents and AI features. Every change is validated before anything is
 * written, written in the caller's transaction together with its public DefinitionChange record
 * (hashed into the `definitions` chain) and a signed checkpoint. Published records are never
 * touched: renaming a segment or retiring a document changes the definition, and the change
 * itself is on the record.
 */
import type { PrismaClient } from '../db/client.js';

import {
  type DefinitionAction,
  type DefinitionSubject,
  type DefinitionValues,
  type DocumentDefinition,
  type DocumentKind,
  definitionChangeHash,
  definitionValues,
  type FeatureDefinition,
  type OrganizationProfile,
  type SegmentDefinition,
  validateDocumentDefinition,
  validateFeatureDefinition,
  validateOrganizationProfile,
  validateSegmentDefinition,
} from '../domain/definitions.js';
import { DomainError } from '../domain/errors.js';
import { issueCheckpoint } from './checkpoints.js';
import type { Signer } from './signer.js';

type Db = Parameters<typeof issueCheckpoint>[0] &
  Pick<PrismaClient, 'organization' | 'segment' | 'document' | 'documentSegment' | 'aiFeature' | 'definitionChange'>;

/** Who makes a change, and when. `editorId` is null for operator commands (init, import). */
export interface DefinitionActor {
  now: Date;
  signer: Signer;
  editorId: string | null;
}

/** Appends one change to the `definitions` chain. The caller issues the checkpoint. */
export async function appendDefinitionChange(
  db: Db,
  actor: DefinitionActor,
  change: { subject: DefinitionSubject; key: string; action: DefinitionAction; values: DefinitionValues },
) {
  const head = await db.definitionChange.findFirst({
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { contentHash: true, at: true },
  });
  // Chain order is (at, id): a change dated before the head would sort in the middle.
  const at = head !== null && head.at > actor.now ? head.at : actor.now;
  const previousHash = head?.contentHash ?? null;
  const contentHash = definitionChangeHash({ at, ...change, previousHash });
  return db.definitionChange.create({
    data: {
      at,
      subjectType: change.subject,
      subjectKey: change.key,
      action: change.action,
      valuesJson: JSON.stringify(change.values),
      editorId: actor.editorId,
      contentHash,
      previousHash,
    },
  });
}

// --------------------------------------------------------------------------------------------
// Reading definitions as the domain sees them

type SegmentRow = { key: string; name: string; description: string; position: number; retiredAt: Date | null };

const segmentOf = (row: SegmentRow): SegmentDefinition => ({
  key: row.key,
  name: row.name,
  description: row.description,
  position: row.position,
});

async function liveSegmentKeys(db: Db): Promise<string[]> {
  const rows = await db.segment.findMany({ where: { retiredAt: null }, orderBy: { position: 'asc' } });
  return rows.map((s) => s.key);
}

async function requireSegment(db: Db, key: string) {
  const row = await db.segment.findUnique({ where: { key } });
  if (row === null) throw new DomainError('NOT_FOUND', `No segment "${key}"`, 'key');
  return row;
}

async function requireDocument(db: Db, slug: string) {
  const row = await db.document.findUnique({
    where: { slug },
    include: { segments: { include: { segment: { select: { key: true } } } } },
  });
  if (row === null) throw new DomainError('NOT_FOUND', `No document "${slug}"`, 'slug');
  return row;
}

async function requireFeature(db: Db, slug: string) {
  const row = await db.aiFeature.findUnique({ where: { slug } });
  if (row === null) throw new DomainError('NOT_FOUND', `No AI feature "${slug}"`, 'slug');
  return row;
}

const documentOf = (row: Awaited<ReturnType<typeof requireDocument>>): DocumentDefinition => ({
  slug: row.slug,
  title: row.title,
  description: row.description,
  kind: row.kind as DocumentKind,
  noticePeriodDays: row.noticePeriodDays,
  position: row.position,
  segments: row.segments.map((s) => s.segment.key),
});

const featureOf = (row: Awaited<ReturnType<typeof requireFeature>>): FeatureDefinition => ({
  slug: row.slug,
  name: row.name,
  description: row.description,
  position: row.position,
  noticePeriodDays: row.noticePeriodDays,
});

function assertChanged(before: DefinitionValues, after: DefinitionValues, what: string): void {
  if (JSON.stringify(before) === JSON.stringify(after))
    throw new DomainError('BAD_USER_INPUT', `${what}: nothing to change (every value is already as given)`);
}

function assertNotRetired(retiredAt: Date | null, what: string): void {
  if (retiredAt !== null)
    throw new DomainError('INVALID_STATE', `${what} was retired on ${retiredAt.toISOString().slice(0, 10)}`);
}

// --------------------------------------------------------------------------------------------
// Organisation profile

/** Sets the organisation's profile: creates it on an empty deployment, else updates it. */
export async function defineOrganization(
  db: Db,
  actor: DefinitionActor,
  input: Partial<OrganizationProfile>,
  { checkpoint = true }: { checkpoint?: boolean } = {},
) {
  const existing = await db.organization.findFirst({ orderBy: { createdAt: 'asc' } });
  const before: OrganizationProfile | null =
    existing === null
      ? null
      : {
          slug: existing.slug,
          name: existing.name,
          legalName: existing.legalName,
          description: existing.description,
          website: existing.website,
          contactEmail: existing.contactEmail,
          publicKeyId: existing.publicKeyId,
        };
  const profile: OrganizationProfile = {
    slug: input.slug ?? before?.slug ?? '',
    name: input.name ?? before?.name ?? '',
    legalName: input.legalName ?? before?.legalName ?? '',
    description: input.description ?? before?.description ?? '',
    website: input.website ?? before?.website ?? '',
    contactEmail: input.contactEmail ?? before?.contactEmail ?? '',
    publicKeyId: input.publicKeyId === undefined ? (before?.publicKeyId ?? null) : input.publicKeyId,
  };
  validateOrganizationProfile(profile);
  if (before !== null) assertChanged(definitionValues(before), definitionValues(profile), 'The organisation');
  const row =
    existing === null
      ? await db.organization.create({ data: { ...profile, isSample: false } })
      : await db.organization.update({ where: { id: existing.id }, data: profile });
  await appendDefinitionChange(db, actor, {
    subject: 'organization',
    key: profile.slug,
    action: existing === null ? 'created' : 'updated',
    values: definitionValues(profile),
  });
  if (checkpoint) await issueCheckpoint(db, actor.signer, actor.now);
  return row;
}

// --------------------------------------------------------------------------------------------
// Segments

export async function createSegment(
  db: Db,
  actor: DefinitionActor,
  input: Omit<SegmentDefinition, 'position'> & { position?: number },
  { checkpoint = true }: { checkpoint?: boolean } = {},
) {
  const position = input.position ?? (await db.segment.count());
  const segment: SegmentDefinition = { ...input, position };
  validateSegmentDefinition(segment);
  if ((await db.segment.findUnique({ where: { key: segment.key } })) !== null)
    throw new DomainError('CONFLICT', `A segment "${segment.key}" exists already`, 'key');
  const row = await db.segment.create({ data: segment });
  await appendDefinitionChange(db, actor, {
    subject: 'segment',
    key: segment.key,
    action: 'created',
    values: definitionValues(segment),
  });
  if (checkpoint) await issueCheckpoint(db, actor.signer, actor.now);
  return row;
}

/** Renames, redescribes or reorders a segment; its key is stable and never changes. */
export async function updateSegment(
  db: Db,
  actor: DefinitionActor,
  key: string,
  patch: Partial<Omit<SegmentDefinition, 'key'>>,
) {
  const row = await requireSegment(db, key);
  assertNotRetired(row.retiredAt, `Segment "${key}"`);
  const before = segmentOf(row);
  const after: SegmentDefinition = { ...before, ...definedOnly(patch) };
  validateSegmentDefinition(after);
  assertChanged(definitionValues(before), definitionValues(after), `Segment "${key}"`);
  const updated = await db.segment.update({ where: { key }, data: after });
  await appendDefinitionChange(db, actor, {
    subject: 'segment',
    key,
    action: 'updated',
    values: definitionValues(after),
  });
  await issueCheckpoint(db, actor.signer, actor.now);
  return updated;
}

/**
 * Retires a segment: it leaves navigation and new documents, and what was published for it stays
 * readable. Refused while it is the only live segment of a live document (that document would
 * apply to no one).
 */
export async function retireSegment(db: Db, actor: DefinitionActor, key: string) {
  const row = await requireSegment(db, key);
  assertNotRetired(row.retiredAt, `Segment "${key}"`);
  const documents = await db.document.findMany({
    where: { retiredAt: null, segments: { some: { segmentId: row.id } } },
    include: { segments: { include: { segment: { select: { retiredAt: true } } } } },
  });
  const orphaned = documents.filter((d) => d.segments.every((s) => s.segmentId === row.id || s.segment.retiredAt));
  if (orphaned.length > 0)
    throw new DomainError(
      'INVALID_STATE',
      `Segment "${key}" is the only segment of ${orphaned.map((d) => d.slug).join(', ')}: give those documents another segment or retire them first`,
      'key',
    );
  const updated = await db.segment.update({ where: { key }, data: { retiredAt: actor.now } });
  await appendDefinitionChange(db, actor, {
    subject: 'segment',
    key,
    action: 'retired',
    values: definitionValues(segmentOf(row), actor.now),
  });
  await issueCheckpoint(db, actor.signer, actor.now);
  return updated;
}

// --------------------------------------------------------------------------------------------
// Documents

export async function createDocument(
  db: Db,
  actor: DefinitionActor,
  input: Omit<DocumentDefinition, 'position' | 'kind' | 'description'> &
    Partial<Pick<DocumentDefinition, 'position' | 'kind' | 'description'>>,
  { checkpoint = true }: { checkpoint?: boolean } = {},
) {
  const document: DocumentDefinition = {
    ...input,
    kind: input.kind ?? 'terms',
    description: input.description ?? '',
    position: input.position ?? (await db.document.count()),
  };
  validateDocumentDefinition(document, await liveSegmentKeys(db));
  if ((await db.document.findUnique({ where: { slug: document.slug } })) !== null)
    throw new DomainError('CONFLICT', `A document "${document.slug}" exists already`, 'slug');
  const { segments, ...fields } = document;
  const row = await db.document.create({ data: fields });
  await linkSegments(db, row.id, segments);
  await appendDefinitionChange(db, actor, {
    subject: 'document',
    key: document.slug,
    action: 'created',
    values: definitionValues(document),
  });
  if (checkpoint) await issueCheckpoint(db, actor.signer, actor.now);
  return row;
}

async function linkSegments(db: Db, documentId: string, keys: readonly string[]) {
  const segments = await db.segment.findMany({ where: { key: { in: [...keys] } }, select: { id: true } });
  await db.documentSegment.createMany({ data: segments.map((s) => ({ documentId, segmentId: s.id })) });
}

/** Changes a document's title, description, kind, notice period, order or segments. */
export async function updateDocument(
  db: Db,
  actor: DefinitionActor,
  slug: string,
  patch: Partial<Omit<DocumentDefinition, 'slug'>>,
) {
  const row = await requireDocument(db, slug);
  assertNotRetired(row.retiredAt, `Document "${slug}"`);
  const before = documentOf(row);
  const after: DocumentDefinition = { ...before, ...definedOnly(patch) };
  // Segments it already applies to may have been retired since; they may stay, not be added.
  const live = await liveSegmentKeys(db);
  validateDocumentDefinition(after, [...new Set([...live, ...before.segments])]);
  assertChanged(definitionValues(before), definitionValues(after), `Document "${slug}"`);
  const { segments, slug: _slug, ...fields } = after;
  await db.document.update({ where: { id: row.id }, data: fields });
  if (JSON.stringify([...before.segments].sort()) !== JSON.stringify([...segments].sort())) {
    await db.documentSegment.deleteMany({ where: { documentId: row.id } });
    await linkSegments(db, row.id, segments);
  }
  await appendDefinitionChange(db, actor, {
    subject: 'document',
    key: slug,
    action: 'updated',
    values: definitionValues(after),
  });
  await issueCheckpoint(db, actor.signer, actor.now);
  return requireDocument(db, slug);
}

/** Retires a document: no new versions; every published version stays readable. */
export async function retireDocument(db: Db, actor: DefinitionActor, slug: string) {
  const row = await requireDocument(db, slug);
  assertNotRetired(row.retiredAt, `Document "${slug}"`);
  const updated = await db.document.update({ where: { id: row.id }, data: { retiredAt: actor.now } });
  await appendDefinitionChange(db, actor, {
    subject: 'document',
    key: slug,
    action: 'retired',
    values: definitionValues(documentOf(row), actor.now),
  });
  await issueCheckpoint(db, actor.signer, actor.now);
  return updated;
}

// --------------------------------------------------------------------------------------------
// AI features

export async function createFeature(
  db: Db,
  actor: DefinitionActor,
  input: Pick<FeatureDefinition, 'slug' | 'name'> & Partial<Omit<FeatureDefinition, 'slug' | 'name'>>,
  { checkpoint = true }: { checkpoint?: boolean } = {},
) {
  const feature: FeatureDefinition = {
    slug: input.slug,
    name: input.name,
    description: input.description ?? '',
    position: input.position ?? (await db.aiFeature.count()),
    noticePeriodDays: input.noticePeriodDays ?? 30,
  };
  validateFeatureDefinition(feature);
  if ((await db.aiFeature.findUnique({ where: { slug: feature.slug } })) !== null)
    throw new DomainError('CONFLICT', `An AI feature "${feature.slug}" exists already`, 'slug');
  const row = await db.aiFeature.create({ data: feature });
  await appendDefinitionChange(db, actor, {
    subject: 'feature',
    key: feature.slug,
    action: 'created',
    values: definitionValues(feature),
  });
  if (checkpoint) await issueCheckpoint(db, actor.signer, actor.now);
  return row;
}

export async function updateFeature(
  db: Db,
  actor: DefinitionActor,
  slug: string,
  patch: Partial<Omit<FeatureDefinition, 'slug'>>,
) {
  const row = await requireFeature(db, slug);
  assertNotRetired(row.retiredAt, `AI feature "${slug}"`);
  const before = featureOf(row);
  const after: FeatureDefinition = { ...before, ...definedOnly(patch) };
  validateFeatureDefinition(after);
  assertChanged(definitionValues(before), definitionValues(after), `AI feature "${slug}"`);
  const { slug: _slug, ...fields } = after;
  const updated = await db.aiFeature.update({ where: { id: row.id }, data: fields });
  await appendDefinitionChange(db, actor, {
    subject: 'feature',
    key: slug,
    action: 'updated',
    values: definitionValues(after),
  });
  await issueCheckpoint(db, actor.signer, actor.now);
  return updated;
}

/** Retires an AI feature: no new revisions; its revisions and statistics stay readable. */
export async function retireFeature(db: Db, actor: DefinitionActor, slug: string) {
  const row = await requireFeature(db, slug);
  assertNotRetired(row.retiredAt, `AI feature "${slug}"`);
  const updated = await db.aiFeature.update({ where: { id: row.id }, data: { retiredAt: actor.now } });
  await appendDefinitionChange(db, actor, {
    subject: 'feature',
    key: slug,
    action: 'retired',
    values: definitionValues(featureOf(row), actor.now),
  });
  await issueCheckpoint(db, actor.signer, actor.now);
  return updated;
}

/** The fields of a patch that were given: `undefined` means "leave as it is". */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
