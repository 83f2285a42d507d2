/**
 * SIGTERM while the API is busy: it stops accepting connections, every request already in flight
 * (a publish held open inside its transaction among them) is answered 200, and the process
 * exits with code 0 once they are done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, postGraphQL, startApiProcess } from '../helpers/api-process.js';
import type { TestDatabase } from '../helpers/database.js';
import {
  createApprovedDraft,
  createPublishFixture,
  PUBLISH,
  type PublishData,
  publishTraces,
  releasePublishFixture,
} from '../helpers/publish-fixtures.js';

let database: TestDatabase;
let api: ApiProcess;
let token: string;

const READS = [
  '{ document(slug: "terms-of-service") { current { label clauses { key heading } } } }',
  '{ documents(first: 5) { edges { node { slug } } } }',
  '{ integrity { verify { ok } } }',
];

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  api = await startApiProcess({
    databaseUrl: database.url,
    // The load is one client: rate limiting it would answer 429s, which is not what is tested here.
    env: { CANDOR_FAULT_PUBLISH_PAUSE_MS: '1500', CANDOR_RATE_LIMIT_POINTS: 'off' },
  });
});

afterAll(async () => {
  await releasePublishFixture(database);
});

/** Keeps `concurrency` read loops going until a request cannot connect any more (the server closed). */
async function readLoad(url: string, concurrency: number, statuses: number[]) {
  const loop = async (offset: number) => {
    for (let i = offset; i < offset + 10_000; i += 1) {
      try {
        const response = await postGraphQL(url, READS[i % READS.length] ?? '');
        statuses.push(response.status);
      } catch {
        return; // refused or reset before a request started: the server stopped accepting
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i)));
}

describe('SIGTERM under load', () => {
  it('finishes in-flight requests with 200 and exits with code 0', async () => {
    const draftId = await createApprovedDraft(database.prisma);
    const statuses: number[] = [];
    const load = readLoad(api.url, 6, statuses);
    const publishing = api.graphql<PublishData>(PUBLISH, { id: draftId }, { token });
    await api.waitForLog('publish transaction open');
    const answeredBeforeSignal = statuses.length;
    api.signal('SIGTERM');

    const published = await publishing;
    expect(published.status).toBe(200);
    expect(published.body.data?.publishVersion.error).toBeNull();
    expect(published.body.data?.publishVersion.version?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await load;
    expect(await api.exited).toEqual({ code: 0, signal: null });

    expect(answeredBeforeSignal).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect((await publishTraces(database.prisma, draftId)).status).toBe('PUBLISHED');
    const order = api.logs.map((line) => line.msg);
    expect(order.indexOf('shutting down')).toBeLessThan(order.lastIndexOf('stopped'));
  });
});
