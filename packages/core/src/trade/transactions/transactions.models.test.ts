import { describe, expect, it } from 'vitest';
import {
  formatTradingNo,
  lineAmount,
  lineHsCode,
  priceObservations,
  requestHash,
  reviewRules,
} from './transactions.models';

const candidate = (hsCode: string, productTypeCode: string) => ({
  productTypeCode,
  hsCode,
  name: productTypeCode,
  score: 0.9,
  matchedTerms: [],
});

describe('transaction intake rules', () => {
  it('computes a line amount as quantity × unit price rounded half-up to the cent', () => {
    expect(lineAmount('3', '1.005')).toBe('3.02');
    expect(lineAmount('1', '0.005')).toBe('0.01');
    expect(lineAmount('0.333333', '3')).toBe('1.00');
    expect(lineAmount('100', '42.123456')).toBe('4212.35');
    expect(lineAmount('999999999999', '999999999999.999999')).toBe('999999999998999999000000.00');
  });

  it('formats trading numbers as BG + acceptance date + at least six digits, growing instead of wrapping', () => {
    expect(formatTradingNo('2026-05-01', 123)).toBe('BG20260501000123');
    expect(formatTradingNo('2026-05-01', '1234567')).toBe('BG202605011234567');
  });

  it('fingerprints a submission independently of key order', () => {
    expect(requestHash({ a: 1, b: [1, 2] })).toBe(requestHash({ b: [1, 2], a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });

  it('approves only what is under review and never leaves rejected', () => {
    expect(reviewRules['approve-review'].from).toEqual(['in_review']);
    expect(reviewRules.reject.from).not.toContain('rejected');
  });
});

describe('which HS code a transaction line gets', () => {
  const matched = {
    abstained: false,
    candidates: [candidate('4202221000', 'handbag'), candidate('4202290000', 'purse')],
  };
  const abstained = { abstained: true, candidates: [candidate('4202221000', 'handbag')] };

  it('keeps the code the firm declared, even when the matcher suggests another', () => {
    expect(lineHsCode('4202921000', matched)).toEqual({ hsCode: '4202921000', hsCodeSource: 'declared' });
    expect(lineHsCode('4202921000', abstained)).toEqual({ hsCode: '4202921000', hsCodeSource: 'declared' });
  });

  it('takes the best candidate of a confident match when none is declared', () => {
    expect(lineHsCode(undefined, matched)).toEqual({ hsCode: '4202221000', hsCodeSource: 'matched' });
  });

  it('leaves the line without a code when the matcher abstained and none is declared', () => {
    expect(lineHsCode(undefined, abstained)).toEqual({ hsCode: null, hsCodeSource: null });
    expect(lineHsCode(undefined, { abstained: false, candidates: [] })).toEqual({ hsCode: null, hsCodeSource: null });
  });
});

describe('price observations from accepted lines', () => {
  const line = { id: 'l1', unit: '007', currency: 'CNY', unitPrice: '12.50', productTypeCode: 'handbag' };

  it('observes the matched lines of an accepted transaction, on its trade date', () => {
    expect(
      priceObservations({ status: 'submitted', tradeDate: '2026-05-01' }, [
        line,
        { ...line, id: 'l2', productTypeCode: null },
      ]),
    ).toEqual([
      {
        productTypeCode: 'handbag',
        unit: '007',
        currency: 'CNY',
        unitPrice: '12.50',
        observedOn: '2026-05-01',
        source: 'transaction',
        sourceRef: 'l1',
      },
    ]);
  });

  it('observes nothing while the transaction waits for review or after it was rejected', () => {
    expect(priceObservations({ status: 'in_review', tradeDate: '2026-05-01' }, [line])).toEqual([]);
    expect(priceObservations({ status: 'rejected', tradeDate: '2026-05-01' }, [line])).toEqual([]);
  });
});
