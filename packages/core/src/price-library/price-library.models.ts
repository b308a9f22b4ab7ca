import { ExactDecimal } from '../shared/money';
import { cnyPerUnit, type MonthlyRates } from '../exchange-rates/exchange-rates.service';
import { monthOf } from '../shared/dates';
import { checkPrice, defaultBandPolicy, type BandPolicy, type PriceCheck, type ReferenceBand } from './price-check';
import type { MatchCandidate, Matcher, ProductType } from './price-library.catalogue';
import { convertUnitPrice, unitFactor } from './units';

/** Pure rules of the price library: band choice, robust statistics, answers to a match, diffs. No I/O. */

/** A reference band as stored in a version (the version is the one holding it): prices are decimal strings. */
export type Band = Omit<ReferenceBand, 'version'>;

export interface BandPolicies {
  byCategory: Record<string, BandPolicy>;
  default: BandPolicy;
}

export const initialBandPolicies: BandPolicies = { byCategory: {}, default: defaultBandPolicy };

/** A version held in memory for matching: its product types, bands and the matcher built from them. */
export interface LoadedVersion {
  id: string;
  label: string;
  policies: BandPolicies;
  types: ReadonlyMap<string, ProductType>;
  bands: ReadonlyMap<string, readonly Band[]>;
  matcher: Matcher;
}

/**
 * Prices read back from numeric(18,6) carry six decimals; bands show at least two and no trailing
 * zeros beyond them (40.000000 → 40.00, 0.047000 → 0.047), the same on every read.
 */
export function trimDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const [whole, fraction = ''] = value.replace(/0+$/, '').split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

export const bandKey = (band: Pick<Band, 'productTypeCode' | 'unit'>) => `${band.productTypeCode} ${band.unit}`;

/** Bands grouped by product type, each group ordered by unit code (a stable choice order). */
export function groupBands(bands: readonly Band[]): Map<string, Band[]> {
  const byType = new Map<string, Band[]>();
  for (const band of bands) byType.set(band.productTypeCode, [...(byType.get(band.productTypeCode) ?? []), band]);
  for (const group of byType.values()) group.sort((a, b) => compareText(a.unit, b.unit));
  return byType;
}

export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The band a line is checked against: the band in the line's own unit; else the first band whose
 * unit the line's converts to; else the band in the type's default unit (which the check then
 * reports as a unit mismatch); else any band.
 */
export function selectBand(bands: readonly Band[], lineUnit: string, defaultUnit: string): Band | null {
  return (
    bands.find((band) => band.unit === lineUnit) ??
    bands.find((band) => unitFactor(lineUnit, band.unit) !== null) ??
    bands.find((band) => band.unit === defaultUnit) ??
    bands[0] ??
    null
  );
}

export const policyFor = (policies: BandPolicies, category: string | undefined): BandPolicy =>
  (category !== undefined ? policies.byCategory[category] : undefined) ?? policies.default;

/** One goods line to match, as validated and normalised. */
export interface MatchItem {
  description: string;
  unitPrice?: string | undefined;
  unit?: string | undefined;
  currency?: string | undefined;
  /** The line's date: its month picks the customs exchange rate. */
  lineDate: string;
}

export const CANDIDATE_LIMIT = 5;

export interface ItemPriceCheck extends PriceCheck {
  /** The customs rates the check used (CNY per unit), by the line's month. */
  exchangeRates: { month: string; cnyPerUnit: Record<string, string | null> };
}

export interface ItemResult {
  abstained: boolean;
  candidates: MatchCandidate[];
  priceCheck?: ItemPriceCheck;
}

/**
 * Answers one line against one version: candidates best first and, when the line has a price,
 * the check of that price against the top candidate's band. Deterministic in (version, item, rates).
 */
export function answerItem(version: LoadedVersion, item: MatchItem, rates: MonthlyRates): ItemResult {
  const outcome = version.matcher.match(item.description, CANDIDATE_LIMIT);
  const candidates = [...outcome.candidates]
    .sort((a, b) => b.score - a.score || compareText(a.productTypeCode, b.productTypeCode))
    .slice(0, CANDIDATE_LIMIT)
    .map(({ productTypeCode, hsCode, name, score, matchedTerms }) => ({
      productTypeCode,
      hsCode,
      name,
      score,
      matchedTerms: [...matchedTerms],
    }));
  const result: ItemResult = { abstained: outcome.abstained, candidates };
  if (item.unitPrice === undefined || item.unit === undefined || item.currency === undefined) return result;

  const top = outcome.abstained ? undefined : candidates[0];
  const type = top ? version.types.get(top.productTypeCode) : undefined;
  const band = type ? selectBand(version.bands.get(type.code) ?? [], item.unit, type.defaultUnit) : null;
  const month = monthOf(item.lineDate);
  const currencies = [...new Set([item.currency, ...(band ? [band.currency] : [])])].sort();
  const check = checkPrice({
    line: { unitPrice: item.unitPrice, unit: item.unit, currency: item.currency },
    band: band ? { ...band, version: version.label } : null,
    policy: policyFor(version.policies, type?.category),
    cnyRate: (currency) => cnyPerUnit(rates, month, currency),
    confidentMatch: type !== undefined,
  });
  result.priceCheck = {
    ...check,
    exchangeRates: {
      month,
      cnyPerUnit: Object.fromEntries(currencies.map((currency) => [currency, cnyPerUnit(rates, month, currency)])),
    },
  };
  return result;
}

