/**
 * Every chain of public records as the database holds it (domain/chains.ts, ADR 0005): read in
 * chain order for checkpoints and for verification, and the two kinds of record that are written
 * outside a publish — withdrawals and consent releases — appended here with their hash.
 *
 * Chain order is publication order: versions and revisions by publishedAt (then id / number),
 * withdrawals by withdrawnAt then id, releases by importedAt then id.
 */
import type { PrismaClient } from '../db/client.js';
import {
  CONSENT_RELEASES_CHAIN,
  DEFINITIONS_CHAIN,
  documentChain,
  featureChain,
  WITHDRAWALS_CHAIN,
} from '../domain/chains.js';
import type { ChainHashes } from '../domain/checkpoint.js';
import { type DefinitionAction, type DefinitionSubject, definitionChangeHash } from '../domain/definitions.js';
import { DomainError } from '../domain/errors.js';
import { contentHash } from '../domain/hash.js';
import { type ChainRecord, hashOrFinding } from '../domain/hash-chain.js';
import {
  type CanonicalRevisionInput,
  consentReleaseHash,
  releasedRows,
  revisionHash,
  type WithdrawalKind,
  withdrawalHash,
} from '../domain/public-records.js';
import type { ConsentCounts, ExplanationInput, FeatureFactsInput } from '../domain/types.js';
import { rowToFacts } from './feature-facts-row.js';

type Db = Pick<
  PrismaClient,
  | 'document'
  | 'version'
  | 'aiFeature'
  | 'aiFeatureRevision'
  | 'withdrawal'
  | 'consentImport'
  | 'consentStat'
  | 'definitionChange'
>;

const VERSION_ORDER = [{ publishedAt: 'asc' as const }, { id: 'asc' as const }];
const REVISION_ORDER = [{ publishedAt: 'asc' as const }, { number: 'asc' as const }];
const WITHDRAWAL_ORDER = [{ withdrawnAt: 'asc' as const }, { id: 'asc' as const }];
const RELEASE_ORDER = [{ importedAt: 'asc' as const }, { id: 'asc' as const }];
const DEFINITION_ORDER = [{ at: 'asc' as const }, { id: 'asc' as const }];

/**
 * Every chain's content hashes, oldest first — what a checkpoint counts. Records without a hash
 * (never published through the chain) are not part of any chain and are left out.
 */
export async function readChainHashes(db: Db): Promise<ChainHashes[]> {
  const [documents, features, withdrawals, releases, definitions] = await Promise.all([
    db.document.findMany({
      orderBy: { slug: 'asc' },
      select: {
        slug: true,
        versions: { where: { status: 'PUBLISHED' }, orderBy: VERSION_ORDER, select: { contentHash: true } },
      },
    }),
    db.aiFeature.findMany({
      orderBy: { slug: 'asc' },
      select: {
        slug: true,
        revisions: { where: { status: 'PUBLISHED' }, orderBy: REVISION_ORDER, select: { contentHash: true } },
      },
    }),
    db.withdrawal.findMany({ orderBy: WITHDRAWAL_ORDER, select: { contentHash: true } }),
    db.consentImport.findMany({ orderBy: RELEASE_ORDER, select: { contentHash: true } }),
    db.definitionChange.findMany({ orderBy: DEFINITION_ORDER, select: { contentHash: true } }),
  ]);
  const hashes = (rows: readonly { contentHash: string | null }[]) =>
    rows.flatMap((row) => (row.contentHash === null ? [] : [row.contentHash]));
  return [
    ...documents.map((d) => ({ chain: documentChain(d.slug), hashes: hashes(d.versions) })),
    ...features.map((f) => ({ chain: featureChain(f.slug), hashes: hashes(f.revisions) })),
    { chain: WITHDRAWALS_CHAIN, hashes: hashes(withdrawals) },
    { chain: CONSENT_RELEASES_CHAIN, hashes: hashes(releases) },
    { chain: DEFINITIONS_CHAIN, hashes: hashes(definitions) },
  ];
}

/** The hash of the newest record of a chain, which the next record links to. */
async function headHash(rows: Promise<{ contentHash: string | null } | null>): Promise<string | null> {
  return (await rows)?.contentHash ?? null;
}

// --------------------------------------------------------------------------------------------
// Revisions

