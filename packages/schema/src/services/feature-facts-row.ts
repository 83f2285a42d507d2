/**
 * Facts as stored: one AiFeatureFacts row per segment. Vocabulary values are UPPER_CASE enums in
 * the database and lists are comma-separated text (see datamodel.prisma); a governing clause is
 * `document#key`. Both directions follow the field table (domain/feature-fact-fields.ts), so a new
 * fact needs no line here.
 */
import { type FactKind, type FeatureFactField, mapFacts } from '../domain/feature-fact-fields.js';
import type { ClauseRef, FeatureFactsInput } from '../domain/types.js';
import type { AiFeatureFacts } from '../generated/sqlite/client.js';

/** The facts columns of a row, as Prisma writes and reads them (both providers share the shape). */
export type FactsRow = Pick<AiFeatureFacts, FeatureFactField>;

const toColumn = (value: unknown, kind: FactKind): unknown => {
  switch (kind) {
    case 'choice':
      return (value as string).toUpperCase();
    case 'choices':
      return (value as readonly string[]).join(',');
    case 'clauseRefs':
      return (value as readonly ClauseRef[]).map((ref) => `${ref.document}#${ref.key}`).join(',');
    default:
      return value;
  }
};

const list = (value: string): string[] => (value === '' ? [] : value.split(','));

const fromColumn = (value: unknown, kind: FactKind): unknown => {
  switch (kind) {
    case 'choice':
      return (value as string).toLowerCase();
    case 'choices':
      return list(value as string);
    case 'clauseRefs':
      return list(value as string).map((ref) => {
        const [document = '', key = ''] = ref.split('#');
        return { document, key };
      });
    default:
      return value;
  }
};

export function factsToRow(facts: FeatureFactsInput): FactsRow {
  return mapFacts<FactsRow>(facts, toColumn);
}

/** The inverse of factsToRow, for diffs against the previous revision and for hashing. */
export function rowToFacts(row: FactsRow): FeatureFactsInput {
  return mapFacts<FeatureFactsInput>(row as Record<keyof FeatureFactsInput, unknown>, fromColumn);
}
