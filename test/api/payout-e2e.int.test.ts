import { createBankClient, signatureHeadersFor, type BankClient } from '@baigou/bank-protocol';
import { spawnBankSim, type BankSimProcess } from '@baigou/bank-sim/testing';
import {
  chinaDate,
  createProvenanceLog,
  ensureCreditSeed,
  loadProvenanceSigner,
  payoutIds,
  sendPayment,
  sweepPayouts,
  type PayoutStep,
  verifyPayouts,
} from '@baigou/core';
import { outbox, payoutCallbacks, payoutPayments, type Db } from '@baigou/db';
import { createJobHandlers } from '@baigou/worker';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { expectProblem } from '../support/http-assertions';
import { badAccount, goodAccount, payoutHelpers, type PayoutFirm } from '../support/payout';
import { waitFor } from '../support/processes';
import { silent } from '../support/subsidy';

const SECRET = 'bank-sim-development-secret';
const settings = { payerAccountNumber: '6222020200000000006', queryAfterMs: 60_000, stuckAfterMs: 86_400_000 };

/**
 * The payout workflow end to end (issue 14 items 2–5): approvals through REST, the worker's own job
 * handlers, a spawned bank simulator that pays asynchronously and sends signed callbacks (duplicated and
 * reordered) to the API listening on a real port; a bad account fails and staff retry it.
 */
