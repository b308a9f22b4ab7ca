import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/**
 * What the bank simulator itself says it did, read from its own append-only JSON-lines ledger
 * (BANK_SIM_LEDGER_FILE, fsynced before it answers or calls back), never from the platform's tables:
 * the fault suite checks the platform against an independent witness. Read incrementally, so a check
 * after every step costs only the lines written since the last one.
 */

interface AcceptedLine {
  type: 'accepted';
  instruction: { instructionId: string; reference: string; amountFen: string };
  planned: { status: 'paid' | 'failed' };
}
type LedgerLine = { type: string; instructionId?: string; instruction?: AcceptedLine['instruction'] };

export interface BankPayment {
  instructionId: string;
  /** The platform's reference (the claim id or whatever the payout workflow puts there). */
  reference: string;
  amountFen: bigint;
  status: 'accepted' | 'paid' | 'failed';
  reversed: boolean;
}

export interface BankTruth {
  /** Reads the lines appended since the last call. */
  refresh(): void;
  payment(instructionId: string): BankPayment | undefined;
  /** Every instruction the bank holds for one reference. */
  byReference(reference: string): BankPayment[];
  /** Money that left the payer account for one reference and was not returned: paid, not reversed. */
  paidFen(reference: string): bigint;
  /** References the bank paid more than once (two instructions both paid and not reversed). */
  paidTwice(references?: Iterable<string>): { reference: string; instructionIds: string[] }[];
  /** How many instructions the bank holds in all. */
  size(): number;
}

export function readBankTruth(file: string): BankTruth {
  const payments = new Map<string, BankPayment>();
  const references = new Map<string, BankPayment[]>();
  const settlements = new Map<string, 'paid' | 'failed'>();
  let offset = 0;
  let partial = '';

  const apply = (line: LedgerLine) => {
    if (line.type === 'accepted' && line.instruction) {
      const accepted = line as AcceptedLine;
      const payment: BankPayment = {
        instructionId: accepted.instruction.instructionId,
        reference: accepted.instruction.reference,
        amountFen: BigInt(accepted.instruction.amountFen),
        status: 'accepted',
        reversed: false,
      };
      // The planned outcome is applied when the settlement line arrives, as the simulator does.
      settlements.set(payment.instructionId, accepted.planned.status);
      payments.set(payment.instructionId, payment);
      references.set(payment.reference, [...(references.get(payment.reference) ?? []), payment]);
      return;
    }
    const payment = line.instructionId ? payments.get(line.instructionId) : undefined;
    if (!payment) return;
    if (line.type === 'settled') payment.status = settlements.get(payment.instructionId) ?? 'failed';
    if (line.type === 'reversed') payment.reversed = true;
  };
  const refresh = () => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    offset = size;
    const lines = (partial + buffer.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) {
      if (text.trim() === '') continue;
      try {
        apply(JSON.parse(text) as LedgerLine);
      } catch {
        // A line cut short by a crash of the simulator was never acknowledged; it is skipped, as the simulator does.
      }
    }
  };

  const paidOf = (reference: string) =>
    (references.get(reference) ?? []).filter((payment) => payment.status === 'paid' && !payment.reversed);

  return {
    refresh,
    payment: (instructionId) => payments.get(instructionId),
    byReference: (reference) => references.get(reference) ?? [],
    paidFen: (reference) => paidOf(reference).reduce((sum, payment) => sum + payment.amountFen, 0n),
    paidTwice(only) {
      const keys = only ? [...only] : [...references.keys()];
      return keys
        .map((reference) => ({ reference, instructionIds: paidOf(reference).map((p) => p.instructionId) }))
        .filter((entry) => entry.instructionIds.length > 1);
    },
    size: () => payments.size,
  };
}
