import Decimal from 'decimal.js';

/**
 * The USD 150,000 value cap of one market-procurement declaration (DOMAIN §1.6, §10 rule 10) and the
 * money arithmetic the trade rules share. Pure functions, exact decimals, amounts as decimal strings.
 *
 * Rounding rules, used everywhere in packages/core/src/trade:
 * - For the cap check and the split proposal, a value is converted to USD once, per line (or per
 *   transaction), and rounded half-up to cents at the end of that conversion (`toUsd`). Everything
 *   after that is exact addition of cents: the cap check and the split proposal never round again,
 *   and `checkValueCap` refuses USD amounts finer than a cent. Why per line: totals stay additive.
 *   The sum of the groups `proposeSplit` proposes is exactly the total of the packing list, and each
 *   group's total is exactly what `checkValueCap` computes for the declaration built from it. The cost
 *   is a drift of at most half a cent per line against converting the total once (open question for
 *   Baoding customs: how their system rounds the cap check).
 * - The declared lines do not inherit that drift: their USD values are the exact conversions of their
 *   values (`toExactUsd`), rounded by `apportionCents` so that they add up to the exact conversion
 *   of the declaration's value rounded once. A declared line of many small source lines would
 *   otherwise carry up to half a cent per source line (seen: 2000.21 declared against 2000.15).
 */

/** Exact decimal arithmetic: 60 significant digits is far beyond any sum of money strings we accept. */
export const ExactDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

/** The cap in USD, inclusive: a declaration of exactly 150,000.00 USD is allowed. */
export const USD_VALUE_CAP = '150000.00';

const AMOUNT = /^(0|[1-9][0-9]{0,17})(\.[0-9]{1,6})?$/;
const CENTS = /^(0|[1-9][0-9]{0,17})(\.[0-9]{1,2})?$/;

/** A non-negative plain decimal string: up to 18 integer digits and 6 decimals, no exponent or sign. */
export const isAmount = (input: string): boolean => AMOUNT.test(input);
/** A non-negative USD amount in whole cents (at most 2 decimals). */
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

/** Customs monthly rates (DOMAIN §9): CNY per one unit of each currency, e.g. `{ CNY: '1', USD: '7.1' }`. */
export type CnyPerUnitRates = Readonly<Record<string, string>>;

export type UsdConversion =
  | { ok: true; valueUsd: string }
  | { ok: false; reason: 'invalid_amount'; value: string }
  | { ok: false; reason: 'missing_rate'; currency: string };

export type ExactUsdConversion = { ok: true; valueUsd: Decimal } | Extract<UsdConversion, { ok: false }>;

/**
 * Converts one line's value to USD at the customs monthly rate: value × CNY-per-currency ÷
 * CNY-per-USD, computed exactly and rounded half-up to cents once, at the end.
 */
export function toUsd(value: string, currency: string, rates: CnyPerUnitRates): UsdConversion {
  const exact = toExactUsd(value, currency, rates);
  return exact.ok ? { ok: true, valueUsd: exact.valueUsd.toFixed(2, Decimal.ROUND_HALF_UP) } : exact;
}

/** The same conversion, not rounded: exact but for the one division, carried at 60 significant digits. */
export function toExactUsd(value: string, currency: string, rates: CnyPerUnitRates): ExactUsdConversion {
  if (!isAmount(value)) return { ok: false, reason: 'invalid_amount', value };
  const cnyPerUnit = currency === 'CNY' ? (rates.CNY ?? '1') : rates[currency];
  if (cnyPerUnit === undefined || !isAmount(cnyPerUnit) || new ExactDecimal(cnyPerUnit).isZero()) {
    return { ok: false, reason: 'missing_rate', currency };
  }
  const cnyPerUsd = rates.USD;
  if (cnyPerUsd === undefined || !isAmount(cnyPerUsd) || new ExactDecimal(cnyPerUsd).isZero()) {
    return { ok: false, reason: 'missing_rate', currency: 'USD' };
  }
  if (currency === 'USD') return { ok: true, valueUsd: new ExactDecimal(value) };
  // Multiply before dividing so the only inexact step is the final division, at 60 digits.
  return { ok: true, valueUsd: new ExactDecimal(value).mul(cnyPerUnit).div(cnyPerUsd) };
}

/**
 * Rounds non-negative exact USD amounts to cents so that they add up to their exact sum rounded
 * half-up once (largest remainder): each part is cut down to cents, and the cents the cutting lost
 * go, one each, to the parts that lost most (ties: the earlier part). Every part ends within one cent
 * of its exact value, and a larger part never ends below a smaller one.
 */
