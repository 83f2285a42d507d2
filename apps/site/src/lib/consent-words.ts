/**
 * The latest month of a consent series as one plain sentence ("who actually turned it on"),
 * honest about suppressed counts and about a correction of the month's figures.
 */
import { schema } from '@candor/schema';
import { CONSENT_COUNT_FIELDS, type ConsentCountField } from '@candor/schema/domain';
import { formatCount, formatDate, formatMonth, formatRate } from './format';
import type { ConsentGlance } from './page-props';

/**
 * What each count means, in the GraphQL schema's own words (the descriptions of the ConsentCounts
 * interface that partners read in the SDL), so the site and the API define a column once. A
 * parenthesis about the API's null cells is left out: the tables say "not tracked" instead.
 */
export function countDescriptions(): Record<ConsentCountField, string> {
  const type = schema.getType('ConsentCounts');
  if (type === undefined || type === null || !('getFields' in type)) {
    throw new Error('The GraphQL schema has no ConsentCounts interface');
  }
  const fields = type.getFields() as Record<string, { description?: string | null | undefined }>;
  return Object.fromEntries(
    CONSENT_COUNT_FIELDS.map((field) => {
      const description = fields[field]?.description;
      if (description === undefined || description === null || description === '') {
        throw new Error(`ConsentCounts.${field} has no description in the GraphQL schema`);
      }
      return [field, description.replace(/\s*\([^)]*\bnull\b[^)]*\)/, '')];
    }),
  ) as Record<ConsentCountField, string>;
}

export function consentSentence(glance: ConsentGlance, segmentName: string): string {
  const corrected = glance.latest.corrections.at(-1);
  const sentence = monthSentence(glance, segmentName);
  return corrected === undefined
    ? sentence
    : `${sentence} These figures were corrected on ${formatDate(corrected.correctedAt)}.`;
}

function monthSentence(glance: ConsentGlance, segmentName: string): string {
  const { latest, minimumCellSize } = glance;
  const month = formatMonth(latest.period);
  const eligible = latest.accountsEligible;
  const enabled = latest.ownersEnabled;
  const hidden = `suppressed (a count below ${minimumCellSize}, or one that would reveal such a count, is never published)`;
  if (eligible.value === null && eligible.suppressed) {
    return `${month}: the number of eligible ${segmentName.toLowerCase()} accounts is ${hidden}.`;
  }
  const eligibleText = eligible.value === null ? 'an unknown number of' : formatCount(eligible.value);
  if (enabled.value === null) {
    return `${month}: ${eligibleText} eligible accounts; how many owners turned it on is ${enabled.suppressed ? hidden : 'not known'}.`;
  }
  const rate = latest.enabledRate === null ? '' : ` (${formatRate(latest.enabledRate)})`;
  return `${month}: the owners or admins of ${formatCount(enabled.value)} of ${eligibleText} eligible accounts had turned it on${rate}.`;
}
