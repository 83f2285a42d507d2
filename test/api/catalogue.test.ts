import { openDatabase } from '@candor/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
import { useTestApi } from '../helpers/testkit.js';

// The public catalogue is kept in memory per process and checked against one number the database
// raises itself (packages/schema/src/schema/catalogue.ts). These tests write behind the API's back,
// through a second client as another process would, and check what the next request sees.
const api = useTestApi();
let other: Awaited<ReturnType<typeof openDatabase>> | undefined;
afterAll(async () => other?.close());

/** Another client of the same database: another API instance, the CLI, or a person with psql. */
async function otherClient() {
  other ??= await openDatabase({ url: api.current.database.url });
  return other.prisma;
}

async function generation(): Promise<number> {
  const rows = await api.current.database.prisma.$queryRawUnsafe<{ value: number | bigint }[]>(
    'SELECT "value" FROM "CatalogueGeneration" WHERE "id" = 1',
  );
  return Number(rows[0]?.value);
}

const TERMS = `{ document(slug: "terms-of-service") {
  upcoming { label }
  versions(first: 100) { edges { node { label timing } } }
} }`;
interface TermsAnswer {
  document: { upcoming: { label: string }[]; versions: { edges: { node: { label: string; timing: string } }[] } };
}

describe('the public catalogue follows the database', () => {
  it('sees a withdrawal written by another client on the very next request', async () => {
    const before = await api.current.execute<TermsAnswer>(TERMS);
    const upcoming = before.document.upcoming[0]?.label;
    expect(upcoming).toBeDefined();
    const prisma = await otherClient();
    const version = await prisma.version.findFirstOrThrow({
      where: { label: upcoming, document: { slug: 'terms-of-service' } },
    });
    await prisma.withdrawal.create({
      data: { versionId: version.id, withdrawnAt: TEST_NOW, reason: 'Withdrawn by hand for the test' },
    });
    const after = await api.current.execute<TermsAnswer>(TERMS);
    expect(after.document.upcoming.map((entry) => entry.label)).not.toContain(upcoming);
    expect(after.document.versions.edges.find((edge) => edge.node.label === upcoming)?.node.timing).toBe('WITHDRAWN');
  });

  it('does not move for drafts, and moves once a version is published', async () => {
    const prisma = await otherClient();
    const document = await prisma.document.findUniqueOrThrow({ where: { slug: 'privacy-statement' } });
    const start = await generation();
    const draft = await prisma.version.create({
      data: { documentId: document.id, label: 'catalogue-draft', changeNote: 'A draft' },
    });
    await prisma.version.update({ where: { id: draft.id }, data: { changeNote: 'An edited draft' } });
    expect(await generation()).toBe(start);
    await prisma.version.update({
      where: { id: draft.id },
      data: {
        status: 'PUBLISHED',
        publishedAt: new Date(TEST_NOW.getTime() + 86_400_000),
        effectiveAt: new Date(TEST_NOW.getTime() + 10 * 86_400_000),
        contentHash: 'a'.repeat(64),
        // Malformed on purpose: integrity.verify must report it, not fail (last test).
        previousHash: 'not-a-hash',
      },
    });
    expect(await generation()).toBe(start + 1);
  });

  it('shows a version published for a later time once the clock reaches it, with no write', async () => {
    const labels = async () => {
      const answer = await api.current.execute<{ document: { versions: { edges: { node: { label: string } }[] } } }>(
        '{ document(slug: "privacy-statement") { versions(first: 100) { edges { node { label } } } } }',
      );
      return answer.document.versions.edges.map((edge) => edge.node.label);
    };
    // Published by the previous test one day after TEST_NOW.
    expect(await labels()).not.toContain('catalogue-draft');
    api.current.setNow(new Date(TEST_NOW.getTime() + 2 * 86_400_000));
    try {
      expect(await labels()).toContain('catalogue-draft');
    } finally {
      api.current.setNow(TEST_NOW);
    }
  });

  it('does not make integrity.verify trust memory: a clause rewritten in the database is reported', async () => {
    const verify = '{ integrity { verify { ok problems { chain record code message } } } }';
    const labelsWithProblems = async () =>
      (
        await api.current.execute<{ integrity: { verify: { problems: { record: string | null }[] } } }>(verify)
      ).integrity.verify.problems.map((problem) => problem.record);
    // Read every published clause into the process's caches first.
    await api.current.execute(
      '{ document(slug: "terms-of-service") { versions(first: 20) { edges { node { clauses { body } } } } } }',
    );
    // Only the hand-made records of the tests above have problems: the version's hashes are made
    // up, and its malformed previousHash is a finding that names the reason, not a server error;
    // the withdrawal written by hand is in no chain; and the privacy statement now has a version
    // the latest checkpoint does not cover (ADDED, a finding about the chain, with no record).
    expect(await labelsWithProblems()).toEqual([
      'catalogue-draft',
      'catalogue-draft',
      'withdrawal of terms-of-service next',
      null,
    ]);
    const { integrity } = await api.current.execute<{ integrity: { verify: { problems: { message: string }[] } } }>(
      verify,
    );
    expect(integrity.verify.problems[0]?.message).toContain('previousHash must be 64 lowercase hexadecimal digits');
    const prisma = await otherClient();
    const clause = await prisma.clause.findFirstOrThrow({
      where: { version: { status: 'PUBLISHED', document: { slug: 'terms-of-service' } } },
      include: { version: { select: { label: true } } },
    });
    // Tampering needs the immutability triggers out of the way, as an attacker with the database would.
    const sqlite = api.current.database.url.startsWith('file:');
    await prisma.$executeRawUnsafe(
      sqlite
        ? 'DROP TRIGGER "clause_published_no_update"'
        : 'ALTER TABLE "Clause" DISABLE TRIGGER "clause_published_immutable"',
    );
    await prisma.$executeRawUnsafe('UPDATE "Clause" SET "body" = $1 WHERE "id" = $2', 'Rewritten.', clause.id);
    expect(await labelsWithProblems()).toContain(clause.version.label);
  });
});
