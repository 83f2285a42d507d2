import { describe, expect, it } from 'vitest';
import type { BuildCheck, ServerCheck } from './entry-types';
import { revisionTimings, toServerCheck } from './transform';
import { verificationView } from './verify-view';

const HEAD = 'a'.repeat(64);
const okBuild: BuildCheck = {
  ok: true,
  chains: [{ chain: 'document/terms-of-service', count: 6, headHash: HEAD, ok: true }],
  problems: [],
};

/** integrity.verify as the server answers it, with every chain of every kind. */
const serverAnswer = (problems: ServerCheck['problems']) =>
  toServerCheck({
    ok: problems.length === 0,
    checkpointSequence: 42,
    chains: [
      { chain: 'definitions', kind: 'definitions', count: 9, headHash: HEAD, ok: true },
      { chain: 'withdrawals', kind: 'withdrawals', count: 1, headHash: HEAD, ok: true },
      { chain: 'consent-releases', kind: 'consent-releases', count: 1, headHash: HEAD, ok: true },
      { chain: 'feature/meeting-summary', kind: 'feature', count: 4, headHash: HEAD, ok: true },
      { chain: 'document/terms-of-service', kind: 'document', count: 6, headHash: HEAD, ok: true },
      { chain: 'document/privacy-statement', kind: 'document', count: 2, headHash: HEAD, ok: true },
    ],
    problems,
  });

describe('toServerCheck', () => {
  it('lists the chains by kind (documents, features, withdrawals, consent releases, definitions), then by name', () => {
    expect(serverAnswer([]).chains.map(({ chain, kind, subject }) => [chain, kind, subject])).toEqual([
      ['document/privacy-statement', 'document', 'privacy-statement'],
      ['document/terms-of-service', 'document', 'terms-of-service'],
      ['feature/meeting-summary', 'feature', 'meeting-summary'],
      ['withdrawals', 'withdrawals', null],
      ['consent-releases', 'consent-releases', null],
      ['definitions', 'definitions', null],
    ]);
  });

  it('fails loudly on a chain the site does not know, rather than leave it off the page', () => {
    expect(() =>
      toServerCheck({
        ok: true,
        checkpointSequence: 1,
        chains: [{ chain: 'receipts', kind: 'unknown', count: 0, headHash: null, ok: true }],
        problems: [],
      }),
    ).toThrow(/receipts/);
  });
});

describe('verificationView', () => {
  it('a whole history: every kind listed, the database matches the latest checkpoint', () => {
    const view = verificationView({ serverCheck: serverAnswer([]), buildCheck: okBuild });
    expect(view.ok).toBe(true);
    expect(view.server.kinds.map((group) => [group.kind, group.chains.length])).toEqual([
      ['document', 2],
      ['feature', 1],
      ['withdrawals', 1],
      ['consent-releases', 1],
      ['definitions', 1],
    ]);
    expect(view.server.checkpoint).toEqual({ sequence: 42, matches: true, problems: [] });
  });

  it('the newest version deleted: TRUNCATED against checkpoint 42, on the chain it names, although the chain links', () => {
    const truncated = {
      chain: 'document/terms-of-service',
      record: null,
      code: 'TRUNCATED',
      message:
        'Against the latest stored checkpoint: document/terms-of-service has 6 records; the checkpoint counts 7.',
    };
    const view = verificationView({ serverCheck: serverAnswer([truncated]), buildCheck: okBuild });
    expect(view.ok).toBe(false);
    expect(view.server.ok).toBe(false);
    expect(view.build.ok).toBe(true);
    expect(view.server.checkpoint).toEqual({ sequence: 42, matches: false, problems: [truncated] });
    expect(view.server.recordProblems).toEqual([]);
    const terms = view.server.kinds[0]?.chains.find((chain) => chain.chain === 'document/terms-of-service');
    expect(terms).toMatchObject({ ok: false, problems: [truncated] });
    const privacy = view.server.kinds[0]?.chains.find((chain) => chain.chain === 'document/privacy-statement');
    expect(privacy?.ok).toBe(true);
  });

  it('a withdrawal inserted by hand is a record problem, not a checkpoint disagreement', () => {
    const unchained = {
      chain: 'withdrawals',
      record: 'terms-of-service/next',
      code: 'UNCHAINED',
      message: 'not published through the chain',
    };
    const view = verificationView({ serverCheck: serverAnswer([unchained]), buildCheck: okBuild });
    expect(view.server.checkpoint.matches).toBe(true);
    expect(view.server.recordProblems).toEqual([unchained]);
    expect(view.server.kinds[2]?.chains[0]?.ok).toBe(false);
  });
});

describe('revisionTimings', () => {
  const revision = (number: number, effectiveAt: string, withdrawn = false) => ({
    number,
    effectiveAt,
    publishedAt: '2024-01-01T00:00:00.000Z',
    withdrawal: withdrawn
      ? { reason: 'r', withdrawnAt: '2024-02-01T00:00:00.000Z', contentHash: HEAD, previousHash: null }
      : null,
  });
  it('scheduled, withdrawn, in force and superseded, whatever order the revisions come in', () => {
    const timings = revisionTimings(
      [
        revision(1, '2024-01-10T00:00:00.000Z'),
        revision(4, '2026-07-01T00:00:00.000Z'),
        revision(3, '2026-03-01T00:00:00.000Z', true),
        revision(2, '2025-01-10T00:00:00.000Z'),
      ],
      new Set([4]),
      new Date('2026-06-01T12:00:00.000Z'),
    );
    expect(Object.fromEntries(timings)).toEqual({ 1: 'SUPERSEDED', 2: 'IN_FORCE', 3: 'WITHDRAWN', 4: 'UPCOMING' });
  });
});