/** A revision's facts and explanations as stored, keyed by segment, ready to hash. */
export function revisionContent(revision: {
  facts: readonly (Parameters<typeof rowToFacts>[0] & { segment: { key: string } })[];
  explanations: readonly (ExplanationInput & { segment: { key: string } })[];
}): Pick<CanonicalRevisionInput, 'facts' | 'explanations'> {
  const facts: Record<string, FeatureFactsInput> = {};
  for (const { segment, ...row } of revision.facts) facts[segment.key] = rowToFacts(row);
  const explanations: Record<string, ExplanationInput> = {};
  for (const { segment, summary, whatChanges, affected } of revision.explanations) {
    explanations[segment.key] = { summary, whatChanges, affected };
  }
  return { facts, explanations };
}

/** The hash the feature's next published revision links to. */
export const revisionChainHead = (db: Db, featureId: string) =>
  headHash(
    db.aiFeatureRevision.findFirst({
      where: { featureId, status: 'PUBLISHED' },
      orderBy: [{ publishedAt: 'desc' }, { number: 'desc' }],
      select: { contentHash: true },
    }),
  );

// --------------------------------------------------------------------------------------------
// Withdrawals

/**
 * Appends a withdrawal of a published version or revision to the withdrawals chain. The caller
 * has checked that it may be withdrawn (domain/workflow.ts); the database checks it again.
 */
export async function appendWithdrawal(
  db: Db,
  input: {
    kind: WithdrawalKind;
    /** The version's or revision's id. */
    id: string;
    reason: string;
    editorId: string | null;
    now: Date;
  },
) {
  const subject =
    input.kind === 'version'
      ? await db.version.findUnique({
          where: { id: input.id },
          select: { label: true, contentHash: true, document: { select: { slug: true } } },
        })
      : await db.aiFeatureRevision.findUnique({
          where: { id: input.id },
          select: { number: true, contentHash: true, feature: { select: { slug: true } } },
        });
  if (subject === null || subject.contentHash === null) {
    throw new DomainError('NOT_FOUND', `No published ${input.kind} with id ${input.id}`, 'id');
  }
  const previousHash = await headHash(
    db.withdrawal.findFirst({
      where: { contentHash: { not: null } },
      orderBy: [{ withdrawnAt: 'desc' }, { id: 'desc' }],
      select: { contentHash: true },
    }),
  );
  const hash = withdrawalHash({
    kind: input.kind,
    subject: 'document' in subject ? subject.document.slug : subject.feature.slug,
    record: 'label' in subject ? subject.label : String(subject.number),
    recordHash: subject.contentHash,
    withdrawnAt: input.now,
    reason: input.reason,
    previousHash,
  });
  return db.withdrawal.create({
    data: {
      ...(input.kind === 'version' ? { versionId: input.id } : { revisionId: input.id }),
      withdrawnAt: input.now,
      reason: input.reason,
      editorId: input.editorId,
      contentHash: hash,
      previousHash,
    },
  });
}

// --------------------------------------------------------------------------------------------
// Consent releases

/**
 * The stored rows of consent releases (raw counts, never suppressed here), by release id: of the
 * releases given, or of every release. releasedRows turns them into what the public reads.
 */
export async function storedReleaseRows(db: Db, importIds?: readonly string[]) {
  const stats = await db.consentStat.findMany({
    where: { importId: importIds === undefined ? { not: null } : { in: [...importIds] } },
    select: {
      importId: true,
      period: true,
      accountsEligible: true,
      ownersEnabled: true,
      ownersDisabled: true,
      ownersUndecided: true,
      participantsJoined: true,
      participantsLeft: true,
      feature: { select: { slug: true } },
      segment: { select: { key: true } },
    },
  });
  const byRelease = new Map<string, ({ feature: string; segment: string; period: string } & ConsentCounts)[]>();
  for (const { importId, feature, segment, ...counts } of stats) {
    const list = byRelease.get(importId ?? '') ?? [];
    list.push({ ...counts, feature: feature.slug, segment: segment.key });
    byRelease.set(importId ?? '', list);
  }
  return byRelease;
}

/** Rows per INSERT: a ConsentStat row binds 12 parameters; SQLite refuses more than 999 a statement. */
const CONSENT_ROWS_PER_WRITE = 50;

/**
 * Publishes consent statistics as one release of the consent-releases chain: hashed as the
 * public reads them (suppressed at `minimumCellSize`) and linked to the newest release, written
 * complete in one INSERT — ConsentImport rows are append-only, so nothing can be added later —
 * then its rows in batches. The caller validates the rows and issues the checkpoint.
 *
 * @throws DomainError CONFLICT when the newest release is dated after `releasedAt`: releases are
 * chained in date order, so one dated earlier would break the chain.
 */
