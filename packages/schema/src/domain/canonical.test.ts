import { describe, expect, it } from 'vitest';
import { type CanonicalVersionInput, canonicalVersion } from './canonical.js';
import { DomainError } from './errors.js';
import { contentHash, sha256Hex } from './hash.js';

const fixture: CanonicalVersionInput = {
  document: 'terms-of-service',
  label: '2023-08',
  publishedAt: new Date('2023-08-07T00:00:00.000Z'),
  effectiveAt: new Date('2023-08-11T00:00:00.000Z'),
  material: true,
  changeNote: 'Adds the consent sentence to 10.4.',
  previousHash: 'a'.repeat(64),
  clauses: [
    { key: '10.2', number: '10.2', heading: 'Licence', body: 'Customer grants a licence.\nIt is broad.' },
    { key: '10.4', number: '10.4', heading: 'AI', body: 'Notwithstanding the above, no training without consent.' },
  ],
  explanations: [
    { segment: 'healthcare', summary: 'PHI is not used.', whatChanges: 'Consent now required.', affected: true },
    { segment: 'consumer', summary: 'Your “content” stays yours.', whatChanges: '', affected: false },
  ],
};

describe('canonicalVersion', () => {
  it('writes the documented format exactly', () => {
    expect(canonicalVersion(fixture)).toBe(
      '{"format":"candor-version/1","document":"terms-of-service","label":"2023-08",' +
        '"publishedAt":"2023-08-07T00:00:00.000Z","effectiveAt":"2023-08-11T00:00:00.000Z","material":true,' +
        '"changeNote":"Adds the consent sentence to 10.4.","previousHash":"' +
        'a'.repeat(64) +
        '",' +
        '"clauses":[{"key":"10.2","number":"10.2","heading":"Licence","body":"Customer grants a licence.\\nIt is broad."},' +
        '{"key":"10.4","number":"10.4","heading":"AI","body":"Notwithstanding the above, no training without consent."}],' +
        '"explanations":[{"segment":"consumer","summary":"Your “content” stays yours.","whatChanges":"","affected":false},' +
        '{"segment":"healthcare","summary":"PHI is not used.","whatChanges":"Consent now required.","affected":true}]}',
    );
  });

  it('writes a first version with a null previousHash and empty lists', () => {
    const text = canonicalVersion({ ...fixture, previousHash: null, clauses: [], explanations: [] });
    expect(text).toContain('"previousHash":null,"clauses":[],"explanations":[]}');
  });

  it('normalises line endings and Unicode composition', () => {
    const crlf = { ...fixture, clauses: fixture.clauses.map((c) => ({ ...c, body: c.body.replace(/\n/g, '\r\n') })) };
    const cr = { ...fixture, clauses: fixture.clauses.map((c) => ({ ...c, body: c.body.replace(/\n/g, '\r') })) };
    expect(canonicalVersion(crlf)).toBe(canonicalVersion(fixture));
    expect(canonicalVersion(cr)).toBe(canonicalVersion(fixture));
    const decomposed = canonicalVersion({ ...fixture, changeNote: 'Re\u0301sume\u0301' });
    expect(decomposed).toBe(canonicalVersion({ ...fixture, changeNote: 'R\u00e9sum\u00e9' }));
  });

  it('rejects input that would make the hash ambiguous', () => {
    const duplicateSegment = {
      ...fixture,
      explanations: [fixture.explanations[0], fixture.explanations[0]],
    } as CanonicalVersionInput;
    expect(() => canonicalVersion(duplicateSegment)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'explanations' }),
    );
    const duplicateClause = { ...fixture, clauses: [fixture.clauses[0], fixture.clauses[0]] } as CanonicalVersionInput;
    expect(() => canonicalVersion(duplicateClause)).toThrow(expect.objectContaining({ field: 'clauses' }));
    expect(() => canonicalVersion({ ...fixture, previousHash: 'A'.repeat(64) })).toThrow(DomainError);
    expect(() => canonicalVersion({ ...fixture, effectiveAt: new Date('nonsense') })).toThrow(
      expect.objectContaining({ field: 'effectiveAt' }),
    );
  });
});

