import { verifyLedger } from '@baigou/core';
import { ledgerAccounts, type Db } from '@baigou/db';
import { inArray, sql } from 'drizzle-orm';
import type { BankTruth } from './bank-truth';

/**
 * The properties the fault suite checks after every step, each returning violations as sentences
 * (empty when it holds), so one failing run reports all that broke, not only the first.
 */

export interface RunScope {
  year: number;
  /** What the run's approvals funded the budget with, in fen (0 while nothing was approved). */
  fundedFen: bigint;
}

type PaymentRow = {
  id: string;
  claim_id: string;
  attempt: number;
  status: string;
  amount_fen: string;
  instruction_id: string;
  reservation_id: string;
  resolution: string | null;
};

/** The run's payments with how their reservation was resolved in the ledger (post, void or open). */
export async function runPayments(db: Db, claimIds: readonly string[]): Promise<PaymentRow[]> {
  if (claimIds.length === 0) return [];
  const ids = sql.join(
    claimIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const { rows } = await db.execute<PaymentRow>(sql`
    select p.id, p.claim_id, p.attempt, p.status, p.amount_fen::text, p.instruction_id, p.reservation_id,
      (select r.kind from ledger_transfers r where r.pending_id = p.reservation_id) as resolution
    from payout_payments p where p.claim_id in (${ids}) order by p.claim_id, p.attempt`);
  return rows;
}

/** Σ posted + Σ pending ≤ budget, on the budget row and against what the run funded. */
export async function checkBudget(db: Db, scope: RunScope): Promise<string[]> {
  const { rows } = await db.execute<{ dp: string; dq: string; cp: string }>(sql`
    select debits_posted::text as dp, debits_pending::text as dq, credits_posted::text as cp
    from ledger_accounts where code = ${`fund_budget:${scope.year}`}`);
  const budget = rows[0];
  if (!budget) return scope.fundedFen === 0n ? [] : [`budget ${scope.year}: the account is missing`];
  const used = BigInt(budget.dp) + BigInt(budget.dq);
  const violations: string[] = [];
  if (used > BigInt(budget.cp))
    violations.push(`budget ${scope.year}: posted + pending ${used} > credits ${budget.cp}`);
  if (BigInt(budget.cp) !== scope.fundedFen)
    violations.push(`budget ${scope.year}: credits ${budget.cp} ≠ funded ${scope.fundedFen}`);
  return violations;
}

/** The run's accounts: its year's appropriation, budget and paid account, and its firms' payables. */
export async function runAccountIds(db: Db, year: number, firmOrgIds: readonly string[]): Promise<string[]> {
  const codes = [
    `appropriation:${year}`,
    `fund_budget:${year}`,
    `paid:${year}`,
    ...firmOrgIds.map((orgId) => `payable:${orgId}`),
  ];
  const rows = await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.code, codes));
  return rows.map((row) => row.id);
}

/**
 * The ledger: every balance equals its recomputed sum, every post or void matches its pending transfer,
 * and (unscoped) Σ debits = Σ credits. Scoped to a run's accounts after each step, in full after each run.
 */
export async function checkLedger(db: Db, accountIds?: readonly string[]): Promise<string[]> {
  const report = await verifyLedger(db, accountIds ? { accountIds } : undefined);
  if (report.ok) return [];
  return [
    ...report.differences.map(
      (d) => `ledger: ${d.code} ${d.column} materialised ${d.materialised} ≠ recomputed ${d.recomputed}`,
    ),
    ...report.mismatchedResolutions.map((id) => `ledger: resolution ${id} differs from its pending transfer`),
    ...(report.totals.debitsPosted !== report.totals.creditsPosted ||
    report.totals.debitsPending !== report.totals.creditsPending
      ? [`ledger: unbalanced totals ${JSON.stringify(report.totals)}`]
      : []),
  ];
}

/**
 * At most one successful payment per claim, by the platform's rows and by the bank's own ledger
 * (no claim's instructions paid twice; the bank paid nothing the platform does not know of), and the
 * ledger agreeing with each payment's status (paid ⇒ reservation posted, failed/retried/cancelled ⇒ voided).
 */
export function checkPayments(payments: readonly PaymentRow[], bank: BankTruth): string[] {
  const violations: string[] = [];
  const byClaim = new Map<string, PaymentRow[]>();
  for (const payment of payments) byClaim.set(payment.claim_id, [...(byClaim.get(payment.claim_id) ?? []), payment]);
  for (const [claimId, rows] of byClaim) {
    const paid = rows.filter((row) => row.status === 'paid');
    if (paid.length > 1) violations.push(`claim ${claimId}: ${paid.length} payments marked paid`);
    const bankPaid = rows.filter((row) => bank.payment(row.instruction_id)?.status === 'paid');
    if (bankPaid.length > 1)
      violations.push(
        `claim ${claimId}: the bank paid ${bankPaid.length} instructions (${bankPaid.map((r) => r.instruction_id).join(', ')})`,
      );
    for (const row of rows) violations.push(...checkResolution(row));
  }
  // By the bank's own books, whatever instruction ids the platform knows: the instruction's reference is the claim.
  for (const twice of bank.paidTwice(byClaim.keys()))
    violations.push(
      `claim ${twice.reference}: the bank paid it ${twice.instructionIds.length} times (${twice.instructionIds.join(', ')})`,
    );
  return violations;
}

function checkResolution(row: PaymentRow): string[] {
  const expected: Record<string, string | null> = {
    created: null,
    sent: null,
    paid: 'post_pending',
    failed: 'void_pending',
    retried: 'void_pending',
    cancelled: 'void_pending',
  };
  const want = expected[row.status];
  // An open reservation may have been voided by expiry; a paid payment must have been posted.
  if (want === undefined) return [`payment ${row.id}: unknown status ${row.status}`];
  if (want === null) return row.resolution === 'post_pending' ? [`payment ${row.id} is ${row.status} but posted`] : [];
  return row.resolution === want
    ? []
    : [`payment ${row.id} is ${row.status} but its reservation is ${row.resolution ?? 'open'}`];
}

/**
 * After the quiesce phase: every claim that reached the payout has a payment in a state the workflow
 * leaves only through staff (paid, failed, cancelled), and the platform's word equals the bank's:
 * paid exactly when the bank paid it, for the same amount.
 */
export function checkSettled(payments: readonly PaymentRow[], bank: BankTruth): string[] {
  const violations: string[] = [];
  const latest = new Map<string, PaymentRow>();
  for (const payment of payments) latest.set(payment.claim_id, payment);
  for (const [claimId, payment] of latest)
    if (!['paid', 'failed', 'cancelled'].includes(payment.status))
      violations.push(`claim ${claimId}: payment ${payment.id} still ${payment.status} after quiesce`);
  for (const payment of payments) {
    const atBank = bank.payment(payment.instruction_id);
    const bankPaid = atBank?.status === 'paid';
    if (atBank?.status === 'accepted')
      violations.push(`payment ${payment.id} (${payment.instruction_id}): the bank has not settled it after quiesce`);
    if ((payment.status === 'paid') !== bankPaid)
      violations.push(
        `payment ${payment.id} (${payment.instruction_id}): platform says ${payment.status}, bank says ${atBank?.status ?? 'unknown instruction'}`,
      );
    if (bankPaid && atBank.amountFen !== BigInt(payment.amount_fen))
      violations.push(`payment ${payment.id}: bank paid ${atBank.amountFen} fen, platform ${payment.amount_fen}`);
  }
  return violations;
}
