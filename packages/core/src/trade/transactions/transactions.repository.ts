import {
  type priceObservations,
  transactionDocuments,
  transactionLines,
  transactions,
  transactionStatusHistory,
  insertRecordset,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { ClientRefTaken, withViolations } from '../../shared/constraints';
import { afterPosition, type CursorPosition } from '../../shared/pagination';
import type { TransactionStatus } from './transactions.models';

/** Plain drizzle queries over the transaction tables; the rules live in transactions.service.ts. */

export type TransactionRow = typeof transactions.$inferSelect;
export type LineRow = typeof transactionLines.$inferSelect;
export type DocumentRow = typeof transactionDocuments.$inferSelect;
export type HistoryRow = typeof transactionStatusHistory.$inferSelect;

export interface TransactionFilter {
  ownerOrgId?: string | undefined;
  status?: TransactionStatus | undefined;
  merchantId?: string | undefined;
  purchaserId?: string | undefined;
  tradeDateFrom?: string | undefined;
  tradeDateTo?: string | undefined;
  tradingNo?: string | undefined;
}

export async function findByClientRef(
  db: DbOrTx,
  orgId: string,
  clientRef: string,
): Promise<TransactionRow | undefined> {
  const [row] = await db
    .select()
    .from(transactions)
    .where(and(eq(transactions.operatorOrgId, orgId), eq(transactions.clientRef, clientRef)));
  return row;
}

/** A batch's clientRefs of one organisation in one query. */
export async function findByClientRefs(
  db: DbOrTx,
  orgId: string,
  clientRefs: readonly string[],
): Promise<TransactionRow[]> {
  if (clientRefs.length === 0) return [];
  return db
    .select()
    .from(transactions)
    .where(and(eq(transactions.operatorOrgId, orgId), inArray(transactions.clientRef, [...new Set(clientRefs)])));
}

export async function findTransaction(
  db: DbOrTx,
  id: string,
  options: { ownerOrgId?: string | undefined; forUpdate?: boolean } = {},
): Promise<TransactionRow | undefined> {
  const where = and(
    eq(transactions.id, id),
    options.ownerOrgId ? eq(transactions.operatorOrgId, options.ownerOrgId) : undefined,
  );
  const query = db.select().from(transactions).where(where);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findDetails(db: DbOrTx, id: string) {
  // Sequential on purpose: `db` may be a transaction, i.e. one connection that runs one query at a time.
  const lines = await db
    .select()
    .from(transactionLines)
    .where(eq(transactionLines.transactionId, id))
    .orderBy(asc(transactionLines.lineNo));
  const documents = await db
    .select()
    .from(transactionDocuments)
    .where(eq(transactionDocuments.transactionId, id))
    .orderBy(asc(transactionDocuments.sha256));
  const history = await db
    .select()
    .from(transactionStatusHistory)
    .where(eq(transactionStatusHistory.transactionId, id))
    .orderBy(asc(transactionStatusHistory.id));
  return { lines, documents, history };
}

/**
 * `count` values of the platform-wide trading-number sequence in one round trip, ascending. Sequence
 * values are never reused, so numbers of a rolled-back batch are skipped, as with single calls.
 */
export async function nextTradingSequences(tx: DbOrTx, count: number): Promise<string[]> {
  const { rows } = await tx.execute<{ value: string }>(
    sql`select nextval('trading_no_seq')::text as value from generate_series(1, ${count}::integer)`,
  );
  return rows.map((row) => row.value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/*
 * The bulk inserts below send a batch's rows as one jsonb parameter per chunk (insertRecordset in
 * @baigou/db). Column names are the tables' (drizzle schema in packages/db/src/schema/trade.table.ts).
 */

/** A transaction as written; ids are made here so the caller knows them without RETURNING. */
export type NewTransaction = Omit<
  typeof transactions.$inferInsert,
  'id' | 'statusReason' | 'version' | 'createdAt' | 'updatedAt'
> & { id: string };

/**
 * The transactions of a batch; answers each one's creation time (the PG transaction's start) by id.
 * A clientRef taken by a concurrent submission is ClientRefTaken.
 */
export async function insertTransactions(tx: DbOrTx, rows: readonly NewTransaction[]): Promise<Map<string, Date>> {
  const created = await withViolations(() => insertTransactionRows(tx, rows), {
    transactions_operator_client_ref_uq: (cause) => new ClientRefTaken({ cause }),
  });
  // ISO 8601 text, so the Date does not depend on the driver's timestamp parsing.
  return new Map(created.map((row) => [row.id, new Date(row.created_at)]));
}

function insertTransactionRows(tx: DbOrTx, rows: readonly NewTransaction[]) {
  return insertRecordset<{ id: string; created_at: string }>(
    tx,
    'transactions',
    {
      id: 'uuid',
      trading_no: 'text',
      operator_org_id: 'uuid',
      operator_id: 'uuid',
      client_ref: 'text',
      request_hash: 'text',
      merchant_id: 'uuid',
      purchaser_id: 'uuid',
      trade_date: 'date',
      settlement_method: 'text',
      currency: 'text',
      total_amount: 'numeric',
      line_count: 'integer',
      remark: 'text',
      status: 'text',
      created_by_key_id: 'uuid',
    },
    rows.map((row) => ({
      id: row.id,
      trading_no: row.tradingNo,
      operator_org_id: row.operatorOrgId,
      operator_id: row.operatorId,
      client_ref: row.clientRef,
      request_hash: row.requestHash,
      merchant_id: row.merchantId,
      purchaser_id: row.purchaserId,
      trade_date: row.tradeDate,
      settlement_method: row.settlementMethod,
      currency: row.currency,
      total_amount: row.totalAmount,
      line_count: row.lineCount,
      remark: row.remark ?? null,
      status: row.status,
      created_by_key_id: row.createdByKeyId ?? null,
    })),
    { tail: sql`returning id, to_json(created_at) #>> '{}' as created_at` },
  );
}

/** A transaction line as written; ids are made here so the caller knows them without RETURNING. */
export type NewLine = Omit<
  typeof transactionLines.$inferInsert,
  'id' | 'consolidationId' | 'consolidatedAt' | 'createdAt'
> & { id: string };

export async function insertLines(tx: DbOrTx, rows: readonly NewLine[]): Promise<void> {
  await insertRecordset(
    tx,
    'transaction_lines',
    {
      id: 'uuid',
      transaction_id: 'uuid',
      line_no: 'integer',
      description: 'text',
      spec: 'text',
      quantity: 'numeric',
      unit: 'text',
      unit_price: 'numeric',
      amount: 'numeric',
      currency: 'text',
      hs_code: 'text',
      hs_code_source: 'text',
      product_type_code: 'text',
      candidates: 'jsonb',
      price_check: 'jsonb',
      price_library_version_id: 'uuid',
      match_record_id: 'uuid',
      remark: 'text',
    },
    rows.map((row) => ({
      id: row.id,
      transaction_id: row.transactionId,
      line_no: row.lineNo,
      description: row.description,
      spec: row.spec ?? null,
      quantity: row.quantity,
      unit: row.unit,
      unit_price: row.unitPrice,
      amount: row.amount,
      currency: row.currency,
      hs_code: row.hsCode ?? null,
      hs_code_source: row.hsCodeSource ?? null,
      product_type_code: row.productTypeCode ?? null,
      candidates: row.candidates,
      price_check: row.priceCheck,
      price_library_version_id: row.priceLibraryVersionId,
      match_record_id: row.matchRecordId,
      remark: row.remark ?? null,
    })),
  );
}

export async function insertDocuments(
  tx: DbOrTx,
  rows: readonly (typeof transactionDocuments.$inferInsert)[],
): Promise<void> {
  await insertRecordset(
    tx,
    'transaction_documents',
    { transaction_id: 'uuid', sha256: 'text', filename: 'text', kind: 'text' },
    rows.map((row) => ({
      transaction_id: row.transactionId,
      sha256: row.sha256,
      filename: row.filename,
      kind: row.kind,
    })),
  );
}

export async function appendHistory(tx: DbOrTx, entry: typeof transactionStatusHistory.$inferInsert): Promise<void> {
  await tx.insert(transactionStatusHistory).values(entry);
}

/** The first status entry of each transaction of a batch, in the order given (ids ascend with it). */
export async function appendHistories(
  tx: DbOrTx,
  entries: readonly (typeof transactionStatusHistory.$inferInsert)[],
): Promise<void> {
  await insertRecordset(
    tx,
    'transaction_status_history',
    {
      transaction_id: 'uuid',
      from_status: 'text',
      to_status: 'text',
      reason: 'text',
      actor_org_id: 'uuid',
      actor_key_id: 'uuid',
    },
    entries.map((entry, ordinal) => ({
      ordinal,
      transaction_id: entry.transactionId,
      from_status: entry.fromStatus ?? null,
      to_status: entry.toStatus,
      reason: entry.reason ?? null,
      actor_org_id: entry.actorOrgId,
      actor_key_id: entry.actorKeyId ?? null,
    })),
    { readOnly: { ordinal: 'integer' }, tail: sql`order by ordinal` },
  );
}

/** Observations keyed by line id: a line is observed once, however often this runs. */
export async function insertObservations(
  tx: DbOrTx,
  rows: readonly (typeof priceObservations.$inferInsert)[],
): Promise<void> {
  await insertRecordset(
    tx,
    'price_observations',
    {
      product_type_code: 'text',
      unit: 'text',
      currency: 'text',
      unit_price: 'numeric',
      observed_on: 'date',
      source: 'text',
      source_ref: 'text',
    },
    rows.map((row) => ({
      product_type_code: row.productTypeCode,
      unit: row.unit,
      currency: row.currency,
      unit_price: row.unitPrice,
      observed_on: row.observedOn,
      source: row.source,
      source_ref: row.sourceRef,
    })),
    { tail: sql`on conflict (source_ref) do nothing` },
  );
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

export function listTransactions(
  db: DbOrTx,
  filter: TransactionFilter,
  after: CursorPosition | undefined,
  limit: number,
) {
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

/** Lines with a code the firm declared itself, of transactions not rejected, oldest first. */
export async function findDeclaredLines(db: DbOrTx) {
  return db
    .select({
      description: transactionLines.description,
      hsCode: transactionLines.hsCode,
      productTypeCode: transactionLines.productTypeCode,
      candidates: transactionLines.candidates,
    })
    .from(transactionLines)
    .innerJoin(transactions, eq(transactions.id, transactionLines.transactionId))
    .where(and(eq(transactionLines.hsCodeSource, 'declared'), sql`${transactions.status} <> 'rejected'`))
    .orderBy(asc(transactionLines.createdAt), asc(transactionLines.id));
}
