import { migrationsCurrent, type Database } from '@baigou/db';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { App } from '../http/types';

const CHECK_TIMEOUT_MS = 1_000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

async function check(run: () => Promise<boolean>): Promise<'ok' | 'failing'> {
  try {
    return (await withTimeout(run())) ? 'ok' : 'failing';
  } catch {
    return 'failing';
  }
}

const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    postgres: z.enum(['ok', 'failing']),
    migrations: z.enum(['ok', 'failing']),
    redis: z.enum(['ok', 'failing']),
  }),
});

export function healthRoutes(app: App, { database, redis }: { database: Database; redis: Redis }) {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  app.get(
    '/readyz',
    { schema: { hide: true, response: { 200: Readiness, 503: Readiness } } },
    async (_request, reply) => {
      const [postgres, migrations, redisCheck] = await Promise.all([
        check(async () => (await database.pool.query('select 1')).rowCount === 1),
        check(() => migrationsCurrent(database.pool)),
        check(async () => redis.status === 'ready' && (await redis.ping()) === 'PONG'),
      ]);
      const checks = { postgres, migrations, redis: redisCheck };
      const ready = Object.values(checks).every((value) => value === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );
}