export async function appendConsentRelease(
  db: Db,
  input: {
    rows: readonly ({
      feature: string;
      segment: string;
      featureId: string;
      segmentId: string;
      period: string;
    } & ConsentCounts)[];
    releasedAt: Date;
    minimumCellSize: number;
    editorId: string | null;
    /** SHA-256 of the file the rows came from, so the exact file can be identified later. */
    fileHash: string;
    /** Why, for a correction of published figures (candor-consent-correction/1); null for new figures. */
    reason?: string | null;
  },
) {
  const reason = input.reason ?? null;
  const head = await db.consentImport.findFirst({
    where: { contentHash: { not: null } },
    orderBy: [{ importedAt: 'desc' }, { id: 'desc' }],
    select: { contentHash: true, importedAt: true },
  });
  if (head !== null && head.importedAt > input.releasedAt) {
    throw new DomainError(
      'CONFLICT',
      `The newest consent release is dated ${head.importedAt.toISOString()}, after ${input.releasedAt.toISOString()}: releases are chained in publication order, so check the server's clock`,
      'csv',
    );
  }
  const previousHash = head?.contentHash ?? null;
  const contentHash = consentReleaseHash({
    releasedAt: input.releasedAt,
    minimumCellSize: input.minimumCellSize,
    previousHash,
    rows: releasedRows(input.rows, input.minimumCellSize),
    reason,
  });
  const release = await db.consentImport.create({
    data: {
      importedAt: input.releasedAt,
      editorId: input.editorId,
      rowCount: input.rows.length,
      fileHash: input.fileHash,
      minimumCellSize: input.minimumCellSize,
      contentHash,
      previousHash,
      kind: reason === null ? 'RELEASE' : 'CORRECTION',
      reason,
    },
  });
  const data = input.rows.map(({ feature: _f, segment: _s, ...row }) => ({
    ...row,
    importId: release.id,
    createdAt: input.releasedAt,
  }));
  for (let i = 0; i < data.length; i += CONSENT_ROWS_PER_WRITE) {
    await db.consentStat.createMany({ data: data.slice(i, i + CONSENT_ROWS_PER_WRITE) });
  }
  return release;
}

// --------------------------------------------------------------------------------------------
// Reading every record back for verification

export interface StoredChain {
  chain: string;
  records: ChainRecord[];
}

/**
 * Every public record from the database (never from a cache), each with its content hashed
 * again: the input of integrity.verify. Records the database holds but that cannot be
 * canonicalised are findings (hashOrFinding), never failures of the check.
 */
