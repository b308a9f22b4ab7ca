import { randomUUID } from 'node:crypto';
import { chinaDate } from '@baigou/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { countRows, expectProblem, problemPaths } from '../support/http-assertions';
import { containerNumber, fromCents, toCents, tradeHelpers, type TradeOperator } from '../support/trade';

const fxTables = ['fx_receipts', 'fx_allocations'] as const;

describe('FX receipts API (收汇, no double use)', () => {
  const api = useTestApi();
  const { post, get, submitSale, cast } = tradeHelpers(api);
  let operatorA: TradeOperator;
  let operatorB: TradeOperator;
  let staff: string;
  let customs: string;
  let auditor: string;
  let unitPrice: string;
  let bankRef = 0;

  const counts = () => countRows(api.env.database.db, fxTables);

  const receiptBody = (operator: TradeOperator, overrides: Record<string, unknown> = {}) => ({
    clientRef: `fx-${randomUUID()}`,
    bankName: '中国银行白沟支行',
    bankReference: `BOC-${(bankRef += 1)}-${randomUUID().slice(0, 8)}`,
    payerName: 'ALMATY TRADING LLP',
    payerCountry: 'KAZ',
    payerPurchaserId: operator.purchaserId,
    currency: 'CNY',
    amount: '1000.00',
    valueDate: chinaDate(new Date()),
    merchantId: operator.merchantId,
    ...overrides,
  });

  async function receipt(operator: TradeOperator, overrides: Record<string, unknown> = {}) {
    const res = await post(operator.key, '/v1/fx-receipts', receiptBody(operator, overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; amount: string; flags: string[]; allocated: string; unallocated: string }>();
  }

  /** One consolidation of the sales (one container) and its itemised declaration. */
  async function declared(operator: TradeOperator, sales: readonly { id: string }[], serial: number) {
    const consolidation = await post(operator.key, '/v1/consolidations', {
      clientRef: `cons-${randomUUID()}`,
      destinationCountry: 'KAZ',
      transportMode: '4',
      exitPort: '霍尔果斯',
      transactionIds: sales.map((sale) => sale.id),
      containers: [{ number: containerNumber(serial), type: '21', sealNo: `S${serial}` }],
      packing: sales.map((sale) => ({
        transactionId: sale.id,
        cartons: 5,
        grossWeightKg: '60.000',
        netWeightKg: '50.000',
      })),
    });
    expect(consolidation.statusCode, consolidation.body).toBe(201);
    const declaration = await post(operator.key, '/v1/declarations', {
      consolidationId: consolidation.json().id,
      simplify: false,
    });
    expect(declaration.statusCode, declaration.body).toBe(201);
    return declaration.json<{ id: string; currency: string; totalValue: string }>();
  }

  beforeAll(async () => {
    ({ staff, customs, auditor, operatorA, operatorB, unitPrice } = await cast(
      ['FX Operator A', 'FX Operator B'],
      [81, 82],
    ));
  });

  it('records a receipt, shows it to owner, staff and auditor, lists it, and allocates it to a transaction until fully received', async () => {
    const sale = await submitSale(operatorA, unitPrice);
    const created = await receipt(operatorA, { amount: sale.totalAmount });
    expect(created).toMatchObject({
      amount: sale.totalAmount,
      allocated: '0.00',
      unallocated: sale.totalAmount,
      flags: [],
      payerCountry: 'KAZ',
      agencyReceipt: false,
    });
    for (const key of [operatorA.key, staff, auditor])
      expect((await get(key, `/v1/fx-receipts/${created.id}`)).json()).toEqual(created);
    const listed = await get(operatorA.key, '/v1/fx-receipts?currency=CNY&limit=200');
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toContain(created.id);

    const total = toCents(sale.totalAmount);
    const first = await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, {
      transactionId: sale.id,
      amount: fromCents(total / 2n),
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().target).toMatchObject({
      type: 'transaction',
      id: sale.id,
      currency: 'CNY',
      total: sale.totalAmount,
      fullyReceived: false,
    });
    // The rest minus 0.50: within the tolerance (max of 1.00 and 0.5 %), so fully received.
    const second = await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, {
      transactionId: sale.id,
      amount: fromCents(total - total / 2n - 50n),
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().target).toMatchObject({ outstanding: '0.50', fullyReceived: true });
    expect(second.json().receipt).toMatchObject({ unallocated: '0.50' });

    const allocations = await get(auditor, `/v1/fx-receipts/${created.id}/allocations`);
    expect(allocations.statusCode).toBe(200);
    expect(allocations.json<{ items: { amount: string }[] }>().items.map((item) => item.amount)).toEqual([
      fromCents(total / 2n),
      fromCents(total - total / 2n - 50n),
    ]);
    expect((await get(operatorA.key, `/v1/fx-receipts/${created.id}`)).json()).toMatchObject({
      allocated: fromCents(total - 50n),
      unallocated: '0.50',
    });
  });

  it('flags a payer that is not a registered purchaser, and accepts an agency receipt (代理收汇) by the operator', async () => {
    const { payerPurchaserId: _omit, merchantId: _merchant, ...body } = receiptBody(operatorA);
    const res = await post(operatorA.key, '/v1/fx-receipts', { ...body, agencyReceipt: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      flags: ['payer_not_registered'],
      agencyReceipt: true,
      merchantId: null,
      payerPurchaserId: null,
    });
  });

  it('validates the receipt: codes, amounts, dates, receiving party, bank reference, clientRef — writing nothing', async () => {
    const before = await counts();
    const tomorrow = chinaDate(new Date(Date.now() + 36 * 3600_000));
    expectProblem(
      await post(operatorA.key, '/v1/fx-receipts', receiptBody(operatorA, { currency: 'QQQ' })),
      400,
      'reference.unknown_code',
    );
    expectProblem(
      await post(operatorA.key, '/v1/fx-receipts', receiptBody(operatorA, { payerCountry: 'QQQ' })),
      400,
      'reference.unknown_code',
    );
    for (const amount of ['0', '0.00', '-1.00', '1.001', 'abc']) {
      expect(
        problemPaths(
          expectProblem(
            await post(operatorA.key, '/v1/fx-receipts', receiptBody(operatorA, { amount })),
            400,
            'request.validation_failed',
          ),
        ),
      ).toContain('/body/amount');
    }
    expect(
      problemPaths(
        expectProblem(
          await post(operatorA.key, '/v1/fx-receipts', receiptBody(operatorA, { valueDate: tomorrow })),
          400,
          'request.validation_failed',
        ),
      ),
    ).toContain('/body/valueDate');
    expect(
      problemPaths(
        expectProblem(
          await post(operatorA.key, '/v1/fx-receipts', receiptBody(operatorA, { agencyReceipt: true })),
          400,
          'request.validation_failed',
        ),
      ),
    ).toContain('/body/merchantId');
    expectProblem(
      await post(operatorA.key, '/v1/fx-receipts', receiptBody(operatorA, { payerPurchaserId: randomUUID() })),
      404,
      'registry.party_not_found',
    );
    const body = receiptBody(operatorA);
    expect((await post(operatorA.key, '/v1/fx-receipts', body)).statusCode).toBe(201);
    expectProblem(
      await post(operatorA.key, '/v1/fx-receipts', { ...body, clientRef: `fx-${randomUUID()}` }),
      409,
      'fx.bank_reference_reused',
    );
    expectProblem(
      await post(operatorA.key, '/v1/fx-receipts', { ...body, bankReference: `other-${randomUUID()}` }),
      422,
      'fx.client_ref_reused',
    );
    const created = await receipt(operatorA);
    expect(
      problemPaths(
        expectProblem(
          await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, { amount: '1.00' }),
          400,
          'request.validation_failed',
        ),
      ),
    ).toContain('/body/transactionId');
    expect(await counts()).toEqual({ ...before, fx_receipts: before.fx_receipts + 2 });
  });

  it('answers 401 without a key and 403 to customs, who may not post', async () => {
    expectProblem(await post(null, '/v1/fx-receipts', receiptBody(operatorA)), 401, 'auth.missing_credentials');
    expectProblem(await get(null, '/v1/fx-receipts'), 401, 'auth.missing_credentials');
    const created = await receipt(operatorA);
    const sale = await submitSale(operatorA, unitPrice);
    const before = await counts();
    expectProblem(await post(customs, '/v1/fx-receipts', receiptBody(operatorA)), 403, 'auth.forbidden_role');
    expectProblem(
      await post(customs, `/v1/fx-receipts/${created.id}/allocations`, { transactionId: sale.id, amount: '1.00' }),
      403,
      'auth.forbidden_role',
    );
    expectProblem(
      await post(staff, `/v1/fx-receipts/${created.id}/allocations`, { transactionId: sale.id, amount: '1.00' }),
      403,
      'auth.forbidden_role',
    );
    expect(await counts()).toEqual(before);
  });

  it("hides other tenants' receipts and transactions (404)", async () => {
    const created = await receipt(operatorA);
    const saleB = await submitSale(operatorB, unitPrice);
    const saleA = await submitSale(operatorA, unitPrice);
    const before = await counts();
    expectProblem(await get(operatorB.key, `/v1/fx-receipts/${created.id}`), 404, 'fx.receipt_not_found');
    expectProblem(await get(operatorB.key, `/v1/fx-receipts/${created.id}/allocations`), 404, 'fx.receipt_not_found');
    expectProblem(
      await post(operatorB.key, `/v1/fx-receipts/${created.id}/allocations`, {
        transactionId: saleB.id,
        amount: '1.00',
      }),
      404,
      'fx.receipt_not_found',
    );
    expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, {
        transactionId: saleB.id,
        amount: '1.00',
      }),
      404,
      'trade.transaction_not_found',
    );
    expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, {
        declarationId: randomUUID(),
        amount: '1.00',
      }),
      404,
      'declaration.not_found',
    );
    expect(
      (await get(operatorB.key, '/v1/fx-receipts?limit=200'))
        .json<{ items: { id: string }[] }>()
        .items.map((item) => item.id),
    ).not.toContain(created.id);
    expect(await counts()).toEqual(before);
    expect(
      (
        await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, {
          transactionId: saleA.id,
          amount: '1.00',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses over-allocation with 409 fx.over_allocation and a currency mismatch with 422, writing nothing', async () => {
    const sale = await submitSale(operatorA, unitPrice);
    const total = toCents(sale.totalAmount);
    const small = await receipt(operatorA, { amount: '10.00' });
    const big = await receipt(operatorA, { amount: fromCents(total + 10_000n) });
    const usd = await receipt(operatorA, { currency: 'USD', amount: '10.00' });
    const before = await counts();
    expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${small.id}/allocations`, { transactionId: sale.id, amount: '10.01' }),
      409,
      'fx.over_allocation',
    );
    expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${big.id}/allocations`, {
        transactionId: sale.id,
        amount: fromCents(total + 1n),
      }),
      409,
      'fx.over_allocation',
    );
    expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${usd.id}/allocations`, { transactionId: sale.id, amount: '1.00' }),
      422,
      'fx.currency_mismatch',
    );
    expect(await counts()).toEqual(before);
    expect(
      (
        await post(operatorA.key, `/v1/fx-receipts/${small.id}/allocations`, {
          transactionId: sale.id,
          amount: '10.00',
        })
      ).statusCode,
    ).toBe(200);
    expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${small.id}/allocations`, { transactionId: sale.id, amount: '0.01' }),
      409,
      'fx.over_allocation',
    );
    // The rest of the transaction minus 10.00 already received: 0.01 more than outstanding is refused.
    expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${big.id}/allocations`, {
        transactionId: sale.id,
        amount: fromCents(total - 1000n + 1n),
      }),
      409,
      'fx.over_allocation',
    );
    expect(
      (
        await post(operatorA.key, `/v1/fx-receipts/${big.id}/allocations`, {
          transactionId: sale.id,
          amount: fromCents(total - 1000n),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('lets exactly one of 20 concurrent allocations of the same receipt win (to 20 different transactions)', async () => {
    const sales = [];
    for (let i = 0; i < 20; i += 1) sales.push(await submitSale(operatorA, unitPrice));
    const amount = fromCents(sales.map((sale) => toCents(sale.totalAmount)).reduce((a, b) => (a < b ? a : b)));
    const created = await receipt(operatorA, { amount });
    const before = await counts();
    const responses = await Promise.all(
      sales.map((sale) =>
        post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, { transactionId: sale.id, amount }),
      ),
    );
    const statuses = responses.map((res) => res.statusCode).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    for (const res of responses.filter((r) => r.statusCode === 409)) expectProblem(res, 409, 'fx.over_allocation');
    expect(await counts()).toEqual({ ...before, fx_allocations: before.fx_allocations + 1 });
    const { rows } = await api.env.database.db.execute<{ total: string }>(
      sql`select coalesce(sum(amount), 0)::text as total from fx_allocations where receipt_id = ${created.id}`,
    );
    expect(rows[0]!.total).toBe(amount);
    expect((await get(operatorA.key, `/v1/fx-receipts/${created.id}`)).json()).toMatchObject({
      allocated: amount,
      unallocated: '0.00',
    });
  });

  it('lets exactly one of 20 concurrent allocations to the same transaction win (from 20 receipts)', async () => {
    const sale = await submitSale(operatorA, unitPrice);
    const receipts = [];
    for (let i = 0; i < 20; i += 1) receipts.push(await receipt(operatorA, { amount: sale.totalAmount }));
    const before = await counts();
    const responses = await Promise.all(
      receipts.map((r) =>
        post(operatorA.key, `/v1/fx-receipts/${r.id}/allocations`, {
          transactionId: sale.id,
          amount: sale.totalAmount,
        }),
      ),
    );
    expect(responses.filter((res) => res.statusCode === 200)).toHaveLength(1);
    for (const res of responses.filter((r) => r.statusCode !== 200)) expectProblem(res, 409, 'fx.over_allocation');
    expect(await counts()).toEqual({ ...before, fx_allocations: before.fx_allocations + 1 });
    const { rows } = await api.env.database.db.execute<{ total: string }>(
      sql`select coalesce(sum(amount), 0)::text as total from fx_allocations where transaction_id = ${sale.id}`,
    );
    expect(rows[0]!.total).toBe(sale.totalAmount);
  });

  it('allocates to a declaration in its currency, up to its total value', async () => {
    const declaration = await declared(
      operatorA,
      [await submitSale(operatorA, unitPrice), await submitSale(operatorA, unitPrice)],
      7001,
    );
    const total = toCents(declaration.totalValue);
    const created = await receipt(operatorA, { amount: fromCents(total + 100n) });
    const before = await counts();
    expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, {
        declarationId: declaration.id,
        amount: fromCents(total + 1n),
      }),
      409,
      'fx.over_allocation',
    );
    expect(await counts()).toEqual(before);
    const res = await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, {
      declarationId: declaration.id,
      amount: declaration.totalValue,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      declarationId: declaration.id,
      transactionId: null,
      target: { type: 'declaration', total: declaration.totalValue, outstanding: '0.00', fullyReceived: true },
    });
  });

  it('never collects a sale twice across levels: money on a transaction counts against its declaration, and back', async () => {
    const sales = [await submitSale(operatorA, unitPrice), await submitSale(operatorA, unitPrice)];
    const declaration = await declared(operatorA, sales, 7002);
    const total = toCents(declaration.totalValue);
    const first = toCents(sales[0]!.totalAmount);
    const created = await receipt(operatorA, { amount: fromCents(total * 2n) });
    const allocate = (body: Record<string, string>) =>
      post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, body);
    // The first sale is paid on the transaction...
    expect((await allocate({ transactionId: sales[0]!.id, amount: sales[0]!.totalAmount })).statusCode).toBe(200);
    // ...so the declaration has only the second sale's value outstanding.
    const before = await counts();
    const refused = expectProblem(
      await allocate({ declarationId: declaration.id, amount: declaration.totalValue }),
      409,
      'fx.over_allocation',
    );
    expect(refused).toMatchObject({ targetOutstanding: fromCents(total - first) });
    expect(await counts()).toEqual(before);
    expect((await allocate({ declarationId: declaration.id, amount: fromCents(total - first) })).statusCode).toBe(200);
    // Everything is collected: the second sale can take nothing more on its own...
    expectProblem(await allocate({ transactionId: sales[1]!.id, amount: '0.01' }), 409, 'fx.over_allocation');
    expect(await counts()).toEqual({ ...before, fx_allocations: before.fx_allocations + 1 });
    // ...and the database refuses it too, whatever the service does.
    const direct = await api.env.database.db
      .execute(
        sql`insert into fx_allocations (receipt_id, transaction_id, currency, amount) values (${created.id}, ${sales[1]!.id}, 'CNY', 0.01)`,
      )
      .then(
        () => 'accepted',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(direct).toMatch(/would be collected/);
  });

  it('takes no receipts for a rejected sale or a withdrawn declaration (409), writing nothing', async () => {
    const declaration = await declared(operatorA, [await submitSale(operatorA, unitPrice)], 7003);
    expect(
      (await post(operatorA.key, `/v1/declarations/${declaration.id}/withdraw`, { reason: 'wrong destination' }))
        .statusCode,
    ).toBe(200);
    const created = await receipt(operatorA, { amount: declaration.totalValue });
    const before = await counts();
    const problem = expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, {
        declarationId: declaration.id,
        amount: '1.00',
      }),
      409,
      'fx.target_not_allocatable',
    );
    expect(problemPaths(problem)).toEqual(['/body/declarationId']);
    const held = await submitSale(operatorA, unitPrice, [{ quantity: '100' }]);
    await api.env.database.db.execute(sql`update transactions set status = 'rejected' where id = ${held.id}`);
    expectProblem(
      await post(operatorA.key, `/v1/fx-receipts/${created.id}/allocations`, {
        transactionId: held.id,
        amount: '1.00',
      }),
      409,
      'fx.target_not_allocatable',
    );
    expect(await counts()).toEqual(before);
  });

  it('enforces no double use and append-only in the database, whatever the service does', async () => {
    const sale = await submitSale(operatorA, unitPrice);
    const created = await receipt(operatorA, { amount: '5.00' });
    const db = api.env.database.db;
    await expect(
      db.execute(
        sql`insert into fx_allocations (receipt_id, transaction_id, currency, amount) values (${created.id}, ${sale.id}, 'CNY', 5.01)`,
      ),
    ).rejects.toThrow();
    await expect(
      db.execute(
        sql`insert into fx_allocations (receipt_id, transaction_id, currency, amount) values (${created.id}, ${sale.id}, 'USD', 1.00)`,
      ),
    ).rejects.toThrow();
    await db.execute(
      sql`insert into fx_allocations (receipt_id, transaction_id, currency, amount) values (${created.id}, ${sale.id}, 'CNY', 5.00)`,
    );
    await expect(
      db.execute(sql`update fx_allocations set amount = 1.00 where receipt_id = ${created.id}`),
    ).rejects.toThrow();
    await expect(db.execute(sql`delete from fx_allocations where receipt_id = ${created.id}`)).rejects.toThrow();
    await expect(db.execute(sql`update fx_receipts set amount = 50.00 where id = ${created.id}`)).rejects.toThrow();
  });
});
