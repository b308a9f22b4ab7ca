import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionRollbackError } from 'drizzle-orm';
import type { Db, Tx } from './client';

/**
 * A unit of work: one PostgreSQL transaction that spans a whole request, so that what the request changes
 * and the record of its answer (the idempotency row) commit together or not at all. Services keep calling
 * `db.select`, `db.insert` and `db.transaction` on the `scopedDb` they were given; inside a unit of work
 * those run on its transaction (`db.transaction` becomes a savepoint, so a failing batch item still rolls
 * back alone), and outside one on the pool as before.
 */
export interface UnitOfWork {
  readonly tx: Tx;
  /** Commits everything done in the unit of work; rejects (and nothing is kept) when COMMIT fails. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

const scope = new AsyncLocalStorage<{ tx: Tx }>();

/** Opens a transaction on `db` and holds it open until `commit` or `rollback`. */
export async function openUnitOfWork(db: Db): Promise<UnitOfWork> {
  let decide!: (commit: boolean) => void;
  const decision = new Promise<boolean>((resolve) => (decide = resolve));
  let opened!: (tx: Tx) => void;
  const ready = new Promise<Tx>((resolve) => (opened = resolve));
  const settled = db.transaction(async (tx) => {
    opened(tx);
    if (!(await decision)) tx.rollback();
  });
  // Awaited by commit or rollback; this only keeps an early failure from being reported as unhandled.
  settled.catch(() => undefined);
  const tx = await Promise.race([
    ready,
    settled.then(() => Promise.reject(new Error('the unit of work ended before it opened'))),
  ]);
  let finished = false;
  return {
    tx,
    async commit() {
      if (finished) return;
      finished = true;
      decide(true);
      await settled;
    },
    async rollback() {
      if (finished) return;
      finished = true;
      decide(false);
      await settled.catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    },
  };
}

/** Runs `work` (and everything it starts) inside `unit`: a `scopedDb` then queries through its transaction. */
export const runInUnitOfWork = <T>(unit: UnitOfWork, work: () => T): T => scope.run({ tx: unit.tx }, work);

/** `db`, redirected to the transaction of the unit of work the caller runs in, if any. */
export function scopedDb(db: Db): Db {
  return new Proxy(db, {
    get(target, property) {
      const source = scope.getStore()?.tx ?? target;
      const value: unknown = Reflect.get(source, property, source);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(source) : value;
    },
  });
}
