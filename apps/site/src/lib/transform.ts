/**
 * Pure functions from the operations' results (SiteData) to content-collection entries. No I/O:
 * the loaders call them and store what they return.
 *
 * The entries' types are these functions' return types (lib/entry-types.ts), and their inputs are
 * typed from the committed SDL (src/generated/operations.ts): a field is documented once, by its
 * SDL description. Comments here document what the site derives that the API does not serve.
 * What the SDL cannot say is checked here and stops the build with a clear error: a segment
 * key's spelling (it is a URL path segment) and a revision's hash.
 */
import { CHAIN_KINDS, isScheduledAfter, isSegmentKey, parseChainName, versionInForce } from '@candor/schema/domain';
import type { VersionTiming } from '../generated/operations';
import { checkPublishedChains } from './chain-check';
import type {
  ConsentRowResult,
  FactsResult,
  NoticeResult,
  RevisionResult,
  ServerVerificationResult,
  VersionResult,
  WithdrawalResult,
} from './operation-types';
import type { SiteData } from './site-data';
import { clauseAnchor } from './urls';

export interface Entry<T> {
  id: string;
  data: T;
}

/**
 * A segment key as the organisation chose it, checked: it is also a URL path segment, and the SDL
 * only says String. Which keys exist is data; only the spelling is checked (isSegmentKey, the rule
 * the API validates keys with on write), so a key written behind the API's back stops the build
 * here rather than producing a broken path. `where` names the record it was read from.
 */
function segmentKey(key: string, where: string): string {
  if (!isSegmentKey(key)) {
    throw new Error(`${where}: not a segment key (lowercase words joined by hyphens): "${key}"`);
  }
  return key;
}

/**
 * Sorts by the organisation's own segment order (the API lists segments in display order); a key
 * it does not list (none should be) goes last, in key order, rather than vanishing.
 */
function bySegmentOrder(data: SiteData): <T extends { segment: string }>(a: T, b: T) => number {
  const order = new Map(data.organization.segments.map((segment, index) => [segment.key, index]));
  const rank = (key: string) => order.get(key) ?? order.size;
  return (a, b) => rank(a.segment) - rank(b.segment) || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0);
}

/** `dataAsOf`: the instant the build read the data at ("current" and "upcoming" are relative to it). */
export function toOrganization(data: SiteData, dataAsOf: Date) {
  const { organization } = data.organization;
  return { id: 'organization', data: { ...organization, dataAsOf } } satisfies Entry<unknown>;
}

/** Every segment, retired ones included; `position`: 0-based, in the API's display order. */
export function toSegments(data: SiteData) {
  return data.organization.segments.map((segment, position) => ({
    id: segment.key,
    data: {
      key: segmentKey(segment.key, 'segments'),
      name: segment.name,
      description: segment.description,
      position,
      retiredAt: segment.retiredAt === null ? null : new Date(segment.retiredAt),
    },
  }));
}

/**
 * The server's verification as /verify/ lists it: each chain with its kind and subject (the
 * document or feature slug, null for the shared chains), in kind order (CHAIN_KINDS), then name
 * order within a kind. A chain name the site does not know fails the build: it would otherwise be
 * left off the page.
 */
export function toServerCheck(verify: ServerVerificationResult) {
  const chains = verify.chains.map((report) => {
    const parsed = parseChainName(report.chain);
    if (parsed === null) throw new Error(`integrity.verify reported a chain the site does not know: ${report.chain}`);
    return { ...report, kind: parsed.kind, subject: parsed.subject };
  });
  const kindOrder = (kind: (typeof chains)[number]['kind']) => CHAIN_KINDS.indexOf(kind);
  chains.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  return { ok: verify.ok, checkpointSequence: verify.checkpointSequence, chains, problems: verify.problems };
}

