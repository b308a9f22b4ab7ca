import {
  priceObservations,
  transactionDocuments,
  transactionLines,
  transactions,
  transactionStatusHistory,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { afterPosition, type CursorPosition } from '../shared/pagination';
import type { TransactionStatus } from './transactions.models';

/** Plain drizzle queries over the transaction tables; the rules live in transactions.service.ts. */

export type TransactionRow = typeof transactions.$inferSelect;
export type LineRow = typeof transactionLines.$inferSelect;
export type DocumentRow = typeof transactionDocuments.$inferSelect;
export type HistoryRow = typeof transactionStatusHistory.$inferSelect;

/** Lines per INSERT statement: 200 lines × 21 columns stays far below PG's 65,535 bind parameters. */
const BATCH_ROWS = 500;

export interface TransactionFilter {
  ownerOrgId?: string | undefined;
  status?: TransactionStatus | undefined;
  merchantId?: string | undefined;
  purchaserId?: string | undefined;
  tradeDateFrom?: string | undefined;
  tradeDateTo?: string | undefined;
  tradingNo?: string | undefined;
}

export async function findByClientRef(db: DbOrTx, orgId: string, clientRef: string): Promise<TransactionRow | undefined> {
  const [row] = await db
    .select()
    .from(transactions)
    .where(and(eq(transactions.operatorOrgId, orgId), eq(transactions.clientRef, clientRef)));
  return row;
}

export async function findTransaction(
  db: DbOrTx,
  id: string,
  options: { ownerOrgId?: string | undefined; forUpdate?: boolean } = {},
): Promise<TransactionRow | undefined> {
  const where = and(eq(transactions.id, id), options.ownerOrgId ? eq(transactions.operatorOrgId, options.ownerOrgId) : undefined);
  const query = db.select().from(transactions).where(where);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findDetails(db: DbOrTx, id: string) {
  // Sequential on purpose: `db` may be a transaction, i.e. one connection that runs one query at a time.
  const lines = await db.select().from(transactionLines).where(eq(transactionLines.transactionId, id)).orderBy(asc(transactionLines.lineNo));
  const documents = await db.select().from(transactionDocuments).where(eq(transactionDocuments.transactionId, id)).orderBy(asc(transactionDocuments.sha256));
  const history = await db.select().from(transactionStatusHistory).where(eq(transactionStatusHistory.transactionId, id)).orderBy(asc(transactionStatusHistory.id));
  return { lines, documents, history };
}

/** Next value of the platform-wide trading-number sequence. */
export async function nextTradingSequence(tx: DbOrTx): Promise<string> {
  const { rows } = await tx.execute<{ value: string }>(sql`select nextval('trading_no_seq')::text as value`);
  return rows[0]!.value;
}

export async function insertTransaction(tx: DbOrTx, values: typeof transactions.$inferInsert): Promise<TransactionRow> {
  const [row] = await tx.insert(transactions).values(values).returning();
  return row!;
}

export async function insertLines(tx: DbOrTx, rows: (typeof transactionLines.$inferInsert)[]): Promise<LineRow[]> {
  const inserted: LineRow[] = [];
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    inserted.push(...(await tx.insert(transactionLines).values(rows.slice(start, start + BATCH_ROWS)).returning()));
  }
  return inserted;
}

export async function insertDocuments(tx: DbOrTx, rows: (typeof transactionDocuments.$inferInsert)[]): Promise<void> {
  await tx.insert(transactionDocuments).values(rows);
}

export async function appendHistory(tx: DbOrTx, entry: typeof transactionStatusHistory.$inferInsert): Promise<void> {
  await tx.insert(transactionStatusHistory).values(entry);
}

/** Observations keyed by line id: a line is observed once, however often this runs. */
export async function insertObservations(tx: DbOrTx, rows: (typeof priceObservations.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(priceObservations).values(rows).onConflictDoNothing({ target: priceObservations.sourceRef });
}

export async function hasConsolidatedLine(tx: DbOrTx, transactionId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: transactionLines.id })
    .from(transactionLines)
    .where(and(eq(transactionLines.transactionId, transactionId), isNotNull(transactionLines.consolidatedAt)))
    .limit(1);
  return rows.length > 0;
}

/** Compare-and-set on status: concurrent decisions on one transaction cannot both win. */
export async function updateStatus(
  tx: DbOrTx,
  id: string,
  from: TransactionStatus,
  to: TransactionStatus,
  reason: string,
): Promise<TransactionRow | undefined> {
  const [row] = await tx
    .update(transactions)
    .set({ status: to, statusReason: reason, version: sql`${transactions.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(transactions.id, id), eq(transactions.status, from)))
    .returning();
  return row;
}

export function listTransactions(db: DbOrTx, filter: TransactionFilter, after: CursorPosition | undefined, limit: number) {
  const where: (SQL | undefined)[] = [
    filter.ownerOrgId ? eq(transactions.operatorOrgId, filter.ownerOrgId) : undefined,
    filter.status ? eq(transactions.status, filter.status) : undefined,
    filter.merchantId ? eq(transactions.merchantId, filter.merchantId) : undefined,
    filter.purchaserId ? eq(transactions.purchaserId, filter.purchaserId) : undefined,
    filter.tradeDateFrom ? gte(transactions.tradeDate, filter.tradeDateFrom) : undefined,
    filter.tradeDateTo ? lte(transactions.tradeDate, filter.tradeDateTo) : undefined,
    filter.tradingNo ? eq(transactions.tradingNo, filter.tradingNo) : undefined,
    afterPosition(transactions, after),
  ];
  return db
    .select()
    .from(transactions)
    .where(and(...where))
    .orderBy(asc(transactions.createdAt), asc(transactions.id))
    .limit(limit);
}

export function findLinesOf(db: DbOrTx, transactionIds: readonly string[]) {
  return db.select().from(transactionLines).where(inArray(transactionLines.transactionId, [...transactionIds]));
}
