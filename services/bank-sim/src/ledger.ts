import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { InstructionState, NormalizedInstruction } from '@baigou/bank-protocol';

/**
 * The simulator's own ledger of payments: an in-memory map rebuilt from an append-only JSON-lines file
 * when one is configured, so a restarted simulator still knows every instruction it accepted and never
 * pays one twice. Every event is written (and fsynced) before the caller answers or calls back.
 *
 *   accepted ──settle──► paid ──reverse──► paid + reversed
 *            └─settle──► failed
 */

export type Settlement = { status: 'paid'; reason: null } | { status: 'failed'; reason: string };

export interface Payment {
  instruction: NormalizedInstruction;
  /** Canonical JSON of the normalised instruction: what idempotency compares. */
  fingerprint: string;
  bankReference: string;
  /** Decided at acceptance (seeded), so a replayed ledger settles the same way after a restart. */
  planned: Settlement;
  status: 'accepted' | 'paid' | 'failed';
  reason: string | null;
  acceptedAt: string;
  settledAt: string | null;
  reversedAt: string | null;
  reversalReason: string | null;
  settleSequence: number | null;
  reversalSequence: number | null;
  sequence: number;
  callbackDelivered: boolean;
}

type LedgerEvent =
  | {
      type: 'accepted';
      sequence: number;
      at: string;
      instruction: NormalizedInstruction;
      fingerprint: string;
      bankReference: string;
      planned: Settlement;
    }
  | { type: 'settled'; sequence: number; at: string; instructionId: string }
  | { type: 'reversed'; sequence: number; at: string; instructionId: string; reason: string }
  | { type: 'delivered'; sequence: number; at: string; instructionId: string };

export interface PaymentLedger {
  get(instructionId: string): Payment | undefined;
  all(): readonly Payment[];
  accept(args: { instruction: NormalizedInstruction; fingerprint: string; planned: Settlement; at: Date }): Payment;
  /** Applies the planned settlement once; null when the payment is not waiting to be settled. */
  settle(instructionId: string, at: Date): Payment | null;
  reverse(instructionId: string, reason: string, at: Date): Payment | null;
  markDelivered(instructionId: string, at: Date): void;
  close(): void;
}

export function createPaymentLedger(file?: string): PaymentLedger {
  const payments = new Map<string, Payment>();
  let sequence = 0;
  const existing = file && existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const line of existing.split('\n')) {
    // A line cut short by a crash mid-write was never acknowledged; it is skipped.
    const event = parseLine(line);
    if (event) sequence = Math.max(sequence, apply(payments, event));
  }
  const fd = file ? openSync(file, 'a') : null;
  // Ends a cut-short line, so the next event does not run into it.
  if (fd !== null && existing !== '' && !existing.endsWith('\n')) writeSync(fd, '\n');
  const record = (event: LedgerEvent) => {
    if (fd !== null) {
      writeSync(fd, `${JSON.stringify(event)}\n`);
      fsyncSync(fd);
    }
    apply(payments, event);
  };
  const next = () => (sequence += 1);

  return {
    get: (instructionId) => payments.get(instructionId),
    all: () => [...payments.values()],
    accept({ instruction, fingerprint, planned, at }) {
      const eventSequence = next();
      const bankReference = `BSIM${at.toISOString().slice(0, 10).replaceAll('-', '')}${String(eventSequence).padStart(8, '0')}`;
      record({
        type: 'accepted',
        sequence: eventSequence,
        at: at.toISOString(),
        instruction,
        fingerprint,
        bankReference,
        planned,
      });
      return payments.get(instruction.instructionId)!;
    },
    settle(instructionId, at) {
      if (payments.get(instructionId)?.status !== 'accepted') return null;
      record({ type: 'settled', sequence: next(), at: at.toISOString(), instructionId });
      return payments.get(instructionId)!;
    },
    reverse(instructionId, reason, at) {
      const payment = payments.get(instructionId);
      if (payment?.status !== 'paid' || payment.reversedAt !== null) return null;
      record({ type: 'reversed', sequence: next(), at: at.toISOString(), instructionId, reason });
      return payment;
    },
    markDelivered(instructionId, at) {
      if (payments.get(instructionId)?.callbackDelivered !== false) return;
      record({ type: 'delivered', sequence: next(), at: at.toISOString(), instructionId });
    },
    close() {
      if (fd !== null) closeSync(fd);
    },
  };
}

function parseLine(line: string): LedgerEvent | null {
  if (line.trim() === '') return null;
  try {
    return JSON.parse(line) as LedgerEvent;
  } catch {
    return null;
  }
}

/** Folds one event into the map; returns its sequence. */
function apply(payments: Map<string, Payment>, event: LedgerEvent): number {
  if (event.type === 'accepted') {
    payments.set(event.instruction.instructionId, {
      instruction: event.instruction,
      fingerprint: event.fingerprint,
      bankReference: event.bankReference,
      planned: event.planned,
      status: 'accepted',
      reason: null,
      acceptedAt: event.at,
      settledAt: null,
      reversedAt: null,
      reversalReason: null,
      settleSequence: null,
      reversalSequence: null,
      sequence: event.sequence,
      callbackDelivered: false,
    });
    return event.sequence;
  }
  const payment = payments.get(event.instructionId);
  if (!payment) return event.sequence;
  if (event.type === 'settled') {
    Object.assign(payment, {
      status: payment.planned.status,
      reason: payment.planned.reason,
      settledAt: event.at,
      settleSequence: event.sequence,
      sequence: event.sequence,
    });
  } else if (event.type === 'reversed') {
    Object.assign(payment, {
      reversedAt: event.at,
      reversalReason: event.reason,
      reversalSequence: event.sequence,
      sequence: event.sequence,
    });
  } else {
    payment.callbackDelivered = true;
  }
  return event.sequence;
}

export function paymentState(payment: Payment): InstructionState {
  const { instruction } = payment;
  return {
    instructionId: instruction.instructionId,
    bankReference: payment.bankReference,
    status: payment.status,
    reason: payment.reason,
    amountFen: instruction.amountFen,
    currency: instruction.currency,
    payeeAccountNumber: instruction.payeeAccountNumber,
    payeeName: instruction.payeeName,
    reference: instruction.reference,
    acceptedAt: payment.acceptedAt,
    paidAt: payment.status === 'paid' ? payment.settledAt : null,
    failedAt: payment.status === 'failed' ? payment.settledAt : null,
    reversedAt: payment.reversedAt,
    sequence: payment.sequence,
  };
}
