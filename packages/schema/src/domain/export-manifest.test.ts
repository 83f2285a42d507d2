import { describe, expect, it } from 'vitest';
import { canonicalCheckpoint, generateSigningKeyPair, publicKeyId, signCheckpoint } from './checkpoint.js';
import { DomainError } from './errors.js';
import {
  chainHeadsOf,
  EXPORT_FORMAT,
  type ExportDocumentEntry,
  type ExportManifest,
  type ExportVerification,
  exportPath,
  verifyExport,
} from './export-manifest.js';
import { contentHash } from './hash.js';
import {
  parseVersionMarkdown,
  renderVersionMarkdown,
  toCanonicalVersionInput,
  type VersionMarkdown,
} from './version-markdown.js';

const ORGANISATION = 'Northwind Meetings (sample)';
const realKeys = generateSigningKeyPair();
const attackerKeys = generateSigningKeyPair();

interface TestExport {
  manifest: ExportManifest;
  files: Map<string, string>;
}

/** Signs a checkpoint over the manifest's chains, the way the portal does when it exports. */
function signedCheckpoint(documents: readonly ExportDocumentEntry[], privateKeyPem: string, sequence = 1) {
  const payload = canonicalCheckpoint({
    sequence,
    issuedAt: new Date('2025-01-01T00:00:00Z'),
    chains: chainHeadsOf(documents),
  });
  return { payload, signature: signCheckpoint(payload, privateKeyPem) };
}

/** Two documents × three published versions, rendered, hashed, chained and signed in memory. */
function buildExport(): TestExport {
  const files = new Map<string, string>();
  const documents: ExportDocumentEntry[] = [];
  for (const [d, { slug, title }] of [
    { slug: 'terms-of-service', title: 'Terms of Service' },
    { slug: 'privacy-statement', title: 'Privacy Statement' },
  ].entries()) {
    const entry: ExportDocumentEntry = { slug, title, versions: [] };
    let previousHash: string | null = null;
    for (let i = 0; i < 3; i++) {
      const effectiveAt = new Date(Date.UTC(2023, 2 * i + d, 7));
      const version: VersionMarkdown = {
        document: slug,
        title,
        label: `v${i + 1}`,
        material: i > 0,
        changeNote: `Change ${i + 1} to the ${title}.`,
        publishedAt: new Date(effectiveAt.getTime() - 30 * 86_400_000),
        effectiveAt,
        previousHash,
        explanations:
          i > 0
            ? [{ segment: 'consumer', summary: 'What it means.', whatChanges: `Change ${i + 1}.`, affected: true }]
            : [],
        clauses: [
          { key: '1', number: '1', heading: 'Scope', body: `These terms apply.\n\nVersion ${i + 1} of ${slug}.` },
          { key: '10.4', number: '10.4', heading: 'Customer Content', body: `Licence text ${i + 1}.` },
        ],
      };
      const hash = contentHash(toCanonicalVersionInput(version));
      const path = exportPath(ORGANISATION, title, effectiveAt);
      files.set(path, renderVersionMarkdown({ ...version, contentHash: hash }));
      entry.versions.push({
        label: version.label,
        path,
        effectiveAt: effectiveAt.toISOString(),
        contentHash: hash,
        previousHash,
      });
      previousHash = hash;
    }
    documents.push(entry);
  }
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    organisation: ORGANISATION,
    isSample: true,
    exportedAt: '2025-01-01T00:00:00.000Z',
    publicKeyPem: realKeys.publicKeyPem,
    checkpoint: signedCheckpoint(documents, realKeys.privateKeyPem),
    documents,
  };
  return { manifest, files };
}

const pristine = buildExport();
/** The checkpoint a partner saved from the pristine export. */
const savedCheckpoint = pristine.manifest.checkpoint;

function fresh(): TestExport {
  return { manifest: structuredClone(pristine.manifest), files: new Map(pristine.files) };
}

function verify(exp: TestExport, earlier?: { payload: string; signature: string } | null): ExportVerification {
  return verifyExport(
    JSON.parse(JSON.stringify(exp.manifest)),
    (path) => exp.files.get(path) ?? null,
    () => ['README.md', 'manifest.json', ...exp.files.keys()],
    earlier,
  );
}

const codes = (result: ExportVerification) => result.problems.map((p) => [p.code, p.document, p.label]);
const terms = (exp: TestExport) => exp.manifest.documents[0] as ExportDocumentEntry;
const termsVersion = (exp: TestExport, i: number) => terms(exp).versions[i] as ExportDocumentEntry['versions'][number];

