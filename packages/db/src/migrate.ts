import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { createDatabase } from './client';

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

export async function migrateDatabase(url: string): Promise<void> {
  const database = createDatabase(url, { max: 1, applicationName: 'baigou-migrate' });
  try {
    await migrate(database.db, { migrationsFolder });
  } finally {
    await database.close();
  }
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

/** Latest migration this build expects, from drizzle-kit's journal. */
export async function expectedMigration(): Promise<{ count: number; when: number }> {
  const journal = JSON.parse(await readFile(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as Journal;
  return { count: journal.entries.length, when: journal.entries.at(-1)?.when ?? 0 };
}

/** True when the database has applied exactly the migrations this build carries. */
export async function migrationsCurrent(pool: pg.Pool): Promise<boolean> {
  const expected = await expectedMigration();
  try {
    const result = await pool.query<{ when: string }>(
      'select max(created_at)::text as when from drizzle.__drizzle_migrations',
    );
    return Number(result.rows[0]?.when ?? 0) === expected.when;
  } catch {
    return false;
  }
}

/** Creates the database named in `url` when it does not exist (for `pnpm start` on a fresh machine). */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database ${pg.escapeIdentifier(name)} encoding 'UTF8' template template0`);
    return true;
  } finally {
    await client.end();
  }
}
