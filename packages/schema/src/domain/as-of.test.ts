import { describe, expect, it } from 'vitest';
import {
  bindsAt,
  historyNewestFirst,
  inForceNewestFirst,
  isPublicAt,
  isScheduledAfter,
  nextVersion,
  previousVersion,
  upcomingVersions,
  versionInForce,
} from './as-of.js';

const d = (iso: string) => new Date(iso);
const v = (id: string, effective: string, published: string) => ({
  id,
  effectiveAt: d(effective),
  publishedAt: d(published),
});

const early = v('early', '2023-01-01T00:00:00.000Z', '2022-12-01T00:00:00.000Z');
const rewrite = v('rewrite', '2023-03-31T00:00:00.000Z', '2023-03-01T00:00:00.000Z');
const consent = v('consent', '2023-08-11T00:00:00.000Z', '2023-08-07T00:00:00.000Z');
const future = v('future', '2030-01-01T00:00:00.000Z', '2029-11-01T00:00:00.000Z');
const all = [consent, future, early, rewrite];

describe('versionInForce', () => {
  it('finds the latest version effective on or before the date', () => {
    expect(versionInForce(all, d('2023-05-01T00:00:00.000Z'))?.id).toBe('rewrite');
    expect(versionInForce(all, d('2024-01-01T00:00:00.000Z'))?.id).toBe('consent');
  });

  it('treats a version effective exactly at the instant as in force', () => {
    expect(versionInForce(all, d('2023-03-31T00:00:00.000Z'))?.id).toBe('rewrite');
    expect(versionInForce(all, d('2023-03-30T23:59:59.999Z'))?.id).toBe('early');
  });

  it('returns undefined before the first version and for no versions', () => {
    expect(versionInForce(all, d('2022-12-31T23:59:59.999Z'))).toBeUndefined();
    expect(versionInForce([], d('2023-01-01T00:00:00.000Z'))).toBeUndefined();
  });

  it('breaks a tie on effectiveAt in favour of the later publication, whatever the input order', () => {
    const correction = v('correction', '2023-03-31T00:00:00.000Z', '2023-03-15T00:00:00.000Z');
    const at = d('2023-04-01T00:00:00.000Z');
    expect(versionInForce([rewrite, correction], at)?.id).toBe('correction');
    expect(versionInForce([correction, rewrite], at)?.id).toBe('correction');
  });

  it('does not depend on input order, even for records sharing both dates', () => {
    const twinA = v('a', '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z');
    const twinB = v('b', '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z');
    const at = d('2023-06-01T00:00:00.000Z');
    expect(versionInForce([twinA, twinB], at)?.id).toBe(versionInForce([twinB, twinA], at)?.id);
  });
});

describe('upcomingVersions', () => {
  it('lists versions effective after now, soonest first, excluding one effective exactly now', () => {
    const later = v('later', '2031-01-01T00:00:00.000Z', '2029-12-01T00:00:00.000Z');
    expect(upcomingVersions([later, ...all], d('2023-08-11T00:00:00.000Z')).map((x) => x.id)).toEqual([
      'future',
      'later',
    ]);
    expect(upcomingVersions(all, d('2035-01-01T00:00:00.000Z'))).toEqual([]);
  });
});

describe('historyNewestFirst', () => {
  it('sorts by effectiveAt then publishedAt, newest first, without touching the input', () => {
    const correction = v('correction', '2023-03-31T00:00:00.000Z', '2023-03-15T00:00:00.000Z');
    const input = [early, correction, future, rewrite, consent];
    const copy = [...input];
    expect(historyNewestFirst(input).map((x) => x.id)).toEqual(['future', 'consent', 'correction', 'rewrite', 'early']);
    expect(input).toEqual(copy);
  });
});

describe('nextVersion / previousVersion', () => {
  it('walk the effective order', () => {
    expect(nextVersion(all, rewrite)?.id).toBe('consent');
    expect(previousVersion(all, rewrite)?.id).toBe('early');
    expect(previousVersion(all, early)).toBeUndefined();
    expect(nextVersion(all, future)).toBeUndefined();
  });

  it('return undefined for a version that is not in the list', () => {
    expect(nextVersion(all, { id: 'missing' })).toBeUndefined();
    expect(previousVersion(all, { id: 'missing' })).toBeUndefined();
  });
});

describe('isPublicAt', () => {
  it('is false for drafts and for versions not yet published, true from publishedAt on', () => {
    const now = d('2023-08-07T00:00:00.000Z');
    expect(isPublicAt({ publishedAt: null }, now)).toBe(false);
    expect(isPublicAt({ publishedAt: d('2023-08-07T00:00:00.001Z') }, now)).toBe(false);
    expect(isPublicAt({ publishedAt: now }, now)).toBe(true);
  });
});

describe('the in-force rule (bindsAt)', () => {
  const at = d('2023-04-01T00:00:00.000Z');
  const withdrawn = { ...rewrite, id: 'withdrawn', withdrawal: { reason: 'error' } };

  it('binds from the effective instant on, never a withdrawn record, never an unscheduled one', () => {
    expect(bindsAt(rewrite, rewrite.effectiveAt)).toBe(true);
    expect(bindsAt(rewrite, d('2023-03-30T23:59:59.999Z'))).toBe(false);
    expect(bindsAt(withdrawn, at)).toBe(false);
    expect(bindsAt({ effectiveAt: null, withdrawal: null }, at)).toBe(false);
  });

  it('gives the same answer over newest-first and unordered input, skipping withdrawn records', () => {
    const all = [early, rewrite, withdrawn, consent];
    const newestFirst = historyNewestFirst(all);
    for (const day of ['2022-06-01', '2023-02-01', '2023-04-01', '2024-01-01']) {
      const instant = d(`${day}T00:00:00.000Z`);
      expect(inForceNewestFirst(newestFirst, instant)?.id).toBe(versionInForce(all, instant)?.id);
    }
    expect(versionInForce([early, withdrawn], at)?.id).toBe('early');
  });

  it('calls scheduled only what is not withdrawn and takes effect later', () => {
    expect(isScheduledAfter(consent, at)).toBe(true);
    expect(isScheduledAfter({ ...consent, withdrawal: {} }, at)).toBe(false);
    expect(isScheduledAfter(rewrite, at)).toBe(false);
  });
});
