/**
 * Check-character validation for the identifiers the party registry accepts.
 * Pure functions: no I/O, exhaustively property-tested in identifiers.test.ts.
 */

/** GB 32100-2015 character set: digits and upper-case letters except I, O, Z, S, V. */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character (18th) for the first 17 characters of a USCC, or null if they use illegal characters. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_CHARSET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARSET[check]!;
}

export type IdentifierVerdict = { ok: true } | { ok: false; reason: string };

/** 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015. */
export function validateUscc(input: string): IdentifierVerdict {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(input)) {
    return { ok: false, reason: 'must be 18 characters from the GB 32100 set (0-9, A-Z without I, O, S, V, Z)' };
  }
  if (!/^[0-9]{6}$/.test(input.slice(2, 8))) {
    return { ok: false, reason: 'characters 3 to 8 must be the administrative division code (digits)' };
  }
  const expected = usccCheckCharacter(input.slice(0, 17));
  if (expected !== input[17]) {
    return { ok: false, reason: `check character must be ${expected ?? '?'} (GB 32100-2015)` };
  }
  return { ok: true };
}

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK = '10X98765432';

/** The check digit (18th) for the first 17 digits of a resident ID number. */
export function residentIdCheckDigit(first17: string): string | null {
  if (!/^[0-9]{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK[sum % 11]!;
}

/** 公民身份号码, GB 11643-1999: region, birth date, sequence, ISO 7064 MOD 11-2 check digit. */
export function validateResidentId(input: string, today: Date = new Date()): IdentifierVerdict {
  if (!/^[0-9]{17}[0-9X]$/.test(input)) {
    return { ok: false, reason: 'must be 17 digits followed by a digit or X' };
  }
  const year = Number(input.slice(6, 10));
  const month = Number(input.slice(10, 12));
  const day = Number(input.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const realDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!realDate || year < 1900 || birth.getTime() > today.getTime()) {
    return { ok: false, reason: 'characters 7 to 14 must be a real birth date (YYYYMMDD)' };
  }
  const expected = residentIdCheckDigit(input.slice(0, 17));
  if (expected !== input[17]) {
    return { ok: false, reason: `check digit must be ${expected ?? '?'} (GB 11643-1999)` };
  }
  return { ok: true };
}

/**
 * 海关编码 (customs registration code of a consignor/consignee): 10 characters, the first four
 * the registering customs district. Customs publishes no check digit for it.
 */
export function validateCustomsCode(input: string): IdentifierVerdict {
  if (!/^[0-9]{4}[0-9A-Z]{6}$/.test(input)) {
    return { ok: false, reason: 'must be 10 characters: a 4-digit customs district, then 6 digits or capital letters' };
  }
  return { ok: true };
}
