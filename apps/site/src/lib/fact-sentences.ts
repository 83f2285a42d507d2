/**
 * An AI-feature revision's fact changes as sentences a reader can follow ("Now trains first-party
 * models", "Retention changes from 90 days to no fixed number of days"), instead of the API's
 * `field: from → to` summaries. One rule per kind of fact, driven by the domain's table
 * (FEATURE_FACTS: kind and label): a fact added to the table reads correctly here without a line
 * of copy of its own. The values come as the API serves them (`FactChange.from` / `to`: strings,
 * JSON for lists, booleans and numbers; vocabulary in the domain's lower case).
 */
import { type FactKind, FEATURE_FACTS } from '@candor/schema/domain';
import {
  AVAILABILITY_LABELS,
  CONSENT_PARTY_LABELS,
  DATA_CATEGORY_LABELS,
  DEFAULT_STATE_LABELS,
  listInWords,
  NON_CONSENT_CHOICES,
  truncateAtWord,
} from './format';

/** A change as the API serves it (FactChange). */
export interface ServedFactChange {
  field: string;
  from: string | null;
  to: string | null;
}

/** How long a quoted text may be in a sentence before it is cut (at a word boundary, with an ellipsis). */
export const QUOTED_TEXT_CHARS = 160;

/**
 * Words for the values of the vocabularies the site already names (lower-case keys, as the
 * domain spells them); any other value reads as its humanised spelling.
 */
const lowerKeys = (labels: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(labels).map(([key, label]) => [key.toLowerCase(), label]));

const VALUE_WORDS: Record<string, string> = {
  ...lowerKeys(DATA_CATEGORY_LABELS),
  ...lowerKeys(CONSENT_PARTY_LABELS),
};

/** Choice vocabularies whose value labels are sentences of their own (keyed by the field's choice values). */
const CHOICE_WORDS: Record<string, string> = {
  ...lowerKeys(AVAILABILITY_LABELS),
  ...lowerKeys(DEFAULT_STATE_LABELS),
};
// The non-consent labels say more than a sentence can carry: the options alone.
Object.assign(CHOICE_WORDS, lowerKeys(NON_CONSENT_CHOICES));

const humanise = (value: string): string => value.replaceAll('_', ' ').toLowerCase();

const lowerFirst = (text: string): string =>
  // Keep acronyms and names ("AI", "Acme") as they are.
  /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function choiceWords(value: string): string {
  const known = CHOICE_WORDS[value.toLowerCase()];
  return known === undefined ? humanise(value) : lowerFirst(known);
}

function itemWords(item: unknown, documentTitles: Record<string, string>): string {
  if (typeof item === 'object' && item !== null && 'document' in item && 'key' in item) {
    const document = String((item as { document: unknown }).document);
    return `${documentTitles[document] ?? document} section ${String((item as { key: unknown }).key)}`;
  }
  const value = String(item);
  return VALUE_WORDS[value.toLowerCase()] ?? humanise(value);
}

function parseList(value: string | null): unknown[] {
  if (value === null) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return [value];
  }
}

function parseFlag(value: string | null): boolean | null {
  if (value === null) return null;
  return value === 'true';
}

function daysWords(value: string | null): string {
  if (value === null || value === 'null') return 'no fixed number of days (it depends on settings)';
  const days = Number(value);
  if (days === 0) return 'none (it is not kept)';
  return `${value} ${days === 1 ? 'day' : 'days'}`;
}

const quoted = (text: string): string => `“${truncateAtWord(text.trim(), QUOTED_TEXT_CHARS)}”`;

/**
 * A label that names a thing ("availability", "data categories") reads in "X changes from A to
 * B"; one that is itself a clause ("without consent, a participant can") does not, and gets "X: B
 * (was A)".
 */
const isName = (label: string): boolean => !label.includes(',');

/** A label that starts with a verb ("trains …", "shared with …") can follow "Now" / "No longer". */
const isPredicate = (label: string): boolean => /^\w+(?<!s)s\s|^\w+ed\s/.test(`${label} `);