/** JSON with sorted keys: two results are identical exactly when their canonical forms are equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// ---------------------------------------------------------------------------------------------
// Robust statistics for the dynamic adjustment (价格库动态调整)
// ---------------------------------------------------------------------------------------------

/** Quantile by linear interpolation between order statistics (Hyndman–Fan type 7, Excel QUARTILE.INC). */
export function quantile(sorted: readonly ExactDecimal[], p: number): ExactDecimal {
  if (sorted.length === 0) throw new Error('quantile of an empty sample');
  const position = new ExactDecimal(sorted.length - 1).mul(p);
  const lower = position.floor().toNumber();
  const fraction = position.minus(lower);
  const low = sorted[lower]!;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)]!;
  return low.plus(high.minus(low).mul(fraction));
}

export interface RobustSummary {
  median: ExactDecimal;
  q1: ExactDecimal;
  q3: ExactDecimal;
  /** Observations inside Tukey's fences, which the summary is computed from. */
  kept: number;
  /** Observations outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR], dropped as outliers. */
  trimmed: number;
}

/**
 * Tukey's fences, one pass: observations outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR] of the whole sample
 * are dropped, and median and quartiles are taken over the rest. One pass only, so a tight cluster
 * is not eroded by repeated trimming. Exact (decimal) throughout.
 */
export function robustSummary(values: readonly ExactDecimal[]): RobustSummary {
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const reach = q3.minus(q1).mul(1.5);
  const kept = sorted.filter((value) => value.gte(q1.minus(reach)) && value.lte(q3.plus(reach)));
  return {
    median: quantile(kept, 0.5),
    q1: quantile(kept, 0.25),
    q3: quantile(kept, 0.75),
    kept: kept.length,
    trimmed: sorted.length - kept.length,
  };
}

export interface Observation {
  productTypeCode: string;
  unit: string;
  currency: string;
  unitPrice: string;
  observedOn: string;
}

/**
 * An observed price in a band's unit and currency: unit through the official unit table, currency
 * through the customs rates of the observation's month. Null when either conversion is impossible.
 */
export function toBandTerms(
  observation: Observation,
  band: Pick<Band, 'unit' | 'currency'>,
  rates: MonthlyRates,
): ExactDecimal | null {
  const perUnit = convertUnitPrice(new ExactDecimal(observation.unitPrice), observation.unit, band.unit);
  if (!perUnit) return null;
  const month = monthOf(observation.observedOn);
  const from = cnyPerUnit(rates, month, observation.currency);
  const to = cnyPerUnit(rates, month, band.currency);
  if (!from || !to) return null;
  return perUnit.mul(from).div(to);
}

export interface AdjustmentParameters {
  windowFrom: string;
  windowTo: string;
  minSampleSize: number;
}

export interface AdjustedBands {
  bands: Band[];
  recomputed: number;
  kept: number;
  added: number;
  observationsUsed: number;
  observationsTrimmed: number;
  observationsUnconvertible: number;
}

const toPrice = (value: ExactDecimal) => value.toDecimalPlaces(6, ExactDecimal.ROUND_HALF_EVEN).toFixed(6);

/**
 * Recomputes every band from the observations of its product type in the window. A band whose
 * trimmed sample is smaller than `minSampleSize` keeps its old values; a product type without a
 * band gets one in its default unit and CNY when it has enough observations.
 */
