/**
 * The answers the home page and every segment hub start with, shaped from the collections the
 * site already loads: what applies to me today, what is changing and when, does my content train
 * AI, who consents for me; and the timeline of material changes. Pure: segments, documents and
 * features are the organisation's data, nothing about them is known here.
 */
import type { Facts, Segment, SegmentKey, VersionTiming } from './entry-types';
import {
  consentInWords,
  dataCategoriesInWords,
  formatDate,
  NON_CONSENT_CHOICES,
  shortName,
  truncateAtWord,
} from './format';
import {
  activeSegments,
  currentFactsFor,
  documentAppliesTo,
  explanationFor,
  featureChanges,
  findVersion,
  type SiteCollections,
  segmentChanges,
  upcomingFeatureChanges,
} from './page-props';
import { featurePath, featureSegmentPath, revisionPath, versionChangesPath, versionPath } from './urls';
import { versionTitle } from './version-names';

/** A document's version in force for a reader, with the date it took effect. */
export interface InForceAnswer {
  documentSlug: string;
  documentTitle: string;
  label: string;
  effectiveAt: Date;
  href: string;
  /** The plain-language summary for the segment (null on the home page, or when there is none). */
  summary: string | null;
  /** The segments it applies to, by name (the home page says; a hub's documents all apply to it). */
  appliesTo: string[];
}

/** A published change not yet in force: a document's next version or a feature's next revision. */
export interface ChangingAnswer {
  kind: 'version' | 'revision';
  /** "Terms of Service changes on 16 July 2026": named by its date, never by its label. */
  title: string;
  effectiveAt: Date;
  material: boolean;
  /** What it changes, in one sentence (for the segment where there is one). */
  sentence: string;
  href: string;
  /** The segments it changes something for, by name (home page). */
  affects: string[];
  /** `document/label` of a version or `feature/number` of a revision. */
  key: string;
}

/** Whether one feature trains AI on a segment's content, in words. */
export interface TrainingAnswer {
  featureSlug: string;
  featureName: string;
  /** "Yes", "No" or "Not offered". */
  answer: 'Yes' | 'No' | 'Not offered' | 'Not described';
  /** The full sentence: which data it reads, who trains on it. */
  sentence: string;
  /** The data categories it reads, in words ("audio, transcripts and chat messages"), or "nothing". */
  reads: string;
  href: string;
}

/** Who consents for a segment's accounts to one feature, in words. */
export interface ConsentAnswer {
  featureSlug: string;
  featureName: string;
  /** "The account owner and an account administrator", or "Nobody …". */
  parties: string;
  /** "The account owner and an account administrator must consent." / "Nobody is asked to consent." */
  sentence: string;
  /** What each participant decides for themselves, or null when participants are not asked. */
  participantChoice: string | null;
  /** The participant's choice in a short sentence, for a table cell; null when participants are not asked. */
  participantOptions: string | null;
  href: string;
}

export interface TimelineEntry {
  date: Date;
  timing: VersionTiming;
  /** The link text: "Terms of Service, version 2023-08", "Meeting summary, revision 3", "Terms of Service changes on 16 July 2026". */
  title: string;
  /** One sentence: what changed. */
  sentence: string;
  href: string;
  /** `document/label` or `feature/number`, a stable key for tests and anchors. */
  key: string;
}

export interface SegmentAnswers {
  inForce: InForceAnswer[];
  changing: ChangingAnswer[];
  training: TrainingAnswer[];
  consent: ConsentAnswer[];
}

/** The longest sentence the timeline and the answers quote before cutting (at a word boundary). */
const SENTENCE_CHARS = 240;

