import { ExactDecimal, isAmount, isCents, roundHalfUp, sumExact } from '../../shared/money';

/**
 * The USD 150,000 value cap of one market-procurement declaration (DOMAIN §1.6, §10 rule 10) and the
 * rounding rule of converting money to USD. Pure functions, exact decimals (shared/money.ts), amounts
 * as decimal strings.
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

/** The cap in USD, inclusive: a declaration of exactly 150,000.00 USD is allowed. */
export const USD_VALUE_CAP = '150000.00';

/** Customs monthly rates (DOMAIN §9): CNY per one unit of each currency, e.g. `{ CNY: '1', USD: '7.1' }`. */
export type CnyPerUnitRates = Readonly<Record<string, string>>;

export type UsdConversion =
  | { ok: true; valueUsd: string }
  | { ok: false; reason: 'invalid_amount'; value: string }
  | { ok: false; reason: 'missing_rate'; currency: string };

export type ExactUsdConversion = { ok: true; valueUsd: ExactDecimal } | Extract<UsdConversion, { ok: false }>;

/**
 * Converts one line's value to USD at the customs monthly rate: value × CNY-per-currency ÷
 * CNY-per-USD, computed exactly and rounded half-up to cents once, at the end.
 */
export function toUsd(value: string, currency: string, rates: CnyPerUnitRates): UsdConversion {
  const exact = toExactUsd(value, currency, rates);
  return exact.ok ? { ok: true, valueUsd: roundHalfUp(exact.valueUsd, 2) } : exact;
}

/** The same conversion, not rounded: exact but for the one division, carried at 64 significant digits. */
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
  // Multiply before dividing so the only inexact step is the final division, at 64 digits.
  return { ok: true, valueUsd: new ExactDecimal(value).mul(cnyPerUnit).div(cnyPerUsd) };
}

/**
 * Rounds non-negative exact USD amounts to cents so that they add up to their exact sum rounded
 * half-up once (largest remainder): each part is cut down to cents, and the cents the cutting lost
 * go, one each, to the parts that lost most (ties: the earlier part). Every part ends within one cent
 * of its exact value, and a larger part never ends below a smaller one.
 */
export function apportionCents(exactUsd: readonly ExactDecimal[]): string[] {
  const total = exactUsd.reduce((sum: ExactDecimal, part) => sum.plus(part), new ExactDecimal(0));
  const floors = exactUsd.map((part) => part.toDecimalPlaces(2, ExactDecimal.ROUND_DOWN));
  const floorSum = floors.reduce((sum: ExactDecimal, part) => sum.plus(part), new ExactDecimal(0));
  const missingCents = total.toDecimalPlaces(2, ExactDecimal.ROUND_HALF_UP).minus(floorSum).mul(100).toNumber();
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

const byValueDescThenId = (a: { id: string; value: ExactDecimal }, b: { id: string; value: ExactDecimal }): number =>
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
  const bins: { ids: string[]; total: ExactDecimal }[] = [];
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
