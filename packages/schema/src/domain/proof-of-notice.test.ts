import { describe, expect, it } from 'vitest';
import { type NoticeDelivery, proofOfNotice } from './proof-of-notice.js';

const effectiveAt = new Date('2026-07-16T00:00:00Z');
const at = (iso: string) => new Date(iso);

describe('proofOfNotice', () => {
  it('counts deliveries per channel and dates the first and last one', () => {
    const deliveries: NoticeDelivery[] = [
      { channel: 'email', status: 'DELIVERED', deliveredAt: at('2026-06-01T12:05:00Z') },
      { channel: 'email', status: 'DELIVERED', deliveredAt: at('2026-06-01T12:01:00Z') },
      { channel: 'email', status: 'DEAD', deliveredAt: null },
      { channel: 'webhook', status: 'DELIVERED', deliveredAt: at('2026-06-02T08:00:00Z') },
      { channel: 'webhook', status: 'PENDING', deliveredAt: null },
    ];
    const proof = proofOfNotice({ effectiveAt, noticePeriodDays: 30 }, deliveries);
    expect(proof.subscribers).toEqual({ delivered: 2, failed: 1, pending: 0 });
    expect(proof.webhooks).toEqual({ delivered: 1, failed: 0, pending: 1 });
    expect(proof.firstDeliveredAt?.toISOString()).toBe('2026-06-01T12:01:00.000Z');
    expect(proof.lastDeliveredAt?.toISOString()).toBe('2026-06-02T08:00:00.000Z');
    expect(proof.daysBeforeEffective).toBe(44);
    expect(proof.withinNoticePeriod).toBe(true);
  });

  it('says when notice came too late, or after the change took effect', () => {
    const late = proofOfNotice({ effectiveAt, noticePeriodDays: 30 }, [
      { channel: 'email', status: 'DELIVERED', deliveredAt: at('2026-07-01T00:00:00Z') },
    ]);
    expect(late.daysBeforeEffective).toBe(15);
    expect(late.withinNoticePeriod).toBe(false);
    const after = proofOfNotice({ effectiveAt }, [
      { channel: 'webhook', status: 'DELIVERED', deliveredAt: at('2026-07-17T00:00:00Z') },
    ]);
    expect(after.daysBeforeEffective).toBe(-1);
    expect(after.withinNoticePeriod).toBeNull();
  });

  it('has no dates without a delivery', () => {
    const proof = proofOfNotice({ effectiveAt, noticePeriodDays: 30 }, [
      { channel: 'webhook', status: 'DEAD', deliveredAt: null },
    ]);
    expect(proof).toMatchObject({
      firstDeliveredAt: null,
      lastDeliveredAt: null,
      daysBeforeEffective: null,
      withinNoticePeriod: null,
    });
    expect(proof.webhooks.failed).toBe(1);
  });
});
