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
        contentHash: 'catalogue-test-hash',
        previousHash: 'catalogue-test-previous',
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
});
