import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../../test/support/services';
import { reportStatements } from './statistics.repository';

/**
 * The monthly report's hand-written reads (statistics.repository.ts), pinned two ways: their SQL
 * text is snapshotted, so a change to it shows in review, and each is planned (EXPLAIN, nothing
 * runs) against the migrated schema, so a table or column the schema no longer has fails here.
 */

const dialect = new PgDialect({ casing: 'snake_case' });
const month = '2026-03';
const id = '00000000-0000-4000-8000-000000000001';

const reportReads: [string, SQL][] = [
  [
    'export figures of one dimension over the four periods',
    reportStatements.exportFigures(month, 'country', { valueUsd: 'value_usd', declarations: 'declarations' }),
  ],
  ['distinct active operators, merchants and purchasers', reportStatements.activeMembers(month)],
  ['FX collection figures', reportStatements.fxFigures(month)],
  ['price-check risk figures', reportStatements.riskFigures(month)],
  [
    'published months in ranges',
    reportStatements.publishedMonths([
      { from: '2025-01', to: '2025-03' },
      { from: '2026-01', to: '2026-02' },
    ]),
  ],
  ['the service center organisations', reportStatements.centerOrgIds()],
  ['operator names', reportStatements.partyNames('operators', [id])],
  ['merchant names', reportStatements.partyNames('merchants', [id])],
  ['product-type names', reportStatements.productTypeNames(['BAG-001', 'BAG-002'])],
];

describe('statistics report SQL', () => {
  const env = useTestEnvironment();

  describe.each(reportReads)('%s', (_name, statement) => {
    it('sends the reviewed SQL text', () => {
      expect(dialect.sqlToQuery(statement).sql).toMatchSnapshot();
    });

    it('plans against the migrated schema', async () => {
      const plan = await env.database.db.execute(sql`explain ${statement}`);
      expect(plan.rows.length).toBeGreaterThan(0);
    });
  });
});
