import { z } from 'zod';

/**
 * Every process parses its environment exactly once, through one of the schemas below.
 * Nothing else in the code base reads `process.env`.
 */

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

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
  REDIS_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/i).default('baigou'),
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
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
};

export const apiConfigSchema = z.object({ ...common, ...api });
export const workerConfigSchema = z.object({ ...common, ...worker });
export const platformConfigSchema = z.object({
  ...common,
  ...api,
  ...worker,
  /** `pnpm start` creates the database named in DATABASE_URL when it does not exist. */
  CREATE_DATABASE: booleanFlag.default(true),
});
export const cliConfigSchema = z.object({
  NODE_ENV: common.NODE_ENV,
  LOG_LEVEL: common.LOG_LEVEL.default('warn'),
  DATABASE_URL: common.DATABASE_URL,
  DB_POOL_MAX: common.DB_POOL_MAX,
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
export type WorkerConfig = z.infer<typeof workerConfigSchema>;
export type PlatformConfig = z.infer<typeof platformConfigSchema>;
export type CliConfig = z.infer<typeof cliConfigSchema>;

/** Every variable any process reads, for the README and the compose consistency test. */
export const knownVariables: readonly string[] = Object.keys(platformConfigSchema.shape);

export class ConfigError extends Error {
  constructor(readonly issues: readonly { key: string; message: string }[]) {
    super(
      `Invalid environment: ${issues.map((issue) => `${issue.key}: ${issue.message}`).join('; ')}`,
    );
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
