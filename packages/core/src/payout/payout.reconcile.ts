import type { BankClient, StatementLine } from '@baigou/bank-protocol';
import { payoutReconciliations, type Db } from '@baigou/db';
import { eq, sql } from 'drizzle-orm';
import { recordEvents } from '../provenance/provenance.events';
import { payoutEvent } from './payout.events';
import { fenToCny } from '../shared/money';

/**
 * Reconciliation (对账): the bank statement of a range of value dates against the ledger's disbursements
 * (posted payable → paid transfers, whose reference is the instruction id), line by line. Every
 * difference is reported, none is corrected here: corrections are staff decisions and new entries.
 */

export interface LedgerDisbursement {
  transferId: string;
  instructionId: string;
  amountFen: bigint;
  /** China date the platform recorded the payment. */
  valueDate: string;
}

export type DifferenceKind =
  'missing_in_ledger' | 'missing_on_statement' | 'amount_mismatch' | 'duplicate_on_statement' | 'reversal';

export interface ReconciliationDifference {
  kind: DifferenceKind;
  instructionId: string;
  statementCny: string | null;
  ledgerCny: string | null;
  valueDate: string | null;
  bankReference: string | null;
}

const addDays = (date: string, days: number) => {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
};

/** The statement is read a day wider on each side, so a payment booked near midnight still matches. */
export const statementWindow = (range: { from: string; to: string }) => ({
  from: addDays(range.from, -1),
  to: addDays(range.to, 1),
});

const difference = (
  kind: DifferenceKind,
  instructionId: string,
  line: StatementLine | undefined,
  ledger: LedgerDisbursement | undefined,
): ReconciliationDifference => ({
  kind,
  instructionId,
  statementCny: line ? fenToCny(BigInt(line.amountFen)) : null,
  ledgerCny: ledger ? fenToCny(ledger.amountFen) : null,
  valueDate: line?.valueDate ?? ledger?.valueDate ?? null,
  bankReference: line?.bankReference ?? null,
});

/**
 * Matches statement lines (of the widened window) with ledger disbursements, pure. A payment line of
 * the range must have one disbursement of the same amount; a disbursement of the range must have its
 * payment line; a reversal line of the range is reported (money came back that the ledger still shows
 * paid); an instruction paid twice on the statement is reported once per extra line.
 */
export function reconcileLines(
  range: { from: string; to: string },
  lines: readonly StatementLine[],
  ledger: readonly LedgerDisbursement[],
) {
  const inRange = (date: string) => date >= range.from && date <= range.to;
  const byInstruction = new Map(ledger.map((entry) => [entry.instructionId, entry]));
  const payments = lines.filter((line) => line.kind === 'payment');
  const onStatement = new Set(payments.map((line) => line.instructionId));
  const differences: ReconciliationDifference[] = [];
  const seen = new Set<string>();
  let matched = 0;
  for (const line of payments.filter((entry) => inRange(entry.valueDate))) {
    const entry = byInstruction.get(line.instructionId);
    if (seen.has(line.instructionId))
      differences.push(difference('duplicate_on_statement', line.instructionId, line, entry));
    else if (!entry) differences.push(difference('missing_in_ledger', line.instructionId, line, undefined));
    else if (entry.amountFen !== BigInt(line.amountFen))
      differences.push(difference('amount_mismatch', line.instructionId, line, entry));
    else matched += 1;
    seen.add(line.instructionId);
  }
  for (const line of lines.filter((entry) => entry.kind === 'reversal' && inRange(entry.valueDate)))
    differences.push(difference('reversal', line.instructionId, line, byInstruction.get(line.instructionId)));
  for (const entry of ledger.filter((candidate) => inRange(candidate.valueDate)))
    if (!onStatement.has(entry.instructionId))
      differences.push(difference('missing_on_statement', entry.instructionId, undefined, entry));
  return { matched, differences };
}

/** The ledger's disbursements recorded in the window, and any whose instruction the statement names. */
async function disbursements(db: Db, window: { from: string; to: string }, instructionIds: readonly string[]) {
  const { rows } = await db.execute<{ id: string; reference: string; amount: string; value_date: string }>(sql`
    select t.id, t.reference, t.amount::text, to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as value_date
    from ledger_transfers t join ledger_accounts a on a.id = t.credit_account_id
    where a.kind = 'paid' and t.kind = 'posted' and t.reference like 'BGP-%'
      and ((t.created_at at time zone 'Asia/Shanghai')::date between ${window.from}::date and ${window.to}::date
        or t.reference = any(${sql.param([...instructionIds])}::text[]))`);
  return rows.map((row) => ({
    transferId: row.id,
    instructionId: row.reference,
    amountFen: BigInt(row.amount),
    valueDate: row.value_date,
  }));
}

/**
 * The reconciliation job: downloads the statement, matches it with the ledger and stores the report,
 * once per job key (a redelivered job answers the stored report).
 */
export async function reconcilePayouts(
  deps: { db: Db; bank: BankClient; clock: () => Date },
  jobKey: string,
  range: { from: string; to: string },
) {
  const [existing] = await deps.db.select().from(payoutReconciliations).where(eq(payoutReconciliations.jobKey, jobKey));
  if (existing) return { report: existing, outcome: 'already-run' as const };
  const statement = await deps.bank.getStatement(statementWindow(range));
  const ledger = await disbursements(
    deps.db,
    range,
    statement.lines.map((line) => line.instructionId),
  );
  const { matched, differences } = reconcileLines(range, statement.lines, ledger);
  const summary = {
    statementLines: statement.lines.filter((line) => line.valueDate >= range.from && line.valueDate <= range.to).length,
    ledgerDisbursements: ledger.filter((entry) => entry.valueDate >= range.from && entry.valueDate <= range.to).length,
    statementDebitCny: fenToCny(BigInt(statement.debitFen)),
    statementCreditCny: fenToCny(BigInt(statement.creditFen)),
  };
  const report = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(payoutReconciliations)
      .values({ jobKey, fromDate: range.from, toDate: range.to, matched, differences, summary })
      .onConflictDoNothing()
      .returning();
    if (!row)
      return (await tx.select().from(payoutReconciliations).where(eq(payoutReconciliations.jobKey, jobKey)))[0]!;
    await recordEvents(tx, [
      payoutEvent({
        kind: 'payout_reconciliation',
        id: row.id,
        action: 'payout_reconciliation.reported',
        related: [],
        actorOrgId: null,
        at: deps.clock(),
        detail: { from: range.from, to: range.to, matched, differences: differences.length },
      }),
    ]);
    return row;
  });
  return { report, outcome: 'reconciled' as const };
}
