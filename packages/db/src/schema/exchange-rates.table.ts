import { sql } from 'drizzle-orm';
import { bigserial, check, index, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt } from './columns';

/**
 * Customs monthly exchange rates (海关月度汇率), CNY per one unit of the currency, set by staff.
 * A rate for month M is in force for lines dated in M. Never updated (trigger): a rate a result
 * used stays what it was.
 */
export const customsExchangeRates = pgTable(
  'customs_exchange_rates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    currency: text('currency').notNull(),
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    cnyPerUnit: numeric('cny_per_unit', { precision: 18, scale: 6, mode: 'string' }).notNull(),
    source: text('source').notNull(),
    createdAt: createdAt(),
    createdByOrgId: uuid('created_by_org_id').references(() => organisations.id),
    createdByKeyId: uuid('created_by_key_id'),
  },
  (t) => [
    unique('customs_exchange_rates_currency_month_uq').on(t.currency, t.month),
    check('customs_exchange_rates_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('customs_exchange_rates_rate_check', sql`${t.cnyPerUnit} > 0`),
    index('customs_exchange_rates_month_idx').on(t.month, t.currency),
  ],
);
