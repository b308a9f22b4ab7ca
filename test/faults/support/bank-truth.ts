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

/** The witness's state: what it has read of the file so far. */
interface Books {
  file: string;
  payments: Map<string, BankPayment>;
  references: Map<string, BankPayment[]>;
  /** Each instruction's planned outcome, applied when its settlement line arrives, as the simulator does. */
  settlements: Map<string, 'paid' | 'failed'>;
  offset: number;
  partial: string;
}

function apply(books: Books, line: LedgerLine) {
  if (line.type === 'accepted' && line.instruction) {
    const accepted = line as AcceptedLine;
    const payment: BankPayment = {
      instructionId: accepted.instruction.instructionId,
      reference: accepted.instruction.reference,
      amountFen: BigInt(accepted.instruction.amountFen),
      status: 'accepted',
      reversed: false,
    };
    books.settlements.set(payment.instructionId, accepted.planned.status);
    books.payments.set(payment.instructionId, payment);
    books.references.set(payment.reference, [...(books.references.get(payment.reference) ?? []), payment]);
    return;
  }
  const payment = line.instructionId ? books.payments.get(line.instructionId) : undefined;
  if (!payment) return;
  if (line.type === 'settled') payment.status = books.settlements.get(payment.instructionId) ?? 'failed';
  if (line.type === 'reversed') payment.reversed = true;
}

/** Reads the lines appended since the last call (a partial last line waits for its end). */
function refresh(books: Books) {
  if (!existsSync(books.file)) return;
  const size = statSync(books.file).size;
  if (size <= books.offset) return;
  const buffer = Buffer.alloc(size - books.offset);
  const fd = openSync(books.file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, books.offset);
  } finally {
    closeSync(fd);
  }
  books.offset = size;
  const lines = (books.partial + buffer.toString('utf8')).split('\n');
  books.partial = lines.pop() ?? '';
  for (const text of lines) {
    if (text.trim() === '') continue;
    try {
      apply(books, JSON.parse(text) as LedgerLine);
    } catch {
      // A line cut short by a crash of the simulator was never acknowledged; it is skipped, as the simulator does.
    }
  }
}

export function readBankTruth(file: string): BankTruth {
  const books: Books = {
    file,
    payments: new Map(),
    references: new Map(),
    settlements: new Map(),
    offset: 0,
    partial: '',
  };
  const paidOf = (reference: string) =>
    (books.references.get(reference) ?? []).filter((payment) => payment.status === 'paid' && !payment.reversed);
  return {
    refresh: () => refresh(books),
    payment: (instructionId) => books.payments.get(instructionId),
    byReference: (reference) => books.references.get(reference) ?? [],
    paidFen: (reference) => paidOf(reference).reduce((sum, payment) => sum + payment.amountFen, 0n),
    paidTwice(only) {
      const keys = only ? [...only] : [...books.references.keys()];
      return keys
        .map((reference) => ({ reference, instructionIds: paidOf(reference).map((p) => p.instructionId) }))
        .filter((entry) => entry.instructionIds.length > 1);
    },
    size: () => books.payments.size,
  };
}
