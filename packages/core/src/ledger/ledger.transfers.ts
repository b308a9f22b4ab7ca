import type { DbOrTx } from '@baigou/db';
import { commonErrors } from '../shared/errors';
import { ledgerErrors } from './ledger.errors';
import {
  available,
  isResolution,
  sameTransfer,
  validateTransfer,
  type Transfer,
  type TransferRequest,
} from './ledger.models';
import * as repository from './ledger.repository';

export interface TransferOutcome {
  transfer: Transfer;
  /** False when the id already existed with the same fields: a retry, nothing moved. */
  created: boolean;
}

/** A retry of an existing id: the stored transfer when the fields agree, else a 422 and nothing changes. */
function replay(stored: Transfer, request: TransferRequest): TransferOutcome {
  if (sameTransfer(stored, request)) return { transfer: stored, created: false };
  throw ledgerErrors.idempotencyConflict({
    detail: `Transfer ${request.id} already exists as a ${stored.kind} transfer of ${stored.amount} fen with other fields / 幂等键冲突`,
    extra: { transferId: request.id, storedKind: stored.kind, storedAmount: stored.amount.toString() },
  });
}

/** The accounts and amount the transfer moves: named by the request, or those of its pending transfer. */
async function target(tx: DbOrTx, request: TransferRequest) {
  if (!isResolution(request))
    return { debitAccountId: request.debitAccountId, creditAccountId: request.creditAccountId, amount: request.amount };
  const state = await repository.findPendingState(tx, request.pendingId);
  if (!state) throw ledgerErrors.pendingNotFound({ extra: { pendingId: request.pendingId } });
  if (state.transfer.kind !== 'pending')
    throw ledgerErrors.notPending({ extra: { pendingId: request.pendingId, kind: state.transfer.kind } });
  return state.transfer;
}

/** Under the account locks: a pending transfer is resolved once, and posted only before it expires. */
async function checkPendingOpen(tx: DbOrTx, request: TransferRequest) {
  if (!isResolution(request)) return;
  const state = await repository.findPendingState(tx, request.pendingId);
  if (state?.resolvedBy)
    throw ledgerErrors.pendingAlreadyResolved({
      extra: { pendingId: request.pendingId, resolvedBy: state.resolvedBy },
    });
  if (request.kind === 'post_pending' && state?.expired)
    throw ledgerErrors.pendingExpired({
      extra: { pendingId: request.pendingId, expiresAt: state.transfer.expiresAt?.toISOString() },
    });
}

/** The refusal of a limit, with the account's figures as they stand under the lock. */
async function refuse(tx: DbOrTx, accountId: string, side: 'debit' | 'credit', amount: bigint): Promise<never> {
  const account = await repository.findAccount(tx, accountId);
  const figures = {
    accountId,
    accountCode: account?.code,
    amount: amount.toString(),
    debitsPosted: account?.debitsPosted.toString(),
    creditsPosted: account?.creditsPosted.toString(),
    debitsPending: account?.debitsPending.toString(),
    creditsPending: account?.creditsPending.toString(),
    available: account ? available(account).toString() : undefined,
  };
  const factory = side === 'debit' ? ledgerErrors.exceedsCredits : ledgerErrors.exceedsDebits;
  throw factory({
    detail: `${amount} fen would exceed the limit of ${account?.code}: ${figures.available} fen available / 超出预算`,
    extra: figures,
  });
}

/**
 * Creates a transfer and moves both accounts' balances in the caller's transaction (run it inside
 * one): accounts locked lowest id first, the transfer inserted, then each side moved by a conditional
 * UPDATE. A refusal throws, so the caller's rollback takes the insert with it.
 */
export async function createTransfer(tx: DbOrTx, request: TransferRequest): Promise<TransferOutcome> {
  const issues = validateTransfer(request);
  if (issues.length > 0) throw commonErrors.validation({ fields: issues });
  const existing = await repository.findTransfer(tx, request.id);
  if (existing) return replay(existing, request);
  const { debitAccountId, creditAccountId, amount } = await target(tx, request);
  const locked = await repository.lockAccounts(tx, [debitAccountId, creditAccountId]);
  if (locked.length !== 2) {
    const missing = [debitAccountId, creditAccountId].filter((id) => !locked.some((row) => row.id === id));
    throw ledgerErrors.accountNotFound({ extra: { accountIds: missing } });
  }
  await checkPendingOpen(tx, request);
  const inserted = await repository.insertTransfer(tx, {
    id: request.id,
    kind: request.kind,
    debitAccountId,
    creditAccountId,
    amount,
    pendingId: isResolution(request) ? request.pendingId : null,
    timeoutMs: isResolution(request) ? null : (request.timeoutMs ?? null),
    reference: request.reference ?? null,
  });
  if (!inserted) {
    // The id or the pending id was taken by a transaction that committed while we waited.
    const raced = await repository.findTransfer(tx, request.id);
    if (raced) return replay(raced, request);
    throw ledgerErrors.pendingAlreadyResolved({
      extra: { pendingId: isResolution(request) ? request.pendingId : null },
    });
  }
  if (!(await repository.moveSide(tx, debitAccountId, 'debit', request.kind, amount)))
    await refuse(tx, debitAccountId, 'debit', amount);
  if (!(await repository.moveSide(tx, creditAccountId, 'credit', request.kind, amount)))
    await refuse(tx, creditAccountId, 'credit', amount);
  return { transfer: inserted, created: true };
}
