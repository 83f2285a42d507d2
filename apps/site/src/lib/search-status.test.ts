import { describe, expect, it } from 'vitest';
import { searchMeta, searchStatus } from './search-status';
import { versionDisplayName, versionTitle } from './version-names';

const at = (date: string) => new Date(`${date}T00:00:00.000Z`);
const version = (label: string, timing: 'UPCOMING' | 'IN_FORCE' | 'SUPERSEDED' | 'WITHDRAWN', effective: string) => ({
  label,
  documentTitle: 'Handbook, staff edition',
  timing,
  effectiveAt: at(effective),
  withdrawal: timing === 'WITHDRAWN' ? { withdrawnAt: at('2024-10-18') } : null,
});
const siblings = [
  version('v1', 'SUPERSEDED', '2023-01-01'),
  version('v2', 'WITHDRAWN', '2023-06-01'),
  version('v3', 'IN_FORCE', '2024-06-20'),
  version('soon', 'UPCOMING', '2027-01-01'),
];

describe('searchStatus', () => {
  it('says when a superseded version stopped applying: when the next version that took effect began', () => {
    expect(searchStatus(siblings[0] as (typeof siblings)[number], siblings)).toEqual({
      status: 'Superseded on 20 June 2024',
      standing: 'superseded',
      title: null,
    });
  });

  it('names the other statuses, and titles an upcoming version by its date', () => {
    expect(searchStatus(siblings[2] as (typeof siblings)[number], siblings).status).toBe('In force');
    expect(searchStatus(siblings[1] as (typeof siblings)[number], siblings).status).toBe(
      'Withdrawn on 18 October 2024 before it took effect',
    );
    const upcoming = searchStatus(siblings[3] as (typeof siblings)[number], siblings);
    expect(upcoming).toEqual({
      status: 'Upcoming, takes effect on 1 January 2027',
      standing: 'upcoming',
      title: 'Handbook, staff edition changes on 1 January 2027',
    });
  });

  it('writes one Pagefind metadata field: standing, status and title, without commas', () => {
    const meta = searchMeta(searchStatus(siblings[3] as (typeof siblings)[number], siblings));
    expect(meta).toBe(
      'status:upcoming|Upcoming – takes effect on 1 January 2027|Handbook – staff edition changes on 1 January 2027',
    );
    expect(meta).not.toContain(',');
    expect(searchMeta(searchStatus(siblings[2] as (typeof siblings)[number], siblings))).toBe(
      'status:in-force|In force|',
    );
  });
});

describe('versionDisplayName', () => {
  it('names a published version by its label and an upcoming one by its effective date', () => {
    expect(versionDisplayName(version('2025-03', 'IN_FORCE', '2025-03-01'))).toBe('version 2025-03');
    expect(versionDisplayName(version('next', 'UPCOMING', '2027-01-01'))).toBe(
      'the version taking effect on 1 January 2027',
    );
    expect(versionTitle(version('next', 'UPCOMING', '2027-01-01'))).toBe(
      'Handbook, staff edition changes on 1 January 2027',
    );
    expect(versionTitle(version('2023-08', 'SUPERSEDED', '2023-09-07'))).toBe(
      'Handbook, staff edition, version 2023-08',
    );
  });
});
