import type { DbOrTx } from '@baigou/db';
import { ExactDecimal } from '../shared/money';
import { sql, type SQL } from 'drizzle-orm';
import { customsTierLevels, safeCategoryLevels, taxGradeLevels } from './credit.scorecard.seed';

/**
 * The facts credit scoring reads, for every operator at once, as of an instant over a window:
 * one set-based statement with one aggregate per fact table (goods lines, transactions and their
 * status history, declarations and their events, FX allocations, consolidations, registrations,
 * credit facts), grouped by operator organisation. Per-operator loops would read the 5-million-line
 * table a thousand times; this reads it once.
 *
 * "As of" means what was recorded by then: rows created after `asOf` are ignored, and statuses
 * are taken from the append-only histories (transaction_status_history, declaration_events), not
 * from today's status columns, so a decision made today as of last month sees last month's facts.
 *
 * This is the credit context's read port onto what trade, registry and FX recorded. It reads their
 * tables in SQL because a set-based aggregate cannot go through per-record service calls; it names
 * only columns those contexts document as history.
 */

export interface FactCounts {
  operatorOrgId: string;
  operatorId: string;
  approvedAt: string | null;
  lines: number;
  linesPriced: number;
  linesOutsideSoft: number;
  linesOutsideHard: number;
  transactions: number;
  transactionsDocumented: number;
  merchants: number;
  reviewed: number;
  reviewRejected: number;
  declarations: number;
  declarationsRefused: number;
  declarationsCancelled: number;
  exportedUsd: string;
  collectedUsd: string;
  collectedDaysUsd: string;
  railConsolidations: number;
  customsTier: string | null;
  taxGrade: string | null;
  safeCategory: string | null;
  customsPenalties: number;
  smugglingCases: number;
  dishonestListings: number;
  subsidyFraudCases: number;
}

export interface Window {
  asOf: Date;
  from: Date;
}

/** The window of `months` months ending at `asOf` (exclusive start, inclusive end). */
export function windowEnding(asOf: Date, months: number): Window {
  const from = new Date(asOf);
  from.setUTCMonth(from.getUTCMonth() - months);
  return { asOf, from };
}

interface Params {
  asOf: string;
  from: string;
  /** `and <column> = <only>` when one operator is scored, else nothing. */
  org: (column: string) => SQL;
  inWindow: (column: string) => SQL;
  /** The China dates of the window's end and start, for effective-dated facts. */
  day: SQL;
  fromDay: SQL;
}

function params(window: Window, only?: string): Params {
  const asOf = window.asOf.toISOString();
  const from = window.from.toISOString();
  return {
    asOf,
    from,
    org: (column) => (only ? sql`and ${sql.raw(column)} = ${only}::uuid` : sql``),
    inWindow: (column) => sql`${sql.raw(column)} > ${from}::timestamptz and ${sql.raw(column)} <= ${asOf}::timestamptz`,
    day: sql`(${asOf}::timestamptz at time zone 'Asia/Shanghai')::date`,
    fromDay: sql`(${from}::timestamptz at time zone 'Asia/Shanghai')::date`,
  };
}

/** Approved operators (by the approval in the registration history) and their transactions, lines and reviews. */
function tradeCtes({ asOf, org, inWindow }: Params): SQL {
  return sql`
ops as (
    select o.org_id, o.id as operator_id, min(h.created_at) as approved_at
    from operators o
    join party_status_history h on h.party_type = 'operator' and h.party_id = o.id and h.to_status = 'approved'
    where h.created_at <= ${asOf}::timestamptz ${org('o.org_id')}
    group by o.org_id, o.id
  ),
  tx as (
    select t.operator_org_id, count(*) as transactions, count(distinct t.merchant_id) as merchants,
      count(*) filter (where exists (select 1 from transaction_documents d
        where d.transaction_id = t.id and d.kind in ('sales_slip', 'receipt'))) as documented
    from transactions t
    where ${inWindow('t.created_at')} ${org('t.operator_org_id')}
    group by t.operator_org_id
  ),
  lines as (
    select t.operator_org_id, count(*) as lines,
      count(*) filter (where l.price_check->>'status' in ('ok', 'low', 'high')) as priced,
      count(*) filter (where l.price_check->>'status' in ('low', 'high')) as outside_soft,
      count(*) filter (where l.price_check->>'status' in ('low', 'high') and l.price_check->>'severity' = 'review') as outside_hard
    from transaction_lines l join transactions t on t.id = l.transaction_id
    where ${inWindow('t.created_at')} ${org('t.operator_org_id')}
    group by t.operator_org_id
  ),
  reviews as (
    select t.operator_org_id,
      count(distinct h.transaction_id) filter (where h.to_status = 'in_review') as reviewed,
      count(distinct h.transaction_id) filter (where h.from_status = 'in_review' and h.to_status = 'rejected') as rejected
    from transaction_status_history h join transactions t on t.id = h.transaction_id
    where ${inWindow('t.created_at')} and h.created_at <= ${asOf}::timestamptz ${org('t.operator_org_id')}
    group by t.operator_org_id
  )`;
}

