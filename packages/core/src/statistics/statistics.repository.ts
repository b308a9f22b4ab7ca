import {
  merchants,
  operators,
  organisations,
  priceLibraryProductTypes,
  priceLibraryVersions,
  statisticsExportMonthly,
  statisticsFxMonthly,
  statisticsMonthlyMembers,
  statisticsRestatementChanges,
  statisticsRiskMonthly,
  statisticsSnapshotRows,
  statisticsVersions,
  insertRecordset,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  exportFigures,
  periodsOf,
  type Period,
  type PeriodValues,
  type RawDimension,
  type RawFigure,
} from './statistics.models';

/** Plain queries over the statistics tables; the rules live in statistics.service.ts and statistics.rollups.ts. */

type Row = Record<string, unknown>;
const rowsOf = async (db: DbOrTx, query: SQL) => (await db.execute<Row>(query)).rows;

/** The filter of the four periods of `month` over a `month` column. */
function periodFilters(month: string): Record<Period, SQL> {
  const p = periodsOf(month);
  return {
    month: sql`month = ${p.month}`,
    ytd: sql`month between ${p.ytdFrom} and ${p.month}`,
    lastYear: sql`month = ${p.lastYear}`,
    ytdLastYear: sql`month between ${p.ytdLastYearFrom} and ${p.lastYear}`,
  };
}

const periodRange = (month: string) => {
  const p = periodsOf(month);
  return sql`(month between ${p.ytdFrom} and ${p.month} or month between ${p.ytdLastYearFrom} and ${p.lastYear})`;
};

/** `sum(column) filter (where period)` for each figure and period, aliased `figure|period`. */
function periodSums(
  month: string,
  columns: Record<string, string>,
  aggregate: (column: SQL) => SQL = (column) => sql`sum(${column})`,
): SQL {
  const filters = periodFilters(month);
  return sql.join(
    Object.entries(columns).flatMap(([figure, column]) =>
      Object.entries(filters).map(
        ([period, filter]) =>
          sql`coalesce(${aggregate(sql`${sql.identifier(column)}`)} filter (where ${filter}), 0)::numeric(22, 2)::text as ${sql.identifier(`${figure}|${period}`)}`,
      ),
    ),
    sql`, `,
  );
}

/** The `figure|period` column names of each figure, built once rather than per row. */
const columnNames = new Map<string, Record<Period, string>>();
const columnsOf = (figure: string) => {
  let names = columnNames.get(figure);
  if (!names)
    columnNames.set(
      figure,
      (names = {
        month: `${figure}|month`,
        ytd: `${figure}|ytd`,
        lastYear: `${figure}|lastYear`,
        ytdLastYear: `${figure}|ytdLastYear`,
      }),
    );
  return names;
};

function toFigures(dimension: RawDimension, member: string, row: Row, figures: readonly string[]): RawFigure[] {
  return figures.map((figure) => {
    const column = columnsOf(figure);
    // numeric(22,2)::text: already '123.45' and '5.00'; absent rows are zero.
    return {
      dimension,
      member,
      figure,
      values: {
        month: (row[column.month] as string | undefined) ?? '0.00',
        ytd: (row[column.ytd] as string | undefined) ?? '0.00',
        lastYear: (row[column.lastYear] as string | undefined) ?? '0.00',
        ytdLastYear: (row[column.ytdLastYear] as string | undefined) ?? '0.00',
      },
    };
  });
}

const EXPORT_COLUMNS: Record<string, string> = {
  valueUsd: 'value_usd',
  valueCny: 'value_cny',
  declarations: 'declarations',
  transactions: 'transactions',
  goodsLines: 'goods_lines',
  containers: 'containers',
  teu: 'teu',
};

/** Raw figures of the export dimensions from statistics_export_monthly, for the four periods of `month`. */
export async function exportFiguresOf(
  db: DbOrTx,
  month: string,
  dimensions: readonly Exclude<RawDimension, 'fx' | 'risk'>[],
): Promise<RawFigure[]> {
  const figures: RawFigure[] = [];
  // One query per dimension with only the columns it shows: fewer aggregates per row.
  for (const dimension of dimensions) {
    const columns = Object.fromEntries(exportFigures[dimension].map((figure) => [figure, EXPORT_COLUMNS[figure]!]));
    const rows = await rowsOf(db, reportStatements.exportFigures(month, dimension, columns));
    for (const row of rows) figures.push(...toFigures(dimension, row.member as string, row, exportFigures[dimension]));
  }
  return figures;
}

