import { describe, expect, it } from 'vitest';
import { changeNoticeMessage, confirmationMessage, noticeDays } from './notice-message.js';

const base = {
  organization: 'Northwind Meetings',
  to: 'reader@school.example',
  title: 'Terms of Service',
  kind: 'version' as const,
  material: true,
  segmentName: 'Education (schools and universities)',
  explanation: 'Meeting recordings of education accounts are no longer used to train AI models.',
  summary: 'Section 10.4 narrowed.',
  publishedAt: new Date('2026-06-01T12:00:00Z'),
  effectiveAt: new Date('2026-07-16T00:00:00Z'),
  pageUrl: 'https://terms.example/documents/terms-of-service/2026-07/',
  diffUrl: 'https://terms.example/documents/terms-of-service/2026-07/changes/',
  unsubscribeUrl: 'https://terms.example/subscriptions/unsubscribe/?token=abc',
};

describe('changeNoticeMessage', () => {
  it('says for the subscriber’s segment what changes, when, with the diff and a one-click unsubscribe', () => {
    const message = changeNoticeMessage(base);
    expect(message.subject).toBe('Northwind Meetings: Terms of Service changes on 16 July 2026');
    expect(message.text).toContain('What changes for Education (schools and universities):');
    expect(message.text).toContain(base.explanation);
    expect(message.text).toContain("(44 days' notice)");
    expect(message.text).toContain(base.diffUrl);
    expect(message.text).toContain(base.unsubscribeUrl);
    expect(message.headers).toEqual({
      'List-Unsubscribe': `<${base.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('says when a change is not material, has no explanation for the segment, or no comparison', () => {
    const message = changeNoticeMessage({ ...base, material: false, explanation: null, diffUrl: null });
    expect(message.subject).toContain('(not a material change)');
    expect(message.text).toContain('gave no explanation');
    expect(message.text).not.toContain('clause by clause');
  });
});

describe('confirmationMessage', () => {
  it('asks to confirm, says what happens otherwise, and is not a notice', () => {
    const message = confirmationMessage({
      organization: 'Northwind Meetings',
      to: 'reader@school.example',
      following: 'changes for Education accounts',
      confirmUrl: 'https://terms.example/subscriptions/confirm/?token=xyz',
      validHours: 48,
    });
    expect(message.subject).toContain('Confirm');
    expect(message.text).toContain('https://terms.example/subscriptions/confirm/?token=xyz');
    expect(message.text).toContain('within 48 hours');
    expect(message.headers).toBeUndefined();
  });
});

describe('noticeDays', () => {
  it('counts whole days, never negative', () => {
    expect(noticeDays(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-31T00:00:00Z'))).toBe(30);
    expect(noticeDays(new Date('2026-01-31T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBe(0);
  });
});
