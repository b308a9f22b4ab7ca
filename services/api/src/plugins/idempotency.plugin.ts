import { createHash } from 'node:crypto';
import { createErrorFactory } from '@baigou/core';
import { idempotencyKeys, openUnitOfWork, runInUnitOfWork, type Db, type UnitOfWork } from '@baigou/db';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { orgId: string; key: string; hash: string; unit: UnitOfWork };
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

/** Opens the request's unit of work, or answers a replay / refusal; undefined when the route is not idempotent. */
async function begin(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<UnitOfWork | 'answered' | undefined> {
  if (request.method !== 'POST' || !request.principal) return undefined;
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw idempotencyErrors.keyRequired({ fields: [{ path: '/headers/idempotency-key', message: 'required' }] });
  }
  const orgId = request.principal.orgId;
  const hash = requestHash(request);
  const unit = await openUnitOfWork(db);
  try {
    const [lock] = await unit.tx
      .execute<{ locked: boolean }>(
        sql`select pg_try_advisory_xact_lock(hashtextextended(${`${orgId}:${key}`}, 0)) as locked`,
      )
      .then((result) => result.rows);
    if (!lock?.locked) throw idempotencyErrors.inProgress();
    const [existing] = await unit.tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)));
    if (existing?.state === 'completed') {
      await unit.rollback();
      replay(request, reply, existing, hash);
      return 'answered';
    }
    // A reservation left by an earlier version of this plugin (before units of work): its owner is gone.
    if (existing)
      await unit.tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)));
    request.idempotency = { orgId, key, hash, unit };
    return unit;
  } catch (error) {
    await unit.rollback();
    throw error;
  }
}

function replay(
  request: FastifyRequest,
  reply: FastifyReply,
  existing: typeof idempotencyKeys.$inferSelect,
  hash: string,
) {
  if (existing.requestHash !== hash) {
    throw idempotencyErrors.keyReused({
      fields: [{ path: '/headers/idempotency-key', message: 'used for another request' }],
    });
  }
  if (request.routeOptions.config.secretResponse) throw idempotencyErrors.notReplayable();
  void reply
    .code(existing.responseStatus ?? 200)
    .header('content-type', existing.responseContentType ?? 'application/json; charset=utf-8')
    .header('idempotent-replayed', 'true')
    .send(existing.responseBody ?? '');
}

/** Commits the unit of work with the record of a successful response; a failed one rolls back. */
async function complete(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const reservation = request.idempotency;
  if (!reservation) return payload;
  request.idempotency = undefined;
  const { unit } = reservation;
  if (reply.statusCode >= 400) {
    await unit.rollback();
    return payload;
  }
  if (typeof payload === 'string') {
    await unit.tx.insert(idempotencyKeys).values({
      orgId: reservation.orgId,
      key: reservation.key,
      requestHash: reservation.hash,
      state: 'completed',
      responseStatus: reply.statusCode,
      responseBody: request.routeOptions.config.secretResponse ? null : payload,
      responseContentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      lockedUntil: sql`now()`,
    });
  }
  await unit.commit();
  return payload;
}

/**
 * `Idempotency-Key` on every POST, stored in PostgreSQL per organisation: the same key and body
 * replay the first response; the same key with another body is a 422; a concurrent duplicate a 409.
 *
 * Each POST runs as one unit of work (one PostgreSQL transaction, `@baigou/db` unit-of-work): the
 * route's effect and the record of its response commit together, just before the response is written,
 * or not at all. A process that dies at any point leaves either both (a retry replays) or neither (a
 * retry runs afresh). While the request runs, a transaction-scoped advisory lock on (organisation, key)
 * marks it in progress; it dies with the connection, so a crashed owner never blocks a retry.
 * Only successful responses are kept: a failed request rolls back and may be retried.
 */
async function idempotencyPlugin(app: FastifyInstance, { db }: { db: Db }) {
  // Callback style, so that the handler and everything it awaits run inside the unit of work's scope.
  app.addHook('preHandler', (request, reply, done) => {
    begin(db, request, reply).then(
      (outcome) => {
        if (outcome === 'answered') return;
        if (outcome) runInUnitOfWork(outcome, () => done());
        else done();
      },
      (error: Error) => done(error),
    );
  });

  app.addHook('onSend', complete);

  // A request that ends without passing onSend (a hijacked reply) must not keep its transaction open.
  app.addHook('onResponse', async (request) => {
    const reservation = request.idempotency;
    request.idempotency = undefined;
    await reservation?.unit.rollback();
  });
}

export default fp(idempotencyPlugin, { name: 'idempotency', dependencies: ['auth'] });