/** Distinct active operators, merchants and purchasers in each period (exact: membership rows, not sums of monthly counts). */
export async function activeMembersOf(db: DbOrTx, month: string): Promise<RawFigure[]> {
  const rows = await rowsOf(db, reportStatements.activeMembers(month));
  const byKind = new Map(rows.map((row) => [row.kind as string, row]));
  const figureOf = { operator: 'operators', merchant: 'merchants', purchaser: 'purchasers' } as const;
  return (['operator', 'merchant', 'purchaser'] as const).map((kind) => ({
    ...toFigures('totals', '', byKind.get(kind) ?? {}, ['n'])[0]!,
    figure: figureOf[kind],
  }));
}

/** Distinct active members by kind in each period of `month`. */
function activeMembersStatement(month: string): SQL {
  const p = periodsOf(month);
  // Per member first (hash aggregate: was it active in each period?), then count members: no sort for distinct.
  return sql`select kind,
      count(*) filter (where in_month)::numeric(22, 2)::text as "n|month", count(*) filter (where in_ytd)::numeric(22, 2)::text as "n|ytd",
      count(*) filter (where in_last_year)::numeric(22, 2)::text as "n|lastYear", count(*) filter (where in_ytd_last_year)::numeric(22, 2)::text as "n|ytdLastYear"
    from (
      select kind, member_id, bool_or(month = ${p.month}) as in_month, bool_or(month between ${p.ytdFrom} and ${p.month}) as in_ytd,
             bool_or(month = ${p.lastYear}) as in_last_year, bool_or(month between ${p.ytdLastYearFrom} and ${p.lastYear}) as in_ytd_last_year
      from ${statisticsMonthlyMembers} where kind in ('operator', 'merchant', 'purchaser') and refs > 0 and ${periodRange(month)}
      group by kind, member_id
    ) m group by kind`;
}

export async function fxFiguresOf(db: DbOrTx, month: string): Promise<RawFigure[]> {
  const [row] = await rowsOf(db, reportStatements.fxFigures(month));
  return toFigures('fx', '', row ?? {}, ['receivedUsd', 'allocations', 'collectionDays']);
}

const RISK_COLUMNS = {
  warningLines: 'warning_lines',
  hardBandLines: 'hard_band_lines',
  reviewTransactions: 'review_transactions',
  rejectedTransactions: 'rejected_transactions',
};

export async function riskFiguresOf(db: DbOrTx, month: string): Promise<RawFigure[]> {
  const [row] = await rowsOf(db, reportStatements.riskFigures(month));
  return toFigures('risk', '', row ?? {}, Object.keys(RISK_COLUMNS));
}

export async function latestVersion(db: DbOrTx, month: string) {
  const [row] = await db
    .select()
    .from(statisticsVersions)
    .where(eq(statisticsVersions.month, month))
    .orderBy(desc(statisticsVersions.version))
    .limit(1);
  return row;
}

export async function snapshotFigures(
  db: DbOrTx,
  month: string,
  version: number,
  dimensions?: readonly RawDimension[],
): Promise<RawFigure[]> {
  const rows = await db
    .select()
    .from(statisticsSnapshotRows)
    .where(
      and(
        eq(statisticsSnapshotRows.month, month),
        eq(statisticsSnapshotRows.version, version),
        dimensions ? inArray(statisticsSnapshotRows.dimension, [...dimensions]) : undefined,
      ),
    );
  return rows.map((row) => ({
    dimension: row.dimension as RawDimension,
    member: row.member,
    figure: row.figure,
    values: {
      month: row.valueMonth,
      ytd: row.valueYtd,
      lastYear: row.valueLastYear,
      ytdLastYear: row.valueYtdLastYear,
    } satisfies PeriodValues,
  }));
}

export interface VersionInsert {
  month: string;
  version: number;
  kind: 'publication' | 'restatement';
  reason: string;
  actorOrgId: string | null;
  actorKeyId: string | null;
}

export interface RestatementChange {
  dimension: string;
  member: string;
  figure: string;
  period: 'month' | 'ytd' | 'last_year' | 'ytd_last_year';
  before: string;
  after: string;
}

/** One version with its frozen figures (and, for a restatement, what changed): three set-based inserts. */
export async function insertVersion(
  tx: DbOrTx,
  version: VersionInsert,
  figures: readonly RawFigure[],
  changes: readonly RestatementChange[] = [],
) {
  const [row] = await tx.insert(statisticsVersions).values(version).returning();
  const { month, version: number } = version;
  await insertRecordset(
    tx,
    'statistics_snapshot_rows',
    {
      month: 'text',
      version: 'integer',
      dimension: 'text',
      member: 'text',
      figure: 'text',
      value_month: 'numeric',
      value_ytd: 'numeric',
      value_last_year: 'numeric',
      value_ytd_last_year: 'numeric',
    },
    figures.map((f) => ({
      month,
      version: number,
      dimension: f.dimension,
      member: f.member,
      figure: f.figure,
      value_month: f.values.month,
      value_ytd: f.values.ytd,
      value_last_year: f.values.lastYear,
      value_ytd_last_year: f.values.ytdLastYear,
    })),
  );
  await insertRecordset(
    tx,
    'statistics_restatement_changes',
    {
      month: 'text',
      version: 'integer',
      dimension: 'text',
      member: 'text',
      figure: 'text',
      period: 'text',
      before: 'numeric',
      after: 'numeric',
    },
    changes.map((change) => ({ month, version: number, ...change })),
  );
  return row!;
}