describe('payout: a period paid through the bank simulator', () => {
  const api = useTestApi();
  const helpers = payoutHelpers(api);
  const db = (): Db => api.env.database.db;
  let sim: BankSimProcess;
  let bank: BankClient;
  let staff: string;
  const firms: PayoutFirm[] = [];
  let period: Awaited<ReturnType<typeof helpers.period>>;
  const claims: string[] = [];
  let handlers: ReturnType<typeof createJobHandlers>;

  /** Runs every queued job of these names with the worker's handlers (the outbox relay's part). */
  const drained = new Set<string>();
  async function drain(names: readonly string[], done = drained) {
    const rows = await db()
      .select()
      .from(outbox)
      .where(inArray(outbox.jobName, [...names]));
    for (const row of rows.filter((entry) => !done.has(entry.jobKey))) {
      done.add(row.jobKey);
      const handler = handlers[row.jobName as 'payout.send'] as (context: unknown) => Promise<string>;
      await handler({ jobKey: row.jobKey, payload: row.payload, logger: silent }).catch(() => 'retry-later');
    }
  }

  const statuses = async (ids: readonly string[]) =>
    (
      await db()
        .select()
        .from(payoutPayments)
        .where(inArray(payoutPayments.claimId, [...ids]))
    ).map((row) => row.status);

  beforeAll(async () => {
    staff = (await api.key('Payout E2E Center', 'center', 'staff')).key;
    for (let i = 0; i < 6; i += 1)
      firms.push(await helpers.firm(`E2E Firm ${i}`, 6_000 + i, i === 5 ? badAccount(6_005) : goodAccount(6_000 + i)));
    const url = await api.app.listen({ host: '127.0.0.1', port: 0 });
    sim = await spawnBankSim({
      BANK_SIM_CALLBACK_URL: `${url}/v1/payout/bank-callbacks`,
      BANK_SIM_CALLBACK_SECRET: SECRET,
      BANK_SIM_PAY_DELAY_MS: '50',
      BANK_SIM_PAY_JITTER_MS: '100',
      BANK_SIM_FAULT_DUPLICATE_CALLBACK: '1',
      BANK_SIM_DUPLICATE_DELAY_MS: '50',
      BANK_SIM_FAULT_REORDER_CALLBACKS: '0.5',
      BANK_SIM_REORDER_WINDOW_MS: '300',
      BANK_SIM_BAD_ACCOUNT_MODE: 'sync',
    });
    bank = createBankClient({ baseUrl: sim.url, timeoutMs: 5_000 });
    const { signer } = loadProvenanceSigner(undefined, 'test');
    handlers = createJobHandlers({
      db: db(),
      provenance: createProvenanceLog({ db: db(), signer }),
      payout: { bank, settings },
    });
    period = await helpers.period('e2e', { annualBudgetCny: '1000000.00' }, 2032);
    for (const [i, firm] of firms.entries()) claims.push(await helpers.claimInNotice(period, firm, `${1000 + i}.25`));
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('pays the approved claims once each, whatever the duplicated and reordered callbacks; a bad account fails', async () => {
    for (const claimId of claims) expect((await helpers.approve(staff, claimId)).statusCode).toBe(200);
    await drain(['payout.send']);
    await waitFor(
      async () => (await statuses(claims)).every((status) => status === 'paid' || status === 'failed'),
      60_000,
      'payments settled',
    );
    const rows = await db().select().from(payoutPayments).where(inArray(payoutPayments.claimId, claims));
    expect(rows.filter((row) => row.status === 'paid')).toHaveLength(5);
    const failed = rows.find((row) => row.status === 'failed')!;
    expect(failed.operatorOrgId).toBe(firms[5]!.orgId);
    // Every duplicate arrives within its delay; wait until each paid instruction has its callback recorded.
    await waitFor(
      async () =>
        (await db().select().from(payoutCallbacks).where(like(payoutCallbacks.instructionId, 'BGP-%'))).length >= 5,
      30_000,
      'callbacks recorded',
    );
    // The simulator delivered every paid payment's callback a second time, and the API acknowledged it.
    const duplicates = () => sim.output().match(/"duplicate":true,"msg":"callback delivered"/g)?.length ?? 0;
    await waitFor(async () => duplicates() >= 5, 30_000, 'duplicate callbacks acknowledged');
    const verification = await verifyPayouts(db());
    expect(verification.violations).toEqual([]);
    expect(verification.ledger.ok).toBe(true);
    const detail = (await helpers.get(staff, `/v1/payout/payments/${failed.id}`)).json();
    expect(detail.history.map((event: { type: string }) => event.type)).toEqual(['reserved', 'sendRejected']);
    expect(detail.instruction).toMatchObject({ lastOutcome: 'rejected', sendAttempts: 1 });
    expect(detail.transfers.map((transfer: { kind: string }) => transfer.kind)).toEqual(['pending', 'void_pending']);
  }, 120_000);

  it('acknowledges a repeated callback without change; the same instruction and sequence with other content is a 422', async () => {
    const [stored] = await db().select().from(payoutCallbacks).limit(1);
    const send = (body: object) => {
      const raw = JSON.stringify(body);
      return api.request(null, {
        method: 'POST',
        url: '/v1/payout/bank-callbacks',
        payload: raw,
        headers: { 'content-type': 'application/json', ...signatureHeadersFor(SECRET, raw) },
      });
    };
    const repeat = await send(stored!.body);
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(repeat.json()).toMatchObject({ outcome: 'duplicate' });
    const before = await db()
      .select()
      .from(payoutPayments)
      .where(eq(payoutPayments.instructionId, stored!.instructionId));
    const other = await send({ ...stored!.body, status: 'failed', reason: 'payee_bank_rejected', paidAt: null });
    expectProblem(other, 422, 'payout.callback_conflict');
    const after = await db()
      .select()
      .from(payoutPayments)
      .where(eq(payoutPayments.instructionId, stored!.instructionId));
    expect(after).toEqual(before);
    // Unsigned, or signed with another secret: 401, nothing read.
    const raw = JSON.stringify(stored!.body);
    const forged = await api.request(null, {
      method: 'POST',
      url: '/v1/payout/bank-callbacks',
      payload: raw,
      headers: { 'content-type': 'application/json', ...signatureHeadersFor('another-secret-of-16+', raw) },
    });
    expectProblem(forged, 401, 'payout.callback_unauthenticated');
  });

  it('staff retry the failed payment after the firm corrects its account: a new reservation and instruction, paid', async () => {
    const failedClaim = claims[5]!;
    const [failed] = await db().select().from(payoutPayments).where(eq(payoutPayments.claimId, failedClaim));
    const fixed = await helpers.post(firms[5]!.key, '/v1/payout/payee-account', {
      accountNumber: goodAccount(6_005),
      accountName: 'E2E Firm 5',
      bankName: '中国银行白沟支行',
    });
    expect(fixed.statusCode).toBe(201);
    const key = `retry-${failed!.id}`;
    const retried = await api.request(staff, {
      method: 'POST',
      url: `/v1/payout/payments/${failed!.id}/decision`,
      payload: { decision: 'retry', reason: '账户已更正 / account corrected' },
      idempotencyKey: key,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ attempt: 2, status: 'created', id: payoutIds.payment(failedClaim, 2) });
    const reused = await api.request(staff, {
      method: 'POST',
      url: `/v1/payout/payments/${failed!.id}/decision`,
      payload: { decision: 'cancel', reason: 'same key, other body' },
      idempotencyKey: key,
    });
    expectProblem(reused, 422, 'idempotency.key_reused');
    await drain(['payout.send']);
    await waitFor(async () => (await statuses([failedClaim])).includes('paid'), 30_000, 'the retry paid');
    expect((await statuses([failedClaim])).sort()).toEqual(['paid', 'retried']);
    expect((await verifyPayouts(db())).violations).toEqual([]);
  }, 60_000);

  it('claws back a paid claim: a correcting transfer, a subsidy_fraud fact and the firm re-scored; the same key with another body is a 422', async () => {
    // The credit scorecard staff approve (the seeded proposal): it vetoes on subsidy fraud.
    await ensureCreditSeed(db());
    const [proposal] = (await helpers.get(staff, '/v1/credit/scorecards')).json().items;
    expect(
      (await helpers.post(staff, `/v1/credit/scorecards/${proposal.id}/approve`, { reason: 'pilot' })).statusCode,
    ).toBe(200);
    const registered = await helpers.post(staff, `/v1/operators/${firms[0]!.operatorId}/approve`, {});
    expect(registered.statusCode, registered.body).toBe(200);
    const [payment] = await db().select().from(payoutPayments).where(eq(payoutPayments.claimId, claims[0]!));
    const url = `/v1/payout/payments/${payment!.id}/clawback`;
    const reason = '审计发现虚报出口 / audit found inflated exports';
    const clawed = await api.request(staff, {
      method: 'POST',
      url,
      payload: { reason },
      idempotencyKey: `claw-${payment!.id}`,
    });
    expect(clawed.statusCode, clawed.body).toBe(200);
    expect(clawed.json()).toMatchObject({ status: 'paid', clawback: { reason } });
    const kinds = clawed
      .json()
      .transfers.map((transfer: { kind: string; reference: string | null }) => [transfer.kind, transfer.reference]);
    expect(kinds).toContainEqual(['posted', `clawback:${payment!.instructionId}`]);
    const reused = await api.request(staff, {
      method: 'POST',
      url,
      payload: { reason: 'other' },
      idempotencyKey: `claw-${payment!.id}`,
    });
    expectProblem(reused, 422, 'idempotency.key_reused');
    expectProblem(await helpers.post(staff, url, { reason: 'another reason' }), 409, 'payout.illegal_transition');

    const facts = (await helpers.get(staff, `/v1/credit/operators/${firms[0]!.orgId}/facts`)).json();
    expect(facts.items.map((fact: { kind: string }) => fact.kind)).toEqual(['subsidy_fraud']);
    const [rescore] = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.jobName, 'credit.rescore')));
    expect(rescore!.payload).toMatchObject({ operatorOrgId: firms[0]!.orgId, trigger: 'fact' });
    const outcome = await handlers['credit.rescore']({
      jobKey: rescore!.jobKey,
      payload: rescore!.payload as never,
      logger: silent,
    });
    expect(outcome).toBe('decided');
    const grade = (await helpers.get(staff, `/v1/credit/operators/${firms[0]!.orgId}/grade`)).json();
    expect(JSON.stringify(grade)).toMatch(/subsidy_fraud/);
    const accounts = (await helpers.get(staff, '/v1/payout/ledger/accounts')).json().items as {
      code: string;
      creditsPostedCny: string;
    }[];
    const figures = (await helpers.get(staff, '/v1/payout/ledger/figures?year=2032')).json();
    expect(figures).toMatchObject({ budgetCny: '1000000.00', clawedBackCny: '1000.25', reservedCny: '0.00' });
    expect(figures.paidCny).toBe('6016.50'); // 1000.25 + 1001.25 + … + 1005.25, the retried one paid once
    expect(accounts.find((account) => account.code === `clawback_receivable:${firms[0]!.orgId}`)).toMatchObject({
      creditsPostedCny: '1000.25',
    });
    expect((await verifyPayouts(db())).violations).toEqual([]);
  });

  it('settles a payment whose callback was lost by querying the bank, and marks an unsendable one stuck', async () => {
    await bank.setFaults({ lostCallback: 1, duplicateCallback: 0, reorderCallbacks: 0 });
    const late = await helpers.firm('E2E Firm Late', 6_100);
    const claimId = await helpers.claimInNotice(period, late, '77.70');
    expect((await helpers.approve(staff, claimId)).statusCode).toBe(200);
    await drain(['payout.send']);
    expect(await statuses([claimId])).toEqual(['sent']);
    const deps = { db: db(), bank, clock: () => new Date(), settings: { ...settings, queryAfterMs: 0 } };
    await waitFor(
      async () => (await bank.getInstruction(payoutIds.instruction(payoutIds.payment(claimId, 1))))?.status === 'paid',
      30_000,
      'bank paid',
    );
    const report = await sweepPayouts(deps);
    expect(report).toMatchObject({ expired: 0, queried: 1, settled: 1 });
    expect(await statuses([claimId])).toEqual(['paid']);

    // A bank that does not answer at all: the payment stays created and, past the bound, is stuck.
    const stuckFirm = await helpers.firm('E2E Firm Stuck', 6_101);
    const stuckClaim = await helpers.claimInNotice(period, stuckFirm, '12.00');
    expect((await helpers.approve(staff, stuckClaim)).statusCode).toBe(200);
    const deadBank = createBankClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 500 });
    const later = new Date(Date.now() + 2 * 86_400_000);
    const swept = await sweepPayouts({ db: db(), bank: deadBank, clock: () => later, settings });
    expect(swept.markedStuck).toBe(1);
    const stuck = (await helpers.get(staff, '/v1/payout/payments?stuck=true')).json();
    expect(stuck.items.map((item: { claimId: string }) => item.claimId)).toEqual([stuckClaim]);
    expect(stuck.items[0].stuckReason).toMatch(/created for over 86400 s; bank: unknown after 1 attempts/);
    const history = (await helpers.get(staff, `/v1/payout/payments/${stuck.items[0].id}`)).json().history;
    expect(history.map((event: { type: string }) => event.type)).toEqual(['reserved', 'markedStuck']);
  }, 90_000);

  it('tells the firm in its inbox; shows a firm its own payments only; staff see the batch, the export and the ledger', async () => {
    await drain(['payout.notify']);
    const inbox = (await helpers.get(firms[0]!.key, '/v1/notifications')).json();
    expect(inbox.items.map((item: { kind: string; message: string }) => [item.kind, item.message])).toEqual([
      [
        'payout.outcome',
        expect.stringMatching(/^Subsidy payment of 1000\.25 CNY paid \(已拨付\), bank instruction BGP-/),
      ],
    ]);
    const own = (await helpers.get(firms[0]!.key, '/v1/payout/payments')).json();
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((item: { operatorOrgId: string }) => item.operatorOrgId === firms[0]!.orgId)).toBe(true);
    const [foreign] = await db()
      .select()
      .from(payoutPayments)
      .where(and(eq(payoutPayments.operatorOrgId, firms[1]!.orgId)));
    expectProblem(await helpers.get(firms[0]!.key, `/v1/payout/payments/${foreign!.id}`), 404, 'payout.not_found');

    const batch = (await helpers.get(staff, `/v1/payout/periods/${period.periodId}/batch`)).json();
    expect(batch.byStatus).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'paid', payments: 7 })]));
    const csv = await helpers.get(staff, `/v1/payout/periods/${period.periodId}/payments/export`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFFpayment_id')).toBe(true);
    expect(csv.body.trim().split('\r\n')).toHaveLength(1 + 9);
    const xlsx = await helpers.get(staff, `/v1/payout/periods/${period.periodId}/payments/export?format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const accounts = (await helpers.get(staff, '/v1/payout/ledger/accounts')).json().items as {
      id: string;
      code: string;
    }[];
    const paid = accounts.find((account) => account.code === 'paid:2032')!;
    const ledger = (await helpers.get(staff, `/v1/payout/ledger/accounts/${paid.id}/transfers?limit=3`)).json();
    expect(ledger.items).toHaveLength(3);
    expect(ledger.nextCursor).not.toBeNull();
    expect(ledger.items.every((item: { reference: string }) => item.reference.startsWith('BGP-'))).toBe(true);
  });

  it('reconciles the bank statement with the ledger line by line: no difference, then a reversal at the bank reported', async () => {
    const today = chinaDate(new Date());
    const reconcile = async () => {
      const requested = await helpers.post(staff, '/v1/payout/reconciliations', { from: today, to: today });
      expect(requested.statusCode, requested.body).toBe(201);
      await drain(['payout.reconcile']);
      const list = (await helpers.get(staff, '/v1/payout/reconciliations')).json();
      return list.items.find((item: { jobKey: string }) => item.jobKey === requested.json().jobKey);
    };
    const clean = await reconcile();
    expect(clean).toMatchObject({ matched: 7, differences: [] });

    const [paid] = await db().select().from(payoutPayments).where(eq(payoutPayments.claimId, claims[1]!));
    const reversed = await fetch(`${sim.url}/admin/instructions/${paid!.instructionId}/reverse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'payee account closed' }),
    });
    expect(reversed.status).toBe(200);
    const report = await reconcile();
    expect(report).toMatchObject({ matched: 7 });
    expect(report.differences).toEqual([
      expect.objectContaining({
        kind: 'reversal',
        instructionId: paid!.instructionId,
        ledgerCny: '1001.25',
        statementCny: '1001.25',
      }),
    ]);
    const csv = await helpers.get(staff, `/v1/payout/reconciliations/${report.id}/export`);
    expect(csv.body.startsWith('\uFEFFfrom')).toBe(true);
    expect(csv.body).toContain(`reversal,${paid!.instructionId},1001.25,1001.25`);
  });

  it('retries an unknown outcome with the same instruction id (paid once), and a crash at any send step loses nothing', async () => {
    await bank.setFaults({ lostCallback: 0, error5xxAfterRecord: 1 });
    const firm = await helpers.firm('E2E Firm Unknown', 6_102);
    const claimId = await helpers.claimInNotice(period, firm, '33.30');
    expect((await helpers.approve(staff, claimId)).statusCode).toBe(200);
    const paymentId = payoutIds.payment(claimId, 1);
    const deps = { db: db(), bank, clock: () => new Date(), settings };
    // The bank recorded (and will pay) it but answered 500: unknown, nothing recorded but the attempt.
    expect(await sendPayment(deps, paymentId)).toBe('unknown');
    await bank.setFaults({ error5xxAfterRecord: 0 });
    expect(await sendPayment(deps, paymentId)).toBe('sent');
    await waitFor(async () => (await statuses([claimId])).includes('paid'), 30_000, 'the unknown one paid');
    const detail = (await helpers.get(staff, `/v1/payout/payments/${paymentId}`)).json();
    expect(detail.instruction).toMatchObject({
      sendAttempts: 2,
      lastOutcome: 'accepted',
      lastDetail: 'accepted (replayed)',
    });
    expect(
      (await bank.getStatement({ from: chinaDate(new Date()), to: chinaDate(new Date()) })).lines.filter(
        (line) => line.instructionId === detail.instructionId,
      ),
    ).toHaveLength(1);

    // A crash at each step of the send: the next run (the retry, or the sweeper) finishes the work.
    for (const [i, crashAt] of (
      ['send.instruction-persisted', 'send.bank-returned', 'send.before-commit'] as const
    ).entries()) {
      const other = await helpers.firm(`E2E Firm Crash ${i}`, 6_110 + i);
      const otherClaim = await helpers.claimInNotice(period, other, `${40 + i}.00`);
      expect((await helpers.approve(staff, otherClaim)).statusCode).toBe(200);
      const crashing = {
        ...deps,
        step: async (name: PayoutStep) => {
          if (name === crashAt) throw new Error(`crash at ${name}`);
        },
      };
      await expect(sendPayment(crashing, payoutIds.payment(otherClaim, 1))).rejects.toThrow(`crash at ${crashAt}`);
      expect((await verifyPayouts(db())).violations).toEqual([]);
      expect(['sent', 'already-settled']).toContain(await sendPayment(deps, payoutIds.payment(otherClaim, 1)));
      await waitFor(
        async () => (await statuses([otherClaim])).includes('paid'),
        30_000,
        `paid after a crash at ${crashAt}`,
      );
    }
    expect((await verifyPayouts(db())).violations).toEqual([]);
  }, 120_000);

  it('staff cancel a failed payment for good: the claim is withdrawn (rejected with the reason) and the budget given back on both sides', async () => {
    const firm = await helpers.firm('E2E Firm Cancel', 6_190, badAccount(6_190));
    const claimId = await helpers.claimInNotice(period, firm, '321.09');
    const budgetOf = async () =>
      (await helpers.get(staff, '/v1/subsidy/budget?year=2032'))
        .json()
        .budgets.find((row: { itemCode: string }) => row.itemCode === '*').approvedCny as string;
    const ledgerLeft = async () =>
      (await helpers.get(staff, '/v1/payout/ledger/figures?year=2032')).json().budgetLeftCny as string;
    const before = { approved: await budgetOf(), left: await ledgerLeft() };
    expect((await helpers.approve(staff, claimId)).statusCode).toBe(200);
    const fen = (cny: string) => BigInt(cny.replace('.', ''));
    expect(fen(await budgetOf()) - fen(before.approved)).toBe(32_109n);
    await drain(['payout.send']);
    expect(await statuses([claimId])).toEqual(['failed']);
    expect(await ledgerLeft()).toBe(before.left); // the failure voided the reservation
    const [failed] = await db().select().from(payoutPayments).where(eq(payoutPayments.claimId, claimId));
    const cancel = () =>
      api.request(staff, {
        method: 'POST',
        url: `/v1/payout/payments/${failed!.id}/decision`,
        payload: { decision: 'cancel', reason: '企业已注销 / firm dissolved' },
      });
    expect((await cancel()).statusCode).toBe(200);
    expect(await statuses([claimId])).toEqual(['cancelled']);
    expect(await budgetOf()).toBe(before.approved);
    expect(await ledgerLeft()).toBe(before.left);
    const claim = (await helpers.get(staff, `/v1/subsidy/claims/${claimId}`)).json();
    expect(claim).toMatchObject({ status: 'rejected' });
    expect(JSON.stringify(claim)).toContain('firm dissolved');
    // A repeated cancellation changes nothing more.
    expect((await cancel()).statusCode).toBe(200);
    expect(await budgetOf()).toBe(before.approved);
    expect((await verifyPayouts(db())).violations).toEqual([]);
  }, 60_000);
});
