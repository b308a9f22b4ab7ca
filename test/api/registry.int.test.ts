import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import {
  breakCheckCharacter,
  makeResidentId,
  makeUscc,
  merchantBody,
  operatorBody,
  purchaserBody,
} from '../support/fixtures';

describe('party registry (主体备案)', () => {
  const api = useTestApi();
  let operatorA: string;
  let operatorB: string;
  let staff: string;
  let customs: string;
  let auditor: string;
  let orgA: string;
  let counter = 100;
  const next = () => (counter += 1);

  const count = async (table: string) =>
    Number(
      (await api.env.database.db.execute<{ n: string }>(sql.raw(`select count(*) as n from ${table}`))).rows[0]!.n,
    );

  const post = (key: string | null, url: string, payload: unknown) =>
    api.request(key, { method: 'POST', url, payload: payload as object });
  const get = (key: string | null, url: string) => api.request(key, { method: 'GET', url });

  beforeAll(async () => {
    ({ key: operatorA, orgId: orgA } = await api.key('Operator A', 'operator', 'operator'));
    ({ key: operatorB } = await api.key('Operator B', 'operator', 'operator'));
    ({ key: staff } = await api.key('Baigou Trade Service Center', 'center', 'staff'));
    ({ key: customs } = await api.key('Baoding Customs', 'customs', 'customs'));
    ({ key: auditor } = await api.key('Audit Firm', 'auditor', 'auditor'));
    expect((await post(operatorA, '/v1/operators', operatorBody(1))).statusCode).toBe(201);
    expect((await post(operatorB, '/v1/operators', operatorBody(2))).statusCode).toBe(201);
  });

  describe('POST /v1/operators', () => {
    it('registers an operator with a valid USCC and answers 201 with its id and status', async () => {
      const { key, orgId } = await api.key('Operator C', 'operator', 'operator');
      const res = await post(key, '/v1/operators', operatorBody(3));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ id: expect.any(String), status: 'submitted', orgId, uscc: makeUscc(3) });
    });

    it('refuses a USCC with a wrong GB 32100 check character, naming the field, and writes nothing', async () => {
      const { key } = await api.key('Operator D', 'operator', 'operator');
      const before = await count('operators');
      const res = await post(key, '/v1/operators', { ...operatorBody(4), uscc: breakCheckCharacter(makeUscc(4)) });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'request.validation_failed', errors: [{ path: '/body/uscc' }] });
      expect(await count('operators')).toBe(before);
    });

    it('answers 409 when the same USCC is registered again', async () => {
      const { key } = await api.key('Operator E', 'operator', 'operator');
      const res = await post(key, '/v1/operators', { ...operatorBody(5), uscc: makeUscc(1) });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'registry.duplicate_party', errors: [{ path: '/body/uscc' }] });
    });

    it('answers 409 when an organisation registers itself twice', async () => {
      const res = await post(operatorA, '/v1/operators', operatorBody(6));
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('registry.operator_already_registered');
    });

    it('requires a key and the operator role', async () => {
      expect((await post(null, '/v1/operators', operatorBody(7))).statusCode).toBe(401);
      expect((await post(customs, '/v1/operators', operatorBody(7))).statusCode).toBe(403);
      expect((await post(staff, '/v1/operators', operatorBody(7))).statusCode).toBe(403);
    });
  });

  describe('POST /v1/merchants', () => {
    it('registers an individual business identified by the owner resident ID', async () => {
      const res = await post(operatorA, '/v1/merchants', merchantBody(next()));
      expect(res.statusCode).toBe(201);
      const merchant = res.json();
      expect(merchant).toMatchObject({ status: 'submitted', operatorOrgId: orgA, kind: 'individual_business' });
      expect(merchant.residentIdMasked).toMatch(/^130681\*{8}\d{3}[\dX]$/);
      expect(JSON.stringify(merchant)).not.toContain(makeResidentId(counter));
    });

    it('registers a company merchant by its USCC', async () => {
      const body = merchantBody(next(), { kind: 'company', residentId: undefined, uscc: makeUscc(500) });
      const res = await post(operatorA, '/v1/merchants', body);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ kind: 'company', uscc: makeUscc(500), residentIdMasked: null });
    });

    it('refuses a resident ID with a bad GB 11643 check digit and writes nothing', async () => {
      const before = await count('merchants');
      const good = makeResidentId(next());
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const res = await post(operatorA, '/v1/merchants', merchantBody(counter, { residentId: bad }));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'request.validation_failed', errors: [{ path: '/body/residentId' }] });
      expect(await count('merchants')).toBe(before);
    });

    it('refuses a company without USCC and goods categories that are not HS chapters', async () => {
      const company = await post(
        operatorA,
        '/v1/merchants',
        merchantBody(next(), { kind: 'company', residentId: undefined }),
      );
      expect(company.json().errors).toContainEqual(expect.objectContaining({ path: '/body/uscc' }));
      const chapter = await post(operatorA, '/v1/merchants', merchantBody(next(), { goodsCategories: ['42', '77'] }));
      expect(chapter.statusCode).toBe(400);
      expect(chapter.json()).toMatchObject({
        code: 'reference.unknown_code',
        errors: [{ path: '/body/goodsCategories/1' }],
      });
    });

    it('answers 409 for a resident ID registered before, by any operator', async () => {
      const body = merchantBody(next());
      expect((await post(operatorA, '/v1/merchants', body)).statusCode).toBe(201);
      const again = await post(operatorB, '/v1/merchants', { ...body, boothNo: 'B-1' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'registry.duplicate_party', errors: [{ path: '/body/residentId' }] });
    });

    it('refuses registrations from an operator organisation that has not registered itself', async () => {
      const { key } = await api.key('Unregistered Operator', 'operator', 'operator');
      const res = await post(key, '/v1/merchants', merchantBody(next()));
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('registry.operator_not_registered');
    });

    it('lets only operators register merchants', async () => {
      expect((await post(null, '/v1/merchants', merchantBody(next()))).statusCode).toBe(401);
      const res = await post(customs, '/v1/merchants', merchantBody(next()));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('auth.forbidden_role');
    });
  });

  describe('POST /v1/purchasers', () => {
    it('registers a foreign purchaser with a passport, masked in the answer', async () => {
      const res = await post(operatorA, '/v1/purchasers', purchaserBody(next()));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        status: 'submitted',
        countryCode: 'RUS',
        idNumberMasked: expect.stringMatching(/^P\*+\d{4}$/),
      });
    });

    it('registers a domestic company purchaser by USCC', async () => {
      const res = await post(
        operatorA,
        '/v1/purchasers',
        purchaserBody(next(), {
          kind: 'company',
          name: '保定某商贸公司',
          countryCode: 'CHN',
          idType: 'uscc',
          idNumber: makeUscc(900),
        }),
      );
      expect(res.statusCode).toBe(201);
    });

    it('refuses a country that is not in the official code list', async () => {
      const res = await post(operatorA, '/v1/purchasers', purchaserBody(next(), { countryCode: 'XYZ' }));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'reference.unknown_code', errors: [{ path: '/body/countryCode' }] });
    });

    it('refuses an identity document that does not fit the purchaser', async () => {
      const res = await post(
        operatorA,
        '/v1/purchasers',
        purchaserBody(next(), { idType: 'resident_id', idNumber: makeResidentId(1) }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/body/idNumber' }));
    });

    it('answers 409 for a purchaser registered before', async () => {
      const body = purchaserBody(next());
      expect((await post(operatorA, '/v1/purchasers', body)).statusCode).toBe(201);
      expect((await post(operatorB, '/v1/purchasers', body)).statusCode).toBe(409);
    });

    it('lets only operators register purchasers', async () => {
      expect((await post(null, '/v1/purchasers', purchaserBody(next()))).statusCode).toBe(401);
      expect((await post(auditor, '/v1/purchasers', purchaserBody(next()))).statusCode).toBe(403);
    });
  });

  describe('reading parties', () => {
    let merchantOfA: string;
    beforeAll(async () => {
      merchantOfA = (await post(operatorA, '/v1/merchants', merchantBody(next()))).json().id;
    });

    it("answers 404, not 403, when operator B reads operator A's merchant", async () => {
      const res = await get(operatorB, `/v1/merchants/${merchantOfA}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('registry.party_not_found');
      expect((await get(operatorB, `/v1/merchants/${merchantOfA}/history`)).statusCode).toBe(404);
    });

    it('lets the owner, staff, customs and auditors read it', async () => {
      for (const key of [operatorA, staff, customs, auditor]) {
        expect((await get(key, `/v1/merchants/${merchantOfA}`)).statusCode).toBe(200);
      }
    });

    it('validates the id and requires a key', async () => {
      expect((await get(operatorA, '/v1/merchants/not-a-uuid')).json()).toMatchObject({
        code: 'request.validation_failed',
        errors: [{ path: '/params/id' }],
      });
      expect((await get(null, `/v1/merchants/${merchantOfA}`)).statusCode).toBe(401);
    });

    it("lists only the caller's own merchants, page by page, with a stable cursor", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(operatorA, `/v1/merchants?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const page = res.json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(
          ...page.items.map((item: { id: string; operatorOrgId: string }) => {
            expect(item.operatorOrgId).toBe(orgA);
            return item.id;
          }),
        );
        cursor = page.nextCursor;
        if (cursor) await post(operatorA, '/v1/merchants', merchantBody(next()));
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toContain(merchantOfA);
      const ownCount = Number(
        (
          await api.env.database.db.execute<{ n: string }>(
            sql`select count(*) as n from merchants where operator_org_id = ${orgA}`,
          )
        ).rows[0]!.n,
      );
      expect(seen.length).toBe(ownCount);
    });

    it('searches by name, booth and exact resident ID; staff see every operator', async () => {
      const body = merchantBody(next(), { nameZh: '白沟皮具精品屋' });
      await post(operatorB, '/v1/merchants', body);
      expect((await get(operatorB, `/v1/merchants?q=${encodeURIComponent('皮具精品')}`)).json().items).toHaveLength(1);
      expect((await get(operatorA, `/v1/merchants?q=${encodeURIComponent('皮具精品')}`)).json().items).toHaveLength(0);
      expect((await get(staff, `/v1/merchants?idNumber=${body.residentId}`)).json().items).toHaveLength(1);
    });

    it('refuses a cursor from another query, an oversize page and unknown parameters', async () => {
      const page = (await get(operatorA, '/v1/merchants?limit=1')).json();
      expect(
        (await get(operatorA, `/v1/merchants?limit=1&status=approved&cursor=${page.nextCursor}`)).json().code,
      ).toBe('request.invalid_cursor');
      expect((await get(operatorA, '/v1/merchants?limit=1000')).statusCode).toBe(400);
      expect((await get(operatorA, '/v1/merchants?colour=red')).json().errors).toContainEqual(
        expect.objectContaining({ path: '/querystring/colour' }),
      );
    });
  });

  describe('staff decisions', () => {
    let merchant: string;
    beforeAll(async () => {
      merchant = (await post(operatorA, '/v1/merchants', merchantBody(next()))).json().id;
    });

    it('approves, suspends with a reason and reinstates, keeping every decision in the history', async () => {
      expect((await post(staff, `/v1/merchants/${merchant}/approve`, {})).json()).toMatchObject({
        status: 'approved',
        version: 2,
      });
      const suspended = await post(staff, `/v1/merchants/${merchant}/suspend`, {
        reason: '价格严重偏离 price far from library',
      });
      expect(suspended.json()).toMatchObject({
        status: 'suspended',
        statusReason: '价格严重偏离 price far from library',
      });
      expect(
        (await post(staff, `/v1/merchants/${merchant}/approve`, { reason: 'explanation accepted' })).json().status,
      ).toBe('approved');
      const history = (await get(operatorA, `/v1/merchants/${merchant}/history`)).json().items;
      expect(history.map((entry: { toStatus: string }) => entry.toStatus)).toEqual([
        'submitted',
        'approved',
        'suspended',
        'approved',
      ]);
      expect(history[2]).toMatchObject({ fromStatus: 'approved', reason: '价格严重偏离 price far from library' });
    });

    it('queues a notification to the registering operator for each decision, in the same transaction', async () => {
      const rows = await api.env.database.db.execute<{ job_key: string; payload: { recipientOrgId: string } }>(
        sql`select job_key, payload from outbox where job_key like ${`registry.decision:merchant:${merchant}:%`} order by id`,
      );
      expect(rows.rows).toHaveLength(3);
      expect(rows.rows.every((row) => row.payload.recipientOrgId === orgA)).toBe(true);
    });

    it('answers 409 for an illegal transition and changes nothing', async () => {
      const historyBefore = await count('party_status_history');
      const res = await post(staff, `/v1/merchants/${merchant}/reject`, { reason: 'too late' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'state.illegal_transition', currentStatus: 'approved' });
      expect(await count('party_status_history')).toBe(historyBefore);
    });

    it('requires a reason to reject or suspend', async () => {
      const fresh = (await post(operatorA, '/v1/purchasers', purchaserBody(next()))).json().id;
      const res = await post(staff, `/v1/purchasers/${fresh}/reject`, {});
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/body/reason' }));
      expect(
        (await post(staff, `/v1/purchasers/${fresh}/reject`, { reason: 'passport copy illegible' })).json().status,
      ).toBe('rejected');
    });

    it('lets only staff decide, and answers 404 for an unknown party', async () => {
      expect((await post(operatorA, `/v1/merchants/${merchant}/suspend`, { reason: 'x' })).statusCode).toBe(403);
      expect((await post(null, `/v1/merchants/${merchant}/suspend`, { reason: 'x' })).statusCode).toBe(401);
      expect((await post(staff, '/v1/operators/00000000-0000-4000-8000-000000000000/approve', {})).statusCode).toBe(
        404,
      );
    });

    it('approves an operator registration', async () => {
      const operator = (await get(operatorA, '/v1/operators?limit=5')).json().items[0];
      expect(operator.orgId).toBe(orgA);
      expect((await post(staff, `/v1/operators/${operator.id}/approve`, {})).json().status).toBe('approved');
      expect((await get(operatorB, `/v1/operators/${operator.id}`)).statusCode).toBe(404);
    });
  });
});

describe('GET /v1/me', () => {
  const api = useTestApi();

  it('shows an operator organisation its own registration once registered', async () => {
    const { key, orgId } = await api.key('Me Trading', 'operator', 'operator');
    const before = await api.request(key, { method: 'GET', url: '/v1/me' });
    expect(before.json()).toMatchObject({
      orgId,
      orgName: 'Me Trading',
      orgKind: 'operator',
      role: 'operator',
      operator: null,
    });
    await api.request(key, { method: 'POST', url: '/v1/operators', payload: operatorBody(77) });
    const after = await api.request(key, { method: 'GET', url: '/v1/me' });
    expect(after.json().operator).toMatchObject({ orgId, uscc: makeUscc(77), status: 'submitted' });
  });

  it('requires a key', async () => {
    expect((await api.request(null, { method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
  });
});
