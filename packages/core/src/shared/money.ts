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

const PLAIN = /^[0-9]+(\.[0-9]+)?$/;
const TEN = BigInt(10);

const scaleOf = (input: string): number => {
  const dot = input.indexOf('.');
  return dot < 0 ? 0 : input.length - dot - 1;
};

/**
 * The exact sum of decimal strings, written with as many decimals as the most precise summand
 * (`'10.50' + '4.5'` is `'15.00'`), so money keeps its cents. Inputs must satisfy `isAmount`. Summed
 * as integers of the finest scale (a period run sums tens of thousands of amounts); anything else
 * takes the ExactDecimal path.
 */
export function sumExact(amounts: readonly string[]): string {
  let scale = 0;
  for (const amount of amounts) {
    if (!PLAIN.test(amount)) return sumDecimal(amounts);
    scale = Math.max(scale, scaleOf(amount));
  }
  let total = 0n;
  for (const amount of amounts) total += unitsAt(amount, scale);
  return writeUnits(total, scale);
}

function sumDecimal(amounts: readonly string[]): string {
  let total = new ExactDecimal(0);
  let scale = 0;
  for (const amount of amounts) {
    total = total.plus(amount);
    scale = Math.max(scale, scaleOf(amount));
  }
  return total.toFixed(scale);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (plain non-negative decimal strings). */
export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  if (!PLAIN.test(a) || !PLAIN.test(b)) return new ExactDecimal(a).comparedTo(b) as -1 | 0 | 1;
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const [x, y] = [unitsAt(a, scale), unitsAt(b, scale)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `value` written with exactly `places` decimals, rounded half-up (`roundHalfUp('2.345', 2)` is `'2.35'`). */
export const roundHalfUp = (value: Decimal.Value, places: number): string =>
  new ExactDecimal(value).toFixed(places, Decimal.ROUND_HALF_UP);

/** `value` in whole cents (fen), 2 decimals, rounded half-up: how money amounts are written. */
export const toCents = (value: Decimal.Value): string => roundHalfUp(value, 2);

/** "12.5" and "12.50" are the same amount. */
export const sameAmount = (a: string, b: string): boolean => new ExactDecimal(a).eq(b);

/** A plain non-negative decimal string as an integer count of 10^-scale. */
const unitsOf = (input: string) => {
  const dot = input.indexOf('.');
  return dot < 0
    ? { units: BigInt(input), scale: 0 }
    : { units: BigInt(input.slice(0, dot) + input.slice(dot + 1)), scale: input.length - dot - 1 };
};

/** A plain decimal string as an integer count of 10^-scale, `scale` ≥ its own decimals. */
const unitsAt = (input: string, scale: number) => {
  const { units, scale: own } = unitsOf(input);
  return own === scale ? units : units * TEN ** BigInt(scale - own);
};

/** An integer count of 10^-scale written as a plain decimal string. */
function writeUnits(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * `a × b ÷ c` rounded half-up to `places` decimals, computed exactly in integers (a conversion at a
 * rate: value × CNY per unit ÷ CNY per USD). The same figure as
 * `roundHalfUp(new ExactDecimal(a).times(b).div(c), places)`: that division rounds at the 64th
 * significant digit, which could only move a half-up rounding at `places` if the exact quotient had a
 * run of some 40 equal digits — impossible for a divisor of fewer than 40 digits. Inputs that are not
 * plain non-negative decimals, and a zero divisor, take the ExactDecimal path.
 */
export const mulDivHalfUp = (a: string, b: string, c: string, places: number): string => mulDivBy(b, c, places)(a);

/**
 * mulDivHalfUp at one rate for many values: the rate's integers are worked out once (a period run
 * converts tens of thousands of declarations at a few monthly rates).
 */
export function mulDivBy(b: string, c: string, places: number): (a: string) => string {
  const exact = (a: string) => roundHalfUp(new ExactDecimal(a).times(b).div(c), places);
  if (!PLAIN.test(b) || !PLAIN.test(c) || Number(c) === 0) return exact;
  const [y, z] = [unitsOf(b), unitsOf(c)];
  const times = y.units * TEN ** BigInt(z.scale + places) * 2n;
  const halves: bigint[] = []; // 2 × the divisor, per number of decimals of `a`
  return (a) => {
    if (!PLAIN.test(a)) return exact(a);
    const x = unitsOf(a);
    const twice = (halves[x.scale] ??= z.units * TEN ** BigInt(x.scale + y.scale) * 2n);
    return writeUnits((x.units * times + twice / 2n) / twice, places);
  };
}

/** Fen (分) as bigint: the fund ledger and the bank speak whole fen; people read yuan. */
/** Decimal yuan with at most two places to whole fen, exactly. */
export function cnyToFen(amountCny: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amountCny);
  if (!match) throw new Error(`not a non-negative amount of yuan with at most two decimals: ${amountCny}`);
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Whole fen to decimal yuan with two places. */
export const fenToCny = (fen: bigint) => (fen < 0n ? `-${writeUnits(-fen, 2)}` : writeUnits(fen, 2));