export function toIntegrity(data: SiteData) {
  const { keyId, publicKeyPem, latestCheckpoint, checkpoints, verify } = data.organization.integrity;
  return {
    id: 'integrity',
    data: {
      keyId,
      publicKeyPem,
      latestCheckpoint:
        latestCheckpoint === null ? null : { ...latestCheckpoint, issuedAt: new Date(latestCheckpoint.issuedAt) },
      checkpoints: checkpoints.edges.map(({ node }) => ({ ...node, issuedAt: new Date(node.issuedAt) })),
      // The build's own check of the document chains, over the text its pages show (chain-check.ts).
      buildCheck: checkPublishedChains(data.documents),
      serverCheck: toServerCheck(verify),
      definitionChanges: data.definitionChanges.map((change) => ({
        subject: change.subject,
        key: change.key,
        action: change.action,
        at: new Date(change.at),
        // JSON of the public fields after the change: the archive download writes it (lib/downloads.ts).
        values: change.values,
        contentHash: change.contentHash,
        previousHash: change.previousHash,
      })),
      consentReleases: data.consentReleases.map((release) => ({
        ...release,
        releasedAt: new Date(release.releasedAt),
      })),
    },
  } satisfies Entry<unknown>;
}

export function toDocuments(data: SiteData) {
  return data.documents.map((document, position) => ({
    id: document.slug,
    data: {
      slug: document.slug,
      title: document.title,
      description: document.description,
      kind: document.kind,
      // The keys of the segments it applies to, in display order: only their hubs, changelogs and feeds show it.
      segments: document.segments.map((segment) => segmentKey(segment.key, `document ${document.slug}`)),
      retiredAt: document.retiredAt === null ? null : new Date(document.retiredAt),
      noticePeriodDays: document.noticePeriodDays,
      // 0-based display order (the API's).
      position,
      // The version in force at build time (null before the first takes effect), the published
      // ones not yet in force (soonest first) and every published one (newest effective first).
      currentLabel: document.current?.label ?? null,
      upcomingLabels: document.upcoming.map((version) => version.label),
      versionLabels: document.versions.map((version) => version.label),
    },
  }));
}

function toWithdrawal(withdrawal: WithdrawalResult | null) {
  return withdrawal === null
    ? null
    : {
        reason: withdrawal.reason,
        withdrawnAt: new Date(withdrawal.withdrawnAt),
        contentHash: withdrawal.contentHash,
        previousHash: withdrawal.previousHash,
      };
}

/**
 * A version's or a revision's proof of notice, dates parsed. It changes after publication (retries,
 * dead letters), so pages say it is as of the build, and no download that is hashed carries it.
 */
function toNotice(notice: NoticeResult | null) {
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  return notice === null
    ? null
    : {
        ...notice,
        dispatchedAt: date(notice.dispatchedAt),
        firstDeliveredAt: date(notice.firstDeliveredAt),
        lastDeliveredAt: date(notice.lastDeliveredAt),
      };
}

/** A version's or a revision's explanations (the two select the same fields), by segment key, in segment order. */
function toExplanations(
  explanations: VersionResult['explanations'],
  where: string,
  segmentOrder: ReturnType<typeof bySegmentOrder>,
) {
  return explanations
    .map(({ segment, ...explanation }) => ({ segment: segmentKey(segment.key, where), ...explanation }))
    .sort(segmentOrder);
}

function toVersion(
  slug: string,
  documentTitle: string,
  version: VersionResult,
  segmentOrder: ReturnType<typeof bySegmentOrder>,
) {
  return {
    // The document's slug and title, for headings and feeds.
    document: slug,
    documentTitle,
    label: version.label,
    timing: version.timing,
    material: version.material,
    changeNote: version.changeNote,
    publishedAt: new Date(version.publishedAt),
    effectiveAt: new Date(version.effectiveAt),
    contentHash: version.contentHash,
    previousHash: version.previousHash,
    importSource: version.importSource,
    importedAt: version.importedAt === null ? null : new Date(version.importedAt),
    notice: toNotice(version.notice),
    withdrawal: toWithdrawal(version.withdrawal),
    previousLabel: version.previous?.label ?? null,
    nextLabel: version.next?.label ?? null,
    explanations: toExplanations(version.explanations, `version ${slug}/${version.label}`, segmentOrder),
    // In reading order; `anchor`: the clause's HTML id on its version page (from its key, see clauseAnchor).
    clauses: [...version.clauses]
      .sort((a, b) => a.position - b.position)
      .map((clause) => ({ ...clause, anchor: clauseAnchor(clause.key) })),
    changes:
      version.changes === null
        ? null
        : {
            // The label of the version compared with (null for a first version).
            fromLabel: version.changes.from?.label ?? null,
            rebased: version.changes.rebased,
            reason: version.changes.reason,
            comparedAt: new Date(version.changes.comparedAt),
            summary: version.changes.summary,
            changes: version.changes.changes,
          },
  };
}

