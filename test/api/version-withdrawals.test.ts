/**
 * Issue 12, first diff story: a withdrawn version is never what a later one is compared with.
 * V1 is in force; V2, scheduled, rewrites the AI-training clause; V2 is withdrawn. A V3 published
 * afterwards is compared with V1 (not with the withdrawn text, which would show a three-word
 * diff), and a V3 that was already scheduled on top of V2 is compared again with V1, saying why.
 * The withdrawal itself is a chained, checkpointed public record.
 */
import { createLogger } from '@candor/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { asToken, type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { VERIFY, type VerifyData } from '../helpers/publish-fixtures.js';
import { through, useInstance } from '../helpers/shared-state.js';
import { useTestApi } from '../helpers/testkit.js';
import {
  approvedVersion,
  changesOf,
  createDocument,
  DAY,
  type DraftClause,
  edit,
  oldTextOf,
  published,
  withdraw,
} from '../helpers/version-stories.js';

const api = useTestApi();
let tokens: EditorTokens;

const at = (days: number) => new Date(TEST_NOW.getTime() + days * DAY);

/**
 * A second instance over the same database whose publications pause inside their transaction
 * (after the version's first write), logging 'publish transaction open' when they do.
 */
const logLines: string[] = [];
let slowClock = TEST_NOW;
const slow = useInstance(
  api,
  { CANDOR_FAULT_PUBLISH_PAUSE_MS: 2_000 },
  { clock: () => slowClock, logger: createLogger('info', (line) => logLines.push(line)) },
);

const V1_TRAINING =
  'Northwind does not use Customer Content to train artificial intelligence models. Aggregated usage statistics may improve the Services.';
const V2_TRAINING =
  'Northwind may use Customer Content to train its own artificial intelligence models unless the Account Owner opts out in the account settings.';
/** V3's rewrite differs from the withdrawn V2 by three words only. */
const V3_TRAINING =
  'Northwind may use Customer Content to train its own artificial intelligence models only if the Account Owner opts in in the account settings.';

const V1: DraftClause[] = [
  { key: '10.1', heading: 'Customer Content', body: 'You own your content. We use it only to provide the Services.' },
  { key: '10.4', heading: 'Machine Learning', body: V1_TRAINING },
  { key: '10.8', heading: 'Retention', body: 'Inputs of AI Output are deleted within 30 days.' },
];

async function verify() {
  return (await api.current.execute<VerifyData>(VERIFY)).integrity.verify;
}

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

