import { ExactDecimal } from '../shared/money';
import { convertUnitPrice } from './units';

/** A reference price band of one product type in one library version (ARCHITECTURE §3.5: replayable). */
export interface ReferenceBand {
  productTypeCode: string;
  /** 3-digit declaration unit the prices are per. */
  unit: string;
  /** ISO 4217 alpha code. */
  currency: string;
  median: string;
  /** Interquartile range bounds: the robust spread. */
  q1: string;
  q3: string;
  sampleSize: number;
  windowFrom: string;
  windowTo: string;
  source: string;
  version: string;
}

/** Deviation limits as fractions of the median, configurable per category (DOMAIN §7: 30% / 50%). */
export interface BandPolicy {
  soft: string;
  hard: string;
}
export const defaultBandPolicy: BandPolicy = { soft: '0.30', hard: '0.50' };

export interface PricedLine {
  unitPrice: string;
  unit: string;
  currency: string;
}

export type PriceCheckStatus = 'ok' | 'low' | 'high' | 'unit_mismatch' | 'no_reference' | 'low_confidence_match';
/** none: accept; warning: the firm must give a remark; review: staff must review manually. */
export type PriceCheckSeverity = 'none' | 'warning' | 'review';

export interface PriceCheck {
  status: PriceCheckStatus;
  severity: PriceCheckSeverity;
  /** The line's price in the band's unit and currency, 6 decimals. */
  comparableUnitPrice: string | null;
  /** (price − median) / median, 4 decimals, signed. */
  deviation: string | null;
  reference: ReferenceBand | null;
  policy: BandPolicy;
  explanation: string;
}

/**
 * Converts a currency amount: `cnyPer` gives the customs monthly rate (CNY per one unit of the
 * currency) in force for the line's date; CNY itself is 1.
 */
export type CnyRate = (currency: string) => string | null;

const percent = (value: ExactDecimal) => `${value.mul(100).toFixed(1)}%`;

function describeBand(band: ReferenceBand): string {
  return (
    `reference median ${band.median} ${band.currency}/${band.unit} (IQR ${band.q1}–${band.q3}, n=${band.sampleSize}, ` +
    `${band.windowFrom}..${band.windowTo}, ${band.source}, version ${band.version})`
  );
}

/** Checks one line's unit price against its product type's reference band. Pure and exact (shared/money.ts). */
export function checkPrice(args: {
  line: PricedLine;
  band: ReferenceBand | null;
  policy?: BandPolicy;
  cnyRate: CnyRate;
  confidentMatch: boolean;
}): PriceCheck {
  const policy = args.policy ?? defaultBandPolicy;
  const base = { policy, reference: args.band, comparableUnitPrice: null, deviation: null };
  if (!args.confidentMatch) {
    return {
      ...base,
      status: 'low_confidence_match',
      severity: 'review',
      explanation: 'the description did not match a product type with confidence; staff review the price',
    };
  }
  const band = args.band;
  if (!band) {
    return {
      ...base,
      status: 'no_reference',
      severity: 'review',
      explanation: 'the product type has no reference price yet; the center reviews it and adds it to the library',
    };
  }
  const perUnit = convertUnitPrice(new ExactDecimal(args.line.unitPrice), args.line.unit, band.unit);
  if (!perUnit) {
    return {
      ...base,
      status: 'unit_mismatch',
      severity: 'review',
      explanation: `unit ${args.line.unit} cannot be converted to the reference unit ${band.unit}; ${describeBand(band)}`,
    };
  }
  const lineRate = args.cnyRate(args.line.currency);
  const bandRate = args.cnyRate(band.currency);
  if (!lineRate || !bandRate) {
    const missing = lineRate ? band.currency : args.line.currency;
    return {
      ...base,
      status: 'no_reference',
      severity: 'review',
      explanation: `no customs exchange rate for ${missing} in force for this line`,
    };
  }
  const comparable = perUnit.mul(lineRate).div(bandRate);
  const median = new ExactDecimal(band.median);
  const deviation = comparable.minus(median).div(median);
  const magnitude = deviation.abs();
  const severity: PriceCheckSeverity = magnitude.gt(policy.hard)
    ? 'review'
    : magnitude.gt(policy.soft)
      ? 'warning'
      : 'none';
  const status: PriceCheckStatus = severity === 'none' ? 'ok' : deviation.isNegative() ? 'low' : 'high';
  return {
    status,
    severity,
    policy,
    reference: band,
    comparableUnitPrice: comparable.toFixed(6),
    deviation: deviation.toFixed(4),
    explanation:
      `${comparable.toFixed(4)} ${band.currency}/${band.unit} is ${percent(deviation)} from the ${describeBand(band)}; ` +
      `soft band ±${percent(new ExactDecimal(policy.soft))} (remark required), hard band ±${percent(new ExactDecimal(policy.hard))} (manual review)`,
  };
}