describe('exportPath', () => {
  it('builds <Organisation>/<Document title>/<instant>.md without colons', () => {
    expect(exportPath(ORGANISATION, 'Terms of Service', new Date('2023-08-07T09:05:03.250Z'))).toBe(
      'Northwind Meetings (sample)/Terms of Service/2023-08-07T09-05-03Z.md',
    );
  });

  it('makes names safe on every file system', () => {
    const at = new Date('2023-08-07T00:00:00Z');
    expect(exportPath('A/B\\C', 'Terms: AI *draft*?', at)).toBe('A-B-C/Terms- AI -draft--/2023-08-07T00-00-00Z.md');
    expect(exportPath('.hidden co.', 'Line\nbreak\tand\u0000null', at)).toBe(
      'hidden co/Line break and null/2023-08-07T00-00-00Z.md',
    );
    const long = exportPath('x'.repeat(500), '🎥'.repeat(200), at).split('/');
    expect(long[0]).toHaveLength(120);
    expect(Array.from(long[1] as string)).toHaveLength(120);
  });

  it('refuses names that clean to nothing and invalid dates', () => {
    const at = new Date('2023-08-07T00:00:00Z');
    for (const [organisation, title] of [
      ['..', 'Terms'],
      ['Org', ' \n '],
      ['', 'Terms'],
    ] as const) {
      expect(() => exportPath(organisation, title, at)).toThrow(DomainError);
    }
    expect(() => exportPath('Org', 'Terms', new Date('never'))).toThrow(DomainError);
    expect(() => exportPath('Org', 'Terms', new Date(Date.UTC(10000, 0, 1)))).toThrow(DomainError);
  });
});

