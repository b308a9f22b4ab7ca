import { describe, expect, it } from 'vitest';
import { formatTradingNo, lineAmount, requestHash, reviewRules } from './transactions.models';

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
