/**
 * Reports an outage of Redis or PostgreSQL the way an operator wants to read it: once when it starts
 * (which server, what still works, what waits), then reminders spaced further and further apart
 * while it lasts, and once when it is over. Every client keeps retrying on its own; the failures
 * each retry meets are not news and stay out of the log (at debug level for whoever wants them).
 */

/** The methods used; pino's and fastify's loggers both fit. */
export interface OutageLogger {
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export interface OutageReporter {
  /** A connection failure: reported when it starts an outage, else only at debug level. */
  failed(error: unknown): void;
  /** The server answered: ends the outage, if there was one, with a report of how long it lasted. */
  recovered(): void;
  readonly down: boolean;
}

export interface OutageOptions {
  logger: OutageLogger;
  /** 'Redis' or 'PostgreSQL'. */
  server: string;
  /** Connection URL; a password in it is masked. */
  url: string;
  /** What keeps working during the outage. */
  stillWorks: string;
  /** What waits for the server to return. */
  waits: string;
  now?: () => number;
}

/** First reminder after a minute, then doubling up to an hour. */
const FIRST_REMINDER_MS = 60_000;
const MAX_REMINDER_MS = 3_600_000;

/** The URL without its password, for logs. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createOutageReporter(options: OutageOptions): OutageReporter {
  const { logger, server } = options;
  const now = options.now ?? (() => Date.now());
  const url = maskedUrl(options.url);
  let since: number | null = null;
  let nextReminderAt = 0;
  let reminderMs = FIRST_REMINDER_MS;
  let failures = 0;

  return {
    get down() {
      return since !== null;
    },
    failed(error) {
      const at = now();
      failures += 1;
      if (since === null) {
        since = at;
        failures = 1;
        reminderMs = FIRST_REMINDER_MS;
        nextReminderAt = at + reminderMs;
        logger.warn(
          { server, url, error: messageOf(error), stillWorks: options.stillWorks, waits: options.waits },
          `${server} at ${url} is unreachable (${messageOf(error)}). Still working: ${options.stillWorks}. ` +
            `Waiting: ${options.waits}. Reconnecting in the background; the next report comes when it is back.`,
        );
        return;
      }
      if (at >= nextReminderAt) {
        const downForS = Math.round((at - since) / 1000);
        logger.warn(
          { server, url, error: messageOf(error), downForS, failedAttempts: failures },
          `${server} at ${url} is still unreachable after ${downForS} s (${messageOf(error)}); still retrying`,
        );
        reminderMs = Math.min(reminderMs * 2, MAX_REMINDER_MS);
        nextReminderAt = at + reminderMs;
        return;
      }
      logger.debug({ server, url, error: messageOf(error) }, `${server} still unreachable`);
    },
    recovered() {
      if (since === null) return;
      const downForS = Math.round((now() - since) / 1000);
      since = null;
      // At the level of the outage report, so whoever saw that one sees this one.
      logger.warn(
        { server, url, downForS, failedAttempts: failures },
        `${server} at ${url} is reachable again after ${downForS} s; what waited resumes`,
      );
    },
  };
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, and the connection exception class.
  '57P01',
  '57P02',
  '57P03',
]);
const CONNECTION_MESSAGES =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection is closed|Stream isn't writeable|enableOfflineQueue|Connection terminated|not queryable|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection|timed out after/i;

/**
 * True for an error that says the server cannot be reached (as opposed to one it answered with),
 * also when wrapped (drizzle's "Failed query" carries the pg error as its cause).
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isConnectionError(inner, depth + 1))) return true;
  return CONNECTION_MESSAGES.test(error.message) || isConnectionError(error.cause, depth + 1);
}
