import { randomUUID } from 'node:crypto';
import { apiLoggerOptions, buildApp } from '@baigou/api/app';
import type { App } from '@baigou/api/http/types';
import { createAccessService } from '@baigou/core';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { Redis } from 'ioredis';
import pino, { type LoggerOptions } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantBody, operatorBody } from '../support/fixtures';
import { countRows, expectProblem } from '../support/http-assertions';
import { useTestEnvironment } from '../support/services';

interface LogLine {
  level: number;
  reqId?: string;
  msg?: string;
  [field: string]: unknown;
}

/** An app whose log lines are kept in memory, with the API's own logger settings unless told otherwise. */
function useLoggedApp(options: LoggerOptions = apiLoggerOptions('trace')) {
  const env = useTestEnvironment();
  const logged = { app: undefined as unknown as App, lines: [] as string[], env };
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(env.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await redis.connect();
    const logger = pino(options, { write: (line: string) => void logged.lines.push(line) });
    logged.app = await buildApp({
      config: {
        BODY_LIMIT_BYTES: 1_048_576,
        RATE_LIMIT_PER_MINUTE: 1_000,
        REDIS_PREFIX: env.redisPrefix,
        LOG_LEVEL: 'trace',
        PUBLIC_URL: undefined,
        NODE_ENV: 'test',
      },
      database: env.database,
      redis,
      logger,
    });
    await logged.app.ready();
  });
  afterAll(async () => {
    await logged.app?.close();
    redis?.disconnect();
  });
  return logged;
}

const bearer = (key: string, post = false) => ({
  authorization: `Bearer ${key}`,
  ...(post ? { 'idempotency-key': randomUUID() } : {}),
});

