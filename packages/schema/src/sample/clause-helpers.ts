/**
 * Small, pure helpers used to build each sample version from the previous one, so that the
 * differences between versions are explicit in the source and unchanged clauses stay
 * byte-identical (they are the very same objects).
 *
 * Every helper returns a new array, never mutates its input, and throws on an unknown key,
 * a duplicate key or a text fragment that is not found: a mistake in the sample fails loudly
 * when the module is loaded.
 */

import type { ClauseInput, ExplanationInput } from '../domain/types.js';
import type { SampleSegmentKey } from './segment-keys.js';

/** Builds a clause; paragraphs are joined with a blank line. */
export function clause(key: string, number: string, heading: string, ...paragraphs: string[]): ClauseInput {
  return { key, number, heading, body: paragraphs.join('\n\n') };
}

function indexOfKey(clauses: readonly ClauseInput[], key: string): number {
  const index = clauses.findIndex((c) => c.key === key);
  if (index < 0) {
    throw new Error(`Sample data: unknown clause key "${key}"`);
  }
  return index;
}

function at(clauses: readonly ClauseInput[], key: string): ClauseInput {
  const found = clauses[indexOfKey(clauses, key)];
  if (!found) {
    throw new Error(`Sample data: unknown clause key "${key}"`);
  }
  return found;
}

/** Replaces some fields (number, heading, body) of one clause; the key never changes. */
export function replaceClause(
  clauses: readonly ClauseInput[],
  key: string,
  changes: Partial<Omit<ClauseInput, 'key'>>,
): ClauseInput[] {
  const index = indexOfKey(clauses, key);
  return clauses.map((c, i) => (i === index ? { ...c, ...changes, key: c.key } : c));
}

/** Replaces one exact fragment of a clause body (it must occur exactly once). */
export function replaceText(clauses: readonly ClauseInput[], key: string, from: string, to: string): ClauseInput[] {
  const body = at(clauses, key).body;
  const first = body.indexOf(from);
  if (first < 0 || body.indexOf(from, first + 1) >= 0) {
    throw new Error(`Sample data: "${from}" must occur exactly once in clause "${key}"`);
  }
  return replaceClause(clauses, key, { body: body.slice(0, first) + to + body.slice(first + from.length) });
}

/** Appends a sentence to the last paragraph of a clause body. */
export function appendSentence(clauses: readonly ClauseInput[], key: string, sentence: string): ClauseInput[] {
  return replaceClause(clauses, key, { body: `${at(clauses, key).body} ${sentence}` });
}

/** Appends a new paragraph to a clause body. */
export function appendParagraph(clauses: readonly ClauseInput[], key: string, paragraph: string): ClauseInput[] {
  return replaceClause(clauses, key, { body: `${at(clauses, key).body}\n\n${paragraph}` });
}

/** Inserts a new clause right after `afterKey` (or first when `afterKey` is null). */
export function insertAfter(
  clauses: readonly ClauseInput[],
  afterKey: string | null,
  added: ClauseInput,
): ClauseInput[] {
  if (clauses.some((c) => c.key === added.key)) {
    throw new Error(`Sample data: clause key "${added.key}" already exists`);
  }
  const position = afterKey === null ? 0 : indexOfKey(clauses, afterKey) + 1;
  return [...clauses.slice(0, position), added, ...clauses.slice(position)];
}

/** Removes one clause. */
export function removeClause(clauses: readonly ClauseInput[], key: string): ClauseInput[] {
  indexOfKey(clauses, key);
  return clauses.filter((c) => c.key !== key);
}

/** Moves a clause (same key, same text) right after `afterKey` (or first when null). */
export function moveAfter(clauses: readonly ClauseInput[], key: string, afterKey: string | null): ClauseInput[] {
  const moved = at(clauses, key);
  return insertAfter(removeClause(clauses, key), afterKey, moved);
}

/** Gives new display numbers to some clauses, by key. Keys never change. */
export function renumber(clauses: readonly ClauseInput[], numbers: Readonly<Record<string, string>>): ClauseInput[] {
  let result: ClauseInput[] = [...clauses];
  for (const [key, number] of Object.entries(numbers)) {
    result = replaceClause(result, key, { number });
  }
  return result;
}

/** One plain-language explanation. */
export function explain(summary: string, whatChanges: string, affected: boolean): ExplanationInput {
  return { summary, whatChanges, affected };
}

/** Derives a full set of explanations from another one, segment by segment. */
export function mapExplanations(
  explanations: Readonly<Record<SampleSegmentKey, ExplanationInput>>,
  fn: (explanation: ExplanationInput, segment: SampleSegmentKey) => ExplanationInput,
): Record<SampleSegmentKey, ExplanationInput> {
  return {
    consumer: fn(explanations.consumer, 'consumer'),
    business: fn(explanations.business, 'business'),
    enterprise: fn(explanations.enterprise, 'enterprise'),
    education: fn(explanations.education, 'education'),
    healthcare: fn(explanations.healthcare, 'healthcare'),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date (YYYY-MM-DD) as an ISO 8601 UTC timestamp at midnight. */
export function isoDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00.000Z`);
  if (Number.isNaN(parsed.getTime())) {
    throw new Error(`Sample data: invalid date "${date}"`);
  }
  return parsed.toISOString();
}

/** `date` shifted by a whole number of days, as an ISO 8601 UTC timestamp. */
export function addDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * DAY_MS).toISOString();
}
