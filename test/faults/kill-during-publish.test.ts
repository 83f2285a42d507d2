/**
 * SIGKILL of the API while a publish transaction is open: after a restart the version is not
 * half there (no hash without its changelog and checkpoint), the chain verifies, and the same
 * publish then goes through. CANDOR_FAULT_PUBLISH_PAUSE_MS holds the transaction open after
 * its first write, so the kill lands inside it every time.
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
let token: string;

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
});

afterAll(async () => {
  await releasePublishFixture(database);
});

describe('SIGKILL during a publish', () => {
  it('leaves the version unpublished with nothing partial, the chain verifying, and the publish retryable', async () => {
    const draftId = await createApprovedDraft(database.prisma);
    const before = await publishTraces(database.prisma, draftId);

    const doomed: ApiProcess = await startApiProcess({
      databaseUrl: database.url,
      env: { CANDOR_FAULT_PUBLISH_PAUSE_MS: '20000' },
    });
    const inFlight = doomed.graphql(PUBLISH, { id: draftId }, { token }).then(
      () => 'answered',
      () => 'connection lost',
    );
    await doomed.waitForLog('publish transaction open');
    doomed.signal('SIGKILL');
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await inFlight).toBe('connection lost');

    const restarted = await startApiProcess({ databaseUrl: database.url });
    // The transaction never committed: no status, hash, changelog or checkpoint of it survives.
    expect(await publishTraces(database.prisma, draftId)).toEqual(before);
    expect(before).toMatchObject({ status: 'APPROVED', contentHash: null, changelogs: 0 });
    const verified = await restarted.graphql<VerifyData>(VERIFY);
    expect(verified.body.data?.integrity.verify).toMatchObject({ ok: true, problems: [] });

    const retried = await restarted.graphql<PublishData>(PUBLISH, { id: draftId }, { token });
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data?.publishVersion.error).toBeNull();
    expect(retried.body.data?.publishVersion.checkpointSequence).toBe(before.checkpoints + 1);
    expect(await publishTraces(database.prisma, draftId)).toMatchObject({
      status: 'PUBLISHED',
      changelogs: 1,
      checkpoints: before.checkpoints + 1,
      published: before.published + 1,
    });
    const after = await restarted.graphql<VerifyData>(VERIFY);
    expect(after.body.data?.integrity.verify).toMatchObject({ ok: true, problems: [] });
    await restarted.stop();
    expect(await restarted.exited).toEqual({ code: 0, signal: null });
  });
});
