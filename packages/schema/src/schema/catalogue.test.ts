import { describe, expect, it } from 'vitest';
import { historyNewestFirst, versionInForce } from '../domain/as-of.js';
import { type CatalogueVersion, versionInForceAt } from './catalogue.js';

const day = (n: number) => new Date(Date.UTC(2024, 0, n));
const version = (id: string, effective: number, published: number, withdrawn = false) =>
  ({
    id,
    effectiveAt: day(effective),
    publishedAt: day(published),
    withdrawal: withdrawn ? { id: `w-${id}` } : null,
  }) as unknown as CatalogueVersion & { effectiveAt: Date; publishedAt: Date };

describe('versionInForceAt (the catalogue’s ordered shortcut)', () => {
  // b and c take effect the same day (c published later, so it wins); d is withdrawn; e is upcoming.
  const versions = [
    version('a', 1, 1),
    version('b', 10, 2),
    version('c', 10, 5),
    version('d', 15, 12, true),
    version('e', 30, 20),
  ];
  const newestFirst = historyNewestFirst(versions);

  it('agrees with the domain’s versionInForce over the versions that can bind, on every day', () => {
    const candidates = versions.filter((candidate) => candidate.withdrawal === null);
    for (let n = 0; n <= 31; n += 1) {
      expect(versionInForceAt(newestFirst, day(n))?.id ?? null, `day ${n}`).toBe(
        versionInForce(candidates, day(n))?.id ?? null,
      );
    }
  });

  it('never picks a withdrawn version', () => {
    expect(versionInForceAt(newestFirst, day(16))?.id).toBe('c');
  });
});
