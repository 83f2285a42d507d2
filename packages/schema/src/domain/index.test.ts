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
      'DomainValidationError',
      'SEGMENT_KEYS',
      'parseVersionMarkdown',
      'renderVersionMarkdown',
      'toCanonicalVersionInput',
      'assertCanTransition',
      'assertTwoPersonRule',
      'checkEffectiveDate',
      'earliestEffectiveAt',
      'assertExplanationsComplete',
      'assertWithdrawable',
      'validateFeatureFacts',
      'diffFeatureFacts',
      'parseFeatureRevisionFile',
      'parseConsentCsv',
      'canonicalCheckpoint',
      'parseCheckpoint',
      'signCheckpoint',
      'verifyCheckpointSignature',
      'generateSigningKeyPair',
      'publicKeyId',
      'checkAgainstCheckpoint',
      'exportPath',
      'chainHeadsOf',
      'verifyExport',
      'parseIsoInstant',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
