/**
 * The downloads of the built site (/downloads/, apps/site/src/lib/downloads.ts): every published
 * hash is the SHA-256 of its file's bytes (on the page and in its `.sha256`, which `sha256sum -c`
 * accepts); the archive unpacks to the layout of `candor export` and the export verifier (the
 * domain's verifyExport, what `candor verify --export` runs) says OK on it; the CSVs have the
 * documented headers and one row per statistic or fact the database publishes; the version JSON
 * files do not depend on when they were rendered; and the hash recipe /verify/ documents works
 * with jq, sha256sum, base64 and openssl on the downloaded files.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CandorYoga } from '@candor/api';
import type { Database } from '@candor/schema';
import { verifyExport } from '@candor/schema/domain';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DownloadsKit, loadDownloadsKit } from './downloads-kit.js';
import { openSiteApi, readSiteFile, siteFiles } from './site-files.js';

const root = inject('siteDirectory');
let api: { database: Database; yoga: CandorYoga };
let work: string;
let kit: DownloadsKit;

beforeAll(async () => {
  api = await openSiteApi();
  kit = await loadDownloadsKit();
  work = mkdtempSync(join(tmpdir(), 'candor-downloads-'));
});

afterAll(async () => {
  await api?.database.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

async function query<T>(source: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await api.yoga.fetch('http://site.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: source, variables }),
  });
  const result = (await response.json()) as { data?: T; errors?: unknown };
  if (result.data === undefined || result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const bytesOf = (file: string): Buffer => readFileSync(join(root, file));
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The downloads /downloads/ lists: name, link and the hash it shows. */
function listed(): { name: string; href: string; sha256: string; size: number }[] {
  const html = readSiteFile(root, '/downloads/index.html');
  return [...html.matchAll(/<li[^>]*data-download="([^"]+)"[\s\S]*?<\/li>/g)].map((match) => {
    const item = match[0];
    return {
      name: match[1] ?? '',
      href: /<a href="([^"]+)"/.exec(item)?.[1] ?? '',
      sha256: /data-download-sha256[^>]*>([0-9a-f]{64})</.exec(item)?.[1] ?? '',
      size: Number(/data-download-size="(\d+)"/.exec(item)?.[1]),
    };
  });
}

const csvRows = (text: string): string[][] =>
  text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('downloads', () => {
  it('lists the archive, its manifest and the two CSVs, each hash the SHA-256 of its bytes, on the page and in its .sha256', () => {
    const downloads = listed();
    expect(downloads.map((d) => d.name.replace(/^[^-]+(-[^-]+)*?-(archive|manifest|consent|ai)/, '$2'))).toHaveLength(
      4,
    );
    expect(downloads.some((d) => d.name.endsWith('-archive.tar.gz'))).toBe(true);
    expect(downloads.some((d) => d.name.endsWith('-consent-statistics.csv'))).toBe(true);
    expect(downloads.some((d) => d.name.endsWith('-ai-feature-facts.csv'))).toBe(true);
    for (const download of downloads) {
      const bytes = bytesOf(download.href);
      expect(download.sha256).toBe(sha256(bytes));
      expect(download.size).toBe(bytes.length);
      const line = readSiteFile(root, `${download.href}.sha256`);
      expect(line).toBe(`${download.sha256}  ${download.name}\n`);
      // sha256sum -c, as /downloads/ tells readers to run it.
      copyFileSync(join(root, download.href), join(work, download.name));
      writeFileSync(join(work, `${download.name}.sha256`), line);
      expect(execFileSync('sha256sum', ['-c', `${download.name}.sha256`], { cwd: work, encoding: 'utf8' })).toBe(
        `${download.name}: OK\n`,
      );
    }
  });

  it('publishes an archive that unpacks to the export layout, which the export verifier says is OK', () => {
    const archive = listed().find((d) => d.name.endsWith('.tar.gz'));
    if (archive === undefined) throw new Error('no archive');
    const { root: folder, files } = kit.exportFromTar(kit.readTar(gunzipSync(bytesOf(archive.href))));
    expect(folder).toBe(archive.name.replace(/\.tar\.gz$/, ''));
    expect(files.has('manifest.json')).toBe(true);
    expect(files.has('README.md')).toBe(true);
    const manifest = JSON.parse(files.get('manifest.json') ?? '');
    const result = verifyExport(
      manifest,
      (path) => files.get(path) ?? null,
      () => [...files.keys()],
    );
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.signed).toBe(true);
    expect(result.recordsChecked.versions).toBeGreaterThan(0);
    // GNU tar unpacks it to the same files.
    execFileSync('tar', ['-xzf', join(root, archive.href), '-C', work]);
    expect(readFileSync(join(work, folder, 'manifest.json'), 'utf8')).toBe(files.get('manifest.json'));
    // The manifest download is the archive's manifest.
    const manifestDownload = listed().find((d) => d.name.endsWith('-manifest.json'));
    expect(bytesOf(manifestDownload?.href ?? '').toString('utf8')).toBe(files.get('manifest.json'));
  });

  it('publishes the consent statistics CSV: the documented header, one row per published month, suppressed cells empty', async () => {
    const text = bytesOf(listed().find((d) => d.name.endsWith('-consent-statistics.csv'))?.href ?? '').toString('utf8');
    const [header, ...rows] = csvRows(text);
    expect(header).toEqual(kit.CONSENT_CSV_HEADER);
    const data = await query<{ consentStatistics: { rows: { accountsEligible: { suppressed: boolean } }[] } }>(
      'query($from: Month!, $to: Month!) { consentStatistics(from: $from, to: $to) { rows { accountsEligible { suppressed } } } }',
      { from: '1970-01', to: '2069-12' },
    );
    expect(rows).toHaveLength(data.consentStatistics.rows.length);
    const value = header?.indexOf('accounts_eligible') ?? -1;
    const status = header?.indexOf('accounts_eligible_status') ?? -1;
    const suppressed = rows.filter((row) => row[status] === 'suppressed');
    expect(suppressed.length).toBe(data.consentStatistics.rows.filter((r) => r.accountsEligible.suppressed).length);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const row of suppressed) expect(row[value]).toBe('');
  });

  it('publishes the AI-feature facts CSV: one row per feature × segment × revision', async () => {
    const text = bytesOf(listed().find((d) => d.name.endsWith('-ai-feature-facts.csv'))?.href ?? '').toString('utf8');
    const header = text.slice(0, text.indexOf('\r\n')).split(',');
    expect(header).toEqual(kit.FACTS_CSV_HEADER);
    const data = await query<{ aiFeatures: { revisions: { edges: { node: { facts: unknown[] } }[] } }[] }>(
      '{ aiFeatures { revisions(first: 100) { edges { node { facts { segment { key } } } } } } }',
    );
    const expected = data.aiFeatures.flatMap((f) => f.revisions.edges.flatMap((e) => e.node.facts)).length;
    // Rows start with a feature slug; fields with line breaks are quoted, so count record starts.
    const records = text.split('\r\n').filter((line) => line !== '').length - 1;
    expect(records).toBeGreaterThanOrEqual(expected);
    const starts = [...text.matchAll(/\r\n(?=[a-z0-9-]+,)/g)].length;
    expect(starts).toBe(expected);
  });
});

