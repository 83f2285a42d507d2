/**
 * Every public record under the same guarantee (issue 12), tried the way an attacker with the
 * database would: raw SQL, and raw SQL with the triggers dropped. The database refuses what it
 * can; what it cannot refuse (someone who removes the triggers) the server's own verify reports,
 * comparing the database with its latest signed checkpoint.
 */
import { appendWithdrawal } from '@candor/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { testProvider } from '../helpers/providers.js';
import { VERIFY, type VerifyData } from '../helpers/publish-fixtures.js';
import { createTestApi, type TestApi } from '../helpers/testkit.js';

const provider = testProvider();
let api: TestApi | undefined;

afterEach(async () => {
  await api?.database.destroy();
  api = undefined;
});

async function freshApi(): Promise<TestApi> {
  api = await createTestApi();
  return api;
}

const verify = async (a: TestApi) => (await a.execute<VerifyData>(VERIFY)).integrity.verify;

/** Runs statements with the user triggers of `tables` off, as someone holding the database file could. */
async function withoutTriggers(a: TestApi, tables: readonly string[], statements: readonly string[]) {
  const prisma = a.database.prisma;
  if (provider === 'postgresql') {
    for (const table of tables) await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
    for (const statement of statements) await prisma.$executeRawUnsafe(statement);
    for (const table of tables) await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
    return;
  }
  const triggers = await prisma.$queryRawUnsafe<{ name: string; sql: string }[]>(
    `SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'trigger' AND "tbl_name" IN (${tables.map((t) => `'${t}'`).join(', ')})`,
  );
  for (const trigger of triggers) await prisma.$executeRawUnsafe(`DROP TRIGGER "${trigger.name}"`);
  for (const statement of statements) await prisma.$executeRawUnsafe(statement);
  for (const trigger of triggers) await prisma.$executeRawUnsafe(trigger.sql);
}

async function termsVersion(a: TestApi, label: string) {
  return a.database.prisma.version.findFirstOrThrow({
    where: { label, document: { slug: 'terms-of-service' }, status: 'PUBLISHED' },
  });
}

describe('the sample organisation verifies as seeded', () => {
  it('every chain is whole and matches the latest checkpoint exactly', async () => {
    const a = await freshApi();
    const report = await verify(a);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checkpointSequence).toBeGreaterThan(0);
    const chains = report.chains.map((c) => c.chain);
    expect(chains).toEqual(expect.arrayContaining(['document/terms-of-service', 'withdrawals', 'consent-releases']));
    expect(chains.some((c) => c.startsWith('feature/'))).toBe(true);
  });
});

describe('withdrawals', () => {
  it('the database refuses a raw INSERT that withdraws a version already in force', async () => {
    const a = await freshApi();
    const inForce = await a.database.prisma.version.findFirstOrThrow({
      where: { document: { slug: 'terms-of-service' }, status: 'PUBLISHED', effectiveAt: { lte: new Date() } },
      orderBy: { effectiveAt: 'desc' },
    });
    // Withdrawn "at" its own effective instant, or any time after: already in force, so refused.
    await expect(
      a.database.prisma.$executeRawUnsafe(
        `INSERT INTO "Withdrawal" ("id", "versionId", "withdrawnAt", "reason")
         SELECT 'by-hand', "id", "effectiveAt", 'rewritten history' FROM "Version" WHERE "id" = '${inForce.id}'`,
      ),
    ).rejects.toThrow(/not taken effect|candor/);
    expect(await a.database.prisma.withdrawal.count({ where: { versionId: inForce.id } })).toBe(0);
  });

  it('a withdrawal of a scheduled version inserted by hand is reported by verify', async () => {
    const a = await freshApi();
    const scheduled = await termsVersion(a, 'next');
    await a.database.prisma.$executeRawUnsafe(
      `INSERT INTO "Withdrawal" ("id", "versionId", "withdrawnAt", "reason")
       SELECT 'by-hand', "id", "publishedAt", 'quietly dropped' FROM "Version" WHERE "id" = '${scheduled.id}'`,
    );
    const report = await verify(a);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ chain: 'withdrawals', code: 'UNCHAINED' })]),
    );
  });
});

describe('with the triggers dropped', () => {
  it('deleting the newest version of a chain is reported TRUNCATED against the latest checkpoint', async () => {
    const a = await freshApi();
    const newest = await a.database.prisma.version.findFirstOrThrow({
      where: { document: { slug: 'terms-of-service' }, status: 'PUBLISHED' },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    });
    const id = newest.id;
    await withoutTriggers(
      a,
      ['Version', 'Clause', 'Explanation', 'Changelog', 'ChangeRebase', 'Withdrawal'],
      [
        `DELETE FROM "ChangeRebase" WHERE "versionId" = '${id}' OR "fromVersionId" = '${id}'`,
        `DELETE FROM "Withdrawal" WHERE "versionId" = '${id}'`,
        `DELETE FROM "Changelog" WHERE "versionId" = '${id}' OR "fromVersionId" = '${id}'`,
        `DELETE FROM "Clause" WHERE "versionId" = '${id}'`,
        `DELETE FROM "Explanation" WHERE "versionId" = '${id}'`,
        `DELETE FROM "Version" WHERE "id" = '${id}'`,
      ],
    );
    const report = await verify(a);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ chain: 'document/terms-of-service', code: 'TRUNCATED' })]),
    );
    // The chain itself is consistent: only the checkpoint shows the cut.
    expect(report.problems.filter((p) => p.chain === 'document/terms-of-service').map((p) => p.code)).toEqual([
      'TRUNCATED',
    ]);
  });

  it('editing a published AI-facts revision or a released consent figure breaks its chain', async () => {
    const a = await freshApi();
    await withoutTriggers(
      a,
      ['AiFeatureFacts', 'ConsentStat'],
      [
        `UPDATE "AiFeatureFacts" SET "trainsFirstPartyModels" = NOT "trainsFirstPartyModels" WHERE "id" = (SELECT MIN("id") FROM "AiFeatureFacts")`,
        `UPDATE "ConsentStat" SET "accountsEligible" = "accountsEligible" + 1000, "ownersUndecided" = "ownersUndecided" + 1000 WHERE "id" = (SELECT MIN("id") FROM "ConsentStat")`,
      ],
    );
    const report = await verify(a);
    const mismatches = report.problems.filter((p) => p.code === 'HASH_MISMATCH').map((p) => p.chain);
    expect(mismatches).toEqual(expect.arrayContaining(['consent-releases']));
    expect(mismatches.some((chain) => chain?.startsWith('feature/'))).toBe(true);
  });

  it('a record appended with a valid link but no checkpoint is reported ADDED', async () => {
    const a = await freshApi();
    const scheduled = await termsVersion(a, 'next');
    // A forger who computes the withdrawal's hash and link correctly still cannot sign a checkpoint.
    await appendWithdrawal(a.database.prisma, {
      kind: 'version',
      id: scheduled.id,
      reason: 'forged with a correct hash',
      editorId: null,
      now: new Date(scheduled.publishedAt?.getTime() ?? 0),
    });
    const report = await verify(a);
    expect(report.problems).toEqual([expect.objectContaining({ chain: 'withdrawals', code: 'ADDED' })]);
  });
});
