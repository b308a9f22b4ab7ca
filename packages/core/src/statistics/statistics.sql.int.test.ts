import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../../test/support/services';
import {
  addTo,
  countedDeclarations,
  exportRows,
  fxRows,
  givenDeclarations,
  memberRows,
  riskRows,
  ROLLUPS,
} from './statistics.sql';

/**
 * The roll-up statements every release, cancellation, FX allocation and intake runs (and the
 * rebuild's month pass), pinned two ways: their SQL text is snapshotted, so a change to it shows in
 * review, and each is planned (EXPLAIN, nothing runs) against the migrated schema, so a table or
 * column the schema no longer has fails here rather than in production.
 */

const dialect = new PgDialect({ casing: 'snake_case' });
const released = [
  {
    declarationId: '00000000-0000-4000-8000-000000000001',
    month: '2026-01',
    sign: 1 as const,
    exportDate: '2026-01-05',
  },
  {
    declarationId: '00000000-0000-4000-8000-000000000002',
    month: '2025-12',
    sign: -1 as const,
    exportDate: '2025-12-30',
  },
];
const intake = ['00000000-0000-4000-8000-000000000003'];
const month = { from: '2026-01', to: '2026-01' };

const hotStatements: [string, SQL][] = [
  ['a release adds its export figures', addTo(ROLLUPS.exportRows, exportRows(givenDeclarations(released)))],
  ['a release adds its active parties', addTo(ROLLUPS.memberRows, memberRows(givenDeclarations(released)))],
  ['a release adds the FX already allocated to it', addTo(ROLLUPS.fxRows, fxRows(givenDeclarations(released)))],
  ['an intake adds its price-check risk', addTo(ROLLUPS.riskRows, riskRows(intake))],
  ['the rebuild recomputes a month of export figures', exportRows(countedDeclarations(month))],
  ['the rebuild recomputes a month of active parties', memberRows(countedDeclarations(month))],
  ['the rebuild recomputes a month of FX', fxRows(countedDeclarations(month))],
  ['the rebuild recomputes the risk of every transaction', riskRows()],
];

describe('statistics roll-up SQL', () => {
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
