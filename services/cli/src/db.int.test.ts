import { randomBytes } from 'node:crypto';
import { createDatabase, readManifest, referenceListVersions } from '@baigou/db';
import { dropTestDatabase } from '@baigou/db/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli } from './cli.testing';

// Not cloned from the template: this file checks that the CLI builds a database from nothing.
const { postgresUrl } = inject('services');
const freshUrl = new URL(postgresUrl);
freshUrl.pathname = `/baigou_cli_${randomBytes(6).toString('hex')}`;
const DATABASE_URL = freshUrl.toString();

afterAll(() => dropTestDatabase(postgresUrl, DATABASE_URL));

describe('pnpm cli db migrate', () => {
  it('creates, migrates and loads a missing database, then changes nothing on a second run', async () => {
    const first = await runCli(['db', 'migrate'], { DATABASE_URL });

    expect(first.stderr).not.toMatch(/^error/m);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain(`created database ${freshUrl.pathname.slice(1)}`);
    expect(first.stderr).toContain('migrations applied');
    expect(first.stderr).toMatch(/^ {2}hs8: 8957\/8957 rows$/m);

    const lists = await readManifest();
    const database = createDatabase(DATABASE_URL, { max: 1 });
    try {
      const loaded = await database.db.select().from(referenceListVersions);
      expect(loaded.map((row) => row.list).sort()).toEqual(lists.map((spec) => spec.list).sort());
    } finally {
      await database.close();
    }

    const second = await runCli(['db', 'migrate'], { DATABASE_URL });
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toContain('exists');
    expect(second.stderr.match(/: unchanged$/gm)).toHaveLength(lists.length);
    expect(second.stderr).not.toMatch(/: loaded$/m);
  });
});
