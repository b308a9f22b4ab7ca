import { sql } from 'drizzle-orm';
import { bigint, numeric, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Millisecond precision, so a timestamp survives a round trip through a JS Date (keyset cursors rely on it). */
export const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
/** An instant, to the millisecond (as createdAt). */
export const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
/** Whole fen (分) as bigint: the fund ledger's and the bank's unit. */
export const fen = (name: string) => bigint(name, { mode: 'bigint' });
export const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`);

/** Money to the cent, exact (decimal strings, never floats). */
export const money = (name: string, precision = 18) => numeric(name, { precision, scale: 2, mode: 'string' });
/** Quantities and unit prices, to six decimals. */
export const decimal6 = (name: string) => numeric(name, { precision: 18, scale: 6, mode: 'string' });
/** Weights in kilograms to the gram. */
export const weight = (name: string) => numeric(name, { precision: 14, scale: 3, mode: 'string' });
