import type { Statement, StatementLine } from '@baigou/bank-protocol';
import type { Payment } from './ledger';

/** China Standard Time has no daylight saving: a value date is the UTC instant plus eight hours. */
export function valueDateOf(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Every line booked between `from` and `to` (value dates, inclusive): one debit per paid payment, one
 * credit per reversal. Failed payments moved no money and are not on the statement. Lines are in
 * booking order (the gateway's sequence).
 */
export function buildStatement(payments: readonly Payment[], from: string, to: string): Statement {
  const lines: StatementLine[] = [];
  for (const payment of payments) {
    if (payment.status === 'paid' && payment.settledAt && payment.settleSequence !== null) {
      lines.push(lineOf(payment, 'payment', payment.settledAt, payment.settleSequence));
    }
    if (payment.reversedAt && payment.reversalSequence !== null) {
      lines.push(lineOf(payment, 'reversal', payment.reversedAt, payment.reversalSequence));
    }
  }
  const inRange = lines
    .filter((line) => line.valueDate >= from && line.valueDate <= to)
    .sort((a, b) => a.sequence - b.sequence);
  const total = (direction: StatementLine['direction']) =>
    inRange
      .filter((line) => line.direction === direction)
      .reduce((sum, line) => sum + BigInt(line.amountFen), 0n)
      .toString();
  return { from, to, lines: inRange, debitFen: total('debit'), creditFen: total('credit') };
}

function lineOf(payment: Payment, kind: StatementLine['kind'], bookedAt: string, sequence: number): StatementLine {
  const { instruction } = payment;
  return {
    kind,
    direction: kind === 'payment' ? 'debit' : 'credit',
    bankReference: payment.bankReference,
    instructionId: instruction.instructionId,
    reference: instruction.reference,
    payeeAccountNumber: instruction.payeeAccountNumber,
    payeeName: instruction.payeeName,
    payeeBankName: instruction.payeeBankName,
    amountFen: instruction.amountFen,
    valueDate: valueDateOf(bookedAt),
    bookedAt,
    sequence,
  };
}

const csvColumns = [
  'valueDate',
  'kind',
  'direction',
  'bankReference',
  'instructionId',
  'reference',
  'payeeAccountNumber',
  'payeeName',
  'payeeBankName',
  'amountFen',
  'bookedAt',
  'sequence',
] as const satisfies readonly (keyof StatementLine)[];

/** UTF-8 with a byte-order mark (a person opens it in a spreadsheet); RFC 4180 quoting; CRLF line ends. */
export function statementCsv(statement: Statement): string {
  const rows = [
    csvColumns.join(','),
    ...statement.lines.map((line) => csvColumns.map((column) => csvField(String(line[column]))).join(',')),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  // A leading = + - @ would be read as a formula by a spreadsheet; such a field is quoted and prefixed.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe;
}
