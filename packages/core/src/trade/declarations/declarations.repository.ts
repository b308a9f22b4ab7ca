import {
  consolidationTransactions,
  declarationEvents,
  declarationLines,
  declarations,
  transactionLines,
  transactions,
  isUniqueViolation,
  pgConstraint,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { afterPosition, type CursorPosition } from '../../shared/pagination';
import type { DeclarationEvent, DeclarationState } from './declaration-lifecycle';
import { declarationErrors } from './declarations.errors';

/** Plain drizzle queries over the declaration tables; the rules live in declarations.service.ts. */

/** A declaration row with its lifecycle state read from jsonb and checked. */
export type DeclarationRow = Omit<typeof declarations.$inferSelect, 'state'> & { state: DeclarationState };
export type DeclaredLineRow = typeof declarationLines.$inferSelect;
/** The event of a declaration's history: the creation, or a lifecycle event as applied. */
export type RecordedEvent = DeclarationEvent | { type: 'create' };
export type DeclarationEventRow = Omit<typeof declarationEvents.$inferSelect, 'event'> & { event: RecordedEvent };

const text = z.string();
/** DeclarationState (declaration-lifecycle.ts) as stored in declarations.state. */
const StoredState = z.union([
  z.object({ status: z.enum(['draft', 'submitted']) }),
  z.object({ status: z.literal('accepted'), entryNumber: text }),
  z.object({ status: z.literal('released'), entryNumber: text, releasedAt: text }),
  z.object({ status: z.literal('exported'), entryNumber: text, releasedAt: text, exportedAt: text }),
  z.object({
    status: z.literal('rejected'),
    reason: text,
    rejectedFrom: z.enum(['submitted', 'accepted']),
    entryNumber: text.optional(),
  }),
  z.object({ status: z.literal('withdrawn'), reason: text, withdrawnFrom: z.enum(['draft', 'submitted']) }),
  z.object({
    status: z.literal('withdrawn'),
    reason: text,
    withdrawnFrom: z.enum(['released', 'exported']),
    entryNumber: text,
    releasedAt: text,
    exportedAt: text.optional(),
  }),
]) satisfies z.ZodType<DeclarationState>;

/** RecordedEvent as stored in declaration_events.event. */
const StoredEvent = z.union([
  z.object({ type: z.enum(['create', 'submit']) }),
  z.object({ type: z.literal('accept'), entryNumber: text }),
  z.object({ type: z.enum(['release', 'export']), at: text }),
  z.object({ type: z.enum(['reject', 'withdraw', 'cancel']), reason: text }),
]) satisfies z.ZodType<RecordedEvent>;

/**
 * A type guard backed by a zod schema. Rows keep the jsonb value as PostgreSQL returns it (zod's
 * output would reorder keys, and the API returns these objects as they are); zod only checks it.
 */
const matches =
  <T>(schema: z.ZodType<T>) =>
  (value: unknown): value is T =>
    schema.safeParse(value).success;
const isStoredState = matches(StoredState);
const isStoredEvent = matches(StoredEvent);

function readDeclaration(row: typeof declarations.$inferSelect): DeclarationRow {
  const { state } = row;
  if (!isStoredState(state)) throw new Error(`declaration ${row.id}: state does not match DeclarationState`);
  return { ...row, state };
}

function readEvent(row: typeof declarationEvents.$inferSelect): DeclarationEventRow {
  const { event } = row;
  if (!isStoredEvent(event)) throw new Error(`declaration event ${row.id}: event does not match its schema`);
  return { ...row, event };
}

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
  return row && readDeclaration(row);
}

/** A new declaration; a consolidation with a live declaration already is refused (declaration.already_declared). */
export async function insertDeclaration(
  tx: DbOrTx,
  values: Omit<typeof declarations.$inferInsert, 'state'> & { state: DeclarationState },
): Promise<DeclarationRow> {
  try {
    const [row] = await tx.insert(declarations).values(values).returning();
    return readDeclaration(row!);
  } catch (error) {
    if (isUniqueViolation(error) && pgConstraint(error) === 'declarations_consolidation_live_uq') {
      throw declarationErrors.alreadyDeclared({
        fields: [{ path: '/body/consolidationId', message: 'already declared; withdraw that declaration first' }],
        cause: error,
      });
    }
    throw error;
  }
}

export async function insertLines(tx: DbOrTx, rows: (typeof declarationLines.$inferInsert)[]) {
  if (rows.length) await tx.insert(declarationLines).values(rows);
}

export async function appendEvent(
  tx: DbOrTx,
  entry: Omit<typeof declarationEvents.$inferInsert, 'event'> & { event: RecordedEvent },
) {
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
  return { lines, events: events.map(readEvent) };
}

/** Compare-and-set on version: concurrent events on one declaration cannot both win. */
export async function updateState(
  tx: DbOrTx,
  row: DeclarationRow,
  status: DeclarationRow['status'],
  state: DeclarationState,
) {
  const [updated] = await tx
    .update(declarations)
    .set({ status, state, version: sql`${declarations.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(declarations.id, row.id), eq(declarations.version, row.version)))
    .returning();
  return updated && readDeclaration(updated);
}

export async function listDeclarations(
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
  const rows = await db
    .select()
    .from(declarations)
    .where(and(...where))
    .orderBy(asc(declarations.createdAt), asc(declarations.id))
    .limit(limit);
  return rows.map(readDeclaration);
}
