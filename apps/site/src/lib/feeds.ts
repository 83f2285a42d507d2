/**
 * Atom 1.0 feeds (through the `feed` package): one per document (its versions), one per segment
 * (the versions and AI-feature revisions that affect it) and one for AI-feature revisions. Every
 * feed and entry has a stable id (the page's absolute URL), an `updated` date taken from the data
 * (never the build time, so rebuilding does not re-announce anything) and a self link.
 */
import { Feed } from 'feed';
import type { DocumentEntry, Segment } from './entry-types';
import { formatDate, shortName, TIMING_LABELS } from './format';
import {
  type FeatureChangeGroup,
  featureChanges,
  type SegmentChange,
  type SiteCollections,
  segmentChanges,
  summarise,
  type VersionSummary,
  versionsOf,
} from './page-props';
import {
  absoluteUrl,
  checkpointsFeedPath,
  documentFeedPath,
  documentPath,
  featurePath,
  featuresFeedPath,
  featuresPath,
  revisionPath,
  segmentChangesPath,
  segmentFeedPath,
  versionPath,
} from './urls';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const paragraph = (text: string): string => `<p>${escapeHtml(text)}</p>`;

interface FeedFrame {
  site: SiteCollections;
  siteUrl: URL | undefined;
  title: string;
  description: string;
  path: string;
  htmlPath: string;
}

function newFeed({ site, siteUrl, title, description, path, htmlPath }: FeedFrame, updated: Date): Feed {
  const { organization } = site;
  const notice = organization.isSample && organization.sampleNotice !== null ? ` ${organization.sampleNotice}` : '';
  return new Feed({
    id: absoluteUrl(siteUrl, path),
    title,
    description: `${description}${notice}`,
    link: absoluteUrl(siteUrl, htmlPath),
    feedLinks: { atom: absoluteUrl(siteUrl, path) },
    updated,
    language: 'en',
    author: { name: organization.name, link: organization.website },
    copyright: `© ${organization.name}`,
    generator: 'Candor',
  });
}

/** The sample-data sentence every entry repeats, so an entry read on its own still says so. */
const sampleParagraph = (site: SiteCollections): string =>
  site.organization.isSample && site.organization.sampleNotice !== null
    ? `<p><strong>${escapeHtml(site.organization.sampleNotice)}</strong></p>`
    : '';

const latest = (dates: Date[], fallback: Date): Date =>
  dates.length === 0 ? fallback : new Date(Math.max(...dates.map((date) => date.getTime())));

function versionEntry(site: SiteCollections, siteUrl: URL | undefined, version: VersionSummary, extra: string) {
  const url = absoluteUrl(siteUrl, versionPath(version.document, version.label));
  return {
    title: escapeHtml(
      `${version.documentTitle}, version ${version.label}${version.material ? ' (material change)' : ''}`,
    ),
    id: url,
    link: url,
    date: version.withdrawal?.withdrawnAt ?? version.publishedAt,
    published: version.publishedAt,
    description: escapeHtml(version.changeNote),
    content: [
      sampleParagraph(site),
      paragraph(
        `${TIMING_LABELS[version.timing]}. Published ${formatDate(version.publishedAt)}; effective ${formatDate(version.effectiveAt)}.`,
      ),
      extra,
      paragraph(version.changeNote),
      version.withdrawal === null
        ? ''
        : paragraph(`Withdrawn on ${formatDate(version.withdrawal.withdrawnAt)}: ${version.withdrawal.reason}`),
    ].join(''),
  };
}

/** A document's versions, newest first. */
export function documentFeed(site: SiteCollections, siteUrl: URL | undefined, document: DocumentEntry): string {
  const versions = versionsOf(site, document).map(summarise);
  const feed = newFeed(
    {
      site,
      siteUrl,
      title: `${document.title} · ${site.organization.name}`,
      description: `Every published version of the ${document.title}, with its dates and change note.`,
      path: documentFeedPath(document.slug),
      htmlPath: documentPath(document.slug),
    },
    latest(
      versions.map((version) => version.withdrawal?.withdrawnAt ?? version.publishedAt),
      site.organization.dataAsOf,
    ),
  );
  for (const version of versions) feed.addItem(versionEntry(site, siteUrl, version, ''));
  return feed.atom1();
}

