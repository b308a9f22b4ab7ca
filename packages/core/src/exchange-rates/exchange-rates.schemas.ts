import { z } from 'zod';
import { PageQuery } from '../shared/pagination';

/** A positive decimal written as a string with at most 12 integer digits and 6 decimals (numeric(18,6)). */
export const PositiveDecimal = z
  .string()
  .regex(
    /^\d{1,12}(\.\d{1,6})?$/,
    'must be a decimal string with at most 12 integer digits and 6 decimals, e.g. "7.1234"',
  )
  .refine((value) => /[1-9]/.test(value), 'must be greater than zero');

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 alpha code, e.g. USD');

export const ExchangeRateInput = z.strictObject({
  currency: CurrencyCode,
  month: Month.describe('The rate is in force for lines dated in this month'),
  cnyPerUnit: PositiveDecimal.describe('CNY per one unit of the currency, as published by customs for the month'),
});

export const ExchangeRateQuery = PageQuery.extend({
  currency: CurrencyCode.optional(),
  month: Month.optional(),
});

export const ExchangeRateView = z.object({
  currency: z.string(),
  month: z.string(),
  cnyPerUnit: z.string(),
  source: z.string(),
  createdAt: z.iso.datetime(),
});

export type ExchangeRateInput = z.infer<typeof ExchangeRateInput>;
export type ExchangeRateQuery = z.infer<typeof ExchangeRateQuery>;
export type ExchangeRateView = z.infer<typeof ExchangeRateView>;
