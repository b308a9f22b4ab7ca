import {
  consolidationContainers,
  consolidations,
  consolidationTransactions,
  transactionLines,
  transactions,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { ClientRefTaken, withViolations } from '../../shared/constraints';
import { afterPosition, type CursorPosition } from '../../shared/pagination';
import { consolidationErrors } from './consolidations.errors';

/** Plain drizzle queries over the consolidation tables; the rules live in consolidations.service.ts. */

export type ConsolidationRow = typeof consolidations.$inferSelect;
export type ConsolidationContainerRow = typeof consolidationContainers.$inferSelect;

export async function findConsolidation(db: DbOrTx, id: string, options: { ownerOrgId?: string | undefined } = {}) {
  const [row] = await db
    .select()
    .from(consolidations)
    .where(
      and(
        eq(consolidations.id, id),
        options.ownerOrgId ? eq(consolidations.operatorOrgId, options.ownerOrgId) : undefined,
      ),
    );
  return row;
}

export async function findByClientRef(db: DbOrTx, orgId: string, clientRef: string) {
  const [row] = await db
    .select()
    .from(consolidations)
    .where(and(eq(consolidations.operatorOrgId, orgId), eq(consolidations.clientRef, clientRef)));
  return row;
}

/** Locks the transactions (in id order, so concurrent consolidations cannot deadlock) and answers them. */
export function lockTransactions(tx: DbOrTx, ids: readonly string[]) {
  return tx
    .select()
    .from(transactions)
    .where(inArray(transactions.id, [...ids]))
    .orderBy(asc(transactions.id))
    .for('update');
}

/** Ids of the listed transactions that already have a consolidated line. */
export async function consolidatedAmong(tx: DbOrTx, ids: readonly string[]): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ transactionId: transactionLines.transactionId })
    .from(transactionLines)
    .where(and(inArray(transactionLines.transactionId, [...ids]), isNotNull(transactionLines.consolidationId)));
  return rows.map((row) => row.transactionId);
}

export async function insertConsolidation(
  tx: DbOrTx,
  values: typeof consolidations.$inferInsert,
): Promise<ConsolidationRow> {
  const [row] = await withViolations(() => tx.insert(consolidations).values(values).returning(), {
    consolidations_operator_client_ref_uq: (cause) => new ClientRefTaken({ cause }),
  });
  return row!;
}

/** A transaction is a member of one consolidation only; a second membership is consolidation.already_consolidated. */
export async function insertMembers(tx: DbOrTx, rows: (typeof consolidationTransactions.$inferInsert)[]) {
  await withViolations(() => tx.insert(consolidationTransactions).values(rows), {
    consolidation_transactions_transaction_uq: (cause) => consolidationErrors.alreadyConsolidated({ cause }),
  });
}

export async function insertContainers(tx: DbOrTx, rows: (typeof consolidationContainers.$inferInsert)[]) {
  await tx.insert(consolidationContainers).values(rows);
}

/** Sets consolidation_id on every still-unconsolidated line of the transactions; answers the lines marked. */
export function markLines(tx: DbOrTx, consolidationId: string, transactionIds: readonly string[]) {
  return tx
    .update(transactionLines)
    .set({ consolidationId, consolidatedAt: sql`now()` })
    .where(and(inArray(transactionLines.transactionId, [...transactionIds]), isNull(transactionLines.consolidationId)))
    .returning({
      id: transactionLines.id,
      transactionId: transactionLines.transactionId,
      lineNo: transactionLines.lineNo,
      quantity: transactionLines.quantity,
    });
}

export async function findDetails(db: DbOrTx, id: string) {
  // Sequential on purpose: `db` may be a transaction, i.e. one connection that runs one query at a time.
  const members = await db
    .select({
      transactionId: consolidationTransactions.transactionId,
      tradingNo: transactions.tradingNo,
      currency: transactions.currency,
      totalAmount: transactions.totalAmount,
      lineCount: transactions.lineCount,
      cartons: consolidationTransactions.cartons,
      grossWeightKg: consolidationTransactions.grossWeightKg,
      netWeightKg: consolidationTransactions.netWeightKg,
    })
    .from(consolidationTransactions)
    .innerJoin(transactions, eq(transactions.id, consolidationTransactions.transactionId))
    .where(eq(consolidationTransactions.consolidationId, id))
    .orderBy(asc(transactions.tradingNo));
  const containers = await db
    .select()
    .from(consolidationContainers)
    .where(eq(consolidationContainers.consolidationId, id))
    .orderBy(asc(consolidationContainers.position));
  return { members, containers };
}

export function listConsolidations(
  db: DbOrTx,
  filter: { ownerOrgId?: string | undefined; destinationCountry?: string | undefined },
  after: CursorPosition | undefined,
  limit: number,
) {
  const where: (SQL | undefined)[] = [
    filter.ownerOrgId ? eq(consolidations.operatorOrgId, filter.ownerOrgId) : undefined,
    filter.destinationCountry ? eq(consolidations.destinationCountry, filter.destinationCountry) : undefined,
    afterPosition(consolidations, after),
  ];
  return db
    .select()
    .from(consolidations)
    .where(and(...where))
    .orderBy(asc(consolidations.createdAt), asc(consolidations.id))
    .limit(limit);
}
