import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTar, writeTar } from './tar';

const encoder = new TextEncoder();
const LONG = `archive/${'Ünïcode folder name '.repeat(6)}/${'a very long file name '.repeat(6)}.md`;
const files = [
  { path: 'archive/manifest.json', content: encoder.encode('{"a":1}\n') },
  { path: 'archive/Org/Terms of service/2024-01-01T00-00-00Z.md', content: encoder.encode('# Terms\n'.repeat(100)) },
  { path: LONG, content: encoder.encode('long\n') },
  { path: 'archive/empty.txt', content: new Uint8Array() },
];
const when = new Date('2024-05-06T07:08:09Z');

describe('writeTar / readTar', () => {
  it('reads back every file, long and non-ASCII paths included', () => {
    const read = readTar(writeTar(files, when));
    expect(read.map((f) => f.path)).toEqual(files.map((f) => f.path));
    expect(read.map((f) => new TextDecoder().decode(f.content))).toEqual(
      files.map((f) => new TextDecoder().decode(f.content)),
    );
  });

  it('is the same bytes for the same files and time', () => {
    expect(Buffer.from(writeTar(files, when)).equals(Buffer.from(writeTar(files, when)))).toBe(true);
  });

  it('is an archive GNU tar lists and extracts, with the stated time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-tar-'));
    const archive = join(dir, 'a.tar.gz');
    writeFileSync(archive, gzipSync(writeTar(files, when)));
    const listing = execFileSync('tar', ['-tvzf', archive], { encoding: 'utf8' });
    expect(listing).toContain('2024-05-06');
    execFileSync('tar', ['-xzf', archive, '-C', dir]);
    for (const file of files) expect(readFileSync(join(dir, file.path))).toEqual(Buffer.from(file.content));
  });

  it('refuses bytes that are not tar', () => {
    expect(() => readTar(encoder.encode('not a tar archive at all'.repeat(40)))).toThrow();
  });
});
