import { describe, expect, it } from 'vitest';
import { publicKeyId, signCheckpoint } from './checkpoint.js';
import {
  type ExportChain,
  type ExportDefinitionsChain,
  type ExportDocumentChain,
  type ExportFeatureChain,
  type ExportReleasesChain,
  type ExportWithdrawalsChain,
  MANIFEST_FILE,
} from './export-manifest.js';
import { type ExportVerification, verifyExport } from './export-verify.js';
import { contentHash } from './hash.js';
import {
  attackerKeys,
  buildTestExport,
  IMPORTED_SOURCE,
  realKeys,
  signedCheckpoint,
  type TestExport,
} from './testing/export-fixture.js';
import { seededRandom } from './testing/seeded-random.js';
import { parseVersionMarkdown, toCanonicalVersionInput } from './version-markdown.js';

const pristine = buildTestExport();
/** The checkpoint a partner saved from the pristine export. */
const savedCheckpoint = pristine.manifest.checkpoint;

function fresh(): TestExport {
  return { manifest: structuredClone(pristine.manifest), files: new Map(pristine.files) };
}

function verify(exp: TestExport, earlier?: { payload: string; signature: string } | null): ExportVerification {
  return verifyExport(
    JSON.parse(JSON.stringify(exp.manifest)),
    (path) => exp.files.get(path) ?? null,
    () => ['README.md', ...exp.files.keys()],
    earlier,
  );
}

const problems = (result: ExportVerification) => result.problems.map((p) => [p.code, p.chain, p.record]);
const chain = <C extends ExportChain>(exp: TestExport, name: string) =>
  exp.manifest.chains.find((c) => c.chain === name) as C;
const terms = (exp: TestExport) => chain<ExportDocumentChain>(exp, 'document/terms-of-service');
const feature = (exp: TestExport) => chain<ExportFeatureChain>(exp, 'feature/meeting-summary');
const withdrawals = (exp: TestExport) => chain<ExportWithdrawalsChain>(exp, 'withdrawals');
const releases = (exp: TestExport) => chain<ExportReleasesChain>(exp, 'consent-releases');
const definitions = (exp: TestExport) => chain<ExportDefinitionsChain>(exp, 'definitions');
const definitionLabel = (exp: TestExport, i: number) => {
  const d = definitions(exp).records[i];
  return `${d?.subject} ${d?.key} ${d?.action} ${d?.at}`;
};
const privacyVersion = (exp: TestExport, i: number) =>
  chain<ExportDocumentChain>(exp, 'document/privacy-statement').records[i] as ExportDocumentChain['records'][number];
const termsVersion = (exp: TestExport, i: number) => terms(exp).records[i] as ExportDocumentChain['records'][number];
const edit = (exp: TestExport, path: string, from: string | RegExp, to: string) => {
  const text = exp.files.get(path) as string;
  const edited = text.replace(from, to);
  expect(edited, `${from} in ${path}`).not.toBe(text);
  exp.files.set(path, edited);
};

/** One record file of each kind: [kind, path, the manifest's record label]. */
const ONE_OF_EACH: [string, (exp: TestExport) => string, string][] = [
  ['version', (exp) => termsVersion(exp, 1).path, 'v2'],
  ['revision', (exp) => feature(exp).records[0]?.path as string, 'revision 1'],
  ['withdrawal', (exp) => withdrawals(exp).records[0]?.path as string, 'withdrawal of terms-of-service v3'],
  ['consent release', (exp) => releases(exp).records[0]?.path as string, 'release of 2024-02-01T09:00:00.000Z'],
  [
    'definition change',
    (exp) => definitions(exp).records[2]?.path as string,
    'segment consumer updated 2022-12-01T10:00:00.000Z',
  ],
  ['imported version', (exp) => privacyVersion(exp, 0).path, 'v1'],
];

