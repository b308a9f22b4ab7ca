import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  residentIdCheckDigit,
  usccCheckCharacter,
  validateCustomsCode,
  validateResidentId,
  validateUscc,
} from './identifiers';

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('USCC (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    // Published codes of well-known enterprises (Huawei Technologies, Tencent Shenzhen, Alibaba China).
    for (const code of ['914403001922038216', '9144030071526726XG', '91330100716105852F']) {
      expect(validateUscc(code)).toEqual({ ok: true });
    }
  });

  it('rejects a wrong check character and says which one is expected', () => {
    expect(validateUscc('914403001922038217')).toEqual({
      ok: false,
      reason: 'check character must be 6 (GB 32100-2015)',
    });
  });

  it('rejects letters outside the GB 32100 set', () => {
    expect(validateUscc('91440300192203821I').ok).toBe(false);
    expect(validateUscc('9144030019220382').ok).toBe(false);
  });

  it('detects every single-character substitution', () => {
    const body = fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 15, maxLength: 15 });
    fc.assert(
      fc.property(body, fc.constantFrom(...'0123456789'), fc.nat(16), fc.nat(30), (chars, digit, at, delta) => {
        const first17 = `9${digit}${'110101'.slice(0, 0)}${chars.join('')}`.slice(0, 17);
        const withDivision = `${first17.slice(0, 2)}110101${first17.slice(8)}`;
        const code = withDivision + usccCheckCharacter(withDivision)!;
        expect(validateUscc(code).ok).toBe(true);
        const replaced = USCC_CHARSET[(USCC_CHARSET.indexOf(code[at]!) + 1 + delta) % 31]!;
        if (replaced === code[at]) return;
        const mutated = code.slice(0, at) + replaced + code.slice(at + 1);
        expect(validateUscc(mutated).ok).toBe(false);
      }),
    );
  });
});

describe('resident ID (GB 11643-1999)', () => {
  it('accepts the standard example with check digit X', () => {
    expect(validateResidentId('11010519491231002X')).toEqual({ ok: true });
    expect(validateResidentId('13068119900101123X')).toEqual({ ok: true });
  });

  it('rejects a wrong check digit', () => {
    expect(validateResidentId('110105194912310021')).toEqual({
      ok: false,
      reason: 'check digit must be X (GB 11643-1999)',
    });
  });

  it('rejects impossible or future birth dates', () => {
    const bad = '1101051949023100';
    const first17 = `${bad}2`;
    expect(validateResidentId(first17 + residentIdCheckDigit(first17)!).ok).toBe(false);
    const future = '11010521000101002';
    expect(validateResidentId(future + residentIdCheckDigit(future)!, new Date('2026-01-01')).ok).toBe(false);
  });

  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.nat(16), fc.integer({ min: 1, max: 9 }), (seq, at, delta) => {
        const first17 = `13068119900101${String(seq).padStart(3, '0')}`;
        const id = first17 + residentIdCheckDigit(first17)!;
        expect(validateResidentId(id).ok).toBe(true);
        const digit = (Number(id[at]) + delta) % 10;
        const mutated = id.slice(0, at) + String(digit) + id.slice(at + 1);
        const verdict = validateResidentId(mutated);
        expect(verdict.ok).toBe(false);
      }),
    );
  });
});

describe('customs registration code', () => {
  it('requires ten characters led by a four-digit district', () => {
    expect(validateCustomsCode('1306960ABC').ok).toBe(true);
    expect(validateCustomsCode('130696ABC').ok).toBe(false);
    expect(validateCustomsCode('AB06960ABC').ok).toBe(false);
  });
});
