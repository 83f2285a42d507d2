import { describe, expect, it } from 'vitest';
import { latestPastDate, pageModified, pageModifiedFromProps, recordPageModified } from './page-dates';

const now = new Date('2026-06-01T12:00:00Z');

describe('latestPastDate', () => {
  it('takes the latest Date or ISO instant before now, at any depth', () => {
    const props = {
      version: { publishedAt: new Date('2023-03-01T00:00:00Z'), effectiveAt: '2023-04-01T00:00:00.000Z' },
      versions: [{ withdrawnAt: '2024-02-03T10:00:00Z' }, { publishedAt: null }],
      label: '2025-03',
    };
    expect(latestPastDate(props, now)?.toISOString()).toBe('2024-02-03T10:00:00.000Z');
  });

  it('ignores dates from now on (an upcoming effective date, the build instant itself)', () => {
    const props = {
      dataAsOf: now,
      upcoming: { effectiveAt: '2027-01-01T00:00:00Z' },
      published: '2025-01-01T00:00:00Z',
    };
    expect(latestPastDate(props, now)?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('is null without any past date, and ignores strings that only look like dates', () => {
    expect(latestPastDate({ label: '2023-08', month: '2025-08', text: 'on 2025-01-01' }, now)).toBeNull();
    expect(latestPastDate(null, now)).toBeNull();
  });

  it('survives cycles', () => {
    const cyclic: Record<string, unknown> = { at: '2020-01-01T00:00:00Z' };
    cyclic.self = cyclic;
    expect(latestPastDate(cyclic, now)?.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });
});

describe('the page record', () => {
  it("takes a page's time from its props, relative to the build instant the organisation carries", () => {
    const props = { organization: { dataAsOf: now }, version: { publishedAt: '2024-02-03T10:00:00Z' } };
    expect(pageModifiedFromProps(props)).toBe('2024-02-03T10:00:00.000Z');
    expect(pageModifiedFromProps({ version: { publishedAt: '2024-02-03T10:00:00Z' } })).toBeUndefined();
  });

  it("keeps each page's time by path, and the site's latest for the others", () => {
    recordPageModified('/documents/x/', '2024-02-03T10:00:00.000Z');
    expect(pageModified('/documents/x/')).toBe('2024-02-03T10:00:00.000Z');
    recordPageModified('/documents/y/', '2025-01-01T00:00:00.000Z');
    // A page without its own time gets the site's latest.
    expect(pageModified('/nowhere/')).toBe('2025-01-01T00:00:00.000Z');
  });
});
