import type { Db, DbOrTx } from '@baigou/db';
import { ledgerErrors } from './ledger.errors';
import { accountCodes, type AccountKind, type TransferRequest } from './ledger.models';
import * as repository from './ledger.repository';
import { createTransfer } from './ledger.transfers';
import { verifyLedger } from './ledger.verify';

export interface AccountSpec {
  code: string;
  kind: AccountKind;
  debitsMustNotExceedCredits?: boolean;
  creditsMustNotExceedDebits?: boolean;
}

/** Opens an account, idempotently by code: the same code with other settings is a conflict. */
export async function openAccount(tx: DbOrTx, spec: AccountSpec) {
  const values = {
    code: spec.code,
    kind: spec.kind,
    debitsMustNotExceedCredits: spec.debitsMustNotExceedCredits ?? false,
    creditsMustNotExceedDebits: spec.creditsMustNotExceedDebits ?? false,
  };
  const row = (await repository.insertAccount(tx, values)) ?? (await repository.findAccountByCode(tx, spec.code));
  if (!row) throw ledgerErrors.accountNotFound({ extra: { accountCode: spec.code } });
  if (
    row.kind !== values.kind ||
    row.debitsMustNotExceedCredits !== values.debitsMustNotExceedCredits ||
    row.creditsMustNotExceedDebits !== values.creditsMustNotExceedDebits
  )
    throw ledgerErrors.accountExists({ extra: { accountCode: spec.code, kind: row.kind } });
  return row;
}

/**
 * The fund ledger. Not wired to routes or jobs yet (issue 14 builds the payout workflow on it);
 * callers that must compose with their own writes use `createTransfer(tx, …)` inside their transaction.
 */
export function createLedgerService(deps: { db: Db }) {
  const { db } = deps;
  return {
    openAccount: (spec: AccountSpec) => db.transaction((tx) => openAccount(tx, spec)),
    /**
     * A year's fund accounts: the appropriation that funds the budget, the budget itself (its debits
     * can never exceed its credits, so it never goes negative), the reservations and the paid account.
     */
    openFundYear: (year: number) =>
      db.transaction(async (tx) => ({
        appropriation: await openAccount(tx, { code: accountCodes.appropriation(year), kind: 'appropriation' }),
        budget: await openAccount(tx, {
          code: accountCodes.fundBudget(year),
          kind: 'fund_budget',
          debitsMustNotExceedCredits: true,
        }),
        reserved: await openAccount(tx, { code: accountCodes.reserved(year), kind: 'reserved' }),
        paid: await openAccount(tx, { code: accountCodes.paid(year), kind: 'paid' }),
      })),
    account: (id: string) => repository.findAccount(db, id),
    accountByCode: (code: string) => repository.findAccountByCode(db, code),
    transfer: (request: TransferRequest) => db.transaction((tx) => createTransfer(tx, request)),
    /** Voids the pending transfers expired by the database clock; a scheduled job calls this. */
    expirePending: (batch = 1000) => db.transaction((tx) => repository.expirePending(tx, batch)),
    verify: () => verifyLedger(db),
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
