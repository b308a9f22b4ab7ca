import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../../test/support/services';
import { traceStatements } from './trace.repository';

/**
 * The trace's hand-written reads (trace.repository.ts), pinned two ways: their SQL text is
 * snapshotted, so a change to it shows in review, and each is planned (EXPLAIN, nothing runs)
 * against the migrated schema, so a table or column the schema no longer has fails here.
 */

const dialect = new PgDialect({ casing: 'snake_case' });
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const traceReads: [string, SQL][] = [
  ['declarations without criteria, first page', traceStatements.declarations({}, undefined, 51)],
  [
    'declarations by every criterion, after a cursor',
    traceStatements.declarations(
      {
        declarationId: id(1),
        entryNumber: '010120260000001',
        merchantId: id(2),
        merchantUscc: '91130600MA0000000X',
        purchaserId: id(3),
        hsPrefix: '4202',
        from: '2026-01-01',
        to: '2026-01-31',
        container: 'MSKU1234565',
      },
      { createdAt: '2026-01-05T00:00:00.000Z', id: id(4) },
      51,
    ),
  ],
  [
    'the subjects of a declaration chain',
    traceStatements.chainSubjects({ id: id(1), consolidation_id: id(2), operator_id: id(3) }),
  ],
  ['the events of subjects, in log order', traceStatements.eventsOf([id(1), id(2)])],
];

describe('trace SQL', () => {
  const env = useTestEnvironment();

  describe.each(traceReads)('%s', (_name, statement) => {
    it('sends the reviewed SQL text', () => {
      expect(dialect.sqlToQuery(statement).sql).toMatchSnapshot();
    });

    it('plans against the migrated schema', async () => {
      const plan = await env.database.db.execute(sql`explain ${statement}`);
      expect(plan.rows.length).toBeGreaterThan(0);
    });
  });
});
