import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../test/support/services';
import { exportSnapshot } from './snapshot';
import { pgErrorCode, type DbOrTx } from './client';

const env = useTestEnvironment();

describe('exportSnapshot: readers on their own connections, in the snapshot of a transaction', () => {
  beforeAll(async () => {
    await env.database.db.execute(sql`create table snapshot_probe (id int primary key)`);
    await env.database.db.execute(sql`insert into snapshot_probe values (1), (2)`);
  });

  const idsOn = async (db: DbOrTx) =>
    (
      await db.execute<{ id: number; pid: number }>(
        sql`select id, pg_backend_pid() as pid from snapshot_probe order by id`,
      )
    ).rows;

  it('sees what the transaction saw when it exported, not rows committed later nor its own later writes', async () => {
    const { db } = env.database;
    const seen = await db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      const read = await exportSnapshot(db, tx);
      const readers = await Promise.all([
        read(async (reader) => {
          // Committed by another connection after the export: invisible to the snapshot.
          await db.execute(sql`insert into snapshot_probe values (3)`);
          await tx.execute(sql`insert into snapshot_probe values (4)`);
          return idsOn(reader);
        }),
        read(idsOn),
      ]);
      // A read started after both writes still sees the exported state.
      readers.push(await read(idsOn));
      return { own: rows[0]!.pid, readers };
    });
    for (const rows of seen.readers) expect(rows.map((row) => row.id)).toEqual([1, 2]);
    const pids = seen.readers.map((rows) => rows[0]!.pid);
    expect(new Set([...pids.slice(0, 2), seen.own]).size).toBe(3);
    expect((await idsOn(db)).map((row) => row.id)).toEqual([1, 2, 3, 4]);
  });

  it('refuses writes in a reader', async () => {
    const { db } = env.database;
    const failed = db.transaction(async (tx) => {
      const read = await exportSnapshot(db, tx);
      return Promise.all([read(idsOn), read((reader) => reader.execute(sql`insert into snapshot_probe values (5)`))]);
    });
    await expect(failed.catch((error: unknown) => pgErrorCode(error))).resolves.toBe('25006');
    expect((await idsOn(db)).map((row) => row.id)).not.toContain(5);
  });
});
