import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { factCountsSql, monthsBetween, ratio, valuesOf, windowEnding, type FactCounts } from './credit.characteristics';

const asOf = new Date('2026-12-01T00:00:00+08:00');

const counts: FactCounts = {
  operatorOrgId: '00000000-0000-4000-8000-000000000001',
  operatorId: '00000000-0000-4000-8000-000000000002',
  approvedAt: '2025-05-20T03:00:00.000Z',
  lines: 1_000,
  linesPriced: 800,
  linesOutsideSoft: 100,
  linesOutsideHard: 8,
  transactions: 120,
  transactionsDocumented: 117,
  merchants: 12,
  reviewed: 10,
  reviewRejected: 1,
  declarations: 30,
  declarationsRefused: 3,
  declarationsCancelled: 1,
  exportedUsd: '250000.00',
  collectedUsd: '200000.00',
  collectedDaysUsd: '9000000.00',
  railConsolidations: 2,
  customsTier: 'certified',
  taxGrade: 'B',
  safeCategory: null,
  customsPenalties: 0,
  smugglingCases: 0,
  dishonestListings: 0,
  subsidyFraudCases: 0,
};

describe('credit characteristics from fact counts', () => {
  it('turns counts into the values the scorecard reads, exactly', () => {
    expect(valuesOf(counts, asOf)).toEqual({
      price_outside_soft_share: '0.125',
      price_outside_hard_share: '0.01',
      review_rejected_share: '0.1',
      document_completeness: '0.975',
      declaration_refused_share: '0.1',
      declarations_cancelled_after_release: '1',
      fx_collected_ratio: '0.8',
      fx_collection_days: '45',
      tenure_months: '18',
      export_value_usd: '250000.00',
      merchants_served: '12',
      rail_consolidations: '2',
      customs_tier: '3',
      customs_penalties: '0',
      smuggling_cases: '0',
      tax_grade: '4',
      safe_category: null,
      dishonest_listings: '0',
      subsidy_fraud_cases: '0',
    });
  });

  it('answers null (no data) instead of dividing by zero, and rounds half up to six decimals', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(1, 3)).toBe('0.333333');
    expect(ratio(2, 3)).toBe('0.666667');
    expect(monthsBetween(null, asOf)).toBe('0');
    expect(monthsBetween('2026-11-30T16:00:00.000Z', asOf)).toBe('0');
  });

  it('reads every fact table once, grouped by operator (SQL under review)', () => {
    const query = new PgDialect().sqlToQuery(factCountsSql(windowEnding(asOf, 12)));
    expect(query.params).toContain('2025-11-30T16:00:00.000Z');
    expect(query.sql.match(/from transaction_lines/g)).toHaveLength(1);
    expect(query.sql).toMatchSnapshot();
  });
});
