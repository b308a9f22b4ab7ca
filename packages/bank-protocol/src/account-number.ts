/**
 * The payee account-number rule of the bank gateway (and of its simulator).
 *
 * An account number is 12 to 30 ASCII digits whose last digit is a Luhn (mod 10) check digit over the
 * whole number: from the rightmost digit leftwards, every second digit is doubled (9 subtracted when the
 * double exceeds 9) and the sum of all digits must be a multiple of 10. Chinese bank card numbers (银联
 * 62…) follow this rule; corporate settlement accounts vary by bank, so the rule is a stand-in that lets
 * the platform's tests produce both valid and invalid numbers on purpose.
 */
export const accountNumberPattern = /^\d{12,30}$/;

export type AccountNumberVerdict = { valid: true } | { valid: false; reason: 'format' | 'check_digit' };

export function checkAccountNumber(accountNumber: string): AccountNumberVerdict {
  if (!accountNumberPattern.test(accountNumber)) return { valid: false, reason: 'format' };
  return luhnSum(accountNumber) % 10 === 0 ? { valid: true } : { valid: false, reason: 'check_digit' };
}

/** Appends the Luhn check digit to a body of digits, e.g. to make valid test accounts. */
export function withLuhnCheckDigit(body: string): string {
  if (!/^\d+$/.test(body)) throw new Error('an account body is digits only');
  const remainder = luhnSum(`${body}0`) % 10;
  return `${body}${(10 - remainder) % 10}`;
}

function luhnSum(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    const digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    const doubled = index % 2 === 1 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return sum;
}
