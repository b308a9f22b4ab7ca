import type { DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import { groupBy } from '../shared/collections';
import type { DeclarationFact, FxReceiptFact, SubsidyTradeFacts } from '../subsidy/subsidy.ports';

/**
 * Trade's answer to the subsidy context's read port (subsidy/subsidy.ports.ts): the declarations of a
 * window with their FX and containers, in one set-based query, and open price reviews. Trade owns
 * these tables, so the SQL naming them lives here.
 */

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function declarationsInWindow(
  db: DbOrTx,
  window: { fromInstant: Date; toInstant: Date; countedOn: 'released' | 'exported' },
): Promise<DeclarationFact[]> {
  const counted = window.countedOn === 'released' ? sql`d.state->>'releasedAt'` : sql`d.state->>'exportedAt'`;
  // Per-declaration subqueries on indexed keys, not joins of CTEs: the window's row count is not
  // estimable from the jsonb instants, and a misestimate turned hash joins into quadratic loops. Rows
  // come in the port's own shape (a period reads some 25,000), so nothing is copied on the way out.
  const { rows } = await db.execute<DeclarationFact & Record<string, unknown>>(sql`
    select d.id as "declarationId", d.operator_org_id as "operatorOrgId", d.operator_id as "operatorId",
      d.state->>'releasedAt' as "releasedAt", d.status = 'withdrawn' as cancelled, d.currency,
      d.total_value as "totalValue", d.total_value_usd as "totalValueUsd",
      least(d.total_value,
        coalesce((select sum(a.amount) from fx_allocations a where a.declaration_id = d.id and a.currency = d.currency), 0)
        + coalesce((select sum(a.amount) from consolidation_transactions ct
            join fx_allocations a on a.transaction_id = ct.transaction_id and a.currency = d.currency
            where ct.consolidation_id = d.consolidation_id), 0))::text as "fxCollected",
      c.china_europe_rail as "chinaEuropeRail",
      coalesce((select json_agg(json_build_object('sourceId', cc.consolidation_id || ':' || cc.position, 'number', cc.number)
          order by cc.position)
         from consolidation_containers cc where cc.consolidation_id = d.consolidation_id), '[]') as containers
    from declarations d join consolidations c on c.id = d.consolidation_id
    where d.status in ('released', 'exported', 'withdrawn') and ${counted} is not null
      and (${counted})::timestamptz >= ${window.fromInstant.toISOString()}::timestamptz
      and (${counted})::timestamptz < ${window.toInstant.toISOString()}::timestamptz`);
  // Ordered by operator organisation, then declaration, here rather than by a sort of the wide rows in
  // PostgreSQL (which spilled to disk at 25,000 declarations): uuids order as their lower-case text does.
  return rows.sort((a, b) => byText(a.operatorOrgId, b.operatorOrgId) || byText(a.declarationId, b.declarationId));
}

async function fxReceiptsOf(
  db: DbOrTx,
  declarationIds: readonly string[],
  asOf: Date,
): Promise<Map<string, FxReceiptFact[]>> {
  if (declarationIds.length === 0) return new Map();
  const { rows } = await db.execute<FxReceiptFact & { declarationId: string } & Record<string, unknown>>(sql`
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
    select x.declaration_id as "declarationId", r.id as "receiptId", r.bank_reference as "bankReference", r.currency,
      sum(x.amount)::text as amount
    from allocated x join fx_receipts r on r.id = x.receipt_id
    group by x.declaration_id, r.id, r.bank_reference, r.currency
    order by x.declaration_id, r.id`);
  return groupBy(
    rows,
    (row) => row.declarationId,
    ({ declarationId: _, ...receipt }) => receipt,
  );
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