function revisionEntry(
  site: SiteCollections,
  siteUrl: URL | undefined,
  group: FeatureChangeGroup,
  segment: Segment | null,
) {
  const url = absoluteUrl(siteUrl, featurePath(group.feature.slug));
  return {
    title: escapeHtml(
      `${group.feature.name}, revision ${group.number}${group.material ? ' (material change)' : ''}${group.withdrawal === null ? '' : ' (withdrawn)'}`,
    ),
    // One entry per revision (and per segment in a segment's feed): a tag URI keeps the ids distinct.
    id: `${url}#revision-${group.number}${segment === null ? '' : `-${segment.key}`}`,
    link: absoluteUrl(siteUrl, revisionPath(group.feature.slug, group.number)),
    // A withdrawal updates the entry, as for versions.
    date: group.withdrawal?.withdrawnAt ?? group.publishedAt,
    published: group.publishedAt,
    description: escapeHtml(group.changeNote),
    content: [
      sampleParagraph(site),
      paragraph(
        `${TIMING_LABELS[group.timing]}. ${group.timing === 'UPCOMING' ? 'Takes effect' : 'Effective'} ${formatDate(group.effectiveAt)}; published ${formatDate(group.publishedAt)}.`,
      ),
      group.withdrawal === null
        ? ''
        : paragraph(
            `Withdrawn on ${formatDate(group.withdrawal.withdrawnAt)}, before it took effect. Reason: ${group.withdrawal.reason}`,
          ),
      paragraph(group.changeNote),
      group.explanations
        .map((explanation) =>
          paragraph(
            `What changes for ${shortName(explanation.segmentName).toLowerCase()} accounts: ${explanation.whatChanges === '' ? explanation.summary : explanation.whatChanges}`,
          ),
        )
        .join(''),
      group.first
        ? paragraph('First published description of the feature.')
        : `<ul>${group.changes.map((change) => `<li>${escapeHtml(change.summary)}</li>`).join('')}</ul>`,
    ].join(''),
  };
}

/** Every AI-feature revision, newest first. */
export function featuresFeed(site: SiteCollections, siteUrl: URL | undefined): string {
  const groups = featureChanges(site, null);
  const feed = newFeed(
    {
      site,
      siteUrl,
      title: `AI feature revisions · ${site.organization.name}`,
      description: 'Every published revision of every AI feature, with the facts that changed for each segment.',
      path: featuresFeedPath(),
      htmlPath: featuresPath(),
    },
    latest(
      groups.map((group) => group.withdrawal?.withdrawnAt ?? group.publishedAt),
      site.organization.dataAsOf,
    ),
  );
  for (const group of groups) feed.addItem(revisionEntry(site, siteUrl, group, null));
  return feed.atom1();
}

/** What affects one segment: versions whose explanation says so, and AI-feature revisions. */
export function segmentFeed(site: SiteCollections, siteUrl: URL | undefined, segment: Segment): string {
  const changes: SegmentChange[] = segmentChanges(site, segment.key);
  const groups = featureChanges(site, segment.key);
  const name = shortName(segment.name);
  const feed = newFeed(
    {
      site,
      siteUrl,
      title: `Changes for ${name} accounts · ${site.organization.name}`,
      description: `Every version and AI-feature revision that changes something for ${segment.name.toLowerCase()}.`,
      path: segmentFeedPath(segment.key),
      htmlPath: segmentChangesPath(segment.key),
    },
    latest(
      [
        ...changes.map((change) => change.version.withdrawal?.withdrawnAt ?? change.version.publishedAt),
        ...groups.map((group) => group.withdrawal?.withdrawnAt ?? group.publishedAt),
      ],
      site.organization.dataAsOf,
    ),
  );
  const entries = [
    ...changes.map((change) => {
      const { explanation } = change;
      const text =
        explanation === null
          ? 'No plain-language explanation for this kind of account: see what changed, clause by clause.'
          : `What changes for you: ${explanation.whatChanges === '' ? explanation.summary : explanation.whatChanges}`;
      const entry = versionEntry(site, siteUrl, change.version, paragraph(text));
      // The same version appears in several segment feeds; its id there is specific to the segment.
      return { ...entry, id: `${entry.id}#${segment.key}` };
    }),
    ...groups.map((group) => revisionEntry(site, siteUrl, group, segment)),
  ].sort((a, b) => b.date.getTime() - a.date.getTime());
  for (const entry of entries) feed.addItem(entry);
  return feed.atom1();
}

/**
 * Every signed checkpoint as an entry, so anyone following the feed keeps a copy of each one:
 * with an earlier checkpoint in hand, a later deletion of published versions is detectable
 * (`pnpm candor verify --checkpoint FILE`).
 */
export function checkpointsFeed(site: SiteCollections, siteUrl: URL | undefined): string {
  const { checkpoints, publicKeyPem, keyId } = site.integrity;
  const feed = newFeed(
    {
      site,
      siteUrl,
      title: `${shortName(site.organization.name)}: signed checkpoints`,
      description: `Each publish signs the length and head hash of every document's hash chain (Ed25519, key ${keyId}).`,
      path: checkpointsFeedPath(),
      htmlPath: '/verify/',
    },
    latest(
      checkpoints.map((checkpoint) => checkpoint.issuedAt),
      new Date(0),
    ),
  );
  for (const checkpoint of checkpoints) {
    const url = `${absoluteUrl(siteUrl, '/verify/')}#checkpoint-${checkpoint.sequence}`;
    feed.addItem({
      title: `Checkpoint ${checkpoint.sequence}`,
      id: url,
      link: absoluteUrl(siteUrl, '/verify/'),
      date: checkpoint.issuedAt,
      content: `${sampleParagraph(site)}<p>Signed with key ${escapeHtml(checkpoint.keyId)}.</p><pre>${escapeHtml(
        JSON.stringify({ payload: checkpoint.payload, signature: checkpoint.signature }, null, 2),
      )}</pre><p>Public key:</p><pre>${escapeHtml(publicKeyPem)}</pre>`,
    });
  }
  return feed.atom1();
}