export async function readStoredChains(db: Db): Promise<StoredChain[]> {
  const [documents, features, withdrawals, releases, definitions] = await Promise.all([
    db.document.findMany({
      orderBy: { slug: 'asc' },
      select: {
        slug: true,
        versions: {
          where: { status: 'PUBLISHED' },
          orderBy: VERSION_ORDER,
          select: {
            importSource: true,
            importedAt: true,
            label: true,
            publishedAt: true,
            effectiveAt: true,
            material: true,
            changeNote: true,
            contentHash: true,
            previousHash: true,
            clauses: { orderBy: { position: 'asc' }, select: { key: true, number: true, heading: true, body: true } },
            explanations: {
              select: { summary: true, whatChanges: true, affected: true, segment: { select: { key: true } } },
            },
          },
        },
      },
    }),
    db.aiFeature.findMany({
      orderBy: { slug: 'asc' },
      select: {
        slug: true,
        revisions: {
          where: { status: 'PUBLISHED' },
          orderBy: REVISION_ORDER,
          include: {
            facts: { include: { segment: { select: { key: true } } } },
            explanations: { include: { segment: { select: { key: true } } } },
          },
        },
      },
    }),
    db.withdrawal.findMany({
      orderBy: WITHDRAWAL_ORDER,
      include: {
        version: { select: { label: true, contentHash: true, document: { select: { slug: true } } } },
        revision: { select: { number: true, contentHash: true, feature: { select: { slug: true } } } },
      },
    }),
    db.consentImport.findMany({ orderBy: RELEASE_ORDER }),
    db.definitionChange.findMany({ orderBy: DEFINITION_ORDER }),
  ]);
  // Statistics served to the public but in no release (written by hand) are in no chain.
  const loose = await db.consentStat.count({ where: { importId: null } });
  const statsByRelease = await storedReleaseRows(
    db,
    releases.map((r) => r.id),
  );
  const epoch = new Date(0);
  return [
    ...documents.map(({ slug, versions }) => ({
      chain: documentChain(slug),
      records: versions.map((v) => ({
        label: v.label,
        contentHash: v.contentHash,
        previousHash: v.previousHash,
        recomputedHash: hashOrFinding(() =>
          contentHash({
            document: slug,
            label: v.label,
            publishedAt: v.publishedAt ?? epoch,
            effectiveAt: v.effectiveAt ?? epoch,
            material: v.material,
            changeNote: v.changeNote,
            previousHash: v.previousHash,
            clauses: v.clauses,
            explanations: v.explanations.map(({ segment, ...e }) => ({ segment: segment.key, ...e })),
            source: v.importSource === null ? null : { reference: v.importSource, importedAt: v.importedAt ?? epoch },
          }),
        ),
      })),
    })),
    ...features.map(({ slug, revisions }) => ({
      chain: featureChain(slug),
      records: revisions.map((r) => ({
        label: `revision ${r.number}`,
        contentHash: r.contentHash,
        previousHash: r.previousHash,
        recomputedHash: hashOrFinding(() =>
          revisionHash({
            feature: slug,
            number: r.number,
            publishedAt: r.publishedAt ?? epoch,
            effectiveAt: r.effectiveAt ?? epoch,
            material: r.material,
            changeNote: r.changeNote,
            previousHash: r.previousHash,
            ...revisionContent(r),
          }),
        ),
      })),
    })),
    {
      chain: WITHDRAWALS_CHAIN,
      records: withdrawals.map((w) => {
        const label = w.version
          ? `withdrawal of ${w.version.document.slug} ${w.version.label}`
          : w.revision
            ? `withdrawal of ${w.revision.feature.slug} revision ${w.revision.number}`
            : `withdrawal ${w.id}`;
        return {
          label,
          contentHash: w.contentHash,
          previousHash: w.previousHash,
          recomputedHash: hashOrFinding(() =>
            withdrawalHash({
              kind: w.version ? 'version' : 'revision',
              subject: w.version?.document.slug ?? w.revision?.feature.slug ?? '',
              record: w.version?.label ?? String(w.revision?.number ?? ''),
              recordHash: w.version?.contentHash ?? w.revision?.contentHash ?? '',
              withdrawnAt: w.withdrawnAt,
              reason: w.reason,
              previousHash: w.previousHash,
            }),
          ),
        };
      }),
    },
    {
      chain: CONSENT_RELEASES_CHAIN,
      records: [
        ...(loose === 0
          ? []
          : [
              {
                label: `${loose} consent statistics in no release`,
                contentHash: null,
                previousHash: null,
                recomputedHash: '',
              },
            ]),
        ...releases.map((release) => ({
          label: `${release.kind === 'CORRECTION' ? 'correction' : 'release'} of ${release.importedAt.toISOString()}`,
          contentHash: release.contentHash,
          previousHash: release.previousHash,
          recomputedHash: hashOrFinding(() =>
            consentReleaseHash({
              releasedAt: release.importedAt,
              minimumCellSize: release.minimumCellSize ?? -1,
              previousHash: release.previousHash,
              rows: releasedRows(statsByRelease.get(release.id) ?? [], release.minimumCellSize ?? 0),
              reason: release.kind === 'CORRECTION' ? (release.reason ?? '') : null,
            }),
          ),
        })),
      ],
    },
    {
      chain: DEFINITIONS_CHAIN,
      records: definitions.map((change) => ({
        label: `${change.subjectType} ${change.subjectKey} ${change.action} ${change.at.toISOString()}`,
        contentHash: change.contentHash,
        previousHash: change.previousHash,
        recomputedHash: hashOrFinding(() => definitionChangeHash(storedDefinitionChange(change))),
      })),
    },
  ];
}

// --------------------------------------------------------------------------------------------
// Definition changes

/** A stored definition change as the canonical form takes it. */
export function storedDefinitionChange(change: {
  at: Date;
  subjectType: string;
  subjectKey: string;
  action: string;
  valuesJson: string;
  previousHash: string | null;
}) {
  return {
    at: change.at,
    subject: change.subjectType as DefinitionSubject,
    key: change.subjectKey,
    action: change.action as DefinitionAction,
    values: JSON.parse(change.valuesJson) as Record<string, never>,
    previousHash: change.previousHash,
  };
}
