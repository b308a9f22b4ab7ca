import { ExactDecimal, isAmount, isCents, sumExact } from '../../shared/money';
import { apportionCents, toExactUsd, toUsd, type CnyPerUnitRates } from './value-cap';

/**
 * Simplified declaration (简化申报, DOMAIN §1.4, §10 rule 11): turns the goods lines of one
 * declaration into declared lines plus the correspondence list (简化归类清单). Pure and exact.
 *
 * Decisions (each pinned by a test in declaration.models.test.ts):
 * - A kind (品种) is one HS code with one declared name, compared exactly (upstream normalises names).
 *   Source lines of one kind are aggregated first. A kind is ineligible when any of its lines is:
 *   goods that may not be merged are never merged, even partly.
 * - Ineligible kinds are always itemised and do not count toward the top five (DOMAIN recommendation).
 * - Simplification applies with six or more eligible kinds. "5种以上" includes five, but with exactly
 *   five the top five are everything, so nothing changes.
 * - Ranking is by the exact USD value of a kind: the sum of its values converted once at the
 *   declaration's rates (value-cap.ts `toExactUsd`), not the sum of its lines' rounded USD, which
 *   could rank a kind of many small lines above a kind of greater value. Ties, in order: value
 *   (declaration currency) desc, hsCode asc, name asc, smallest source lineId asc; strings compare by
 *   UTF-16 code unit, never by locale. Kinds are unique by (hsCode, name), so the last key is a guard.
 * - USD values of the declared lines: each line's exact conversion, rounded by `apportionCents`, so
 *   the lines add up to `totalUsd`, the exact conversion of the declaration's value rounded once.
 *   Without `rates`, the goods lines' `valueUsd` are taken as exact (summed, never re-rounded).
 * - Declared line order: the itemised eligible kinds by rank (lines 1–5 when simplified, so the
 *   form reads as the regulation describes), then the merged chapter lines by rank of their total,
 *   then the ineligible kinds by rank. Without simplification: eligible kinds, then ineligible ones.
 * - Each remainder chapter gives one merged line, also when it holds a single kind, and also when a
 *   top-five kind shares the chapter. It carries the HS code and name of that chapter's
 *   highest-ranked remainder kind.
 * - Quantity: summed when every source line of the declared line has one unit. Otherwise the line
 *   declares the total net weight in kilograms (unit 035) and says why in `quantityNote`: units of
 *   different goods are not converted into each other (DOMAIN §1.4 option (a)).
 * - Values are summed exactly, keeping the finest scale of the summands.
 * - More than 50 declared lines is an error: the caller proposes a split.
 */

/** The declaration form's limit on goods lines [M]. */
export const MAX_DECLARATION_LINES = 50;
/** How many kinds the simplified form itemises. */
export const ITEMISED_KINDS = 5;
/** 千克, the unit merged lines fall back to when their units differ. */
export const KILOGRAM_UNIT = '035';

export interface GoodsLine {
  lineId: string;
  /** 8 or 10 digits. */
  hsCode: string;
  name: string;
  quantity: string;
  /** 3-digit declaration unit (计量单位). */
  unit: string;
  netWeightKg: string;
  /** In the declaration currency. */
  value: string;
  currency: string;
  /** Converted per line and rounded to cents (value-cap.ts `toUsd`). */
  valueUsd: string;
  /** False when the goods attract export duty, need inspection, or customs excludes them. */
  eligibleForSimplification: boolean;
}

export interface DeclaredLine {
  /** 1-based position on the declaration. */
  lineNo: number;
  hsCode: string;
  name: string;
  quantity: string;
  unit: string;
  value: string;
  currency: string;
  valueUsd: string;
  /** True for a chapter line of the simplified remainder. */
  merged: boolean;
  /** Ascending. */
  sourceLineIds: string[];
  quantityNote?: string;
}

export interface CorrespondenceSource {
  lineId: string;
  hsCode: string;
  name: string;
  quantity: string;
  unit: string;
  netWeightKg: string;
  value: string;
  valueUsd: string;
}

/** One entry of the 简化归类清单: a merged line and every source line it stands for. */
export interface CorrespondenceEntry {
  lineNo: number;
  /** First two digits of the HS code. */
  chapter: string;
  hsCode: string;
  name: string;
  /** By rank of their kind, then lineId ascending. */
  sources: CorrespondenceSource[];
}

