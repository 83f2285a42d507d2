import { describe, expect, it } from 'vitest';
import {
  canonicalDefinitionChange,
  DEFINITION_FORMAT,
  definitionChangeHash,
  definitionValues,
  isSegmentKey,
  validateDocumentDefinition,
  validateFeatureDefinition,
  validateOrganizationProfile,
  validateSegmentDefinition,
} from './definitions.js';
import { DomainValidationError } from './errors.js';

const problemsOf = (run: () => void) => {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof DomainValidationError) return error.problems.map((p) => p.field);
    throw error;
  }
};

const DOCUMENT = {
  slug: 'health-addendum',
  title: 'Health Addendum',
  description: '',
  kind: 'data-processing-addendum' as const,
  noticePeriodDays: 30,
  position: 0,
  segments: ['clinics'],
};

describe('definition validation names every bad field', () => {
  it('accepts organisation-chosen segment keys and refuses others', () => {
    expect(isSegmentKey('public-sector')).toBe(true);
    expect(isSegmentKey('Public Sector')).toBe(false);
    expect(isSegmentKey('a'.repeat(41))).toBe(false);
    expect(
      problemsOf(() => validateSegmentDefinition({ key: 'x y', name: '', description: '', position: -1 })),
    ).toEqual(['key', 'name', 'position']);
  });

  it('checks a document’s kind, notice and segments against those in use', () => {
    expect(problemsOf(() => validateDocumentDefinition(DOCUMENT, ['clinics', 'labs']))).toEqual([]);
    expect(
      problemsOf(() =>
        validateDocumentDefinition(
          { ...DOCUMENT, kind: 'novel' as never, noticePeriodDays: 1.5, segments: ['clinics', 'clinics', 'zoo'] },
          ['clinics'],
        ),
      ),
    ).toEqual(['kind', 'noticePeriodDays', 'segments', 'segments']);
    expect(problemsOf(() => validateDocumentDefinition({ ...DOCUMENT, segments: [] }, ['clinics']))).toEqual([
      'segments',
    ]);
  });

  it('checks features and the organisation profile', () => {
    expect(
      problemsOf(() =>
        validateFeatureDefinition({ slug: 'Bad', name: 'x', description: '', position: 0, noticePeriodDays: 9999 }),
      ),
    ).toEqual(['slug', 'noticePeriodDays']);
    const profile = {
      slug: 'acme',
      name: 'Acme',
      legalName: '',
      description: '',
      website: 'https://acme.example',
      contactEmail: 'legal@acme.example',
      publicKeyId: null,
    };
    expect(problemsOf(() => validateOrganizationProfile(profile))).toEqual([]);
    expect(
      problemsOf(() =>
        validateOrganizationProfile({ ...profile, website: 'acme', contactEmail: 'nobody', publicKeyId: 'XYZ' }),
      ),
    ).toEqual(['website', 'contactEmail', 'publicKeyId']);
  });
});

describe('canonical form candor-definition/1', () => {
  const change = {
    at: new Date('2026-12-04T10:00:00.000Z'),
    subject: 'document' as const,
    key: 'health-addendum',
    action: 'created' as const,
    values: definitionValues({ ...DOCUMENT, segments: ['labs', 'clinics'] }),
    previousHash: null,
  };

  it('is one line of JSON with its members in order and values sorted by name', () => {
    expect(canonicalDefinitionChange(change)).toBe(
      `{"format":"${DEFINITION_FORMAT}","at":"2026-12-04T10:00:00.000Z","subject":"document","key":"health-addendum","action":"created","values":{"description":"","kind":"data-processing-addendum","noticePeriodDays":30,"position":0,"retiredAt":null,"segments":["clinics","labs"],"slug":"health-addendum","title":"Health Addendum"},"previousHash":null}`,
    );
  });

  it('hashes the same whatever order the values were given in, and differently for any change', () => {
    const reordered = { ...change, values: Object.fromEntries(Object.entries(change.values).reverse()) };
    expect(definitionChangeHash(reordered)).toBe(definitionChangeHash(change));
    expect(definitionChangeHash({ ...change, action: 'updated' })).not.toBe(definitionChangeHash(change));
    expect(definitionChangeHash({ ...change, previousHash: 'a'.repeat(64) })).not.toBe(definitionChangeHash(change));
  });

  it('refuses a malformed previous hash', () => {
    expect(() => canonicalDefinitionChange({ ...change, previousHash: 'nope' })).toThrow(/previousHash/);
  });
});
