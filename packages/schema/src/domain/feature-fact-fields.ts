/**
 * The one definition of the AI-facts label's fields: their order and their kind. Everything that
 * handles facts field by field — storage rows, the canonical (hashed) form, the export, the
 * editor's template — iterates this table, so a new fact is added here (plus its type in
 * FeatureFactsInput, its rule in feature-facts.ts, the datamodel column, the GraphQL field and the
 * component that shows it) and nowhere else (docs/architecture.md, "Adding a field").
 */
import type { ClauseRef, FeatureFactsInput } from './types.js';

/**
 * How a fact is stored and compared:
 * - `text` / `optionalText`: a sentence (normalised before hashing); optional ones may be null;
 * - `flag`: a boolean; `days`: a whole number of days or null;
 * - `choice` / `choices`: one or several values of a fixed vocabulary (lower case in the domain,
 *   UPPER_CASE in the database and GraphQL);
 * - `clauseRefs`: references to the clauses that govern the feature.
 */
export type FactKind = 'text' | 'optionalText' | 'flag' | 'days' | 'choice' | 'choices' | 'clauseRefs';

/**
 * How a fact is named in change summaries, and whether changing it is material (needs notice and
 * an explanation). Wording and references — whatItDoes, humanReviewDetail, nonConsentDetail,
 * governingClauses — explain the facts without changing them, so they are editorial.
 */
interface FactDefinition {
  kind: FactKind;
  label: string;
  material: boolean;
  /** Its value in a blank template (a segment with no facts yet): not offered, nothing read. */
  blank: unknown;
}

/** Every fact, in the order they are validated, listed, compared and hashed. */
export const FEATURE_FACTS = {
  whatItDoes: { kind: 'text', label: 'what it does', material: false, blank: '' },
  availability: { kind: 'choice', label: 'availability', material: true, blank: 'not_offered' },
  dataCategories: { kind: 'choices', label: 'data categories', material: true, blank: [] },
  trainsFirstPartyModels: { kind: 'flag', label: 'trains first-party models', material: true, blank: false },
  sharedWithVendor: { kind: 'flag', label: 'shared with a model vendor', material: true, blank: false },
  vendorName: { kind: 'optionalText', label: 'model vendor', material: true, blank: null },
  trainsVendorModels: { kind: 'flag', label: 'trains vendor models', material: true, blank: false },
  retention: { kind: 'text', label: 'retention', material: true, blank: '' },
  retentionDays: { kind: 'days', label: 'retention in days', material: true, blank: null },
  humanReview: { kind: 'flag', label: 'human review', material: true, blank: false },
  humanReviewDetail: { kind: 'text', label: 'human review detail', material: false, blank: '' },
  consentRequiredFrom: { kind: 'choices', label: 'consent required from', material: true, blank: [] },
  nonConsentOption: {
    kind: 'choice',
    label: 'without consent, a participant can',
    material: true,
    blank: 'not_applicable',
  },
  nonConsentDetail: { kind: 'text', label: 'without consent, in detail', material: false, blank: '' },
  defaultState: { kind: 'choice', label: 'default state', material: true, blank: 'off' },
  governingClauses: { kind: 'clauseRefs', label: 'governing clauses', material: false, blank: [] },
} as const satisfies { [Field in keyof FeatureFactsInput]-?: FactDefinition }; // every field, no other

export type FeatureFactField = keyof typeof FEATURE_FACTS;

/** The facts' names in table order. */
export const FEATURE_FACT_FIELDS = Object.keys(FEATURE_FACTS) as readonly FeatureFactField[];

/** How each fact is named in change summaries. */
export const FEATURE_FACT_LABELS = Object.fromEntries(
  FEATURE_FACT_FIELDS.map((field) => [field, FEATURE_FACTS[field].label]),
) as Record<FeatureFactField, string>;

/** The facts whose change is material, in table order. */
export const MATERIAL_FACT_FIELDS: readonly FeatureFactField[] = FEATURE_FACT_FIELDS.filter(
  (field) => FEATURE_FACTS[field].material,
);

/** Facts for a segment that has none yet: not offered, nothing read, texts to write. */
export const BLANK_FACTS = Object.fromEntries(
  FEATURE_FACT_FIELDS.map((field) => [field, FEATURE_FACTS[field].blank]),
) as unknown as FeatureFactsInput;

/** Facts as the GraphQL API serves them: vocabulary in UPPER_CASE, references as `governingClauseRefs`. */
export type ServedFacts = Readonly<Record<Exclude<FeatureFactField, 'governingClauses'>, unknown>> & {
  governingClauseRefs: readonly ClauseRef[];
};

/**
 * Served facts in the domain's form — lower-case vocabulary, `governingClauses` — as revision
 * files and exports write them. Only the casing changes: a value outside a vocabulary is left for
 * the reader (validateFeatureFacts) to refuse.
 */
export function factsFromServed({ governingClauseRefs, ...served }: ServedFacts): FeatureFactsInput {
  return mapFacts<FeatureFactsInput>({ ...served, governingClauses: governingClauseRefs }, (value, kind) => {
    switch (kind) {
      case 'choice':
        return (value as string).toLowerCase();
      case 'choices':
        return (value as readonly string[]).map((item) => item.toLowerCase());
      case 'clauseRefs':
        return (value as readonly ClauseRef[]).map(({ document, key }) => ({ document, key }));
      default:
        return value;
    }
  });
}

/** Applies `convert` to each fact by its kind, keeping table order: the one loop every mapping shares. */
export function mapFacts<Out>(
  facts: Readonly<Record<FeatureFactField, unknown>>,
  convert: (value: unknown, kind: FactKind, field: FeatureFactField) => unknown,
): Out {
  const out: Record<string, unknown> = {};
  for (const field of FEATURE_FACT_FIELDS) out[field] = convert(facts[field], FEATURE_FACTS[field].kind, field);
  return out as Out;
}