export type SimplifiedDeclaration =
  | {
      ok: true;
      simplified: boolean;
      lines: DeclaredLine[];
      correspondence: CorrespondenceEntry[];
      /** Σ lines' valueUsd, which is the exact USD value of the goods rounded once. */
      totalUsd: string;
    }
  | { ok: false; reason: 'too_many_lines'; lineCount: number; maxLines: number }
  | { ok: false; reason: 'mixed_currencies'; currencies: string[] }
  | { ok: false; reason: 'no_lines' }
  | { ok: false; reason: 'missing_rate'; currency: string }
  | { ok: false; reason: 'invalid_line'; lineId: string; detail: string };

/** What the ranking looks at, for kinds and for merged chapter lines alike. */
interface Ranked {
  /** Exact, not rounded. */
  exactUsd: ExactDecimal;
  value: ExactDecimal;
  hsCode: string;
  name: string;
  /** The smallest source lineId. */
  firstLineId: string;
}

interface Kind extends Ranked {
  eligible: boolean;
  /** By lineId ascending. */
  lines: GoodsLine[];
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The ranking documented above: the first element is the most valuable. */
function compareRanked(a: Ranked, b: Ranked): number {
  return (
    b.exactUsd.comparedTo(a.exactUsd) ||
    b.value.comparedTo(a.value) ||
    compareStrings(a.hsCode, b.hsCode) ||
    compareStrings(a.name, b.name) ||
    compareStrings(a.firstLineId, b.firstLineId)
  );
}

function validateLine(line: GoodsLine): string | null {
  if (!/^[0-9]{8}([0-9]{2})?$/.test(line.hsCode)) return 'hsCode must be 8 or 10 digits';
  if (!/^[0-9]{3}$/.test(line.unit)) return 'unit must be a 3-digit declaration unit';
  if (line.name.trim() === '') return 'name must not be empty';
  if (!isAmount(line.quantity)) return 'quantity must be a non-negative decimal';
  if (!isAmount(line.netWeightKg)) return 'netWeightKg must be a non-negative decimal';
  if (!isAmount(line.value)) return 'value must be a non-negative decimal';
  if (!isCents(line.valueUsd)) return 'valueUsd must be a non-negative amount in whole cents';
  return null;
}

type InputProblem = Extract<SimplifiedDeclaration, { ok: false }>;

function checkInput(goods: readonly GoodsLine[]): InputProblem | null {
  if (goods.length === 0) return { ok: false, reason: 'no_lines' };
  const seen = new Set<string>();
  for (const line of goods) {
    if (seen.has(line.lineId))
      return { ok: false, reason: 'invalid_line', lineId: line.lineId, detail: 'lineId appears twice' };
    seen.add(line.lineId);
    const detail = validateLine(line);
    if (detail) return { ok: false, reason: 'invalid_line', lineId: line.lineId, detail };
  }
  const currencies = [...new Set(goods.map((line) => line.currency))].sort(compareStrings);
  if (currencies.length > 1) return { ok: false, reason: 'mixed_currencies', currencies };
  return null;
}

/** A kind's (or declared line's) exact USD: its value converted once, or Σ valueUsd without rates. */
type ExactUsdOf = (lines: readonly GoodsLine[]) => ExactDecimal;

function exactUsdOf(rates: CnyPerUnitRates | undefined, currency: string): ExactUsdOf | InputProblem {
  if (!rates) return (lines) => new ExactDecimal(sumExact(lines.map((line) => line.valueUsd)));
  const probe = toExactUsd('0', currency, rates);
  if (!probe.ok) {
    return { ok: false, reason: 'missing_rate', currency: probe.reason === 'missing_rate' ? probe.currency : currency };
  }
  return (lines) => {
    const converted = toExactUsd(sumExact(lines.map((line) => line.value)), currency, rates);
    if (!converted.ok) throw new Error(`cannot convert validated values: ${converted.reason}`);
    return converted.valueUsd;
  };
}

function groupKinds(goods: readonly GoodsLine[], exactUsd: ExactUsdOf): Kind[] {
  const kinds = new Map<string, GoodsLine[]>();
  for (const line of goods) {
    const key = JSON.stringify([line.hsCode, line.name]);
    kinds.set(key, [...(kinds.get(key) ?? []), line]);
  }
  return [...kinds.values()].map((lines) => {
    const sorted = [...lines].sort((a, b) => compareStrings(a.lineId, b.lineId));
    const first = sorted[0]!;
    return {
      hsCode: first.hsCode,
      name: first.name,
      eligible: sorted.every((line) => line.eligibleForSimplification),
      lines: sorted,
      exactUsd: exactUsd(sorted),
      value: new ExactDecimal(sumExact(sorted.map((line) => line.value))),
      firstLineId: first.lineId,
    };
  });
}

/** Quantity and unit of a declared line made of these source lines (see the quantity rule). */
function declaredQuantity(lines: readonly GoodsLine[]): { quantity: string; unit: string; quantityNote?: string } {
  const units = [...new Set(lines.map((line) => line.unit))].sort(compareStrings);
  if (units.length === 1) return { quantity: sumExact(lines.map((line) => line.quantity)), unit: units[0]! };
  return {
    quantity: sumExact(lines.map((line) => line.netWeightKg)),
    unit: KILOGRAM_UNIT,
    quantityNote: `source units differ (${units.join(', ')}); quantity is the total net weight in kg (035)`,
  };
}

type UnnumberedLine = Omit<DeclaredLine, 'lineNo' | 'valueUsd'> & { kinds: Kind[]; exactUsd: ExactDecimal };

/** Builds one declared line from kinds already in rank order; the first kind names the line. */
function buildLine(kinds: readonly Kind[], currency: string, merged: boolean): UnnumberedLine {
  const lines = kinds.flatMap((kind) => kind.lines);
  const head = kinds[0]!;
  return {
    hsCode: head.hsCode,
    name: head.name,
    ...declaredQuantity(lines),
    value: sumExact(lines.map((line) => line.value)),
    currency,
    exactUsd: kinds.reduce((sum: ExactDecimal, kind) => sum.plus(kind.exactUsd), new ExactDecimal(0)),
    merged,
    sourceLineIds: lines.map((line) => line.lineId).sort(compareStrings),
    kinds: [...kinds],
  };
}

/** Merges the remainder per HS chapter; chapter lines come back by rank of their totals. */
function mergeByChapter(remainder: readonly Kind[], currency: string): UnnumberedLine[] {
  const chapters = new Map<string, Kind[]>();
  for (const kind of remainder) {
    const chapter = kind.hsCode.slice(0, 2);
    chapters.set(chapter, [...(chapters.get(chapter) ?? []), kind]);
  }
  return [...chapters.values()]
    .map((kinds) => buildLine(kinds, currency, true))
    .sort((a, b) => compareRanked(rankKey(a), rankKey(b)));
}

const rankKey = (line: UnnumberedLine): Ranked => ({
  hsCode: line.hsCode,
  name: line.name,
  exactUsd: line.exactUsd,
  value: new ExactDecimal(line.value),
  firstLineId: line.sourceLineIds[0]!,
});

function correspondenceOf(line: DeclaredLine & { kinds: Kind[] }): CorrespondenceEntry {
  return {
    lineNo: line.lineNo,
    chapter: line.hsCode.slice(0, 2),
    hsCode: line.hsCode,
    name: line.name,
    sources: line.kinds.flatMap((kind) =>
      kind.lines.map((source) => ({
        lineId: source.lineId,
        hsCode: source.hsCode,
        name: source.name,
        quantity: source.quantity,
        unit: source.unit,
        netWeightKg: source.netWeightKg,
        value: source.value,
        valueUsd: source.valueUsd,
      })),
    ),
  };
}

/**
 * Builds the declared lines of one declaration, simplified when `simplify` is set and the eligible
 * goods hold six or more kinds, itemised otherwise. Same goods in any order give the same result.
 */
export function buildDeclarationLines(
  goods: readonly GoodsLine[],
  options: { simplify: boolean; rates?: CnyPerUnitRates },
): SimplifiedDeclaration {
  const problem = checkInput(goods);
  if (problem) return problem;
  const currency = goods[0]!.currency;
  const exactUsd = exactUsdOf(options.rates, currency);
  if (typeof exactUsd !== 'function') return exactUsd;
  const kinds = groupKinds(goods, exactUsd).sort(compareRanked);
  const eligible = kinds.filter((kind) => kind.eligible);
  const ineligible = kinds.filter((kind) => !kind.eligible);
  const simplified = options.simplify && eligible.length > ITEMISED_KINDS;
  const itemised = simplified ? eligible.slice(0, ITEMISED_KINDS) : eligible;
  const merged = simplified ? mergeByChapter(eligible.slice(ITEMISED_KINDS), currency) : [];
  const unnumbered = [
    ...itemised.map((kind) => buildLine([kind], currency, false)),
    ...merged,
    ...ineligible.map((kind) => buildLine([kind], currency, false)),
  ];
  if (unnumbered.length > MAX_DECLARATION_LINES) {
    return { ok: false, reason: 'too_many_lines', lineCount: unnumbered.length, maxLines: MAX_DECLARATION_LINES };
  }
  const usd = options.rates
    ? apportionCents(unnumbered.map((line) => line.exactUsd))
    : unnumbered.map((line) => sumExact(line.kinds.flatMap((kind) => kind.lines.map((source) => source.valueUsd))));
  const numbered = unnumbered.map(({ exactUsd: _exact, ...line }, index) => ({
    lineNo: index + 1,
    ...line,
    valueUsd: usd[index]!,
  }));
  const correspondence = numbered.filter((line) => line.merged).map(correspondenceOf);
  const lines = numbered.map(({ kinds: _kinds, ...line }): DeclaredLine => line);
  return { ok: true, simplified, lines, correspondence, totalUsd: sumExact(usd) };
}

// ---------------------------------------------------------------------------------------------
// Pricing a consolidation's goods for its declaration
// ---------------------------------------------------------------------------------------------

/** A consolidated transaction line, as the declaration reads it. */
export interface ConsolidatedLine {
  lineId: string;
  transactionId: string;
  description: string;
  hsCode: string;
  quantity: string;
  unit: string;
  amount: string;
  currency: string;
  /** The line's transaction: its total value and its net weight from the packing list. */
  transactionTotal: string;
  transactionNetWeightKg: string;
}

/** A goods line that knows its transaction (a transaction is never divided between declarations). */
export type SourcedGoodsLine = GoodsLine & { transactionId: string };

/**
 * The customs rates a declaration needs, CNY per one unit of each currency of its lines and of
 * USD, from `cnyPerUnitOf` (the monthly table of the declaration month); or the first currency
 * without a rate.
 */
export function declarationRates(
  currencies: readonly string[],
  cnyPerUnitOf: (currency: string) => string | null,
): { ok: true; rates: Record<string, string> } | { ok: false; currency: string } {
  const rates: Record<string, string> = { CNY: '1' };
  for (const currency of [...new Set(currencies), 'USD']) {
    const rate = cnyPerUnitOf(currency);
    if (rate === null) return { ok: false, currency };
    rates[currency] = rate;
  }
  return { ok: true, rates };
}

/**
 * Prices each consolidated line for the declaration: its value in USD (value-cap.ts `toUsd`, per
 * line, rounded to cents once), its share of its transaction's net weight (packing gives net
 * weight per transaction; a line gets the share of its value), and whether it may be merged by
 * simplified declaration. Or the first currency that cannot be converted.
 */
export function priceGoods(
  lines: readonly ConsolidatedLine[],
  rates: CnyPerUnitRates,
  simplifiable: (line: ConsolidatedLine) => boolean,
): { ok: true; goods: SourcedGoodsLine[] } | { ok: false; currency: string } {
  const goods: SourcedGoodsLine[] = [];
  for (const line of lines) {
    const conversion = toUsd(line.amount, line.currency, rates);
    if (!conversion.ok) return { ok: false, currency: line.currency };
    goods.push({
      lineId: line.lineId,
      transactionId: line.transactionId,
      hsCode: line.hsCode,
      name: line.description,
      quantity: line.quantity,
      unit: line.unit,
      netWeightKg: new ExactDecimal(line.transactionNetWeightKg).mul(line.amount).div(line.transactionTotal).toFixed(3),
      value: line.amount,
      currency: line.currency,
      valueUsd: conversion.valueUsd,
      eligibleForSimplification: simplifiable(line),
    });
  }
  return { ok: true, goods };
}

/** Each transaction's USD value, the exact sum of its lines', in order of first appearance. */
export function transactionValuesUsd(
  goods: readonly SourcedGoodsLine[],
): { transactionId: string; valueUsd: string }[] {
  const byTransaction = new Map<string, string[]>();
  for (const line of goods)
    byTransaction.set(line.transactionId, [...(byTransaction.get(line.transactionId) ?? []), line.valueUsd]);
  return [...byTransaction].map(([transactionId, values]) => ({ transactionId, valueUsd: sumExact(values) }));
}

/** Groups of whole transactions, in trading order, each with at most 50 source lines (so each fits itemised). */
export function splitByLines(goods: readonly { transactionId: string }[]) {
  const counts = new Map<string, number>();
  for (const line of goods) counts.set(line.transactionId, (counts.get(line.transactionId) ?? 0) + 1);
  const groups: { transactionIds: string[]; lineCount: number }[] = [];
  for (const [transactionId, count] of counts) {
    const last = groups.at(-1);
    if (last && last.lineCount + count <= MAX_DECLARATION_LINES) {
      last.transactionIds.push(transactionId);
      last.lineCount += count;
    } else groups.push({ transactionIds: [transactionId], lineCount: count });
  }
  return groups;
}
