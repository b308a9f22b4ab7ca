import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  diffBands,
  quantile,
  robustSummary,
  selectBand,
  trimDecimal,
  type Band,
} from './price-library.models';

const band = (productTypeCode: string, unit: string, median = '40.00', overrides: Partial<Band> = {}): Band => ({
  productTypeCode,
  unit,
  currency: 'CNY',
  median,
  q1: '30.00',
  q3: '50.00',
  sampleSize: 10,
  windowFrom: '2026-08-01',
  windowTo: '2026-10-31',
  source: 'survey',
  ...overrides,
});
const decimals = (values: number[]) => values.map((value) => new Decimal(value));

describe('robust statistics of the dynamic adjustment', () => {
  it('interpolates quantiles between order statistics (type 7, as QUARTILE.INC)', () => {
    const sorted = decimals([1, 2, 3, 4]);
    expect(quantile(sorted, 0.25).toString()).toBe('1.75');
    expect(quantile(sorted, 0.5).toString()).toBe('2.5');
    expect(quantile(sorted, 0.75).toString()).toBe('3.25');
  });

  it('drops observations outside Tukey’s fences before taking median and quartiles', () => {
    const summary = robustSummary(decimals([1, 96, 97, 98, 99, 100, 100, 100, 101, 102, 103, 104, 105, 1000]));
    expect(summary).toMatchObject({ kept: 12, trimmed: 2 });
    expect([summary.q1, summary.median, summary.q3].map(String)).toEqual(['98.75', '100', '102.25']);
  });

  it('keeps q1 ≤ median ≤ q3 within the sample for any prices', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 60 }), (cents) => {
        const values = cents.map((cent) => new Decimal(cent).div(100));
        const summary = robustSummary(values);
        expect(summary.q1.lte(summary.median) && summary.median.lte(summary.q3)).toBe(true);
        expect(summary.q1.gte(Decimal.min(...values)) && summary.q3.lte(Decimal.max(...values))).toBe(true);
        expect(summary.kept + summary.trimmed).toBe(values.length);
        expect(summary.kept).toBeGreaterThan(0);
      }),
    );
  });
});

describe('band choice for a line', () => {
  const bands = [band('T', '035'), band('T', '007')];

  it('prefers the band in the line’s unit, then one the unit converts to, then the default unit', () => {
    expect(selectBand(bands, '035', '007')?.unit).toBe('035');
    expect(selectBand(bands, '127', '007')?.unit).toBe('007');
    expect(selectBand(bands, '070', '007')?.unit).toBe('035');
    expect(selectBand(bands, '030', '007')?.unit).toBe('007');
    expect(selectBand([], '007', '007')).toBeNull();
  });
});

describe('version diffs', () => {
  it('lists added, removed and changed bands with the median change in percent', () => {
    const diff = diffBands(
      [band('A', '007'), band('B', '007'), band('C', '007')],
      [band('A', '007'), band('B', '007', '50.00'), band('D', '007')],
    );
    expect(diff.added.map((each) => each.productTypeCode)).toEqual(['D']);
    expect(diff.removed.map((each) => each.productTypeCode)).toEqual(['C']);
    expect(diff.changed).toEqual([expect.objectContaining({ productTypeCode: 'B', medianChangePercent: '25.00' })]);
    expect(diff.unchanged).toBe(1);
  });

  it('treats equal decimals written differently as unchanged', () => {
    expect(diffBands([band('A', '007', '40.000000')], [band('A', '007', '40.00')]).unchanged).toBe(1);
  });
});

describe('decimal display and canonical JSON', () => {
  it('trims numeric(18,6) read-backs to two decimals or the significant ones', () => {
    expect(['40.000000', '0.047000', '118.500000', '12', '3.141593'].map(trimDecimal)).toEqual([
      '40.00',
      '0.047',
      '118.50',
      '12',
      '3.141593',
    ]);
  });

  it('compares results independent of key order and absent keys', () => {
    expect(canonicalJson({ b: 1, a: [{ y: null, x: 'z' }], c: undefined })).toBe(
      canonicalJson({ a: [{ x: 'z', y: null }], b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});
