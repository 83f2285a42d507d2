import { describe, expect, it } from 'vitest';
import type { ExportDocumentChain } from './export-manifest.js';
import { verifyExport, verifyVersionAgainstManifest } from './export-verify.js';
import { settleCrypto } from './hash.js';
import { attackerKeys, buildTestExport, signedCheckpoint } from './testing/export-fixture.js';
import { parseVersionMarkdown, toCanonicalVersionInput } from './version-markdown.js';

const pristine = buildTestExport();
const manifest = () => JSON.parse(JSON.stringify(pristine.manifest));
const chain = pristine.manifest.chains.find((c) => c.kind === 'document') as ExportDocumentChain;
const slug = chain.chain.slice('document/'.length);

/** A version of the export as a reader holds it (its JSON download carries the same fields). */
function held(index: number) {
  const entry = chain.records[index];
  if (entry === undefined) throw new Error('no such version');
  const version = parseVersionMarkdown(pristine.files.get(entry.path) ?? '');
  const { document: _document, ...input } = toCanonicalVersionInput(version);
  return { ...input, contentHash: entry.contentHash };
}

describe('verifyVersionAgainstManifest', () => {
  it('passes every version of a genuine export, signed by its key', () => {
    chain.records.forEach((_, index) => {
      const result = verifyVersionAgainstManifest(manifest(), slug, held(index));
      expect(result.problems).toEqual([]);
      expect(result).toMatchObject({ ok: true, signed: true, path: chain.records[index]?.path });
    });
  });

  it('names an edited version HASH_MISMATCH with the wording verifyExport uses for the same file', () => {
    const version = held(0);
    const edited = { ...version, clauses: version.clauses.map((c, i) => (i === 0 ? { ...c, body: `${c.body}!` } : c)) };
    const alone = verifyVersionAgainstManifest(manifest(), slug, edited);
    expect(alone.ok).toBe(false);
    expect(alone.problems.map((p) => p.code)).toEqual(['HASH_MISMATCH']);

    // The same edit inside the export: verifyExport reports the same problem (and that the file was edited).
    const entry = chain.records[0];
    if (entry === undefined) throw new Error('no version');
    const files = new Map(pristine.files);
    const text = files.get(entry.path) ?? '';
    const body = version.clauses[0]?.body ?? '';
    files.set(entry.path, text.replace(body, `${body}!`));
    const whole = verifyExport(
      manifest(),
      (path) => files.get(path) ?? null,
      () => [...files.keys()],
    );
    const hashProblem = whole.problems.find((p) => p.code === 'HASH_MISMATCH');
    expect(hashProblem?.message).toBe(alone.problems[0]?.message);
  });

  it('reports a version the manifest does not list, a broken link and a checkpoint signed by another key', () => {
    expect(verifyVersionAgainstManifest(manifest(), slug, { ...held(0), label: 'nope' }).problems[0]?.code).toBe(
      'UNKNOWN_RECORD',
    );
    if (chain.records.length > 1) {
      const relinked = verifyVersionAgainstManifest(manifest(), slug, { ...held(1), previousHash: 'f'.repeat(64) });
      expect(relinked.problems.map((p) => p.code)).toContain('BROKEN_LINK');
    }
    const forged = manifest();
    const resigned = signedCheckpoint(pristine.manifest.chains, attackerKeys.privateKeyPem);
    forged.checkpoint = { ...resigned };
    const result = verifyVersionAgainstManifest(forged, slug, held(0));
    expect(result.problems.map((p) => p.code)).toEqual(['BAD_SIGNATURE']);
  });

  it('settles at once in Node', async () => {
    await expect(settleCrypto(() => verifyVersionAgainstManifest(manifest(), slug, held(0)).ok)).resolves.toBe(true);
  });
});
