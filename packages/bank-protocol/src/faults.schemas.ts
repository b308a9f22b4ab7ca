import { z } from 'zod';

/**
 * The faults a bank simulator run injects, each a probability per event drawn from a seeded PRNG, with
 * the delays that shape them. Set at start-up from the environment and changed between test steps
 * through `POST /admin/faults` (a partial object; `seed` restarts the PRNG).
 */
const probability = z.number().min(0).max(1);
const milliseconds = z.number().int().min(0).max(600_000);

export const BankFaults = z.strictObject({
  /** Time from acceptance to settlement, plus a uniform jitter in [0, payJitterMs]. */
  payDelayMs: milliseconds,
  payJitterMs: milliseconds,
  /** Record and pay the instruction, then give no answer: hang `hangMs` and drop, or drop at once. */
  timeoutAfterPay: probability,
  timeoutMode: z.enum(['hang', 'drop']),
  hangMs: milliseconds,
  /** Answer 503 without recording the instruction. */
  error5xxBeforeRecord: probability,
  /** Record (and later pay) the instruction, then answer 500. */
  error5xxAfterRecord: probability,
  /** Settle as failed (`payee_bank_rejected`) although the account is fine. */
  paymentFailure: probability,
  /** Bad payee accounts: `sync` refuses with 422, `async` accepts and fails the payment, `off` pays them. */
  badAccountMode: z.enum(['sync', 'async', 'off']),
  /** Deliver the callback a second time, `duplicateDelayMs` after the first delivery. */
  duplicateCallback: probability,
  duplicateDelayMs: milliseconds,
  /** Hold the callback back `lateCallbackMs` before the first delivery attempt. */
  lateCallback: probability,
  lateCallbackMs: milliseconds,
  /** Hold the callback until the next payment's callback went out (or `reorderWindowMs` passed). */
  reorderCallbacks: probability,
  reorderWindowMs: milliseconds,
  /** Never send the callback: the platform must find the outcome by status query or statement. */
  lostCallback: probability,
});
export type BankFaults = z.infer<typeof BankFaults>;

export const BankFaultsPatch = BankFaults.partial().extend({
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
});
export type BankFaultsPatch = z.infer<typeof BankFaultsPatch>;

export const BankFaultsState = z.object({ seed: z.number().int(), faults: BankFaults });
export type BankFaultsState = z.infer<typeof BankFaultsState>;

/** An honest gateway: pays after a short delay, calls back once, refuses bad accounts synchronously. */
export const noFaults: BankFaults = {
  payDelayMs: 200,
  payJitterMs: 0,
  timeoutAfterPay: 0,
  timeoutMode: 'hang',
  hangMs: 30_000,
  error5xxBeforeRecord: 0,
  error5xxAfterRecord: 0,
  paymentFailure: 0,
  badAccountMode: 'sync',
  duplicateCallback: 0,
  duplicateDelayMs: 500,
  lateCallback: 0,
  lateCallbackMs: 5_000,
  reorderCallbacks: 0,
  reorderWindowMs: 2_000,
  lostCallback: 0,
};
