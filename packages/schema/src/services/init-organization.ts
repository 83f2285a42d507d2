/**
 * `candor init`: turns an empty database into a real organisation — its profile, segments,
 * documents and AI features — in one transaction, through the same definition services the API's
 * mutations use, with one signed checkpoint at the end. Refuses a database that holds anything.
 */
import type { PrismaClient } from '../db/client.js';
import type {
  DocumentDefinition,
  FeatureDefinition,
  OrganizationProfile,
  SegmentDefinition,
} from '../domain/definitions.js';
import { DomainError } from '../domain/errors.js';
import { issueCheckpoint } from './checkpoints.js';
import {
  createDocument,
  createFeature,
  createSegment,
  type DefinitionActor,
  defineOrganization,
} from './definitions.js';

export interface OrganizationSpec {
  organization: Pick<OrganizationProfile, 'slug' | 'name'> & Partial<OrganizationProfile>;
  /** In display order. */
  segments: (Pick<SegmentDefinition, 'key' | 'name'> & Partial<Pick<SegmentDefinition, 'description'>>)[];
  /** In display order; `segments` defaults to every segment. */
  documents: (Pick<DocumentDefinition, 'slug' | 'title'> &
    Partial<Omit<DocumentDefinition, 'slug' | 'title' | 'position'>>)[];
  features: (Pick<FeatureDefinition, 'slug' | 'name'> &
    Partial<Omit<FeatureDefinition, 'slug' | 'name' | 'position'>>)[];
}

type Db = Parameters<typeof createDocument>[0] & Pick<PrismaClient, 'version' | 'editor'>;

/** What an empty database lacks: nothing an organisation defines or publishes. */
export async function describeNonEmpty(db: Db): Promise<string | null> {
  const [organizations, segments, documents, features, versions] = await Promise.all([
    db.organization.count(),
    db.segment.count(),
    db.document.count(),
    db.aiFeature.count(),
    db.version.count(),
  ]);
  const held = [
    [organizations, 'organisation'],
    [segments, 'segment'],
    [documents, 'document'],
    [features, 'AI feature'],
    [versions, 'version'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, what]) => `${count} ${what}${count === 1 ? '' : 's'}`);
  return held.length === 0 ? null : held.join(', ');
}

export async function initOrganization(db: Db, actor: DefinitionActor, spec: OrganizationSpec) {
  const held = await describeNonEmpty(db);
  if (held !== null)
    throw new DomainError(
      'INVALID_STATE',
      `init sets up an empty database, and this one holds ${held}. Point DATABASE_URL at a new database (or set CANDOR_SEED_ON_EMPTY=false before the first start so no sample is loaded).`,
    );
  if (spec.segments.length === 0) throw new DomainError('BAD_USER_INPUT', 'Define at least one segment', 'segments');
  const once = { checkpoint: false };
  const organization = await defineOrganization(db, actor, spec.organization, once);
  for (const [position, segment] of spec.segments.entries()) {
    await createSegment(db, actor, { description: '', ...segment, position }, once);
  }
  const everySegment = spec.segments.map((s) => s.key);
  for (const [position, document] of spec.documents.entries()) {
    await createDocument(db, actor, { noticePeriodDays: 30, segments: everySegment, ...document, position }, once);
  }
  for (const [position, feature] of spec.features.entries()) {
    await createFeature(db, actor, { ...feature, position }, once);
  }
  const checkpoint = await issueCheckpoint(db, actor.signer, actor.now);
  return { organization, checkpoint };
}
