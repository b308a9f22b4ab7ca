import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDate, ensurePriceLibrarySeed } from '@baigou/core';
import { priceLibraryBands, priceLibraryProductTypes, priceLibraryVersions } from '@baigou/db';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../test/support/services';
import { runCli } from './cli.testing';

const env = useTestEnvironment();
const cli = (...args: string[]) => runCli(args, { DATABASE_URL: env.databaseUrl });
const header = 'product_type_code,unit,currency,median,q1,q3,sample_size,window_from,window_to,source';

describe('pnpm cli prices import', () => {
  let folder: string;
  let codes: string[];
  const versionCount = async () => (await env.database.db.select({ n: count() }).from(priceLibraryVersions))[0]!.n;
  const bandCount = async () => (await env.database.db.select({ n: count() }).from(priceLibraryBands))[0]!.n;
  const file = async (name: string, lines: string[]) => {
    const path = join(folder, name);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'baigou-prices-'));
    await ensurePriceLibrarySeed(env.database.db);
    const rows = await env.database.db
      .select({ code: priceLibraryProductTypes.code })
      .from(priceLibraryProductTypes)
      .where(eq(priceLibraryProductTypes.defaultUnit, '007'))
      .orderBy(asc(priceLibraryProductTypes.code))
      .limit(25);
    codes = rows.map((row) => row.code);
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('imports a valid list as one proposed version, showing rows validated on stderr and the version on stdout', async () => {
    const path = await file('survey.csv', [
      header,
      ...codes.map(
        (code, index) =>
          `${code},007,CNY,${20 + index}.50,${18 + index},${23 + index},${10 + index},2026-08-01,2026-10-31,survey`,
      ),
    ]);
    const run = await cli(
      'prices',
      'import',
      '--file',
      path,
      '--effective-from',
      chinaDate(new Date()),
      '--label',
      'survey-2026-q3',
    );

    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/^validated 1\/25 rows$/m);
    expect(run.stderr).toMatch(/^validated 25\/25 rows$/m);
    expect(run.lines).toHaveLength(1);
    const result = JSON.parse(run.lines[0]!);
    expect(result).toMatchObject({
      label: 'survey-2026-q3',
      status: 'proposed',
      rows: 25,
      bandsReplaced: 25,
      bandsAdded: 0,
    });
    const [version] = await env.database.db
      .select()
      .from(priceLibraryVersions)
      .where(eq(priceLibraryVersions.id, result.versionId));
    expect(version).toMatchObject({
      source: 'import',
      status: 'proposed',
      summary: expect.objectContaining({ via: 'cli', rows: 25 }),
    });
  });

  it('reports every bad row on stderr, imports nothing and exits 1', async () => {
    const [versionsBefore, bandsBefore] = [await versionCount(), await bandCount()];
    const path = await file('bad.csv', [
      header,
      `${codes[0]},007,CNY,20,18,23,10,2026-08-01,2026-10-31,`,
      `${codes[1]},007,CNY,abc,18,23,10,2026-08-01,2026-10-31,`,
      `NO-SUCH-TYPE,007,CNY,20,18,23,10,2026-08-01,2026-10-31,`,
      `${codes[2]},007,ZZZ,20,25,23,0,2026-08-01,2026-10-31,`,
    ]);
    const run = await cli('prices', 'import', '--file', path);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^validated 4\/4 rows$/m);
    expect(run.stderr).toMatch(/^row 3: median: "abc" is not a decimal/m);
    expect(run.stderr).toMatch(/^row 4: product_type_code: "NO-SUCH-TYPE" is not a product type of the base version$/m);
    expect(run.stderr).toMatch(
      /^row 5: currency: "ZZZ" is not an active ISO 4217 currency code; q1: q1 is above the median; sample_size: .*$/m,
    );
    expect(run.stderr).not.toMatch(/^row 2:/m);
    expect(run.stderr).toContain('error: price_library.import_rejected');
    expect(run.stderr).toContain('3 of 4 rows are invalid; nothing was imported');
    expect([await versionCount(), await bandCount()]).toEqual([versionsBefore, bandsBefore]);
  });

  it('refuses a missing file, another file type and a malformed date as usage errors (exit 2)', async () => {
    const missing = await cli('prices', 'import');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('--file is required');
    const pdf = await cli('prices', 'import', '--file', join(folder, 'list.pdf'));
    expect(pdf.exitCode).toBe(2);
    expect(pdf.stderr).toContain('.csv or .xlsx');
    const date = await cli('prices', 'import', '--file', join(folder, 'survey.csv'), '--effective-from', '2026-02-30');
    expect(date.exitCode).toBe(2);
    expect(date.stderr).toContain('--effective-from must be a date');
    const absent = await cli('prices', 'import', '--file', join(folder, 'absent.csv'));
    expect(absent.exitCode).toBe(2);
    expect(absent.stderr).toContain('cannot read --file');
  });
});
