import { z } from 'zod';

export * from './bank-sim';

/**
 * Every process parses its environment exactly once, through one of the schemas below.
 * Nothing else in the code base reads `process.env`.
 */

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const common = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/baigou'),
  DB_POOL_MAX: positiveInt.default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /** Key prefix for every BullMQ queue; lets several platforms (or test files) share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i)
    .default('baigou'),
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  /** Ed25519 key (PKCS#8 PEM or base64 DER) signing provenance checkpoints and evidence bundles; required in production. */
  PROVENANCE_SIGNING_KEY: z.string().optional(),
};

/**
 * The payout workflow (issue 14), in the API (approval reserves, bank callbacks) and the worker (send,
 * sweep, reconcile). The reservation holds by the database clock far longer than the stuck bound: every
 * payment is paid, failed or shown to staff as stuck within PAYOUT_STUCK_AFTER_MS, and staff have the rest
 * of the reservation's life to decide (≤ 24.8 days: the ledger stores the timeout as int4 milliseconds).
 */
const payout = {
  BANK_URL: z.url().default('http://127.0.0.1:3100'),
  /** Shared with the gateway (bank-sim: BANK_SIM_CALLBACK_SECRET); several comma-separated while rotating. */
  BANK_CALLBACK_SECRET: z.string().min(16).default('bank-sim-development-secret'),
  /** The fund's account the treasury pays from (12–30 digits). */
  BANK_PAYER_ACCOUNT: z
    .string()
    .regex(/^\d{12,30}$/)
    .default('6222020200000000006'),
  BANK_TIMEOUT_MS: positiveInt.default(5_000),
  /** A sent payment without an outcome this long is queried at the bank by the sweeper. */
  PAYOUT_QUERY_AFTER_MS: positiveInt.default(60_000),
  /** A payment not paid or failed this long after approval is marked stuck for staff. */
  PAYOUT_STUCK_AFTER_MS: positiveInt.default(86_400_000),
  /** How long a reservation holds (pending ledger transfer timeout, by the database clock). */
  PAYOUT_RESERVATION_MS: positiveInt.max(2_147_483_647).default(1_728_000_000),
};

const api = {
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  BODY_LIMIT_BYTES: positiveInt.default(1_048_576),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(1_200),
  /** Public base URL written into the OpenAPI `servers` list. */
  PUBLIC_URL: z.url().optional(),
};

const worker = {
  WORKER_CONCURRENCY: positiveInt.default(4),
  OUTBOX_POLL_MS: positiveInt.default(500),
  /** An enqueued outbox row whose job vanished from Redis (e.g. a wipe) is re-enqueued after this long. */
  OUTBOX_RECONCILE_MS: positiveInt.default(15_000),
  /** The provenance log is sequenced and, when it grew, a checkpoint signed this often. */
  PROVENANCE_CHECKPOINT_MS: positiveInt.default(2_000),
};

const reservationOutlivesStuckBound = (config: { PAYOUT_RESERVATION_MS: number; PAYOUT_STUCK_AFTER_MS: number }) =>
  config.PAYOUT_RESERVATION_MS >= 2 * config.PAYOUT_STUCK_AFTER_MS;
const reservationRule = {
  message: 'PAYOUT_RESERVATION_MS must be at least twice PAYOUT_STUCK_AFTER_MS',
  path: ['PAYOUT_RESERVATION_MS'],
};

export const apiConfigSchema = z.object({ ...common, ...api, ...payout });
export const workerConfigSchema = z.object({ ...common, ...worker, ...payout });
/** The payout settings with their rule checked (the process schemas stay plain objects, for `.shape`). */
export const payoutConfigSchema = z.object(payout).refine(reservationOutlivesStuckBound, reservationRule);
export type PayoutConfig = z.infer<typeof payoutConfigSchema>;
export const platformConfigSchema = z.object({
  ...common,
  ...api,
  ...worker,
  ...payout,
  /** `pnpm start` creates the database named in DATABASE_URL when it does not exist. */
  CREATE_DATABASE: booleanFlag.default(true),
});
export const cliConfigSchema = z.object({
  NODE_ENV: common.NODE_ENV,
  LOG_LEVEL: common.LOG_LEVEL.default('warn'),
  DATABASE_URL: common.DATABASE_URL,
  DB_POOL_MAX: common.DB_POOL_MAX,
});

/** `pnpm demo`: the platform's own variables (it starts the platform unless DEMO_API_URL is set) and the scale of the demo month. */
export const demoConfigSchema = platformConfigSchema.extend({
  /** The platform started by the demo logs warnings only, so the demo's progress stays readable. */
  LOG_LEVEL: common.LOG_LEVEL.default('warn'),
  /** An already-running platform to drive instead of starting one in this process. */
  DEMO_API_URL: z.url().optional(),
  // At least 50 trading firms by default: the seed asks the fund's credit insurance to cover ≥ 50 firms.
  DEMO_OPERATORS: positiveInt.max(200).default(50),
  DEMO_MERCHANTS: positiveInt.default(200),
  DEMO_PURCHASERS: positiveInt.default(100),
  DEMO_TRANSACTIONS: positiveInt.default(3_000),
  /** Operators working at the same time (this machine has 2 cores). */
  DEMO_CONCURRENCY: positiveInt.max(16).default(4),
  /** Exit when the month is done instead of leaving the platform running (CI). */
  DEMO_EXIT: booleanFlag.default(false),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
export type WorkerConfig = z.infer<typeof workerConfigSchema>;
export type PlatformConfig = z.infer<typeof platformConfigSchema>;
export type CliConfig = z.infer<typeof cliConfigSchema>;
export type DemoConfig = z.infer<typeof demoConfigSchema>;

/** Every variable any process reads, for the README and the compose consistency test. */
export const knownVariables: readonly string[] = Object.keys(platformConfigSchema.shape);

export class ConfigError extends Error {
  constructor(readonly issues: readonly { key: string; message: string }[]) {
    super(`Invalid environment: ${issues.map((issue) => `${issue.key}: ${issue.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment against a process schema, naming every bad key at once. */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  // Empty strings mean "unset", as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        key: issue.path.join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
  return result.data;
}
