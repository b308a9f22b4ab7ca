import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { merchantBody } from '../support/fixtures';
import { countRows, expectProblem } from '../support/http-assertions';

describe('authentication and role authorisation', () => {
  const api = useTestApi();
  let adminKey: string;
  let staffKey: string;

  beforeAll(async () => {
    adminKey = (await api.key('Baigou Service Center', 'center', 'admin')).key;
    staffKey = (await api.key('Baigou Service Center', 'center', 'staff')).key;
  });

  it('refuses a request without Authorization with 401 auth.missing_credentials', async () => {
    expectProblem(await api.request(null, { method: 'GET', url: '/v1/merchants' }), 401, 'auth.missing_credentials');
  });

  it('authenticates before validating, so an anonymous caller learns nothing about the body', async () => {
    const response = await api.request(null, { method: 'POST', url: '/v1/merchants', payload: { nonsense: true } });
    expectProblem(response, 401, 'auth.missing_credentials');
  });

  it('refuses an unknown key with 401 auth.invalid_key', async () => {
    const unknown = `bgk_${'A'.repeat(43)}`;
    expectProblem(await api.request(unknown, { method: 'GET', url: '/v1/merchants' }), 401, 'auth.invalid_key');
  });

  it('refuses a malformed Authorization header with 401 auth.invalid_key', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not a key', `Bearer ${'x'.repeat(201)}`]) {
      const response = await api.request(null, { method: 'GET', url: '/v1/merchants', headers: { authorization } });
      expectProblem(response, 401, 'auth.invalid_key');
    }
  });

  it('refuses a key from the request after it was revoked', async () => {
    const created = await api.request(adminKey, {
      method: 'POST',
      url: '/v1/admin/api-keys',
      payload: { orgName: 'Revoked Trading', kind: 'operator', role: 'operator' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { key, keyId } = created.json<{ key: string; keyId: string }>();
    expect((await api.request(key, { method: 'GET', url: '/v1/merchants' })).statusCode).toBe(200);

    const revoked = await api.request(adminKey, {
      method: 'POST',
      url: `/v1/admin/api-keys/${keyId}/revoke`,
      payload: { reason: 'laptop stolen' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expectProblem(await api.request(key, { method: 'GET', url: '/v1/merchants' }), 401, 'auth.invalid_key');
  });

  it('refuses a role the route does not allow with 403 auth.forbidden_role and writes nothing', async () => {
    const before = await countRows(api.env.database.db);
    const response = await api.request(staffKey, { method: 'POST', url: '/v1/merchants', payload: merchantBody(1) });
    const problem = expectProblem(response, 403, 'auth.forbidden_role');
    expect(problem.detail).toContain('yours: staff');
    expect(await countRows(api.env.database.db)).toEqual(before);
  });

  it('keeps operators out of the admin routes', async () => {
    const { key } = await api.key('Curious Trading', 'operator', 'operator');
    expectProblem(await api.request(key, { method: 'GET', url: '/v1/admin/api-keys' }), 403, 'auth.forbidden_role');
  });

  it('leaves the health, metrics and documentation endpoints open', async () => {
    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
      expect((await api.request(null, { method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});

describe('per-key rate limit', () => {
  const api = useTestApi({ rateLimitPerMinute: 3 });

  it('refuses the fourth request of a key within a minute with 429 request.rate_limited while another key is served', async () => {
    const busy = (await api.key('Busy Trading', 'operator', 'operator')).key;
    const calm = (await api.key('Calm Trading', 'operator', 'operator')).key;

    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const response = await api.request(busy, { method: 'GET', url: '/v1/reference/currency' });
      expect(response.statusCode, `request ${attempt}`).toBe(200);
      expect(response.headers['x-ratelimit-remaining']).toBe(String(3 - attempt));
    }
    const limited = await api.request(busy, { method: 'GET', url: '/v1/reference/currency' });
    expectProblem(limited, 429, 'request.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    expect((await api.request(calm, { method: 'GET', url: '/v1/reference/currency' })).statusCode).toBe(200);
  });

  it('counts POSTs too and writes nothing for a refused one', async () => {
    const { key } = await api.key('Hasty Trading', 'operator', 'operator');
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await api.request(key, { method: 'GET', url: '/v1/reference/unit' });
    }
    const before = await countRows(api.env.database.db);
    const response = await api.request(key, { method: 'POST', url: '/v1/merchants', payload: merchantBody(2) });
    expectProblem(response, 429, 'request.rate_limited');
    expect(await countRows(api.env.database.db)).toEqual(before);
  });
});
