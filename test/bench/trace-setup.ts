/**
 * `pnpm bench:trace` set-up over the real REST API: keys (staff, customs) from the access service,
 * approved operators with their merchants and purchasers, and the 500-line declaration whose
 * evidence bundle is timed (50 transactions × 10 lines, one consolidation, simplified, submitted and
 * accepted by customs). Its rows are also the templates of the COPY seed (price checks, candidates,
 * match records, price library version, exchange rate).
 */
import { randomUUID } from 'node:crypto';
import { chinaDate, createAccessService } from '@baigou/core';
import type { Database } from '@baigou/db';
import { containerNumber, merchantBody, operatorBody, purchaserBody } from '../support/fixtures';
import { saleItem } from './bench-goods';
import { expectStatus, http } from './trace-support';

export interface BenchOperator {
  key: string;
  orgId: string;
  operatorId: string;
  keyId: string;
  merchants: string[];
  purchasers: string[];
}

export interface BenchCast {
  staff: string;
  customs: string;
  customsOrgId: string;
  operators: BenchOperator[];
}

/** `operatorCount` approved operators, each with `partiesEach` approved merchants and purchasers, registered over REST. */
export async function setUpCast(
  url: string,
  database: Database,
  operatorCount: number,
  partiesEach: number,
): Promise<BenchCast> {
  const access = createAccessService({ db: database.db });
  const { key: staff } = await access.createKey({
    orgName: 'Baigou Trade Service Center',
    kind: 'center',
    role: 'staff',
  });
  const { key: customs, orgId: customsOrgId } = await access.createKey({
    orgName: 'Baoding Customs',
    kind: 'customs',
    role: 'customs',
  });
  const operators: BenchOperator[] = [];
  let n = 100;
  for (let o = 0; o < operatorCount; o += 1) {
    const created = await access.createKey({
      orgName: `Bench Trace Export Co ${o + 1}`,
      kind: 'operator',
      role: 'operator',
    });
    const key = created.key;
    const operator = await expectStatus(
      http(url, key, 'POST', '/v1/operators', operatorBody((n += 1))),
      201,
      'operator registration',
    );
    await expectStatus(http(url, staff, 'POST', `/v1/operators/${operator.id}/approve`, {}), 200, 'operator approval');
    const merchants: string[] = [];
    const purchasers: string[] = [];
    for (let p = 0; p < partiesEach; p += 1) {
      const merchant = await expectStatus(
        http(url, key, 'POST', '/v1/merchants', merchantBody((n += 1))),
        201,
        'merchant registration',
      );
      await expectStatus(
        http(url, staff, 'POST', `/v1/merchants/${merchant.id}/approve`, {}),
        200,
        'merchant approval',
      );
      merchants.push(merchant.id);
      const purchaser = await expectStatus(
        http(url, key, 'POST', '/v1/purchasers', purchaserBody((n += 1))),
        201,
        'purchaser registration',
      );
      await expectStatus(
        http(url, staff, 'POST', `/v1/purchasers/${purchaser.id}/approve`, {}),
        200,
        'purchaser approval',
      );
      purchasers.push(purchaser.id);
    }
    operators.push({ key, orgId: created.orgId, keyId: created.keyId, operatorId: operator.id, merchants, purchasers });
  }
  return { staff, customs, customsOrgId, operators };
}

export interface BundleDeclaration {
  id: string;
  lines: number;
  declaredLines: number;
  entryNumber: string;
  seconds: number;
}

/** 50 transactions × 10 lines → one consolidation → one simplified declaration, submitted and accepted, all over REST. */
export async function createBundleDeclaration(
  url: string,
  cast: BenchCast,
  transactionCount: number,
  linesEach: number,
): Promise<BundleDeclaration> {
  const started = performance.now();
  const operator = cast.operators[0]!;
  const tradeDate = chinaDate(new Date());
  const transactionIds: string[] = [];
  const body = {
    items: Array.from({ length: transactionCount }, (_, t) =>
      saleItem(t, {
        clientRef: `bundle-${t}-${randomUUID()}`,
        merchantId: operator.merchants[t % operator.merchants.length]!,
        purchaserId: operator.purchasers[0]!,
        tradeDate,
        lines: linesEach,
        quantity: (l) => 5 + ((t * 31 + l * 17) % 20),
      }),
    ),
  };
  const batch = await expectStatus<{
    summary: { created: number; error: number };
    items: { status: string; id?: string; transactionStatus?: string; problem?: unknown }[];
  }>(http(url, operator.key, 'POST', '/v1/transactions/batch', body), 201, 'transaction batch');
  if (batch.summary.error)
    throw new Error(
      `transactions refused: ${JSON.stringify(batch.items.find((item) => item.status === 'error')).slice(0, 800)}`,
    );
  for (const item of batch.items) {
    const id = item.id;
    if (!id) throw new Error(`no transaction id in batch item ${JSON.stringify(item).slice(0, 300)}`);
    if (item.transactionStatus === 'in_review')
      await expectStatus(
        http(url, cast.staff, 'POST', `/v1/transactions/${id}/approve-review`, { reason: '价格经核实属实' }),
        200,
        'review approval',
      );
    transactionIds.push(id);
  }
  const consolidation = await expectStatus(
    http(url, operator.key, 'POST', '/v1/consolidations', {
      clientRef: `bundle-cons-${randomUUID()}`,
      destinationCountry: 'KAZ',
      transportMode: '4',
      exitPort: '霍尔果斯',
      transactionIds,
      containers: [{ number: containerNumber(999_001), type: '22', sealNo: 'BG-SEAL-B001' }],
      packing: transactionIds.map((transactionId, index) => ({
        transactionId,
        cartons: 10 + (index % 5),
        grossWeightKg: '120.500',
        netWeightKg: '110.250',
      })),
    }),
    201,
    'consolidation',
  );
  const declaration = await expectStatus<{ id: string; lines: unknown[] }>(
    http(url, operator.key, 'POST', '/v1/declarations', { consolidationId: consolidation.id, simplify: true }),
    201,
    'declaration',
  );
  await expectStatus(
    http(url, operator.key, 'POST', `/v1/declarations/${declaration.id}/submit`, {}),
    200,
    'declaration submission',
  );
  const entryNumber = `1306${new Date().getUTCFullYear()}0${String(999_999_001).padStart(9, '0')}`;
  await expectStatus(
    http(url, cast.customs, 'POST', `/v1/declarations/${declaration.id}/customs-events`, {
      type: 'accept',
      entryNumber,
    }),
    200,
    'customs acceptance',
  );
  return {
    id: declaration.id,
    lines: transactionCount * linesEach,
    declaredLines: declaration.lines.length,
    entryNumber,
    seconds: (performance.now() - started) / 1_000,
  };
}
