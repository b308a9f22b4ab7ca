/** The command groups, for tooling that wants to list or document them; `main.ts` is the process entry. */
export { dbCommands } from './db.commands';
export { keysCommands } from './keys.commands';
export { pricesCommands } from './prices.commands';
export { UsageError, type Command, type CommandGroup } from './cli.support';
