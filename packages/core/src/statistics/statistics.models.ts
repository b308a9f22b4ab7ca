import type { DeclarationState } from '../trade/declarations/declaration-lifecycle';
import { addMonths, chinaDate, monthOf } from '../shared/dates';

/**
 * Pure rules of the monthly statistics (DOMAIN §8.3, §10 rule 16). No I/O.
 *
 * Counting basis. A declaration is counted once customs have released it (放行), and it stays
 * counted when exported, until customs cancel it (撤销/删单 after release). Its statistics date, the
 * "export date" of the issue, is the China date of the release: customs trade statistics take the
 * release date (海关放行日期) as the statistical time of an export [M], every released or exported
 * declaration has it, and it never moves afterwards, so the later `export` event (departure) does not
 * shift a declaration between months. Transaction dates play no part, except for the risk figures
 * (price warnings, hard-band reviews, refused transactions), which concern sales that are mostly
 * never declared and are therefore counted by the transaction's trade date.
 */

export const apiDimensions = [
  'totals',
  'country',
  'chapter',
  'heading',
  'product_type',
  'operator',
  'merchant',
  'transport',
  'fx',
  'risk',
] as const;
export type ApiDimension = (typeof apiDimensions)[number];

/** Dimensions stored in a snapshot: the API's plus `rail` (China–Europe rail, shown within transport). */
export const rawDimensions = [...apiDimensions, 'rail'] as const;
export type RawDimension = (typeof rawDimensions)[number];

export const periods = ['month', 'ytd', 'lastYear', 'ytdLastYear'] as const;
export type Period = (typeof periods)[number];
export type PeriodValues = Record<Period, string>;

/** One raw figure of one member: the four periods, each a 2-decimal string. */
export interface RawFigure {
  dimension: RawDimension;
  member: string;
  figure: string;
  values: PeriodValues;
}

/** The four periods of a month: the month, January to it, the same month last year, January to it last year. */
export function periodsOf(month: string) {
  const year = month.slice(0, 4);
  const lastYear = addMonths(month, -12);
  return { month, ytdFrom: `${year}-01`, lastYear, ytdLastYearFrom: `${lastYear.slice(0, 4)}-01` };
}

/** The months whose published figures a change to `month` alters: later months of its year (YTD) and of the next year (last-year columns). */
export function monthsAffectedBy(month: string) {
  const next = addMonths(month, 12);
  return {
    sameYear: { from: month, to: `${month.slice(0, 4)}-12` },
    nextYear: { from: next, to: `${next.slice(0, 4)}-12` },
  };
}

/** The month a state is counted in (China month of the release), or null when it is not counted. */
export function countedMonth(state: DeclarationState): { month: string; exportDate: string } | null {
  if (state.status !== 'released' && state.status !== 'exported') return null;
  const exportDate = chinaDate(new Date(state.releasedAt));
  return { month: monthOf(exportDate), exportDate };
}

/** Every counted figure (raw), per dimension, with its Chinese label and kind (money to the cent, or a count). */
export const figureLabels: Record<string, { zh: string; kind: 'money' | 'count' | 'percent' | 'days' }> = {
  valueUsd: { zh: '出口额(美元)', kind: 'money' },
  valueCny: { zh: '出口额(人民币)', kind: 'money' },
  declarations: { zh: '报关单数', kind: 'count' },
  transactions: { zh: '交易笔数', kind: 'count' },
  goodsLines: { zh: '商品明细条数', kind: 'count' },
  containers: { zh: '集装箱数', kind: 'count' },
  teu: { zh: '标准箱(TEU)', kind: 'count' },
  operators: { zh: '活跃经营者数', kind: 'count' },
  merchants: { zh: '活跃商户数', kind: 'count' },
  purchasers: { zh: '活跃采购商数', kind: 'count' },
  sharePct: { zh: '占出口额比重(%)', kind: 'percent' },
  declaredUsd: { zh: '申报出口额(美元)', kind: 'money' },
  receivedUsd: { zh: '已收汇(美元)', kind: 'money' },
  allocations: { zh: '收汇核销笔数', kind: 'count' },
  collectionDays: { zh: '收汇天数合计', kind: 'count' },
  collectionRatioPct: { zh: '收汇率(%)', kind: 'percent' },
  averageCollectionDays: { zh: '平均收汇天数', kind: 'days' },
  warningLines: { zh: '价格预警明细数', kind: 'count' },
  hardBandLines: { zh: '超硬区间复核明细数', kind: 'count' },
  reviewTransactions: { zh: '转人工复核交易数', kind: 'count' },
  rejectedTransactions: { zh: '退回(拒绝)交易数', kind: 'count' },
};