/** Declarations as of the instant (from their events), exports and the FX collected against them, rail use. */
function declarationCtes({ asOf, org, inWindow }: Params): SQL {
  return sql`
  decl as (
    select d.operator_org_id, count(distinct d.id) as declarations,
      count(distinct d.id) filter (where e.to_status = 'rejected'
        or (e.to_status = 'withdrawn' and e.from_status in ('draft', 'submitted'))) as refused,
      count(distinct d.id) filter (where e.to_status = 'withdrawn' and e.from_status in ('released', 'exported')) as cancelled
    from declarations d join declaration_events e on e.declaration_id = d.id
    where ${inWindow('d.created_at')} and e.created_at <= ${asOf}::timestamptz ${org('d.operator_org_id')}
    group by d.operator_org_id
  ),
  exported as (
    select d.id, d.operator_org_id, d.consolidation_id, d.total_value_usd, d.total_value_usd / d.total_value as usd_per_unit,
      ((e.event->>'at')::timestamptz at time zone 'Asia/Shanghai')::date as exported_on,
      bool_or(c.to_status = 'withdrawn') as cancelled
    from declarations d
    join declaration_events e on e.declaration_id = d.id and e.to_status = 'exported' and e.created_at <= ${asOf}::timestamptz
    left join declaration_events c on c.declaration_id = d.id and c.to_status = 'withdrawn' and c.created_at <= ${asOf}::timestamptz
    where ${inWindow("(e.event->>'at')::timestamptz")} ${org('d.operator_org_id')}
    group by d.id, e.event
  ),
  allocated as (
    select x.id, a.amount, r.value_date from exported x
    join fx_allocations a on a.declaration_id = x.id join fx_receipts r on r.id = a.receipt_id
    where not x.cancelled and a.created_at <= ${asOf}::timestamptz
    union all
    select x.id, a.amount, r.value_date from exported x
    join consolidation_transactions ct on ct.consolidation_id = x.consolidation_id
    join fx_allocations a on a.transaction_id = ct.transaction_id join fx_receipts r on r.id = a.receipt_id
    where not x.cancelled and a.created_at <= ${asOf}::timestamptz
  ),
  paid as (
    select x.id, sum(a.amount) as amount, sum(a.amount * (a.value_date - x.exported_on)) as amount_days
    from exported x join allocated a on a.id = x.id
    group by x.id
  ),
  fx as (
    select x.operator_org_id, sum(x.total_value_usd) as exported_usd,
      sum(least(coalesce(p.amount, 0) * x.usd_per_unit, x.total_value_usd)) as collected_usd,
      sum(coalesce(p.amount_days, 0) * x.usd_per_unit) as collected_days_usd
    from exported x left join paid p on p.id = x.id
    where not x.cancelled
    group by x.operator_org_id
  ),
  rail as (
    select c.operator_org_id, count(*) filter (where c.china_europe_rail) as rail
    from consolidations c
    where ${inWindow('c.created_at')} ${org('c.operator_org_id')}
    group by c.operator_org_id
  )`;
}

