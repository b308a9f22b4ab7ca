import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { countRows, expectProblem, problemPaths } from '../support/http-assertions';

interface CreatedKey {
  orgId: string;
  orgName: string;
  keyId: string;
  role: string;
  key: string;
}

interface KeySummary {
  keyId: string;
  keyPrefix: string;
  role: string;
  label: string | null;
  orgId: string;
  orgName: string;
  orgKind: string;
  createdAt: string;
  revokedAt: string | null;
}

describe('admin API keys', () => {
  const api = useTestApi();
  let adminKey: string;
  let staffKey: string;

  beforeAll(async () => {
    adminKey = (await api.key('Baigou Service Center', 'center', 'admin')).key;
    staffKey = (await api.key('Baigou Service Center', 'center', 'staff')).key;
  });

  const createKey = (payload: object, key: string | null = adminKey) =>
    api.request(key, { method: 'POST', url: '/v1/admin/api-keys', payload });
  const listKeys = (key: string | null = adminKey) => api.request(key, { method: 'GET', url: '/v1/admin/api-keys' });
  const revokeKey = (keyId: string, payload: object, key: string | null = adminKey) =>
    api.request(key, { method: 'POST', url: `/v1/admin/api-keys/${keyId}/revoke`, payload });

  describe('POST /v1/admin/api-keys', () => {
    it('creates an organisation and a key that works at once, showing the secret in the response', async () => {
      const response = await createKey({
        orgName: 'Hedao Export Co.',
        kind: 'operator',
        role: 'operator',
        label: 'ERP integration',
      });
      expect(response.statusCode, response.body).toBe(201);
      const created = response.json<CreatedKey>();
      expect(created).toMatchObject({ orgName: 'Hedao Export Co.', role: 'operator' });
      expect(created.key).toMatch(/^bgk_[A-Za-z0-9_-]{43}$/);
      expect((await api.request(created.key, { method: 'GET', url: '/v1/merchants' })).statusCode).toBe(200);
    });

    it('stores only a hash of the secret in api_keys', async () => {
      const created = (
        await createKey({ orgName: 'Hash Check Co.', kind: 'operator', role: 'operator' })
      ).json<CreatedKey>();
      const { rows } = await api.env.database.pool.query('select * from api_keys where id = $1', [created.keyId]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows[0])).not.toContain(created.key);
    });

    it('never hands a secret out twice: a retry with the same Idempotency-Key answers 409 and the secret is not stored', async () => {
      const idempotencyKey = randomUUID();
      const payload = { orgName: 'Retry Secret Co.', kind: 'operator', role: 'operator' };
      const first = await api.request(adminKey, { method: 'POST', url: '/v1/admin/api-keys', payload, idempotencyKey });
      expect(first.statusCode).toBe(201);
      const secret = first.json<CreatedKey>().key;
      const retry = await api.request(adminKey, { method: 'POST', url: '/v1/admin/api-keys', payload, idempotencyKey });
      expectProblem(retry, 409, 'idempotency.not_replayable');
      expect(retry.body).not.toContain(secret);
      const { rows } = await api.env.database.pool.query('select response_body from idempotency_keys where key = $1', [
        idempotencyKey,
      ]);
      expect(rows).toEqual([{ response_body: null }]);
    });

    it('reuses the organisation of the same name for a second key', async () => {
      const first = (
        await createKey({ orgName: 'Twin Keys Co.', kind: 'operator', role: 'operator' })
      ).json<CreatedKey>();
      const before = await countRows(api.env.database.db);
      const second = await createKey({ orgName: 'Twin Keys Co.', kind: 'operator', role: 'operator' });
      expect(second.statusCode).toBe(201);
      expect(second.json<CreatedKey>().orgId).toBe(first.orgId);
      expect(second.json<CreatedKey>().key).not.toBe(first.key);
      const after = await countRows(api.env.database.db);
      expect(after.organisations).toBe(before.organisations);
      expect(after.api_keys).toBe(before.api_keys + 1);
    });

    it('refuses a role the organisation kind may not hold with 422 and creates nothing', async () => {
      const before = await countRows(api.env.database.db);
      const problem = expectProblem(
        await createKey({ orgName: 'Would-be Admin Co.', kind: 'operator', role: 'admin' }),
        422,
        'access.role_not_allowed_for_kind',
      );
      expect(problemPaths(problem)).toEqual(['/body/role']);
      expect(await countRows(api.env.database.db)).toEqual(before);
    });

    it('refuses an existing organisation name with another kind with 409 and creates no key', async () => {
      await createKey({ orgName: 'Kind Clash Co.', kind: 'operator', role: 'operator' });
      const before = await countRows(api.env.database.db);
      const problem = expectProblem(
        await createKey({ orgName: 'Kind Clash Co.', kind: 'customs', role: 'customs' }),
        409,
        'access.organisation_kind_mismatch',
      );
      expect(problemPaths(problem)).toEqual(['/body/kind']);
      expect(await countRows(api.env.database.db)).toEqual(before);
    });

    it('refuses an invalid body with 400 naming the fields', async () => {
      const problem = expectProblem(
        await createKey({ orgName: '', kind: 'bank', role: 'operator', extra: 1 }),
        400,
        'request.validation_failed',
      );
      expect(problemPaths(problem)).toEqual(expect.arrayContaining(['/body/orgName', '/body/kind', '/body/extra']));
    });

    it('refuses an anonymous caller with 401', async () => {
      expectProblem(
        await createKey({ orgName: 'Anon Co.', kind: 'operator', role: 'operator' }, null),
        401,
        'auth.missing_credentials',
      );
    });

    it('refuses staff with 403 and creates nothing', async () => {
      const before = await countRows(api.env.database.db);
      expectProblem(
        await createKey({ orgName: 'Staff Co.', kind: 'operator', role: 'operator' }, staffKey),
        403,
        'auth.forbidden_role',
      );
      expect(await countRows(api.env.database.db)).toEqual(before);
    });
  });

  describe('GET /v1/admin/api-keys', () => {
    it('lists keys with their organisation and a display prefix, never a secret or hash', async () => {
      const created = (
        await createKey({ orgName: 'Listed Co.', kind: 'auditor', role: 'auditor', label: 'audit 2026' })
      ).json<CreatedKey>();
      const response = await listKeys();
      expect(response.statusCode).toBe(200);
      const { items } = response.json<{ items: KeySummary[] }>();
      const listed = items.find((item) => item.keyId === created.keyId);
      expect(listed).toMatchObject({
        orgName: 'Listed Co.',
        orgKind: 'auditor',
        role: 'auditor',
        label: 'audit 2026',
        revokedAt: null,
      });
      expect(created.key.startsWith(listed!.keyPrefix)).toBe(true);
      expect(listed!.keyPrefix.length).toBeLessThan(created.key.length / 2);
      expect(response.body).not.toContain(created.key);
      expect(response.body).not.toMatch(/bgk_[A-Za-z0-9_-]{43}/);
      expect(Object.keys(listed!).sort()).toEqual(
        ['createdAt', 'keyId', 'keyPrefix', 'label', 'orgId', 'orgKind', 'orgName', 'revokedAt', 'role'].sort(),
      );
    });

    it('refuses an anonymous caller with 401 and staff with 403', async () => {
      expectProblem(await listKeys(null), 401, 'auth.missing_credentials');
      expectProblem(await listKeys(staffKey), 403, 'auth.forbidden_role');
    });
  });

  describe('POST /v1/admin/api-keys/:id/revoke', () => {
    it('revokes a key, shows it revoked in the list and refuses a second revocation with 409', async () => {
      const created = (
        await createKey({ orgName: 'Revoke Me Co.', kind: 'customs', role: 'customs' })
      ).json<CreatedKey>();
      const response = await revokeKey(created.keyId, { reason: 'contract ended' });
      expect(response.statusCode, response.body).toBe(200);
      const revoked = response.json<{ keyId: string; revokedAt: string }>();
      expect(revoked.keyId).toBe(created.keyId);
      expect(Math.abs(Date.parse(revoked.revokedAt) - Date.now())).toBeLessThan(60_000);

      const listed = (await listKeys())
        .json<{ items: KeySummary[] }>()
        .items.find((item) => item.keyId === created.keyId);
      expect(listed?.revokedAt).toBe(revoked.revokedAt);

      expectProblem(await revokeKey(created.keyId, { reason: 'again' }), 409, 'access.key_already_revoked');
    });

    it('answers an unknown key id with 404 access.key_not_found', async () => {
      expectProblem(await revokeKey(randomUUID(), { reason: 'typo' }), 404, 'access.key_not_found');
    });

    it('refuses a malformed id or a missing reason with 400 naming the field', async () => {
      expect(
        problemPaths(expectProblem(await revokeKey('not-a-uuid', { reason: 'x' }), 400, 'request.validation_failed')),
      ).toEqual(['/params/id']);
      const created = (
        await createKey({ orgName: 'Reasonless Co.', kind: 'operator', role: 'operator' })
      ).json<CreatedKey>();
      expect(problemPaths(expectProblem(await revokeKey(created.keyId, {}), 400, 'request.validation_failed'))).toEqual(
        ['/body/reason'],
      );
      expect(
        problemPaths(
          expectProblem(await revokeKey(created.keyId, { reason: '   ' }), 400, 'request.validation_failed'),
        ),
      ).toEqual(['/body/reason']);
      expect((await api.request(created.key, { method: 'GET', url: '/v1/merchants' })).statusCode).toBe(200);
    });

    it('refuses an anonymous caller with 401 and staff with 403, leaving the key usable', async () => {
      const created = (await createKey({ orgName: 'Kept Co.', kind: 'operator', role: 'operator' })).json<CreatedKey>();
      expectProblem(await revokeKey(created.keyId, { reason: 'x' }, null), 401, 'auth.missing_credentials');
      expectProblem(await revokeKey(created.keyId, { reason: 'x' }, staffKey), 403, 'auth.forbidden_role');
      expect((await api.request(created.key, { method: 'GET', url: '/v1/merchants' })).statusCode).toBe(200);
    });

    it('lets an admin revoke its own key, locking itself out from the next request', async () => {
      const own = await api.key('Baigou Service Center', 'center', 'admin');
      expect((await revokeKey(own.keyId, { reason: 'rotation' }, own.key)).statusCode).toBe(200);
      expectProblem(await listKeys(own.key), 401, 'auth.invalid_key');
    });
  });
});
