import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { merchantBody } from '../support/fixtures';
import { expectProblem, problemPaths } from '../support/http-assertions';
import { sha, tradeHelpers, type TradeOperator } from '../support/trade';

/** Input PostgreSQL or the platform's walkers cannot take is a 400 naming the place, never a 500 (issue 16, 1–4). */

const api = useTestApi();
const trade = tradeHelpers(api);
let staff: string;
let operator: TradeOperator;
let unitPrice: string;

beforeAll(async () => {
  const cast = await trade.cast(['Hardening Operator A', 'Hardening Operator B'], [7301, 7302]);
  ({ staff, operatorA: operator, unitPrice } = cast);
});

function sale(overrides: Record<string, unknown> = {}, line: Record<string, unknown> = {}) {
  return {
    clientRef: `hard-${randomUUID()}`,
    merchantId: operator.merchantId,
    purchaserId: operator.purchaserId,
    tradeDate: '2026-01-15',
    settlementMethod: 'bank_transfer',
    currency: 'CNY',
    documents: [{ sha256: sha(7), filename: 'slip.jpg', kind: 'sales_slip' }],
    lines: [
      {
        description: 'PU女士手提包',
        quantity: '10',
        unit: '007',
        unitPrice,
        amount: (10 * Number(unitPrice)).toFixed(2),
        ...line,
      },
    ],
    ...overrides,
  };
}

