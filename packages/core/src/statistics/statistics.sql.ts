import {
  consolidationContainers,
  consolidations,
  consolidationTransactions,
  declarations,
  fxAllocations,
  fxReceipts,
  statisticsExportMonthly,
  statisticsFxMonthly,
  statisticsMonthlyMembers,
  statisticsRiskMonthly,
  transactionLines,
  transactions,
  transactionStatusHistory,
} from '@baigou/db';
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { columnList, columnName, eachColumn } from '../shared/sql';
import { TWO_TEU_CONTAINER_TYPES } from './statistics.models';

/**
 * The SQL that turns declarations into roll-up rows. Every function takes a *declaration source*: a
 * query with the columns (id, consolidation_id, operator_id, cny_per_usd, cny_per_unit, month, sign,
 * export_date). The incremental path feeds it the declarations whose state just changed (sign −1
 * where they leave a month, +1 where they enter one); the rebuild and the base-table report feed it
 * every counted declaration with sign +1. One SQL for both, so the rebuild reproduces the deltas.
 */

// Every roll-up statement emits its rows in primary-key order, so concurrent upserts lock shared rows
// (a month's totals) in the same order and cannot deadlock each other.

/** A PG array literal of plain tokens (uuids, months, dates, small integers), passed as one parameter. */
export const pgArray = (values: readonly (string | number)[]) =>
  `{${values.map((value) => `"${String(value)}"`).join(',')}}`;

/** The China date of a state's release instant. */
const RELEASE_DAY = sql`((x.state->>'releasedAt')::timestamptz at time zone 'Asia/Shanghai')::date`;

/** Every counted declaration (released or exported), with its month; `months` limits it to a range. */
export function countedDeclarations(range?: { from: string; to: string }): SQL {
  return sql`select x.id, x.consolidation_id, x.operator_id, x.cny_per_usd, x.cny_per_unit,
      to_char(${RELEASE_DAY}, 'YYYY-MM') as month, 1 as sign, ${RELEASE_DAY} as export_date
    from ${declarations} x
    where x.status in ('released', 'exported')
      ${range ? sql`and to_char(${RELEASE_DAY}, 'YYYY-MM') between ${range.from} and ${range.to}` : sql``}`;
}

/** Given declarations with month, sign and export date. */
export function givenDeclarations(
  deltas: readonly { declarationId: string; month: string; sign: 1 | -1; exportDate: string }[],
): SQL {
  return sql`select x.id, x.consolidation_id, x.operator_id, x.cny_per_usd, x.cny_per_unit, m.month, m.sign, m.export_date
    from unnest(${pgArray(deltas.map((d) => d.declarationId))}::uuid[], ${pgArray(deltas.map((d) => d.month))}::text[],
                ${pgArray(deltas.map((d) => d.sign))}::int[], ${pgArray(deltas.map((d) => d.exportDate))}::date[]) as m(id, month, sign, export_date)
    join ${declarations} x on x.id = m.id`;
}

/** A source line's USD and CNY at the declaration's customs rate, rounded as the declaration rounds (half up, to the cent). */
const LINE_USD = sql`case when tl.currency = 'USD' then round(tl.amount, 2) else round(tl.amount * d.cny_per_unit / d.cny_per_usd, 2) end`;
const LINE_CNY = sql`round(tl.amount * d.cny_per_unit, 2)`;
const TEU = sql.raw(
  `case when cc.type in (${TWO_TEU_CONTAINER_TYPES.map((code) => `'${code}'`).join(',')}) then 2 else 1 end`,
);

/**
 * Roll-up rows of statistics_export_monthly (month, dimension, member, value_usd … teu), signed sums.
 * Lines are summed per transaction first (`t`): the dimensions a whole transaction shares (operator,
 * country, transport, merchant) count its declarations and transactions from those rows, ten times
 * fewer than lines; only the line-level dimensions (HS chapter and heading, product type) count
 * distinct declarations and transactions over the lines themselves.
 */
