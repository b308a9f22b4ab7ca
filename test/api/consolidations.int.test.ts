import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { countRows, expectProblem, problemPaths } from '../support/http-assertions';
import { containerNumber, tradeHelpers, type TradeOperator } from '../support/trade';

/** Tables a consolidation writes; a refused one leaves every count (and every line) as it was. */
const consolidationTables = ['consolidations', 'consolidation_transactions', 'consolidation_containers'] as const;

describe('consolidations API (组货)', () => {
  const api = useTestApi();
  const { post, get, submitSale, cast } = tradeHelpers(api);
  let operatorA: TradeOperator;
  let operatorB: TradeOperator;
  let staff: string;
  let customs: string;
  let auditor: string;
  let unitPrice: string;
  let serial = 100;

  const db = () => api.env.database.db;
  const snapshot = async () => {
    const counts = await countRows(db(), consolidationTables);
    const consolidated = (
      await db().execute<{ n: number }>(
        sql`select count(*)::int as n from transaction_lines where consolidation_id is not null`,
      )
    ).rows[0]!.n;
    return { ...counts, consolidated };
  };

  const body = (transactionIds: string[], overrides: Record<string, unknown> = {}) => ({
    clientRef: `cons-${randomUUID()}`,
    destinationCountry: 'RUS',
    transportMode: '3',
    chinaEuropeRail: true,
    exitPort: '天津新港',
    transactionIds,
    containers: [{ number: containerNumber((serial += 1)), type: '11', sealNo: `SEAL${serial}` }],
    packing: transactionIds.map((transactionId, index) => ({
      transactionId,
      cartons: 10 + index,
      grossWeightKg: `${100 + index}.500`,
      netWeightKg: `${90 + index}.250`,
    })),
    ...overrides,
  });

  beforeAll(async () => {
    ({ staff, customs, auditor, operatorA, operatorB, unitPrice } = await cast(
      ['Consolidating Operator A', 'Consolidating Operator B'],
      [61, 62],
    ));
  });

  it('consolidates submitted transactions: every line marked once, totals equal the sums, readable by owner, staff, customs and auditor', async () => {
    const first = await submitSale(operatorA, unitPrice, [{ quantity: '100' }, { quantity: '3' }]);
    const second = await submitSale(operatorA, unitPrice, [{ quantity: '7' }]);
    expect([first.status, second.status]).toEqual(['submitted', 'submitted']);
    const before = await snapshot();
    const payload = body([first.id, second.id], {
      containers: [
        { number: 'CSQU3054383', type: '11', sealNo: 'SEAL-A' },
        { number: containerNumber((serial += 1)), type: '21', sealNo: 'SEAL-B' },
      ],
    });
    const res = await post(operatorA.key, '/v1/consolidations', payload);
    expect(res.statusCode, res.body).toBe(201);
    const consolidation = res.json();
    expect(consolidation).toMatchObject({
      clientRef: payload.clientRef,
      operatorOrgId: operatorA.orgId,
      destinationCountry: 'RUS',
      transportMode: '3',
      chinaEuropeRail: true,
      exitPort: '天津新港',
      transactionCount: 2,
      lineCount: 3,
      totals: {
        cartons: 21,
        grossWeightKg: '202.000',
        netWeightKg: '181.500',
        value: { CNY: (Number(first.totalAmount) + Number(second.totalAmount)).toFixed(2) },
      },
      containers: [
        { number: 'CSQU3054383', type: '11', sealNo: 'SEAL-A' },
        { number: payload.containers[1]!.number, type: '21', sealNo: 'SEAL-B' },
      ],
    });
    expect(consolidation.transactions).toHaveLength(2);
    const after = await snapshot();
    expect(after).toEqual({
      ...before,
      consolidations: before.consolidations + 1,
      consolidation_transactions: before.consolidation_transactions + 2,
      consolidation_containers: before.consolidation_containers + 2,
      consolidated: before.consolidated + 3,
    });
    // Every line of both transactions points at the consolidation.
    for (const transaction of [first, second]) {
      const lines = (await get(operatorA.key, `/v1/transactions/${transaction.id}`)).json().lines as {
        consolidationId: string | null;
        consolidatedAt: string | null;
      }[];
      expect(lines.every((line) => line.consolidationId === consolidation.id && line.consolidatedAt !== null)).toBe(
        true,
      );
    }
    for (const key of [operatorA.key, staff, customs, auditor]) {
      const read = await get(key, `/v1/consolidations/${consolidation.id}`);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toEqual(consolidation);
    }
    expectProblem(
      await get(operatorB.key, `/v1/consolidations/${consolidation.id}`),
      404,
      'trade.consolidation_not_found',
    );
    const listA = (await get(operatorA.key, '/v1/consolidations?destinationCountry=RUS')).json();
    expect(listA.items.map((item: { id: string }) => item.id)).toContain(consolidation.id);
    expect(
      (await get(operatorB.key, '/v1/consolidations')).json().items.map((item: { id: string }) => item.id),
    ).not.toContain(consolidation.id);
    expect((await get(auditor, '/v1/consolidations')).json().items.map((item: { id: string }) => item.id)).toContain(
      consolidation.id,
    );
  });

  it('refuses invalid requests with 400 and the field path, writing nothing', async () => {
    const sale = await submitSale(operatorA, unitPrice);
    const before = await snapshot();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ containers: [{ number: 'CSQU3054384', type: '11', sealNo: 'S1' }] }, ['/body/containers/0/number']],
      [{ transportMode: '4', chinaEuropeRail: true }, ['/body/chinaEuropeRail']],
      [{ packing: [] }, ['/body/packing']],
      [{ transactionIds: [sale.id, sale.id] }, ['/body/transactionIds/1']],
    ];
    for (const [overrides, paths] of cases) {
      const problem = expectProblem(
        await post(operatorA.key, '/v1/consolidations', body([sale.id], overrides)),
        400,
        'request.validation_failed',
      );
      expect(problemPaths(problem), JSON.stringify(overrides)).toEqual(expect.arrayContaining(paths));
    }
    // Codes must be in the official lists.
    const unknown = expectProblem(
      await post(
        operatorA.key,
        '/v1/consolidations',
        body([sale.id], {
          destinationCountry: 'XXX',
          transportMode: 'Q',
          chinaEuropeRail: false,
          containers: [{ number: containerNumber(7), type: '99', sealNo: 'S' }],
        }),
      ),
      400,
      'reference.unknown_code',
    );
    expect(problemPaths(unknown)).toEqual([
      '/body/destinationCountry',
      '/body/transportMode',
      '/body/containers/0/type',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 401 without a key and 403 to roles other than operator', async () => {
    const sale = await submitSale(operatorA, unitPrice);
    const before = await snapshot();
    expectProblem(await post(null, '/v1/consolidations', body([sale.id])), 401, 'auth.missing_credentials');
    for (const key of [customs, staff, auditor])
      expectProblem(await post(key, '/v1/consolidations', body([sale.id])), 403, 'auth.forbidden_role');
    expectProblem(await get(null, `/v1/consolidations/${randomUUID()}`), 401, 'auth.missing_credentials');
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for another operator's transaction or an unknown one, naming the index", async () => {
    const own = await submitSale(operatorA, unitPrice);
    const foreign = await submitSale(operatorB, unitPrice);
    const before = await snapshot();
    const problem = expectProblem(
      await post(operatorA.key, '/v1/consolidations', body([own.id, foreign.id, randomUUID()])),
      404,
      'trade.transaction_not_found',
    );
    expect(problemPaths(problem)).toEqual(['/body/transactionIds/1', '/body/transactionIds/2']);
    expectProblem(await get(operatorA.key, `/v1/consolidations/${randomUUID()}`), 404, 'trade.consolidation_not_found');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a transaction that is not submitted (in review) with 409', async () => {
    const inReview = await submitSale(operatorA, '1.00');
    expect(inReview.status).toBe('in_review');
    const before = await snapshot();
    const problem = expectProblem(
      await post(operatorA.key, '/v1/consolidations', body([inReview.id])),
      409,
      'trade.transaction_not_consolidatable',
    );
    expect(problemPaths(problem)).toEqual(['/body/transactionIds/0']);
    expect(await snapshot()).toEqual(before);
  });

  it('consolidates a transaction once: a second consolidation is refused with 409 and changes nothing', async () => {
    const sale = await submitSale(operatorA, unitPrice);
    const other = await submitSale(operatorA, unitPrice);
    expect((await post(operatorA.key, '/v1/consolidations', body([sale.id]))).statusCode).toBe(201);
    const before = await snapshot();
    const problem = expectProblem(
      await post(operatorA.key, '/v1/consolidations', body([other.id, sale.id])),
      409,
      'trade.already_consolidated',
    );
    expect(problemPaths(problem)).toEqual(['/body/transactionIds/1']);
    expect(await snapshot()).toEqual(before);
    // The other transaction stayed free.
    expect((await get(operatorA.key, `/v1/transactions/${other.id}`)).json().lines[0].consolidationId).toBeNull();
  });

  it('lets exactly one of 10 concurrent consolidations of the same transaction win', async () => {
    const sale = await submitSale(operatorA, unitPrice, [{ quantity: '10' }, { quantity: '20' }]);
    const before = await snapshot();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post(operatorA.key, '/v1/consolidations', body([sale.id]))),
    );
    const statuses = responses.map((res) => res.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    for (const res of responses.filter((response) => response.statusCode !== 201))
      expectProblem(res, 409, 'trade.already_consolidated');
    const winner = responses.find((res) => res.statusCode === 201)!.json();
    expect(await snapshot()).toEqual({
      ...before,
      consolidations: before.consolidations + 1,
      consolidation_transactions: before.consolidation_transactions + 1,
      consolidation_containers: before.consolidation_containers + 1,
      consolidated: before.consolidated + 2,
    });
    const lines = (await get(operatorA.key, `/v1/transactions/${sale.id}`)).json().lines as {
      consolidationId: string;
    }[];
    expect(lines.map((line) => line.consolidationId)).toEqual([winner.id, winner.id]);
  });

  it('enforces the rules in the database: a line changes consolidation never, consolidation rows are append-only', async () => {
    const sale = await submitSale(operatorA, unitPrice);
    const first = (await post(operatorA.key, '/v1/consolidations', body([sale.id]))).json();
    const second = (
      await post(operatorA.key, '/v1/consolidations', body([(await submitSale(operatorA, unitPrice)).id]))
    ).json();
    await expect(
      db().execute(sql`update transaction_lines set consolidation_id = ${second.id} where transaction_id = ${sale.id}`),
    ).rejects.toThrow();
    await expect(
      db().execute(
        sql`update transaction_lines set consolidation_id = null, consolidated_at = null where transaction_id = ${sale.id}`,
      ),
    ).rejects.toThrow();
    await expect(
      db().execute(sql`delete from consolidation_transactions where consolidation_id = ${first.id}`),
    ).rejects.toThrow();
    await expect(
      db().execute(sql`update consolidations set destination_country = 'KAZ' where id = ${first.id}`),
    ).rejects.toThrow();
    await expect(
      db().execute(sql`delete from consolidation_containers where consolidation_id = ${first.id}`),
    ).rejects.toThrow();
    expect((await get(staff, `/v1/consolidations/${first.id}`)).json()).toMatchObject({
      destinationCountry: 'RUS',
      transactionCount: 1,
    });
  });

  it('refuses a reused clientRef with 422', async () => {
    const payload = body([(await submitSale(operatorA, unitPrice)).id]);
    expect((await post(operatorA.key, '/v1/consolidations', payload)).statusCode).toBe(201);
    const problem = expectProblem(
      await post(
        operatorA.key,
        '/v1/consolidations',
        body([(await submitSale(operatorA, unitPrice)).id], { clientRef: payload.clientRef }),
      ),
      422,
      'trade.client_ref_reused',
    );
    expect(problemPaths(problem)).toEqual(['/body/clientRef']);
  });
});
