import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { migrateDatabase, migrationsFolder } from './migrate';
import { loadAllReferenceData, referenceDataFolder } from './reference-data.loader';

/**
 * Test databases: one template per content of migrations/ and reference-data/, migrated and loaded once;
 * each test file clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */

function withDatabase(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function folderDigest(hash: ReturnType<typeof createHash>, folder: string): Promise<void> {
  for (const entry of (await readdir(folder, { recursive: true })).sort()) {
    if (!/\.(sql|json|csv)$/.test(entry)) continue;
    hash.update(entry).update(await readFile(`${folder}/${entry}`));
  }
}

async function withAdmin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates (once per schema content) and returns the name of the migrated template database. */
export async function ensureTemplateDatabase(serverUrl: string): Promise<string> {
  const hash = createHash('sha256');
  await folderDigest(hash, migrationsFolder);
  await folderDigest(hash, referenceDataFolder);
  const name = `baigou_template_${hash.digest('hex').slice(0, 12)}`;
  const exists = await withAdmin(serverUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1 and datistemplate', [name]);
    if (found.rowCount) return true;
    await client.query(`drop database if exists ${name}`);
    await client.query(`create database ${name} encoding 'UTF8' template template0`);
    return false;
  });
  if (!exists) {
    await migrateDatabase(withDatabase(serverUrl, name));
    await loadAllReferenceData(withDatabase(serverUrl, name));
    await withAdmin(serverUrl, (client) =>
      client.query(`alter database ${name} with is_template true allow_connections false`),
    );
  }
  return name;
}

/** Clones the template into a fresh database and returns its URL. */
export async function createTestDatabase(serverUrl: string, template: string): Promise<string> {
  const name = `baigou_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, async (client) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`create database ${name} template ${template}`);
        return;
      } catch (error) {
        // 55006: another clone of the same template is being created at this instant.
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
  return withDatabase(serverUrl, name);
}

export async function dropTestDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  await withAdmin(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}
