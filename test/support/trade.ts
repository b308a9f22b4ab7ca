import { randomUUID } from 'node:crypto';
import { chinaDate, ensurePriceLibrarySeed } from '@baigou/core';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApi } from './api';
import { merchantBody, operatorBody, purchaserBody } from './fixtures';

/** Shared trade setup for API tests: approved operators with their merchant and purchaser, and sales inside the price bands. */

export const HANDBAG = 'PT-42022200-PU-HANDBAG';
export const sha = (n: number) => n.toString(16).padStart(64, 'a');

/** Money strings ('1234.50') as integer cents and back, for exact expectations without the implementation's decimals. */
export const toCents = (amount: string) => BigInt(amount.replace('.', '').replace(/^0+(?=\d)/, ''));
export const fromCents = (cents: bigint) => `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;

export { containerNumber } from './fixtures';

export interface TradeOperator {
  key: string;
  orgId: string;
  keyId: string;
  merchantId: string;
  purchaserId: string;
}

export function tradeHelpers(api: TestApi) {
  let party = 900;
  const post = (key: string | null, url: string, payload: unknown) =>
    api.request(key, { method: 'POST', url, payload: payload as object });
  const get = (key: string | null, url: string) => api.request(key, { method: 'GET', url });

  async function approvedParty(key: string, staff: string, kind: 'merchants' | 'purchasers'): Promise<string> {
    const n = (party += 1);
    const res = await post(key, `/v1/${kind}`, kind === 'merchants' ? merchantBody(n) : purchaserBody(n));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect((await post(staff, `/v1/${kind}/${id}/approve`, {})).statusCode).toBe(200);
    return id;
  }

  /** An organisation with an approved operator registration, one approved merchant and one approved purchaser. */
  async function approvedOperator(name: string, n: number, staff: string): Promise<TradeOperator> {
    const { key, orgId, keyId } = await api.key(name, 'operator', 'operator');
    const res = await post(key, '/v1/operators', operatorBody(n));
    expect(res.statusCode, res.body).toBe(201);
    expect((await post(staff, `/v1/operators/${res.json().id}/approve`, {})).statusCode).toBe(200);
    return {
      key,
      orgId,
      keyId,
      merchantId: await approvedParty(key, staff, 'merchants'),
      purchaserId: await approvedParty(key, staff, 'purchasers'),
    };
  }

  /** The seeded price library and the demo band median of a PU handbag per piece, CNY. */
  async function handbagMedian(): Promise<number> {
    await ensurePriceLibrarySeed(api.env.database.db);
    const { rows } = await api.env.database.db.execute<{ median: string }>(
      sql`select b.median from price_library_bands b join price_library_versions v on v.id = b.version_id
          where v.status = 'active' and b.product_type_code = ${HANDBAG} and b.unit = '007'`,
    );
    return Number(rows[0]!.median);
  }

  /** Records a sale of `quantity` handbags at `unitPrice` (inside the band: status submitted); answers the transaction. */
  async function submitSale(
    operator: TradeOperator,
    unitPrice: string,
    lines: { quantity: string; description?: string; hsCode?: string }[] = [{ quantity: '100' }],
  ) {
    const res = await post(operator.key, '/v1/transactions', {
      clientRef: `ref-${randomUUID()}`,
      merchantId: operator.merchantId,
      purchaserId: operator.purchaserId,
      tradeDate: chinaDate(new Date()),
      settlementMethod: 'bank_transfer',
      currency: 'CNY',
      documents: [{ sha256: sha(1), filename: 'sales-slip-001.jpg', kind: 'sales_slip' }],
      lines: lines.map((line) => ({
        description: line.description ?? 'PU女士手提包 大容量',
        quantity: line.quantity,
        unit: '007',
        unitPrice,
        amount: (Number(line.quantity) * Number(unitPrice)).toFixed(2),
        ...(line.hsCode ? { hsCode: line.hsCode } : {}),
      })),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; tradingNo: string; status: string; totalAmount: string; lineCount: number }>();
  }

  /** Who every trade test needs: center staff, customs, an auditor, two approved operators, and a fair handbag price. */
  async function cast(operatorNames: [string, string], seeds: [number, number]) {
    const { key: staff } = await api.key('Baigou Trade Service Center', 'center', 'staff');
    const { key: customs } = await api.key('Baoding Customs', 'customs', 'customs');
    const { key: auditor } = await api.key('Audit Firm', 'auditor', 'auditor');
    const operatorA = await approvedOperator(operatorNames[0], seeds[0], staff);
    const operatorB = await approvedOperator(operatorNames[1], seeds[1], staff);
    const unitPrice = (await handbagMedian()).toFixed(2);
    return { staff, customs, auditor, operatorA, operatorB, unitPrice };
  }

  return { post, get, approvedOperator, handbagMedian, submitSale, cast };
}