describe('contentHash', () => {
  it('is stable: this literal pins the format, so any drift fails here', () => {
    expect(contentHash(fixture)).toBe(sha256Hex(canonicalVersion(fixture)));
    expect(contentHash(fixture)).toBe('d4a94c72fa63bf3da59d34077fea0ff1ffcacf6643f68276b4959264bbc1e362');
  });

  it('hashes known text like any SHA-256', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('é')).toBe(sha256Hex('\u00e9'));
  });

  it('changes when any field changes', () => {
    const base = contentHash(fixture);
    const [first, second] = fixture.clauses as [
      CanonicalVersionInput['clauses'][number],
      CanonicalVersionInput['clauses'][number],
    ];
    const [exp] = fixture.explanations as [CanonicalVersionInput['explanations'][number]];
    const variants: CanonicalVersionInput[] = [
      { ...fixture, document: 'privacy-statement' },
      { ...fixture, label: '2023-08b' },
      { ...fixture, publishedAt: new Date('2023-08-07T00:00:00.001Z') },
      { ...fixture, effectiveAt: new Date('2023-08-12T00:00:00.000Z') },
      { ...fixture, material: false },
      { ...fixture, changeNote: 'Adds the consent sentence to 10.4' },
      { ...fixture, previousHash: null },
      { ...fixture, previousHash: 'b'.repeat(64) },
      { ...fixture, clauses: [second, first] },
      { ...fixture, clauses: [first] },
      { ...fixture, clauses: [{ ...first, key: '10.3' }, second] },
      { ...fixture, clauses: [{ ...first, number: '10.3' }, second] },
      { ...fixture, clauses: [{ ...first, heading: 'Licence.' }, second] },
      { ...fixture, clauses: [{ ...first, body: `${first.body} ` }, second] },
      { ...fixture, explanations: [exp] },
      { ...fixture, explanations: [{ ...exp, segment: 'education' }, ...fixture.explanations.slice(1)] },
      { ...fixture, explanations: [{ ...exp, summary: 'x' }, ...fixture.explanations.slice(1)] },
      { ...fixture, explanations: [{ ...exp, whatChanges: 'x' }, ...fixture.explanations.slice(1)] },
      { ...fixture, explanations: [{ ...exp, affected: false }, ...fixture.explanations.slice(1)] },
    ];
    const hashes = variants.map(contentHash);
    for (const hash of hashes) expect(hash).not.toBe(base);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('ignores the order of explanations, but not of clauses', () => {
    const reversed = { ...fixture, explanations: [...fixture.explanations].reverse() };
    expect(contentHash(reversed)).toBe(contentHash(fixture));
  });

  it('is the same for CRLF and LF text', () => {
    const crlf = { ...fixture, changeNote: 'line one\r\nline two' };
    expect(contentHash(crlf)).toBe(contentHash({ ...fixture, changeNote: 'line one\nline two' }));
  });
});

describe('imported versions (candor-imported-version/1)', () => {
  const base = {
    document: 'terms',
    label: '2020-01-01',
    publishedAt: new Date('2020-01-01T00:00:00.000Z'),
    effectiveAt: new Date('2020-01-01T00:00:00.000Z'),
    material: false,
    changeNote: 'Imported.',
    previousHash: null,
    clauses: [{ key: 'scope', number: '1', heading: 'Scope', body: 'Text.' }],
    explanations: [],
  };
  const source = { reference: 'git:abc:terms.md', importedAt: new Date('2026-12-04T00:00:00.000Z') };

  it('carries its source and import time after the change note, under its own format', () => {
    const text = canonicalVersion({ ...base, source });
    expect(text.startsWith('{"format":"candor-imported-version/1",')).toBe(true);
    expect(text).toContain(
      '"changeNote":"Imported.","source":"git:abc:terms.md","importedAt":"2026-12-04T00:00:00.000Z","previousHash":null,',
    );
  });

  it('leaves versions published in Candor exactly as before', () => {
    expect(canonicalVersion({ ...base, source: null })).toBe(canonicalVersion(base));
    expect(canonicalVersion(base).startsWith('{"format":"candor-version/1",')).toBe(true);
  });
});
