import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPrice, type ReferenceBand } from './price-check';
import { unitFactor } from './units';

const band: ReferenceBand = {
  productTypeCode: 'BG-42022200-PU-HANDBAG',
  unit: '007',
  currency: 'CNY',
  median: '40.00',
  q1: '34.00',
  q3: '47.00',
  sampleSize: 120,
  windowFrom: '2026-08-01',
  windowTo: '2026-10-31',
  source: 'demo',
  version: 'v1',
};
const rates: Record<string, string> = { CNY: '1', USD: '7.1000', EUR: '7.7500' };
const cnyRate = (currency: string) => rates[currency] ?? null;
const check = (unitPrice: string, unit = '007', currency = 'CNY') =>
  checkPrice({ line: { unitPrice, unit, currency }, band, cnyRate, confidentMatch: true });

describe('price check against the reference band', () => {
  it('accepts a price inside the soft band', () => {
    expect(check('45.00')).toMatchObject({ status: 'ok', severity: 'none', deviation: '0.1250' });
  });

  it('warns beyond the soft band and sends beyond the hard band to manual review', () => {
    expect(check('54.00')).toMatchObject({ status: 'high', severity: 'warning' });
    expect(check('61.00')).toMatchObject({ status: 'high', severity: 'review' });
    expect(check('19.99')).toMatchObject({ status: 'low', severity: 'review' });
  });

  it('converts a price per dozen to a price per piece through the unit table', () => {
    // 480 CNY a dozen is 40 CNY a piece: exactly the median.
    expect(check('480', '127')).toMatchObject({ status: 'ok', deviation: '0.0000', comparableUnitPrice: '40.000000' });
    expect(unitFactor('127', '007')?.toString()).toBe('12');
  });

  it('converts currencies at the customs rate', () => {
    // 5.6338 USD × 7.1 = 40.0000 CNY.
    expect(check('5.6338', '007', 'USD')).toMatchObject({ status: 'ok', comparableUnitPrice: '39.999980' });
  });

  it('cites median, spread, n, window and version in the explanation', () => {
    expect(check('61.00').explanation).toContain(
      'reference median 40.00 CNY/007 (IQR 34.00–47.00, n=120, 2026-08-01..2026-10-31, demo, version v1)',
    );
  });

  it('refuses to compare units of different dimensions', () => {
    expect(check('40', '035')).toMatchObject({ status: 'unit_mismatch', severity: 'review' });
  });

  it('sends lines without a reference, without a rate or without a confident match to review', () => {
    expect(
      checkPrice({ line: { unitPrice: '1', unit: '007', currency: 'CNY' }, band: null, cnyRate, confidentMatch: true })
        .status,
    ).toBe('no_reference');
    expect(check('5', '007', 'JPY').status).toBe('no_reference');
    expect(
      checkPrice({ line: { unitPrice: '1', unit: '007', currency: 'CNY' }, band, cnyRate, confidentMatch: false })
        .status,
    ).toBe('low_confidence_match');
  });

  it('flags every price at least 50% off the median and none within 30%', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.7, noNaN: true }), (off) => {
        const factor = off > 0.3 ? (off >= 0.5 ? 1 - off : 1) : 1 + off;
        const verdict = check((40 * factor).toFixed(2));
        if (off >= 0.5) expect(verdict.severity).not.toBe('none');
        if (off <= 0.29) expect(verdict.severity).toBe('none');
      }),
    );
  });
});
