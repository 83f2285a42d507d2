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
   * took effect; null without a notice period (revisions) or without any delivery.
   */
  withinNoticePeriod: boolean | null;
}

const emptyCounts = (): ChannelCounts => ({ delivered: 0, failed: 0, pending: 0 });

export function proofOfNotice(
  record: { effectiveAt: Date; noticePeriodDays?: number | null | undefined },
  deliveries: readonly NoticeDelivery[],
): ProofOfNotice {
  const counts: Record<NoticeChannel, ChannelCounts> = { webhook: emptyCounts(), email: emptyCounts() };
  let first: number | null = null;
  let last: number | null = null;
  for (const delivery of deliveries) {
    const channel = counts[delivery.channel];
    if (delivery.status === 'DELIVERED' && delivery.deliveredAt !== null) {
      channel.delivered++;
      const at = delivery.deliveredAt.getTime();
      if (first === null || at < first) first = at;
      if (last === null || at > last) last = at;
    } else if (delivery.status === 'DEAD') channel.failed++;
    else channel.pending++;
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
