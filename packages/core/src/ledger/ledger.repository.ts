import { ledgerAccounts, ledgerTransfers, type DbOrTx } from '@baigou/db';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { sideDelta, type Transfer, type TransferKind } from './ledger.models';

/** Drizzle access to the ledger tables; the rules live in ledger.models.ts, the flow in ledger.transfers.ts. */

export type AccountRow = typeof ledgerAccounts.$inferSelect;

export async function findAccountByCode(tx: DbOrTx, code: string): Promise<AccountRow | undefined> {
  const [row] = await tx.select().from(ledgerAccounts).where(eq(ledgerAccounts.code, code));
  return row;
}

export async function findAccount(tx: DbOrTx, id: string): Promise<AccountRow | undefined> {
  const [row] = await tx.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id));
  return row;
}

export async function insertAccount(tx: DbOrTx, values: typeof ledgerAccounts.$inferInsert) {
  const [row] = await tx.insert(ledgerAccounts).values(values).onConflictDoNothing().returning();
  return row;
}

/**
 * Locks the accounts lowest id first, whatever order the transfer names them in: two transfers
 * between the same accounts in opposite directions then queue instead of deadlocking.
 */
export async function lockAccounts(tx: DbOrTx, ids: readonly string[]): Promise<AccountRow[]> {
  return tx
    .select()
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, [...ids]))
    .orderBy(ledgerAccounts.id)
    .for('update');
}

export async function findTransfer(tx: DbOrTx, id: string): Promise<Transfer | undefined> {
  const [row] = await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, id));
  return row;
}

/** The pending transfer with, by the database clock, whether it has expired and whether it is resolved. */
export async function findPendingState(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({
      transfer: ledgerTransfers,
      expired: sql<boolean>`${ledgerTransfers.expiresAt} <= now()`,
      // Written out: drizzle leaves a single table's columns unqualified, which inside the subquery
      // would name r's own id.
      resolvedBy: sql<string | null>`(select r.id from ledger_transfers r where r.pending_id = ledger_transfers.id)`,
    })
    .from(ledgerTransfers)
    .where(eq(ledgerTransfers.id, id));
  return row;
}

/** Inserts the transfer unless its id (or, for a post/void, its pending id) is taken; undefined then. */
export async function insertTransfer(
  tx: DbOrTx,
  values: Omit<typeof ledgerTransfers.$inferInsert, 'expiresAt' | 'createdAt'>,
): Promise<Transfer | undefined> {
  const expiresAt =
    values.timeoutMs == null ? null : sql`now() + make_interval(secs => ${values.timeoutMs}::int / 1000.0)`;
  const [row] = await tx
    .insert(ledgerTransfers)
    .values({ ...values, expiresAt })
    .onConflictDoNothing()
    .returning();
  return row;
}

/**
 * Moves one side of an account by a conditional UPDATE whose condition is the account's limit
 * evaluated on the new balances, so the database decides, under the row lock, whether the money is
 * there; no row back means the limit refused it. The CHECK constraints back this up.
 */
export async function moveSide(
  tx: DbOrTx,
  accountId: string,
  side: 'debit' | 'credit',
  kind: TransferKind,
  amount: bigint,
): Promise<AccountRow | undefined> {
  const delta = sideDelta(kind, amount);
  const posted = sql`${delta.posted.toString()}::bigint`;
  const pending = sql`${delta.pending.toString()}::bigint`;
  const a = ledgerAccounts;
  const next: Record<'dp' | 'cp' | 'dq' | 'cq', SQL> =
    side === 'debit'
      ? {
          dp: sql`${a.debitsPosted} + ${posted}`,
          dq: sql`${a.debitsPending} + ${pending}`,
          cp: sql`${a.creditsPosted}`,
          cq: sql`${a.creditsPending}`,
        }
      : {
          dp: sql`${a.debitsPosted}`,
          dq: sql`${a.debitsPending}`,
          cp: sql`${a.creditsPosted} + ${posted}`,
          cq: sql`${a.creditsPending} + ${pending}`,
        };
  const [row] = await tx
    .update(a)
    .set(
      side === 'debit'
        ? { debitsPosted: next.dp, debitsPending: next.dq }
        : { creditsPosted: next.cp, creditsPending: next.cq },
    )
    .where(
      and(
        eq(a.id, accountId),
        sql`(not ${a.debitsMustNotExceedCredits} or ${next.dp} + ${next.dq} <= ${next.cp})`,
        sql`(not ${a.creditsMustNotExceedDebits} or ${next.cp} + ${next.cq} <= ${next.dp})`,
        sql`${next.dp} >= 0 and ${next.dq} >= 0 and ${next.cp} >= 0 and ${next.cq} >= 0`,
      ),
    )
    .returning();
  return row;
}

/** Calls the database's expiry: voids pending transfers past their timeout by now(). */
export async function expirePending(tx: DbOrTx, batch: number): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`select ledger_expire_pending(${batch}::int) as id`);
  return rows.map((row) => row.id);
}
