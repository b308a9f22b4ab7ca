import { excludedGoods, type DbOrTx } from '@baigou/db';
import { and, asc, eq, gte, isNull, lte, or, type SQL } from 'drizzle-orm';
import { afterPosition, type CursorPosition } from '../../shared/pagination';

/** Plain drizzle queries over the excluded-goods list; the rules live in excluded-goods.models.ts. */

export type ExcludedGoodsRow = typeof excludedGoods.$inferSelect;

const inForceOn = (day: string): SQL =>
  and(
    lte(excludedGoods.effectiveFrom, day),
    or(isNull(excludedGoods.effectiveTo), gte(excludedGoods.effectiveTo, day)),
  )!;

/** Entries in force on `day`, oldest first (a stable order, so the same line names the same entry). */
export function findInForce(db: DbOrTx, day: string): Promise<ExcludedGoodsRow[]> {
  return db
    .select()
    .from(excludedGoods)
    .where(inForceOn(day))
    .orderBy(asc(excludedGoods.createdAt), asc(excludedGoods.id));
}

export async function insertEntry(db: DbOrTx, values: typeof excludedGoods.$inferInsert): Promise<ExcludedGoodsRow> {
  const [row] = await db.insert(excludedGoods).values(values).returning();
  return row!;
}

export function listEntries(
  db: DbOrTx,
  filter: { kind?: ExcludedGoodsRow['kind'] | undefined; inForceOn?: string | undefined },
  after: CursorPosition | undefined,
  limit: number,
): Promise<ExcludedGoodsRow[]> {
  const where: (SQL | undefined)[] = [
    filter.kind ? eq(excludedGoods.kind, filter.kind) : undefined,
    filter.inForceOn ? inForceOn(filter.inForceOn) : undefined,
    afterPosition(excludedGoods, after),
  ];
  return db
    .select()
    .from(excludedGoods)
    .where(and(...where))
    .orderBy(asc(excludedGoods.createdAt), asc(excludedGoods.id))
    .limit(limit);
}
