import { addDays, chinaDate, ensurePriceLibrarySeed, monthOf } from '@baigou/core';
import { priceObservations } from '@baigou/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { countRows, expectProblem, problemPaths } from '../support/http-assertions';

/** Tables a price-library request may write; a refused request leaves every count as it was. */
const priceTables = [
  'price_library_versions',
  'price_library_product_types',
  'price_library_bands',
  'price_match_records',
  'customs_exchange_rates',
  'idempotency_keys',
] as const;

const header = 'product_type_code,unit,currency,median,q1,q3,sample_size,window_from,window_to,source';
const base64 = (lines: string[]) => Buffer.from(lines.join('\n')).toString('base64');
const HANDBAG = 'PT-42022200-PU-HANDBAG';
const TROLLEY = 'PT-42021210-ABS-TROLLEY';

describe('price library API (价格库)', () => {
  const api = useTestApi();
  let operatorA: string;
  let operatorB: string;
  let staff: string;
  let customs: string;
  let auditor: string;
  let admin: string;
  const today = chinaDate(new Date());

  const post = (key: string | null, url: string, payload: unknown) =>
    api.request(key, { method: 'POST', url, payload: payload as object });
  const get = (key: string | null, url: string) => api.request(key, { method: 'GET', url });
  const counts = () => countRows(api.env.database.db, priceTables);
  const activeVersionId = async () =>
    (await get(staff, '/v1/price-library/versions?status=active')).json().items[0].id as string;

  beforeAll(async () => {
    await ensurePriceLibrarySeed(api.env.database.db);
    ({ key: operatorA } = await api.key('Price Operator A', 'operator', 'operator'));
    ({ key: operatorB } = await api.key('Price Operator B', 'operator', 'operator'));
    ({ key: staff } = await api.key('Baigou Trade Service Center', 'center', 'staff'));
    ({ key: admin } = await api.key('Baigou Trade Service Center', 'center', 'admin'));
    ({ key: customs } = await api.key('Baoding Customs', 'customs', 'customs'));
    ({ key: auditor } = await api.key('Audit Firm', 'auditor', 'auditor'));
  });

  describe('GET /v1/price-library/product-types', () => {
    it('searches the active version by text, HS prefix and category, with each type’s reference bands', async () => {
      const res = await get(
        customs,
        `/v1/price-library/product-types?q=${encodeURIComponent('拉杆箱')}&hsPrefix=4202&category=luggage`,
      );
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.version).toMatchObject({ label: 'demo-1', status: 'active' });
      expect(page.items.length).toBeGreaterThan(3);
      for (const item of page.items) {
        expect(item.hsCode.startsWith('4202')).toBe(true);
        expect(item.category).toBe('luggage');
        expect(`${item.nameZh}|${item.aliases.join('|')}`).toContain('拉杆箱');
      }
      const trolley = page.items.find((item: { code: string }) => item.code === TROLLEY);
      expect(trolley.bands).toEqual([
        expect.objectContaining({ unit: '007', currency: 'CNY', source: expect.stringMatching(/DEMO/) }),
      ]);
    });

    it('pages through a search with a stable cursor, each type once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          auditor,
          `/v1/price-library/product-types?hsPrefix=4202&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode).toBe(200);
        seen.push(...res.json().items.map((item: { code: string }) => item.code));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...seen].sort());
      expect(seen.length).toBeGreaterThan(20);
    });

    it('refuses a malformed HS prefix, an oversized page and a cursor of another search', async () => {
      expect(
        problemPaths(
          expectProblem(
            await get(operatorA, '/v1/price-library/product-types?hsPrefix=4'),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/querystring/hsPrefix']);
      expect(
        problemPaths(
          expectProblem(
            await get(operatorA, '/v1/price-library/product-types?limit=201'),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/querystring/limit']);
      const cursor = (await get(operatorA, '/v1/price-library/product-types?hsPrefix=42&limit=1')).json().nextCursor;
      expectProblem(
        await get(operatorA, `/v1/price-library/product-types?hsPrefix=39&limit=1&cursor=${cursor}`),
        400,
        'request.invalid_cursor',
      );
    });

    it('answers 404 for a version that does not exist, and 401 without a key', async () => {
      expectProblem(
        await get(operatorA, '/v1/price-library/product-types?versionId=6f1c2d1e-0000-4000-8000-000000000001'),
        404,
        'price_library.version_not_found',
      );
      expectProblem(await get(null, '/v1/price-library/product-types'), 401, 'auth.missing_credentials');
    });
  });

  describe('POST /v1/price-library/match', () => {
    it('answers each line with candidates best first and a price check citing the reference, and stores each answer', async () => {
      const before = await counts();
      const res = await post(operatorA, '/v1/price-library/match', {
        items: [
          { description: 'PU女士手提包 大容量', unitPrice: '42.00', unit: '007', currency: 'CNY' },
          { description: 'PU女士手提包 大容量', unitPrice: '100', unit: '007', currency: 'CNY' },
          { description: 'PU女士手提包 大容量', unitPrice: '5.90', unit: '007', currency: 'USD' },
          { description: 'ABS+PC 拉杆箱 20寸' },
          { description: 'asdfgh', unitPrice: '10', unit: '007', currency: 'CNY' },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const answer = res.json();
      expect(answer.versionLabel).toBe('demo-1');
      const [ok, high, dollars, unpriced, unknown] = answer.items;
      expect(ok.candidates[0]).toMatchObject({
        productTypeCode: HANDBAG,
        hsCode: '42022200',
        name: expect.any(String),
        score: expect.any(Number),
      });
      for (const item of answer.items) {
        const scores = item.candidates.map((candidate: { score: number }) => candidate.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }
      expect(ok.priceCheck).toMatchObject({
        status: 'ok',
        severity: 'none',
        reference: { productTypeCode: HANDBAG, version: 'demo-1' },
      });
      expect(high.priceCheck).toMatchObject({ status: 'high', severity: 'review' });
      expect(high.priceCheck.explanation).toMatch(
        /reference median [\d.]+ CNY\/007 \(IQR [\d.]+–[\d.]+, n=0, 2024-01-01\.\.2024-12-31, GENERATED DEMO DATA.*version demo-1\)/,
      );
      expect(dollars.priceCheck).toMatchObject({
        status: 'ok',
        exchangeRates: { month: monthOf(today), cnyPerUnit: { USD: expect.any(String) } },
      });
      expect(unpriced.priceCheck).toBeUndefined();
      expect(unpriced.candidates[0].productTypeCode).toBe('PT-42021210-ABS-PC-TROLLEY');
      expect(unknown).toMatchObject({
        abstained: true,
        priceCheck: { status: 'low_confidence_match', severity: 'review' },
      });
      const after = await counts();
      expect(after.price_match_records - before.price_match_records).toBe(5);
    });

    it('replays the first answer to a retry with the same Idempotency-Key and stores it once', async () => {
      const before = await counts();
      const payload = { items: [{ description: '真皮男士公文包' }] };
      const first = await api.request(operatorA, {
        method: 'POST',
        url: '/v1/price-library/match',
        payload,
        idempotencyKey: 'match-retry-1',
      });
      const retry = await api.request(operatorA, {
        method: 'POST',
        url: '/v1/price-library/match',
        payload,
        idempotencyKey: 'match-retry-1',
      });
      expect(first.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toBe(first.body);
      expect((await counts()).price_match_records - before.price_match_records).toBe(1);
    });

    const badItems: [string, unknown, string, string][] = [
      ['an empty description', { description: '' }, '/body/items/0/description', 'request.validation_failed'],
      ['a blank description', { description: ' \u3000 ' }, '/body/items/0/description', 'request.validation_failed'],
      [
        'a 10,000-character description',
        { description: '包'.repeat(10_000) },
        '/body/items/0/description',
        'request.validation_failed',
      ],
      [
        'a negative price',
        { description: 'PU手提包', unitPrice: '-5', unit: '007', currency: 'CNY' },
        '/body/items/0/unitPrice',
        'request.validation_failed',
      ],
      [
        'a zero price',
        { description: 'PU手提包', unitPrice: '0.000', unit: '007', currency: 'CNY' },
        '/body/items/0/unitPrice',
        'request.validation_failed',
      ],
      [
        'a price with 7 decimals',
        { description: 'PU手提包', unitPrice: '1.1234567', unit: '007', currency: 'CNY' },
        '/body/items/0/unitPrice',
        'request.validation_failed',
      ],
      [
        'a price as a JSON number',
        { description: 'PU手提包', unitPrice: 5, unit: '007', currency: 'CNY' },
        '/body/items/0/unitPrice',
        'request.validation_failed',
      ],
      [
        'a unit that is not a unit code',
        { description: 'PU手提包', unitPrice: '5', unit: 'pcs', currency: 'CNY' },
        '/body/items/0/unit',
        'request.validation_failed',
      ],
      [
        'a unit outside the official list',
        { description: 'PU手提包', unitPrice: '5', unit: '999', currency: 'CNY' },
        '/body/items/0/unit',
        'reference.unknown_code',
      ],
      [
        'a currency that is not an ISO code',
        { description: 'PU手提包', unitPrice: '5', unit: '007', currency: 'usd' },
        '/body/items/0/currency',
        'request.validation_failed',
      ],
      [
        'an unknown currency',
        { description: 'PU手提包', unitPrice: '5', unit: '007', currency: 'XXQ' },
        '/body/items/0/currency',
        'reference.unknown_code',
      ],
      [
        'a price without unit and currency',
        { description: 'PU手提包', unitPrice: '5' },
        '/body/items/0/unit',
        'request.validation_failed',
      ],
      [
        'an unknown field',
        { description: 'PU手提包', colour: 'red' },
        '/body/items/0/colour',
        'request.validation_failed',
      ],
    ];
    for (const [what, item, path, code] of badItems) {
      it(`refuses ${what} with problem+json naming ${path} and stores nothing`, async () => {
        const before = await counts();
        const problem = expectProblem(
          await post(operatorA, '/v1/price-library/match', { items: [{ description: '尼龙双肩包' }, item].reverse() }),
          400,
          code,
        );
        expect(problemPaths(problem)).toContain(path);
        expect(await counts()).toEqual(before);
      });
    }

    it('refuses more than 1,000 items and an empty list, naming /body/items, and stores nothing', async () => {
      const before = await counts();
      const many = Array.from({ length: 1_001 }, (_, index) => ({ description: `PU手提包 ${index}` }));
      expect(
        problemPaths(
          expectProblem(
            await post(operatorA, '/v1/price-library/match', { items: many }),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/items']);
      expect(
        problemPaths(
          expectProblem(
            await post(operatorA, '/v1/price-library/match', { items: [] }),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/items']);
      expect(await counts()).toEqual(before);
    });

    it('answers 1,000 lines in one request', async () => {
      const items = Array.from({ length: 1_000 }, (_, index) => ({
        description: `PU女士手提包 ${index}`,
        unitPrice: '40',
        unit: '007',
        currency: 'CNY',
      }));
      const res = await post(operatorB, '/v1/price-library/match', { items });
      expect(res.statusCode).toBe(201);
      expect(res.json().items).toHaveLength(1_000);
    });

    it('accepts a full batch of 1,000 maximal titles (about 1.5 MB) but refuses a body over 4 MiB with 413', async () => {
      const full = Array.from({ length: 1_000 }, (_, index) => ({
        description: `PU手提包${index}${'包'.repeat(490)}`,
      }));
      expect((await post(operatorA, '/v1/price-library/match', { items: full })).statusCode).toBe(201);
      const huge = Array.from({ length: 1_000 }, () => ({ description: '包'.repeat(1_500) }));
      expectProblem(await post(operatorA, '/v1/price-library/match', { items: huge }), 413, 'request.body_too_large');
    });

    it('requires a key and the operator or staff role', async () => {
      const payload = { items: [{ description: 'PU手提包' }] };
      expectProblem(await post(null, '/v1/price-library/match', payload), 401, 'auth.missing_credentials');
      for (const key of [customs, auditor, admin])
        expectProblem(await post(key, '/v1/price-library/match', payload), 403, 'auth.forbidden_role');
      expect((await post(staff, '/v1/price-library/match', payload)).statusCode).toBe(201);
    });
  });

  describe('stored matches: GET /v1/price-library/matches/:id and POST …/replay', () => {
    let matchId: string;
    beforeAll(async () => {
      const res = await post(operatorA, '/v1/price-library/match', {
        items: [{ description: 'PU女士手提包', unitPrice: '45', unit: '007', currency: 'CNY' }],
      });
      matchId = res.json().items[0].matchId;
    });

    it('shows the match with the version it used to its organisation and to staff', async () => {
      for (const key of [operatorA, staff]) {
        const res = await get(key, `/v1/price-library/matches/${matchId}`);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({
          id: matchId,
          description: 'PU女士手提包',
          request: { unitPrice: '45', lineDate: today },
          result: { priceCheck: { status: 'ok' } },
        });
      }
    });

    it('answers 404, not 403, to another operator, for the match and its replay', async () => {
      expectProblem(await get(operatorB, `/v1/price-library/matches/${matchId}`), 404, 'price_library.match_not_found');
      expectProblem(
        await post(operatorB, `/v1/price-library/matches/${matchId}/replay`, {}),
        404,
        'price_library.match_not_found',
      );
    });

    it('validates the id, answers 404 for an unknown one and 403 to other roles', async () => {
      expect(
        problemPaths(
          expectProblem(await get(operatorA, '/v1/price-library/matches/nope'), 400, 'request.validation_failed'),
        ),
      ).toEqual(['/params/id']);
      expectProblem(
        await get(operatorA, '/v1/price-library/matches/6f1c2d1e-0000-4000-8000-000000000001'),
        404,
        'price_library.match_not_found',
      );
      expectProblem(await get(customs, `/v1/price-library/matches/${matchId}`), 403, 'auth.forbidden_role');
      expectProblem(await get(null, `/v1/price-library/matches/${matchId}`), 401, 'auth.missing_credentials');
    });

    it('replays the match identically against the version it recorded', async () => {
      const res = await post(operatorA, `/v1/price-library/matches/${matchId}/replay`, {});
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ identical: true, record: { id: matchId } });
      expect(res.json().replayed).toEqual(res.json().record.result);
    });
  });

  describe('versions, imports and approval', () => {
    let proposalId: string;
    let demoId: string;
    let storedMatch: { matchId: string };

    beforeAll(async () => {
      demoId = await activeVersionId();
      storedMatch = (
        await post(operatorA, '/v1/price-library/match', {
          items: [{ description: 'PU女士手提包', unitPrice: '45', unit: '007', currency: 'CNY' }],
        })
      ).json().items[0];
    });

    it('lists the versions to every role, the demo seed labelled as demo', async () => {
      for (const key of [operatorA, customs, auditor]) {
        const res = await get(key, '/v1/price-library/versions');
        expect(res.statusCode).toBe(200);
        expect(res.json().items[0]).toMatchObject({
          id: demoId,
          label: 'demo-1',
          status: 'active',
          source: 'seed-demo',
          demo: true,
          bandPolicies: { default: { soft: '0.30', hard: '0.50' } },
        });
      }
      expectProblem(
        await get(operatorA, '/v1/price-library/versions/6f1c2d1e-0000-4000-8000-000000000001'),
        404,
        'price_library.version_not_found',
      );
    });

    it('imports a valid price list as a proposed version that staff can diff against the active one', async () => {
      const res = await post(staff, '/v1/price-library/imports', {
        filename: 'survey.csv',
        format: 'csv',
        contentBase64: base64([
          header,
          `${HANDBAG},007,CNY,80.00,70.00,90.00,48,2026-08-01,2026-10-31,market survey`,
          `${TROLLEY},127,CNY,1200,1100,1300,6,2026-08-01,2026-10-31,`,
        ]),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        rows: 2,
        bandsReplaced: 1,
        bandsAdded: 1,
        version: { status: 'proposed', source: 'import', baseVersionId: demoId },
      });
      proposalId = res.json().version.id;

      const diff = await get(operatorA, `/v1/price-library/versions/${proposalId}/diff?against=${demoId}`);
      expect(diff.statusCode).toBe(200);
      expect(diff.json()).toMatchObject({
        from: { id: demoId },
        to: { id: proposalId },
        productTypes: { added: [], removed: [] },
        bands: {
          changed: [{ productTypeCode: HANDBAG, to: { median: '80.00', sampleSize: 48 } }],
          added: [{ productTypeCode: TROLLEY, unit: '127' }],
          removed: [],
        },
      });
      expectProblem(
        await get(
          operatorA,
          `/v1/price-library/versions/${proposalId}/diff?against=6f1c2d1e-0000-4000-8000-000000000001`,
        ),
        404,
        'price_library.version_not_found',
      );
      expect(
        problemPaths(
          expectProblem(
            await get(operatorA, `/v1/price-library/versions/${proposalId}/diff`),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/querystring/against']);
    });

    it('refuses a list with bad rows with 422 naming each row and column, and imports nothing', async () => {
      const before = await counts();
      const res = await post(staff, '/v1/price-library/imports', {
        filename: 'bad.csv',
        format: 'csv',
        contentBase64: base64([
          header,
          `${HANDBAG},007,CNY,80,70,90,48,2026-08-01,2026-10-31,`,
          `NOPE,007,CNY,0,1,2,1,2026-08-01,2026-10-31,`,
          `${HANDBAG},999,EUR,10,9,11,x,2026-08-01,2026-10-31,`,
        ]),
      });
      const problem = expectProblem(res, 422, 'price_library.import_rejected');
      expect(problem.rows).toEqual([
        {
          row: 3,
          errors: [
            expect.objectContaining({ column: 'product_type_code' }),
            expect.objectContaining({ column: 'median' }),
          ],
        },
        {
          row: 4,
          errors: [expect.objectContaining({ column: 'unit' }), expect.objectContaining({ column: 'sample_size' })],
        },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('refuses content that is not base64 and lets only staff import', async () => {
      const before = await counts();
      const body = { filename: 'x.csv', format: 'csv', contentBase64: 'not base64!' };
      expect(
        problemPaths(
          expectProblem(await post(staff, '/v1/price-library/imports', body), 400, 'request.validation_failed'),
        ),
      ).toEqual(['/body/contentBase64']);
      expectProblem(
        await post(operatorA, '/v1/price-library/imports', { ...body, contentBase64: base64([header]) }),
        403,
        'auth.forbidden_role',
      );
      expectProblem(
        await post(admin, '/v1/price-library/imports', { ...body, contentBase64: base64([header]) }),
        403,
        'auth.forbidden_role',
      );
      expect(await counts()).toEqual(before);
    });

    it('lets only staff decide, requires a reason to reject, and answers 404 for an unknown version', async () => {
      expectProblem(
        await post(operatorA, `/v1/price-library/versions/${proposalId}/approve`, {}),
        403,
        'auth.forbidden_role',
      );
      expect(
        problemPaths(
          expectProblem(
            await post(staff, `/v1/price-library/versions/${proposalId}/reject`, {}),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/reason']);
      expectProblem(
        await post(staff, '/v1/price-library/versions/6f1c2d1e-0000-4000-8000-000000000001/approve', {}),
        404,
        'price_library.version_not_found',
      );
    });

    it('approves the proposal: it becomes active, the demo version is superseded and matching uses the new bands', async () => {
      const res = await post(staff, `/v1/price-library/versions/${proposalId}/approve`, { reason: 'survey checked' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'active', decisionReason: 'survey checked' });
      expect((await get(staff, `/v1/price-library/versions/${demoId}`)).json()).toMatchObject({
        status: 'superseded',
        effectiveTo: today,
      });
      const answer = (
        await post(operatorA, '/v1/price-library/match', {
          items: [{ description: 'PU女士手提包', unitPrice: '35', unit: '007', currency: 'CNY' }],
        })
      ).json();
      expect(answer.versionId).toBe(proposalId);
      expect(answer.items[0].priceCheck).toMatchObject({
        status: 'low',
        severity: 'review',
        reference: { median: '80.00', version: res.json().label },
      });
    });

    it('replays a match stored before the approval exactly as it was answered', async () => {
      const res = await post(operatorA, `/v1/price-library/matches/${storedMatch.matchId}/replay`, {});
      expect(res.json()).toMatchObject({
        identical: true,
        record: { versionId: demoId },
        replayed: { priceCheck: { status: 'ok', reference: { version: 'demo-1' } } },
      });
    });

    it('answers 409 to approving or rejecting a version that is no longer proposed', async () => {
      expectProblem(
        await post(staff, `/v1/price-library/versions/${proposalId}/approve`, {}),
        409,
        'state.illegal_transition',
      );
      expectProblem(
        await post(staff, `/v1/price-library/versions/${demoId}/reject`, { reason: 'too late' }),
        409,
        'state.illegal_transition',
      );
    });
  });

  describe('POST /v1/price-library/adjustments', () => {
    const asOf = addDays(today, -1);

    beforeAll(async () => {
      const prices = ['150', '152', '148', '149', '151', '150', '153', '147', '150', '150', '900', '2'];
      await api.env.database.db.insert(priceObservations).values(
        prices.map((unitPrice, index) => ({
          productTypeCode: TROLLEY,
          unit: '007',
          currency: 'CNY',
          unitPrice,
          observedOn: addDays(asOf, -index),
          source: 'transaction' as const,
          sourceRef: `api-test-line-${index}`,
        })),
      );
    });

    it('proposes a version recomputed from the observations of the window, outliers trimmed', async () => {
      const res = await post(staff, '/v1/price-library/adjustments', { asOf, windowDays: 30, minSampleSize: 8 });
      expect(res.statusCode, res.body).toBe(201);
      // The trolley has two bands (per piece, and per dozen from the import): both are recomputed, counts are per band.
      expect(res.json()).toMatchObject({
        status: 'proposed',
        source: 'adjustment',
        summary: { bandsRecomputed: 2, observationsTrimmed: 4, observationsUsed: 20 },
      });
      const diff = (
        await get(staff, `/v1/price-library/versions/${res.json().id}/diff?against=${await activeVersionId()}`)
      ).json();
      expect(diff.bands.changed).toEqual([
        expect.objectContaining({
          productTypeCode: TROLLEY,
          unit: '007',
          to: expect.objectContaining({ median: '150.00', sampleSize: 10 }),
        }),
        expect.objectContaining({
          productTypeCode: TROLLEY,
          unit: '127',
          medianChangePercent: '50.00',
          to: expect.objectContaining({ median: '1800.00', sampleSize: 10 }),
        }),
      ]);
    });

    it('answers 409 to a second proposal as of the same day and 422 when nothing would change', async () => {
      expectProblem(
        await post(staff, '/v1/price-library/adjustments', { asOf, windowDays: 30, minSampleSize: 8 }),
        409,
        'price_library.adjustment_exists',
      );
      const before = await counts();
      expectProblem(
        await post(staff, '/v1/price-library/adjustments', {
          asOf: addDays(asOf, -1),
          windowDays: 30,
          minSampleSize: 50,
        }),
        422,
        'price_library.adjustment_no_change',
      );
      expect(await counts()).toEqual(before);
    });

    it('refuses a window ending today and a window too short, and lets only staff propose', async () => {
      expect(
        problemPaths(
          expectProblem(
            await post(staff, '/v1/price-library/adjustments', { asOf: today }),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/asOf']);
      expect(
        problemPaths(
          expectProblem(
            await post(staff, '/v1/price-library/adjustments', { windowDays: 1 }),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/windowDays']);
      expectProblem(await post(operatorA, '/v1/price-library/adjustments', {}), 403, 'auth.forbidden_role');
      expectProblem(await post(null, '/v1/price-library/adjustments', {}), 401, 'auth.missing_credentials');
    });
  });

  describe('customs exchange rates: GET and POST /v1/exchange-rates', () => {
    it('lists the seeded demo rates, newest month first, to every role', async () => {
      const res = await get(auditor, '/v1/exchange-rates?currency=USD');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((item: { month: string }) => item.month)).toEqual([
        monthOf(today),
        monthOf(addDays(`${monthOf(today)}-01`, -1)),
      ]);
      expect(res.json().items[0]).toMatchObject({ currency: 'USD', source: 'demo: set by staff in production' });
    });

    it('lets staff set a month’s rate once; a second rate for the same month is a conflict', async () => {
      const created = await post(staff, '/v1/exchange-rates', {
        currency: 'USD',
        month: '2025-01',
        cnyPerUnit: '7.1884',
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ currency: 'USD', month: '2025-01', cnyPerUnit: '7.188400' });
      const before = await counts();
      expectProblem(
        await post(staff, '/v1/exchange-rates', { currency: 'USD', month: '2025-01', cnyPerUnit: '7.2' }),
        409,
        'exchange_rate.already_set',
      );
      expect(await counts()).toEqual(before);
    });

    it('refuses bad rates, naming the field, and writes nothing', async () => {
      const before = await counts();
      const cases: [object, string, string][] = [
        [{ currency: 'XXQ', month: '2025-02', cnyPerUnit: '1' }, '/body/currency', 'reference.unknown_code'],
        [{ currency: 'CNY', month: '2025-02', cnyPerUnit: '1' }, '/body/currency', 'exchange_rate.base_currency'],
        [{ currency: 'EUR', month: '2025-13', cnyPerUnit: '7.8' }, '/body/month', 'request.validation_failed'],
        [{ currency: 'EUR', month: '2025-02', cnyPerUnit: '0' }, '/body/cnyPerUnit', 'request.validation_failed'],
        [{ currency: 'EUR', month: '2025-02', cnyPerUnit: '-7.8' }, '/body/cnyPerUnit', 'request.validation_failed'],
      ];
      for (const [body, path, code] of cases)
        expect(problemPaths(expectProblem(await post(staff, '/v1/exchange-rates', body), 400, code))).toEqual([path]);
      expect(await counts()).toEqual(before);
    });

    it('lets only staff set rates', async () => {
      const body = { currency: 'EUR', month: '2025-03', cnyPerUnit: '7.8' };
      expectProblem(await post(operatorA, '/v1/exchange-rates', body), 403, 'auth.forbidden_role');
      expectProblem(await post(null, '/v1/exchange-rates', body), 401, 'auth.missing_credentials');
    });
  });
});
