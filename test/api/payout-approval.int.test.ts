import { randomUUID } from 'node:crypto';
import {
  accountCodes,
  createPayoutReservations,
  createTransfer,
  openAccount,
  payoutIds,
  settlePayment,
  verifyPayouts,
} from '@baigou/core';
import { ledgerAccounts, ledgerTransfers, outbox, payoutPayments, subsidyClaims } from '@baigou/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { expectProblem } from '../support/http-assertions';
import { payoutHelpers, type PayoutFirm } from '../support/payout';

/**
 * Approval → reservation (issue 14 item 1): the approval for payment reserves the claim's amount in the
 * fund ledger, writes the payment and queues its send job in the approval's own transaction; a budget
 * that cannot hold it refuses with the figures and nothing is written.
 */
describe('payout: approval reserves the money in the same transaction', () => {
  const api = useTestApi();
  const helpers = payoutHelpers(api);
  const db = () => api.env.database.db;
  let staff: string;
  const firms: PayoutFirm[] = [];

  beforeAll(async () => {
    staff = (await api.key('Payout Center', 'center', 'staff')).key;
    for (let i = 0; i < 100; i += 1) firms.push(await helpers.firm(`Payout Firm ${i}`, 5_000 + i));
  });

  it('reserves, writes the payment and its send job; a replay changes nothing; the same key with another body is a 422', async () => {
    const p = await helpers.period('one', { annualBudgetCny: '1000000.00' });
    const claimId = await helpers.claimInNotice(p, firms[0]!, '1234.56');
    const key = randomUUID();
    const approved = await helpers.approve(staff, claimId, key);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved_for_payment');

    const paymentId = payoutIds.payment(claimId, 1);
    const [payment] = await db().select().from(payoutPayments).where(eq(payoutPayments.id, paymentId));
    expect(payment).toMatchObject({ status: 'created', amountFen: 123_456n, claimId, attempt: 1 });
    expect(payment!.payeeAccountNumber).toMatch(/^\d{12,30}$/);
    const [reservation] = await db()
      .select()
      .from(ledgerTransfers)
      .where(eq(ledgerTransfers.id, payment!.reservationId));
    expect(reservation).toMatchObject({ kind: 'pending', amount: 123_456n, reference: claimId });
    // The reservation outlives the stuck bound by the configured rule, counted by the database clock.
    expect(reservation!.expiresAt!.getTime() - reservation!.createdAt.getTime()).toBe(1_728_000_000);
    const [budget] = await db()
      .select()
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.code, accountCodes.fundBudget(p.year)));
    expect(budget).toMatchObject({ creditsPosted: 100_000_000n, debitsPending: 123_456n, debitsPosted: 0n });
    expect(await helpers.queuedSends()).toContain(paymentId);

    const replayed = await helpers.approve(staff, claimId, key);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    const reused = await api.request(staff, {
      method: 'POST',
      url: `/v1/subsidy/claims/${claimId}/events`,
      payload: { type: 'reject', reason: 'same key, other body' },
      idempotencyKey: key,
    });
    expectProblem(reused, 422, 'idempotency.key_reused');
    expect(await db().select().from(payoutPayments).where(eq(payoutPayments.claimId, claimId))).toHaveLength(1);
    expect((await verifyPayouts(db())).violations).toEqual([]);
  });

  it('refuses with the ledger figures when the fund budget cannot hold the claim, and writes nothing', async () => {
    const p = await helpers.period('two', { annualBudgetCny: '1000000.00' }, 2030);
    const first = await helpers.claimInNotice(p, firms[1]!, '100.00');
    expect((await helpers.approve(staff, first)).statusCode).toBe(200);
    // Money taken from the budget outside the subsidy's own count (e.g. a treasury adjustment), leaving 50.00.
    await db().transaction(async (tx) => {
      const budget = await openAccount(tx, {
        code: accountCodes.fundBudget(p.year),
        kind: 'fund_budget',
        debitsMustNotExceedCredits: true,
      });
      const other = await openAccount(tx, { code: `adjustment:${p.year}`, kind: 'paid' });
      await createTransfer(tx, {
        id: randomUUID(),
        kind: 'posted',
        debitAccountId: budget.id,
        creditAccountId: other.id,
        amount: budget.creditsPosted - budget.debitsPosted - budget.debitsPending - 5_000n,
      });
    });
    const claimId = await helpers.claimInNotice(p, firms[2]!, '60.00');
    const outboxBefore = (await db().select().from(outbox)).length;
    const refused = expectProblem(await helpers.approve(staff, claimId), 422, 'ledger.exceeds_credits');
    expect(refused).toMatchObject({ amount: '6000', available: '5000', accountCode: accountCodes.fundBudget(p.year) });
    const [claim] = await db().select().from(subsidyClaims).where(eq(subsidyClaims.id, claimId));
    expect(claim!.status).toBe('in_notice');
    expect(await db().select().from(payoutPayments).where(eq(payoutPayments.claimId, claimId))).toEqual([]);
    expect((await db().select().from(outbox)).length).toBe(outboxBefore);
    expect((await verifyPayouts(db())).ok).toBe(true);
  });

  it('100 concurrent approvals against a budget that holds exactly 10: 10 reserved, 90 refused with the figures', async () => {
    // A year of its own: the budget is funded from this programme version only.
    const p = await helpers.period('race', { annualBudgetCny: '10000.00' }, 2031);
    const claims = await Promise.all(firms.map((firm) => helpers.claimInNotice(p, firm, '1000.00')));
    const answers = await Promise.all(claims.map((claimId) => helpers.approve(staff, claimId)));
    const ok = answers.filter((answer) => answer.statusCode === 200);
    const refused = answers.filter((answer) => answer.statusCode !== 200);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(90);
    for (const answer of refused) {
      // The subsidy's budget count refuses first; the ledger's CHECK-backed limit is the backstop behind it.
      const problem = answer.json<{ code: string; budgetCny?: string; approvedCny?: string; available?: string }>();
      expect(['subsidy.over_budget', 'ledger.exceeds_credits']).toContain(problem.code);
      if (problem.code === 'subsidy.over_budget')
        expect(problem).toMatchObject({ budgetCny: '10000.00', approvedCny: '10000.00' });
      else expect(problem.available).toBe('0');
    }
    const payments = await db().select().from(payoutPayments).where(inArray(payoutPayments.claimId, claims));
    expect(payments).toHaveLength(10);
    const [budget] = await db()
      .select()
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.code, accountCodes.fundBudget(2031)));
    expect(budget).toMatchObject({ creditsPosted: 1_000_000n, debitsPending: 1_000_000n, debitsPosted: 0n });
    const approved = await db().select().from(subsidyClaims).where(inArray(subsidyClaims.id, claims));
    expect(approved.filter((claim) => claim.status === 'approved_for_payment')).toHaveLength(10);
    const verification = await verifyPayouts(db());
    expect(verification.violations).toEqual([]);
    expect(verification.ledger.ok).toBe(true);
  });

  it('records a payment the bank made after the reservation expired (posted within the budget), and a failure after the expiry voided it', async () => {
    const p = await helpers.period('late', { annualBudgetCny: '1000.00' }, 2033);
    const reservations = createPayoutReservations({ settings: { reservationTimeoutMs: 1 }, clock: () => new Date() });
    const claimIds = [
      await helpers.claimInNotice(p, firms[3]!, '100.00'),
      await helpers.claimInNotice(p, firms[4]!, '200.00'),
    ];
    for (const claimId of claimIds)
      await db().transaction((tx) =>
        reservations.reserveForPayment(tx, {
          claimId,
          operatorOrgId: claimId === claimIds[0] ? firms[3]!.orgId : firms[4]!.orgId,
          periodId: p.periodId,
          year: 2033,
          amountCny: claimId === claimIds[0] ? '100.00' : '200.00',
          programmeVersionId: p.programmeVersionId,
          annualBudgetCny: '1000.00',
          approvedByOrgId: firms[0]!.orgId,
        }),
      );
    // Both reservations are past their timeout by the database clock; the expiry voids them.
    await db().execute(sql`select pg_sleep(0.01)`);
    await db().execute(sql`select ledger_expire_pending(100)`);
    const deps = { db: db(), clock: () => new Date() };
    const [paid, failed] = claimIds.map((claimId) => payoutIds.instruction(payoutIds.payment(claimId, 1)));
    const settlement = { bankReference: 'BR-late', paidAt: null, reason: null };
    expect(
      await settlePayment(
        deps,
        { ...settlement, instructionId: paid!, status: 'paid', amountFen: '10000' },
        'callback',
      ),
    ).toBe('paid');
    expect(
      await settlePayment(
        deps,
        { ...settlement, instructionId: failed!, status: 'failed', amountFen: '20000', reason: 'invalid_account' },
        'callback',
      ),
    ).toBe('failed');
    const [late] = await db()
      .select()
      .from(ledgerTransfers)
      .where(eq(ledgerTransfers.id, payoutIds.latePost(payoutIds.payment(claimIds[0]!, 1))));
    expect(late).toMatchObject({ kind: 'posted', amount: 10_000n });
    const [budget] = await db()
      .select()
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.code, accountCodes.fundBudget(2033)));
    expect(budget).toMatchObject({ creditsPosted: 100_000n, debitsPosted: 10_000n, debitsPending: 0n });
    expect((await verifyPayouts(db())).violations).toEqual([]);
  });
});
