import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { commonErrors } from './errors';

/** Page size bounds shared by every list endpoint. */
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;

/** The query parameters every list endpoint accepts; extend it with the list's own filters. */
export const PageQuery = z.strictObject({
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
});

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Keyset cursor over (createdAt, id): stable while rows are inserted, because new rows sort
 * after every cursor already handed out. The query fingerprint stops a cursor from one
 * filter set being replayed against another. A list whose later pages must read what the first
 * page read (the trace's checkpoint) pins it: a non-negative integer carried in the cursor.
 */
export interface CursorPosition {
  createdAt: string;
  id: string;
  pin?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An ISO 8601 instant with its offset, as toISOString writes it: what PostgreSQL reads as timestamptz. */
const INSTANT = z.iso.datetime({ offset: true });

export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  const fields = [position.createdAt, position.id, fingerprint, ...(position.pin === undefined ? [] : [position.pin])];
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

export function decodeCursor(cursor: string, fingerprint: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      (parsed.length === 3 || (parsed.length === 4 && Number.isSafeInteger(parsed[3]) && (parsed[3] as number) >= 0)) &&
      typeof parsed[0] === 'string' &&
      INSTANT.safeParse(parsed[0]).success &&
      typeof parsed[1] === 'string' &&
      UUID.test(parsed[1]) &&
      parsed[2] === fingerprint
    ) {
      return parsed.length === 4
        ? { createdAt: parsed[0], id: parsed[1], pin: parsed[3] as number }
        : { createdAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the domain error below
  }
  throw commonErrors.invalidCursor({ fields: [{ path: '/querystring/cursor', message: 'invalid cursor' }] });
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<T extends { id: string; createdAt: Date }>(
  rows: T[],
  limit: number,
  fingerprint: string,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }, fingerprint)
        : null,
  };
}

/**
 * Keyset cursor over a unique text key (e.g. a product-type code) for lists ordered by that key
 * rather than by creation; carries the same query fingerprint.
 */
export function encodeKeyCursor(key: string, fingerprint: string): string {
  return Buffer.from(JSON.stringify(['key', key, fingerprint])).toString('base64url');
}

export function decodeKeyCursor(cursor: string, fingerprint: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === 'key' &&
      typeof parsed[1] === 'string' &&
      parsed[1].length > 0 &&
      parsed[2] === fingerprint
    ) {
      return parsed[1];
    }
  } catch {
    // fall through to the domain error below
  }
  throw commonErrors.invalidCursor({ fields: [{ path: '/querystring/cursor', message: 'invalid cursor' }] });
}

/**
 * One page of a list ordered by a unique text key (a product-type code, a month and currency):
 * decodes the key cursor against the query's fingerprint, fetches `limit + 1` rows after it and
 * answers the page with each row as `view`, the last row's `keyOf` in the next cursor.
 */
export async function fetchKeyPage<T, V>(
  query: { cursor?: string | undefined; limit: number },
  fingerprint: string,
  fetch: (afterKey: string | undefined, take: number) => Promise<T[]>,
  keyOf: (row: T) => string,
  view: (row: T) => V,
): Promise<Page<V>> {
  const rows = await fetch(query.cursor ? decodeKeyCursor(query.cursor, fingerprint) : undefined, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(view),
    nextCursor: rows.length > query.limit && last ? encodeKeyCursor(keyOf(last), fingerprint) : null,
  };
}

/** The keyset condition "after this cursor" over a table's (created_at, id), or undefined for the first page. */
export function afterPosition(
  table: { createdAt: AnyColumn; id: AnyColumn },
  after: CursorPosition | undefined,
): SQL | undefined {
  return after
    ? sql`(${table.createdAt}, ${table.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : undefined;
}

/** A list query without its cursor and limit: the filter its fingerprint names. */
export function filterOf<Q extends { cursor?: string | undefined; limit: number }>(
  query: Q,
): Omit<Q, 'cursor' | 'limit'> {
  const { cursor: _cursor, limit: _limit, ...filter } = query;
  return filter;
}

/**
 * One page of a list ordered by (createdAt, id): decodes the cursor against the query's
 * fingerprint, fetches `limit + 1` rows after it and answers the page with each row as `view`.
 */
export async function fetchPage<T extends { id: string; createdAt: Date }, V>(
  query: { cursor?: string | undefined; limit: number },
  fingerprint: string,
  fetch: (after: CursorPosition | undefined, take: number) => Promise<T[]>,
  view: (row: T) => V,
): Promise<Page<V>> {
  const rows = await fetch(query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined, query.limit + 1);
  const page = toPage(rows, query.limit, fingerprint);
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}
