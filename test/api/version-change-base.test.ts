/**
 * Issue 12, second diff story: no published change is silently undone. An editorial fix
 * published (effective now) while a material version drafted from older text is scheduled would
 * be put back by it when it takes effect: refused with CONFLICTS_WITH_SCHEDULED and the
 * documented message. When the scheduled version already contains the fix, publishing is allowed
 * and the scheduled version is from then on compared with the fix (a rebase, saying why).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { VERIFY, type VerifyData } from '../helpers/publish-fixtures.js';
import { useTestApi } from '../helpers/testkit.js';
import {
  approvedVersion,
  changesOf,
  createDocument,
  DAY,
  type DraftClause,
  edit,
  publish,
  published,
  withdraw,
} from '../helpers/version-stories.js';

const api = useTestApi();
let tokens: EditorTokens;

const at = (days: number) => new Date(TEST_NOW.getTime() + days * DAY);

const V1: DraftClause[] = [
  { key: '3.2', heading: 'Billing', body: 'Invoices are sent monthly to the the billing contact.' },
  {
    key: '10.4',
    heading: 'Machine Learning',
    body: 'Northwind does not use Customer Content to train artificial intelligence models.',
  },
];
const FIXED_BILLING = 'Invoices are sent monthly to the billing contact.';
const MATERIAL_TRAINING =
  'Northwind may use Customer Content to train its own artificial intelligence models unless the Account Owner opts out.';

async function counts() {
  const { prisma } = api.current.database;
  const [published, checkpoints, changelogs, rebases] = await Promise.all([
    prisma.version.count({ where: { status: 'PUBLISHED' } }),
    prisma.checkpoint.count(),
    prisma.changelog.count(),
    prisma.changeRebase.count(),
  ]);
  return { published, checkpoints, changelogs, rebases };
}

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

describe('an editorial fix that a scheduled version would silently undo', () => {
  const doc = 'out-of-order-fix';
  let scheduledId: string;
  let fixId: string;

  it('sets the scene: V1 in force, a material version drafted from V1 scheduled in 45 days', async () => {
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
    scheduledId = (
      await published(api.current, tokens, {
        document: doc,
        label: '2026-07',
        clauses: edit(V1, '10.4', { body: MATERIAL_TRAINING }),
        material: true,
        effectiveAt: new Date('2026-07-16T00:00:00.000Z'),
      })
    ).id;
  });

  it('refuses the fix effective now with CONFLICTS_WITH_SCHEDULED and the documented message, writing nothing', async () => {
    api.current.setNow(at(2));
    fixId = await approvedVersion(api.current, tokens, {
      document: doc,
      label: '2026-06-fix',
      clauses: edit(V1, '3.2', { body: FIXED_BILLING }),
      material: false,
    });
    const before = await counts();
    const outcome = await publish(api.current, tokens, fixId, at(2));
    expect(outcome.error).toEqual({
      code: 'CONFLICTS_WITH_SCHEDULED',
      field: 'effectiveAt',
      message:
        "Version 2026-06-fix would take effect on 3 June 2026, before version 2026-07, already scheduled to take effect on 16 July 2026 (2026-07-16T00:00:00.000Z), which does not contain its change to clause 3.2: when 2026-07 takes effect it would silently undo that change. Either withdraw 2026-07 and re-issue it on top of the new text, or schedule 2026-06-fix at or after 2026-07's effective date, 16 July 2026 (2026-07-16T00:00:00.000Z).",
    });
    expect(outcome.checkpointSequence).toBeNull();
    expect(await counts()).toEqual(before);
    const draft = await api.current.database.prisma.version.findUniqueOrThrow({ where: { id: fixId } });
    expect(draft.status).toBe('APPROVED');
    const refused = await api.current.database.prisma.auditEvent.findFirst({
      where: { action: 'publishVersion', subjectId: fixId, outcome: 'REFUSED' },
    });
    expect(refused?.errorCode).toBe('CONFLICTS_WITH_SCHEDULED');
  });

  it('takes the first option: withdraw the scheduled version, publish the fix, re-issue on top of it', async () => {
    api.current.setNow(at(3));
    expect((await withdraw(api.current, tokens, scheduledId, 'Re-issued on top of the billing fix.')).error).toBeNull();
    const fix = await publish(api.current, tokens, fixId, at(3));
    expect(fix.error).toBeNull();
    const fixChanges = await changesOf(api.current, doc, '2026-06-fix');
    expect(fixChanges.timing).toBe('IN_FORCE');
    expect(fixChanges.changes?.from?.label).toBe('2025-03');
    expect(fixChanges.changes?.changes.map((c) => [c.key, c.kind])).toEqual([['3.2', 'MODIFIED']]);

    api.current.setNow(at(4));
    await published(api.current, tokens, {
      document: doc,
      label: '2026-07b',
      clauses: edit(edit(V1, '3.2', { body: FIXED_BILLING }), '10.4', { body: MATERIAL_TRAINING }),
      material: true,
      effectiveAt: new Date('2026-07-16T00:00:00.000Z'),
    });
    const reissued = await changesOf(api.current, doc, '2026-07b');
    expect(reissued.changes?.from?.label).toBe('2026-06-fix');
    expect(reissued.changes?.rebased).toBe(false);
    expect(reissued.changes?.changes.map((c) => [c.key, c.kind])).toEqual([['10.4', 'MODIFIED']]);
  });

  it('takes the second option: a fix effective at the scheduled version’s date is compared with it', async () => {
    api.current.setNow(at(5));
    const late = await published(api.current, tokens, {
      document: doc,
      label: '2026-07-fix',
      clauses: edit(edit(V1, '3.2', { body: 'Invoices are sent monthly to the billing contact by email.' }), '10.4', {
        body: MATERIAL_TRAINING,
      }),
      material: false,
      effectiveAt: new Date('2026-07-16T00:00:00.000Z'),
    });
    expect(late.rebased).toEqual([]);
    const changes = await changesOf(api.current, doc, '2026-07-fix');
    expect(changes.changes?.from?.label).toBe('2026-07b');
    expect(changes.changes?.changes.map((c) => c.key)).toEqual(['3.2']);
    expect((await api.current.execute<VerifyData>(VERIFY)).integrity.verify.ok).toBe(true);
  });
});

describe('an editorial fix that the scheduled version already contains', () => {
  const doc = 'contained-fix';

  it('is published, and the scheduled version is compared with it from then on', async () => {
    await createDocument(api.current.database.prisma, doc);
    api.current.setNow(at(6));
    await published(api.current, tokens, {
      document: doc,
      label: '2025-03',
      clauses: V1,
      material: false,
      effectiveAt: at(6),
    });
    api.current.setNow(at(7));
    // The legal team fixed the typo in the material draft too.
    const scheduled = await published(api.current, tokens, {
      document: doc,
      label: '2026-07',
      clauses: edit(edit(V1, '3.2', { body: FIXED_BILLING }), '10.4', { body: MATERIAL_TRAINING }),
      material: true,
      effectiveAt: at(45),
    });
    expect((await changesOf(api.current, doc, '2026-07')).changes?.changes.map((c) => c.key)).toEqual(['3.2', '10.4']);

    api.current.setNow(at(8));
    const before = await counts();
    const fix = await published(api.current, tokens, {
      document: doc,
      label: '2026-06-fix',
      clauses: edit(V1, '3.2', { body: FIXED_BILLING }),
      material: false,
      effectiveAt: at(8),
    });
    expect(fix.rebased).toEqual(['2026-07']);
    expect(await counts()).toEqual({
      published: before.published + 1,
      checkpoints: before.checkpoints + 1,
      changelogs: before.changelogs + 1,
      rebases: before.rebases + 1,
    });

    const fixChanges = await changesOf(api.current, doc, '2026-06-fix');
    expect(fixChanges.changes?.from?.label).toBe('2025-03');
    expect(fixChanges.next?.label).toBe('2026-07');

    const rebased = await changesOf(api.current, doc, '2026-07');
    expect(rebased.changes?.from?.label).toBe('2026-06-fix');
    expect(rebased.previous?.label).toBe('2026-06-fix');
    expect(rebased.changes?.rebased).toBe(true);
    expect(rebased.changes?.reason).toBe(
      'Compared with 2026-06-fix (published 9 June 2026, effective before this version) instead of 2025-03.',
    );
    // The fix is no longer shown as part of the material change.
    expect(rebased.changes?.changes.map((c) => [c.key, c.kind])).toEqual([['10.4', 'MODIFIED']]);

    const stored = await api.current.database.prisma.changeRebase.findFirstOrThrow({
      where: { versionId: scheduled.id },
    });
    expect(stored.fromVersionId).toBe(fix.id);
    expect(stored.reason).toBe(rebased.changes?.reason);
    expect((await api.current.execute<VerifyData>(VERIFY)).integrity.verify.ok).toBe(true);
  });
});
