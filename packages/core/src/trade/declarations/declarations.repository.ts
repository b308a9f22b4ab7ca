import {
  consolidationTransactions,
  declarationEvents,
  declarationLines,
  declarations,
  transactionLines,
  transactions,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { afterPosition, type CursorPosition } from '../../shared/pagination';

/** Plain drizzle queries over the declaration tables; the rules live in declarations.service.ts. */

export type DeclarationRow = typeof declarations.$inferSelect;
export type DeclaredLineRow = typeof declarationLines.$inferSelect;
export type DeclarationEventRow = typeof declarationEvents.$inferSelect;

/** The goods of a consolidation: every consolidated line with its transaction and the transaction's packing. */
export function goodsOf(db: DbOrTx, consolidationId: string) {
  return db
    .select({
      lineId: transactionLines.id,
      transactionId: transactions.id,
      tradingNo: transactions.tradingNo,
      merchantId: transactions.merchantId,
      purchaserId: transactions.purchaserId,
      lineNo: transactionLines.lineNo,
      description: transactionLines.description,
      hsCode: transactionLines.hsCode,
      quantity: transactionLines.quantity,
      unit: transactionLines.unit,
      amount: transactionLines.amount,
      currency: transactionLines.currency,
      transactionTotal: transactions.totalAmount,
      transactionNetWeightKg: consolidationTransactions.netWeightKg,
    })
    .from(transactionLines)
    .innerJoin(transactions, eq(transactions.id, transactionLines.transactionId))
    .innerJoin(
      consolidationTransactions,
      and(
        eq(consolidationTransactions.transactionId, transactions.id),
        eq(consolidationTransactions.consolidationId, consolidationId),
      ),
    )
    .where(eq(transactionLines.consolidationId, consolidationId))
    .orderBy(asc(transactions.tradingNo), asc(transactionLines.lineNo));
}

export async function findDeclaration(
  db: DbOrTx,
  id: string,
  options: { ownerOrgId?: string | undefined; forUpdate?: boolean } = {},
) {
  const query = db
    .select()
    .from(declarations)
    .where(
      and(eq(declarations.id, id), options.ownerOrgId ? eq(declarations.operatorOrgId, options.ownerOrgId) : undefined),
    );
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertDeclaration(tx: DbOrTx, values: typeof declarations.$inferInsert): Promise<DeclarationRow> {
  const [row] = await tx.insert(declarations).values(values).returning();
  return row!;
}

export async function insertLines(tx: DbOrTx, rows: (typeof declarationLines.$inferInsert)[]) {
  if (rows.length) await tx.insert(declarationLines).values(rows);
}

export async function appendEvent(tx: DbOrTx, entry: typeof declarationEvents.$inferInsert) {
  await tx.insert(declarationEvents).values(entry);
}

export async function findDetails(db: DbOrTx, id: string) {
  // Sequential on purpose: `db` may be a transaction, i.e. one connection that runs one query at a time.
  const lines = await db
    .select()
    .from(declarationLines)
    .where(eq(declarationLines.declarationId, id))
    .orderBy(asc(declarationLines.lineNo));
  const events = await db
    .select()
    .from(declarationEvents)
    .where(eq(declarationEvents.declarationId, id))
    .orderBy(asc(declarationEvents.id));
  return { lines, events };
}

/** Compare-and-set on version: concurrent events on one declaration cannot both win. */
export async function updateState(
  tx: DbOrTx,
  row: DeclarationRow,
  status: DeclarationRow['status'],
  state: Record<string, unknown>,
) {
  const [updated] = await tx
    .update(declarations)
    .set({ status, state, version: sql`${declarations.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(declarations.id, row.id), eq(declarations.version, row.version)))
    .returning();
  return updated;
}

export function listDeclarations(
  db: DbOrTx,
  filter: { ownerOrgId?: string | undefined; status?: DeclarationRow['status'] | undefined },
  after: CursorPosition | undefined,
  limit: number,
) {
  const where: (SQL | undefined)[] = [
    filter.ownerOrgId ? eq(declarations.operatorOrgId, filter.ownerOrgId) : undefined,
    filter.status ? eq(declarations.status, filter.status) : undefined,
    afterPosition(declarations, after),
  ];
  return db
    .select()
    .from(declarations)
    .where(and(...where))
    .orderBy(asc(declarations.createdAt), asc(declarations.id))
    .limit(limit);
}
