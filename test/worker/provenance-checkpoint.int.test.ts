import { randomUUID } from 'node:crypto';
import {
  createProvenanceLog,
  fromHex,
  leafHash,
  loadProvenanceSigner,
  partyRegistrationEvent,
  recordEvents,
  verifyInclusion,
  writeOutbox,
} from '@baigou/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../../services/worker/src';
import { useTestEnvironment } from '../support/services';
import { completed, silentLogger, testWorkerConfig, waitFor } from './worker.support';

/** The worker sequences provenance events into the Merkle log and signs checkpoints: on a timer, and on a job after each declaration. */
describe('provenance checkpoints from the worker', () => {
  const env = useTestEnvironment();
  let worker: RunningWorker | undefined;

  const decision = () =>
    partyRegistrationEvent({
      type: 'merchant',
      id: randomUUID(),
      name: '白沟某某箱包店',
      identifier: null,
      fromStatus: 'submitted',
      toStatus: 'approved',
      reason: null,
      actorOrgId: randomUUID(),
      at: new Date(),
    });

  const latestSize = async () => {
    const { rows } = await env.database.db.execute<{ size: string | null }>(
      sql`select max(tree_size) as size from provenance_checkpoints`,
    );
    return Number(rows[0]?.size ?? 0);
  };
  const eventCount = async () =>
    Number((await env.database.db.execute<{ n: string }>(sql`select count(*) as n from provenance_events`)).rows[0]!.n);

  beforeAll(async () => {
    worker = await startWorker({
      config: testWorkerConfig(env, { PROVENANCE_CHECKPOINT_MS: '200' }),
      database: env.database,
      logger: silentLogger,
    });
  });
  afterAll(async () => worker?.close());

  it('covers events written by many concurrent transactions with a signed checkpoint, leaves contiguous from 0', async () => {
    const { db } = env.database;
    await Promise.all(
      Array.from({ length: 20 }, () => db.transaction((tx) => recordEvents(tx, Array.from({ length: 25 }, decision)))),
    );
    const total = await eventCount();
    await waitFor(async () => (await latestSize()) >= total, 'a checkpoint covering every event');
    const { rows } = await db.execute<{ n: string; max: string }>(
      sql`select count(*) as n, max(leaf_index) as max from provenance_leaves`,
    );
    expect(Number(rows[0]!.n)).toBe(total);
    expect(Number(rows[0]!.max)).toBe(total - 1);
  });

  it('never logs an event whose transaction rolled back', async () => {
    const { db } = env.database;
    const before = await eventCount();
    await expect(
      db.transaction(async (tx) => {
        await recordEvents(tx, [decision()]);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await eventCount()).toBe(before);
  });

  it('signs a checkpoint on the provenance.checkpoint job (sent after each declaration) and proves every event against it', async () => {
    await worker?.close();
    // A long timer: only the job can produce the checkpoint now.
    worker = await startWorker({
      config: testWorkerConfig(env, { PROVENANCE_CHECKPOINT_MS: '3600000' }),
      database: env.database,
      logger: silentLogger,
    });
    const { db } = env.database;
    const jobKey = `provenance.checkpoint:declaration:${randomUUID()}`;
    await db.transaction(async (tx) => {
      await recordEvents(tx, Array.from({ length: 7 }, decision));
      await writeOutbox(tx, 'provenance.checkpoint', { reason: 'declaration' }, jobKey);
    });
    const total = await eventCount();
    await waitFor(completed(db, jobKey), 'the checkpoint job');
    expect(await latestSize()).toBe(total);

    const log = createProvenanceLog({ db, signer: loadProvenanceSigner(undefined, 'test').signer });
    const checkpoint = (await log.latestCheckpoint())!;
    const { rows } = await db.execute<{ leaf_index: string; canonical: Buffer }>(
      sql`select l.leaf_index, e.canonical from provenance_leaves l join provenance_events e on e.id = l.event_id order by l.leaf_index`,
    );
    const proofs = await log.inclusionProofs(
      rows.map((row) => Number(row.leaf_index)),
      checkpoint.treeSize,
    );
    for (const row of rows) {
      const proof = proofs.get(Number(row.leaf_index))!;
      expect(
        verifyInclusion(
          leafHash(row.canonical),
          proof.leafIndex,
          proof.treeSize,
          proof.hashes.map(fromHex),
          fromHex(checkpoint.rootHash),
        ),
      ).toBe(true);
    }
  });
});
