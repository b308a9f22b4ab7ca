import { customsExchangeRates, type DbOrTx } from '@baigou/db';
import { and, asc, count, desc, eq, inArray, lte, or, gt, lt, type SQL } from 'drizzle-orm';

/** Plain queries on the customs monthly rate table; exchange-rates.service.ts holds the rules. */

export type ExchangeRateRow = typeof customsExchangeRates.$inferSelect;

export async function insertRates(
  db: DbOrTx,
  rows: (typeof customsExchangeRates.$inferInsert)[],
): Promise<ExchangeRateRow[]> {
  return db.insert(customsExchangeRates).values(rows).returning();
}

export async function countRates(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(customsExchangeRates);
  return row?.n ?? 0;
}

/** Rates of the given months that were already set at `knownAt` (a replay sees what the original saw). */
export async function findRates(
  db: DbOrTx,
  months: readonly string[],
  knownAt: Date | undefined,
): Promise<ExchangeRateRow[]> {
  if (months.length === 0) return [];
  return db
    .select()
    .from(customsExchangeRates)
    .where(
      and(
        inArray(customsExchangeRates.month, [...months]),
        knownAt ? lte(customsExchangeRates.createdAt, knownAt) : undefined,
      ),
    );
}

/** Newest month first, then currency; keyset after (month, currency). */
export async function listRates(
  db: DbOrTx,
  filter: { currency?: string | undefined; month?: string | undefined },
  after: { month: string; currency: string } | undefined,
  limit: number,
): Promise<ExchangeRateRow[]> {
  const where: (SQL | undefined)[] = [
    filter.currency ? eq(customsExchangeRates.currency, filter.currency) : undefined,
    filter.month ? eq(customsExchangeRates.month, filter.month) : undefined,
    after
      ? or(
          lt(customsExchangeRates.month, after.month),
          and(eq(customsExchangeRates.month, after.month), gt(customsExchangeRates.currency, after.currency)),
        )
      : undefined,
  ];
  return db
    .select()
    .from(customsExchangeRates)
    .where(and(...where))
    .orderBy(desc(customsExchangeRates.month), asc(customsExchangeRates.currency))
    .limit(limit);
}