describe('withdraw, then publish: the diff is against the version in force', () => {
  const doc = 'withdraw-then-publish';
  let v2: string;

  it('sets the scene: V1 in force, V2 scheduled with a rewrite of the AI-training clause', async () => {
    await createDocument(api.current.database.prisma, doc);
    api.current.setNow(TEST_NOW);
    await published(api.current, tokens, {
      document: doc,
      label: '2025-03',
      clauses: V1,
      material: false,
      effectiveAt: TEST_NOW,
    });
    api.current.setNow(at(1));
    v2 = (
      await published(api.current, tokens, {
        document: doc,
        label: '2026-07',
        clauses: edit(V1, '10.4', { body: V2_TRAINING }),
        material: true,
        effectiveAt: at(45),
      })
    ).id;
  });

  it('withdraws V2 with a checkpoint, as a record of the withdrawals chain', async () => {
    const before = await verify();
    const withdrawalsBefore = before.chains.find((c) => c.chain === 'withdrawals')?.count ?? 0;
    api.current.setNow(at(2));
    const outcome = await withdraw(api.current, tokens, v2, 'The opt-out was not approved by the privacy team.');
    expect(outcome.error).toBeNull();
    expect(outcome.checkpointSequence).toBe((before.checkpointSequence ?? 0) + 1);
    expect(outcome.rebased).toEqual([]);

    const after = await verify();
    expect(after.ok).toBe(true);
    expect(after.problems).toEqual([]);
    expect(after.checkpointSequence).toBe(outcome.checkpointSequence);
    expect(after.chains.find((c) => c.chain === 'withdrawals')?.count).toBe(withdrawalsBefore + 1);

    const data = await api.current.execute<{
      document: {
        version: { timing: string; withdrawal: { reason: string; contentHash: string; previousHash: string | null } };
      };
      integrity: { verify: { chains: { chain: string; headHash: string | null }[] } };
    }>(
      `{ document(slug: "${doc}") { version(label: "2026-07") { timing withdrawal { reason contentHash previousHash } } }
         integrity { verify { chains { chain headHash } } } }`,
    );
    expect(data.document.version.timing).toBe('WITHDRAWN');
    expect(data.document.version.withdrawal.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The newest withdrawal is the head of the withdrawals chain.
    expect(data.integrity.verify.chains.find((c) => c.chain === 'withdrawals')?.headHash).toBe(
      data.document.version.withdrawal.contentHash,
    );
    const stored = await api.current.database.prisma.withdrawal.findUniqueOrThrow({ where: { versionId: v2 } });
    expect(data.document.version.withdrawal.previousHash).toBe(stored.previousHash);
  });

  it('compares V3, published after the withdrawal, with V1 — the whole rewrite, not three words', async () => {
    api.current.setNow(at(3));
    await published(api.current, tokens, {
      document: doc,
      label: '2026-08',
      clauses: edit(V1, '10.4', { body: V3_TRAINING }),
      material: true,
      effectiveAt: at(50),
    });
    const v3 = await changesOf(api.current, doc, '2026-08');
    expect(v3.changes?.from?.label).toBe('2025-03');
    expect(v3.changes?.rebased).toBe(false);
    expect(v3.changes?.reason).toBeNull();
    expect(v3.previous?.label).toBe('2025-03');
    const training = v3.changes?.changes.find((c) => c.key === '10.4');
    expect(training?.kind).toBe('MODIFIED');
    expect(oldTextOf(training?.bodyDiff ?? null)).toBe(V1_TRAINING);
    expect(v3.changes?.summary).toMatchObject({ modified: 1, added: 0, removed: 0 });
    // V1 is followed by V3 in the timeline; the withdrawn V2 follows nothing and nothing follows it.
    expect((await changesOf(api.current, doc, '2025-03')).next?.label).toBe('2026-08');
    expect((await changesOf(api.current, doc, '2026-07')).next).toBeNull();
    expect((await verify()).ok).toBe(true);
  });
});

describe('a version scheduled on top of a withdrawn one is compared again', () => {
  const doc = 'scheduled-on-top';
  let v2: string;

  it('sets the scene: V1 in force, V2 scheduled, V3 scheduled after it and built on its text', async () => {
    await createDocument(api.current.database.prisma, doc);
    api.current.setNow(at(4));
    await published(api.current, tokens, {
      document: doc,
      label: '2025-03',
      clauses: V1,
      material: false,
      effectiveAt: at(4),
    });
    api.current.setNow(at(5));
    const v2Clauses = edit(V1, '10.4', { body: V2_TRAINING });
    v2 = (
      await published(api.current, tokens, {
        document: doc,
        label: '2026-07',
        clauses: v2Clauses,
        material: true,
        effectiveAt: at(45),
      })
    ).id;
    api.current.setNow(at(6));
    await published(api.current, tokens, {
      document: doc,
      label: '2026-09',
      clauses: edit(v2Clauses, '10.8', { body: 'Inputs of AI Output are deleted within 7 days.' }),
      material: true,
      effectiveAt: at(90),
    });
    const v3 = await changesOf(api.current, doc, '2026-09');
    expect(v3.changes?.from?.label).toBe('2026-07');
    expect(v3.changes?.changes.map((c) => c.key)).toEqual(['10.8']);
  });

  it('withdrawing V2 rebases V3 onto V1 in the same write, and V3’s changes say so', async () => {
    const rebasesBefore = await api.current.database.prisma.changeRebase.count();
    api.current.setNow(at(7));
    const outcome = await withdraw(api.current, tokens, v2, 'Replaced by a later version.');
    expect(outcome.error).toBeNull();
    expect(outcome.rebased).toEqual(['2026-09']);
    expect(outcome.checkpointSequence).not.toBeNull();
    expect(await api.current.database.prisma.changeRebase.count()).toBe(rebasesBefore + 1);

    const v3 = await changesOf(api.current, doc, '2026-09');
    expect(v3.timing).toBe('UPCOMING');
    expect(v3.changes?.from?.label).toBe('2025-03');
    expect(v3.changes?.rebased).toBe(true);
    expect(v3.changes?.reason).toBe(
      'Compared with 2025-03 because 2026-07, which was to take effect before it, was withdrawn on 8 June 2026.',
    );
    expect(v3.changes?.comparedAt).toBe(at(7).toISOString());
    // Against V1, V3 now shows both the AI-training rewrite it carries and its own retention change.
    expect(v3.changes?.changes.map((c) => c.key).sort()).toEqual(['10.4', '10.8']);
    expect(oldTextOf(v3.changes?.changes.find((c) => c.key === '10.4')?.bodyDiff ?? null)).toBe(V1_TRAINING);
    expect(v3.previous?.label).toBe('2025-03');
    expect((await changesOf(api.current, doc, '2025-03')).next?.label).toBe('2026-09');

    // The changelog stored at publication is untouched (append-only); the rebase is a new row.
    const stored = await api.current.database.prisma.version.findFirstOrThrow({
      where: { label: '2026-09', document: { slug: doc } },
      include: { changelog: true, rebases: true },
    });
    expect(stored.changelog?.fromVersionId).toBe(v2);
    expect(stored.rebases).toHaveLength(1);

    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.checkpointSequence).toBe(outcome.checkpointSequence);
  });

  it('refuses a second withdrawal and one of a version in effect, writing nothing', async () => {
    const before = await api.current.database.prisma.withdrawal.count();
    const again = await withdraw(api.current, tokens, v2, 'again');
    expect(again.error?.code).toBe('INVALID_STATE');
    const v1 = await api.current.database.prisma.version.findFirstOrThrow({
      where: { label: '2025-03', document: { slug: doc } },
    });
    const late = await withdraw(api.current, tokens, v1.id, 'too late');
    expect(late.error?.code).toBe('ALREADY_IN_EFFECT');
    expect(late.checkpointSequence).toBeNull();
    expect(await api.current.database.prisma.withdrawal.count()).toBe(before);
  });

  it('the rebase of a version in effect stays what readers saw on that day', async () => {
    api.current.setNow(at(95));
    try {
      const v3 = await changesOf(api.current, doc, '2026-09');
      expect(v3.timing).toBe('IN_FORCE');
      expect(v3.changes?.from?.label).toBe('2025-03');
      expect(v3.changes?.rebased).toBe(true);
    } finally {
      api.current.setNow(at(7));
    }
  });
});

