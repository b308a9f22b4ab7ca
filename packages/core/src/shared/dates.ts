/**
 * Calendar dates of the Baigou market: China Standard Time (UTC+8, no daylight saving), so a line
 * entered at 07:00 in Baigou on the 1st belongs to the 1st, not to the UTC day before.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` in China of an instant. */
export const chinaDate = (instant: Date): string =>
  new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** `YYYY-MM` in China of an instant given as text (`2026-12-31T16:30:00Z` is `2027-01`). */
export function chinaMonth(instant: string): string {
  const whole = WHOLE_HOUR_INSTANT.exec(instant);
  if (!whole) return chinaMonthOf(instant);
  // With an offset of whole hours (Z, or +08:00 as customs' receipts write it), the China month depends
  // on the date, hour and offset only: remembered per hour and offset, as a period run asks it of tens
  // of thousands of declarations. A first sight parses, so an impossible date still throws.
  const hour = whole[1]! + whole[2]!;
  let month = monthByHour.get(hour);
  if (month === undefined) {
    month = chinaMonthOf(instant);
    if (monthByHour.size >= 100_000) monthByHour.clear();
    monthByHour.set(hour, month);
  }
  return month;
}

const WHOLE_HOUR_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(Z|[+-]\d{2}:00)$/;
const monthByHour = new Map<string, string>();

function chinaMonthOf(instant: string): string {
  const day = new Date(Date.parse(instant) + CHINA_OFFSET_MS);
  if (Number.isNaN(day.getTime())) throw new RangeError(`not an instant: ${instant}`);
  const month = day.getUTCMonth() + 1;
  return `${day.getUTCFullYear()}-${month < 10 ? '0' : ''}${month}`;
}

/** `YYYY-MM` of a `YYYY-MM-DD` date. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** The `YYYY-MM-DD` date `days` days after (or before, when negative) `day`. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The `YYYY-MM` month `months` months after (or before) `month`. */
export function addMonths(month: string, months: number): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 7);
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
