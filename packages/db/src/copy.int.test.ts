import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../test/support/services';
import { copyField, copyRows } from './copy';

const env = useTestEnvironment();

describe('copyRows: COPY on the connection of a drizzle transaction', () => {
  beforeAll(async () => {
    await env.database.db.execute(sql`
      create table copy_probe (id int primary key, label text, amount numeric, flag boolean);
      create table copy_probe_statements (rows int);
      create function copy_probe_count() returns trigger language plpgsql as $$
        begin insert into copy_probe_statements select count(*) from new_rows; return null; end $$;
      create trigger copy_probe_counted after insert on copy_probe referencing new table as new_rows
        for each statement execute function copy_probe_count();`);
  });

  const labels = async () =>
    (
      await env.database.db.execute<{ id: number; label: string | null }>(
        sql`select id, label from copy_probe order by id`,
      )
    ).rows;

  it('writes awkward text exactly, nulls as nulls, and fires statement triggers once with all rows', async () => {
    const awkward = 'tab\there\nnew line\r\\backslash \\N 中文 "quoted"';
    const rows = Array.from({ length: 4_500 }, (_, i) => [
      i,
      i === 1 ? awkward : i === 2 ? null : `r${i}`,
      '1.10',
      true,
    ]);
    await env.database.db.transaction((tx) => copyRows(tx, 'copy_probe', ['id', 'label', 'amount', 'flag'], rows));
    const written = await labels();
    expect(written).toHaveLength(4_500);
    expect(written[1]!.label).toBe(awkward);
    expect(written[2]!.label).toBeNull();
    const { rows: statements } = await env.database.db.execute<{ rows: number }>(
      sql`select rows from copy_probe_statements`,
    );
    expect(statements).toEqual([{ rows: 4_500 }]);
  });

  it('rolls back with its transaction, and a refused row refuses the whole COPY', async () => {
    await expect(
      env.database.db.transaction(async (tx) => {
        await copyRows(tx, 'copy_probe', ['id', 'label'], [[10_000, 'kept only if committed']]);
        tx.rollback();
      }),
    ).rejects.toThrow();
    await expect(
      env.database.db.transaction((tx) =>
        copyRows(
          tx,
          'copy_probe',
          ['id', 'label'],
          [
            [20_000, 'new'],
            [0, 'dup'],
          ],
        ),
      ),
    ).rejects.toThrow(/duplicate key/);
    const ids = (await labels()).map((row) => row.id);
    expect(ids).not.toContain(10_000);
    expect(ids).not.toContain(20_000);
  });

  it('refuses the pool: COPY must run on the transaction it belongs to', async () => {
    await expect(copyRows(env.database.db, 'copy_probe', ['id'], [[30_000]])).rejects.toThrow(/transaction/);
  });

  it('escapes exactly the characters COPY text format reads specially', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(12.5)).toBe('12.5');
    expect(copyField('plain')).toBe('plain');
  });
});