describe('a withdrawal racing a publication of the same document', () => {
  const doc = 'withdrawal-race';

  it('waits for the publication and rebases it, so neither decides from a history without the other', async () => {
    await createDocument(api.current.database.prisma, doc);
    api.current.setNow(at(10));
    await published(api.current, tokens, {
      document: doc,
      label: '2025-03',
      clauses: V1,
      material: false,
      effectiveAt: at(10),
    });
    api.current.setNow(at(11));
    const v2Clauses = edit(V1, '10.4', { body: V2_TRAINING });
    const w = await published(api.current, tokens, {
      document: doc,
      label: '2026-07',
      clauses: v2Clauses,
      material: true,
      effectiveAt: at(50),
    });
    const n = await approvedVersion(api.current, tokens, {
      document: doc,
      label: '2026-09',
      clauses: edit(v2Clauses, '10.8', { body: 'Inputs of AI Output are deleted within 7 days.' }),
      material: true,
    });

    // The publication of N, built on W, holds its transaction open…
    api.current.setNow(at(12));
    slowClock = at(12);
    const from = logLines.length;
    const publishing = asToken<{ publishVersion: { error: unknown; rebased: string[] | null } }>(
      through(api.current, slow.current),
      tokens.publisher,
      `mutation { publishVersion(id: "${n}", effectiveAt: "${at(90).toISOString()}") { rebased error { code message } } }`,
    );
    while (!logLines.slice(from).some((line) => line.includes('publish transaction open'))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // …while W is withdrawn: the withdrawal waits for it, then sees N scheduled on top of W.
    const withdrawal = await withdraw(api.current, tokens, w.id, 'Withdrawn while 2026-09 was being published.');
    const publication = await publishing;
    expect(publication.body.data?.publishVersion).toEqual({ rebased: [], error: null });
    expect(withdrawal.error).toBeNull();
    expect(withdrawal.rebased).toEqual(['2026-09']);

    const changes = await changesOf(api.current, doc, '2026-09');
    expect(changes.changes?.from?.label).toBe('2025-03');
    expect(changes.changes?.rebased).toBe(true);
    expect((await verify()).ok).toBe(true);
  });
});