export function exportRows(source: SQL): SQL {
  const byLine = (dimension: string, member: SQL) =>
    sql`select month, sign, ${dimension}::text as dimension, (${member})::text as member, sum(usd) as usd, sum(cny) as cny,
        count(distinct declaration_id) as decl, count(distinct transaction_id) as tx, count(*) as lines, 0::bigint as containers, 0::bigint as teu
      from l group by month, sign, 4`;
  const byTransaction = (dimension: string, member: SQL, where?: SQL) =>
    sql`select month, sign, ${dimension}::text as dimension, (${member})::text as member, sum(usd) as usd, sum(cny) as cny,
        count(distinct declaration_id) as decl, count(*) as tx, sum(lines) as lines, 0::bigint as containers, 0::bigint as teu
      from t ${where ?? sql``} group by month, sign, 4`;
  const byContainer = (dimension: string, member: SQL, where?: SQL) =>
    sql`select month, sign, ${dimension}::text, (${member})::text, 0::numeric, 0::numeric, 0::bigint, 0::bigint, 0::bigint, sum(containers), sum(teu)
      from k ${where ?? sql``} group by month, sign, 4`;
  return sql`with d as (${source}),
    l as (
      select d.month, d.sign, d.id as declaration_id, d.operator_id, c.destination_country, c.transport_mode, c.china_europe_rail,
             tl.transaction_id, coalesce(tl.hs_code, '') as hs_code, coalesce(tl.product_type_code, '') as product_type_code,
             ${LINE_USD} as usd, ${LINE_CNY} as cny
      from d
      join ${consolidations} c on c.id = d.consolidation_id
      join ${transactionLines} tl on tl.consolidation_id = d.consolidation_id
    ),
    t as (
      select l.month, l.sign, l.declaration_id, l.operator_id, l.destination_country, l.transport_mode, l.china_europe_rail, x.merchant_id,
             sum(l.usd) as usd, sum(l.cny) as cny, count(*) as lines
      from l join ${transactions} x on x.id = l.transaction_id
      group by l.month, l.sign, l.declaration_id, l.operator_id, l.destination_country, l.transport_mode, l.china_europe_rail, l.transaction_id, x.merchant_id
    ),
    k as (
      select d.month, d.sign, c.transport_mode, c.china_europe_rail, count(*) as containers, sum(${TEU}) as teu
      from d join ${consolidations} c on c.id = d.consolidation_id join ${consolidationContainers} cc on cc.consolidation_id = c.id
      group by d.month, d.sign, c.transport_mode, c.china_europe_rail
    ),
    g as (
      ${byTransaction('totals', sql`''`)}
      union all ${byTransaction('country', sql`destination_country`)}
      union all ${byLine('chapter', sql`left(hs_code, 2)`)}
      union all ${byLine('heading', sql`left(hs_code, 4)`)}
      union all ${byLine('product_type', sql`product_type_code`)}
      union all ${byTransaction('operator', sql`operator_id`)}
      union all ${byTransaction('merchant', sql`merchant_id`)}
      union all ${byTransaction('transport', sql`transport_mode`)}
      union all ${byTransaction('rail', sql`'china_europe_rail'`, sql`where china_europe_rail`)}
      union all ${byContainer('totals', sql`''`)}
      union all ${byContainer('transport', sql`transport_mode`)}
      union all ${byContainer('rail', sql`'china_europe_rail'`, sql`where china_europe_rail`)}
    )
    select month, dimension, member, sum(sign * usd) as value_usd, sum(sign * cny) as value_cny, sum(sign * decl)::int as declarations,
           sum(sign * tx)::int as transactions, sum(sign * lines)::int as goods_lines, sum(sign * containers)::int as containers, sum(sign * teu)::int as teu
    from g group by month, dimension, member
    order by dimension, month, member`;
}

/** Roll-up rows of statistics_monthly_members (month, kind, member_id, refs): counted goods lines per active party. */
export function memberRows(source: SQL): SQL {
  return sql`with d as (${source}),
    l as (
      select d.month, d.sign, d.operator_id, t.merchant_id, t.purchaser_id
      from d join ${transactionLines} tl on tl.consolidation_id = d.consolidation_id join ${transactions} t on t.id = tl.transaction_id
    ),
    g as (
      select month, sign, 'operator'::text as kind, operator_id as member_id, count(*) as n from l group by 1, 2, 3, 4
      union all select month, sign, 'merchant', merchant_id, count(*) from l group by 1, 2, 3, 4
      union all select month, sign, 'purchaser', purchaser_id, count(*) from l group by 1, 2, 3, 4
    )
    select month, kind, member_id, sum(sign * n)::int as refs from g group by month, kind, member_id order by kind, month, member_id`;
}

/**
 * Roll-up rows of statistics_fx_monthly (month, received_usd, allocations, collection_days): FX
 * allocated to the declaration itself or to its transactions, in USD at the declaration's customs
 * rate, and days from the export date to each receipt's value date.
 */
export function fxRows(source: SQL): SQL {
  return sql`with d as (${source}),
    a as (
      select d.month, d.sign, d.export_date, d.cny_per_unit, d.cny_per_usd, fa.amount, fa.currency, r.value_date
      from d join ${fxAllocations} fa on fa.declaration_id = d.id join ${fxReceipts} r on r.id = fa.receipt_id
      union all
      select d.month, d.sign, d.export_date, d.cny_per_unit, d.cny_per_usd, fa.amount, fa.currency, r.value_date
      from d join ${consolidationTransactions} ct on ct.consolidation_id = d.consolidation_id
      join ${fxAllocations} fa on fa.transaction_id = ct.transaction_id join ${fxReceipts} r on r.id = fa.receipt_id
    )
    select month,
           sum(sign * case when currency = 'USD' then amount else round(amount * cny_per_unit / cny_per_usd, 2) end) as received_usd,
           sum(sign)::int as allocations, sum(sign * (value_date - export_date))::int as collection_days
    from a group by month order by month`;
}

