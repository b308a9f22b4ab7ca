import { ConfigError } from '@baigou/config';
import { isDomainError } from '@baigou/core';
import { pgErrorCode } from '@baigou/db';
import { UsageError, output, type Command, type CommandGroup } from './cli.support';
import { dbCommands } from './db.commands';
import { keysCommands } from './keys.commands';
import { pricesCommands } from './prices.commands';
import { verifyBundleCommand } from './verify-bundle.commands';

/**
 * Staff/admin command line: `pnpm cli <group> <command> [flags]`.
 * Exit codes: 0 success, 1 refused by the domain or failed at run time, 2 usage or configuration error.
 */
const groups: Record<string, CommandGroup> = { keys: keysCommands, db: dbCommands, prices: pricesCommands };
/** Commands without a group: `pnpm cli verify-bundle <zip>`. */
const commands: Record<string, Command> = { 'verify-bundle': verifyBundleCommand };

const wantsHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

function overview(): string {
  const lines = ['Usage: pnpm cli <group> <command> [flags]', ''];
  for (const [groupName, group] of Object.entries(groups)) {
    lines.push(`  ${groupName}  ${group.summary}`);
    for (const [name, command] of Object.entries(group.commands)) {
      lines.push(`    ${`${groupName} ${name}`.padEnd(16)}${command.summary}`);
    }
  }
  for (const [name, command] of Object.entries(commands)) lines.push(`  ${name.padEnd(18)}${command.summary}`);
  lines.push('', 'Run "pnpm cli <group> <command> --help" for the flags of a command.');
  return lines.join('\n');
}

function groupHelp(groupName: string, group: CommandGroup): string {
  const commands = Object.entries(group.commands).map(([name, command]) => `  ${name.padEnd(8)}${command.summary}`);
  return [`Usage: pnpm cli ${groupName} <command> [flags]`, '', ...commands].join('\n');
}

/** Resolves argv to a command, or answers help and usage mistakes itself. */
function resolve(argv: string[]): { command: Command; path: string; args: string[] } | number {
  const [groupName, commandName, ...args] = argv;
  // Asked-for help goes to stdout with exit 0; help shown because something is missing is a usage error.
  if (!groupName) {
    output.progress(overview());
    return 2;
  }
  if (wantsHelp([groupName])) {
    output.result(overview());
    return 0;
  }
  const single = Object.hasOwn(commands, groupName) ? commands[groupName] : undefined;
  if (single) return { command: single, path: groupName, args: argv.slice(1) };
  const group = Object.hasOwn(groups, groupName) ? groups[groupName] : undefined;
  if (!group) {
    throw new UsageError(`unknown command group "${groupName}"; groups: ${Object.keys(groups).join(', ')}`, '');
  }
  if (!commandName) {
    output.progress(groupHelp(groupName, group));
    return 2;
  }
  if (wantsHelp([commandName])) {
    output.result(groupHelp(groupName, group));
    return 0;
  }
  const command = Object.hasOwn(group.commands, commandName) ? group.commands[commandName] : undefined;
  if (!command) {
    throw new UsageError(
      `unknown command "${groupName} ${commandName}"; commands: ${Object.keys(group.commands).join(', ')}`,
      groupName,
    );
  }
  return { command, path: `${groupName} ${commandName}`, args };
}

/** Maps an error to its exit code and a message a person can act on; no stack traces for known cases. */
function report(error: unknown, path: string | undefined): number {
  if (error instanceof UsageError) {
    output.progress(`error: ${error.message}`);
    const helpFor = path ?? error.helpFor ?? '';
    output.progress(`Run "pnpm cli ${helpFor}${helpFor ? ' ' : ''}--help" for usage.`);
    return 2;
  }
  if (error instanceof ConfigError) {
    output.progress(`error: ${error.message}`);
    return 2;
  }
  if (isDomainError(error)) {
    output.progress(`error: ${error.code}: ${error.title}`);
    if (error.message !== error.title) output.progress(`  ${error.message}`);
    return 1;
  }
  output.progress(`error: ${describe(error)}`);
  // 42P01 undefined_table: the usual cause is a database that was never migrated.
  if (pgErrorCode(error) === '42P01') output.progress('Is the database migrated? Run "pnpm cli db migrate".');
  return 1;
}

/** The innermost cause says what went wrong (`connect ECONNREFUSED …`, `relation "x" does not exist`);
 * the wrappers around it (drizzle's "Failed query: …") only repeat the SQL. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return describe(error.errors[0]);
  if (error instanceof Error && error.cause instanceof Error) return describe(error.cause);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}

async function main(argv: string[]): Promise<number> {
  let path: string | undefined;
  try {
    const resolved = resolve(argv);
    if (typeof resolved === 'number') return resolved;
    path = resolved.path;
    if (wantsHelp(resolved.args)) {
      output.result(resolved.command.usage);
      return 0;
    }
    await resolved.command.run(resolved.args);
    return 0;
  } catch (error) {
    return report(error, path);
  }
}

// exitCode, not exit(): stdout must drain before the process ends, or a piped JSON line is cut.
process.exitCode = await main(process.argv.slice(2));