/** The first sentence of a text, never cut mid-word. */
export function firstSentence(text: string): string {
  const trimmed = text.trim();
  // A sentence ends at ". " / "! " / "? " followed by a capital (not "e.g. the" nor "Section 10.4 says").
  const match = /^(.+?[.!?])\s+(?=[A-Z“"(])/s.exec(trimmed);
  return truncateAtWord(match?.[1] ?? trimmed, SENTENCE_CHARS);
}

const lower = (name: string): string => shortName(name).toLowerCase();

/** Whether a feature trains AI models on a segment's content, and the sentence that says so. */
export function trainingAnswer(
  feature: { slug: string; name: string },
  facts: Facts | null,
  segment: Segment,
): TrainingAnswer {
  const href = featureSegmentPath(feature.slug, segment.key);
  const base = { featureSlug: feature.slug, featureName: feature.name, href };
  if (facts === null)
    return {
      ...base,
      answer: 'Not described',
      reads: 'nothing described',
      sentence: `No description of ${feature.name} is in force for ${lower(segment.name)} accounts.`,
    };
  if (facts.availability === 'NOT_OFFERED' || facts.availability === 'RETIRED')
    return {
      ...base,
      answer: 'Not offered',
      reads: 'nothing',
      sentence: `${feature.name} is ${facts.availability === 'RETIRED' ? 'retired' : 'not offered'} to ${lower(segment.name)} accounts: it reads nothing of theirs.`,
    };
  const reads = facts.dataCategories.length === 0 ? 'nothing' : dataCategoriesInWords(facts);
  const trains = facts.trainsFirstPartyModels || (facts.sharedWithVendor && facts.trainsVendorModels);
  const parts: string[] = [
    `${feature.name} reads ${reads}.`,
    facts.trainsFirstPartyModels
      ? 'The company trains its own AI models on it.'
      : 'The company does not train its own AI models on it.',
  ];
  if (facts.sharedWithVendor) {
    const vendor = facts.vendorName ?? 'a third-party model vendor (not named)';
    parts.push(
      facts.trainsVendorModels
        ? `It is sent to ${vendor}, which may train its models on it.`
        : `It is sent to ${vendor}, which may not train its models on it.`,
    );
  } else {
    parts.push('It is not shared with a model vendor.');
  }
  return { ...base, answer: trains ? 'Yes' : 'No', reads, sentence: parts.join(' ') };
}

/** Who must consent for a segment's accounts, and what each participant decides for themselves. */
export function consentAnswer(
  feature: { slug: string; name: string },
  facts: Facts | null,
  segment: Segment,
): ConsentAnswer {
  const base = {
    featureSlug: feature.slug,
    featureName: feature.name,
    href: featureSegmentPath(feature.slug, segment.key),
  };
  if (facts === null)
    return {
      ...base,
      parties: 'Not described for this segment',
      sentence: `No description of ${feature.name} is in force for ${lower(segment.name)} accounts.`,
      participantChoice: null,
      participantOptions: null,
    };
  const parties = consentInWords(facts);
  const sentence =
    facts.consentRequiredFrom.length === 0
      ? `${parties}${parties.includes(':') ? '' : ' is asked to consent'}.`
      : `${parties} must consent before it is used.`;
  const asksParticipants = facts.consentRequiredFrom.includes('END_USER');
  let participantChoice: string | null = null;
  if (facts.nonConsentOption === 'LEAVE_ONLY')
    participantChoice = `Each participant in a meeting with ${feature.name.toLowerCase()} on chooses for themselves: ${NON_CONSENT_CHOICES.LEAVE_ONLY}. They cannot stay without it.`;
  else if (facts.nonConsentOption === 'JOIN_WITHOUT_FEATURE')
    participantChoice = `Each participant chooses for themselves: one who does not consent can ${NON_CONSENT_CHOICES.JOIN_WITHOUT_FEATURE}.`;
  else if (asksParticipants) participantChoice = 'Each participant is asked for their own consent.';
  const participantOptions =
    facts.nonConsentOption === 'LEAVE_ONLY'
      ? `Each participant chooses: ${NON_CONSENT_CHOICES.LEAVE_ONLY}.`
      : facts.nonConsentOption === 'JOIN_WITHOUT_FEATURE'
        ? 'Each participant chooses: consent, or stay with the feature off for them.'
        : asksParticipants
          ? 'Each participant is asked for their own consent.'
          : null;
  return { ...base, parties, sentence, participantChoice, participantOptions };
}

/** The answers for one segment's readers. */
export function segmentAnswers(site: SiteCollections, segment: Segment): SegmentAnswers {
  const inForce = site.documents
    .filter((document) => document.retiredAt === null && documentAppliesTo(document, segment.key))
    .flatMap((document): InForceAnswer[] => {
      const current =
        document.currentLabel === null ? undefined : findVersion(site, document.slug, document.currentLabel);
      if (current === undefined) return [];
      const explanation = explanationFor(current, segment.key);
      return [
        {
          documentSlug: document.slug,
          documentTitle: document.title,
          label: current.label,
          effectiveAt: current.effectiveAt,
          href: versionPath(document.slug, current.label),
          summary: explanation === undefined ? null : firstSentence(explanation.summary),
          appliesTo: [segment.name],
        },
      ];
    });

  const versions: ChangingAnswer[] = segmentChanges(site, segment.key)
    .filter((change) => change.version.timing === 'UPCOMING')
    .map(({ version, explanation }) => ({
      kind: 'version' as const,
      title: versionTitle(version),
      effectiveAt: version.effectiveAt,
      material: version.material,
      sentence: firstSentence(
        explanation === null ? version.changeNote : explanation.whatChanges || explanation.summary,
      ),
      href: versionChangesPath(version.document, version.label),
      affects: [segment.name],
      key: `${version.document}/${version.label}`,
    }));
  const revisions: ChangingAnswer[] = upcomingFeatureChanges(site, segment.key).map((group) => {
    const explanation = group.explanations[0];
    return {
      kind: 'revision' as const,
      title: `${group.feature.name} changes on ${formatDate(group.effectiveAt)}`,
      effectiveAt: group.effectiveAt,
      material: group.material,
      sentence: firstSentence(
        explanation === undefined ? group.changeNote : explanation.whatChanges || explanation.summary,
      ),
      href: revisionPath(group.feature.slug, group.number),
      affects: [segment.name],
      key: `${group.feature.slug}/${group.number}`,
    };
  });

  return {
    inForce,
    changing: [...versions, ...revisions].sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime()),
    training: site.features.map((feature) =>
      trainingAnswer(feature, currentFactsFor(site, feature, segment.key), segment),
    ),
    consent: site.features.map((feature) =>
      consentAnswer(feature, currentFactsFor(site, feature, segment.key), segment),
    ),
  };
}

/* The home page: a reader who has not picked a segment ---------------------------------------- */

export interface HomeAnswers {
  /** Every document in use with its version in force and the segments it applies to. */
  inForce: InForceAnswer[];
  /** Every published change not yet in force, soonest first, with the segments it affects. */
  changing: ChangingAnswer[];
  /** One row per active segment: the training and consent answers for each feature, in feature order. */
  bySegment: { segment: Segment; href: string; training: TrainingAnswer[]; consent: ConsentAnswer[] }[];
  /** The features, in order (the table's columns). */
  features: { slug: string; name: string; href: string }[];
}

export function homeAnswers(site: SiteCollections, segmentHref: (key: SegmentKey) => string): HomeAnswers {
  const segments = activeSegments(site);
  const names = (keys: readonly SegmentKey[]): string[] =>
    segments.filter((segment) => keys.includes(segment.key)).map((segment) => shortName(segment.name));

  const inForce = site.documents
    .filter((document) => document.retiredAt === null)
    .flatMap((document): InForceAnswer[] => {
      const current =
        document.currentLabel === null ? undefined : findVersion(site, document.slug, document.currentLabel);
      if (current === undefined) return [];
      return [
        {
          documentSlug: document.slug,
          documentTitle: document.title,
          label: current.label,
          effectiveAt: current.effectiveAt,
          href: versionPath(document.slug, current.label),
          summary: null,
          appliesTo: names(document.segments),
        },
      ];
    });

  const versions: ChangingAnswer[] = site.versions
    .filter((version) => version.timing === 'UPCOMING')
    .map((version) => {
      const document = site.documents.find((candidate) => candidate.slug === version.document);
      const affected = version.explanations.filter((explanation) => explanation.affected).map((e) => e.segment);
      return {
        kind: 'version' as const,
        title: versionTitle(version),
        effectiveAt: version.effectiveAt,
        material: version.material,
        sentence: firstSentence(version.changeNote),
        href: versionChangesPath(version.document, version.label),
        key: `${version.document}/${version.label}`,
        // Unexplained versions may change anything for every segment the document applies to.
        affects: names(version.explanations.length === 0 ? (document?.segments ?? []) : affected),
      };
    });
  const revisions: ChangingAnswer[] = upcomingFeatureChanges(site, null).map((group) => ({
    kind: 'revision' as const,
    title: `${group.feature.name} changes on ${formatDate(group.effectiveAt)}`,
    effectiveAt: group.effectiveAt,
    material: group.material,
    sentence: firstSentence(group.changeNote),
    href: revisionPath(group.feature.slug, group.number),
    key: `${group.feature.slug}/${group.number}`,
    affects: names([...new Set([...group.explanations.map((e) => e.segment), ...group.changes.map((c) => c.segment)])]),
  }));

  return {
    inForce,
    changing: [...versions, ...revisions].sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime()),
    features: site.features.map((feature) => ({
      slug: feature.slug,
      name: feature.name,
      href: featurePath(feature.slug),
    })),
    bySegment: segments.map((segment) => ({
      segment,
      href: segmentHref(segment.key),
      training: site.features.map((feature) =>
        trainingAnswer(feature, currentFactsFor(site, feature, segment.key), segment),
      ),
      consent: site.features.map((feature) =>
        consentAnswer(feature, currentFactsFor(site, feature, segment.key), segment),
      ),
    })),
  };
}

