/**
 * A full disk on SQLite during a publish: the API answers a clean STORAGE_FULL error (HTTP 507,
 * with a request id, nothing internal), nothing of the publish is written, and reads go on.
 * The disk is "full" through CANDOR_FAULT_SQLITE_MAX_PAGE_COUNT: PRAGMA max_page_count at the
 * database's current size, set on every connection the API opens.
 */
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
  VERIFY,
  type VerifyData,
} from '../helpers/publish-fixtures.js';

let database: TestDatabase;
let api: ApiProcess;
let token: string;
let draftId: string;

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  // A large clause: its publish writes a changelog of ~200 kB, which needs pages the file lacks.
  draftId = await createApprovedDraft(database.prisma, { clauseBytes: 200_000 });
  await database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  const [row] = await database.prisma.$queryRawUnsafe<{ page_count: bigint | number }[]>('PRAGMA page_count');
  const pageCount = Number(row?.page_count);
  expect(pageCount).toBeGreaterThan(0);
  api = await startApiProcess({
    databaseUrl: database.url,
    env: { CANDOR_FAULT_SQLITE_MAX_PAGE_COUNT: String(pageCount) },
  });
});

afterAll(async () => {
  await releasePublishFixture(database);
});

describe('disk full during a publish (SQLite)', () => {
  it('answers STORAGE_FULL with a request id and writes nothing of the publish', async () => {
    const before = await publishTraces(database.prisma, draftId);
    const response = await api.graphql<PublishData>(PUBLISH, { id: draftId }, { token });
    expect(response.status).toBe(507);
    expect(response.body.data ?? null).toBeNull();
    const [error] = response.body.errors ?? [];
    expect(error?.extensions).toMatchObject({ code: 'STORAGE_FULL', requestId: expect.any(String) });
    expect(error?.message).toBe('The server’s storage is full; nothing was written.');
    expect(JSON.stringify(response.body)).not.toMatch(/SQLITE|sqlite|disk is full|prisma/i);
    expect(await publishTraces(database.prisma, draftId)).toEqual(before);
    // The log has the details the client was spared, under the same request id.
    const logged = await api.waitForLog((line) => line.msg === 'unexpected error' && line.code === 'STORAGE_FULL');
    expect(logged.requestId).toBe(error?.extensions?.requestId);
  });

  it('still answers reads, and the chain still verifies', async () => {
    const verified = await api.graphql<VerifyData>(VERIFY);
    expect(verified.status).toBe(200);
    expect(verified.body.data?.integrity.verify).toMatchObject({ ok: true, problems: [] });
  });
});
