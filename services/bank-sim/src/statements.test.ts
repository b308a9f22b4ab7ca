import { describe, expect, it } from 'vitest';
import { createPaymentLedger } from './ledger';
import { buildStatement, statementCsv, valueDateOf } from './statements';

const base = {
  payerAccountNumber: '110000000000000001',
  payeeAccountNumber: '6222020200000000006',
  payeeName: 'Baigou "Bags", Ltd',
  payeeBankName: 'ICBC',
  currency: 'CNY' as const,
  purpose: 'fund',
  amountFen: '10000',
};

function ledgerWithThreePayments() {
  const ledger = createPaymentLedger();
  const at = new Date('2026-12-04T16:30:00Z');
  for (const [id, status] of [
    ['pay-1', 'paid'],
    ['pay-2', 'failed'],
    ['pay-3', 'paid'],
  ] as const) {
    const planned =
      status === 'paid' ? ({ status, reason: null } as const) : ({ status, reason: 'invalid_account' } as const);
    ledger.accept({
      instruction: { ...base, instructionId: id, reference: `claim-${id}` },
      fingerprint: id,
      planned,
      at,
    });
    ledger.settle(id, at);
  }
  ledger.reverse('pay-3', 'payee account closed', new Date('2026-12-05T02:00:00Z'));
  return ledger;
}

describe('bank statement', () => {
  it('dates lines in China Standard Time (UTC+8)', () => {
    expect(valueDateOf('2026-12-04T15:59:59.999Z')).toBe('2026-12-04');
    expect(valueDateOf('2026-12-04T16:00:00.000Z')).toBe('2026-12-05');
  });

  it('lists each paid payment once as a debit and each reversal as a credit; failed payments moved no money', () => {
    const statement = buildStatement(ledgerWithThreePayments().all(), '2026-12-05', '2026-12-05');
    expect(statement.lines.map((line) => [line.instructionId, line.kind, line.direction])).toEqual([
      ['pay-1', 'payment', 'debit'],
      ['pay-3', 'payment', 'debit'],
      ['pay-3', 'reversal', 'credit'],
    ]);
    expect(statement).toMatchObject({ debitFen: '20000', creditFen: '10000' });
    expect(buildStatement(ledgerWithThreePayments().all(), '2026-12-04', '2026-12-04').lines).toEqual([]);
  });

  it('writes CSV with a BOM, a header and quoted fields', () => {
    const csv = statementCsv(buildStatement(ledgerWithThreePayments().all(), '2026-12-05', '2026-12-05'));
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(csv.startsWith('\uFEFFvalueDate,kind,direction,bankReference,instructionId')).toBe(true);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain(',"Baigou ""Bags"", Ltd",');
  });
});
