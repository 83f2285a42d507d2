/**
 * Rows the process-level tests (faults, scale-out) set up directly in their database copy before
 * or while an API process runs: a publisher with a token, and approved drafts ready to publish.
 * The editor workflow itself is tested through GraphQL in test/api/editor-workflow.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { hashToken, type PrismaClient } from '@candor/schema';
import { stopAllApiProcesses } from './api-process.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { TEST_NOW } from './providers.js';

/** Creates a publisher and returns a bearer token for it (`cnd_<prefix>_<secret>`, services/tokens.ts). */
export async function createPublisherToken(prisma: PrismaClient): Promise<string> {
  const suffix = randomBytes(4).toString('hex');
  const editor = await prisma.editor.create({
    data: { email: `publisher-${suffix}@example.com`, name: 'Fault publisher', role: 'PUBLISHER', createdAt: TEST_NOW },
  });
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const token = `cnd_${prefix}_${randomBytes(32).toString('base64url')}`;
  await prisma.apiToken.create({
    data: { editorId: editor.id, name: 'fault tests', prefix, hash: hashToken(token), createdAt: TEST_NOW },
  });
  return token;
}

export const TERMS = 'terms-of-service';

/**
 * An APPROVED, non-material version of a document (no notice period, no explanations needed),
 * with one clause. `clauseBytes` makes the clause (and so the publish's changelog) that large.
 */
export async function createApprovedDraft(
  prisma: PrismaClient,
  options: { document?: string; label?: string; clauseBytes?: number } = {},
): Promise<string> {
  const document = await prisma.document.findUniqueOrThrow({ where: { slug: options.document ?? TERMS } });
  const label = options.label ?? `fault-${randomBytes(3).toString('hex')}`;
  const body =
    options.clauseBytes === undefined
      ? `Clause text of ${label}.`
      : Array.from({ length: Math.ceil(options.clauseBytes / 17) }, (_, i) => `word${i}-${label}`)
          .join(' ')
          .slice(0, options.clauseBytes);
  const version = await prisma.version.create({
    data: {
      documentId: document.id,
      label,
      status: 'APPROVED',
      material: false,
      changeNote: `Editorial fix ${label}.`,
      createdAt: TEST_NOW,
    },
  });
  await prisma.clause.create({
    data: { versionId: version.id, key: '99.1', number: '99.1', heading: 'Fault test', body, position: 0 },
  });
  return version.id;
}

/**
 * Makes an approved draft material, explained for every active segment its document applies to
 * (a material version is refused without them); `explain` gives each segment's texts.
 */
export async function makeMaterial(
  prisma: PrismaClient,
  versionId: string,
  explain: (segment: { key: string; name: string }) => { summary: string; whatChanges: string },
) {
  const version = await prisma.version.update({ where: { id: versionId }, data: { material: true } });
  const segments = await prisma.segment.findMany({
    where: { retiredAt: null, documents: { some: { documentId: version.documentId } } },
  });
  await prisma.explanation.createMany({
    data: segments.map((segment) => ({ versionId, segmentId: segment.id, ...explain(segment) })),
  });
  return version;
}

/**
 * Effective a year after TEST_NOW: after the sample's scheduled version, which does not contain
 * these drafts' text and would otherwise refuse them (CONFLICTS_WITH_SCHEDULED).
 */
const FIXTURE_EFFECTIVE_AT = new Date(TEST_NOW.getTime() + 365 * 86_400_000).toISOString();

export const PUBLISH = `mutation Publish($id: ID!) {
  publishVersion(id: $id, effectiveAt: "${FIXTURE_EFFECTIVE_AT}") { version { label contentHash previousHash } checkpointSequence error { code message } }
}`;

export interface PublishData {
  publishVersion: {
    version: { label: string; contentHash: string; previousHash: string | null } | null;
    checkpointSequence: number | null;
    error: { code: string; message: string } | null;
  };
}

export const VERIFY =
  '{ integrity { verify { ok checkpointSequence chains { chain count headHash } problems { chain record code message } } } }';

export interface VerifyData {
  integrity: {
    verify: {
      ok: boolean;
      checkpointSequence: number | null;
      chains: { chain: string; count: number; headHash: string | null }[];
      problems: { chain: string | null; record: string | null; code: string; message: string }[];
    };
  };
}

/** What a publish leaves behind: used to assert "all of it or none of it". */
export async function publishTraces(prisma: PrismaClient, versionId: string) {
  const [version, changelogs, checkpoints, published] = await Promise.all([
    prisma.version.findUniqueOrThrow({ where: { id: versionId } }),
    prisma.changelog.count({ where: { versionId } }),
    prisma.checkpoint.count(),
    prisma.version.count({ where: { status: 'PUBLISHED' } }),
  ]);
  return { status: version.status, contentHash: version.contentHash, changelogs, checkpoints, published };
}

/** A fresh copy of the seeded database with a publisher's token: what every process-level test starts from. */
export async function createPublishFixture(): Promise<{ database: TestDatabase; token: string }> {
  const database = await createTestDatabase();
  return { database, token: await createPublisherToken(database.prisma) };
}

/** Stops every API process the file started, then drops its database copy. */
export async function releasePublishFixture(database: TestDatabase | undefined): Promise<void> {
  await stopAllApiProcesses();
  await database?.destroy();
}
