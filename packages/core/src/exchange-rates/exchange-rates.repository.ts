import { customsExchangeRates, type DbOrTx } from '@baigou/db';
import { and, asc, count, desc, eq, inArray, lte, or, gt, lt, type SQL } from 'drizzle-orm';
import { withViolations } from '../shared/constraints';
import { exchangeRateErrors } from './exchange-rates.errors';

/** Plain queries on the customs monthly rate table; exchange-rates.service.ts holds the rules. */

export type ExchangeRateRow = typeof customsExchangeRates.$inferSelect;

type NewRate = typeof customsExchangeRates.$inferInsert;

/** A month's rates already seeded by another process starting at the same moment. */
export class RatesPresent extends Error {
  constructor(options: { cause: unknown }) {
    super('the rates were seeded concurrently', options);
    this.name = 'RatesPresent';
  }
}

/** Staff set one month's rate of one currency; a rate is set once. */
export async function insertRate(db: DbOrTx, rate: NewRate): Promise<ExchangeRateRow> {
  const [row] = await withViolations(() => db.insert(customsExchangeRates).values(rate).returning(), {
    customs_exchange_rates_currency_month_uq: (cause) =>
      exchangeRateErrors.alreadySet({
        detail: `the ${rate.currency} rate for ${rate.month} is already set`,
        fields: [{ path: '/body/month', message: 'already set for this currency' }],
        cause,
      }),
  });
  return row!;
}

/** The demo rates of a fresh installation, all or none. */
export async function insertDemoRates(db: DbOrTx, rates: NewRate[]): Promise<void> {
  await withViolations(() => db.insert(customsExchangeRates).values(rates), {
    customs_exchange_rates_currency_month_uq: (cause) => new RatesPresent({ cause }),
  });
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