/** One entry per published version, id `<slug>/<label>`. */
export function toVersions(data: SiteData) {
  const segmentOrder = bySegmentOrder(data);
  return data.documents.flatMap((document) =>
    document.versions.map((version) => ({
      id: `${document.slug}/${version.label}`,
      data: toVersion(document.slug, document.title, version, segmentOrder),
    })),
  );
}

/**
 * Facts by segment key, each governing clause reference paired with the clause it resolved to
 * (`versionLabel`, `number` and `heading` null when it did not resolve).
 */
function toFacts(facts: FactsResult, where: string) {
  const { segment, governingClauseRefs, governingClauses, ...rest } = facts;
  return {
    ...rest,
    segment: segmentKey(segment.key, where),
    governingClauses: governingClauseRefs.map((ref) => {
      const resolved = governingClauses.find(
        (clause) => clause.key === ref.key && clause.document.slug === ref.document,
      );
      return {
        document: ref.document,
        key: ref.key,
        versionLabel: resolved?.version.label ?? null,
        number: resolved?.number ?? null,
        heading: resolved?.heading ?? null,
      };
    }),
  };
}

/**
 * Where each revision stands at `now`, as a version's timing: WITHDRAWN when withdrawn, UPCOMING
 * when the API lists it among the feature's scheduled revisions (or it takes effect after `now`),
 * otherwise IN_FORCE for the newest effective one (the latest publication among equals) and
 * SUPERSEDED for the others.
 */
export function revisionTimings(
  revisions: readonly Pick<RevisionResult, 'number' | 'withdrawal' | 'effectiveAt' | 'publishedAt'>[],
  upcoming: ReadonlySet<number>,
  now: Date,
): Map<number, VersionTiming> {
  // The domain's in-force rule (as-of.ts), the one the API applies to versions; a revision the
  // API lists as scheduled is upcoming here even if the build's clock has passed its date.
  const dated = revisions.map((revision) => ({
    ...revision,
    effectiveAt: new Date(revision.effectiveAt),
    publishedAt: new Date(revision.publishedAt),
  }));
  const isUpcoming = (revision: (typeof dated)[number]) =>
    upcoming.has(revision.number) || isScheduledAfter(revision, now);
  const inForce = versionInForce(
    dated.filter((revision) => !isUpcoming(revision)),
    now,
  );
  const timings = new Map<number, VersionTiming>();
  for (const revision of dated) {
    const timing: VersionTiming =
      revision.withdrawal !== null
        ? 'WITHDRAWN'
        : isUpcoming(revision)
          ? 'UPCOMING'
          : revision === inForce
            ? 'IN_FORCE'
            : 'SUPERSEDED';
    timings.set(revision.number, timing);
  }
  return timings;
}

function unchained(revision: RevisionResult): never {
  throw new Error(
    `Revision ${revision.number} has no contentHash: it is in no chain (integrity.verify reports UNCHAINED)`,
  );
}

