/**
 * How values read on the page. Dates are shown in UTC ("7 September 2023"), the time zone every
 * instant is stored in: a portal read worldwide cannot pick one local time zone.
 */
import type { Facts, VersionTiming } from './entry-types';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat('en-GB');
const percentFormat = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** "7 September 2023" (UTC). */
export const formatDate = (date: Date): string => dateFormat.format(date);

/** The first instant of a "YYYY-MM" month, in UTC. */
export const monthStart = (period: string): Date => new Date(`${period}-01T00:00:00.000Z`);

/** "September 2023" for "2023-09". */
export const formatMonth = (period: string): string => monthFormat.format(monthStart(period));

/** "Sep 2023" for "2023-09" (chart axes). */
export const formatShortMonth = (period: string): string => shortMonthFormat.format(monthStart(period));

/** "48,634". */
export const formatCount = (value: number): string => numberFormat.format(value);

/** "4.5%" for 0.0446. */
export const formatRate = (rate: number): string => percentFormat.format(rate);

export const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');

/**
 * `text` cut to at most `max` characters at a word boundary, with an ellipsis ("…", counted in
 * `max`), never mid-word; whole when it fits. A first word longer than `max` is the one thing cut
 * inside a word (there is no boundary to cut at). Trailing punctuation before the ellipsis goes.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(max - 1, 1);
  const head = text.slice(0, room + 1);
  const boundary = head.search(/\s\S*$/);
  const cut = boundary > 0 ? head.slice(0, boundary) : text.slice(0, room);
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

/** "a, b and c". */
export function listInWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export const TIMING_LABELS: Record<VersionTiming, string> = {
  UPCOMING: 'Upcoming',
  IN_FORCE: 'In force',
  SUPERSEDED: 'Superseded',
  WITHDRAWN: 'Withdrawn',
};

export const AVAILABILITY_LABELS: Record<Facts['availability'], string> = {
  EXPERIMENTAL: 'Experimental',
  GENERALLY_AVAILABLE: 'Generally available',
  NOT_OFFERED: 'Not offered',
  RETIRED: 'Retired',
};

export const DATA_CATEGORY_LABELS: Record<Facts['dataCategories'][number], string> = {
  AUDIO: 'audio',
  VIDEO: 'video',
  CHAT: 'chat messages',
  TRANSCRIPTS: 'transcripts',
  FILES: 'files',
  TELEMETRY: 'telemetry',
};

export const CONSENT_PARTY_LABELS: Record<Facts['consentRequiredFrom'][number], string> = {
  ACCOUNT_OWNER: 'the account owner',
  ACCOUNT_ADMIN: 'an account administrator',
  END_USER: 'each participant (end user)',
};

/**
 * What a participant who does not consent can do, as the facts label's sentence: the choice is
 * each participant's own (the account owner's consent does not make it for them).
 */
export const NON_CONSENT_LABELS: Record<Facts['nonConsentOption'], string> = {
  LEAVE_ONLY:
    'Each participant chooses for themselves: accept and join, or leave the meeting. There is no way to stay without the feature',
  JOIN_WITHOUT_FEATURE:
    'Each participant chooses for themselves: one who does not consent stays in the meeting with the feature off for them',
  NOT_APPLICABLE: 'Not applicable: other participants are not asked',
};

/** The participant's options alone, for sentences ("a participant can …"). */
export const NON_CONSENT_CHOICES: Record<Facts['nonConsentOption'], string> = {
  LEAVE_ONLY: 'accept and join, or leave the meeting',
  JOIN_WITHOUT_FEATURE: 'stay in the meeting with the feature off for them',
  NOT_APPLICABLE: 'nothing to choose: other participants are not asked',
};

export const DEFAULT_STATE_LABELS: Record<Facts['defaultState'], string> = {
  ON: 'On until someone turns it off',
  OFF: 'Off until someone turns it on',
};

/** "audio, transcripts and chat messages", or "none". */
export const dataCategoriesInWords = (facts: Pick<Facts, 'dataCategories'>): string =>
  facts.dataCategories.length === 0
    ? 'None'
    : listInWords(facts.dataCategories.map((category) => DATA_CATEGORY_LABELS[category]));

/**
 * Who must consent, as a sentence: every party the facts list, joined with "and" (the facts say
 * who must agree, so each listed party's consent is required).
 */
export function consentInWords(facts: Pick<Facts, 'consentRequiredFrom' | 'availability'>): string {
  const parties = facts.consentRequiredFrom.map((party) => CONSENT_PARTY_LABELS[party]);
  if (parties.length === 0)
    return facts.availability === 'NOT_OFFERED' ? 'Nobody: the feature is not offered' : 'Nobody';
  const sentence = listInWords(parties);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** e.g. "meeting-summary" → "Meeting summary" when no name is at hand. */
export const humanise = (slug: string): string => {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The cell as text: the count, "suppressed", or "not tracked" (an unsuppressed null). */
export function cellInWords(cell: { value: number | null; suppressed: boolean }): string {
  if (cell.suppressed) return 'suppressed';
  return cell.value === null ? 'not tracked' : formatCount(cell.value);
}

/** "Education" for "Education (schools and universities)". */
export const shortName = (name: string): string => name.split(' (')[0] ?? name;

/**
 * The labels of one clause change, in words: "Added", "Removed", "Moved from 5 to 3",
 * "Renumbered from 3 to 4", "Heading changed", "Text changed".
 */
export function changeLabels(change: {
  kind: 'ADDED' | 'REMOVED' | 'MODIFIED' | 'MOVED';
  moved: boolean;
  renumbered: boolean;
  headingChanged: boolean;
  bodyChanged: boolean;
  from: { number: string } | null;
  to: { number: string } | null;
}): string[] {
  if (change.kind === 'ADDED') return ['Added'];
  if (change.kind === 'REMOVED') return ['Removed'];
  const labels: string[] = [];
  const from = change.from?.number;
  const to = change.to?.number;
  if (change.moved) {
    labels.push(from !== undefined && to !== undefined && from !== to ? `Moved from ${from} to ${to}` : 'Moved');
  } else if (change.renumbered) {
    labels.push(from !== undefined && to !== undefined ? `Renumbered from ${from} to ${to}` : 'Renumbered');
  }
  if (change.headingChanged) labels.push('Heading changed');
  if (change.bodyChanged) labels.push('Text changed');
  return labels.length === 0 ? ['Modified'] : labels;
}
