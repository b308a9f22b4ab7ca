import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAccountNumber, withLuhnCheckDigit } from './account-number';

describe('payee account-number rule (12–30 digits, Luhn check digit)', () => {
  it('accepts well-known Luhn-valid numbers of 12 to 30 digits', () => {
    expect(checkAccountNumber('4111111111111111')).toEqual({ valid: true });
    expect(checkAccountNumber('6222020200000000006')).toEqual({ valid: true });
    expect(checkAccountNumber('000000000000')).toEqual({ valid: true });
  });

  it('refuses a wrong check digit', () => {
    expect(checkAccountNumber('4111111111111112')).toEqual({ valid: false, reason: 'check_digit' });
  });

  it('refuses numbers that are too short, too long or not all digits', () => {
    expect(checkAccountNumber('79927398713')).toEqual({ valid: false, reason: 'format' });
    expect(checkAccountNumber('1'.repeat(30) + '0')).toEqual({ valid: false, reason: 'format' });
    expect(checkAccountNumber('6222 0202 0000 0000 006')).toEqual({ valid: false, reason: 'format' });
    expect(checkAccountNumber('62220202000000000O6')).toEqual({ valid: false, reason: 'format' });
  });

  const body = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 29 });

  it('makes a valid number of any 11–29 digit body by appending its check digit', () => {
    fc.assert(fc.property(body, (digits) => checkAccountNumber(withLuhnCheckDigit(digits)).valid));
  });

  it('detects every single mistyped digit', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 1, max: 9 }), (digits, position, shift) => {
        const valid = withLuhnCheckDigit(digits);
        const index = position % valid.length;
        const changed = String((Number(valid[index]) + shift) % 10);
        const typo = valid.slice(0, index) + changed + valid.slice(index + 1);
        expect(checkAccountNumber(typo)).toEqual({ valid: false, reason: 'check_digit' });
      }),
    );
  });
});
