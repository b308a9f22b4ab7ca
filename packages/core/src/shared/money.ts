import Decimal from 'decimal.js';

/**
 * Money and quantities as exact decimals (ARCHITECTURE §3.4): amounts travel as plain decimal
 * strings and are computed with `ExactDecimal`, never with floats. The one set-up every context
 * uses; rounding rules that belong to a business rule live with that rule (the trade rule of
 * converting to USD per line and rounding to cents once is in trade/declarations/value-cap.ts).
 */

/**
 * Exact decimal arithmetic. 64 significant digits hold every product of two numeric(18,6) columns
 * (at most 36 digits) and every sum of money strings we accept; decimal.js's default of 20 would
 * round silently. The few inexact steps (divisions) round half-up at the 64th digit.
 */
export const ExactDecimal = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });
export type ExactDecimal = Decimal;

const AMOUNT = /^(0|[1-9][0-9]{0,17})(\.[0-9]{1,6})?$/;
const CENTS = /^(0|[1-9][0-9]{0,17})(\.[0-9]{1,2})?$/;

/** A non-negative plain decimal string: up to 18 integer digits and 6 decimals, no exponent or sign. */
export const isAmount = (input: string): boolean => AMOUNT.test(input);
/** A non-negative amount in whole cents (fen, for CNY): at most 2 decimals. */
export const isCents = (input: string): boolean => CENTS.test(input);

const scaleOf = (input: string): number => {
  const dot = input.indexOf('.');
  return dot < 0 ? 0 : input.length - dot - 1;
};

/**
 * The exact sum of decimal strings, written with as many decimals as the most precise summand
 * (`'10.50' + '4.5'` is `'15.00'`), so money keeps its cents. Inputs must satisfy `isAmount`.
 */
export function sumExact(amounts: readonly string[]): string {
  let total = new ExactDecimal(0);
  let scale = 0;
  for (const amount of amounts) {
    total = total.plus(amount);
    scale = Math.max(scale, scaleOf(amount));
  }
  return total.toFixed(scale);
}

/** `value` written with exactly `places` decimals, rounded half-up (`roundHalfUp('2.345', 2)` is `'2.35'`). */
export const roundHalfUp = (value: Decimal.Value, places: number): string =>
  new ExactDecimal(value).toFixed(places, Decimal.ROUND_HALF_UP);

/** `value` in whole cents (fen), 2 decimals, rounded half-up: how money amounts are written. */
export const toCents = (value: Decimal.Value): string => roundHalfUp(value, 2);

/** "12.5" and "12.50" are the same amount. */
export const sameAmount = (a: string, b: string): boolean => new ExactDecimal(a).eq(b);
