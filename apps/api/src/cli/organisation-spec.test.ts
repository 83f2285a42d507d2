import { DomainValidationError } from '@candor/schema/domain';
import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { slugFrom, specFromFlags, specFromYaml } from './organisation-spec.js';

const noFlags = {
  segments: [],
  documents: [],
  documentSegments: [],
  documentKinds: [],
  documentNoticeDays: [],
  features: [],
};

function problemsOf(text: string): string[] {
  try {
    specFromYaml(text);
  } catch (error) {
    if (error instanceof DomainValidationError) return error.problems.map((p) => `${p.line}: ${p.field}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('slugFrom', () => {
  it('folds accents and punctuation into hyphenated lowercase words', () => {
    expect(slugFrom('Acme Health, Inc.')).toBe('acme-health-inc');
    expect(slugFrom('Société Générale d’Études')).toBe('societe-generale-detudes');
    expect(slugFrom('  Terms of Service  ')).toBe('terms-of-service');
    expect(slugFrom(`${'x'.repeat(40)} ${'y'.repeat(40)}`)).toBe('x'.repeat(40));
  });
});

describe('specFromFlags', () => {
  it('builds segments, documents with their options, and features', () => {
    const spec = specFromFlags({
      ...noFlags,
      name: 'Acme Health',
      contact: 'legal@acme.example',
      segments: ['clinics=Clinics', 'patients = Patients and families'],
      documents: ['terms=Terms of Service', 'hipaa=HIPAA Addendum'],
      documentSegments: ['hipaa=clinics'],
      documentKinds: ['hipaa=data-processing-addendum'],
      documentNoticeDays: ['hipaa=14'],
      features: ['notes=Visit notes'],
    });
    expect(spec).toEqual({
      organization: { slug: 'acme-health', name: 'Acme Health', contactEmail: 'legal@acme.example' },
      segments: [
        { key: 'clinics', name: 'Clinics' },
        { key: 'patients', name: 'Patients and families' },
      ],
      documents: [
        { slug: 'terms', title: 'Terms of Service' },
        {
          slug: 'hipaa',
          title: 'HIPAA Addendum',
          segments: ['clinics'],
          kind: 'data-processing-addendum',
          noticePeriodDays: 14,
        },
      ],
      features: [{ slug: 'notes', name: 'Visit notes' }],
    });
  });

  it('refuses a pair without "=" and options for a document no --document defines', () => {
    expect(() => specFromFlags({ ...noFlags, name: 'X', segments: ['clinics'] })).toThrow(
      new UsageError('--segment must be key=Name; got "clinics"', 'init'),
    );
    expect(() => specFromFlags({ ...noFlags, name: 'X', documentKinds: ['terms=privacy'] })).toThrow(
      /--document-kind names "terms", which no --document defines/,
    );
    expect(() =>
      specFromFlags({ ...noFlags, name: 'X', documents: ['t=T'], documentNoticeDays: ['t=two weeks'] }),
    ).toThrow(/must be a whole number of days/);
  });
});

describe('specFromYaml', () => {
  it('reads the documented shape, the slug defaulting to the name', () => {
    const spec = specFromYaml(`
organization:
  name: Northwind Care
  website: https://northwind.example
segments:
  - key: hospitals
    name: Hospitals
documents:
  - slug: pledge
    title: Caregiver Pledge
    noticePeriodDays: 0
    segments: [hospitals]
`);
    expect(spec).toEqual({
      organization: { slug: 'northwind-care', name: 'Northwind Care', website: 'https://northwind.example' },
      segments: [{ key: 'hospitals', name: 'Hospitals' }],
      documents: [{ slug: 'pledge', title: 'Caregiver Pledge', noticePeriodDays: 0, segments: ['hospitals'] }],
      features: [],
    });
  });

  it('names every problem by its field and line', () => {
    expect(
      problemsOf(`organization:
  name: Broken
  contactEmial: a@b.example
segments:
  - key: everyone
documents:
  - slug: terms
    title: [Terms]
    kind: policy
    noticePeriodDays: -1
    segments: everyone
features: none
`),
    ).toEqual([
      '3: organization.contactEmial: is not a field here; expected name, slug, legalName, description, website, contactEmail',
      '5: segments[0].name: is required',
      '8: documents[0].title: must be text',
      '9: documents[0].kind: must be one of terms, privacy, acceptable-use, data-processing-addendum, subprocessor-list, ai-terms, cookie-policy, other; got "policy"',
      '10: documents[0].noticePeriodDays: must be a whole number of days',
      '11: documents[0].segments: must be a list of segment keys, e.g. [consumer, business]',
      '12: features: must be a list ("- " entries)',
    ]);
  });

  it('requires the organisation and at least one segment, and reports YAML syntax errors', () => {
    expect(problemsOf('documents: []\n')).toEqual([
      '1: organization: is required (name, and optionally slug, legalName, website, contactEmail)',
      '1: segments: is required: a list with at least one entry',
    ]);
    expect(problemsOf('organization: [\n')[0]).toMatch(/^\d+: yaml: /);
    expect(problemsOf('- a\n- b\n')).toEqual([
      '1: file: must be a map with organization, segments, documents, features',
    ]);
  });
});
