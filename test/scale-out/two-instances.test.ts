/**
 * The scale-out path, for real: two API processes side by side on one PostgreSQL database and
 * one Redis (REDIS_URL, a prefix of its own per run), sharing the signing key — what several
 * instances behind a load balancer are. Concurrent publishes of one document through both give
 * exactly one new version and one clean CONFLICT; a publish through one empties the response cache
 * the other answers from; and the rate-limit budget is one budget across both.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApiProcess } from '../helpers/api-process.js';
import type { TestDatabase } from '../helpers/database.js';
import {
  createApprovedDraft,
  createPublishFixture,
  PUBLISH,
  type PublishData,
  publishTraces,
  releasePublishFixture,
  TERMS,
  VERIFY,
  type VerifyData,
} from '../helpers/publish-fixtures.js';

const REDIS_URL = process.env.CANDOR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `candor-test-${randomBytes(4).toString('hex')}:`;
const RATE_LIMIT_POINTS = 40;

let database: TestDatabase;
let a: ApiProcess;
let b: ApiProcess;
let token: string;

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  const shared = {
    REDIS_URL,
    CANDOR_REDIS_PREFIX: prefix,
    CANDOR_RATE_LIMIT_POINTS: String(RATE_LIMIT_POINTS),
    // The rate-limit test names its client in X-Forwarded-For, so its budget is its own.
    CANDOR_TRUST_PROXY: 'true',
  };
  // A holds every publish open inside its transaction for a moment, so B's publish lands in it.
  [a, b] = await Promise.all([
    startApiProcess({
      databaseUrl: database.url,
      env: { ...shared, CANDOR_FAULT_PUBLISH_PAUSE_MS: '1500', CANDOR_FAULT_CHECKPOINT_PAUSE_MS: '1000' },
    }),
    startApiProcess({ databaseUrl: database.url, env: shared }),
  ]);
});

afterAll(async () => {
  await releasePublishFixture(database);
  deleteRedisKeys(prefix);
});

/** Removes this run's keys from the shared Redis (best effort: redis-cli ships with redis-server). */
function deleteRedisKeys(keyPrefix: string) {
  try {
    const url = new URL(REDIS_URL);
    const where = ['-h', url.hostname, '-p', url.port || '6379'];
    const keys = execFileSync('redis-cli', [...where, '--scan', '--pattern', `${keyPrefix}*`], { encoding: 'utf8' })
      .split('\n')
      .filter((key) => key !== '');
    if (keys.length > 0) execFileSync('redis-cli', [...where, 'DEL', ...keys]);
  } catch {
    // keys expire on their own; nothing else depends on them
  }
}

async function publishedCount() {
  return database.prisma.version.count({ where: { status: 'PUBLISHED', document: { slug: TERMS } } });
}

/** Publishes `firstId` through A (held open mid-transaction at `window`) and `secondId` through B inside it. */
async function race(firstId: string, secondId: string, window = 'publish transaction open') {
  const from = a.logs.length;
  const first = a.graphql<PublishData>(PUBLISH, { id: firstId }, { token });
  await a.waitForLog((line) => line.msg === window && a.logs.indexOf(line) >= from);
  const second = await b.graphql<PublishData>(PUBLISH, { id: secondId }, { token });
  return { first: await first, second };
}

