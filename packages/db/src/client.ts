import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema>;
/** A drizzle transaction handle; services accept `Db | Tx` so they compose inside one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

// PostgreSQL `numeric` and `int8` stay strings: money is never a float.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export function createDatabase(
  url: string,
  options: { max?: number; applicationName?: string; onError?: (error: Error) => void } = {},
): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'baigou',
    connectionTimeoutMillis: 5_000,
  });
  // A client losing its connection must not crash the process: an idle one is the pool's 'error' (the
  // pool replaces it), but one checked out (a transaction waiting on Redis, a session) emits 'error'
  // on itself, where pg installs no listener; the query in flight, if any, fails on its own.
  pool.on('error', (error) => options.onError?.(error));
  pool.on('connect', (client) => client.on('error', (error) => options.onError?.(error)));
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  return { pool, db, close: () => pool.end() };
}

/**
 * Runs `work` on one connection of the pool, for what must span several transactions of one
 * session (a session advisory lock, temporary tables). The connection is destroyed rather than
 * returned when `work` fails, so nothing of the session outlives it.
 */
export async function withSession<T>(pool: pg.Pool, work: (session: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await work(drizzle(client, { schema, casing: 'snake_case' }));
    client.release();
    return result;
  } catch (error) {
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** The SQLSTATE of a pg error, also when drizzle wrapped it. */
export function pgErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** The constraint named by a pg error, also when drizzle wrapped it. */
export function pgConstraint(error: unknown): string | undefined {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const constraint = (current as { constraint?: unknown }).constraint;
    if (typeof constraint === 'string') return constraint;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === '23505';
