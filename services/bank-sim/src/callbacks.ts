import { signatureHeadersFor, type PaymentCallback } from '@baigou/bank-protocol';
import type { Logger } from 'pino';
import type { FaultDice } from './faults';
import type { Payment } from './ledger';

export interface CallbackDispatcherOptions {
  /** No URL: the run has no callback receiver and the platform relies on status queries. */
  url: string | undefined;
  secret: string;
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  backoffMaxMs: number;
  dice: FaultDice;
  logger: Logger;
  now: () => Date;
  /** Called once per payment when its callback was first acknowledged with a 2xx. */
  onDelivered(instructionId: string): void;
}

export interface CallbackDispatcher {
  dispatch(payment: Payment): void;
  close(): void;
}

export function callbackOf(payment: Payment): PaymentCallback {
  return {
    instructionId: payment.instruction.instructionId,
    bankReference: payment.bankReference,
    status: payment.status === 'paid' ? 'paid' : 'failed',
    reason: payment.reason,
    amountFen: payment.instruction.amountFen,
    currency: payment.instruction.currency,
    paidAt: payment.status === 'paid' ? payment.settledAt : null,
    sequence: payment.settleSequence ?? payment.sequence,
  };
}

/**
 * Sends signed callbacks with the run's callback faults: lost, late, held back behind the next
 * payment's callback (reordering between payments; one payment only ever has one status to report),
 * duplicated after a delay (typically after the platform already queried the status), and retried
 * with exponential backoff while the receiver is down or answers non-2xx.
 */
export function createCallbackDispatcher(options: CallbackDispatcherOptions): CallbackDispatcher {
  return new Dispatcher(options);
}

interface HeldCallback {
  send: () => void;
  timer: NodeJS.Timeout;
}

class Dispatcher implements CallbackDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly held: HeldCallback[] = [];
  private readonly abort = new AbortController();

  constructor(private readonly options: CallbackDispatcherOptions) {}

  dispatch(payment: Payment): void {
    const { dice, logger } = this.options;
    if (!this.options.url || this.abort.signal.aborted) return;
    const instructionId = payment.instruction.instructionId;
    const body = JSON.stringify(callbackOf(payment));
    if (dice.roll('lostCallback')) {
      logger.info({ instructionId }, 'fault: callback lost');
      return;
    }
    const send = () => this.deliver(instructionId, body, false, 1);
    if (dice.roll('reorderCallbacks')) {
      logger.info({ instructionId }, 'fault: callback held back behind the next one');
      const entry: HeldCallback = { send, timer: this.later(dice.faults.reorderWindowMs, () => this.release(entry)) };
      this.held.push(entry);
      return;
    }
    const delay = dice.roll('lateCallback') ? dice.faults.lateCallbackMs : 0;
    this.later(delay, () => {
      send();
      // After the newer callback has started, so the receiver sees the held ones out of order.
      for (const entry of [...this.held]) this.later(20, () => this.release(entry));
    });
  }

  close(): void {
    this.abort.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.held.length = 0;
  }

  private deliver(instructionId: string, body: string, duplicate: boolean, attempt: number): void {
    const { dice, logger, maxAttempts, backoffMs, backoffMaxMs } = this.options;
    void this.post(instructionId, body).then((outcome) => {
      if (this.abort.signal.aborted) return;
      if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) {
        logger.info({ instructionId, attempt, duplicate }, 'callback delivered');
        if (duplicate) return;
        this.options.onDelivered(instructionId);
        if (dice.roll('duplicateCallback')) {
          this.later(dice.faults.duplicateDelayMs, () => this.deliver(instructionId, body, true, 1));
        }
        return;
      }
      if (attempt >= maxAttempts) {
        logger.error({ instructionId, attempt, outcome }, 'callback abandoned after the last attempt');
        return;
      }
      const backoff = Math.min(backoffMs * 2 ** (attempt - 1), backoffMaxMs);
      logger.warn({ instructionId, attempt, outcome, backoffMs: backoff }, 'callback not acknowledged; retrying');
      this.later(backoff, () => this.deliver(instructionId, body, duplicate, attempt + 1));
    });
  }

  /** The HTTP status, or the name of the error when no answer came. */
  private async post(instructionId: string, body: string): Promise<number | string> {
    const { url, secret, timeoutMs, now, logger } = this.options;
    try {
      const response = await fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeadersFor(secret, body, now()) },
        body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch (error) {
      logger.debug({ instructionId, err: error }, 'callback delivery failed');
      return error instanceof Error ? error.name : 'error';
    }
  }

  private release(entry: HeldCallback): void {
    const index = this.held.indexOf(entry);
    if (index < 0) return;
    this.held.splice(index, 1);
    clearTimeout(entry.timer);
    this.timers.delete(entry.timer);
    entry.send();
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }
}