describe('request logging with the API logger settings', () => {
  const logged = useLoggedApp();
  let key: string;
  const merchant = merchantBody(7);

  const send = (options: InjectOptions) => logged.app.inject(options);
  const output = () => logged.lines.join('');
  const parsed = () => logged.lines.map((line) => JSON.parse(line) as LogLine);

  beforeAll(async () => {
    key = (
      await createAccessService({ db: logged.env.database.db }).createKey({
        orgName: 'Logged Trading',
        kind: 'operator',
        role: 'operator',
      })
    ).key;
    const operator = await send({
      method: 'POST',
      url: '/v1/operators',
      headers: bearer(key, true),
      payload: operatorBody(7),
    });
    expect(operator.statusCode, operator.body).toBe(201);
  });

  it('never writes the API key, a resident ID or an account number, yet tags every request line with its id', async () => {
    const last = merchant.residentId.at(-1);
    const wrongCheckDigit = `${merchant.residentId.slice(0, 17)}${last === '0' ? '1' : '0'}`;
    const responses = [
      await send({ method: 'POST', url: '/v1/merchants', headers: bearer(key, true), payload: merchant }),
      // The same resident ID again: refused as a duplicate, with PostgreSQL's error behind it.
      await send({ method: 'POST', url: '/v1/merchants', headers: bearer(key, true), payload: merchant }),
      await send({
        method: 'POST',
        url: '/v1/merchants',
        headers: bearer(key, true),
        payload: { ...merchant, residentId: wrongCheckDigit },
      }),
      await send({ method: 'GET', url: `/v1/merchants?idNumber=${merchant.residentId}`, headers: bearer(key) }),
      await send({ method: 'GET', url: `/v1/merchants?IDNUMBER=${merchant.residentId}`, headers: bearer(key) }),
    ];
    expect(responses.map((response) => response.statusCode)).toEqual([201, 409, 400, 200, 400]);

    expect(output()).not.toContain(key);
    expect(output()).not.toContain(key.slice(4));
    expect(output()).not.toContain(merchant.residentId);
    expect(output()).not.toContain(merchant.fxAccount.accountNo);
    const ids = new Set(parsed().map((line) => line.reqId));
    for (const response of responses) expect(ids).toContain(response.headers['x-request-id']);
  });

  it('keeps the harmless part of a logged URL, so requests stay traceable', async () => {
    const response = await send({
      method: 'GET',
      url: `/v1/merchants?status=submitted&idNumber=${merchant.residentId}`,
      headers: bearer(key),
    });
    const incoming = parsed().find(
      (line) => line.reqId === response.headers['x-request-id'] && line.msg === 'incoming request',
    );
    expect(incoming?.req).toMatchObject({ method: 'GET', url: '/v1/merchants?status=submitted&idNumber=[redacted]' });
  });

  it('censors query values that can carry a key, a resident ID or a USCC: api_key, q, uscc, idNumber, residentId', async () => {
    const uscc = operatorBody(7).uscc;
    const urls = [
      `/v1/merchants?api_key=${key}`,
      `/v1/merchants?q=${merchant.residentId}&status=submitted`,
      `/v1/operators?uscc=${uscc}`,
      `/v1/merchants?residentId=${merchant.residentId}`,
      `/v1/trace?merchant=${uscc}`,
      `/v1/merchants?%71=${merchant.residentId}`,
      `/v1/merchants?Q=${merchant.residentId}&Q=${merchant.residentId}`,
      `/v1/merchants?access_token=${key}&token=${key}`,
    ];
    for (const url of urls) await send({ method: 'GET', url, headers: bearer(key) });
    expect(output()).not.toContain(key);
    expect(output()).not.toContain(key.slice(4));
    expect(output()).not.toContain(merchant.residentId);
    expect(output()).not.toContain(uscc);
    const logged = parsed()
      .filter((line) => line.msg === 'incoming request')
      .map((line) => (line.req as { url: string }).url);
    expect(logged).toContain('/v1/merchants?q=[redacted]&status=submitted');
    expect(logged).toContain('/v1/operators?uscc=[redacted]');
  });

  describe('a server error', () => {
    // A database failure in the middle of a registration, simulated by a trigger in this file's database.
    beforeAll(async () => {
      await logged.env.database.db.execute(sql`
        create function fail_merchant_insert() returns trigger language plpgsql as
          $$ begin raise exception 'simulated storage failure'; end $$;
        create trigger fail_merchant_insert before insert on merchants for each row execute function fail_merchant_insert();
      `);
    });
    afterAll(async () => {
      await logged.env.database.db.execute(sql`
        drop trigger if exists fail_merchant_insert on merchants;
        drop function if exists fail_merchant_insert();
      `);
    });

    it('hides its detail from the client and logs it with the request id, without the personal data of the query', async () => {
      const victim = merchantBody(8);
      const before = await countRows(logged.env.database.db);
      const response = await send({
        method: 'POST',
        url: '/v1/merchants',
        headers: bearer(key, true),
        payload: victim,
      });

      const problem = expectProblem(response, 500, 'internal.error');
      expect(response.body).not.toContain('simulated');
      expect(response.body).not.toContain('insert');
      expect(problem.detail).toContain(problem.requestId);

      const errors = parsed().filter((line) => line.level >= 50 && line.reqId === problem.requestId);
      expect(errors).toHaveLength(1);
      expect(JSON.stringify(errors[0])).toContain('simulated storage failure');
      expect(output()).not.toContain(victim.residentId);
      expect(output()).not.toContain(victim.fxAccount.accountNo);
      expect(await countRows(logged.env.database.db)).toEqual(before);
    });
  });
});

describe('request logging with a serializer that logs request headers', () => {
  const logged = useLoggedApp({
    ...apiLoggerOptions('info'),
    serializers: {
      req: (request: { method: string; url: string; headers: unknown }) => ({
        method: request.method,
        url: request.url,
        headers: request.headers,
      }),
    },
  });

  it('still censors the Authorization header', async () => {
    const { key } = await createAccessService({ db: logged.env.database.db }).createKey({
      orgName: 'Header Trading',
      kind: 'operator',
      role: 'operator',
    });
    const response = await logged.app.inject({
      method: 'GET',
      url: '/v1/merchants',
      headers: { ...bearer(key), 'x-request-id': 'header-check-1' },
    });
    expect(response.statusCode).toBe(200);

    const output = logged.lines.join('');
    expect(output).toContain('"authorization":"[redacted]"');
    expect(output).toContain('header-check-1');
    expect(output).not.toContain(key);
  });
});
