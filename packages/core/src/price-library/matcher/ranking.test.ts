import { describe, expect, it } from 'vitest';
import { lastInNumericalOrder } from './ranking';

const c = (code: string, raw: number) => ({ code, raw });
const order = (list: Array<{ code: string; raw: number }>, notes: string[] = []) =>
  lastInNumericalOrder(list, (x) => x.code, notes).map((x) => x.code);

describe('lastInNumericalOrder (GIR 3(c))', () => {
  it('orders by score first', () => {
    expect(order([c('39269090', 1), c('96159000', 3), c('42029200', 2)])).toEqual(['96159000', '42029200', '39269090']);
  });

  it('puts the last heading first among equal scores, and says so', () => {
    const notes: string[] = [];
    expect(order([c('40169200', 2), c('96091010', 2), c('42029200', 1)], notes)).toEqual([
      '96091010',
      '40169200',
      '42029200',
    ]);
    expect(notes).toEqual(['rule:gir-3c(96091010 of the last heading among 96091010, 40169200)']);
  });

  it('keeps the specific subheading before the residual one inside a heading', () => {
    const notes: string[] = [];
    expect(order([c('46021990', 2), c('46021910', 2)], notes)).toEqual(['46021910', '46021990']);
    expect(notes).toEqual([]);
  });

  it('treats scores equal to 1e-9 as equal', () => {
    expect(order([c('40169200', 0.1 + 0.2), c('96091010', 0.3)])).toEqual(['96091010', '40169200']);
  });
});
