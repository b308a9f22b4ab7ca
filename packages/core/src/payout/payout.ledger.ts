import type { DbOrTx } from '@baigou/db';
import { accountCodes, type Transfer, type TransferRequest } from '../ledger/ledger.models';
import { openAccount } from '../ledger/ledger.service';
import { createTransfer } from '../ledger/ledger.transfers';
import { recordEvents } from '../provenance/provenance.events';
import { payoutIds } from './payout.models';
import { fenToCny } from '../shared/money';
import { payoutEvent } from './payout.events';

/**
 * The payout workflow's use of the fund ledger. Accounts per year: the appropriation that funds the
 * budget, the budget (its debits can never exceed its credits: the database refuses overspending),
 * the paid account; per firm: what the fund owes it (payable) and what it owes back (clawback).
 *
 *   approval:   pending   fund_budget:Y → payable:firm   (the reservation; holds the budget)
 *   paid:       post_pending of it, then posted payable:firm → paid:Y (reference = instruction id)
 *   failed:     void_pending of it (the budget is free again)
 *   clawback:   posted paid:Y → clawback_receivable:firm (a correction; nothing is edited)
 */

export async function openYear(tx: DbOrTx, year: number) {
  return {
    appropriation: await openAccount(tx, { code: accountCodes.appropriation(year), kind: 'appropriation' }),
    budget: await openAccount(tx, {
      code: accountCodes.fundBudget(year),
      kind: 'fund_budget',
      debitsMustNotExceedCredits: true,
    }),
    paid: await openAccount(tx, { code: accountCodes.paid(year), kind: 'paid' }),
  };
}

export const openPayable = (tx: DbOrTx, operatorOrgId: string) =>
  openAccount(tx, { code: accountCodes.payable(operatorOrgId), kind: 'payable' });

export const openClawbackReceivable = (tx: DbOrTx, operatorOrgId: string) =>
  openAccount(tx, { code: accountCodes.clawbackReceivable(operatorOrgId), kind: 'clawback_receivable' });

/**
 * Brings the year's budget up to the programme version's annual budget, once per (year, version): the
 * transfer id is derived from both, so concurrent approvals write it once. A later version with a
 * larger budget tops it up by the difference; a smaller one never takes money back (that would be a
 * staff decision, not a side effect of an approval). 年度预算按方案版本注资, 只增不减.
 */
export async function fundYear(tx: DbOrTx, year: number, programmeVersionId: string, annualBudgetFen: bigint) {
  const accounts = await openYear(tx, year);
  const id = payoutIds.funding(year, programmeVersionId);
  const topUp = annualBudgetFen - accounts.budget.creditsPosted;
  if (topUp > 0n)
    await writeTransfer(tx, null, {
      id,
      kind: 'posted',
      debitAccountId: accounts.appropriation.id,
      creditAccountId: accounts.budget.id,
      amount: topUp,
      reference: `programme:${programmeVersionId}`,
    });
  return accounts;
}

/**
 * Creates a ledger transfer and, when it is new, its provenance event, in the caller's transaction.
 * A retry of the same id with the same fields changes nothing and records nothing.
 */
export async function writeTransfer(
  tx: DbOrTx,
  actorOrgId: string | null,
  request: TransferRequest,
  related: readonly string[] = [],
): Promise<Transfer> {
  const { transfer, created } = await createTransfer(tx, request);
  if (created)
    await recordEvents(tx, [
      payoutEvent({
        kind: 'ledger_transfer',
        id: transfer.id,
        action: `ledger_transfer.${transfer.kind}`,
        related,
        actorOrgId,
        at: transfer.createdAt,
        detail: {
          kind: transfer.kind,
          debitAccountId: transfer.debitAccountId,
          creditAccountId: transfer.creditAccountId,
          amountCny: fenToCny(transfer.amount),
          pendingId: transfer.pendingId,
          reference: transfer.reference,
        },
      }),
    ]);
  return transfer;
}
