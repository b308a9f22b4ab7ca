import { buildApp } from '@baigou/api/app';
import { createDatabase } from '@baigou/db';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * The API in a process of its own that kills itself (SIGKILL, no cleanup) the moment PostgreSQL
 * acknowledges the first COMMIT of a connection that inserted into CRASH_ON_TABLE: the window between
 * a request's effect becoming durable and its response being recorded and sent. Used by
 * crash-window.int.test.ts.
 */

const table = process.env.CRASH_ON_TABLE!;
const inserts = new RegExp(`^\\s*insert into "${table}"`, 'i');
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const query = pg.Client.prototype.query as unknown as Query;
const armed = new WeakSet<pg.Client>();
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === 'string' ? first : first?.text;
  const result = query.apply(this, args);
  if (text && inserts.test(text)) armed.add(this);
  else if (text && armed.has(this) && /^\s*commit\b/i.test(text) && result instanceof Promise) {
    void result.then(() => process.kill(process.pid, 'SIGKILL'));
  }
  return result;
};

const database = createDatabase(process.env.DATABASE_URL!, { max: 4 });
const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
const app = await buildApp({
  config: {
    BODY_LIMIT_BYTES: 1_048_576,
    RATE_LIMIT_PER_MINUTE: 100_000,
    REDIS_PREFIX: process.env.REDIS_PREFIX!,
    LOG_LEVEL: 'silent',
    PUBLIC_URL: undefined,
    NODE_ENV: 'test',
  },
  database,
  redis,
});
const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log(`listening ${url}`);
