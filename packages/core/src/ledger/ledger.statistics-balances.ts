import type { DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import type { FundLedgerFigures, StatisticsFundLedger } from '../statistics/statistics.ports';
import { accountCodes } from './ledger.models';

/**
 * The fund ledger's answer to the statistics context's port (statistics/statistics.ports.ts): a budget
 * year's figures from the year's accounts (ledger.models.ts accountCodes), read from the materialised
 * balances, in fen and written as CNY.
 * - budget left: what the fund budget account can still give (credits posted − debits posted − debits
 *   pending), the figure its database limit guards;
 * - reserved: what the reserved account holds for approved claims (credits posted and pending − debits
 *   posted): reservations not voided, not yet moved on;
 * - paid: the paid account's posted credits less its posted debits (net of corrections);
 * - clawed back: posted transfers between any firm's clawback receivable account and the year's paid
 *   account, either way (the payout workflow's correcting entries).
 * A year whose accounts are not opened yet answers zeros and `opened: false`.
 */

const cny = (fen: bigint) => {
  const digits = (fen < 0n ? -fen : fen).toString().padStart(3, '0');
  return `${fen < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

interface YearRow extends Record<string, unknown> {
  code: string;
  debits_posted: string;
  credits_posted: string;
  debits_pending: string;
  credits_pending: string;
}

async function yearFigures(db: DbOrTx, year: number): Promise<FundLedgerFigures> {
  const codes = [accountCodes.fundBudget(year), accountCodes.reserved(year), accountCodes.paid(year)];
  const { rows } = await db.execute<YearRow>(sql`
    select code, debits_posted::text, credits_posted::text, debits_pending::text, credits_pending::text
    from ledger_accounts where code = any(${sql.param(codes)}::text[])`);
  const account = new Map(rows.map((row) => [row.code, row]));
  const budget = account.get(codes[0]!);
  const reserved = account.get(codes[1]!);
  const paid = account.get(codes[2]!);
  const { rows: clawed } = await db.execute<{ fen: string }>(sql`
    select coalesce(sum(t.amount), 0)::text as fen from ledger_transfers t
    join ledger_accounts p on p.id in (t.debit_account_id, t.credit_account_id) and p.code = ${codes[2]!}
    join ledger_accounts r on r.id in (t.debit_account_id, t.credit_account_id) and r.kind = 'clawback_receivable'
    where t.kind = 'posted' or t.kind = 'post_pending'`);
  const n = (value: string | undefined) => BigInt(value ?? '0');
  return {
    year,
    opened: budget !== undefined,
    budgetLeftCny: cny(n(budget?.credits_posted) - n(budget?.debits_posted) - n(budget?.debits_pending)),
    reservedCny: cny(n(reserved?.credits_posted) + n(reserved?.credits_pending) - n(reserved?.debits_posted)),
    paidCny: cny(n(paid?.credits_posted) - n(paid?.debits_posted)),
    clawedBackCny: cny(n(clawed[0]?.fen)),
  };
}

export const ledgerAsStatisticsFund: StatisticsFundLedger = { yearFigures };
