import { describe, expect, it } from 'vitest';
import { type Notice, type NoticeRecord, noticeWords } from './notice-words';

const record: NoticeRecord = {
  noun: 'version',
  material: true,
  imported: false,
  publishedAt: new Date('2026-06-01T12:00:00Z'),
  effectiveAt: new Date('2026-07-16T00:00:00Z'),
  withdrawn: false,
};
const asOf = new Date('2026-06-10T00:00:00Z');
const counts = (delivered: number, failed = 0, pending = 0) => ({ delivered, failed, pending });
const notice = (overrides: Partial<Notice> = {}): Notice => ({
  dispatchedAt: new Date('2026-06-01T12:00:01Z'),
  firstDeliveredAt: new Date('2026-06-01T12:00:02Z'),
  lastDeliveredAt: new Date('2026-06-01T12:05:00Z'),
  subscribers: counts(1200, 3),
  webhooks: counts(2, 0, 1),
  daysBeforeEffective: 44,
  noticePeriodDays: 30,
  withinNoticePeriod: true,
  ...overrides,
});

describe('noticeWords', () => {
  it('says when notice went out, to whom, and that it met the notice period', () => {
    expect(noticeWords(notice(), record, asOf)).toEqual({
      sent: true,
      lead: 'Notice went out on 1 June 2026, 44 days before it takes effect.',
      channels: [
        'Subscribers, by e-mail: 1,203 were told; 1,200 delivered, 3 failed after every retry.',
        'Partner systems, by webhook: 3 were told; 2 delivered, 1 still being tried.',
      ],
      period: 'That meets the notice period of 30 days.',
    });
  });

  it('says when it fell short, came after the change, or was not owed', () => {
    const late = noticeWords(notice({ daysBeforeEffective: 9, withinNoticePeriod: false }), record, asOf);
    expect(late.period).toBe('That is short of the notice period of 30 days.');
    const after = noticeWords(
      notice({ daysBeforeEffective: -2, withinNoticePeriod: false }),
      record,
      new Date('2026-08-01T00:00:00Z'),
    );
    expect(after.lead).toBe('Notice went out on 1 June 2026, 2 days after it took effect.');
    const minor = noticeWords(
      notice({ noticePeriodDays: null, withinNoticePeriod: null }),
      { ...record, material: false },
      asOf,
    );
    expect(minor.period).toBe('Not a material change: no notice period applies.');
  });

  it('is plain about having less to say', () => {
    expect(noticeWords(null, record, asOf)).toMatchObject({ sent: false, channels: [], period: null });
    expect(noticeWords(null, record, asOf).lead).toMatch(/^There is no record of notice for this version/);
    expect(noticeWords(null, { ...record, imported: true }, asOf).lead).toMatch(/imported from a history/);
    expect(noticeWords(notice({ dispatchedAt: null }), record, asOf).lead).toMatch(/is queued/);
    const nobody = noticeWords(
      notice({ subscribers: counts(0), webhooks: counts(0), firstDeliveredAt: null, daysBeforeEffective: null }),
      record,
      asOf,
    );
    expect(nobody).toMatchObject({ sent: false, channels: [] });
    expect(nobody.lead).toBe(
      'When this version was published, on 1 June 2026, no subscribers and no partner systems were registered to be told, so no notice went out.',
    );
    const undelivered = noticeWords(
      notice({
        subscribers: counts(0, 0, 2),
        webhooks: counts(0),
        firstDeliveredAt: null,
        daysBeforeEffective: null,
        withinNoticePeriod: null,
      }),
      record,
      asOf,
    );
    expect(undelivered.lead).toBe('Notice was sent on 1 June 2026; none has been delivered yet.');
    expect(undelivered.channels).toEqual(['Subscribers, by e-mail: 2 were told; 0 delivered, 2 still being tried.']);
    expect(undelivered.period).toBe('The notice period is 30 days.');
  });
});
