import {
  checkAccountNumber,
  normalizeInstruction,
  type InstructionRequest,
  type NormalizedInstruction,
} from '@baigou/bank-protocol';
import type { Logger } from 'pino';
import type { CallbackDispatcher } from './callbacks';
import { gatewayErrors } from './errors';
import type { FaultDice } from './faults';
import type { Payment, PaymentLedger, Settlement } from './ledger';

export interface Gateway {
  /** Accepts an instruction once; the same id and parameters again return the recorded payment. */
  submit(request: InstructionRequest): { created: boolean; payment: Payment };
  get(instructionId: string): Payment;
  reverse(instructionId: string, reason: string): Payment;
  /** After a restart: settles what was accepted and calls back what was never acknowledged. */
  resume(): void;
  close(): void;
}

export interface GatewayDependencies {
  ledger: PaymentLedger;
  dice: FaultDice;
  dispatcher: CallbackDispatcher;
  now: () => Date;
  logger: Logger;
}

export function createGateway({ ledger, dice, dispatcher, now, logger }: GatewayDependencies): Gateway {
  const timers = new Set<NodeJS.Timeout>();

  const scheduleSettlement = (payment: Payment, delayMs: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const settled = ledger.settle(payment.instruction.instructionId, now());
      if (!settled) return;
      logger.info({ instructionId: payment.instruction.instructionId, status: settled.status }, 'payment settled');
      dispatcher.dispatch(settled);
    }, delayMs);
    timers.add(timer);
  };

  return {
    submit(request) {
      const instruction = normalizeInstruction(request);
      const fingerprint = fingerprintOf(instruction);
      const existing = ledger.get(instruction.instructionId);
      if (existing) {
        if (existing.fingerprint === fingerprint) return { created: false, payment: existing };
        const fields = differingFields(existing.instruction, instruction);
        throw gatewayErrors.idempotencyConflict(`differs in: ${fields.join(', ')}`);
      }
      const planned = plan(instruction, dice);
      const payment = ledger.accept({ instruction, fingerprint, planned, at: now() });
      logger.info({ instructionId: instruction.instructionId, planned: planned.status }, 'instruction accepted');
      scheduleSettlement(payment, dice.faults.payDelayMs + dice.uniform(dice.faults.payJitterMs));
      return { created: true, payment };
    },
    get(instructionId) {
      const payment = ledger.get(instructionId);
      if (!payment) throw gatewayErrors.notFound();
      return payment;
    },
    reverse(instructionId, reason) {
      const payment = ledger.get(instructionId);
      if (!payment) throw gatewayErrors.notFound();
      const reversed = ledger.reverse(instructionId, reason, now());
      if (!reversed) throw gatewayErrors.notReversible();
      return reversed;
    },
    resume() {
      for (const payment of ledger.all()) {
        if (payment.status === 'accepted') scheduleSettlement(payment, dice.faults.payDelayMs);
        else if (!payment.callbackDelivered) dispatcher.dispatch(payment);
      }
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** Decides at acceptance how the payment will settle (a bad account only gets here in `async` or `off` mode). */
function plan(instruction: NormalizedInstruction, dice: FaultDice): Settlement {
  const account = checkAccountNumber(instruction.payeeAccountNumber);
  const mode = dice.faults.badAccountMode;
  if (!account.valid && mode === 'sync') {
    throw gatewayErrors.invalidAccount(`payee account number fails the ${account.reason} check`, [
      { path: '/body/payeeAccountNumber', message: `fails the ${account.reason} check (12–30 digits, Luhn)` },
    ]);
  }
  if (!account.valid && mode === 'async') return { status: 'failed', reason: 'invalid_account' };
  if (dice.roll('paymentFailure')) return { status: 'failed', reason: 'payee_bank_rejected' };
  return { status: 'paid', reason: null };
}

/** Canonical JSON (keys sorted) of the normalised instruction. */
export function fingerprintOf(instruction: NormalizedInstruction): string {
  const entries = Object.entries(instruction).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

function differingFields(recorded: NormalizedInstruction, offered: NormalizedInstruction): string[] {
  const keys = new Set([...Object.keys(recorded), ...Object.keys(offered)]) as Set<keyof NormalizedInstruction>;
  return [...keys].filter((key) => recorded[key] !== offered[key]).sort();
}
