import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from './client';

/** Runs `work` on a connection of its own, in the exported snapshot; the reader ends with the work. */
export type SnapshotRead = <T>(work: (reader: DbOrTx) => Promise<T>) => Promise<T>;

/**
 * Parallel reads of one consistent state (the technique of pg_dump's parallel mode): the snapshot of
 * `tx` is exported, and each read runs on a connection of its own from the pool, in a read-only
 * REPEATABLE READ transaction that imports it, so every reader sees exactly what `tx` saw when the
 * snapshot was taken (not `tx`'s own later writes). For reads big enough that one PostgreSQL backend
 * is the bottleneck (a subsidy period's declarations), and for independent reads at once. Each read
 * holds a pooled connection until its work ends; reads must start while `tx` is open.
 */
export async function exportSnapshot(db: Db, tx: DbOrTx): Promise<SnapshotRead> {
  const { rows } = await tx.execute<{ snapshot: string }>(sql`select pg_export_snapshot() as snapshot`);
  const snapshot = rows[0]?.snapshot ?? '';
  // SET TRANSACTION SNAPSHOT takes a literal, not a parameter: the id is checked to be what PostgreSQL writes.
  if (!/^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/.test(snapshot)) throw new Error(`unexpected snapshot id: ${snapshot}`);
  return (work) =>
    db.transaction(
      async (reader) => {
        await reader.execute(sql.raw(`set transaction snapshot '${snapshot}'`));
        return work(reader);
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
}
