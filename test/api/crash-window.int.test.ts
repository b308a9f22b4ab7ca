import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { merchantBody } from '../support/fixtures';
import { freePort } from '../support/processes';
import { sha, tradeHelpers, type TradeOperator } from '../support/trade';
import { chinaDate } from '@baigou/core';

/**
 * Issue 16, item 5: a process killed (SIGKILL) right after PostgreSQL committed a request's effect, before
 * any answer left it. A retry with the same Idempotency-Key, served at once by another process, replays
 * the recorded answer: the effect happened once, and no stale reservation of the dead process holds it up.
 */

const api = useTestApi();
const trade = tradeHelpers(api);
let operator: TradeOperator;
let unitPrice: string;

beforeAll(async () => {
  const cast = await trade.cast(['Crash Operator A', 'Crash Operator B'], [7401, 7402]);
  ({ operatorA: operator, unitPrice } = cast);
});

/** Sends one POST to an API process that dies right after the COMMIT following an insert into `table`. */
async function crashDuring(table: string, url: string, key: string, body: unknown): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/api/crash-window.child.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: api.env.databaseUrl,
      REDIS_URL: api.env.redisUrl,
      REDIS_PREFIX: api.env.redisPrefix,
      PORT: String(port),
      CRASH_ON_TABLE: table,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', () => reject(new Error(`the API process exited before listening: ${output}`)));
  });
  const answer = await fetch(`http://127.0.0.1:${port}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operator.key}`, 'idempotency-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(
    (response) => `answered ${response.status}`,
    () => 'no answer',
  );
  expect(answer).toBe('no answer');
  expect(await exited).toBe('SIGKILL');
}

/** The retry, at once, on another process (this one): the stored answer, without waiting for any lock. */
async function retry(url: string, key: string, body: unknown) {
  const started = Date.now();
  const res = await api.request(operator.key, { method: 'POST', url, idempotencyKey: key, payload: body as object });
  expect(Date.now() - started).toBeLessThan(5_000);
  return res;
}

const count = async (query: ReturnType<typeof sql>) =>
  Number((await api.env.database.db.execute<{ n: string }>(query)).rows[0]!.n);

function saleBody() {
  return {
    clientRef: `crash-${randomUUID()}`,
    merchantId: operator.merchantId,
    purchaserId: operator.purchaserId,
    tradeDate: chinaDate(new Date()),
    settlementMethod: 'bank_transfer',
    currency: 'CNY',
    documents: [{ sha256: sha(9), filename: 'slip.jpg', kind: 'sales_slip' }],
    lines: [
      {
        description: 'PU女士手提包',
        quantity: '10',
        unit: '007',
        unitPrice,
        amount: (10 * Number(unitPrice)).toFixed(2),
      },
    ],
  };
}

describe('a crash between the commit of an effect and its answer', () => {
  it('allocates an FX receipt once: the retry replays the allocation', async () => {
    const sale = await trade.submitSale(operator, unitPrice);
    const receipt = await trade.post(operator.key, '/v1/fx-receipts', {
      clientRef: `fx-${randomUUID()}`,
      bankName: '中国银行白沟支行',
      bankReference: `BOC-${randomUUID().slice(0, 8)}`,
      payerName: 'ALMATY TRADING LLP',
      payerCountry: 'KAZ',
      payerPurchaserId: operator.purchaserId,
      currency: 'CNY',
      amount: sale.totalAmount,
      valueDate: chinaDate(new Date()),
      merchantId: operator.merchantId,
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    const url = `/v1/fx-receipts/${receipt.json<{ id: string }>().id}/allocations`;
    const body = { transactionId: sale.id, amount: '1.00' };
    const key = randomUUID();

    await crashDuring('fx_allocations', url, key, body);
    const res = await retry(url, key, body);

    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(await count(sql`select count(*) as n from fx_allocations where transaction_id = ${sale.id}`)).toBe(1);
  });

  it('records a transaction batch once: the retry replays the batch answer', async () => {
    const body = { items: [saleBody(), saleBody()] };
    const key = randomUUID();

    await crashDuring('transactions', '/v1/transactions/batch', key, body);
    const res = await retry('/v1/transactions/batch', key, body);

    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.json()).toMatchObject({ summary: { created: 2, replayed: 0, error: 0 } });
    const refs = body.items.map((item) => item.clientRef);
    expect(await count(sql`select count(*) as n from transactions where client_ref in (${refs[0]}, ${refs[1]})`)).toBe(
      2,
    );
  });

  it('registers a merchant once: the retry replays the registration', async () => {
    const body = merchantBody(7450);
    const key = randomUUID();

    await crashDuring('merchants', '/v1/merchants', key, body);
    const res = await retry('/v1/merchants', key, body);

    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(await count(sql`select count(*) as n from merchants where resident_id = ${body.residentId}`)).toBe(1);
  });
});