describe('version JSON', () => {
  const jsonFiles = () => siteFiles(root).filter((file) => /^\/documents\/[^/]+\/[^/]+\.json$/.test(file));

  it('is the same bytes rendered at another instant: no field depends on the build’s clock', () => {
    expect(jsonFiles().length).toBeGreaterThan(0);
    for (const file of jsonFiles()) {
      const text = readSiteFile(root, file);
      const data = JSON.parse(text);
      expect(data).not.toHaveProperty('timing');
      const { organization, document, explanations, previous, next, clauses, changes, ...rest } = data;
      // The same version as the site holds it, rendered again as if built years later (it is superseded by then).
      const again = kit.versionJson(
        { ...organization, dataAsOf: new Date('2031-01-01T00:00:00Z') },
        {
          ...rest,
          document: document.slug,
          documentTitle: document.title,
          timing: 'SUPERSEDED',
          previousLabel: previous?.label ?? null,
          nextLabel: next?.label ?? null,
          explanations: explanations.map(({ segment, ...e }: { segment: { key: string } }) => ({
            segment: segment.key,
            ...e,
          })),
          clauses: clauses.map((clause: object) => ({ ...clause, anchor: 'x' })),
          changes: changes === null ? null : { ...changes, fromLabel: changes.from?.label ?? null, from: undefined },
        },
        document.title,
      );
      expect(again, file).toBe(text);
    }
  });

  it('checks out against the published manifest, and fails when one byte of it changes', () => {
    const manifestFile = listed().find((d) => d.name.endsWith('-manifest.json'))?.href ?? '';
    const manifest = JSON.parse(readSiteFile(root, manifestFile));
    const file = jsonFiles()[0] ?? '';
    const text = readSiteFile(root, file);
    const report = kit.verifyVersionJson(text, manifest);
    expect(report.problems).toEqual([]);
    expect(report.lines.at(-1)).toBe('result: OK');
    const edited = text.replace(/"body": "(.)/, (_, first: string) => `"body": "${first === 'X' ? 'Y' : 'X'}`);
    expect(edited).not.toBe(text);
    const failed = kit.verifyVersionJson(edited, manifest);
    expect(failed.ok).toBe(false);
    expect(failed.problems.map((p) => p.code)).toContain('HASH_MISMATCH');
  });
});

describe('the hash recipe on /verify/', () => {
  const commands = () => {
    const html = readSiteFile(root, '/verify/index.html');
    const decode = (text: string) =>
      text
        .replaceAll('&quot;', '"')
        .replaceAll('&#39;', "'")
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&');
    const command = (name: string) =>
      decode(new RegExp(`data-recipe-command="${name}"[^>]*>([\\s\\S]*?)</code>`).exec(html)?.[1] ?? '');
    const links = [...html.matchAll(/<a href="([^"]+)" download="([^"]+)"/g)].map((m) => ({
      href: m[1] ?? '',
      name: m[2] ?? '',
    }));
    const hash = /data-recipe-hash[^>]*>([0-9a-f]{64})</.exec(html)?.[1] ?? '';
    return {
      hashVersion: command('hash-version'),
      chainLinks: command('chain-links'),
      checkpoint: command('checkpoint'),
      links,
      hash,
    };
  };

  it('works as written: jq + sha256sum give the content hash, openssl verifies the checkpoint', () => {
    const recipe = commands();
    expect(recipe.hashVersion).toContain('sha256sum');
    const folder = mkdtempSync(join(work, 'recipe-'));
    for (const link of recipe.links) copyFileSync(join(root, decodeURIComponent(link.href)), join(folder, link.name));
    const run = (script: string) =>
      execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: folder, encoding: 'utf8' });
    expect(run(recipe.hashVersion)).toBe(`${recipe.hash}  -\n`);
    expect(run(recipe.chainLinks)).toContain(`hash ${recipe.hash}`);
    const checkpoint = run(recipe.checkpoint);
    expect(checkpoint).toContain('Signature Verified Successfully');
    expect(checkpoint).toContain('"headHash"');
  });
});
