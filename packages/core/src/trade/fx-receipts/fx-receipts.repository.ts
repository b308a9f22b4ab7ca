import { declarations, fxAllocations, fxReceipts, transactions, type DbOrTx } from '@baigou/db';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { ClientRefTaken, withViolations } from '../../shared/constraints';
import { afterPosition, type CursorPosition } from '../../shared/pagination';
import { fxErrors } from './fx-receipts.errors';

/** Plain drizzle queries over the FX tables; the rules live in fx-receipts.service.ts. */

export type FxReceiptRow = typeof fxReceipts.$inferSelect;
export type FxAllocationRow = typeof fxAllocations.$inferSelect;

export async function findReceipt(
  db: DbOrTx,
  id: string,
  options: { ownerOrgId?: string | undefined; lock?: boolean } = {},
) {
  const query = db
    .select()
    .from(fxReceipts)
    .where(
      and(eq(fxReceipts.id, id), options.ownerOrgId ? eq(fxReceipts.operatorOrgId, options.ownerOrgId) : undefined),
    );
  const [row] = options.lock ? await query.for('no key update') : await query;
  return row;
}

export async function findByClientRef(db: DbOrTx, orgId: string, clientRef: string) {
  const [row] = await db
    .select()
    .from(fxReceipts)
    .where(and(eq(fxReceipts.operatorOrgId, orgId), eq(fxReceipts.clientRef, clientRef)));
  return row;
}

export async function findByBankReference(db: DbOrTx, bankName: string, bankReference: string) {
  const [row] = await db
    .select()
    .from(fxReceipts)
    .where(and(eq(fxReceipts.bankName, bankName), eq(fxReceipts.bankReference, bankReference)));
  return row;
}

/** A receipt; a clientRef taken concurrently is ClientRefTaken, a bank reference recorded before fx.bank_reference_reused. */
export async function insertReceipt(db: DbOrTx, values: typeof fxReceipts.$inferInsert): Promise<FxReceiptRow> {
  const [row] = await withViolations(() => db.insert(fxReceipts).values(values).returning(), {
    fx_receipts_operator_client_ref_uq: (cause) => new ClientRefTaken({ cause }),
    fx_receipts_bank_reference_uq: () =>
      fxErrors.bankReferenceReused({
        fields: [{ path: '/body/bankReference', message: 'already recorded for this bank' }],
      }),
  });
  return row!;
}

/**
 * An allocation; the no-double-use trigger's checks become fx.over_allocation (either sum) and
 * fx.currency_mismatch.
 */
export async function insertAllocation(
  db: DbOrTx,
  values: typeof fxAllocations.$inferInsert,
): Promise<FxAllocationRow> {
  const [row] = await withViolations(() => db.insert(fxAllocations).values(values).returning(), {
    fx_allocations_receipt_sum: (cause) => fxErrors.overAllocation({ cause }),
    fx_allocations_target_sum: (cause) => fxErrors.overAllocation({ cause }),
    fx_allocations_currency: (cause) => fxErrors.currencyMismatch({ cause }),
  });
  return row!;
}

/** The target (transaction or declaration) of the operator, locked when `lock`. */
export async function findTarget(
  db: DbOrTx,
  target: { transactionId?: string | undefined; declarationId?: string | undefined },
  ownerOrgId: string,
  lock: boolean,
) {
  if (target.transactionId) {
    const query = db
      .select({
        id: transactions.id,
        currency: transactions.currency,
        total: transactions.totalAmount,
        status: transactions.status,
      })
      .from(transactions)
      .where(and(eq(transactions.id, target.transactionId), eq(transactions.operatorOrgId, ownerOrgId)));
    const [row] = lock ? await query.for('no key update') : await query;
    return row && { type: 'transaction' as const, ...row };
  }
  const query = db
    .select({
      id: declarations.id,
      currency: declarations.currency,
      total: declarations.totalValue,
      status: declarations.status,
    })
    .from(declarations)
    .where(and(eq(declarations.id, target.declarationId!), eq(declarations.operatorOrgId, ownerOrgId)));
  const [row] = lock ? await query.for('no key update') : await query;
  return row && { type: 'declaration' as const, ...row };
}

