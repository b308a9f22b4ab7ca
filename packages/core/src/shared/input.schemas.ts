import { z } from 'zod';

/**
 * Input shapes every context shares where PostgreSQL is stricter than JSON: text it can store, and
 * dates inside a window it and the platform's date arithmetic handle (PostgreSQL has no year 0; the
 * platform has no business before 2000). A date outside its window is a 400 naming the field, never a 500.
 */

/** A NUL character (PostgreSQL text refuses 0x00) or a UTF-16 surrogate without its pair (not Unicode). */
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored as it is, or undefined when it can. */
export function unstorableText(text: string): string | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return undefined;
  return found[0] === '\u0000' ? 'must not contain a NUL character' : 'must not contain an unpaired UTF-16 surrogate';
}

/** Trimmed, non-empty text of at most `max` characters that PostgreSQL can store. */
export const PlainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      const problem = unstorableText(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** Dates a business fact can carry: a sale, a value date, a rule taking effect. */
export const BUSINESS_DATES = { from: '2000-01-01', to: '2099-12-31' } as const;
/** Dates a search may name: wider, so a generous range is not refused, yet inside what PostgreSQL reads. */
export const FILTER_DATES = { from: '1900-01-01', to: '2999-12-31' } as const;

const dateWithin = (window: { from: string; to: string }) =>
  z.iso
    .date()
    .refine((day) => day >= window.from && day <= window.to, `must be a date from ${window.from} to ${window.to}`);

/** `YYYY-MM-DD` of a business fact, 2000-01-01 to 2099-12-31. */
export const BusinessDate = dateWithin(BUSINESS_DATES);
/** `YYYY-MM-DD` of a search filter, 1900-01-01 to 2999-12-31. */
export const FilterDate = dateWithin(FILTER_DATES);

/** `YYYY-MM` of a business month (statistics, customs rates, credit figures), 2000-01 to 2099-12. */
export const BusinessMonth = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM with month 01–12')
  .refine(
    (month) => month >= BUSINESS_DATES.from.slice(0, 7) && month <= BUSINESS_DATES.to.slice(0, 7),
    `must be a month from ${BUSINESS_DATES.from.slice(0, 7)} to ${BUSINESS_DATES.to.slice(0, 7)}`,
  );

const FIRST_INSTANT = Date.parse(`${BUSINESS_DATES.from}T00:00:00Z`);
const END_INSTANT = Date.parse(`${BUSINESS_DATES.to}T23:59:59.999Z`);
/** An ISO 8601 instant with its offset, inside the business window (PostgreSQL has no year 0). */
export const BusinessInstant = z.iso.datetime({ offset: true }).refine((value) => {
  const instant = Date.parse(value);
  return instant >= FIRST_INSTANT && instant <= END_INSTANT;
}, `must be an instant from ${BUSINESS_DATES.from} to ${BUSINESS_DATES.to}`);