/* Timeline of material changes --------------------------------------------------------------- */

/**
 * Material changes, newest effective first: document versions and feature revisions (a feature's
 * first description included: it is when the feature began). For a segment, only those that
 * change something for it, in its own words; withdrawn ones are listed as such (they never applied).
 */
export function materialTimeline(site: SiteCollections, segment: SegmentKey | null): TimelineEntry[] {
  const versions: TimelineEntry[] = (
    segment === null
      ? site.versions.map((version) => ({
          version,
          explanation: null as { whatChanges: string; summary: string } | null,
        }))
      : segmentChanges(site, segment).flatMap(({ version }) => {
          const full = findVersion(site, version.document, version.label);
          return full === undefined ? [] : [{ version: full, explanation: explanationFor(full, segment) ?? null }];
        })
  )
    .filter(({ version }) => version.material)
    .map(({ version, explanation }) => ({
      date: version.effectiveAt,
      timing: version.timing,
      title: versionTitle(version),
      sentence: firstSentence(
        explanation === null
          ? version.changeNote
          : explanation.whatChanges || explanation.summary || version.changeNote,
      ),
      href: versionPath(version.document, version.label),
      key: `${version.document}/${version.label}`,
    }));
  const revisions: TimelineEntry[] = featureChanges(site, segment)
    .filter((group) => group.material || group.first)
    .map((group) => {
      const explanation = segment === null ? undefined : group.explanations[0];
      return {
        date: group.effectiveAt,
        timing: group.timing,
        title:
          group.timing === 'UPCOMING'
            ? `${group.feature.name} changes on ${formatDate(group.effectiveAt)}`
            : `${group.feature.name}, revision ${group.number}`,
        sentence: firstSentence(
          explanation === undefined ? group.changeNote : explanation.whatChanges || explanation.summary,
        ),
        href: revisionPath(group.feature.slug, group.number),
        key: `${group.feature.slug}/${group.number}`,
      };
    });
  return [...versions, ...revisions].sort((a, b) => b.date.getTime() - a.date.getTime());
}
