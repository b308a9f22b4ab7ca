import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cliConfigSchema, loadConfig, type CliConfig } from '@baigou/config';
import { createDatabase, type Database } from '@baigou/db';

/** A mistake in the command line itself; the process exits 2 and nothing is written. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command path whose `--help` answers the mistake, when the command was not yet resolved. */
    readonly helpFor?: string,
  ) {
    super(message);
  }
}

export interface Command {
  summary: string;
  /** The full `--help` text. */
  usage: string;
  run(args: string[]): Promise<void>;
}

export interface CommandGroup {
  summary: string;
  commands: Record<string, Command>;
}

/**
 * stdout carries only results (so `pnpm cli keys create … | jq` works);
 * progress, warnings and errors go to stderr.
 */
export const output = {
  result: (line: string) => process.stdout.write(`${line}\n`),
  progress: (line: string) => process.stderr.write(`${line}\n`),
};

/** parseArgs throws plain TypeErrors for unknown or malformed flags; they are usage errors. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function requireText(value: string | undefined, flag: string): string {
  const text = value?.trim();
  if (!text) throw new UsageError(`--${flag} is required and may not be empty`);
  return text;
}

export function requireOneOf<const T extends string>(
  value: string | undefined,
  flag: string,
  allowed: readonly T[],
): T {
  const text = requireText(value, flag);
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${text}")`);
  }
  return text as T;
}

/** Opens the database for one command and always closes it, so the process exits on its own. */
export async function withDatabase<T>(run: (database: Database, config: CliConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(cliConfigSchema);
  const database = createDatabase(config.DATABASE_URL, {
    max: config.DB_POOL_MAX,
    applicationName: 'baigou-cli',
  });
  try {
    return await run(database, config);
  } finally {
    await database.close();
  }
}

// Chinese organisation names take two terminal columns per character.
const wide = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;
const displayWidth = (text: string) => [...text].reduce((width, char) => width + (wide.test(char) ? 2 : 1), 0);
const pad = (text: string, width: number) => text + ' '.repeat(width - displayWidth(text));

/** A plain aligned table for people; scripts use `--json`. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}
