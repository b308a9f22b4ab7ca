import { z } from 'zod';

/**
 * `pnpm bank:sim`: the treasury payment gateway simulator, an outside party with its own port, signing
 * secret and ledger. Fault probabilities are per event (0 … 1) and drawn from a PRNG seeded with
 * BANK_SIM_SEED, so a run replays; tests change them between steps through `POST /admin/faults`.
 */
const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const milliseconds = z.coerce.number().int().min(0).max(600_000);
const probability = z.coerce.number().min(0).max(1).default(0);

export const bankSimConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  BANK_SIM_HOST: z.string().min(1).default('127.0.0.1'),
  BANK_SIM_PORT: port.default(3100),
  /** Where signed payment callbacks go; without it the simulator only answers status queries. */
  BANK_SIM_CALLBACK_URL: z.url().optional(),
  /** HMAC-SHA256 secret shared with the platform's callback receiver. */
  BANK_SIM_CALLBACK_SECRET: z.string().min(16).default('bank-sim-development-secret'),
  BANK_SIM_CALLBACK_TIMEOUT_MS: positiveInt.default(5_000),
  BANK_SIM_CALLBACK_MAX_ATTEMPTS: positiveInt.max(100).default(10),
  BANK_SIM_CALLBACK_BACKOFF_MS: positiveInt.default(200),
  BANK_SIM_CALLBACK_BACKOFF_MAX_MS: positiveInt.default(30_000),
  /** JSON-lines file the ledger is appended to and replayed from at start-up; unset keeps it in memory. */
  BANK_SIM_LEDGER_FILE: z.string().min(1).optional(),
  BANK_SIM_SEED: z.coerce.number().int().min(0).max(4_294_967_295).default(1),
  BANK_SIM_PAY_DELAY_MS: milliseconds.default(200),
  BANK_SIM_PAY_JITTER_MS: milliseconds.default(0),
  BANK_SIM_FAULT_TIMEOUT_AFTER_PAY: probability,
  BANK_SIM_TIMEOUT_MODE: z.enum(['hang', 'drop']).default('hang'),
  BANK_SIM_HANG_MS: milliseconds.default(30_000),
  BANK_SIM_FAULT_5XX_BEFORE_RECORD: probability,
  BANK_SIM_FAULT_5XX_AFTER_RECORD: probability,
  BANK_SIM_FAULT_PAYMENT_FAILURE: probability,
  BANK_SIM_BAD_ACCOUNT_MODE: z.enum(['sync', 'async', 'off']).default('sync'),
  BANK_SIM_FAULT_DUPLICATE_CALLBACK: probability,
  BANK_SIM_DUPLICATE_DELAY_MS: milliseconds.default(500),
  BANK_SIM_FAULT_LATE_CALLBACK: probability,
  BANK_SIM_LATE_CALLBACK_MS: milliseconds.default(5_000),
  BANK_SIM_FAULT_REORDER_CALLBACKS: probability,
  BANK_SIM_REORDER_WINDOW_MS: milliseconds.default(2_000),
  BANK_SIM_FAULT_LOST_CALLBACK: probability,
});

export type BankSimConfig = z.infer<typeof bankSimConfigSchema>;
