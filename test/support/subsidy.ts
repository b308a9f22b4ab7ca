import { randomUUID } from 'node:crypto';
import { chinaDate, createProvenanceLog, loadProvenanceSigner } from '@baigou/core';
import { operators, outbox, partyStatusHistory } from '@baigou/db';
import { createJobHandlers } from '@baigou/worker';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { expect } from 'vitest';
import type { TestApi } from './api';
import { containerNumber, tradeHelpers, type TradeOperator } from './trade';

/**
 * Builds subsidy facts through the trade API (sales, FX, consolidations, declarations, customs
 * events), sets credit grades as staff do (a credit override through REST, which the credit context
 * answers the subsidy run with), and plays the worker's part for `subsidy.period-run` jobs with the
 * real handler.
 */

export const silent = pino({ level: 'silent' });

/** Integer-cent arithmetic, independent of the implementation's decimals. */
export const cents = (amount: string) => BigInt(amount.replace('.', '').replace(/^0+(?=\d)/, '') || '0');
export const money = (value: bigint) => `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;
/** x / y rounded half-up, for non-negative bigints. */
export const divHalfUp = (x: bigint, y: bigint) => (2n * x + y) / (2n * y);

export function subsidyHelpers(api: TestApi) {
  const { post, submitSale } = tradeHelpers(api);
  let serial = 7_000;
  let entry = 0;
  /** Staff set a firm's grade from now on: an audited credit override, in force for a year. */
  async function overrideGrade(staff: string, operatorOrgId: string, grade: 'A' | 'B' | 'C' | 'D') {
    const res = await post(staff, '/v1/credit/overrides', {
      operatorOrgId,
      grade,
      reason: `专项资金测试: 信用等级 ${grade} / subsidy test: grade ${grade}`,
      expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  /** A sale of `quantity` handbags, FX received in full if asked, consolidated (rail or road) and released. */
  async function exportSale(
    operator: TradeOperator,
    customs: string,
    unitPrice: string,
    quantity: string,
    options: { rail?: boolean; fx?: boolean } = {},
  ) {
    const sale = await submitSale(operator, unitPrice, [{ quantity }]);
    if (options.fx !== false) {
      const receipt = await post(operator.key, '/v1/fx-receipts', {
        clientRef: `fx-${randomUUID()}`,
        bankName: '中国银行白沟支行',
        bankReference: `BOC-${randomUUID()}`,
        payerName: 'ALMATY TRADING LLP',
        payerCountry: 'KAZ',
        payerPurchaserId: operator.purchaserId,
        currency: 'CNY',
        amount: sale.totalAmount,
        valueDate: chinaDate(new Date()),
        merchantId: operator.merchantId,
      });
      expect(receipt.statusCode, receipt.body).toBe(201);
      const allocated = await post(operator.key, `/v1/fx-receipts/${receipt.json().id}/allocations`, {
        transactionId: sale.id,
        amount: sale.totalAmount,
      });
      expect(allocated.statusCode, allocated.body).toBe(200);
    }
    serial += 1;
    const container = containerNumber(serial);
    const consolidation = await post(operator.key, '/v1/consolidations', {
      clientRef: `cons-${randomUUID()}`,
      destinationCountry: options.rail ? 'POL' : 'KAZ',
      transportMode: options.rail ? '3' : '4',
      ...(options.rail ? { chinaEuropeRail: true } : {}),
      exitPort: options.rail ? '满洲里' : '霍尔果斯',
      transactionIds: [sale.id],
      containers: [{ number: container, type: '21', sealNo: `S${serial}` }],
      packing: [{ transactionId: sale.id, cartons: 5, grossWeightKg: '60.000', netWeightKg: '50.000' }],
    });
    expect(consolidation.statusCode, consolidation.body).toBe(201);
    const declared = await post(operator.key, '/v1/declarations', {
      consolidationId: consolidation.json().id,
      simplify: false,
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const id = declared.json().id as string;
    expect((await post(operator.key, `/v1/declarations/${id}/submit`, {})).statusCode).toBe(200);
    const entryNumber = `0401${new Date().getUTCFullYear()}${String(Date.now() % 10_000_000).padStart(7, '0')}${String((entry += 1)).padStart(3, '0')}`;
    for (const event of [
      { type: 'accept', entryNumber },
      { type: 'release', at: new Date().toISOString() },
    ]) {
      const res = await post(customs, `/v1/declarations/${id}/customs-events`, event);
      expect(res.statusCode, res.body).toBe(200);
    }
    return {
      id,
      totalValue: declared.json().totalValue as string,
      containerSourceId: `${consolidation.json().id}:0`,
      sale,
    };
  }

  /** Records that staff approved the operator `days` ago (registrations older than the platform's data). */
  async function approvedDaysAgo(orgId: string, staffOrgId: string, days: number) {
    const db = api.env.database.db;
    const [operator] = await db.select().from(operators).where(eq(operators.orgId, orgId));
    await db.insert(partyStatusHistory).values({
      partyType: 'operator',
      partyId: operator!.id,
      fromStatus: 'submitted',
      toStatus: 'approved',
      reason: 'registered before the platform (test history)',
      actorOrgId: staffOrgId,
      createdAt: new Date(Date.now() - days * 86_400_000),
    });
    return operator!.id;
  }

  /** Runs the queued period-run job with the worker's own handler; answers its outcome. */
  async function runJob(jobKey: string) {
    const db = api.env.database.db;
    const [row] = await db.select().from(outbox).where(eq(outbox.jobKey, jobKey));
    expect(row?.jobName).toBe('subsidy.period-run');
    const { signer } = loadProvenanceSigner(undefined, 'test');
    const handlers = createJobHandlers({ db, provenance: createProvenanceLog({ db, signer }) });
    const payload = row!.payload as { periodId: string; requestedBy: string | null };
    return handlers['subsidy.period-run']({ jobKey, payload, logger: silent });
  }

  /** POST a run through the API, then deliver it. */
  async function run(staff: string, periodId: string) {
    const res = await post(staff, `/v1/subsidy/periods/${periodId}/runs`, {});
    expect(res.statusCode, res.body).toBe(200);
    const { jobKey } = res.json<{ jobKey: string }>();
    return { jobKey, outcome: await runJob(jobKey) };
  }

  return { exportSale, approvedDaysAgo, runJob, run, overrideGrade };
}
