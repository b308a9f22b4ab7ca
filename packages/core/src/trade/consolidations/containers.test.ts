import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containerCharacterValue,
  containerCheckDigit,
  normalizeContainerNumber,
  validateContainerNumber,
} from './containers';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** A valid container number: random owner, category and serial, with its check digit. */
const containerNumber = fc
  .tuple(
    fc.array(fc.constantFrom(...LETTERS), { minLength: 3, maxLength: 3 }),
    fc.constantFrom('U', 'J', 'Z'),
    fc.array(fc.constantFrom(...DIGITS), { minLength: 6, maxLength: 6 }),
  )
  .map(([owner, category, serial]) => {
    const first10 = `${owner.join('')}${category}${serial.join('')}`;
    return first10 + containerCheckDigit(first10)!;
  });

/** The weighted sum modulo 11, recomputed here the way ISO 6346 states it. */
const remainderOf = (number: string) =>
  [...number.slice(0, 10)].reduce((sum, character, i) => sum + containerCharacterValue(character)! * 2 ** i, 0) % 11;

const replaceAt = (text: string, at: number, character: string) => text.slice(0, at) + character + text.slice(at + 1);

describe('container number (ISO 6346)', () => {
  it('accepts published container numbers', () => {
    // CSQU3054383 is the standard's worked example; the others were checked by hand against the weights.
    for (const number of ['CSQU3054383', 'MSKU9070323', 'BSIU2253788', 'TGHU8796210']) {
      expect(validateContainerNumber(number)).toEqual({ ok: true });
    }
  });

  it('uses the standard letter values, skipping multiples of 11', () => {
    expect(['A', 'B', 'K', 'L', 'U', 'V', 'Z'].map(containerCharacterValue)).toEqual([10, 12, 21, 23, 32, 34, 38]);
    expect(containerCharacterValue('7')).toBe(7);
    expect(containerCharacterValue('a')).toBeNull();
  });

  it('writes remainder 10 as check digit 0', () => {
    expect(remainderOf('CSQU3054300')).toBe(10);
    expect(containerCheckDigit('CSQU305430')).toBe('0');
    expect(validateContainerNumber('CSQU3054300')).toEqual({ ok: true });
  });

  it('rejects a wrong check digit and says which one is expected', () => {
    expect(validateContainerNumber('CSQU3054384')).toEqual({ ok: false, reason: 'check digit must be 3 (ISO 6346)' });
  });

  it('rejects malformed numbers with the reason', () => {
    expect(validateContainerNumber('CSQU305438')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('11 characters'),
    });
    expect(validateContainerNumber('csqu3054383').ok).toBe(false);
    expect(validateContainerNumber('CS1U3054383')).toMatchObject({ reason: expect.stringContaining('owner code') });
    expect(validateContainerNumber('CSQX3054383')).toMatchObject({ reason: expect.stringContaining('category') });
    expect(validateContainerNumber('CSQUA054383')).toMatchObject({ reason: expect.stringContaining('serial') });
    expect(containerCheckDigit('CSQX305438')).toBeNull();
  });

  it('normalises what people type', () => {
    expect(normalizeContainerNumber(' csqu 305438-3 ')).toBe('CSQU3054383');
    expect(normalizeContainerNumber('MSKU/907032/3')).toBe('MSKU9070323');
  });

  it('accepts every number built with its check digit', () => {
    fc.assert(
      fc.property(containerNumber, (number) => {
        expect(validateContainerNumber(number)).toEqual({ ok: true });
      }),
    );
  });

  it('detects every single-character substitution except those ISO 6346 cannot see', () => {
    const alphabet = LETTERS + DIGITS;
    fc.assert(
      fc.property(containerNumber, fc.nat(10), fc.nat(alphabet.length - 1), (number, at, pick) => {
        const replacement = alphabet[pick]!;
        if (replacement === number[at]) return;
        const mutated = replaceAt(number, at, replacement);
        const verdict = validateContainerNumber(mutated);
        const sameShape = /^[A-Z]{3}[UJZ][0-9]{7}$/.test(mutated);
        if (!sameShape) {
          expect(verdict.ok).toBe(false);
          return;
        }
        // The check digit position, or a character whose value differs modulo 11, changes the result,
        // except between remainders 0 and 10, which are both written 0.
        const congruent =
          at < 10 && containerCharacterValue(replacement)! % 11 === containerCharacterValue(number[at]!)! % 11;
        const collapsed = at < 10 && [0, 10].includes(remainderOf(number)) && [0, 10].includes(remainderOf(mutated));
        expect(verdict.ok).toBe(congruent || collapsed);
      }),
    );
  });

  it('detects every single serial-digit substitution when the check digit is not 0', () => {
    fc.assert(
      fc.property(
        containerNumber,
        fc.integer({ min: 4, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (number, at, delta) => {
          if (number[10] === '0') return;
          const mutated = replaceAt(number, at, String((Number(number[at]) + delta) % 10));
          expect(validateContainerNumber(mutated).ok).toBe(false);
        },
      ),
    );
  });

  it('has the blind spots the standard has', () => {
    // A (10) and K (21) are congruent modulo 11; remainders 10 and 0 are both written 0.
    const owned = `AAAU123456${containerCheckDigit('AAAU123456')!}`;
    expect(validateContainerNumber(owned)).toEqual({ ok: true });
    expect(validateContainerNumber(replaceAt(owned, 0, 'K'))).toEqual({ ok: true });
    // Serial 305430 has remainder 10 and 305432 remainder 0: one digit apart, both check digit 0.
    expect(validateContainerNumber('CSQU3054320')).toEqual({ ok: true });
    expect(validateContainerNumber('CSQU3054300')).toEqual({ ok: true });
  });
});