export function apportionCents(exactUsd: readonly Decimal[]): string[] {
  const total = exactUsd.reduce((sum: Decimal, part) => sum.plus(part), new ExactDecimal(0));
  const floors = exactUsd.map((part) => part.toDecimalPlaces(2, Decimal.ROUND_DOWN));
  const floorSum = floors.reduce((sum: Decimal, part) => sum.plus(part), new ExactDecimal(0));
  const missingCents = total.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).minus(floorSum).mul(100).toNumber();
  const byRemainder = exactUsd
    .map((part, index) => ({ index, remainder: part.minus(floors[index]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of byRemainder.slice(0, missingCents)) floors[index] = floors[index]!.plus('0.01');
  return floors.map((part) => part.toFixed(2));
}

export type ValueCapCheck =
  | { ok: true; totalUsd: string; capUsd: string; headroomUsd: string }
  | { ok: false; reason: 'over_value_cap'; totalUsd: string; capUsd: string; excessUsd: string }
  | { ok: false; reason: 'invalid_amount'; itemId: string; valueUsd: string };

/**
 * Σ valueUsd of a declaration's lines (or of the transactions going into it) against the cap,
 * inclusive, exactly. Amounts must already be whole cents (see the rounding rule above).
 */
export function checkValueCap(
  items: readonly { lineId?: string; transactionId?: string; valueUsd: string }[],
  capUsd: string = USD_VALUE_CAP,
): ValueCapCheck {
  for (const [index, item] of items.entries()) {
    if (!isCents(item.valueUsd)) {
      const itemId = item.lineId ?? item.transactionId ?? `#${index}`;
      return { ok: false, reason: 'invalid_amount', itemId, valueUsd: item.valueUsd };
    }
  }
  const total = new ExactDecimal(sumExact(items.map((item) => item.valueUsd)));
  const cap = new ExactDecimal(capUsd);
  const totalUsd = total.toFixed(2);
  if (total.lte(cap)) return { ok: true, totalUsd, capUsd: cap.toFixed(2), headroomUsd: cap.minus(total).toFixed(2) };
  return {
    ok: false,
    reason: 'over_value_cap',
    totalUsd,
    capUsd: cap.toFixed(2),
    excessUsd: total.minus(cap).toFixed(2),
  };
}

export interface SplitGroup {
  /** In placement order: descending value, ties by transaction id. */
  transactionIds: string[];
  totalUsd: string;
}

export type SplitProposal =
  | { ok: true; groups: SplitGroup[] }
  | {
      ok: false;
      reason: 'unsplittable';
      /** Transactions that alone exceed the cap; a transaction is never divided between declarations. */
      unsplittable: { transactionId: string; valueUsd: string }[];
      /** The proposal for the remaining transactions. */
      groups: SplitGroup[];
    }
  | { ok: false; reason: 'invalid_input'; transactionId: string; detail: string };

const byValueDescThenId = (a: { id: string; value: Decimal }, b: { id: string; value: Decimal }): number =>
  b.value.comparedTo(a.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Groups transactions into declarations of at most `capUsd` each, by first-fit decreasing: take the
 * transactions in descending value (ties: transaction id ascending, by code unit), put each into the
 * first group, in creation order, that still has room, else open a new group. Deterministic for any
 * input order. First-fit decreasing is not always minimal, but it never uses more than 11/9 OPT + 6/9
 * groups and a reviewer can replay it by hand.
 */
export function proposeSplit(
  transactions: readonly { transactionId: string; valueUsd: string }[],
  capUsd: string = USD_VALUE_CAP,
): SplitProposal {
  const seen = new Set<string>();
  for (const transaction of transactions) {
    if (!isCents(transaction.valueUsd)) {
      return {
        ok: false,
        reason: 'invalid_input',
        transactionId: transaction.transactionId,
        detail: 'valueUsd must be a non-negative amount in whole cents',
      };
    }
    if (seen.has(transaction.transactionId)) {
      return {
        ok: false,
        reason: 'invalid_input',
        transactionId: transaction.transactionId,
        detail: 'transaction listed twice',
      };
    }
    seen.add(transaction.transactionId);
  }
  const cap = new ExactDecimal(capUsd);
  const sorted = transactions
    .map((transaction) => ({
      id: transaction.transactionId,
      value: new ExactDecimal(transaction.valueUsd),
      raw: transaction.valueUsd,
    }))
    .sort(byValueDescThenId);
  const unsplittable = sorted
    .filter((item) => item.value.gt(cap))
    .map((item) => ({ transactionId: item.id, valueUsd: item.raw }));
  const bins: { ids: string[]; total: Decimal }[] = [];
  for (const item of sorted) {
    if (item.value.gt(cap)) continue;
    const bin = bins.find((candidate) => candidate.total.plus(item.value).lte(cap));
    if (bin) {
      bin.ids.push(item.id);
      bin.total = bin.total.plus(item.value);
    } else {
      bins.push({ ids: [item.id], total: item.value });
    }
  }
  const groups = bins.map((bin) => ({ transactionIds: bin.ids, totalUsd: bin.total.toFixed(2) }));
  return unsplittable.length > 0 ? { ok: false, reason: 'unsplittable', unsplittable, groups } : { ok: true, groups };
}
