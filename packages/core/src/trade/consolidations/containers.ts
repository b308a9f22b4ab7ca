/**
 * Container numbers on packing lists (DOMAIN §1.6, §10 rule 9), ISO 6346: a 3-letter owner code,
 * an equipment category letter (U freight container, J detachable freight equipment, Z trailer or
 * chassis), a 6-digit serial number and a check digit. Pure functions, property-tested in
 * containers.test.ts.
 *
 * The check digit is the weighted sum of the first ten characters modulo 11, with remainder 10
 * written as 0. ISO 6346 advises owners not to issue serials whose remainder is 10, but such
 * numbers are in service, so they are accepted. What the check guarantees (and the tests pin):
 * - any change of the check digit itself is detected;
 * - any single change of a serial digit is detected, unless the remainder moves between 0 and 10
 *   (both written 0);
 * - a change of a letter is detected unless the two letters' values are congruent modulo 11 (there
 *   are 26 letters and 11 remainders, e.g. A = 10 and K = 21).
 */

/** Letter values: A = 10 upwards, skipping 11, 22 and 33 (the multiples of 11). */
const LETTER_VALUES: Readonly<Record<string, number>> = (() => {
  const values: Record<string, number> = {};
  let value = 10;
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (value % 11 === 0) value += 1;
    values[letter] = value;
    value += 1;
  }
  return values;
})();

/** The numeric value ISO 6346 gives a character of the first ten, or null for any other character. */
export function containerCharacterValue(character: string): number | null {
  if (/^[0-9]$/.test(character)) return Number(character);
  return LETTER_VALUES[character] ?? null;
}

/** The weighted sum of the first ten characters modulo 11 (before 10 becomes 0), or null if malformed. */
function containerRemainder(first10: string): number | null {
  if (!/^[A-Z]{3}[UJZ][0-9]{6}$/.test(first10)) return null;
  let sum = 0;
  for (let i = 0; i < 10; i += 1) sum += containerCharacterValue(first10[i]!)! * 2 ** i;
  return sum % 11;
}

/** The check digit for owner code, category and serial (`CSQU305438` → `'3'`), or null if malformed. */
export function containerCheckDigit(first10: string): string | null {
  const remainder = containerRemainder(first10);
  return remainder === null ? null : String(remainder % 10);
}

export type ContainerNumberVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Validates a container number in its canonical form: 11 characters, capitals, no spaces
 * (see `normalizeContainerNumber` for what people type).
 */
export function validateContainerNumber(input: string): ContainerNumberVerdict {
  if (!/^[A-Z0-9]{11}$/.test(input)) {
    return { ok: false, reason: 'must be 11 characters: 4 capital letters, 6 digits and a check digit' };
  }
  if (!/^[A-Z]{3}/.test(input))
    return { ok: false, reason: 'characters 1 to 3 must be the owner code (capital letters)' };
  if (!/^[UJZ]$/.test(input[3]!)) {
    return { ok: false, reason: 'character 4 must be the equipment category U, J or Z' };
  }
  if (!/^[0-9]{7}$/.test(input.slice(4))) {
    return { ok: false, reason: 'characters 5 to 11 must be the 6-digit serial number and the check digit' };
  }
  const expected = containerCheckDigit(input.slice(0, 10));
  if (expected !== input[10]) return { ok: false, reason: `check digit must be ${expected ?? '?'} (ISO 6346)` };
  return { ok: true };
}

/** Upper-cases and drops spaces, hyphens and slashes: `'csqu 305438-3'` → `'CSQU3054383'`. */
export function normalizeContainerNumber(input: string): string {
  return input.replace(/[\s\-/]/g, '').toUpperCase();
}