describe('verifyExport', () => {
  it('accepts the pristine export, every kind of record counted', () => {
    const result = verify(fresh());
    expect(result).toEqual({
      ok: true,
      recordsChecked: { versions: 5, revisions: 2, withdrawals: 2, consentReleases: 2, definitionChanges: 4 },
      signed: true,
      publicKeyId: publicKeyId(realKeys.publicKeyPem),
      problems: [],
    });
    expect(verify(fresh(), savedCheckpoint).ok).toBe(true);
  });

  it('lays out every kind as documented', () => {
    const paths = [...pristine.files.keys()].sort();
    expect(paths).toEqual([
      'Northwind Meetings (sample)/AI features/Meeting summary/2023-01-01T00-00-00Z.yaml',
      'Northwind Meetings (sample)/AI features/Meeting summary/2025-02-01T00-00-00Z.withdrawal.yaml',
      'Northwind Meetings (sample)/AI features/Meeting summary/2025-02-01T00-00-00Z.yaml',
      'Northwind Meetings (sample)/Consent statistics/2024-02-01T09-00-00Z.csv',
      'Northwind Meetings (sample)/Consent statistics/2024-03-01T09-00-00Z.csv',
      'Northwind Meetings (sample)/Definitions/2022-12-01T10-00-00Z organization northwind.yaml',
      'Northwind Meetings (sample)/Definitions/2022-12-01T10-00-00Z segment consumer change 3.yaml',
      'Northwind Meetings (sample)/Definitions/2022-12-01T10-00-00Z segment consumer.yaml',
      'Northwind Meetings (sample)/Definitions/2022-12-01T10-00-01Z document terms-of-service.yaml',
      'Northwind Meetings (sample)/Privacy Statement/2023-02-07T00-00-00Z.md',
      'Northwind Meetings (sample)/Privacy Statement/2023-04-07T00-00-00Z.md',
      'Northwind Meetings (sample)/Terms of Service/2023-01-07T00-00-00Z.md',
      'Northwind Meetings (sample)/Terms of Service/2023-03-07T00-00-00Z.md',
      'Northwind Meetings (sample)/Terms of Service/2023-05-07T00-00-00Z.md',
      'Northwind Meetings (sample)/Terms of Service/2023-05-07T00-00-00Z.withdrawal.yaml',
      MANIFEST_FILE,
    ]);
    expect(termsVersion(pristine, 2).withdrawnBy).toBe(
      'Northwind Meetings (sample)/Terms of Service/2023-05-07T00-00-00Z.withdrawal.yaml',
    );
    expect(pristine.manifest.chains.map((c) => [c.chain, c.kind, c.records.length])).toEqual([
      ['document/terms-of-service', 'document', 3],
      ['document/privacy-statement', 'document', 2],
      ['feature/meeting-summary', 'feature', 2],
      ['withdrawals', 'withdrawals', 2],
      ['consent-releases', 'consent-releases', 2],
      ['definitions', 'definitions', 4],
    ]);
    expect(definitions(pristine).records[2]).toEqual({
      at: '2022-12-01T10:00:00.000Z',
      subject: 'segment',
      key: 'consumer',
      action: 'updated',
      path: 'Northwind Meetings (sample)/Definitions/2022-12-01T10-00-00Z segment consumer change 3.yaml',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      previousHash: definitions(pristine).records[1]?.contentHash,
    });
  });

  describe('definition changes', () => {
    it('edited in a value, with the hash left alone, fail their hash', () => {
      const exp = fresh();
      edit(exp, definitions(exp).records[2]?.path as string, '"Consumers"', '"Everyone"');
      expect(problems(verify(exp))).toEqual([['HASH_MISMATCH', 'definitions', definitionLabel(exp, 2)]]);
    });

    it('edited and rehashed in file and manifest, break the next link', () => {
      const exp = fresh();
      const record = definitions(exp).records[1];
      if (record === undefined) throw new Error('fixture');
      edit(exp, record.path, '"Consumer"', '"Everyone"');
      const forged = verify(exp)
        .problems.find((p) => p.code === 'HASH_MISMATCH')
        ?.message.match(/hashes to ([0-9a-f]{64})/)?.[1];
      edit(exp, record.path, record.contentHash, forged as string);
      record.contentHash = forged as string;
      expect(problems(verify(exp))).toEqual([['BROKEN_LINK', 'definitions', definitionLabel(exp, 2)]]);
    });

    it('removed from the middle break the chain and the checkpoint', () => {
      const exp = fresh();
      const [gone] = definitions(exp).records.splice(1, 1);
      exp.files.delete(gone?.path as string);
      expect(problems(verify(exp))).toEqual([
        ['BROKEN_LINK', 'definitions', definitionLabel(pristine, 2)],
        ['CHECKPOINT_MISMATCH', 'definitions', undefined],
      ]);
    });

    it('reordered in the manifest break the chain', () => {
      const exp = fresh();
      const records = definitions(exp).records;
      [records[1], records[2]] = [records[2] as (typeof records)[number], records[1] as (typeof records)[number]];
      expect(problems(verify(exp))).toEqual([
        ['BROKEN_LINK', 'definitions', definitionLabel(pristine, 2)],
        ['BROKEN_LINK', 'definitions', definitionLabel(pristine, 1)],
        ['BROKEN_LINK', 'definitions', definitionLabel(pristine, 3)],
      ]);
    });

    it('whose manifest entry disagrees with the file are METADATA_MISMATCH', () => {
      const exp = fresh();
      const record = definitions(exp).records[3];
      if (record === undefined) throw new Error('fixture');
      record.action = 'retired';
      record.key = 'privacy-statement';
      const result = verify(exp);
      expect(result.problems.map((p) => [p.code, p.path])).toEqual([['METADATA_MISMATCH', record.path]]);
      expect(result.problems[0]?.message).toContain(
        'key is terms-of-service in the file but privacy-statement in the manifest; action is created in the file but retired in the manifest',
      );
    });

    it('missing from the export while the checkpoint counts them fail the checkpoint', () => {
      const exp = fresh();
      const index = exp.manifest.chains.findIndex((c) => c.kind === 'definitions');
      const [removed] = exp.manifest.chains.splice(index, 1);
      for (const r of removed?.records ?? []) exp.files.delete(r.path);
      expect(problems(verify(exp, savedCheckpoint))).toEqual([
        ['CHECKPOINT_MISMATCH', 'definitions', undefined],
        ['CHAIN_MISSING', 'definitions', undefined],
      ]);
    });
  });

  describe('an imported version', () => {
    it('states its source and verifies as candor-imported-version/1', () => {
      const text = pristine.files.get(privacyVersion(pristine, 0).path) as string;
      expect(text).toContain(`\nsource: ${IMPORTED_SOURCE.reference}\nimportedAt: 2024-11-30T08:00:00.000Z\n`);
      const version = parseVersionMarkdown(text, { segments: 'any' });
      const input = toCanonicalVersionInput(version);
      expect(input.source).toEqual(IMPORTED_SOURCE);
      expect(contentHash(input)).toBe(privacyVersion(pristine, 0).contentHash);
      expect(contentHash({ ...input, source: null })).not.toBe(privacyVersion(pristine, 0).contentHash);
    });

    it('with its source edited fails its hash', () => {
      const exp = fresh();
      edit(exp, privacyVersion(exp, 0).path, 'policies/privacy.md', 'policies/other.md');
      expect(problems(verify(exp))).toEqual([['HASH_MISMATCH', 'document/privacy-statement', 'v1']]);
    });

    it('passed off as published in Candor (source and importedAt removed) fails its hash', () => {
      const exp = fresh();
      edit(exp, privacyVersion(exp, 0).path, /\nsource: .*\nimportedAt: .*\n/, '\n');
      expect(problems(verify(exp))).toEqual([['HASH_MISMATCH', 'document/privacy-statement', 'v1']]);
    });

    it('with only importedAt removed is INVALID_FILE', () => {
      const exp = fresh();
      edit(exp, privacyVersion(exp, 0).path, /\nimportedAt: .*\n/, '\n');
      const result = verify(exp);
      expect(problems(result)).toEqual([['INVALID_FILE', 'document/privacy-statement', 'v1']]);
      expect(result.problems[0]?.message).toContain('importedAt is required with source');
    });
  });

  it('accepts an export that only grew since an earlier checkpoint', () => {
    const earlierChains = structuredClone(pristine.manifest.chains).map((c) => ({
      ...c,
      records: c.records.slice(0, 1),
    }));
    expect(verify(fresh(), signedCheckpoint(earlierChains as ExportChain[], realKeys.privateKeyPem, 0)).ok).toBe(true);
  });

  describe.each(ONE_OF_EACH)('a %s file', (_kind, pathOf, label) => {
    it('edited in its content fails its hash, naming the file', () => {
      const exp = fresh();
      const path = pathOf(exp);
      const text = exp.files.get(path) as string;
      // The first digit after the header/front matter's first line: a count, a date or a hash.
      const at = text.search(/[0-9](?![^\n]*contentHash)/);
      exp.files.set(path, `${text.slice(0, at)}${text[at] === '1' ? '2' : '1'}${text.slice(at + 1)}`);
      const result = verify(exp);
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => p.path)).toContain(path);
    });

    it('edited by one byte anywhere fails, naming the file', () => {
      const path = pathOf(pristine);
      const text = pristine.files.get(path) as string;
      const random = seededRandom(path.length);
      for (let i = 0; i < 25; i++) {
        const at = random.int(0, text.length - 1);
        const exp = fresh();
        exp.files.set(path, `${text.slice(0, at)}${text[at] === 'a' ? 'b' : 'a'}${text.slice(at + 1)}`);
        const result = verify(exp);
        expect(result.ok, `byte ${at} of ${path}`).toBe(false);
        expect(
          result.problems.map((p) => p.path),
          `byte ${at}`,
        ).toContain(path);
      }
    });

    it('deleted is MISSING_FILE, naming it', () => {
      const exp = fresh();
      const path = pathOf(exp);
      exp.files.delete(path);
      const result = verify(exp);
      expect(result.problems.map((p) => [p.code, p.record, p.path])).toEqual([['MISSING_FILE', label, path]]);
    });

    it('added beside the others is UNLISTED_FILE, naming it', () => {
      const exp = fresh();
      const path = pathOf(exp);
      const added = path.replace(/(\d{4})-/, '1999-');
      exp.files.set(added, exp.files.get(path) as string);
      expect(verify(exp).problems.map((p) => [p.code, p.path])).toEqual([['UNLISTED_FILE', added]]);
    });
  });

  it('ignores hidden files (a .git folder) but not other files at the root', () => {
    const exp = fresh();
    exp.files.set('.git/HEAD', 'ref: refs/heads/main');
    exp.files.set('Northwind Meetings (sample)/.DS_Store', '');
    exp.files.set('notes.txt', 'mine');
    expect(verify(exp).problems.map((p) => [p.code, p.path])).toEqual([['UNLISTED_FILE', 'notes.txt']]);
  });

  it('reads files checked out with CRLF line endings', () => {
    const exp = fresh();
    for (const [path, text] of exp.files) exp.files.set(path, text.replaceAll('\n', '\r\n'));
    expect(verify(exp).problems).toEqual([]);
  });

  it('detects a comment edited in a record file (NOT_CANONICAL)', () => {
    const exp = fresh();
    const path = withdrawals(exp).records[0]?.path as string;
    edit(exp, path, '# Withdrawal of', '# Nothing to see in');
    expect(verify(exp).problems.map((p) => [p.code, p.path])).toEqual([['NOT_CANONICAL', path]]);
    expect(verify(exp).problems[0]?.message).toContain('line 1');
  });

  it('detects an edit whose hash was updated in the file only', () => {
    const exp = fresh();
    const version = termsVersion(exp, 1);
    const text = (exp.files.get(version.path) as string).replace('Licence text 2.', 'Harmless.');
    const edited = text.replace(version.contentHash, contentHash(toCanonicalVersionInput(parseVersionMarkdown(text))));
    exp.files.set(version.path, edited);
    expect(problems(verify(exp))).toEqual([['HASH_MISMATCH', 'document/terms-of-service', 'v2']]);
  });

  it('detects a file whose stated hash alone was changed', () => {
    const exp = fresh();
    const path = feature(exp).records[1]?.path as string;
    edit(exp, path, /contentHash: "[0-9a-f]+"/, `contentHash: "${'f'.repeat(64)}"`);
    const result = verify(exp);
    expect(problems(result)).toEqual([['HASH_MISMATCH', 'feature/meeting-summary', 'revision 2']]);
    expect(result.problems[0]?.message).toContain('states contentHash ffff');
  });

  it('detects an edit rehashed in file and manifest, by the next link or by the checkpoint', () => {
    for (const [index, expected] of [
      [0, [['BROKEN_LINK', 'consent-releases', 'correction of 2024-03-01T09:00:00.250Z']]],
      [1, [['CHECKPOINT_MISMATCH', 'consent-releases', undefined]]],
    ] as const) {
      const exp = fresh();
      const release = releases(exp).records[index];
      if (release === undefined) throw new Error('fixture');
      edit(exp, release.path, /,400,/, ',401,');
      // The forger recomputes the release's hash and writes it in the manifest.
      const forged = verify(exp)
        .problems.find((p) => p.code === 'HASH_MISMATCH')
        ?.message.match(/hashes to ([0-9a-f]{64})/)?.[1];
      release.contentHash = forged as string;
      expect(problems(verify(exp))).toEqual(expected);
    }
  });

  it('detects records reordered or removed in the manifest', () => {
    const exp = fresh();
    const records = withdrawals(exp).records;
    records.reverse();
    expect(problems(verify(exp)).map(([code]) => code)).toEqual([
      'BROKEN_LINK',
      'UNEXPECTED_GENESIS',
      'CHECKPOINT_MISMATCH',
    ]);

    const removed = fresh();
    const [gone] = terms(removed).records.splice(1, 1);
    removed.files.delete(gone?.path as string);
    expect(problems(verify(removed))).toEqual([
      ['BROKEN_LINK', 'document/terms-of-service', 'v3'],
      ['CHECKPOINT_MISMATCH', 'document/terms-of-service', undefined],
    ]);
  });

  it('detects a manifest that disagrees with a file on metadata', () => {
    const exp = fresh();
    termsVersion(exp, 0).effectiveAt = '2030-01-01T00:00:00.000Z';
    terms(exp).title = 'Terms of Use';
    (releases(exp).records[1] as { rowCount: number }).rowCount = 7;
    (withdrawals(exp).records[1] as { reason?: string; record: string }).record = '1';
    const result = verify(exp);
    expect(result.problems.map((p) => [p.code, p.record])).toEqual([
      ['METADATA_MISMATCH', 'v1'],
      ['METADATA_MISMATCH', 'v2'],
      ['METADATA_MISMATCH', 'v3'],
      ['METADATA_MISMATCH', 'withdrawal of meeting-summary revision 1'],
      ['METADATA_MISMATCH', 'correction of 2024-03-01T09:00:00.250Z'],
      ['UNKNOWN_RECORD', 'withdrawal of meeting-summary 1'],
      ['METADATA_MISMATCH', 'revision 2'],
    ]);
    expect(result.problems[0]?.message).toContain('effectiveAt');
    expect(result.problems[1]?.message).toContain(
      'title is Terms of Service in the file but Terms of Use in the manifest',
    );
  });

  it('reports unreadable files', () => {
    const exp = fresh();
    exp.files.set(termsVersion(exp, 0).path, 'not a version');
    exp.files.set(feature(exp).records[0]?.path as string, 'format: 1\n');
    exp.files.set(releases(exp).records[0]?.path as string, 'feature,segment\n');
    expect(verify(exp).problems.map((p) => [p.code, p.record])).toEqual([
      ['INVALID_FILE', 'v1'],
      ['INVALID_FILE', 'revision 1'],
      ['INVALID_FILE', 'release of 2024-02-01T09:00:00.000Z'],
    ]);
  });

  describe('withdrawals', () => {
    it('must withdraw a record of the export by its hash', () => {
      const exp = fresh();
      // A withdrawal that claims another version's hash: rewritten consistently in file and manifest.
      const entry = withdrawals(exp).records[0];
      if (entry === undefined) throw new Error('fixture');
      const forgedHash = termsVersion(exp, 1).contentHash;
      edit(exp, entry.path, entry.recordHash, forgedHash);
      entry.recordHash = forgedHash;
      const codes = verify(exp).problems.map((p) => p.code);
      expect(codes).toContain('UNKNOWN_RECORD');
    });

    it('must be marked on what it withdraws, and lie beside it', () => {
      const exp = fresh();
      termsVersion(exp, 2).withdrawnBy = null;
      termsVersion(exp, 0).withdrawnBy = termsVersion(pristine, 2).withdrawnBy;
      expect(verify(exp).problems.map((p) => [p.code, p.record])).toEqual([
        ['METADATA_MISMATCH', 'v3'],
        ['METADATA_MISMATCH', 'v1'],
      ]);
    });

    it('of a record already in effect is WITHDRAWN_AFTER_EFFECT', () => {
      const exp = fresh();
      termsVersion(exp, 2).effectiveAt = '2023-04-01T00:00:00.000Z';
      const result = verify(exp);
      expect(result.problems.map((p) => p.code)).toContain('WITHDRAWN_AFTER_EFFECT');
    });
  });

  describe('a truncated tail', () => {
    /** The newest consent release and its manifest entry removed. */
    function truncated(): TestExport {
      const exp = fresh();
      const removed = releases(exp).records.pop();
      exp.files.delete(removed?.path as string);
      return exp;
    }

    it('fails the checkpoint left in the manifest', () => {
      const result = verify(truncated());
      expect(problems(result)).toEqual([['CHECKPOINT_MISMATCH', 'consent-releases', undefined]]);
      expect(result.problems[0]?.path).toBe(MANIFEST_FILE);
      expect(result.signed).toBe(true);
    });

    it('re-signed with an attacker key passes alone but is TRUNCATED against the earlier checkpoint', () => {
      const exp = truncated();
      exp.manifest.publicKeyPem = attackerKeys.publicKeyPem;
      exp.manifest.checkpoint = signedCheckpoint(exp.manifest.chains, attackerKeys.privateKeyPem, 2);
      const alone = verify(exp);
      expect(alone.ok).toBe(true);
      expect(alone.publicKeyId).not.toBe(publicKeyId(realKeys.publicKeyPem));
      expect(problems(verify(exp, savedCheckpoint))).toEqual([
        ['KEY_CHANGED', undefined, undefined],
        ['TRUNCATED', 'consent-releases', undefined],
      ]);
    });

    it('re-signed with the manifest checkpoint kept but the key swapped fails the signature', () => {
      const exp = truncated();
      exp.manifest.publicKeyPem = attackerKeys.publicKeyPem;
      expect(problems(verify(exp)).map(([code]) => code)).toEqual(['BAD_SIGNATURE', 'CHECKPOINT_MISMATCH']);
    });
  });

  it('detects a rewritten newest record re-signed by an attacker, naming its file', () => {
    const exp = fresh();
    const last = withdrawals(exp).records[1];
    if (last === undefined) throw new Error('fixture');
    edit(exp, last.path, /contentHash: "[0-9a-f]+"/, `contentHash: "${'e'.repeat(64)}"`);
    last.contentHash = 'e'.repeat(64);
    exp.manifest.publicKeyPem = attackerKeys.publicKeyPem;
    exp.manifest.checkpoint = signedCheckpoint(exp.manifest.chains, attackerKeys.privateKeyPem, 2);
    const result = verify(exp, savedCheckpoint);
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([
      ['HASH_MISMATCH', last.path],
      ['KEY_CHANGED', 'the earlier checkpoint'],
      ['REWRITTEN', last.path],
    ]);
  });

  it('checks against an earlier checkpoint of format 1 (documents only)', () => {
    const documents = pristine.manifest.chains
      .filter((c): c is ExportDocumentChain => c.kind === 'document')
      .map((c) => ({
        document: c.chain.slice('document/'.length),
        count: c.records.length,
        headHash: c.records.at(-1)?.contentHash ?? null,
      }))
      .sort((a, b) => (a.document < b.document ? -1 : 1));
    const payload = JSON.stringify({
      format: 'candor-checkpoint/1',
      sequence: 1,
      issuedAt: '2024-12-01T00:00:00.000Z',
      chains: documents,
    });
    const v1 = { payload, signature: signCheckpoint(payload, realKeys.privateKeyPem) };
    expect(verify(fresh(), v1).problems).toEqual([]);
    const cut = fresh();
    const removed = terms(cut).records.pop();
    cut.files.delete(removed?.path as string);
    expect(problems(verify(cut, v1))).toEqual([
      ['UNKNOWN_RECORD', 'withdrawals', 'withdrawal of terms-of-service v3'],
      ['CHECKPOINT_MISMATCH', 'document/terms-of-service', undefined],
      ['TRUNCATED', 'document/terms-of-service', undefined],
    ]);
  });

  it('detects a removed chain against both checkpoints', () => {
    const exp = fresh();
    const index = exp.manifest.chains.findIndex((c) => c.chain === 'document/privacy-statement');
    const [removed] = exp.manifest.chains.splice(index, 1);
    for (const r of removed?.records ?? []) exp.files.delete(r.path);
    expect(problems(verify(exp, savedCheckpoint))).toEqual([
      ['CHECKPOINT_MISMATCH', 'document/privacy-statement', undefined],
      ['CHAIN_MISSING', 'document/privacy-statement', undefined],
    ]);
  });

  it('reports a damaged signature or checkpoint', () => {
    const exp = fresh();
    const checkpoint = exp.manifest.checkpoint as { payload: string; signature: string };
    exp.manifest.checkpoint = { ...checkpoint, signature: signCheckpoint('other', realKeys.privateKeyPem) };
    expect(problems(verify(exp))).toEqual([['BAD_SIGNATURE', undefined, undefined]]);
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
    const result = verifyExport({ ...pristine.manifest, format: 'candor-export/9' }, read, () => []);
    expect(result).toMatchObject({ ok: false, recordsChecked: { versions: 0 } });
    expect(result.problems).toEqual([
      {
        code: 'BAD_MANIFEST',
        path: MANIFEST_FILE,
        message: 'format: must be "candor-export/3" (or "candor-export/2", "candor-export/1" from earlier releases).',
      },
    ]);
  });
});
