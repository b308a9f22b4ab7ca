import type { DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import type { DeclarationFact, FxReceiptFact, SubsidyTradeFacts } from '../subsidy/subsidy.ports';

/**
 * Trade's answer to the subsidy context's read port (subsidy/subsidy.ports.ts): the declarations of a
 * window with their FX and containers, in one set-based query, and open price reviews. Trade owns
 * these tables, so the SQL naming them lives here.
 */

interface DeclarationRow extends Record<string, unknown> {
  declaration_id: string;
  operator_org_id: string;
  operator_id: string;
  released_at: string;
  cancelled: boolean;
  currency: string;
  total_value: string;
  total_value_usd: string;
  fx_collected: string;
  china_europe_rail: boolean;
  consolidation_id: string;
  /** [position, number] per container, by position. */
  containers: [number, string][] | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function declarationsInWindow(
  db: DbOrTx,
  window: { fromInstant: Date; toInstant: Date; countedOn: 'released' | 'exported' },
): Promise<DeclarationFact[]> {
  const counted = window.countedOn === 'released' ? sql`d.state->>'releasedAt'` : sql`d.state->>'exportedAt'`;
  // Per-declaration subqueries on indexed keys, not joins of CTEs: the window's row count is not
  // estimable from the jsonb instants, and a misestimate turned hash joins into quadratic loops.
  const { rows } = await db.execute<DeclarationRow>(sql`
    select d.id as declaration_id, d.operator_org_id, d.operator_id, d.state->>'releasedAt' as released_at,
      d.status = 'withdrawn' as cancelled, d.currency, d.total_value, d.total_value_usd,
      least(d.total_value,
        coalesce((select sum(a.amount) from fx_allocations a where a.declaration_id = d.id and a.currency = d.currency), 0)
        + coalesce((select sum(a.amount) from consolidation_transactions ct
            join fx_allocations a on a.transaction_id = ct.transaction_id and a.currency = d.currency
            where ct.consolidation_id = d.consolidation_id), 0))::text as fx_collected,
      c.china_europe_rail, d.consolidation_id,
      (select json_agg(json_build_array(cc.position, cc.number) order by cc.position)
         from consolidation_containers cc where cc.consolidation_id = d.consolidation_id) as containers
    from declarations d join consolidations c on c.id = d.consolidation_id
    where d.status in ('released', 'exported', 'withdrawn') and ${counted} is not null
      and (${counted})::timestamptz >= ${window.fromInstant.toISOString()}::timestamptz
      and (${counted})::timestamptz < ${window.toInstant.toISOString()}::timestamptz`);
  // Ordered by operator organisation, then declaration, here rather than by a sort of the wide rows in
  // PostgreSQL (which spilled to disk at 25,000 declarations): uuids order as their lower-case text does.
  rows.sort((a, b) => byText(a.operator_org_id, b.operator_org_id) || byText(a.declaration_id, b.declaration_id));
  return rows.map((row) => ({
    declarationId: row.declaration_id,
    operatorOrgId: row.operator_org_id,
    operatorId: row.operator_id,
    releasedAt: row.released_at,
    cancelled: row.cancelled,
    currency: row.currency,
    totalValue: row.total_value,
    totalValueUsd: row.total_value_usd,
    fxCollected: row.fx_collected,
    chinaEuropeRail: row.china_europe_rail,
    containers: (row.containers ?? []).map(([position, number]) => ({
      sourceId: `${row.consolidation_id}:${position}`,
      number,
    })),
  }));
}

async function fxReceiptsOf(
  db: DbOrTx,
  declarationIds: readonly string[],
  asOf: Date,
): Promise<Map<string, FxReceiptFact[]>> {
  if (declarationIds.length === 0) return new Map();
  const { rows } = await db.execute<{
    declaration_id: string;
    receipt_id: string;
    bank_reference: string;
    currency: string;
    amount: string;
  }>(sql`
    with wanted as (select id, currency, consolidation_id from declarations where id = any(${sql.param([...declarationIds])}::uuid[])),
    allocated as (
      select w.id as declaration_id, a.receipt_id, a.amount from wanted w
      join fx_allocations a on a.declaration_id = w.id and a.currency = w.currency
      where a.created_at <= ${asOf.toISOString()}::timestamptz
      union all
      select w.id, a.receipt_id, a.amount from wanted w
      join consolidation_transactions ct on ct.consolidation_id = w.consolidation_id
      join fx_allocations a on a.transaction_id = ct.transaction_id and a.currency = w.currency
      where a.created_at <= ${asOf.toISOString()}::timestamptz
    )
    select x.declaration_id, r.id as receipt_id, r.bank_reference, r.currency, sum(x.amount)::text as amount
    from allocated x join fx_receipts r on r.id = x.receipt_id
    group by x.declaration_id, r.id, r.bank_reference, r.currency
    order by x.declaration_id, r.id`);
  const byDeclaration = new Map<string, FxReceiptFact[]>();
  for (const row of rows) {
    const receipt = {
      receiptId: row.receipt_id,
      bankReference: row.bank_reference,
      currency: row.currency,
      amount: row.amount,
    };
    const own = byDeclaration.get(row.declaration_id);
    if (own) own.push(receipt);
    else byDeclaration.set(row.declaration_id, [receipt]);
  }
  return byDeclaration;
}

async function openHardBandReviews(db: DbOrTx, operatorOrgIds: readonly string[]): Promise<Map<string, number>> {
  if (operatorOrgIds.length === 0) return new Map();
  const { rows } = await db.execute<{ operator_org_id: string; open: number }>(sql`
    select operator_org_id, count(*)::int as open from transactions
    where status = 'in_review' and operator_org_id = any(${sql.param([...operatorOrgIds])}::uuid[])
    group by operator_org_id`);
  return new Map(rows.map((row) => [row.operator_org_id, row.open]));
}

export const tradeSubsidyFacts: SubsidyTradeFacts = { declarationsInWindow, fxReceiptsOf, openHardBandReviews };
