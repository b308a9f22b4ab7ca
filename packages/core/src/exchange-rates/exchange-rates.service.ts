import type { Db } from '@baigou/db';
import type { Principal } from '../access/access.models';
import type { ReferenceService } from '../reference/reference.service';
import { addMonths, chinaDate, monthOf } from '../shared/dates';
import { fetchKeyPage, filterOf, type Page } from '../shared/pagination';
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

interface ExchangeRatesDependencies {
  db: Db;
  reference: ReferenceService;
  clock: () => Date;
}

async function set(
  { db, reference }: ExchangeRatesDependencies,
  principal: Principal | null,
  input: ExchangeRateInput,
  source: string,
) {
  if (input.currency === 'CNY')
    throw exchangeRateErrors.baseCurrency({
      fields: [{ path: '/body/currency', message: 'CNY is the base currency' }],
    });
  await reference.assertCodes([{ list: 'currency', code: input.currency, path: '/body/currency' }]);
  const row = await repository.insertRate(db, {
    currency: input.currency,
    month: input.month,
    cnyPerUnit: input.cnyPerUnit,
    source,
    createdByOrgId: principal?.orgId ?? null,
    createdByKeyId: principal?.keyId ?? null,
  });
  return view(row);
}

async function list(db: Db, query: ExchangeRateQuery): Promise<Page<ExchangeRateView>> {
  const filter = filterOf(query);
  return fetchKeyPage(
    query,
    JSON.stringify(['exchange-rates', filter]),
    (afterKey, take) => {
      const after = afterKey?.split('|');
      return repository.listRates(
        db,
        filter,
        after ? { month: after[0] ?? '', currency: after[1] ?? '' } : undefined,
        take,
      );
    },
    (row) => `${row.month}|${row.currency}`,
    view,
  );
}

/** The rates of these months, as they stood at `knownAt` (default: now). */
async function ratesFor(db: Db, months: Iterable<string>, knownAt?: Date): Promise<MonthlyRates> {
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
async function ensureDemoRates({ db, clock }: ExchangeRatesDependencies): Promise<'seeded' | 'present'> {
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
    await repository.insertDemoRates(db, rows);
  } catch (error) {
    // Another process seeded at the same moment.
    if (error instanceof repository.RatesPresent) return 'present';
    throw error;
  }
  return 'seeded';
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
  const deps: ExchangeRatesDependencies = { db, reference, clock };
  return {
    set: (principal: Principal | null, input: ExchangeRateInput, source = 'customs monthly rate, entered by staff') =>
      set(deps, principal, input, source),
    list: (query: ExchangeRateQuery) => list(db, query),
    /** The rates of these months, as they stood at `knownAt` (default: now). */
    ratesFor: (months: Iterable<string>, knownAt?: Date) => ratesFor(db, months, knownAt),
    ensureDemoRates: () => ensureDemoRates(deps),
  };
}

export type ExchangeRatesService = ReturnType<typeof createExchangeRatesService>;