export async function listVersions(db: DbOrTx, month: string) {
  const versions = await db
    .select()
    .from(statisticsVersions)
    .where(eq(statisticsVersions.month, month))
    .orderBy(asc(statisticsVersions.version));
  const changes = await db
    .select()
    .from(statisticsRestatementChanges)
    .where(eq(statisticsRestatementChanges.month, month))
    .orderBy(
      asc(statisticsRestatementChanges.version),
      asc(statisticsRestatementChanges.dimension),
      asc(statisticsRestatementChanges.member),
      asc(statisticsRestatementChanges.figure),
    );
  return { versions, changes };
}

/** Published months (version 1 exists) in the ranges given. */
export async function publishedMonthsIn(
  db: DbOrTx,
  ranges: readonly { from: string; to: string }[],
): Promise<string[]> {
  if (!ranges.length) return [];
  const rows = await rowsOf(db, reportStatements.publishedMonths(ranges));
  return rows.map((row) => row.month as string);
}

/** The service center's organisations (staff), who are told of restatements. */
export async function centerOrgIds(db: DbOrTx): Promise<string[]> {
  const rows = await rowsOf(db, reportStatements.centerOrgIds());
  return rows.map((row) => row.id as string);
}

/** Chinese names of operators or merchants by id. */
export async function partyNames(
  db: DbOrTx,
  table: 'operators' | 'merchants',
  ids: readonly string[],
): Promise<Map<string, string>> {
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/.test(id));
  if (!uuids.length) return new Map();
  const rows = await rowsOf(db, reportStatements.partyNames(table, uuids));
  return new Map(rows.map((row) => [row.id as string, row.name_zh as string]));
}

/** Chinese names of price-library product types (the newest version that has each code). */
export async function productTypeNames(db: DbOrTx, codes: readonly string[]): Promise<Map<string, string>> {
  const wanted = codes.filter(Boolean);
  if (!wanted.length) return new Map();
  const rows = await rowsOf(db, reportStatements.productTypeNames(wanted));
  return new Map(rows.map((row) => [row.code as string, row.name_zh as string]));
}

/**
 * The report's hand-written statements, by name. Tables are the drizzle objects (a rename fails the
 * typecheck); the SQL text is pinned by statistics.repository.sql.int.test.ts, which snapshots it and
 * plans each statement against the migrated schema, so a renamed column fails a test.
 */
export const reportStatements = {
  exportFigures: (month: string, dimension: string, columns: Record<string, string>) =>
    sql`select member, ${periodSums(month, columns)} from ${statisticsExportMonthly} where dimension = ${dimension} and ${periodRange(month)} group by member`,
  activeMembers: activeMembersStatement,
  fxFigures: (month: string) =>
    sql`select ${periodSums(month, { receivedUsd: 'received_usd', allocations: 'allocations', collectionDays: 'collection_days' })} from ${statisticsFxMonthly} where ${periodRange(month)}`,
  riskFigures: (month: string) =>
    sql`select ${periodSums(month, RISK_COLUMNS)} from ${statisticsRiskMonthly} where ${periodRange(month)}`,
  publishedMonths: (ranges: readonly { from: string; to: string }[]) =>
    sql`select month from ${statisticsVersions} where version = 1 and (${sql.join(
      ranges.map((range) => sql`(month between ${range.from} and ${range.to})`),
      sql` or `,
    )}) order by month`,
  centerOrgIds: () => sql`select id::text as id from ${organisations} where kind = 'center' order by id`,
  partyNames: (table: 'operators' | 'merchants', uuids: readonly string[]) =>
    sql`select id::text as id, name_zh from ${table === 'operators' ? operators : merchants} where id = any(${`{${uuids.join(',')}}`}::uuid[])`,
  productTypeNames: (codes: readonly string[]) =>
    sql`select distinct on (pt.code) pt.code, pt.name_zh from ${priceLibraryProductTypes} pt join ${priceLibraryVersions} v on v.id = pt.version_id
        where pt.code in ${codes} order by pt.code, v.created_at desc`,
};
