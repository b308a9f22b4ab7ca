import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestEnvironment } from './services';

describe('test environment', () => {
  const env = useTestEnvironment();

  it('gives each file a migrated database with the official code lists loaded', async () => {
    const result = await env.database.db.execute<{ list: string; rows: number }>(
      sql`select list, row_count as rows from reference_list_versions order by list`,
    );
    const byList = Object.fromEntries(result.rows.map((row) => [row.list, Number(row.rows)]));
    expect(byList.hs8).toBe(8957);
    expect(byList.country).toBe(264);
  });

  it('refuses UPDATE and DELETE on append-only history in the database itself', async () => {
    const { db } = env.database;
    const [org] = (
      await db.execute<{ id: string }>(
        sql`insert into organisations (name, kind) values ('Append Test', 'center') returning id`,
      )
    ).rows;
    await db.execute(
      sql`insert into party_status_history (party_type, party_id, to_status, actor_org_id) values ('merchant', gen_random_uuid(), 'submitted', ${org!.id})`,
    );
    await expect(db.execute(sql`update party_status_history set reason = 'x'`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only/) },
    });
    await expect(db.execute(sql`delete from party_status_history`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only/) },
    });
    await expect(db.execute(sql`delete from reference_codes where code = 'CHN'`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only/) },
    });
  });
});
