import type { DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import { fenToCny } from '../shared/money';
import type { FundLedgerFigures, StatisticsFundLedger } from '../statistics/statistics.ports';
import { accountCodes } from './ledger.models';

/**
 * A budget year's fund figures, read from the materialised balances of the year's accounts, in the
 * flow the payout workflow writes (payout/payout.ledger.ts):
 *
 *   approval  pending  fund_budget:Y → payable:firm   reserved   = debits pending on fund_budget:Y
 *   paid      posted   payable:firm → paid:Y          paid       = credits posted on paid:Y
 *   clawback  posted   paid:Y → clawback_receivable   clawed back = debits posted on paid:Y
 *   budget    appropriated credits on fund_budget:Y; left = credits − debits posted − debits pending,
 *             the figure its database limit guards.
 *
 * The one reading of these figures: the payout ledger route and the monthly statistics (through the
 * statistics port) both answer with it. A year whose accounts are not opened answers zeros.
 */
export async function fundYearFigures(db: DbOrTx, year: number): Promise<FundLedgerFigures> {
  const [budgetCode, paidCode] = [accountCodes.fundBudget(year), accountCodes.paid(year)];
  const { rows } = await db.execute<{ code: string; dp: string; cp: string; dq: string }>(sql`
    select code, debits_posted::text as dp, credits_posted::text as cp, debits_pending::text as dq
    from ledger_accounts where code in (${budgetCode}, ${paidCode})`);
  const budget = rows.find((row) => row.code === budgetCode);
  const paid = rows.find((row) => row.code === paidCode);
  const fen = (value: string | undefined) => BigInt(value ?? '0');
  return {
    year,
    opened: budget !== undefined,
    budgetCny: fenToCny(fen(budget?.cp)),
    reservedCny: fenToCny(fen(budget?.dq)),
    paidCny: fenToCny(fen(paid?.cp)),
    clawedBackCny: fenToCny(fen(paid?.dp)),
    budgetLeftCny: fenToCny(fen(budget?.cp) - fen(budget?.dp) - fen(budget?.dq)),
  };
}

export const ledgerAsStatisticsFund: StatisticsFundLedger = { yearFigures: fundYearFigures };
