/**
 * Issue 12's acceptance, on the site: someone holding the database file drops the triggers and
 * deletes the newest version of the terms; the site rebuilt from that database says so on /verify/.
 * The remaining chain is consistent (the build's own check still passes: a shorter chain is a
 * valid chain), so it is the server's comparison with its latest signed checkpoint that reports
 * TRUNCATED, naming the checkpoint and the chain.
 *
 * A second full build (about half a minute here), from a copy of the site project's database.
 */
import { copyFileSync, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@candor/schema';
import { buildSiteIsolated } from '@candor/site/isolated-build';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scratchDirectory } from '../helpers/providers.js';
import { ARTIFACTS } from './paths.js';
import { siteBuildEnvironment, siteRunDirectory } from './site-build.js';
import { readSiteFile } from './site-files.js';

const TABLES = ['Version', 'Clause', 'Explanation', 'Changelog', 'ChangeRebase', 'Withdrawal'];

let verifyHtml: string;
let deletedLabel: string;
let latestSequence: number;
let cleanup: () => void = () => {};

/** A copy of the site's SQLite database with the newest terms version deleted, triggers dropped first. */
async function tamperedCopy(): Promise<{ url: string; files: string[] }> {
  const source = inject('siteDatabaseUrl').replace(/^file:/, '');
  mkdirSync(scratchDirectory(), { recursive: true });
  const target = join(scratchDirectory(), `site-tampered-${process.pid}.db`);
  const files: string[] = [];
  for (const extension of ['', '-wal', '-shm']) {
    if (existsSync(`${source}${extension}`)) copyFileSync(`${source}${extension}`, `${target}${extension}`);
    files.push(`${target}${extension}`);
  }
  const url = `file:${target}`;
  const database = await openDatabase({ url });
  try {
    const { prisma } = database;
    const newest = await prisma.version.findFirstOrThrow({
      where: { document: { slug: 'terms-of-service' }, status: 'PUBLISHED' },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    });
    deletedLabel = newest.label;
    latestSequence = (await prisma.checkpoint.findFirstOrThrow({ orderBy: { sequence: 'desc' } })).sequence;
    const triggers = await prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT "name" FROM "sqlite_master" WHERE "type" = 'trigger' AND "tbl_name" IN (${TABLES.map((t) => `'${t}'`).join(', ')})`,
    );
    for (const trigger of triggers) await prisma.$executeRawUnsafe(`DROP TRIGGER "${trigger.name}"`);
    const id = newest.id;
    for (const statement of [
      `DELETE FROM "ChangeRebase" WHERE "versionId" = '${id}' OR "fromVersionId" = '${id}'`,
      `DELETE FROM "Withdrawal" WHERE "versionId" = '${id}'`,
      `DELETE FROM "Changelog" WHERE "versionId" = '${id}' OR "fromVersionId" = '${id}'`,
      `DELETE FROM "Clause" WHERE "versionId" = '${id}'`,
      `DELETE FROM "Explanation" WHERE "versionId" = '${id}'`,
      `DELETE FROM "Version" WHERE "id" = '${id}'`,
    ]) {
      await prisma.$executeRawUnsafe(statement);
    }
    await prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await database.close();
  }
  return { url, files };
}

beforeAll(async () => {
  const { url, files } = await tamperedCopy();
  const { runDirectory, remove } = siteRunDirectory('tampered');
  cleanup = () => {
    remove();
    for (const file of files) rmSync(file, { force: true });
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = createWriteStream(join(ARTIFACTS, 'site-build-tampered.log'));
  try {
    const { outDir } = await buildSiteIsolated({
      runDirectory,
      env: siteBuildEnvironment(url, inject('signingKeyPem')),
      log,
    });
    verifyHtml = readSiteFile(outDir, '/verify/index.html');
  } finally {
    await new Promise((done) => log.end(done));
  }
});

afterAll(() => cleanup());

describe('/verify/ rebuilt after the newest version was deleted behind the triggers’ back', () => {
  it('reports TRUNCATED against the latest signed checkpoint, naming it and the chain', () => {
    expect(deletedLabel).toBeTruthy();
    expect(verifyHtml).toContain('data-verification="failed"');
    expect(verifyHtml).toContain('data-server-verification="failed"');
    expect(verifyHtml).toMatch(
      new RegExp(`data-checkpoint-comparison="mismatch"[^>]*data-checkpoint-sequence="${latestSequence}"`),
    );
    const problem = verifyHtml.match(/<li data-problem-code="TRUNCATED"[^>]*>([\s\S]*?)<\/li>/)?.[1] ?? '';
    expect(problem).toContain('document/terms-of-service');
    const row = verifyHtml.match(/<tr data-chain="document\/terms-of-service"[^>]*>/)?.[0] ?? '';
    expect(row).toContain('data-chain-status="problem"');
  });

  it('the build’s own check still passes: the shorter chain is consistent, only the checkpoint shows the cut', () => {
    expect(verifyHtml).toContain('data-build-verification="ok"');
    const start = verifyHtml.indexOf('id="chain-terms-of-service"');
    const termsChain = verifyHtml.slice(start, verifyHtml.indexOf('</table>', start));
    expect(termsChain).toContain('data-version=');
    expect(termsChain).not.toContain(`data-version="${deletedLabel}"`);
  });
});
