import { cliConfigSchema, loadConfig } from '@baigou/config';
import { ensureDatabaseExists, loadAllReferenceData, migrateDatabase } from '@baigou/db';
import { output, parseFlags, type CommandGroup } from './cli.support';

/** The database name only: DATABASE_URL may carry a password, which never goes to a terminal. */
const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

async function migrate(args: string[]) {
  parseFlags({ args, options: {} });
  const config = loadConfig(cliConfigSchema);
  const name = databaseName(config.DATABASE_URL);
  const created = await ensureDatabaseExists(config.DATABASE_URL);
  output.progress(created ? `created database ${name}` : `database ${name} exists`);
  output.progress('applying migrations…');
  await migrateDatabase(config.DATABASE_URL);
  output.progress('migrations applied');
  await loadAllReferenceData(config.DATABASE_URL, output.progress);
  output.progress(`database ${name} is ready`);
}

export const dbCommands: CommandGroup = {
  summary: 'create and migrate the database',
  commands: {
    migrate: {
      summary: 'create the database if missing, apply migrations, load reference data',
      usage: `Usage: pnpm cli db migrate

Creates the database named in DATABASE_URL when it does not exist, applies every migration
in migrations/ and loads the official reference lists. Safe to run again: applied migrations
and already-loaded lists are skipped. Progress goes to stderr.`,
      run: migrate,
    },
  },
};
