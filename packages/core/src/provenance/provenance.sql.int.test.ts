import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../../test/support/services';
import { insertLeaves, insertNodes, nodesOf, takePending } from './provenance.sql';

/**
 * The provenance log's hot statements (the node lookup behind every proof, the sequencer's append),
 * pinned two ways: their SQL text is snapshotted, so a change shows in review, and each is planned
 * (EXPLAIN, nothing runs) against the migrated schema, so a renamed table or column fails here.
 */

const dialect = new PgDialect({ casing: 'snake_case' });

const hotStatements: [string, SQL][] = [
  [
    'a proof reads the stored subtree hashes it needs in one query',
    nodesOf([
      { level: 0, index: 5 },
      { level: 2, index: 0 },
    ]),
  ],
  ['the sequencer takes the oldest pending events with their leaf hashes', takePending(5_000)],
  ['the sequencer appends leaves', insertLeaves(7, ['00000000-0000-4000-8000-000000000001'])],
  ['the sequencer stores completed subtrees', insertNodes([{ level: 1, index: 3, hash: new Uint8Array(32) }])],
];

describe('provenance log SQL', () => {
  const env = useTestEnvironment();

  describe.each(hotStatements)('%s', (_name, statement) => {
    it('sends the reviewed SQL text', () => {
      expect(dialect.sqlToQuery(statement).sql).toMatchSnapshot();
    });

    it('plans against the migrated schema', async () => {
      const plan = await env.database.db.execute(sql`explain ${statement}`);
      expect(plan.rows.length).toBeGreaterThan(0);
    });
  });
});
