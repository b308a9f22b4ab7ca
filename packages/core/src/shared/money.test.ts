import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareAmounts,
  cnyToFen,
  ExactDecimal,
  fenToCny,
  isAmount,
  isCents,
  mulDivBy,
  mulDivHalfUp,
  roundHalfUp,
  sameAmount,
  sumExact,
  toCents,
} from './money';

describe('money as exact decimals', () => {
  it('compares amounts by value, not by spelling', () => {
    expect(sameAmount('12.5', '12.50')).toBe(true);
    expect(sameAmount('12.5', '12.51')).toBe(false);
    expect(toCents(sumExact(['0.10', '0.20', '1']))).toBe('1.30');
  });

  it('sums exactly, keeping the finest scale of the summands', () => {
    expect(sumExact(['0.1', '0.2'])).toBe('0.3');
    expect(sumExact(['10.50', '4.5'])).toBe('15.00');
    expect(sumExact([])).toBe('0');
    expect(sumExact(['999999999999999999.999999', '0.000001'])).toBe('1000000000000000000.000000');
    expect(sumExact(['0.005', '0'])).toBe('0.005');
    expect(sumExact(['-1.5', '2'])).toBe('0.5');
  });

  it('sums and compares in integers to the same figures as the decimal path', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => new ExactDecimal(units.toString()).div(10 ** scale).toFixed(scale));
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 20 }), (amounts) => {
        const scale = Math.max(0, ...amounts.map((a) => (a.includes('.') ? a.length - a.indexOf('.') - 1 : 0)));
        const expected = amounts.reduce((sum, a) => sum.plus(a), new ExactDecimal(0)).toFixed(scale);
        expect(sumExact(amounts)).toBe(expected);
      }),
      { numRuns: 1_000, seed: 5 },
    );
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(compareAmounts(a, b)).toBe(new ExactDecimal(a).comparedTo(b));
      }),
      { numRuns: 1_000, seed: 6 },
    );
    expect(compareAmounts('1.50', '1.5')).toBe(0);
    expect(compareAmounts('-1', '0')).toBe(-1);
  });

  it('rounds half-up to the places asked for', () => {
    expect(toCents('2.345')).toBe('2.35');
    expect(toCents('2.344999')).toBe('2.34');
    expect(toCents('7')).toBe('7.00');
    expect(roundHalfUp('1.0005', 3)).toBe('1.001');
  });

  it('multiplies two numeric(18,6) values without rounding', () => {
    const product = new ExactDecimal('999999999999.999999').mul('999999999999.999999');
    expect(product.toFixed()).toBe('999999999999999998000000.000000000001');
  });

  it('accepts plain non-negative decimal strings only', () => {
    expect(isAmount('0.123456')).toBe(true);
    expect(isAmount('0.1234567')).toBe(false);
    expect(isAmount('-1')).toBe(false);
    expect(isAmount('1e3')).toBe(false);
    expect(isCents('1.23')).toBe(true);
    expect(isCents('1.005')).toBe(false);
  });

  it('converts at a rate in integers to the same figure as the 64-digit decimal path', () => {
    expect(mulDivHalfUp('100.00', '1', '7.100000', 2)).toBe('14.08');
    expect(mulDivHalfUp('0.05', '1', '10', 2)).toBe('0.01');
    expect(mulDivHalfUp('0.04', '1', '10', 2)).toBe('0.00');
    expect(mulDivHalfUp('7', '3', '2', 0)).toBe('11');
    const decimal = (units: bigint, scale: number) =>
      new ExactDecimal(units.toString()).div(10 ** scale).toFixed(scale);
    const amount = fc
      .tuple(fc.bigInt({ min: BigInt(0), max: BigInt(10) ** BigInt(16) }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => decimal(units, scale));
    const positive = fc
      .tuple(fc.bigInt({ min: BigInt(1), max: BigInt(10) ** BigInt(12) }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => decimal(units, scale));
    fc.assert(
      fc.property(amount, amount, positive, fc.integer({ min: 0, max: 4 }), (a, b, c, places) => {
        expect(mulDivHalfUp(a, b, c, places)).toBe(roundHalfUp(new ExactDecimal(a).times(b).div(c), places));
      }),
      { numRuns: 2_000, seed: 13 },
    );
    // One conversion reused for many values of different scales, as a period run reuses a month's rate.
    fc.assert(
      fc.property(amount, positive, fc.array(amount, { minLength: 1, maxLength: 20 }), (b, c, values) => {
        const convert = mulDivBy(b, c, 2);
        for (const a of values) expect(convert(a)).toBe(roundHalfUp(new ExactDecimal(a).times(b).div(c), 2));
      }),
      { numRuns: 500, seed: 14 },
    );
  });

  it('turns yuan (CNY) into fen and back exactly', () => {
    expect(cnyToFen('12345.67')).toBe(1_234_567n);
    expect(cnyToFen('0.5')).toBe(50n);
    expect(cnyToFen('7')).toBe(700n);
    expect(fenToCny(1_234_567n)).toBe('12345.67');
    expect(fenToCny(5n)).toBe('0.05');
    expect(fenToCny(-1_234_567n)).toBe('-12345.67');
    expect(fenToCny(-5n)).toBe('-0.05');
    expect(() => cnyToFen('1.234')).toThrow();
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (fen) => cnyToFen(fenToCny(fen)) === fen));
  });
});