/** Raw figures each dimension shows, in order. */
export const exportFigures: Record<Exclude<RawDimension, 'fx' | 'risk'>, readonly string[]> = {
  totals: ['valueUsd', 'valueCny', 'declarations', 'transactions', 'goodsLines', 'containers', 'teu'],
  country: ['valueUsd', 'valueCny', 'declarations', 'transactions'],
  chapter: ['valueUsd', 'valueCny', 'goodsLines'],
  heading: ['valueUsd', 'valueCny', 'goodsLines'],
  product_type: ['valueUsd', 'valueCny', 'goodsLines'],
  operator: ['valueUsd', 'valueCny', 'declarations', 'transactions'],
  merchant: ['valueUsd', 'valueCny', 'transactions', 'goodsLines'],
  transport: ['valueUsd', 'valueCny', 'declarations', 'containers', 'teu'],
  rail: ['valueUsd', 'valueCny', 'declarations', 'containers', 'teu'],
};

/**
 * TEU per container of the customs container-type list (集装箱规格): the 2*标准箱 (L) types are
 * 40-foot (2 TEU), the 标准箱 (S) types 20-foot (1 TEU). statistics.models.test.ts holds this table
 * against the names in the reference file, so a new edition cannot silently disagree.
 */
export const TEU_BY_CONTAINER_TYPE: Readonly<Record<string, 1 | 2>> = {
  '11': 2,
  '12': 2,
  '13': 2,
  '32': 2,
  '21': 1,
  '22': 1,
  '23': 1,
  '31': 1,
};
export const TWO_TEU_CONTAINER_TYPES = Object.entries(TEU_BY_CONTAINER_TYPE)
  .filter(([, teu]) => teu === 2)
  .map(([code]) => code);

/**
 * Figures are 2-decimal strings ('123.45', '5.00'); percentages and ratios are computed on them as
 * integers of hundredths (BigInt), exactly, rounded half away from zero (as decimal.js ROUND_HALF_UP),
 * which is also fast enough for reports of thousands of members.
 */
const hundredthsOf = (value: string): bigint => {
  if (!/^-?[0-9]+\.[0-9]{2}$/.test(value)) throw new Error(`not a 2-decimal figure: ${value}`);
  return BigInt(value.replace('.', ''));
};
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const n = denominator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const remainder = n % d;
  if (2n * (remainder < 0n ? -remainder : remainder) < d) return quotient;
  return n < 0n ? quotient - 1n : quotient + 1n;
}
const formatHundredths = (value: bigint): string => {
  const digits = (value < 0n ? -value : value).toString().padStart(3, '0');
  return `${value < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

/** (a − b) / b in percent to 2 decimals; null when there is no base to compare with. */
export function yoyPct(current: string, base: string): string | null {
  const b = hundredthsOf(base);
  if (b === 0n) return null;
  return formatHundredths(divideHalfUp((hundredthsOf(current) - b) * 10_000n, b));
}

/** a / b (× 100 for percentages) to 2 decimals; null when b is zero. */
export function ratio(a: string, b: string, scale = 1): string | null {
  const base = hundredthsOf(b);
  if (base === 0n) return null;
  return formatHundredths(divideHalfUp(hundredthsOf(a) * BigInt(scale) * 100n, base));
}

/** A derived figure: the ratio of two raw figures' values, period by period. */
export function ratioValues(a: PeriodValues, b: PeriodValues, scale: number): Record<Period, string | null> {
  return Object.fromEntries(periods.map((period) => [period, ratio(a[period], b[period], scale)])) as Record<
    Period,
    string | null
  >;
}

export const zeroValues = (): PeriodValues => ({ month: '0.00', ytd: '0.00', lastYear: '0.00', ytdLastYear: '0.00' });