function toRevision(
  feature: string,
  revision: RevisionResult,
  timing: VersionTiming,
  segmentOrder: ReturnType<typeof bySegmentOrder>,
) {
  const where = `feature ${feature} revision ${revision.number}`;
  return {
    number: revision.number,
    // Where the revision stands relative to the build time, as a version's timing (revisionTimings).
    timing,
    changeNote: revision.changeNote,
    publishedAt: new Date(revision.publishedAt),
    effectiveAt: new Date(revision.effectiveAt),
    material: revision.material,
    // Null only for a revision written outside the workflow (integrity.verify: UNCHAINED): the
    // site publishes no record that is in no chain, so the build stops on it.
    contentHash: revision.contentHash ?? unchained(revision),
    previousHash: revision.previousHash,
    comparedWith: revision.comparedWith,
    rebaseReason: revision.rebaseReason,
    notice: toNotice(revision.notice),
    withdrawal: toWithdrawal(revision.withdrawal),
    explanations: toExplanations(revision.explanations, where, segmentOrder),
    facts: revision.facts.map((facts) => toFacts(facts, where)).sort(segmentOrder),
    changes: revision.changes,
  };
}

export function toFeatures(data: SiteData, now: Date) {
  const segmentOrder = bySegmentOrder(data);
  return data.features.map((feature, position) => {
    const timings = revisionTimings(feature.revisions, new Set(feature.upcoming.map(({ number }) => number)), now);
    return {
      id: feature.slug,
      data: {
        slug: feature.slug,
        name: feature.name,
        description: feature.description,
        noticePeriodDays: feature.noticePeriodDays,
        // 0-based display order (the API's).
        position,
        // Facts in force at build time, one per segment with a revision in force, in segment order.
        current: feature.current.map((facts) => toFacts(facts, `feature ${feature.slug}`)).sort(segmentOrder),
        revisions: feature.revisions.map((revision) =>
          toRevision(feature.slug, revision, timings.get(revision.number) ?? 'SUPERSEDED', segmentOrder),
        ),
      },
    };
  });
}

/**
 * The API's rule for totals (sumVisible in packages/schema), applied to one flow count of a series
 * (consent-view.ts, totalRow; a stock, a level at month end, is never summed): the sum of
 * the published cells only (`value`, null when no cell has one), incomplete when a cell was
 * suppressed or not tracked (`complete`), with how many were suppressed (`suppressedCells`), so
 * subtracting never reveals a hidden cell.
 */
export function totalOf(cells: readonly { value: number | null; suppressed: boolean }[]) {
  const published = cells.flatMap((cell) => (cell.suppressed || cell.value === null ? [] : [cell.value]));
  return {
    value: published.length === 0 ? null : published.reduce((sum, value) => sum + value, 0),
    complete: published.length === cells.length,
    suppressedCells: cells.filter((cell) => cell.suppressed).length,
  };
}

/** One entry per feature × segment series (id `<feature>/<segment>`), months oldest first. */
export function toConsentSeries(data: SiteData) {
  const groups = new Map<string, ConsentRowResult[]>();
  for (const row of data.consent.rows) {
    const id = `${row.feature}/${row.segment}`;
    groups.set(id, [...(groups.get(id) ?? []), row]);
  }
  const featureOrder = data.features.map((feature) => feature.slug);
  const segmentOrder = bySegmentOrder(data);
  return [...groups.entries()]
    .map(([id, unsorted]) => {
      const rows = [...unsorted].sort((a, b) => a.period.localeCompare(b.period));
      const first = rows[0] as ConsentRowResult;
      const last = rows[rows.length - 1] as ConsentRowResult;
      return {
        id,
        data: {
          feature: first.feature,
          featureName: first.featureName,
          segment: segmentKey(first.segment, `consent series ${id}`),
          // Counts below this were suppressed by the API.
          minimumCellSize: data.consent.minimumCellSize,
          // The first and last months with statistics.
          firstPeriod: first.period,
          lastPeriod: last.period,
          rows: rows.map(({ feature: _f, featureName: _n, segment: _s, corrections, ...row }) => ({
            ...row,
            corrections: corrections.map((correction) => ({
              ...correction,
              correctedAt: new Date(correction.correctedAt),
            })),
          })),
        },
      };
    })
    .sort(
      (a, b) =>
        featureOrder.indexOf(a.data.feature) - featureOrder.indexOf(b.data.feature) || segmentOrder(a.data, b.data),
    );
}
