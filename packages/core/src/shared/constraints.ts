import { pgConstraint, pgErrorCode } from '@baigou/db';

/**
 * Constraint violations become domain errors in the repositories that write the rows (STYLE.md,
 * "Errors"): PG error codes and constraint names stay there, services see what they mean.
 */

/** unique_violation and check_violation: the codes a constraint (or a trigger raising one) answers with. */
const CONSTRAINT_CODES = new Set(['23505', '23514']);

/**
 * A client reference (a body's idempotency key) taken by a concurrent submission: its unique
 * constraint let the other one through. The service answers with the winner (replayed or refused).
 */
export class ClientRefTaken extends Error {
  constructor(options: { cause: unknown }) {
    super('a clientRef was taken by a concurrent submission', options);
    this.name = 'ClientRefTaken';
  }
}

/** The error a violation of the named constraint means, or the error itself for any other failure. */
export function translateViolation(
  error: unknown,
  translations: Readonly<Record<string, (cause: unknown) => Error>>,
): unknown {
  const code = pgErrorCode(error);
  if (!code || !CONSTRAINT_CODES.has(code)) return error;
  const translate = translations[pgConstraint(error) ?? ''];
  return translate ? translate(error) : error;
}

/** Runs one write; a violation of a constraint named in `translations` is thrown as what it means. */
export async function withViolations<T>(
  write: () => Promise<T>,
  translations: Readonly<Record<string, (cause: unknown) => Error>>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw translateViolation(error, translations);
  }
}