export function adjustBands(args: {
  types: readonly ProductType[];
  bands: readonly Band[];
  observations: readonly Observation[];
  rates: MonthlyRates;
  parameters: AdjustmentParameters;
}): AdjustedBands {
  const { parameters } = args;
  const byType = new Map<string, Observation[]>();
  for (const observation of args.observations) {
    byType.set(observation.productTypeCode, [...(byType.get(observation.productTypeCode) ?? []), observation]);
  }
  const existing = groupBands(args.bands);
  const counts = {
    recomputed: 0,
    kept: 0,
    added: 0,
    observationsUsed: 0,
    observationsTrimmed: 0,
    observationsUnconvertible: 0,
  };
  const source = `adjustment: accepted transaction lines ${parameters.windowFrom}..${parameters.windowTo}, Tukey 1.5×IQR trimmed`;

  const recompute = (
    template: Pick<Band, 'productTypeCode' | 'unit' | 'currency'>,
    observations: readonly Observation[],
  ): Band | null => {
    const values = observations.map((observation) => toBandTerms(observation, template, args.rates));
    const usable = values.filter((value): value is ExactDecimal => value !== null && value.gt(0));
    counts.observationsUnconvertible += values.length - usable.length;
    if (usable.length < parameters.minSampleSize) return null;
    const summary = robustSummary(usable);
    if (summary.kept < parameters.minSampleSize) return null;
    counts.observationsUsed += summary.kept;
    counts.observationsTrimmed += summary.trimmed;
    return {
      ...template,
      median: toPrice(summary.median),
      q1: toPrice(summary.q1),
      q3: toPrice(summary.q3),
      sampleSize: summary.kept,
      windowFrom: parameters.windowFrom,
      windowTo: parameters.windowTo,
      source,
    };
  };

  const bands: Band[] = [];
  for (const type of [...args.types].sort((a, b) => compareText(a.code, b.code))) {
    const observations = byType.get(type.code) ?? [];
    const current = existing.get(type.code) ?? [];
    if (current.length === 0) {
      const fresh = observations.length
        ? recompute({ productTypeCode: type.code, unit: type.defaultUnit, currency: 'CNY' }, observations)
        : null;
      if (fresh) {
        bands.push(fresh);
        counts.added += 1;
      }
      continue;
    }
    for (const band of current) {
      const fresh = observations.length ? recompute(band, observations) : null;
      bands.push(fresh ?? band);
      if (fresh) counts.recomputed += 1;
      else counts.kept += 1;
    }
  }
  return { bands, ...counts };
}

// ---------------------------------------------------------------------------------------------
// Diffs between versions
// ---------------------------------------------------------------------------------------------

export interface BandChange {
  productTypeCode: string;
  unit: string;
  from: Band;
  to: Band;
  /** (new − old) / old median × 100, 2 decimals; null when the currency changed. */
  medianChangePercent: string | null;
}

export interface BandsDiff {
  added: Band[];
  removed: Band[];
  changed: BandChange[];
  unchanged: number;
}

const sameBand = (a: Band, b: Band) =>
  a.currency === b.currency &&
  new ExactDecimal(a.median).eq(b.median) &&
  new ExactDecimal(a.q1).eq(b.q1) &&
  new ExactDecimal(a.q3).eq(b.q3) &&
  a.sampleSize === b.sampleSize &&
  a.windowFrom === b.windowFrom &&
  a.windowTo === b.windowTo &&
  a.source === b.source;

/** Bands added, removed and changed going from `from` to `to`, keyed by (product type, unit), in key order. */
export function diffBands(from: readonly Band[], to: readonly Band[]): BandsDiff {
  const before = new Map(from.map((band) => [bandKey(band), band]));
  const after = new Map(to.map((band) => [bandKey(band), band]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  const diff: BandsDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const key of keys) {
    const old = before.get(key);
    const fresh = after.get(key);
    if (!old && fresh) diff.added.push(fresh);
    else if (old && !fresh) diff.removed.push(old);
    else if (old && fresh && sameBand(old, fresh)) diff.unchanged += 1;
    else if (old && fresh) {
      diff.changed.push({
        productTypeCode: fresh.productTypeCode,
        unit: fresh.unit,
        from: old,
        to: fresh,
        medianChangePercent:
          old.currency === fresh.currency
            ? new ExactDecimal(fresh.median).minus(old.median).div(old.median).mul(100).toFixed(2)
            : null,
      });
    }
  }
  return diff;
}

/** Product-type codes only in `to` (added) and only in `from` (removed), sorted. */
/** Aliases added and removed per product type present in both lists (learned aliases show here). */
export function diffAliases(
  from: readonly { code: string; aliases: readonly string[] }[],
  to: readonly { code: string; aliases: readonly string[] }[],
): { code: string; aliasesAdded: string[]; aliasesRemoved: string[] }[] {
  const before = new Map(from.map((type) => [type.code, new Set(type.aliases)]));
  return to
    .flatMap((type) => {
      const old = before.get(type.code);
      if (!old) return [];
      const now = new Set(type.aliases);
      const aliasesAdded = [...now].filter((alias) => !old.has(alias)).sort(compareText);
      const aliasesRemoved = [...old].filter((alias) => !now.has(alias)).sort(compareText);
      return aliasesAdded.length || aliasesRemoved.length ? [{ code: type.code, aliasesAdded, aliasesRemoved }] : [];
    })
    .sort((a, b) => compareText(a.code, b.code));
}

export function diffCodes(from: Iterable<string>, to: Iterable<string>): { added: string[]; removed: string[] } {
  const before = new Set(from);
  const after = new Set(to);
  return {
    added: [...after].filter((code) => !before.has(code)).sort(compareText),
    removed: [...before].filter((code) => !after.has(code)).sort(compareText),
  };
}
