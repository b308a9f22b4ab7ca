import { BankFaults, type BankFaultsPatch, type BankFaultsState } from '@baigou/bank-protocol';
import type { BankSimConfig } from '@baigou/config';
import { mulberry32 } from '@baigou/core/random';

type ProbabilityFault =
  | 'timeoutAfterPay'
  | 'error5xxBeforeRecord'
  | 'error5xxAfterRecord'
  | 'paymentFailure'
  | 'duplicateCallback'
  | 'lateCallback'
  | 'reorderCallbacks'
  | 'lostCallback';

/**
 * The run's faults and the seeded PRNG that decides each one. Every decision draws exactly one number,
 * in the order events happen, so the same seed and the same sequence of requests replay the same faults
 * (concurrent requests can of course arrive in another order).
 */
export interface FaultDice {
  readonly faults: BankFaults;
  /** True with the configured probability; a fault at 0 never draws, so disabled faults do not shift the stream. */
  roll(fault: ProbabilityFault): boolean;
  /** A uniform integer in [0, max]. */
  uniform(max: number): number;
  update(patch: BankFaultsPatch): BankFaultsState;
  state(): BankFaultsState;
}

export function createFaultDice(initial: BankFaults, initialSeed: number): FaultDice {
  let faults = BankFaults.parse(initial);
  let seed = initialSeed;
  let next = mulberry32(seed);
  return {
    get faults() {
      return faults;
    },
    roll(fault) {
      const probability = faults[fault];
      if (probability <= 0) return false;
      return next() < probability;
    },
    uniform(max) {
      return max <= 0 ? 0 : Math.floor(next() * (max + 1));
    },
    update({ seed: newSeed, ...patch }) {
      faults = BankFaults.parse({ ...faults, ...patch });
      if (newSeed !== undefined) {
        seed = newSeed;
        next = mulberry32(seed);
      }
      return { seed, faults };
    },
    state: () => ({ seed, faults }),
  };
}

/** The faults a run starts with, from its environment. */
export function faultsFromConfig(config: BankSimConfig): BankFaults {
  return {
    payDelayMs: config.BANK_SIM_PAY_DELAY_MS,
    payJitterMs: config.BANK_SIM_PAY_JITTER_MS,
    timeoutAfterPay: config.BANK_SIM_FAULT_TIMEOUT_AFTER_PAY,
    timeoutMode: config.BANK_SIM_TIMEOUT_MODE,
    hangMs: config.BANK_SIM_HANG_MS,
    error5xxBeforeRecord: config.BANK_SIM_FAULT_5XX_BEFORE_RECORD,
    error5xxAfterRecord: config.BANK_SIM_FAULT_5XX_AFTER_RECORD,
    paymentFailure: config.BANK_SIM_FAULT_PAYMENT_FAILURE,
    badAccountMode: config.BANK_SIM_BAD_ACCOUNT_MODE,
    duplicateCallback: config.BANK_SIM_FAULT_DUPLICATE_CALLBACK,
    duplicateDelayMs: config.BANK_SIM_DUPLICATE_DELAY_MS,
    lateCallback: config.BANK_SIM_FAULT_LATE_CALLBACK,
    lateCallbackMs: config.BANK_SIM_LATE_CALLBACK_MS,
    reorderCallbacks: config.BANK_SIM_FAULT_REORDER_CALLBACKS,
    reorderWindowMs: config.BANK_SIM_REORDER_WINDOW_MS,
    lostCallback: config.BANK_SIM_FAULT_LOST_CALLBACK,
  };
}