describe('two API instances on one PostgreSQL and one Redis', () => {
  it('concurrent publishes of two drafts of one document: one new version, one CONFLICT, the chain verifies', async () => {
    const [winner, loser] = [await createApprovedDraft(database.prisma), await createApprovedDraft(database.prisma)];
    const before = { published: await publishedCount(), checkpoints: await database.prisma.checkpoint.count() };

    const { first, second } = await race(winner, loser);
    expect(first.status).toBe(200);
    expect(first.body.data?.publishVersion.error).toBeNull();
    expect(second.status).toBe(200);
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data?.publishVersion).toMatchObject({
      version: null,
      checkpointSequence: null,
      error: { code: 'CONFLICT' },
    });
    expect(await publishedCount()).toBe(before.published + 1);
    expect(await database.prisma.checkpoint.count()).toBe(before.checkpoints + 1);
    expect(await publishTraces(database.prisma, loser)).toMatchObject({
      status: 'APPROVED',
      contentHash: null,
      changelogs: 0,
    });
    const verified = await b.graphql<VerifyData>(VERIFY);
    expect(verified.body.data?.integrity.verify).toMatchObject({ ok: true, problems: [] });

    // The refused publisher reloads and tries again: it now chains onto the winner.
    const again = await b.graphql<PublishData>(PUBLISH, { id: loser }, { token });
    expect(again.body.data?.publishVersion.error).toBeNull();
    const winnerHash = (await publishTraces(database.prisma, winner)).contentHash;
    expect(again.body.data?.publishVersion.version?.previousHash).toBe(winnerHash);
  });

  it('concurrent publishes of the same draft: published once, the other gets CONFLICT', async () => {
    const draft = await createApprovedDraft(database.prisma);
    const before = { published: await publishedCount(), checkpoints: await database.prisma.checkpoint.count() };

    const { first, second } = await race(draft, draft);
    expect(first.body.data?.publishVersion.error).toBeNull();
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data?.publishVersion.error).toMatchObject({ code: 'CONFLICT' });
    expect(await publishedCount()).toBe(before.published + 1);
    expect(await database.prisma.checkpoint.count()).toBe(before.checkpoints + 1);
    expect(await publishTraces(database.prisma, draft)).toMatchObject({ status: 'PUBLISHED', changelogs: 1 });
    const verified = await a.graphql<VerifyData>(VERIFY);
    expect(verified.body.data?.integrity.verify).toMatchObject({ ok: true, problems: [] });
  });

  it('concurrent publishes of two different documents both succeed, each chain and the checkpoints verify', async () => {
    const terms = await createApprovedDraft(database.prisma);
    const privacy = await createApprovedDraft(database.prisma, { document: 'privacy-statement' });
    const checkpoints = await database.prisma.checkpoint.count();

    // A has read the last checkpoint sequence when B publishes: without serialising checkpoint
    // issuance both would take the same number and one would fail on the unique index.
    const { first, second } = await race(terms, privacy, 'checkpoint sequence read');
    expect(first.body.data?.publishVersion.error).toBeNull();
    expect(second.body.data?.publishVersion.error).toBeNull();
    expect(second.body.data?.publishVersion.checkpointSequence).toBe(
      (first.body.data?.publishVersion.checkpointSequence ?? 0) + 1,
    );
    expect(await database.prisma.checkpoint.count()).toBe(checkpoints + 2);
    const verified = await a.graphql<VerifyData>(VERIFY);
    expect(verified.body.data?.integrity.verify).toMatchObject({ ok: true, problems: [] });
  });

  it('a publish through A empties the response cache B answers from, at once', async () => {
    const query = '{ integrity { latestCheckpoint { sequence } } }';
    const getOnB = async () => {
      const url = new URL(`${b.url}/graphql`);
      url.searchParams.set('query', query);
      const response = await fetch(url, { headers: { 'graphql-require-preflight': '1', accept: 'application/json' } });
      const body = (await response.json()) as { data?: { integrity: { latestCheckpoint: { sequence: number } } } };
      return { cache: response.headers.get('x-cache'), sequence: body.data?.integrity.latestCheckpoint.sequence };
    };
    const first = await getOnB();
    const cached = await getOnB();
    expect(cached).toEqual({ cache: 'HIT', sequence: first.sequence });

    const draft = await createApprovedDraft(database.prisma);
    const published = await a.graphql<PublishData>(PUBLISH, { id: draft }, { token });
    expect(published.body.data?.publishVersion.error).toBeNull();
    const sequence = published.body.data?.publishVersion.checkpointSequence;
    expect(sequence).toBe((first.sequence ?? 0) + 1);

    expect(await getOnB()).toEqual({ cache: 'MISS', sequence });
  });

  it('shares one rate-limit budget: points spent through A are gone on B, and B refuses once A used them up', async () => {
    // A client of its own (CANDOR_TRUST_PROXY: the last X-Forwarded-For entry), so no other test spent from it.
    const client = { 'x-forwarded-for': '198.51.100.23' };
    // Each read misses the response cache (its own variables): 2 points (1 to parse, 1 for the answer).
    let reads = 0;
    const read = (api: ApiProcess) => {
      reads += 1;
      return api.graphql('{ organization { name } }', { read: reads }, { headers: client });
    };
    const remaining = (response: { headers: Headers }) => Number(response.headers.get('ratelimit-remaining'));

    const onB = await read(b);
    expect(onB.status).toBe(200);
    expect(onB.headers.get('ratelimit-limit')).toBe(String(RATE_LIMIT_POINTS));
    const start = remaining(onB);
    for (let i = 0; i < 5; i += 1) expect((await read(a)).status).toBe(200);
    expect(remaining(await read(b))).toBe(start - 12);

    let lastOnA = await read(a);
    while (lastOnA.status === 200) lastOnA = await read(a);
    expect(lastOnA.status).toBe(429);
    const refusedOnB = await read(b);
    expect(refusedOnB.status).toBe(429);
    expect(refusedOnB.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refusedOnB.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