const sumOf = async (db: DbOrTx, where: SQL) => {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${fxAllocations.amount}), 0)::numeric(20,2)::text` })
    .from(fxAllocations)
    .where(where);
  return row!.total;
};

export const allocatedToReceipt = (db: DbOrTx, receiptId: string) => sumOf(db, eq(fxAllocations.receiptId, receiptId));
export const allocatedToTarget = (db: DbOrTx, type: 'transaction' | 'declaration', id: string) =>
  sumOf(db, type === 'transaction' ? eq(fxAllocations.transactionId, id) : eq(fxAllocations.declarationId, id));

/**
 * The consolidation whose goods the target is (a declaration's, or the one a transaction was consolidated
 * into), locked, with the value of its goods in `currency` and everything allocated to it at either level:
 * to any of its declarations or to any of its transactions. Null for a transaction not yet consolidated.
 */
export async function consolidationShare(
  tx: DbOrTx,
  target: { type: 'transaction' | 'declaration'; id: string },
  currency: string,
) {
  const consolidationOf =
    target.type === 'declaration'
      ? sql`select consolidation_id from declarations where id = ${target.id}`
      : sql`select consolidation_id from consolidation_transactions where transaction_id = ${target.id}`;
  const { rows } = await tx.execute<{ id: string; value: string; allocated: string }>(sql`
    with c as (select id from consolidations where id = (${consolidationOf}) for no key update)
    select c.id,
      (select coalesce(sum(t.total_amount), 0)::numeric(20,2)::text from consolidation_transactions ct join transactions t on t.id = ct.transaction_id
        where ct.consolidation_id = c.id and t.currency = ${currency}) as value,
      (select coalesce(sum(a.amount), 0)::numeric(20,2)::text from fx_allocations a
        where a.currency = ${currency} and (a.declaration_id in (select id from declarations where consolidation_id = c.id)
          or a.transaction_id in (select transaction_id from consolidation_transactions where consolidation_id = c.id))) as allocated
    from c`);
  return rows[0] ?? null;
}

export function listAllocations(db: DbOrTx, receiptId: string) {
  return db
    .select()
    .from(fxAllocations)
    .where(eq(fxAllocations.receiptId, receiptId))
    .orderBy(asc(fxAllocations.createdAt), asc(fxAllocations.id));
}

export function listReceipts(
  db: DbOrTx,
  filter: { ownerOrgId?: string | undefined; currency?: string | undefined },
  after: CursorPosition | undefined,
  limit: number,
) {
  const where: (SQL | undefined)[] = [
    filter.ownerOrgId ? eq(fxReceipts.operatorOrgId, filter.ownerOrgId) : undefined,
    filter.currency ? eq(fxReceipts.currency, filter.currency) : undefined,
    afterPosition(fxReceipts, after),
  ];
  return db
    .select()
    .from(fxReceipts)
    .where(and(...where))
    .orderBy(asc(fxReceipts.createdAt), asc(fxReceipts.id))
    .limit(limit);
}

/** Allocated totals per receipt, for a page of receipts. */
export async function allocatedByReceipts(db: DbOrTx, receiptIds: readonly string[]): Promise<Map<string, string>> {
  if (!receiptIds.length) return new Map();
  const rows = await db
    .select({
      receiptId: fxAllocations.receiptId,
      total: sql<string>`sum(${fxAllocations.amount})::numeric(20,2)::text`,
    })
    .from(fxAllocations)
    .where(inArray(fxAllocations.receiptId, [...receiptIds]))
    .groupBy(fxAllocations.receiptId);
  return new Map(rows.map((row) => [row.receiptId, row.total]));
}
