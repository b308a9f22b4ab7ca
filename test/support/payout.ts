import { randomUUID } from 'node:crypto';
import { withLuhnCheckDigit } from '@baigou/bank-protocol';
import {
  chinaDate,
  createPayoutService,
  programmeContent,
  seedProgramme,
  type PayoutDeps,
  type ProgrammeDocument,
} from '@baigou/core';
import {
  operators,
  outbox,
  subsidyClaimLines,
  subsidyClaims,
  subsidyPeriods,
  subsidyProgrammeVersions,
  subsidyRuns,
} from '@baigou/db';
import { and, eq, like } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApi } from './api';
import { operatorBody } from './fixtures';
import { tradeHelpers } from './trade';

/**
 * Payout test setup. Claims reach `in_notice` (notice over) by a fixture that writes them as a period
 * run and the staff steps before approval would have left them; everything from the approval on goes
 * through the REST API, the worker's job functions and the bank simulator.
 */

export interface PayoutFirm {
  key: string;
  orgId: string;
  operatorId: string;
}

/** A valid payee account (Luhn check digit) derived from a number, and an invalid one. */
export const goodAccount = (n: number) => withLuhnCheckDigit(`62220202${String(n).padStart(10, '0')}`);
export const badAccount = (n: number) => {
  const good = goodAccount(n);
  return `${good.slice(0, -1)}${(Number(good.at(-1)) + 1) % 10}`;
};

export function payoutHelpers(api: TestApi) {
  const { post, get } = tradeHelpers(api);
  const db = () => api.env.database.db;

  /** An operator organisation with its registration (submitted is enough to hold a claim). */
  async function firm(name: string, n: number, account: string | null = goodAccount(n)): Promise<PayoutFirm> {
    const { key, orgId } = await api.key(name, 'operator', 'operator');
    const res = await post(key, '/v1/operators', operatorBody(n));
    expect(res.statusCode, res.body).toBe(201);
    if (account) {
      const payee = await post(key, '/v1/payout/payee-account', {
        accountNumber: account,
        accountName: name,
        bankName: '中国银行白沟支行',
      });
      expect(payee.statusCode, payee.body).toBe(201);
    }
    return { key, orgId, operatorId: res.json().id as string };
  }

  /** An approved programme version with this annual budget, a period of this year and its run. */
  async function period(label: string, budget: Partial<ProgrammeDocument>, fundYear?: number) {
    const document: ProgrammeDocument = { ...seedProgramme, ...budget };
    const content = programmeContent(document);
    const year = String(fundYear ?? chinaDate(new Date()).slice(0, 4));
    const [version] = await db()
      .insert(subsidyProgrammeVersions)
      .values({ label: `payout ${label}`, status: 'approved', effectiveFrom: `${year}-01-01`, document, ...content })
      .returning();
    const [row] = await db()
      .insert(subsidyPeriods)
      .values({ label: `payout ${label}`, periodFrom: `${year}-01-01`, periodTo: `${year}-01-31` })
      .returning();
    const [run] = await db()
      .insert(subsidyRuns)
      .values({
        periodId: row!.id,
        jobKey: `payout-test:${randomUUID()}`,
        programmeVersionId: version!.id,
        programmeHash: content.contentHash,
        factsAsOf: new Date(),
        summary: {},
      })
      .returning();
    return { periodId: row!.id, runId: run!.id, programmeVersionId: version!.id, year: Number(year) };
  }

  /** A claim of `amountCny` in public notice that ended yesterday, ready for staff to approve. */
  async function claimInNotice(p: Awaited<ReturnType<typeof period>>, firm: PayoutFirm, amountCny: string) {
    const [claim] = await db()
      .insert(subsidyClaims)
      .values({
        periodId: p.periodId,
        runId: p.runId,
        operatorOrgId: firm.orgId,
        operatorId: firm.operatorId,
        programmeVersionId: p.programmeVersionId,
        draftedCny: amountCny,
        amountCny,
        status: 'in_notice',
        state: { status: 'in_notice', from: '2000-01-03', endsOn: '2000-01-10', decisionRef: 'committee test' },
      })
      .returning();
    await db()
      .insert(subsidyClaimLines)
      .values({
        claimId: claim!.id,
        lineNo: 1,
        itemCode: seedProgramme.items[0]!.code,
        itemType: seedProgramme.items[0]!.type,
        amountCny,
        basis: { fixture: 'payout test' },
      });
    return claim!.id;
  }

  const approve = (staff: string, claimId: string, idempotencyKey?: string) =>
    api.request(staff, {
      method: 'POST',
      url: `/v1/subsidy/claims/${claimId}/events`,
      payload: { type: 'approve' },
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });

  /** The outbox rows of the send job, by payment id. */
  async function queuedSends() {
    const rows = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.jobName, 'payout.send'), like(outbox.jobKey, 'payout.send:%')));
    return rows.map((row) => (row.payload as { paymentId: string }).paymentId);
  }

  const operatorIdOf = async (orgId: string) =>
    (await db().select().from(operators).where(eq(operators.orgId, orgId)))[0]!.id;

  /** The service the callback route uses, for tests that sign callbacks themselves. */
  const service = (secret: string) =>
    createPayoutService({ db: db(), settings: { reservationTimeoutMs: 3_600_000, callbackSecrets: [secret] } });

  return { post, get, firm, period, claimInNotice, approve, queuedSends, operatorIdOf, service };
}

export type { PayoutDeps };