const post = (key: string, url: string, payload?: unknown) =>
  api.request(key, {
    method: 'POST',
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

describe('NUL bytes', () => {
  it('refuses a NUL in a query parameter with a 400 naming it', async () => {
    for (const url of [
      '/v1/operators?q=%00',
      '/v1/merchants?idNumber=a%00b',
      '/v1/price-library/product-types?q=%00',
    ]) {
      const problem = expectProblem(await api.request(staff, { method: 'GET', url }), 400, 'request.validation_failed');
      expect(problemPaths(problem)[0]).toMatch(/^\/querystring\/(q|idNumber)$/);
    }
  });

  it('refuses a NUL in a body field with a 400 naming it, and registers nothing', async () => {
    const res = await post(operator.key, '/v1/merchants', merchantBody(7310, { nameZh: '白沟\u0000箱包' }));
    expect(problemPaths(expectProblem(res, 400, 'request.validation_failed'))).toEqual(['/body/nameZh']);
    const list = await api.request(operator.key, { method: 'GET', url: '/v1/merchants?limit=200' });
    expect(list.body).not.toContain('白沟7310');
  });

  it('refuses a NUL in a revocation reason', async () => {
    const { keyId } = await api.key('Hardening Operator A', 'operator', 'operator');
    const { key: admin } = await api.key('Baigou Trade Service Center', 'center', 'admin');
    const res = await post(admin, `/v1/admin/api-keys/${keyId}/revoke`, { reason: 'a\u0000b' });
    expect(problemPaths(expectProblem(res, 400, 'request.validation_failed'))).toEqual(['/body/reason']);
  });

  it('refuses only the batch item with a NUL and keeps the valid ones', async () => {
    const res = await post(operator.key, '/v1/transactions/batch', {
      items: [sale(), sale({}, { description: 'PU\u0000包' }), sale()],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ summary: Record<string, number>; items: { status: string; problem?: unknown }[] }>();
    expect(body.summary).toEqual({ created: 2, replayed: 0, error: 1 });
    expect(body.items[1]).toMatchObject({
      status: 'error',
      problem: { status: 400, errors: [{ path: '/body/items/1/lines/0/description' }] },
    });
  });
});

describe('lone surrogates', () => {
  it('refuses an unpaired surrogate in a line description with a 400 naming it', async () => {
    const res = await post(operator.key, '/v1/transactions', sale({}, { description: 'PU\ud800' }));
    const problem = expectProblem(res, 400, 'request.validation_failed');
    expect(problemPaths(problem)).toEqual(['/body/lines/0/description']);
    expect(problem.errors![0]!.message).toMatch(/surrogate/);
  });

  it('refuses an unpaired surrogate in a document filename', async () => {
    const documents = [{ sha256: sha(8), filename: '\udc00.jpg', kind: 'sales_slip' }];
    const res = await post(operator.key, '/v1/transactions', sale({ documents }));
    expect(problemPaths(expectProblem(res, 400, 'request.validation_failed'))).toEqual(['/body/documents/0/filename']);
  });

  it('keeps text with well-formed pairs (emoji) as it is', async () => {
    const res = await post(operator.key, '/v1/transactions', sale({}, { description: 'PU女士手提包 💼' }));
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('dates outside their window', () => {
  it.each(['0000-01-01', '0001-01-01', '3000-01-01'])('refuses the filter tradeDateFrom=%s with a 400', async (day) => {
    const res = await api.request(operator.key, { method: 'GET', url: `/v1/transactions?tradeDateFrom=${day}` });
    expect(problemPaths(expectProblem(res, 400, 'request.validation_failed'))).toEqual(['/querystring/tradeDateFrom']);
  });

  it('refuses out-of-range dates in the other filters', async () => {
    const urls = ['/v1/excluded-goods?inForceOn=0000-01-01', '/v1/trace?from=0000-01-01', '/v1/trace?to=0001-01-01'];
    for (const url of urls) {
      expectProblem(await api.request(staff, { method: 'GET', url }), 400, 'request.validation_failed');
    }
  });

  it('refuses an adjustment asOf and an excluded-goods effectiveFrom in year 0 or 1', async () => {
    const adjustment = await post(staff, '/v1/price-library/adjustments', { asOf: '0001-01-01' });
    expect(problemPaths(expectProblem(adjustment, 400, 'request.validation_failed'))).toEqual(['/body/asOf']);
    const excluded = await post(staff, '/v1/excluded-goods', {
      kind: 'restricted',
      hsPrefix: '6492',
      reason: 'test',
      source: 'test',
      effectiveFrom: '0000-01-01',
    });
    expect(problemPaths(expectProblem(excluded, 400, 'request.validation_failed'))).toEqual(['/body/effectiveFrom']);
  });

  it('refuses only the batch item dated 0001-01-01 and keeps the valid ones', async () => {
    const res = await post(operator.key, '/v1/transactions/batch', {
      items: [sale({ tradeDate: '0001-01-01' }), sale()],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ summary: Record<string, number>; items: { status: string }[] }>();
    expect(body.summary).toEqual({ created: 1, replayed: 0, error: 1 });
    expect(body.items[0]).toMatchObject({
      status: 'error',
      problem: { errors: [{ path: '/body/items/0/tradeDate' }] },
    });
  });
});

describe('deep nesting and bodies on body-less routes', () => {
  const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);
  const deepObject = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);

  it.each([
    ['/v1/notifications/{id}/read', deepArray],
    ['/v1/price-library/matches/{id}/replay', deepObject],
    ['/v1/declarations/{id}/submit', deepArray],
  ])('refuses a deeply nested body on %s with a 400', async (path, payload) => {
    const res = await api.request(operator.key, {
      method: 'POST',
      url: path.replace('{id}', randomUUID()),
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expectProblem(res, 400, 'request.nesting_too_deep');
  });

  it('refuses deep nesting on a route that takes a body, too', async () => {
    const payload = `{"items":${'['.repeat(40)}${']'.repeat(40)}}`;
    const res = await api.request(operator.key, {
      method: 'POST',
      url: '/v1/transactions/batch',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expectProblem(res, 400, 'request.nesting_too_deep');
  });

  it('refuses a body on a route that takes none, and accepts none or {}', async () => {
    const url = `/v1/declarations/${randomUUID()}/submit`;
    expectProblem(await post(operator.key, url, { anything: 1 }), 400, 'request.body_not_allowed');
    expectProblem(await post(operator.key, url, [1]), 400, 'request.body_not_allowed');
    expectProblem(await post(operator.key, url), 404, 'declaration.not_found');
    expectProblem(await post(operator.key, url, {}), 404, 'declaration.not_found');
  });
});
