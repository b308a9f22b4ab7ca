import { randomUUID } from 'node:crypto';
import { addDays, chinaDate, ensurePriceLibrarySeed } from '@baigou/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { merchantBody, operatorBody, purchaserBody } from '../support/fixtures';
import { countRows, expectProblem, problemPaths } from '../support/http-assertions';

/** Tables a submission may write; a refused one leaves every count as it was. */
const tradeTables = [
  'transactions',
  'transaction_lines',
  'transaction_documents',
  'transaction_status_history',
  'price_match_records',
  'price_observations',
  'provenance_events',
  'excluded_goods',
  'idempotency_keys',
] as const;

const HANDBAG = 'PT-42022200-PU-HANDBAG';
const sha = (n: number) => n.toString(16).padStart(64, 'a');

describe('transactions API (交易登记)', () => {
  const api = useTestApi();
  let operatorA: string;
  let operatorB: string;
  let unapprovedOperator: string;
  let staff: string;
  let customs: string;
  let auditor: string;
  let merchantA: string;
  let purchaserA: string;
  let pendingMerchantA: string;
  let merchantB: string;
  let purchaserB: string;
  /** The demo band median of a PU handbag per piece, CNY. */
  let median: number;
  const today = chinaDate(new Date());
  let party = 500;

  const post = (key: string | null, url: string, payload: unknown, idempotencyKey?: string) =>
    api.request(key, {
      method: 'POST',
      url,
      payload: payload as object,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  const get = (key: string | null, url: string) => api.request(key, { method: 'GET', url });
  const counts = () => countRows(api.env.database.db, tradeTables);

  async function approvedParty(key: string, kind: 'merchants' | 'purchasers', approve = true): Promise<string> {
    const n = (party += 1);
    const res = await post(key, `/v1/${kind}`, kind === 'merchants' ? merchantBody(n) : purchaserBody(n));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    if (approve) expect((await post(staff, `/v1/${kind}/${id}/approve`, {})).statusCode).toBe(200);
    return id;
  }

  async function approvedOperator(key: string, n: number, approve = true) {
    const res = await post(key, '/v1/operators', operatorBody(n));
    expect(res.statusCode, res.body).toBe(201);
    if (approve) expect((await post(staff, `/v1/operators/${res.json().id}/approve`, {})).statusCode).toBe(200);
  }

  const price = (factor: number) => (median * factor).toFixed(2);
  const line = (overrides: Record<string, unknown> = {}) => {
    const unitPrice = (overrides.unitPrice as string | undefined) ?? price(1);
    const quantity = (overrides.quantity as string | undefined) ?? '100';
    return {
      description: 'PU女士手提包 大容量',
      quantity,
      unit: '007',
      unitPrice,
      amount: (Number(quantity) * Number(unitPrice)).toFixed(2),
      ...overrides,
    };
  };
  const body = (overrides: Record<string, unknown> = {}) => ({
    clientRef: `ref-${randomUUID()}`,
    merchantId: merchantA,
    purchaserId: purchaserA,
    tradeDate: today,
    settlementMethod: 'bank_transfer',
    currency: 'CNY',
    documents: [{ sha256: sha(1), filename: 'sales-slip-001.jpg', kind: 'sales_slip' }],
    lines: [line()],
    ...overrides,
  });

  beforeAll(async () => {
    await ensurePriceLibrarySeed(api.env.database.db);
    ({ key: operatorA } = await api.key('Trade Operator A', 'operator', 'operator'));
    ({ key: operatorB } = await api.key('Trade Operator B', 'operator', 'operator'));
    ({ key: unapprovedOperator } = await api.key('Trade Operator C', 'operator', 'operator'));
    ({ key: staff } = await api.key('Baigou Trade Service Center', 'center', 'staff'));
    ({ key: customs } = await api.key('Baoding Customs', 'customs', 'customs'));
    ({ key: auditor } = await api.key('Audit Firm', 'auditor', 'auditor'));
    await approvedOperator(operatorA, 41);
    await approvedOperator(operatorB, 42);
    await approvedOperator(unapprovedOperator, 43, false);
    merchantA = await approvedParty(operatorA, 'merchants');
    purchaserA = await approvedParty(operatorA, 'purchasers');
    pendingMerchantA = await approvedParty(operatorA, 'merchants', false);
    merchantB = await approvedParty(operatorB, 'merchants');
    purchaserB = await approvedParty(operatorB, 'purchasers');
    const { rows } = await api.env.database.db.execute<{ median: string }>(
      sql`select b.median from price_library_bands b join price_library_versions v on v.id = b.version_id
          where v.status = 'active' and b.product_type_code = ${HANDBAG} and b.unit = '007'`,
    );
    median = Number(rows[0]!.median);
  });

  describe('POST /v1/transactions', () => {
    it('records a sale, matches every line with the active library version and answers 201 with a BG trading number', async () => {
      const before = await counts();
      const payload = body({
        lines: [
          line(),
          line({
            description: 'ABS+PC 拉杆箱 20寸',
            spec: '20寸 银色',
            quantity: '3',
            unitPrice: '1',
            hsCode: '42021210',
          }),
        ],
      });
      // Line 2 is priced far below its band: the transaction waits for review; line 1 is accepted as is.
      const res = await post(operatorA, '/v1/transactions', payload);
      expect(res.statusCode, res.body).toBe(201);
      const tx = res.json();
      expect(tx.tradingNo).toMatch(new RegExp(`^BG${today.replaceAll('-', '')}\\d{6,}$`));
      expect(tx).toMatchObject({
        clientRef: payload.clientRef,
        status: 'in_review',
        lineCount: 2,
        currency: 'CNY',
        settlementMethod: 'bank_transfer',
      });
      expect(tx.totalAmount).toBe((Number(payload.lines[0]!.amount) + 3).toFixed(2));
      const [first, second] = tx.lines;
      expect(first).toMatchObject({
        lineNo: 1,
        productTypeCode: HANDBAG,
        hsCode: '42022200',
        hsCodeSource: 'matched',
        priceCheck: { severity: 'none', status: 'ok' },
        consolidatedAt: null,
        consolidationId: null,
      });
      expect(first.candidates[0]).toMatchObject({ productTypeCode: HANDBAG, score: expect.any(Number) });
      expect(second).toMatchObject({
        hsCode: '42021210',
        hsCodeSource: 'declared',
        spec: '20寸 银色',
        priceCheck: { severity: 'review', status: 'low' },
      });
      expect(first.priceLibraryVersionId).toBe(
        (await get(staff, '/v1/price-library/versions?status=active')).json().items[0].id,
      );
      expect(tx.reviewReasons).toEqual([expect.objectContaining({ lineNo: 2, status: 'low' })]);
      expect(tx.documents).toEqual([{ sha256: sha(1), filename: 'sales-slip-001.jpg', kind: 'sales_slip' }]);
      expect(tx.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'in_review' })]);
      const after = await counts();
      expect(after.transactions - before.transactions).toBe(1);
      expect(after.transaction_lines - before.transaction_lines).toBe(2);
      expect(after.price_match_records - before.price_match_records).toBe(2);
      // A transaction in review feeds no observation until staff accept it.
      expect(after.price_observations - before.price_observations).toBe(0);
      // The stored line answer replays bit for bit against the version it recorded.
      const replay = await post(operatorA, `/v1/price-library/matches/${first.matchRecordId}/replay`, {});
      expect(replay.json().identical).toBe(true);
    });

    it('accepts a sale inside the bands as submitted and records each line as a price observation in the same transaction', async () => {
      const before = await counts();
      const res = await post(operatorA, '/v1/transactions', body({ settlementMethod: 'cross_border_rmb' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('submitted');
      const lineId = res.json().lines[0].id;
      const { rows } = await api.env.database.db.execute(
        sql`select source, product_type_code, unit_price from price_observations where source_ref = ${lineId}`,
      );
      expect(rows).toEqual([{ source: 'transaction', product_type_code: HANDBAG, unit_price: `${price(1)}0000` }]);
      expect((await counts()).price_observations - before.price_observations).toBe(1);
    });

    it('accepts a price outside the soft band when the line carries a remark', async () => {
      const res = await post(
        operatorA,
        '/v1/transactions',
        body({ lines: [line({ unitPrice: price(1.4), remark: '真皮饰边，价格较高' })] }),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        status: 'submitted',
        lines: [{ remark: '真皮饰边，价格较高', priceCheck: { severity: 'warning', status: 'high' } }],
      });
    });

    it('replays a re-submitted clientRef with 200 and the same trading number, writing nothing', async () => {
      const payload = body();
      const first = await post(operatorA, '/v1/transactions', payload);
      expect(first.statusCode).toBe(201);
      const before = await counts();
      const again = await post(operatorA, '/v1/transactions', payload);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ id: first.json().id, tradingNo: first.json().tradingNo });
      const after = await counts();
      expect({ ...after, idempotency_keys: 0 }).toEqual({ ...before, idempotency_keys: 0 });
    });

    it('refuses the same clientRef with different content with 422 trade.client_ref_reused, writing nothing', async () => {
      const payload = body();
      const first = await post(operatorA, '/v1/transactions', payload);
      expect(first.statusCode).toBe(201);
      const before = await counts();
      const problem = expectProblem(
        await post(operatorA, '/v1/transactions', { ...payload, lines: [line({ quantity: '7' })] }),
        422,
        'trade.client_ref_reused',
      );
      expect(problemPaths(problem)).toEqual(['/body/clientRef']);
      expect(problem.tradingNo).toBe(first.json().tradingNo);
      expect(await counts()).toEqual(before);
    });

    const refusals: [string, () => Record<string, unknown>, number, string, string[]][] = [
      [
        'an amount that is not quantity × unitPrice to the cent',
        () => body({ lines: [line(), { ...line({ quantity: '3', unitPrice: '1.005' }), amount: '3.01' }] }),
        400,
        'request.validation_failed',
        ['/body/lines/1/amount'],
      ],
      [
        'cash settlement',
        () => body({ settlementMethod: 'cash' }),
        422,
        'trade.cash_settlement_refused',
        ['/body/settlementMethod'],
      ],
      [
        'a future trade date',
        () => body({ tradeDate: addDays(today, 1) }),
        400,
        'request.validation_failed',
        ['/body/tradeDate'],
      ],
      [
        'a price outside the soft band without a remark',
        () => body({ lines: [line(), line({ unitPrice: price(1.4) })] }),
        400,
        'request.validation_failed',
        ['/body/lines/1/remark'],
      ],
      [
        'an unapproved merchant',
        () => body({ merchantId: pendingMerchantA }),
        422,
        'registry.party_not_approved',
        ['/body/merchantId'],
      ],
      [
        'another operator’s purchaser',
        () => body({ purchaserId: purchaserB }),
        404,
        'registry.party_not_found',
        ['/body/purchaserId'],
      ],
      ['no original document', () => body({ documents: [] }), 400, 'request.validation_failed', ['/body/documents']],
      [
        'a document hash that is not SHA-256',
        () => body({ documents: [{ sha256: 'abc', filename: 'x.jpg', kind: 'receipt' }] }),
        400,
        'request.validation_failed',
        ['/body/documents/0/sha256'],
      ],
      [
        'a zero quantity',
        () => body({ lines: [line({ quantity: '0', amount: '1.00' })] }),
        400,
        'request.validation_failed',
        ['/body/lines/0/quantity'],
      ],
      [
        'a unit price with 7 decimals',
        () => body({ lines: [line({ unitPrice: '1.1234567', amount: '1.00' })] }),
        400,
        'request.validation_failed',
        ['/body/lines/0/unitPrice'],
      ],
      [
        'a unit outside the official list',
        () => body({ lines: [line({ unit: '999' })] }),
        400,
        'reference.unknown_code',
        ['/body/lines/0/unit'],
      ],
      [
        'a currency outside the official list',
        () => body({ currency: 'XXQ' }),
        400,
        'reference.unknown_code',
        ['/body/currency'],
      ],
      [
        'a declared HS code not in the tariff',
        () => body({ lines: [line({ hsCode: '42029999' })] }),
        400,
        'reference.unknown_code',
        ['/body/lines/0/hsCode'],
      ],
      [
        'more than 200 lines',
        () => body({ lines: Array.from({ length: 201 }, () => line()) }),
        400,
        'request.validation_failed',
        ['/body/lines'],
      ],
    ];
    for (const [what, payload, status, code, paths] of refusals) {
      it(`refuses ${what} with ${status} ${code} and writes nothing`, async () => {
        const before = await counts();
        const problem = expectProblem(await post(operatorA, '/v1/transactions', payload()), status, code);
        expect(problemPaths(problem)).toEqual(paths);
        expect(await counts()).toEqual(before);
      });
    }

    it('refuses excluded goods by keyword and by HS prefix, naming each line and the list entry, and writes nothing', async () => {
      const before = await counts();
      const payload = body({
        lines: [
          line(),
          line({ description: '一次性医用口罩 50只装' }),
          line({ description: '便携小包', hsCode: '90251910' }),
        ],
      });
      const problem = expectProblem(await post(operatorA, '/v1/transactions', payload), 422, 'trade.excluded_goods');
      expect(problemPaths(problem)).toEqual(['/body/lines/1', '/body/lines/2']);
      expect(problem.lines).toEqual([
        // The mask line hits the masks entry by its matched HS code 6307.90 or by the keyword 口罩.
        expect.objectContaining({
          lineIndex: 1,
          kind: 'suspended',
          reason: expect.stringMatching(/^Masks/),
          source: expect.stringMatching(/EXAMPLE SEED: 2020-04/),
        }),
        expect.objectContaining({ lineIndex: 2, kind: 'suspended', matchedOn: { hsCode: '90251910' } }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('refuses an operator whose own registration is not approved', async () => {
      expectProblem(await post(unapprovedOperator, '/v1/transactions', body()), 422, 'trade.operator_not_approved');
    });

    it('requires a key and the operator role (customs, staff and auditors cannot record sales)', async () => {
      expectProblem(await post(null, '/v1/transactions', body()), 401, 'auth.missing_credentials');
      for (const key of [customs, staff, auditor])
        expectProblem(await post(key, '/v1/transactions', body()), 403, 'auth.forbidden_role');
    });
  });

  describe('POST /v1/transactions/batch', () => {
    it('writes the good items and answers a result per item, never half-writing a refused one', async () => {
      const good = body();
      const before = await counts();
      const res = await post(operatorA, '/v1/transactions/batch', {
        items: [
          good,
          body({ settlementMethod: 'cash' }),
          { ...body(), lines: [{ ...line(), amount: '1.00' }] },
          body({ lines: [line(), line({ description: '医用防护服' })] }),
          good,
          { ...good, lines: [line({ quantity: '9' })] },
          { clientRef: 'not-a-transaction' },
          body({ merchantId: merchantB }),
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const { items, summary } = res.json();
      expect(summary).toEqual({ created: 1, replayed: 1, error: 6 });
      expect(items[0]).toMatchObject({
        index: 0,
        clientRef: good.clientRef,
        status: 'created',
        tradingNo: expect.stringMatching(/^BG\d{14,}$/),
        transactionStatus: 'submitted',
      });
      expect(items[1]).toMatchObject({
        status: 'error',
        problem: {
          code: 'trade.cash_settlement_refused',
          status: 422,
          errors: [{ path: '/body/items/1/settlementMethod' }],
        },
      });
      expect(items[2]).toMatchObject({
        status: 'error',
        problem: { code: 'request.validation_failed', errors: [{ path: '/body/items/2/lines/0/amount' }] },
      });
      expect(items[3]).toMatchObject({
        status: 'error',
        problem: { code: 'trade.excluded_goods', errors: [{ path: '/body/items/3/lines/1' }] },
      });
      expect(items[4]).toMatchObject({ status: 'replayed', id: items[0].id, tradingNo: items[0].tradingNo });
      expect(items[5]).toMatchObject({ status: 'error', problem: { code: 'trade.client_ref_reused' } });
      expect(items[6]).toMatchObject({
        status: 'error',
        clientRef: 'not-a-transaction',
        problem: { code: 'request.validation_failed' },
      });
      expect(problemPaths(items[6].problem)).toContain('/body/items/6/merchantId');
      expect(items[7]).toMatchObject({
        status: 'error',
        problem: { code: 'registry.party_not_found', errors: [{ path: '/body/items/7/merchantId' }] },
      });
      const after = await counts();
      expect(after.transactions - before.transactions).toBe(1);
      expect(after.transaction_lines - before.transaction_lines).toBe(1);
      expect(after.transaction_documents - before.transaction_documents).toBe(1);
    });

    it('writes a batch in one go: every line, match record and document, trading numbers in item order, and one provenance event per created sale', async () => {
      const items = [
        body({ lines: [line(), line({ quantity: '7' }), line({ description: '帆布双肩包 旅行背包' })] }),
        body({ settlementMethod: 'cash' }),
        body({ lines: [line({ unitPrice: price(3), remark: '限量款' })] }),
        body({
          documents: [
            { sha256: sha(7), filename: 'slip.jpg', kind: 'sales_slip' },
            { sha256: sha(8), filename: 'receipt.jpg', kind: 'receipt' },
          ],
        }),
      ];
      const before = await counts();
      const res = await post(operatorA, '/v1/transactions/batch', { items });
      expect(res.statusCode, res.body).toBe(201);
      const results = res.json().items as {
        status: string;
        id: string;
        tradingNo: string;
        transactionStatus: string;
      }[];
      expect(results.map((item) => item.status)).toEqual(['created', 'error', 'created', 'created']);
      expect(results[2]!.transactionStatus).toBe('in_review');
      const created = [results[0]!, results[2]!, results[3]!];
      const sequence = created.map((item) => BigInt(item.tradingNo.slice(10)));
      expect([...sequence].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequence);
      const after = await counts();
      expect(after.transactions - before.transactions).toBe(3);
      expect(after.transaction_lines - before.transaction_lines).toBe(5);
      expect(after.price_match_records - before.price_match_records).toBe(5);
      expect(after.transaction_documents - before.transaction_documents).toBe(4);
      expect(after.transaction_status_history - before.transaction_status_history).toBe(3);
      expect(after.provenance_events - before.provenance_events).toBe(3);
      const first = (await get(operatorA, `/v1/transactions/${created[0]!.id}`)).json();
      expect(
        first.lines.map((stored: { lineNo: number; quantity: string; description: string }) => [
          stored.lineNo,
          Number(stored.quantity),
          stored.description,
        ]),
      ).toEqual([
        [1, 100, 'PU女士手提包 大容量'],
        [2, 7, 'PU女士手提包 大容量'],
        [3, 100, '帆布双肩包 旅行背包'],
      ]);
      expect(first.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'submitted' })]);
      const { rows: events } = await api.env.database.db.execute<{ subject_id: string; action: string; lines: number }>(
        sql`select subject_id::text, action, jsonb_array_length(convert_from(canonical, 'UTF8')::jsonb -> 'mpt:transaction' -> 'lines')::int as lines
            from provenance_events where subject_id in (${sql.join(
              created.map((item) => sql`${item.id}::uuid`),
              sql`, `,
            )}) order by seq`,
      );
      expect(events).toEqual([
        { subject_id: created[0]!.id, action: 'transaction.recorded', lines: 3 },
        { subject_id: created[1]!.id, action: 'transaction.recorded', lines: 1 },
        { subject_id: created[2]!.id, action: 'transaction.recorded', lines: 1 },
      ]);
    });

    it('creates each clientRef once when overlapping batches race, answering the others as replays of it', async () => {
      const shared = Array.from({ length: 12 }, () => body());
      const before = await counts();
      const responses = await Promise.all(
        [0, 1, 2, 3].map((turn) =>
          post(operatorA, '/v1/transactions/batch', { items: turn % 2 ? [...shared].reverse() : shared }),
        ),
      );
      const byRef = new Map<string, Set<string>>();
      let created = 0;
      for (const res of responses) {
        expect(res.statusCode, res.body).toBe(201);
        for (const item of res.json().items as { clientRef: string; status: string; id: string }[]) {
          expect(['created', 'replayed']).toContain(item.status);
          if (item.status === 'created') created += 1;
          byRef.set(item.clientRef, (byRef.get(item.clientRef) ?? new Set()).add(item.id));
        }
      }
      expect(created).toBe(shared.length);
      expect([...byRef.values()].every((ids) => ids.size === 1)).toBe(true);
      expect((await counts()).transactions - before.transactions).toBe(shared.length);
    });

    it('replays the whole answer for a retry with the same Idempotency-Key', async () => {
      const payload = { items: [body(), body()] };
      const first = await post(operatorA, '/v1/transactions/batch', payload, 'batch-retry-1');
      const retry = await post(operatorA, '/v1/transactions/batch', payload, 'batch-retry-1');
      expect(first.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toBe(first.body);
    });

    it('refuses an empty batch and one over 1,000 items, naming /body/items', async () => {
      expect(
        problemPaths(
          expectProblem(
            await post(operatorA, '/v1/transactions/batch', { items: [] }),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/items']);
      const many = Array.from({ length: 1_001 }, () => ({ clientRef: 'x' }));
      expect(
        problemPaths(
          expectProblem(
            await post(operatorA, '/v1/transactions/batch', { items: many }),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/items']);
    });

    it('requires a key and the operator role', async () => {
      expectProblem(await post(null, '/v1/transactions/batch', { items: [body()] }), 401, 'auth.missing_credentials');
      expectProblem(await post(customs, '/v1/transactions/batch', { items: [body()] }), 403, 'auth.forbidden_role');
    });
  });

  describe('GET /v1/transactions/:id and GET /v1/transactions', () => {
    let mine: { id: string; tradingNo: string };
    beforeAll(async () => {
      mine = (await post(operatorA, '/v1/transactions', body())).json();
    });

    it('shows a transaction to its operator, staff, customs and auditors', async () => {
      for (const key of [operatorA, staff, customs, auditor]) {
        const res = await get(key, `/v1/transactions/${mine.id}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().tradingNo).toBe(mine.tradingNo);
      }
    });

    it('answers 404 to another operator, as if it did not exist, and for an unknown id', async () => {
      expectProblem(await get(operatorB, `/v1/transactions/${mine.id}`), 404, 'trade.transaction_not_found');
      expectProblem(await get(staff, `/v1/transactions/${randomUUID()}`), 404, 'trade.transaction_not_found');
      expectProblem(await get(staff, '/v1/transactions/not-a-uuid'), 400, 'request.validation_failed');
      expectProblem(await get(null, `/v1/transactions/${mine.id}`), 401, 'auth.missing_credentials');
    });

    it('lists by trading number, status, merchant and date range; an operator sees only its own', async () => {
      const byNo = await get(staff, `/v1/transactions?tradingNo=${mine.tradingNo}`);
      expect(byNo.json().items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
      expect((await get(operatorB, `/v1/transactions?tradingNo=${mine.tradingNo}`)).json().items).toEqual([]);
      const review = (await get(operatorA, '/v1/transactions?status=in_review')).json().items;
      expect(review.length).toBeGreaterThan(0);
      for (const item of review) expect(item.status).toBe('in_review');
      expect(
        (
          await get(operatorA, `/v1/transactions?merchantId=${merchantA}&tradeDateFrom=${today}&tradeDateTo=${today}`)
        ).json().items.length,
      ).toBeGreaterThan(3);
      expect((await get(operatorA, `/v1/transactions?tradeDateTo=${addDays(today, -1)}`)).json().items).toEqual([]);
    });

    it('pages with a cursor, each transaction once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(operatorA, `/v1/transactions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        seen.push(...res.json().items.map((item: { id: string }) => item.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toContain(mine.id);
    });

    it('refuses a malformed filter and an oversized page', async () => {
      expect(
        problemPaths(
          expectProblem(await get(operatorA, '/v1/transactions?tradingNo=XX1'), 400, 'request.validation_failed'),
        ),
      ).toEqual(['/querystring/tradingNo']);
      expect(
        problemPaths(
          expectProblem(await get(operatorA, '/v1/transactions?limit=201'), 400, 'request.validation_failed'),
        ),
      ).toEqual(['/querystring/limit']);
    });
  });

  describe('staff review: POST /v1/transactions/:id/approve-review and /reject', () => {
    const inReview = async () => {
      const res = await post(operatorA, '/v1/transactions', body({ lines: [line({ unitPrice: price(3) })] }));
      expect(res.json().status).toBe('in_review');
      return res.json().id as string;
    };

    it('approves a transaction under review with a reason, keeps the history and records its observations', async () => {
      const id = await inReview();
      const before = await counts();
      const res = await post(staff, `/v1/transactions/${id}/approve-review`, { reason: '核实：定制款，价格属实' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'submitted', statusReason: '核实：定制款，价格属实', version: 2 });
      expect(res.json().history.map((entry: { toStatus: string }) => entry.toStatus)).toEqual([
        'in_review',
        'submitted',
      ]);
      const after = await counts();
      expect(after.price_observations - before.price_observations).toBe(1);
      expect(after.transaction_status_history - before.transaction_status_history).toBe(1);
    });

    it('rejects with a reason; rejected is final (409 on a second decision), and history cannot be rewritten', async () => {
      const id = await inReview();
      expect((await post(staff, `/v1/transactions/${id}/reject`, { reason: '价格异常，无法核实' })).json().status).toBe(
        'rejected',
      );
      const before = await counts();
      expectProblem(
        await post(staff, `/v1/transactions/${id}/approve-review`, { reason: 'again' }),
        409,
        'state.illegal_transition',
      );
      expectProblem(
        await post(staff, `/v1/transactions/${id}/reject`, { reason: 'again' }),
        409,
        'state.illegal_transition',
      );
      expect(await counts()).toEqual(before);
      const refusal = (statement: Promise<unknown>) =>
        statement.then(
          () => 'written',
          (error: { cause?: Error }) => String(error.cause?.message),
        );
      expect(
        await refusal(
          api.env.database.db.execute(
            sql`update transaction_status_history set reason = 'x' where transaction_id = ${id}`,
          ),
        ),
      ).toMatch(/append-only/);
      expect(
        await refusal(api.env.database.db.execute(sql`update transactions set total_amount = 1 where id = ${id}`)),
      ).toMatch(/frozen/);
      expect(
        await refusal(api.env.database.db.execute(sql`delete from transaction_lines where transaction_id = ${id}`)),
      ).toMatch(/never deleted/);
    });

    it('answers 409 when approving a transaction that is not under review', async () => {
      const id = (await post(operatorA, '/v1/transactions', body())).json().id;
      expectProblem(
        await post(staff, `/v1/transactions/${id}/approve-review`, { reason: 'ok' }),
        409,
        'state.illegal_transition',
      );
    });

    it('requires a reason, the staff role, and answers 404 for an unknown transaction', async () => {
      const id = await inReview();
      expect(
        problemPaths(
          expectProblem(await post(staff, `/v1/transactions/${id}/reject`, {}), 400, 'request.validation_failed'),
        ),
      ).toEqual(['/body/reason']);
      expectProblem(
        await post(null, `/v1/transactions/${id}/approve-review`, { reason: 'x' }),
        401,
        'auth.missing_credentials',
      );
      for (const key of [operatorA, customs])
        expectProblem(
          await post(key, `/v1/transactions/${id}/approve-review`, { reason: 'x' }),
          403,
          'auth.forbidden_role',
        );
      expectProblem(
        await post(staff, `/v1/transactions/${randomUUID()}/reject`, { reason: 'x' }),
        404,
        'trade.transaction_not_found',
      );
    });
  });

  describe('excluded goods: POST /v1/excluded-goods and GET /v1/excluded-goods', () => {
    it('lists the labelled 2020 epidemic-goods suspension', async () => {
      const res = await get(operatorA, '/v1/excluded-goods?kind=suspended&inForceOn=2020-05-01');
      expect(res.statusCode).toBe(200);
      const prefixes = res.json().items.map((item: { hsPrefix: string | null }) => item.hsPrefix);
      expect(prefixes).toEqual(expect.arrayContaining(['630790', '3822', '9019', '9025']));
      expect(res.json().items[0]).toMatchObject({
        effectiveFrom: '2020-04-10',
        source: expect.stringMatching(/^EXAMPLE SEED/),
      });
      expect((await get(operatorA, '/v1/excluded-goods?kind=suspended&inForceOn=2020-04-09')).json().items).toEqual([]);
    });

    it('lets staff add an entry that refuses the next matching sale from its effective date', async () => {
      const created = await post(staff, '/v1/excluded-goods', {
        kind: 'prohibited',
        keyword: '象牙',
        reason: 'Ivory: export prohibited',
        source: 'test entry',
        effectiveFrom: today,
      });
      expect(created.statusCode, created.body).toBe(201);
      const problem = expectProblem(
        await post(operatorA, '/v1/transactions', body({ lines: [line({ description: '象牙雕刻手提包' })] })),
        422,
        'trade.excluded_goods',
      );
      expect(problem.lines).toEqual([
        expect.objectContaining({ entryId: created.json().id, kind: 'prohibited', matchedOn: { keyword: '象牙' } }),
      ]);
      const future = await post(staff, '/v1/excluded-goods', {
        kind: 'restricted',
        hsPrefix: '420212',
        reason: 'r',
        source: 's',
        effectiveFrom: addDays(today, 30),
      });
      expect(future.statusCode).toBe(201);
      expect(
        (await post(operatorA, '/v1/transactions', body({ lines: [line({ hsCode: '42021210' })] }))).statusCode,
      ).toBe(201);
    });

    it('refuses an entry without criterion or with dates reversed, and writes nothing', async () => {
      const before = await counts();
      expect(
        problemPaths(
          expectProblem(
            await post(staff, '/v1/excluded-goods', {
              kind: 'suspended',
              reason: 'r',
              source: 's',
              effectiveFrom: today,
            }),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/hsPrefix']);
      expect(
        problemPaths(
          expectProblem(
            await post(staff, '/v1/excluded-goods', {
              kind: 'suspended',
              hsPrefix: '42',
              reason: 'r',
              source: 's',
              effectiveFrom: today,
              effectiveTo: addDays(today, -1),
            }),
            400,
            'request.validation_failed',
          ),
        ),
      ).toEqual(['/body/effectiveTo']);
      expect(await counts()).toEqual(before);
    });

    it('lets only staff add entries', async () => {
      const entry = { kind: 'suspended', hsPrefix: '42', reason: 'r', source: 's', effectiveFrom: today };
      expectProblem(await post(null, '/v1/excluded-goods', entry), 401, 'auth.missing_credentials');
      for (const key of [operatorA, customs])
        expectProblem(await post(key, '/v1/excluded-goods', entry), 403, 'auth.forbidden_role');
    });
  });
});
