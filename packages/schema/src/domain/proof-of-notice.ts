/**
 * Proof of notice (issue 18): for a published version or revision, when its notices went out,
 * to how many, and how long before the change took effect. A notice period only protects people
 * who were told; this is the public record that they were. Pure: the caller reads the deliveries
 * of the record's `*.published` event (webhooks and e-mails) and hands them in.
 */

const DAY_MS = 86_400_000;

export type NoticeChannel = 'webhook' | 'email';

export interface NoticeDelivery {
  channel: NoticeChannel;
  /** DELIVERED: the receiver took it; DEAD: out of attempts; PENDING: still being tried. */
  status: 'PENDING' | 'DELIVERED' | 'DEAD';
  deliveredAt: Date | null;
}

export interface ChannelCounts {
  delivered: number;
  failed: number;
  pending: number;
}

export interface ProofOfNotice {
  /** The first and the last successful delivery; null when nothing was delivered (yet). */
  firstDeliveredAt: Date | null;
  lastDeliveredAt: Date | null;
  webhooks: ChannelCounts;
  subscribers: ChannelCounts;
  /**
   * Whole days from the first delivery to the effective date (negative when notice came after
   * it took effect); null without any delivery.
   */
  daysBeforeEffective: number | null;
  /**
   * Whether the first notice went out at least the document's notice period before the change
   * took effect; null without a notice period (a change that is not material has none to meet) or
   * without any delivery.
   */
  withinNoticePeriod: boolean | null;
}

const emptyCounts = (): ChannelCounts => ({ delivered: 0, failed: 0, pending: 0 });

/**
 * Deliveries of one channel in one status, counted: what a database's GROUP BY gives, so that a
 * change told to many thousand subscribers is proved without reading every delivery.
 */
export interface NoticeTally {
  channel: NoticeChannel;
  status: NoticeDelivery['status'];
  count: number;
  /** The earliest and the latest `deliveredAt` among them (null unless DELIVERED). */
  firstDeliveredAt: Date | null;
  lastDeliveredAt: Date | null;
}

export function proofOfNotice(
  record: { effectiveAt: Date; noticePeriodDays?: number | null | undefined },
  deliveries: readonly NoticeDelivery[],
): ProofOfNotice {
  return proofOfNoticeFromTallies(
    record,
    deliveries.map((delivery) => ({
      channel: delivery.channel,
      status: delivery.status,
      count: 1,
      firstDeliveredAt: delivery.deliveredAt,
      lastDeliveredAt: delivery.deliveredAt,
    })),
  );
}

/** proofOfNotice over counted deliveries (NoticeTally). */
export function proofOfNoticeFromTallies(
  record: { effectiveAt: Date; noticePeriodDays?: number | null | undefined },
  tallies: readonly NoticeTally[],
): ProofOfNotice {
  const counts: Record<NoticeChannel, ChannelCounts> = { webhook: emptyCounts(), email: emptyCounts() };
  let first: number | null = null;
  let last: number | null = null;
  for (const tally of tallies) {
    const channel = counts[tally.channel];
    if (tally.status === 'DELIVERED' && tally.firstDeliveredAt !== null && tally.lastDeliveredAt !== null) {
      channel.delivered += tally.count;
      const earliest = tally.firstDeliveredAt.getTime();
      const latest = tally.lastDeliveredAt.getTime();
      if (first === null || earliest < first) first = earliest;
      if (last === null || latest > last) last = latest;
    } else if (tally.status === 'DEAD') channel.failed += tally.count;
    else channel.pending += tally.count;
  }
  const daysBeforeEffective = first === null ? null : Math.floor((record.effectiveAt.getTime() - first) / DAY_MS);
  const period = record.noticePeriodDays ?? null;
  return {
    firstDeliveredAt: first === null ? null : new Date(first),
    lastDeliveredAt: last === null ? null : new Date(last),
    webhooks: counts.webhook,
    subscribers: counts.email,
    daysBeforeEffective,
    withinNoticePeriod: period === null || daysBeforeEffective === null ? null : daysBeforeEffective >= period,
  };
}
