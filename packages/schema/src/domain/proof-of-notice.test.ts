import { describe, expect, it } from 'vitest';
import { type NoticeDelivery, proofOfNotice, proofOfNoticeFromTallies } from './proof-of-notice.js';

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

describe('proofOfNoticeFromTallies', () => {
  it('gives what proofOfNotice gives for the same deliveries, counted', () => {
    const proof = proofOfNoticeFromTallies({ effectiveAt, noticePeriodDays: 30 }, [
      {
        channel: 'email',
        status: 'DELIVERED',
        count: 1200,
        firstDeliveredAt: at('2026-06-01T12:01:00Z'),
        lastDeliveredAt: at('2026-06-01T14:00:00Z'),
      },
      { channel: 'email', status: 'DEAD', count: 3, firstDeliveredAt: null, lastDeliveredAt: null },
      {
        channel: 'webhook',
        status: 'DELIVERED',
        count: 2,
        firstDeliveredAt: at('2026-06-01T12:00:00Z'),
        lastDeliveredAt: at('2026-06-02T08:00:00Z'),
      },
      { channel: 'webhook', status: 'PENDING', count: 1, firstDeliveredAt: null, lastDeliveredAt: null },
    ]);
    expect(proof).toEqual({
      firstDeliveredAt: at('2026-06-01T12:00:00Z'),
      lastDeliveredAt: at('2026-06-02T08:00:00Z'),
      webhooks: { delivered: 2, failed: 0, pending: 1 },
      subscribers: { delivered: 1200, failed: 3, pending: 0 },
      daysBeforeEffective: 44,
      withinNoticePeriod: true,
    });
  });

  it('has nothing to prove without deliveries', () => {
    expect(proofOfNoticeFromTallies({ effectiveAt, noticePeriodDays: 30 }, [])).toEqual({
      firstDeliveredAt: null,
      lastDeliveredAt: null,
      webhooks: { delivered: 0, failed: 0, pending: 0 },
      subscribers: { delivered: 0, failed: 0, pending: 0 },
      daysBeforeEffective: null,
      withinNoticePeriod: null,
    });
  });
});
