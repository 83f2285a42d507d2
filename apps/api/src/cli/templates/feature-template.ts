/**
 * The file `candor feature template` writes: an AI feature's current facts as a revision file
 * in YAML, exactly as `candor feature revise` reads it (parseFeatureRevisionFile and
 * validateFeatureFacts in packages/schema/src/domain/feature-facts.ts). Facts for a segment
 * with none yet start from SKELETON_FACTS, whose texts are empty and refused until written;
 * `changeNote: ""` and each explanation's `affected:` are placeholders the reader refuses too.
 */
import {
  BLANK_FACTS,
  CONSENT_PARTIES,
  DATA_CATEGORIES,
  DEFAULT_STATES,
  FEATURE_AVAILABILITIES,
  type FeatureFactsInput,
  NON_CONSENT_OPTIONS,
} from '@candor/schema/domain';
import { Document, isMap, type YAMLMap } from 'yaml';
import { annotate, comments, placeholder } from './yaml-comments.js';

export interface FeatureTemplateInput {
  feature: { slug: string; name: string };
  /** The segments in use: a new revision states facts for each of them, and for no other. */
  segments: readonly { key: string; name: string }[];
  /** The revision whose facts the template holds; null when the feature has none yet. */
  basis: { number: number; effectiveAt: string } | null;
  /** The basis's facts by segment key; a segment missing here starts from SKELETON_FACTS. */
  facts: Readonly<Record<string, FeatureFactsInput>>;
}

/** Facts for a segment that has none yet: the domain's blank facts, whose texts the reader refuses until written. */
export const SKELETON_FACTS: FeatureFactsInput = BLANK_FACTS;

/** The template's text; `feature revise --file` accepts it once its placeholders are filled in. */
export function renderFeatureTemplate(input: FeatureTemplateInput): string {
  const { feature, segments, basis } = input;
  const doc = new Document(
    {
      feature: feature.slug,
      changeNote: '',
      facts: Object.fromEntries(segments.map((s) => [s.key, input.facts[s.key] ?? SKELETON_FACTS])),
      explanations: Object.fromEntries(
        segments.map((s) => [s.key, { summary: '', whatChanges: '', affected: placeholder('fill in: true or false') }]),
      ),
      // Segments may share one facts object (SKELETON_FACTS): written out in full each time, never as an alias.
    },
    { aliasDuplicateObjects: false },
  );
  const missing = segments.filter((s) => input.facts[s.key] === undefined).map((s) => s.key);
  doc.commentBefore = comments([
    `The next revision of the AI feature "${feature.name}" (${feature.slug}), from "pnpm candor feature template".`,
    basis === null
      ? 'It has no published revision yet: every segment starts as not offered, with its texts to write.'
      : `The facts are those of revision ${basis.number}, effective ${basis.effectiveAt}.`,
    ...(basis !== null && missing.length > 0
      ? [
          `${missing.join(', ')} had no facts in it: ${missing.length === 1 ? 'it starts' : 'they start'} as not offered, with texts to write.`,
        ]
      : []),
    'Change the facts, fill in the fields marked "fill in", then:',
    '  pnpm candor feature revise --file <this file>',
    `Values: availability ${FEATURE_AVAILABILITIES.join(', ')}; dataCategories any of ${DATA_CATEGORIES.join(', ')}; consentRequiredFrom any of ${CONSENT_PARTIES.join(', ')}; nonConsentOption ${NON_CONSENT_OPTIONS.join(', ')}; defaultState ${DEFAULT_STATES.join(', ')} (either casing). vendorName is null unless sharedWithVendor; retentionDays is null when retention depends on settings; governingClauses lists { document, key }.`,
    'No effective date here: the publisher gives it when publishing:',
    '  pnpm candor feature publish --id ID --effective-at ISO',
  ]);
  const root = doc.contents as YAMLMap;
  annotate(root, 'changeNote', 'Fill in: what changes and why, for the changelog.');
  annotate(root, 'facts', 'One entry per segment, with every field.');
  annotate(
    root,
    'explanations',
    'What the revision means for each segment, in plain language: summary, whatChanges (may be empty) and affected. A revision that changes a material fact for a segment needs its summary; fill in the others or delete them (or the whole block, for a wording change).',
  );
  for (const key of ['facts', 'explanations']) {
    const map = root.get(key);
    if (!isMap(map)) continue;
    for (const s of segments) annotate(map, s.key, s.name);
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
