import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi, type TestApi } from '../support/api';
import { merchantBody, operatorBody } from '../support/fixtures';
import { countRows, expectProblem, problemPaths } from '../support/http-assertions';

/** Registers the calling organisation as an operator, so it may register merchants. */
async function registeredOperator(api: TestApi, n: number): Promise<string> {
  const { key } = await api.key(`Conventions Trading ${n}`, 'operator', 'operator');
  const registered = await api.request(key, { method: 'POST', url: '/v1/operators', payload: operatorBody(n) });
  expect(registered.statusCode, registered.body).toBe(201);
  return key;
}

describe('request conventions shared by every route', () => {
  const api = useTestApi();
  let operatorKey: string;
  let nextMerchant = 100;
  const newMerchant = (overrides: Record<string, unknown> = {}) => merchantBody((nextMerchant += 1), overrides);
  const postMerchant = (options: {
    payload: object | string;
    idempotencyKey?: string | null;
    headers?: Record<string, string>;
  }) => api.request(operatorKey, { method: 'POST', url: '/v1/merchants', ...options });

  beforeAll(async () => {
    operatorKey = await registeredOperator(api, 1);
  });

  describe('request bodies', () => {
    it('answers malformed JSON with 400 request.malformed_json and writes nothing', async () => {
      const before = await countRows(api.env.database.db);
      const response = await postMerchant({
        payload: '{"kind": "individual_business",',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(response, 400, 'request.malformed_json');
      expect(await countRows(api.env.database.db)).toEqual(before);
    });

    it('refuses an unknown field with 400 request.validation_failed naming /body/<field>', async () => {
      const before = await countRows(api.env.database.db);
      const problem = expectProblem(
        await postMerchant({ payload: newMerchant({ shoeSize: 42 }) }),
        400,
        'request.validation_failed',
      );
      expect(problemPaths(problem)).toEqual(['/body/shoeSize']);
      expect(await countRows(api.env.database.db)).toEqual(before);
    });

    it('names an unknown field inside a nested object by its full path', async () => {
      const body = newMerchant();
      const payload = { ...body, fxAccount: { ...body.fxAccount, swift: 'BKCHCNBJ' } };
      const problem = expectProblem(await postMerchant({ payload }), 400, 'request.validation_failed');
      expect(problemPaths(problem)).toEqual(['/body/fxAccount/swift']);
    });

    it('refuses a field of the wrong type with 400 naming its path, and writes nothing', async () => {
      const before = await countRows(api.env.database.db);
      const problem = expectProblem(
        await postMerchant({ payload: newMerchant({ goodsCategories: 42 }) }),
        400,
        'request.validation_failed',
      );
      expect(problemPaths(problem)).toContain('/body/goodsCategories');
      expect(await countRows(api.env.database.db)).toEqual(before);
    });

    it('refuses a body that is not application/json with 415 request.unsupported_media_type', async () => {
      const before = await countRows(api.env.database.db);
      const response = await postMerchant({
        payload: 'kind=individual_business&nameZh=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectProblem(response, 415, 'request.unsupported_media_type');
      expect(await countRows(api.env.database.db)).toEqual(before);
    });

    it('refuses JSON sent as text/plain with 415 as well', async () => {
      const response = await postMerchant({
        payload: JSON.stringify(newMerchant()),
        headers: { 'content-type': 'text/plain' },
      });
      expectProblem(response, 415, 'request.unsupported_media_type');
    });
  });

  describe('Idempotency-Key', () => {
    it('refuses a POST without an Idempotency-Key with 400 idempotency.key_required and writes nothing', async () => {
      const before = await countRows(api.env.database.db);
      const problem = expectProblem(
        await postMerchant({ payload: newMerchant(), idempotencyKey: null }),
        400,
        'idempotency.key_required',
      );
      expect(problemPaths(problem)).toEqual(['/headers/idempotency-key']);
      expect(await countRows(api.env.database.db)).toEqual(before);
    });

    it('refuses an Idempotency-Key with characters outside visible ASCII', async () => {
      const response = await postMerchant({ payload: newMerchant(), idempotencyKey: 'key with spaces' });
      expectProblem(response, 400, 'idempotency.key_required');
    });

    it('replays the first response to a retry with the same key and body, registering the merchant once', async () => {
      const before = await countRows(api.env.database.db);
      const payload = newMerchant();
      const idempotencyKey = randomUUID();
      const first = await postMerchant({ payload, idempotencyKey });
      const retry = await postMerchant({ payload, idempotencyKey });

      expect(first.statusCode, first.body).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(retry.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers['content-type']).toBe(first.headers['content-type']);
      expect(retry.body).toBe(first.body);
      const after = await countRows(api.env.database.db);
      expect(after.merchants - before.merchants).toBe(1);
      expect(after.party_status_history - before.party_status_history).toBe(1);
      expect(after.idempotency_keys - before.idempotency_keys).toBe(1);
    });

    it('treats the same body with its fields in another order as the same request', async () => {
      const payload = newMerchant();
      const idempotencyKey = randomUUID();
      const first = await postMerchant({ payload, idempotencyKey });
      const reordered = Object.fromEntries(Object.entries(payload).reverse());
      const retry = await postMerchant({ payload: reordered, idempotencyKey });
      expect(first.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toBe(first.body);
    });

    it('refuses the same key with a different body with 422 idempotency.key_reused and writes nothing', async () => {
      const idempotencyKey = randomUUID();
      expect((await postMerchant({ payload: newMerchant(), idempotencyKey })).statusCode).toBe(201);
      const before = await countRows(api.env.database.db);
      const problem = expectProblem(
        await postMerchant({ payload: newMerchant(), idempotencyKey }),
        422,
        'idempotency.key_reused',
      );
      expect(problemPaths(problem)).toEqual(['/headers/idempotency-key']);
      expect(await countRows(api.env.database.db)).toEqual(before);
    });

    it('registers once when two requests with the same key and body arrive together', async () => {
      for (let round = 0; round < 5; round += 1) {
        const before = await countRows(api.env.database.db);
        const payload = newMerchant();
        const idempotencyKey = randomUUID();
        const responses = await Promise.all([
          postMerchant({ payload, idempotencyKey }),
          postMerchant({ payload, idempotencyKey }),
        ]);

        const fresh = responses.filter(
          (response) => response.statusCode === 201 && !response.headers['idempotent-replayed'],
        );
        expect(fresh, responses.map((response) => response.body).join('\n')).toHaveLength(1);
        const other = responses.find((response) => response !== fresh[0])!;
        if (other.statusCode === 409) {
          expectProblem(other, 409, 'idempotency.request_in_progress');
        } else {
          expect(other.statusCode).toBe(201);
          expect(other.headers['idempotent-replayed']).toBe('true');
          expect(other.body).toBe(fresh[0]!.body);
        }
        const after = await countRows(api.env.database.db);
        expect(after.merchants - before.merchants).toBe(1);
        expect(after.party_status_history - before.party_status_history).toBe(1);
      }
    });

    it('keeps nothing for a request that failed, so the client may retry it with the same key', async () => {
      const idempotencyKey = randomUUID();
      const payload = newMerchant();
      const before = await countRows(api.env.database.db);
      // HS chapter 77 is reserved and has no tariff items, so the service refuses it.
      const failed = await postMerchant({ payload: { ...payload, goodsCategories: ['77'] }, idempotencyKey });
      expect(problemPaths(expectProblem(failed, 400, 'reference.unknown_code'))).toEqual(['/body/goodsCategories/0']);
      expect(await countRows(api.env.database.db)).toEqual(before);

      const corrected = await postMerchant({ payload, idempotencyKey });
      expect(corrected.statusCode, corrected.body).toBe(201);
      expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    });

    it('scopes keys to the organisation: another operator may use the same key', async () => {
      const otherKey = await registeredOperator(api, 2);
      const idempotencyKey = randomUUID();
      const mine = await postMerchant({ payload: newMerchant(), idempotencyKey });
      const theirs = await api.request(otherKey, {
        method: 'POST',
        url: '/v1/merchants',
        payload: newMerchant(),
        idempotencyKey,
      });
      expect(mine.statusCode).toBe(201);
      expect(theirs.statusCode, theirs.body).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    });
  });

  describe('problem details', () => {
    it('answers an unknown route with 404 route.not_found, authenticated or not', async () => {
      expectProblem(await api.request(null, { method: 'GET', url: '/v1/warehouses' }), 404, 'route.not_found');
      expectProblem(
        await api.request(operatorKey, { method: 'POST', url: '/v1/warehouses', payload: {} }),
        404,
        'route.not_found',
      );
    });

    it('names the request in every problem: instance is the URL and requestId the x-request-id header', async () => {
      const problem = expectProblem(
        await api.request(null, { method: 'GET', url: '/v1/merchants?status=approved' }),
        401,
        'auth.missing_credentials',
      );
      expect(problem.instance).toBe('/v1/merchants?status=approved');
      expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("uses the caller's x-request-id so a client can correlate its own logs", async () => {
      const response = await api.request(null, {
        method: 'GET',
        url: '/v1/merchants',
        headers: { 'x-request-id': 'client-trace-42' },
      });
      expect(expectProblem(response, 401, 'auth.missing_credentials').requestId).toBe('client-trace-42');
    });

    it('replaces an x-request-id that is too long or carries odd characters with its own', async () => {
      for (const given of ['x'.repeat(500), 'bad id\twith spaces']) {
        const response = await api.request(null, {
          method: 'GET',
          url: '/v1/merchants',
          headers: { 'x-request-id': given },
        });
        expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it('sends x-request-id on successful responses too', async () => {
      const response = await api.request(operatorKey, { method: 'GET', url: '/v1/merchants' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

describe('request body size limit', () => {
  const api = useTestApi({ bodyLimitBytes: 2_048 });

  it('refuses a body over the limit with 413 request.body_too_large and writes nothing', async () => {
    const key = await registeredOperator(api, 3);
    const payload = merchantBody(1, { nameEn: 'B'.repeat(2_100) });
    const before = await countRows(api.env.database.db);
    const response = await api.request(key, { method: 'POST', url: '/v1/merchants', payload });
    expectProblem(response, 413, 'request.body_too_large');
    expect(await countRows(api.env.database.db)).toEqual(before);

    const withinLimit = await api.request(key, { method: 'POST', url: '/v1/merchants', payload: merchantBody(1) });
    expect(withinLimit.statusCode, withinLimit.body).toBe(201);
  });
});
