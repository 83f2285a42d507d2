import { describe, expect, it } from 'vitest';
import * as domain from './index.js';

describe('domain index', () => {
  it('exposes the public functions and constants', () => {
    for (const name of [
      'versionInForce',
      'upcomingVersions',
      'historyNewestFirst',
      'nextVersion',
      'previousVersion',
      'isPublicAt',
      'wordDiff',
      'compareClauses',
      'suppressRow',
      'suppressTable',
      'rate',
      'sumVisible',
      'canonicalVersion',
      'contentHash',
      'sha256Hex',
      'verifyChain',
      'parseMonth',
      'monthRange',
      'compareMonths',
      'parseDateOnly',
      'endOfDayUtc',
      'DomainError',
      'SEGMENT_KEYS',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
