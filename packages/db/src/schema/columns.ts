import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Millisecond precision, so a timestamp survives a round trip through a JS Date (keyset cursors rely on it). */
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
