import type { StatementLine } from '@baigou/bank-protocol';
import { describe, expect, it } from 'vitest';
import { reconcileLines, statementWindow, type LedgerDisbursement } from './payout.reconcile';

const line = (
  instructionId: string,
  amountFen: string,
  valueDate: string,
  kind: 'payment' | 'reversal' = 'payment',
): StatementLine => ({
  kind,
  direction: kind === 'payment' ? 'debit' : 'credit',
  bankReference: `BR-${instructionId}`,
  instructionId,
  reference: 'claim',
  payeeAccountNumber: '6222020200000000006',
  payeeName: 'firm',
  payeeBankName: 'bank',
  amountFen,
  valueDate,
  bookedAt: `${valueDate}T02:00:00.000Z`,
  sequence: 1,
});
const entry = (instructionId: string, amountFen: bigint, valueDate: string): LedgerDisbursement => ({
  transferId: `t-${instructionId}`,
  instructionId,
  amountFen,
  valueDate,
});
const range = { from: '2026-03-10', to: '2026-03-10' };

describe('reconciliation of the statement with the ledger', () => {
  it('matches line by line and reports every kind of difference', () => {
    const lines = [
      line('A', '100', '2026-03-10'),
      line('B', '200', '2026-03-10'),
      line('C', '300', '2026-03-10'),
      line('C', '300', '2026-03-10'),
      line('D', '400', '2026-03-10'),
      line('A', '100', '2026-03-10', 'reversal'),
      // Booked after midnight: the ledger's 03-10 entry still finds its line in the widened window.
      line('F', '600', '2026-03-11'),
    ];
    const ledger = [
      entry('A', 100n, '2026-03-10'),
      entry('B', 250n, '2026-03-10'),
      entry('C', 300n, '2026-03-10'),
      entry('E', 500n, '2026-03-10'),
      entry('F', 600n, '2026-03-10'),
    ];
    const { matched, differences } = reconcileLines(range, lines, ledger);
    expect(matched).toBe(2);
    expect(differences.map((difference) => [difference.kind, difference.instructionId])).toEqual([
      ['amount_mismatch', 'B'],
      ['duplicate_on_statement', 'C'],
      ['missing_in_ledger', 'D'],
      ['reversal', 'A'],
      ['missing_on_statement', 'E'],
    ]);
    expect(differences[0]).toMatchObject({ statementCny: '2.00', ledgerCny: '2.50' });
  });

  it('finds nothing to report when both sides agree, and reads the statement a day wider each side', () => {
    expect(reconcileLines(range, [line('A', '100', '2026-03-10')], [entry('A', 100n, '2026-03-10')])).toEqual({
      matched: 1,
      differences: [],
    });
    expect(statementWindow({ from: '2026-03-01', to: '2026-03-29' })).toEqual({ from: '2026-02-28', to: '2026-03-30' });
  });
});
