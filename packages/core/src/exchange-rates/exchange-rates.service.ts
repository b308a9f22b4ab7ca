import { isUniqueViolation, type Db } from '@baigou/db';
import type { Principal } from '../access/access.models';
import type { ReferenceService } from '../reference/reference.service';
import { addMonths, chinaDate, monthOf } from '../shared/dates';
import { decodeKeyCursor, encodeKeyCursor, type Page } from '../shared/pagination';
import { exchangeRateErrors } from './exchange-rates.errors';
import * as repository from './exchange-rates.repository';
import type { ExchangeRateInput, ExchangeRateQuery, ExchangeRateView } from './exchange-rates.schemas';

/** CNY per unit of each currency, by month; CNY itself is 1 and never stored. */
export type MonthlyRates = ReadonlyMap<string, ReadonlyMap<string, string>>;

export const DEMO_RATE_SOURCE = 'demo: set by staff in production';

/**
 * Demo customs rates for a fresh installation, so price checks of foreign-currency lines work in
 * a demo. Rounded approximations, not published customs rates; the source says so.
 */
const demoRates: Record<string, string> = {
  USD: '7.100000',
  EUR: '7.750000',
  HKD: '0.910000',
  GBP: '9.000000',
  JPY: '0.047000',
  RUB: '0.078000',
};

const view = (row: repository.ExchangeRateRow): ExchangeRateView => ({
  currency: row.currency,
  month: row.month,
  cnyPerUnit: row.cnyPerUnit,
  source: row.source,
  createdAt: row.createdAt.toISOString(),
});

/** The rate of `currency` in `month`, CNY being 1; null when staff have not set it. */
export function cnyPerUnit(rates: MonthlyRates, month: string, currency: string): string | null {
  if (currency === 'CNY') return '1';
  return rates.get(month)?.get(currency) ?? null;
}

/**
 * The customs monthly exchange rates (DOMAIN §9: set from the PBoC central parity of the third
 * Wednesday of the previous month). Staff enter each month's rate once; it is never changed.
 */
export function createExchangeRatesService({
  db,
  reference,
  clock = () => new Date(),
}: {
  db: Db;
  reference: ReferenceService;
  clock?: () => Date;
}) {
  async function set(
    principal: Principal | null,
    input: ExchangeRateInput,
    source = 'customs monthly rate, entered by staff',
  ) {
    if (input.currency === 'CNY')
      throw exchangeRateErrors.baseCurrency({
        fields: [{ path: '/body/currency', message: 'CNY is the base currency' }],
      });
    await reference.assertCodes([{ list: 'currency', code: input.currency, path: '/body/currency' }]);
    try {
      const [row] = await repository.insertRates(db, [
        {
          currency: input.currency,
          month: input.month,
          cnyPerUnit: input.cnyPerUnit,
          source,
          createdByOrgId: principal?.orgId ?? null,
          createdByKeyId: principal?.keyId ?? null,
        },
      ]);
      return view(row!);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw exchangeRateErrors.alreadySet({
        detail: `the ${input.currency} rate for ${input.month} is already set`,
        fields: [{ path: '/body/month', message: 'already set for this currency' }],
        cause: error,
      });
    }
  }

  async function list(query: ExchangeRateQuery): Promise<Page<ExchangeRateView>> {
    const { cursor, limit, ...filter } = query;
    const fingerprint = JSON.stringify(['exchange-rates', filter]);
    const after = cursor ? decodeKeyCursor(cursor, fingerprint).split('|') : undefined;
    const rows = await repository.listRates(
      db,
      filter,
      after ? { month: after[0] ?? '', currency: after[1] ?? '' } : undefined,
      limit + 1,
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(view),
      nextCursor: rows.length > limit && last ? encodeKeyCursor(`${last.month}|${last.currency}`, fingerprint) : null,
    };
  }

  /** The rates of these months, as they stood at `knownAt` (default: now). */
  async function ratesFor(months: Iterable<string>, knownAt?: Date): Promise<MonthlyRates> {
    const rows = await repository.findRates(db, [...new Set(months)], knownAt);
    const byMonth = new Map<string, Map<string, string>>();
    for (const row of rows) {
      const month = byMonth.get(row.month) ?? new Map<string, string>();
      month.set(row.currency, row.cnyPerUnit);
      byMonth.set(row.month, month);
    }
    return byMonth;
  }

  /**
   * On a fresh installation only (no rate at all): demo rates for the current and the previous
   * month, labelled as demo. A table with any rate is left alone.
   */
  async function ensureDemoRates(): Promise<'seeded' | 'present'> {
    if ((await repository.countRates(db)) > 0) return 'present';
    const month = monthOf(chinaDate(clock()));
    const rows = [addMonths(month, -1), month].flatMap((each) =>
      Object.entries(demoRates).map(([currency, rate]) => ({
        currency,
        month: each,
        cnyPerUnit: rate,
        source: DEMO_RATE_SOURCE,
      })),
    );
    try {
      await repository.insertRates(db, rows);
    } catch (error) {
      // Another process seeded at the same moment.
      if (isUniqueViolation(error)) return 'present';
      throw error;
    }
    return 'seeded';
  }

  return { set, list, ratesFor, ensureDemoRates };
}

export type ExchangeRatesService = ReturnType<typeof createExchangeRatesService>;
