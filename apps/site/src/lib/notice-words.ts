/**
 * The proof of notice of a version or revision (issue 18) in plain sentences, for its page's
 * "Notice given" section: when the notice went out, how many subscribers and partner systems were
 * told and how that went, how many days before the change took effect, and whether that met the
 * notice period. Honest about every case with less to say: no record of notice, notice still
 * queued, nobody registered to be told, nothing delivered yet. Pure, so the wording is tested.
 */
import type { VersionEntry } from './entry-types';
import { formatCount, formatDate } from './format';

export type Notice = NonNullable<VersionEntry['notice']>;
type Counts = Notice['subscribers'];

export interface NoticeRecord {
  /** "version" or "revision": how the sentences name the record. */
  noun: string;
  material: boolean;
  /** Imported from a history that predates Candor. */
  imported: boolean;
  publishedAt: Date;
  effectiveAt: Date;
  /** Withdrawn before it took effect: it never bound anyone. */
  withdrawn: boolean;
}

export interface NoticeWords {
  /** Whether any notice was handed out at all (the counts below say something). */
  sent: boolean;
  /** The main sentence: when notice went out, and how long before the change took effect. */
  lead: string;
  /** One sentence per channel that had someone to tell. */
  channels: string[];
  /** Against the notice period: met, short, not applicable; null when there is nothing to say yet. */
  period: string | null;
}

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;
const total = (counts: Counts) => counts.delivered + counts.failed + counts.pending;

function channelSentence(counts: Counts, who: string): string | null {
  if (total(counts) === 0) return null;
  const parts = [`${formatCount(counts.delivered)} delivered`];
  if (counts.failed > 0) parts.push(`${formatCount(counts.failed)} failed after every retry`);
  if (counts.pending > 0) parts.push(`${formatCount(counts.pending)} still being tried`);
  return `${who}: ${plural(total(counts), 'was', 'were')} told; ${parts.join(', ')}.`;
}

function daysInWords(days: number, record: NoticeRecord, asOf: Date): string {
  const tense = record.withdrawn
    ? 'it was due to take effect'
    : record.effectiveAt.getTime() > asOf.getTime()
      ? 'it takes effect'
      : 'it took effect';
  if (days >= 0) return `${plural(days, 'day', 'days')} before ${tense}`;
  return `${plural(-days, 'day', 'days')} after ${tense}`;
}

/** `asOf`: the build's instant (whether the change takes or took effect is relative to it). */
export function noticeWords(notice: Notice | null, record: NoticeRecord, asOf: Date): NoticeWords {
  const none = (lead: string): NoticeWords => ({ sent: false, lead, channels: [], period: null });
  if (notice === null) {
    return none(
      record.imported
        ? `This ${record.noun} was imported from a history that predates Candor: any notice given then was not sent through Candor, so there is no record of it here.`
        : `There is no record of notice for this ${record.noun}: it was not published through Candor’s notices (for example, it was loaded as sample data, or published before Candor sent notices).`,
    );
  }
  if (notice.dispatchedAt === null) {
    return none(
      `Notice of this ${record.noun} is queued: it goes out to subscribers and partner systems moments after publication.`,
    );
  }
  const channels = [
    channelSentence(notice.subscribers, 'Subscribers, by e-mail'),
    channelSentence(notice.webhooks, 'Partner systems, by webhook'),
  ].filter((sentence): sentence is string => sentence !== null);
  if (channels.length === 0) {
    return none(
      `When this ${record.noun} was published, on ${formatDate(record.publishedAt)}, no subscribers and no partner systems were registered to be told, so no notice went out.`,
    );
  }
  const lead =
    notice.firstDeliveredAt === null || notice.daysBeforeEffective === null
      ? `Notice was sent on ${formatDate(notice.dispatchedAt)}; none has been delivered yet.`
      : `Notice went out on ${formatDate(notice.firstDeliveredAt)}, ${daysInWords(notice.daysBeforeEffective, record, asOf)}.`;
  let period: string | null;
  if (!record.material || notice.noticePeriodDays === null) {
    period = `Not a material change: no notice period applies.`;
  } else if (notice.withinNoticePeriod === null) {
    period = `The notice period is ${plural(notice.noticePeriodDays, 'day', 'days')}.`;
  } else if (notice.withinNoticePeriod) {
    period = `That meets the notice period of ${plural(notice.noticePeriodDays, 'day', 'days')}.`;
  } else {
    period = `That is short of the notice period of ${plural(notice.noticePeriodDays, 'day', 'days')}.`;
  }
  return { sent: true, lead, channels, period };
}