describe('verifyExport', () => {
  it('accepts the pristine export', () => {
    const result = verify(fresh());
    expect(result).toEqual({
      ok: true,
      versionsChecked: 6,
      signed: true,
      publicKeyId: publicKeyId(realKeys.publicKeyPem),
      problems: [],
    });
    expect(verify(fresh(), savedCheckpoint).ok).toBe(true);
  });

  it('accepts an export that only grew since an earlier checkpoint', () => {
    const earlierDocs = structuredClone(pristine.manifest.documents).map((d) => ({
      ...d,
      versions: d.versions.slice(0, 1),
    }));
    expect(verify(fresh(), signedCheckpoint(earlierDocs, realKeys.privateKeyPem, 0)).ok).toBe(true);
  });

  it('detects an edited clause body', () => {
    const exp = fresh();
    const path = termsVersion(exp, 1).path;
    exp.files.set(path, (exp.files.get(path) as string).replace('Licence text 2.', 'Licence text 2, and more.'));
    expect(codes(verify(exp))).toEqual([['HASH_MISMATCH', 'terms-of-service', 'v2']]);
  });

  it('detects an edit whose hash was updated in the file only', () => {
    const exp = fresh();
    const version = termsVersion(exp, 1);
    const text = (exp.files.get(version.path) as string).replace('Licence text 2.', 'Harmless.');
    const edited = text.replace(version.contentHash, contentHash(toCanonicalVersionInput(parseVersionMarkdown(text))));
    exp.files.set(version.path, edited);
    expect(codes(verify(exp))).toEqual([['HASH_MISMATCH', 'terms-of-service', 'v2']]);
  });

  it('detects a file whose stated hash alone was changed', () => {
    const exp = fresh();
    const version = termsVersion(exp, 0);
    exp.files.set(version.path, (exp.files.get(version.path) as string).replace(version.contentHash, 'f'.repeat(64)));
    const result = verify(exp);
    expect(codes(result)).toEqual([['HASH_MISMATCH', 'terms-of-service', 'v1']]);
    expect(result.problems[0]?.message).toContain('states contentHash ffff');
  });

  it('detects an edit rehashed in file and manifest, by the next link or by the checkpoint', () => {
    for (const [index, expected] of [
      [1, [['BROKEN_LINK', 'terms-of-service', 'v3']]],
      [2, [['CHECKPOINT_MISMATCH', 'terms-of-service', undefined]]],
    ] as const) {
      const exp = fresh();
      const version = termsVersion(exp, index);
      const oldHash = version.contentHash;
      const forged = (exp.files.get(version.path) as string).replace(`Licence text ${index + 1}.`, 'Harmless.');
      const newHash = contentHash(toCanonicalVersionInput(parseVersionMarkdown(forged)));
      exp.files.set(version.path, forged.replace(oldHash, newHash));
      version.contentHash = newHash;
      expect(codes(verify(exp))).toEqual(expected);
    }
  });

  it('detects a removed middle version', () => {
    const exp = fresh();
    const [removed] = terms(exp).versions.splice(1, 1);
    exp.files.delete(removed?.path as string);
    expect(codes(verify(exp))).toEqual([
      ['BROKEN_LINK', 'terms-of-service', 'v3'],
      ['CHECKPOINT_MISMATCH', 'terms-of-service', undefined],
    ]);
  });

  it('detects a listed file that is missing', () => {
    const exp = fresh();
    exp.files.delete(termsVersion(exp, 1).path);
    expect(codes(verify(exp))).toEqual([['MISSING_FILE', 'terms-of-service', 'v2']]);
  });

  it('detects versions reordered in the manifest', () => {
    const exp = fresh();
    const versions = terms(exp).versions;
    [versions[1], versions[2]] = [versions[2] as (typeof versions)[number], versions[1] as (typeof versions)[number]];
    expect(codes(verify(exp))).toEqual([
      ['BROKEN_LINK', 'terms-of-service', 'v3'],
      ['BROKEN_LINK', 'terms-of-service', 'v2'],
      ['CHECKPOINT_MISMATCH', 'terms-of-service', undefined],
    ]);
  });

  it('detects two versions whose files were swapped', () => {
    const exp = fresh();
    const [a, b] = [termsVersion(exp, 0).path, termsVersion(exp, 1).path];
    const [textA, textB] = [exp.files.get(a) as string, exp.files.get(b) as string];
    exp.files.set(a, textB);
    exp.files.set(b, textA);
    const result = verify(exp);
    expect(result.ok).toBe(false);
    expect(new Set(result.problems.map((p) => p.code))).toEqual(
      new Set(['METADATA_MISMATCH', 'HASH_MISMATCH', 'BROKEN_LINK', 'UNEXPECTED_GENESIS']),
    );
  });

  it('detects a manifest that disagrees with a file on metadata', () => {
    const exp = fresh();
    termsVersion(exp, 2).effectiveAt = '2030-01-01T00:00:00.000Z';
    terms(exp).title = 'Terms of Use';
    const problems = verify(exp).problems;
    expect(problems.map((p) => [p.code, p.label])).toEqual([
      ['METADATA_MISMATCH', 'v1'],
      ['METADATA_MISMATCH', 'v2'],
      ['METADATA_MISMATCH', 'v3'],
    ]);
    expect(problems[2]?.message).toContain('effectiveAt');
    expect(problems[2]?.message).toContain('title is Terms of Service in the file but Terms of Use in the manifest');
  });

  it('reports unreadable files and files without their hash', () => {
    const exp = fresh();
    exp.files.set(termsVersion(exp, 0).path, 'not a version');
    const second = termsVersion(exp, 1);
    exp.files.set(second.path, (exp.files.get(second.path) as string).replace(/contentHash: .*\n/, ''));
    expect(codes(verify(exp))).toEqual([
      ['INVALID_FILE', 'terms-of-service', 'v1'],
      ['INVALID_FILE', 'terms-of-service', 'v2'],
    ]);
  });

  it('flags version files the manifest does not list, but not files at the root', () => {
    const exp = fresh();
    exp.files.set(`${ORGANISATION}/Terms of Service/2024-01-01T00-00-00Z.md`, 'smuggled');
    const result = verifyExport(
      exp.manifest,
      (path) => exp.files.get(path) ?? null,
      () => ['README.md', ...[...exp.files.keys()].map((p) => `./${p.replaceAll('/', '\\')}`)],
    );
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([
      ['UNLISTED_FILE', `${ORGANISATION}/Terms of Service/2024-01-01T00-00-00Z.md`],
    ]);
  });

  describe('a truncated tail', () => {
    /** The newest terms version and its manifest entry removed. */
    function truncated(): TestExport {
      const exp = fresh();
      const removed = terms(exp).versions.pop();
      exp.files.delete(removed?.path as string);
      return exp;
    }

    it('fails the checkpoint left in the manifest', () => {
      const result = verify(truncated());
      expect(codes(result)).toEqual([['CHECKPOINT_MISMATCH', 'terms-of-service', undefined]]);
      expect(result.signed).toBe(true);
    });

    it('is TRUNCATED against the earlier checkpoint', () => {
      expect(codes(verify(truncated(), savedCheckpoint))).toEqual([
        ['CHECKPOINT_MISMATCH', 'terms-of-service', undefined],
        ['TRUNCATED', 'terms-of-service', undefined],
      ]);
    });

    it('re-signed with an attacker key passes alone but not against the earlier checkpoint', () => {
      const exp = truncated();
      exp.manifest.publicKeyPem = attackerKeys.publicKeyPem;
      exp.manifest.checkpoint = signedCheckpoint(exp.manifest.documents, attackerKeys.privateKeyPem, 2);
      // A self-consistent export cannot show what was cut: that is what the earlier checkpoint is for.
      const alone = verify(exp);
      expect(alone.ok).toBe(true);
      expect(alone.publicKeyId).toBe(publicKeyId(attackerKeys.publicKeyPem));
      expect(alone.publicKeyId).not.toBe(publicKeyId(realKeys.publicKeyPem));

      expect(codes(verify(exp, savedCheckpoint))).toEqual([
        ['KEY_CHANGED', undefined, undefined],
        ['TRUNCATED', 'terms-of-service', undefined],
      ]);
    });

    it('re-signed with the manifest checkpoint kept but the key swapped fails the signature', () => {
      const exp = truncated();
      exp.manifest.publicKeyPem = attackerKeys.publicKeyPem;
      expect(codes(verify(exp)).map(([code]) => code)).toEqual(['BAD_SIGNATURE', 'CHECKPOINT_MISMATCH']);
    });
  });

  it('detects a rewritten newest version re-signed by an attacker, against the earlier checkpoint', () => {
    const exp = fresh();
    const last = termsVersion(exp, 2);
    last.contentHash = 'e'.repeat(64);
    exp.files.set(
      last.path,
      (exp.files.get(last.path) as string).replace(/contentHash: .*\n/, `contentHash: ${'e'.repeat(64)}\n`),
    );
    exp.manifest.publicKeyPem = attackerKeys.publicKeyPem;
    exp.manifest.checkpoint = signedCheckpoint(exp.manifest.documents, attackerKeys.privateKeyPem, 2);
    const result = verify(exp, savedCheckpoint);
    expect(result.problems.map((p) => p.code)).toEqual(['HASH_MISMATCH', 'KEY_CHANGED', 'REWRITTEN']);
  });

  it('detects a removed document against both checkpoints', () => {
    const exp = fresh();
    const [removed] = exp.manifest.documents.splice(1, 1);
    for (const v of removed?.versions ?? []) exp.files.delete(v.path);
    expect(codes(verify(exp, savedCheckpoint))).toEqual([
      ['CHECKPOINT_MISMATCH', 'privacy-statement', undefined],
      ['DOCUMENT_MISSING', 'privacy-statement', undefined],
    ]);
  });

  it('reports a damaged signature or checkpoint', () => {
    const exp = fresh();
    const checkpoint = exp.manifest.checkpoint as { payload: string; signature: string };
    exp.manifest.checkpoint = { ...checkpoint, signature: signCheckpoint('other', realKeys.privateKeyPem) };
    expect(codes(verify(exp))).toEqual([['BAD_SIGNATURE', undefined, undefined]]);
    exp.manifest.checkpoint = { payload: 'garbage', signature: signCheckpoint('garbage', realKeys.privateKeyPem) };
    expect(verify(exp).problems.map((p) => p.code)).toEqual(['BAD_CHECKPOINT']);
    expect(verify(fresh(), { payload: 'garbage', signature: '' }).problems.map((p) => p.code)).toEqual([
      'BAD_CHECKPOINT',
      'KEY_CHANGED',
    ]);
  });

  it('accepts an unsigned export on its own, but cannot tie it to an earlier checkpoint', () => {
    const exp = fresh();
    exp.manifest.publicKeyPem = null;
    exp.manifest.checkpoint = null;
    expect(verify(exp)).toMatchObject({ ok: true, signed: false, publicKeyId: null });
    expect(verify(exp, savedCheckpoint).problems.map((p) => p.code)).toEqual(['KEY_CHANGED']);
  });

  it('refuses a malformed manifest before reading any file', () => {
    const read = (): string => {
      throw new Error('must not read');
    };
    const list = () => [];
    expect(verifyExport(null, read, list).problems.map((p) => p.code)).toEqual(['BAD_MANIFEST']);
    const manifest = structuredClone(pristine.manifest) as unknown as Record<string, unknown>;
    const documents = manifest.documents as ExportDocumentEntry[];
    const [first, second] = documents[0]?.versions ?? [];
    if (first === undefined || second === undefined) throw new Error('fixture');
    first.path = '../../etc/passwd.md';
    second.path = '/abs/x.md';
    (documents[1] as ExportDocumentEntry).slug = 'terms-of-service';
    (documents[1] as ExportDocumentEntry).versions[0] = {
      ...second,
      path: 'C:/x.md',
      contentHash: 'nope',
      previousHash: 'x',
    };
    const result = verifyExport({ ...manifest, format: 'candor-export/9', publicKeyPem: null }, read, list);
    expect(result.ok).toBe(false);
    expect(result.versionsChecked).toBe(0);
    expect(result.problems.map((p) => p.message.split(':')[0])).toEqual([
      'format',
      'checkpoint',
      'documents[0].versions[0].path',
      'documents[0].versions[1].path',
      'documents[1].slug',
      'documents[1].versions[0].path',
      'documents[1].versions[0].contentHash',
      'documents[1].versions[0].previousHash',
      'documents[1].versions[1].label',
    ]);
    expect(
      verifyExport({ ...pristine.manifest, publicKeyPem: realKeys.privateKeyPem }, read, list).problems.map(
        (p) => p.message,
      ),
    ).toEqual(['publicKeyPem: must be null or a PEM public key.']);
  });
});