/** Staff-recorded credit facts in force (not retracted by then): states by latest effective date, events counted. */
function creditFactCtes({ asOf, org, day, fromDay }: Params): SQL {
  return sql`
  facts as (
    select f.*, ((f.effective_from <= ${day}) and (f.effective_to is null or f.effective_to > ${day})) as in_force
    from credit_facts f
    left join credit_fact_retractions r on r.fact_id = f.id and r.created_at <= ${asOf}::timestamptz
    where r.fact_id is null and f.created_at <= ${asOf}::timestamptz ${org('f.operator_org_id')}
  ),
  states as (
    select distinct on (operator_org_id, kind) operator_org_id, kind, value
    from facts where in_force and kind in ('customs_tier', 'tax_grade', 'safe_category')
    order by operator_org_id, kind, effective_from desc, created_at desc
  ),
  state_values as (
    select operator_org_id,
      max(value) filter (where kind = 'customs_tier') as customs_tier,
      max(value) filter (where kind = 'tax_grade') as tax_grade,
      max(value) filter (where kind = 'safe_category') as safe_category
    from states group by operator_org_id
  ),
  events as (
    select operator_org_id,
      count(*) filter (where kind = 'customs_penalty' and effective_from > ${fromDay} and effective_from <= ${day}) as penalties,
      count(*) filter (where kind = 'smuggling_case' and effective_from > ${fromDay} and effective_from <= ${day}) as smuggling,
      count(*) filter (where kind = 'subsidy_fraud' and effective_from > ${fromDay} and effective_from <= ${day}) as fraud,
      count(*) filter (where kind = 'dishonest_listing' and in_force) as listings
    from facts group by operator_org_id
  )`;
}

/** The statement; `only` restricts it to one operator organisation (event-driven re-scoring). */
export function factCountsSql(window: Window, only?: string): SQL {
  const p = params(window, only);
  return sql`
  with ${tradeCtes(p)}, ${declarationCtes(p)}, ${creditFactCtes(p)}
  select ops.org_id, ops.operator_id, ops.approved_at,
    coalesce(lines.lines, 0) as lines, coalesce(lines.priced, 0) as priced,
    coalesce(lines.outside_soft, 0) as outside_soft, coalesce(lines.outside_hard, 0) as outside_hard,
    coalesce(tx.transactions, 0) as transactions, coalesce(tx.documented, 0) as documented, coalesce(tx.merchants, 0) as merchants,
    coalesce(reviews.reviewed, 0) as reviewed, coalesce(reviews.rejected, 0) as review_rejected,
    coalesce(decl.declarations, 0) as declarations, coalesce(decl.refused, 0) as refused, coalesce(decl.cancelled, 0) as cancelled,
    coalesce(fx.exported_usd, 0) as exported_usd, coalesce(fx.collected_usd, 0) as collected_usd,
    coalesce(fx.collected_days_usd, 0) as collected_days_usd, coalesce(rail.rail, 0) as rail,
    state_values.customs_tier, state_values.tax_grade, state_values.safe_category,
    coalesce(events.penalties, 0) as penalties, coalesce(events.smuggling, 0) as smuggling,
    coalesce(events.fraud, 0) as fraud, coalesce(events.listings, 0) as listings
  from ops
  left join lines on lines.operator_org_id = ops.org_id
  left join tx on tx.operator_org_id = ops.org_id
  left join reviews on reviews.operator_org_id = ops.org_id
  left join decl on decl.operator_org_id = ops.org_id
  left join fx on fx.operator_org_id = ops.org_id
  left join rail on rail.operator_org_id = ops.org_id
  left join state_values on state_values.operator_org_id = ops.org_id
  left join events on events.operator_org_id = ops.org_id
  order by ops.org_id`;
}

