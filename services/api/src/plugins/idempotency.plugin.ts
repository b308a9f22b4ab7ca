import { createHash } from 'node:crypto';
import { createErrorFactory } from '@baigou/core';
import { idempotencyKeys, type Db } from '@baigou/db';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const idempotencyErrors = {
  keyRequired: createErrorFactory({
    code: 'idempotency.key_required',
    statusCode: 400,
    title: 'Every POST needs an Idempotency-Key header (1 to 255 visible ASCII characters)',
  }),
  keyReused: createErrorFactory({
    code: 'idempotency.key_reused',
    statusCode: 422,
    title: 'This Idempotency-Key was used for a different request',
  }),
  notReplayable: createErrorFactory({
    code: 'idempotency.not_replayable',
    statusCode: 409,
    title: 'This request succeeded before and its response held a secret shown only once; it is not replayed',
  }),
  inProgress: createErrorFactory({
    code: 'idempotency.request_in_progress',
    statusCode: 409,
    title: 'A request with this Idempotency-Key is still being processed; retry shortly',
  }),
};

/** A reservation whose request died (process crash) is released after this long. */
const LOCK_MS = 60_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { orgId: string; key: string };
  }
}

/** Canonical JSON (sorted keys) so the same body with reordered fields hashes alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const requestHash = (request: FastifyRequest) =>
  createHash('sha256')
    .update(`${request.method} ${request.url}\n${canonical(request.body ?? null)}`)
    .digest('hex');

/**
 * `Idempotency-Key` on every POST, stored in PostgreSQL per organisation: the same key and body
 * replay the first response; the same key with another body is a 422; a concurrent duplicate a 409.
 * Only successful responses are stored: a failed request leaves nothing behind and may be retried.
 */
async function idempotencyPlugin(app: FastifyInstance, { db }: { db: Db }) {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !request.principal) return;
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw idempotencyErrors.keyRequired({ fields: [{ path: '/headers/idempotency-key', message: 'required' }] });
    }
    const orgId = request.principal.orgId;
    const hash = requestHash(request);
    const lockedUntil = sql`now() + ${`${LOCK_MS} milliseconds`}::interval`;
    const reserved = await db
      .insert(idempotencyKeys)
      .values({ orgId, key, requestHash: hash, state: 'pending', lockedUntil })
      .onConflictDoUpdate({
        target: [idempotencyKeys.orgId, idempotencyKeys.key],
        set: { lockedUntil },
        // Take over only an abandoned reservation of the same request.
        setWhere: and(
          eq(idempotencyKeys.state, 'pending'),
          eq(idempotencyKeys.requestHash, hash),
          lt(idempotencyKeys.lockedUntil, sql`now()`),
        ),
      })
      .returning({ key: idempotencyKeys.key });
    if (reserved.length) {
      request.idempotency = { orgId, key };
      return;
    }
    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)));
    if (!existing) throw idempotencyErrors.inProgress();
    if (existing.requestHash !== hash) {
      throw idempotencyErrors.keyReused({
        fields: [{ path: '/headers/idempotency-key', message: 'used for another request' }],
      });
    }
    if (existing.state === 'pending') throw idempotencyErrors.inProgress();
    if (request.routeOptions.config.secretResponse) throw idempotencyErrors.notReplayable();
    return reply
      .code(existing.responseStatus ?? 200)
      .header('content-type', existing.responseContentType ?? 'application/json; charset=utf-8')
      .header('idempotent-replayed', 'true')
      .send(existing.responseBody ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const reservation = request.idempotency;
    if (!reservation) return payload;
    request.idempotency = undefined;
    const where = and(eq(idempotencyKeys.orgId, reservation.orgId), eq(idempotencyKeys.key, reservation.key));
    if (reply.statusCode >= 400 || typeof payload !== 'string') {
      await db.delete(idempotencyKeys).where(and(where, eq(idempotencyKeys.state, 'pending')));
      return payload;
    }
    await db
      .update(idempotencyKeys)
      .set({
        state: 'completed',
        responseStatus: reply.statusCode,
        responseBody: request.routeOptions.config.secretResponse ? null : payload,
        responseContentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      })
      .where(where);
    return payload;
  });
}

export default fp(idempotencyPlugin, { name: 'idempotency', dependencies: ['auth'] });