function changesFrom(label: string, from: string, to: string): string {
  return isName(label)
    ? `${upperFirst(label)} changes from ${from} to ${to}`
    : `${upperFirst(label)}: ${to} (was ${from})`;
}

function flagSentence(label: string, to: boolean): string {
  if (isPredicate(label)) return to ? `Now ${label}` : `No longer ${label}`;
  return `${upperFirst(label)} ${to ? 'now applies' : 'no longer applies'}`;
}

function listSentence(label: string, from: unknown[], to: unknown[], documentTitles: Record<string, string>): string {
  const key = (item: unknown) => JSON.stringify(item);
  const before = new Set(from.map(key));
  const after = new Set(to.map(key));
  const added = to.filter((item) => !before.has(key(item))).map((item) => itemWords(item, documentTitles));
  const removed = from.filter((item) => !after.has(key(item))).map((item) => itemWords(item, documentTitles));
  if (to.length === 0) return `${upperFirst(label)}: none any more (was ${listInWords(removed)})`;
  const parts: string[] = [];
  if (added.length > 0) parts.push(`${from.length === 0 ? 'now' : 'adds'} ${listInWords(added)}`);
  if (removed.length > 0) parts.push(`no longer ${listInWords(removed)}`);
  if (parts.length === 0) return `${upperFirst(label)}: unchanged`;
  return `${upperFirst(label)}: ${parts.join('; ')}`;
}

/** What a value was or is, in words, by the kind of its fact (used when a segment gains or loses its facts). */
function valueWords(kind: FactKind, value: string | null, documentTitles: Record<string, string>): string {
  switch (kind) {
    case 'flag':
      return parseFlag(value) ? 'yes' : 'no';
    case 'days':
      return daysWords(value);
    case 'choice':
      return value === null ? 'none' : choiceWords(value);
    case 'choices':
    case 'clauseRefs': {
      const items = parseList(value);
      return items.length === 0 ? 'none' : listInWords(items.map((item) => itemWords(item, documentTitles)));
    }
    default:
      return value === null || value === '' ? 'none' : quoted(value);
  }
}

/**
 * One fact change as a sentence, by the kind of its fact. A field the table does not know (a fact
 * newer than this build) still reads as "<field> changes from … to …".
 */
export function factSentence(
  change: ServedFactChange,
  options: { documentTitles?: Record<string, string> } = {},
): string {
  const documentTitles = options.documentTitles ?? {};
  const definition = (FEATURE_FACTS as Record<string, { kind: FactKind; label: string } | undefined>)[change.field];
  const kind: FactKind = definition?.kind ?? 'optionalText';
  // "retention in days" is a count of days: the unit is in the values ("90 days").
  const label = (definition?.label ?? humanise(change.field)).replace(/ in days$/, '');

  // A segment that gains its facts, or loses them, has every fact "changed" from or to nothing.
  if (change.from === null && kind !== 'days' && kind !== 'optionalText')
    return `${upperFirst(label)}: ${valueWords(kind, change.to, documentTitles)}`;
  if (change.to === null && kind !== 'days' && kind !== 'optionalText')
    return `${upperFirst(label)}: no longer stated (was ${valueWords(kind, change.from, documentTitles)})`;

  switch (kind) {
    case 'flag':
      return flagSentence(label, parseFlag(change.to) === true);
    case 'days':
      return changesFrom(label, daysWords(change.from), daysWords(change.to));
    case 'choice':
      return changesFrom(label, choiceWords(change.from ?? ''), choiceWords(change.to ?? ''));
    case 'choices':
    case 'clauseRefs':
      return listSentence(label, parseList(change.from), parseList(change.to), documentTitles);
    case 'optionalText':
      if (change.from === null || change.from === '') return `${upperFirst(label)}: now ${quoted(change.to ?? '')}`;
      if (change.to === null || change.to === '')
        return `${upperFirst(label)}: none any more (was ${quoted(change.from)})`;
      return changesFrom(label, quoted(change.from), quoted(change.to));
    default:
      return `${upperFirst(label)} now reads ${quoted(change.to ?? '')}`;
  }
}