const int = (value: unknown) => Number(value ?? 0);
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** Reads the fact counts of every operator (or one) as of the window's end. */
export async function readFactCounts(db: DbOrTx, window: Window, only?: string): Promise<FactCounts[]> {
  const result = await db.transaction(async (tx) => {
    // The grouped CTEs make the planner expect millions of rows, and JIT then spends seconds compiling
    // a statement that runs in less; it never pays off here.
    await tx.execute(sql`set local jit = off`);
    return tx.execute(factCountsSql(window, only));
  });
  return result.rows.map((row) => ({
    operatorOrgId: String(row.org_id),
    operatorId: String(row.operator_id),
    approvedAt: row.approved_at ? new Date(String(row.approved_at)).toISOString() : null,
    lines: int(row.lines),
    linesPriced: int(row.priced),
    linesOutsideSoft: int(row.outside_soft),
    linesOutsideHard: int(row.outside_hard),
    transactions: int(row.transactions),
    transactionsDocumented: int(row.documented),
    merchants: int(row.merchants),
    reviewed: int(row.reviewed),
    reviewRejected: int(row.review_rejected),
    declarations: int(row.declarations),
    declarationsRefused: int(row.refused),
    declarationsCancelled: int(row.cancelled),
    exportedUsd: new ExactDecimal(String(row.exported_usd ?? 0)).toFixed(2),
    collectedUsd: new ExactDecimal(String(row.collected_usd ?? 0)).toFixed(2),
    collectedDaysUsd: new ExactDecimal(String(row.collected_days_usd ?? 0)).toFixed(2),
    railConsolidations: int(row.rail),
    customsTier: text(row.customs_tier),
    taxGrade: text(row.tax_grade),
    safeCategory: text(row.safe_category),
    customsPenalties: int(row.penalties),
    smugglingCases: int(row.smuggling),
    dishonestListings: int(row.listings),
    subsidyFraudCases: int(row.fraud),
  }));
}

// --- counts → characteristic values (pure) -----------------------------------------------------

/** numerator / denominator to 6 decimals (half-up), or null when there is nothing to divide by. */
export function ratio(numerator: number | string, denominator: number | string): string | null {
  const d = new ExactDecimal(denominator);
  if (d.isZero()) return null;
  return new ExactDecimal(numerator).div(d).toDecimalPlaces(6, ExactDecimal.ROUND_HALF_UP).toString();
}

const levelOf = (levels: readonly { value: number; code: string }[], code: string | null) => {
  const level = levels.find((entry) => entry.code === code);
  return level ? String(level.value) : null;
};

/** Whole months from approval to the instant. */
export function monthsBetween(from: string | null, to: Date): string {
  if (!from) return '0';
  const start = new Date(from);
  let months = (to.getUTCFullYear() - start.getUTCFullYear()) * 12 + (to.getUTCMonth() - start.getUTCMonth());
  if (to.getUTCDate() < start.getUTCDate()) months -= 1;
  return String(Math.max(0, months));
}

/** The characteristic values the scorecard reads, from one operator's counts. Pure. */
export function valuesOf(counts: FactCounts, asOf: Date): Record<string, string | null> {
  const collected = new ExactDecimal(counts.collectedUsd);
  return {
    price_outside_soft_share: ratio(counts.linesOutsideSoft, counts.linesPriced),
    price_outside_hard_share: ratio(counts.linesOutsideHard, counts.linesPriced),
    review_rejected_share: ratio(counts.reviewRejected, counts.reviewed),
    document_completeness: ratio(counts.transactionsDocumented, counts.transactions),
    declaration_refused_share: ratio(counts.declarationsRefused, counts.declarations),
    declarations_cancelled_after_release: String(counts.declarationsCancelled),
    fx_collected_ratio: ratio(counts.collectedUsd, counts.exportedUsd),
    fx_collection_days: collected.isZero() ? null : ratio(counts.collectedDaysUsd, counts.collectedUsd),
    tenure_months: monthsBetween(counts.approvedAt, asOf),
    export_value_usd: counts.exportedUsd,
    merchants_served: String(counts.merchants),
    rail_consolidations: String(counts.railConsolidations),
    customs_tier: levelOf(customsTierLevels, counts.customsTier),
    customs_penalties: String(counts.customsPenalties),
    smuggling_cases: String(counts.smugglingCases),
    tax_grade: levelOf(taxGradeLevels, counts.taxGrade),
    safe_category: levelOf(safeCategoryLevels, counts.safeCategory),
    dishonest_listings: String(counts.dishonestListings),
    subsidy_fraud_cases: String(counts.subsidyFraudCases),
  };
}