/**
 * Roll-up rows of statistics_risk_monthly for the given transactions (or all of them), by month
 * of trade date: lines warned (soft band), lines outside the hard band, transactions held for
 * review at intake, transactions refused by staff.
 */
export function riskRows(transactionIds?: readonly string[]): SQL {
  const which = transactionIds ? sql`where t.id = any(${pgArray(transactionIds)}::uuid[])` : sql``;
  return sql`with t as (
      select t.id, to_char(t.trade_date, 'YYYY-MM') as month, t.status,
             exists (select 1 from ${transactionStatusHistory} h where h.transaction_id = t.id and h.from_status is null and h.to_status = 'in_review') as reviewed
      from ${transactions} t ${which}
    ),
    per as (
      select t.month, t.status, t.reviewed,
             count(*) filter (where tl.price_check->>'severity' = 'warning') as warning_lines,
             count(*) filter (where tl.price_check->>'severity' = 'review' and tl.price_check->>'status' in ('low', 'high')) as hard_band_lines
      from t join ${transactionLines} tl on tl.transaction_id = t.id
      group by t.id, t.month, t.status, t.reviewed
    )
    select month, sum(warning_lines)::int as warning_lines, sum(hard_band_lines)::int as hard_band_lines,
           count(*) filter (where reviewed)::int as review_transactions, count(*) filter (where status = 'rejected')::int as rejected_transactions
    from per group by month order by month`;
}

/**
 * A roll-up table: its key columns (primary-key order), the summed columns every delta adds to, and
 * its columns in the order the row builders above emit them.
 */
export interface RollupTable {
  table: PgTable;
  keys: readonly PgColumn[];
  values: readonly PgColumn[];
  emitted: readonly PgColumn[];
}

const exportMonthly = statisticsExportMonthly;
const members = statisticsMonthlyMembers;
const fxMonthly = statisticsFxMonthly;
const riskMonthly = statisticsRiskMonthly;
const EXPORT_VALUES = [
  exportMonthly.valueUsd,
  exportMonthly.valueCny,
  exportMonthly.declarations,
  exportMonthly.transactions,
  exportMonthly.goodsLines,
  exportMonthly.containers,
  exportMonthly.teu,
];
const FX_VALUES = [fxMonthly.receivedUsd, fxMonthly.allocations, fxMonthly.collectionDays];
const RISK_VALUES = [
  riskMonthly.warningLines,
  riskMonthly.hardBandLines,
  riskMonthly.reviewTransactions,
  riskMonthly.rejectedTransactions,
];

/** The roll-up tables, each named after the row builder that fills it. */
export const ROLLUPS = {
  exportRows: {
    table: exportMonthly,
    keys: [exportMonthly.dimension, exportMonthly.month, exportMonthly.member],
    values: EXPORT_VALUES,
    emitted: [exportMonthly.month, exportMonthly.dimension, exportMonthly.member, ...EXPORT_VALUES],
  },
  memberRows: {
    table: members,
    keys: [members.kind, members.month, members.memberId],
    values: [members.refs],
    emitted: [members.month, members.kind, members.memberId, members.refs],
  },
  fxRows: { table: fxMonthly, keys: [fxMonthly.month], values: FX_VALUES, emitted: [fxMonthly.month, ...FX_VALUES] },
  riskRows: {
    table: riskMonthly,
    keys: [riskMonthly.month],
    values: RISK_VALUES,
    emitted: [riskMonthly.month, ...RISK_VALUES],
  },
} satisfies Record<string, RollupTable>;
export type RollupName = keyof typeof ROLLUPS;

/**
 * `rows` (with `columns`, in that order) added to a roll-up: new keys inserted, existing ones summed.
 * Every delta and the rebuild's corrections write through this.
 */
export function addTo(rollup: RollupTable, rows: SQL, columns: readonly PgColumn[] = rollup.emitted): SQL {
  const added = sql.join(
    rollup.values
      .filter((value) => columns.includes(value))
      .map((value) => sql`${columnName(value)} = ${value} + excluded.${columnName(value)}`),
    sql`, `,
  );
  return sql`insert into ${rollup.table} (${columnList(columns)}) ${rows} on conflict (${columnList(rollup.keys)}) do update set ${added}`;
}

/** Every summed column of the roll-up is zero (`alias.` before each where given). */
export const allZero = (rollup: RollupTable, alias = '') =>
  eachColumn(rollup.values, (name) => sql`${sql.raw(alias)}${name} = 0`, ' and ');
