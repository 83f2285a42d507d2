/**
 * The PostgreSQL backend serving a publish is terminated mid-transaction (pg_terminate_backend,
 * as an administrator or a failover would): the publish fails with a clean masked error, nothing
 * of it is written, and the same publish sent again succeeds on a fresh connection.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApiProcess } from '../helpers/api-process.js';
import type { TestDatabase } from '../helpers/database.js';
import { adminPostgresUrl } from '../helpers/providers.js';
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

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  api = await startApiProcess({ databaseUrl: database.url, env: { CANDOR_FAULT_PUBLISH_PAUSE_MS: '1500' } });
});

afterAll(async () => {
  await releasePublishFixture(database);
});

/** Terminates the backend that sits idle inside the paused publish transaction; returns its pid. */
async function terminatePausedBackend(databaseName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: adminPostgresUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'`,
      [databaseName],
    );
    expect(rows).toHaveLength(1);
    const pid = rows[0]?.pid ?? -1;
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    return pid;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL backend terminated mid-publish', () => {
  it('fails cleanly, writes nothing, and the same publish then succeeds', async () => {
    const draftId = await createApprovedDraft(database.prisma);
    const before = await publishTraces(database.prisma, draftId);

    const publishing = api.graphql<PublishData>(PUBLISH, { id: draftId }, { token });
    await api.waitForLog('publish transaction open');
    await terminatePausedBackend(new URL(database.url).pathname.slice(1));
    const failed = await publishing;
    expect(failed.status).toBe(503);
    const [error] = failed.body.errors ?? [];
    expect(error?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
    expect(JSON.stringify(failed.body)).not.toMatch(/terminat|57P01|prisma|postgres/i);
    expect(await publishTraces(database.prisma, draftId)).toEqual(before);

    const retried = await api.graphql<PublishData>(PUBLISH, { id: draftId }, { token });
    expect(retried.status).toBe(200);
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data?.publishVersion).toMatchObject({
      error: null,
      checkpointSequence: before.checkpoints + 1,
    });
    expect(await publishTraces(database.prisma, draftId)).toMatchObject({
      status: 'PUBLISHED',
      changelogs: 1,
      checkpoints: before.checkpoints + 1,
    });
    const verified = await api.graphql<VerifyData>(VERIFY);
    expect(verified.body.data?.integrity.verify).toMatchObject({ ok: true, problems: [] });
  });
});
