import {
  consolidationTransactions,
  declarations,
  fxAllocations,
  fxReceipts,
  statisticsDeclarationCounts,
  transactions,
  withSession,
  type Database,
  type DbOrTx,
} from '@baigou/db';
import { getTableName, sql } from 'drizzle-orm';
import { writeOutbox } from '../shared/outbox';
import { columnList, columnName, eachColumn } from '../shared/sql';
import type { DeclarationState } from '../trade/declarations/declaration-lifecycle';
import {
  countedMonth,
  monthsAffectedBy,
  periods,
  rawDimensions,
  zeroValues,
  type RawDimension,
  type RawFigure,
} from './statistics.models';
import { statisticsErrors } from './statistics.errors';
import * as repository from './statistics.repository';
import {
  addTo,
  allZero,
  countedDeclarations,
  exportRows,
  fxRows,
  givenDeclarations,
  memberRows,
  pgArray,
  riskRows,
  ROLLUPS,
  type RollupName,
  type RollupTable,
} from './statistics.sql';

/**
 * Incremental roll-ups, written in the caller's PG transaction (the one that changes the state they
 * count), each a few set-based statements whatever the number of lines; and the restatement of
 * published months they touch. Exported for the trade services; never called per request.
 */

const EXPORT_DIMENSIONS = rawDimensions.filter(
  (d): d is Exclude<RawDimension, 'fx' | 'risk'> => d !== 'fx' && d !== 'risk',
);

/** Every raw figure of `month` from the roll-ups (live), for the four periods. */
export async function liveFigures(
  db: DbOrTx,
  month: string,
  dimensions: readonly RawDimension[] = rawDimensions,
  options: { members?: boolean } = {},
): Promise<RawFigure[]> {
  const exportDims = EXPORT_DIMENSIONS.filter(
    (d) => dimensions.includes(d) || (d === 'totals' && dimensions.includes('fx')),
  );
  const figures = await repository.exportFiguresOf(db, month, exportDims);
  const result = figures.filter((f) => dimensions.includes(f.dimension));
  if (dimensions.includes('totals') && options.members !== false)
    result.push(...(await repository.activeMembersOf(db, month)));
  if (dimensions.includes('fx')) {
    const declared = figures.find((f) => f.dimension === 'totals' && f.figure === 'valueUsd');
    result.push({ dimension: 'fx', member: '', figure: 'declaredUsd', values: declared?.values ?? zeroValues() });
    result.push(...(await repository.fxFiguresOf(db, month)));
  }
  if (dimensions.includes('risk')) result.push(...(await repository.riskFiguresOf(db, month)));
  return result;
}

const keyOf = (f: { dimension: string; member: string; figure: string }) =>
  `${f.dimension}\u0000${f.member}\u0000${f.figure}`;
const PERIOD_NAMES = { month: 'month', ytd: 'ytd', lastYear: 'last_year', ytdLastYear: 'ytd_last_year' } as const;

/** What differs between two sets of raw figures (a figure absent on one side counts as zero). */
export function diffFigures(before: readonly RawFigure[], after: readonly RawFigure[]): repository.RestatementChange[] {
  const old = new Map(before.map((f) => [keyOf(f), f]));
  const now = new Map(after.map((f) => [keyOf(f), f]));
  const changes: repository.RestatementChange[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(key);
    const b = now.get(key);
    const figure = (a ?? b)!;
    for (const period of periods) {
      const x = a?.values[period] ?? '0.00';
      const y = b?.values[period] ?? '0.00';
      if (x !== y)
        changes.push({
          dimension: figure.dimension,
          member: figure.member,
          figure: figure.figure,
          period: PERIOD_NAMES[period],
          before: x,
          after: y,
        });
    }
  }
  return changes;
}

/** Serialises versions of one month (publication, restatements) across transactions. */
export const lockMonth = (tx: DbOrTx, month: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`statistics:${month}`}))`);

/**
 * Re-freezes every published month a change to `months` altered: when its live figures differ from
 * its latest version, a new version is written with what changed. Nothing is written otherwise.
 */
export async function restatePublished(tx: DbOrTx, months: readonly string[], reason: string): Promise<string[]> {
  const ranges = [...new Set(months)].flatMap((month) => {
    const affected = monthsAffectedBy(month);
    return [affected.sameYear, affected.nextYear];
  });
  const restated: string[] = [];
  for (const month of await repository.publishedMonthsIn(tx, ranges)) {
    await lockMonth(tx, month);
    const latest = (await repository.latestVersion(tx, month))!;
    const now = await liveFigures(tx, month);
    const changes = diffFigures(await repository.snapshotFigures(tx, month, latest.version), now);
    if (!changes.length) continue;
    const version = await repository.insertVersion(
      tx,
      { month, version: latest.version + 1, kind: 'restatement', reason, actorOrgId: null, actorKeyId: null },
      now,
      changes,
    );
    // The service center's inbox hears of it, in this transaction: told if and only if the restatement commits.
    for (const recipientOrgId of await repository.centerOrgIds(tx)) {
      await writeOutbox(
        tx,
        'statistics.restatement-notify',
        {
          recipientOrgId,
          versionId: version.id,
          month,
          version: version.version,
          reason,
          changedFigures: changes.length,
          restatedAt: version.createdAt.toISOString(),
        },
        `statistics.restated:${month}:${version.version}:${recipientOrgId}`,
      );
    }
    restated.push(month);
  }
  return restated;
}

interface DeclarationDelta {
  declarationId: string;
  month: string;
  sign: 1 | -1;
  exportDate: string;
}

/** Adds (+1) or removes (−1) declarations' contributions: export figures, active parties, FX; and the is_count ledger. */
async function applyDeclarationDeltas(tx: DbOrTx, deltas: readonly DeclarationDelta[], reason: string) {
  const source = givenDeclarations(deltas);
  await tx.execute(addTo(ROLLUPS.exportRows, exportRows(source)));
  await tx.execute(addTo(ROLLUPS.memberRows, memberRows(source)));
  await tx.execute(addTo(ROLLUPS.fxRows, fxRows(source)));
  const counts = statisticsDeclarationCounts;
  const ledger = [counts.declarationId, counts.month, counts.exportDate, counts.sign, counts.reason];
  await tx.execute(sql`insert into ${counts} (${columnList(ledger)})
    select id, month, export_date, sign, ${reason} from unnest(${pgArray(deltas.map((d) => d.declarationId))}::uuid[], ${pgArray(deltas.map((d) => d.month))}::text[],
      ${pgArray(deltas.map((d) => d.exportDate))}::date[], ${pgArray(deltas.map((d) => d.sign))}::int[]) as m(id, month, export_date, sign)`);
  const removedFrom = [...new Set(deltas.filter((d) => d.sign < 0).map((d) => d.month))];
  if (removedFrom.length) {
    // A removal can leave rows of nothing; the rebuild would not produce them, so neither do the deltas.
    const months = pgArray(removedFrom);
    await tx.execute(
      sql`delete from ${ROLLUPS.exportRows.table} where dimension in ${EXPORT_DIMENSIONS} and month = any(${months}::text[]) and ${allZero(ROLLUPS.exportRows)}`,
    );
    await tx.execute(
      sql`delete from ${ROLLUPS.memberRows.table} where kind in ('operator', 'merchant', 'purchaser') and month = any(${months}::text[]) and ${allZero(ROLLUPS.memberRows)}`,
    );
    await tx.execute(
      sql`delete from ${ROLLUPS.fxRows.table} where month = any(${months}::text[]) and ${allZero(ROLLUPS.fxRows)}`,
    );
  }
  await restatePublished(
    tx,
    deltas.map((d) => d.month),
    reason,
  );
}

/**
 * Call in the transaction that moves a declaration from `from` to `to`: a release counts it in the
 * month of its release date, a post-release cancellation removes it (restating that month if it was
 * published); other transitions move nothing.
 */
export async function applyDeclarationStatusChange(
  tx: DbOrTx,
  change: { declarationId: string; from: DeclarationState; to: DeclarationState; reason?: string },
): Promise<void> {
  const before = countedMonth(change.from);
  const after = countedMonth(change.to);
  if (before?.month === after?.month && before?.exportDate === after?.exportDate) return;
  const deltas: DeclarationDelta[] = [];
  if (before)
    deltas.push({ declarationId: change.declarationId, month: before.month, exportDate: before.exportDate, sign: -1 });
  if (after)
    deltas.push({ declarationId: change.declarationId, month: after.month, exportDate: after.exportDate, sign: 1 });
  const reason =
    change.reason ??
    `declaration ${change.declarationId}: ${change.from.status} → ${change.to.status}${'reason' in change.to ? ` (${change.to.reason})` : ''}`;
  await applyDeclarationDeltas(tx, deltas, reason);
}

/**
 * Call in the transaction that records an FX allocation: when the declaration it pays (directly or
 * through one of its transactions) is counted, the receipt joins that declaration's export month.
 * The live declaration is locked FOR SHARE first, so a concurrent release or cancellation of it
 * either sees this allocation or is seen by it.
 */
export async function applyFxAllocation(tx: DbOrTx, allocation: { allocationId: string }): Promise<void> {
  const { rows } = await tx.execute<{ id: string; status: string }>(sql`select x.id, x.status from ${declarations} x
    join ${fxAllocations} fa on fa.id = ${allocation.allocationId}
    where x.status <> 'withdrawn' and (x.id = fa.declaration_id
      or x.consolidation_id = (select ct.consolidation_id from ${consolidationTransactions} ct where ct.transaction_id = fa.transaction_id))
    for share of x`);
  const counted = rows.filter((row) => row.status === 'released' || row.status === 'exported');
  if (!counted.length) return;
  const allocated = sql`select to_char(d.export_date, 'YYYY-MM'),
           case when fa.currency = 'USD' then fa.amount else round(fa.amount * d.cny_per_unit / d.cny_per_usd, 2) end, 1, r.value_date - d.export_date
    from (${countedDeclarations()}) d, ${fxAllocations} fa join ${fxReceipts} r on r.id = fa.receipt_id
    where fa.id = ${allocation.allocationId} and d.id = ${counted[0]!.id}`;
  const inserted = await tx.execute<{ month: string }>(sql`${addTo(ROLLUPS.fxRows, allocated)} returning month`);
  await restatePublished(
    tx,
    inserted.rows.map((row) => row.month),
    `FX allocation ${allocation.allocationId}`,
  );
}

/** Call in the transaction that records transactions at intake: their price-check warnings, hard-band lines and reviews, by trade month. */
export async function applyIntakeRisk(tx: DbOrTx, intake: { transactionIds: readonly string[] }): Promise<void> {
  if (!intake.transactionIds.length) return;
  const inserted = await tx.execute<{ month: string }>(
    sql`${addTo(ROLLUPS.riskRows, riskRows(intake.transactionIds))} returning month`,
  );
  await restatePublished(
    tx,
    inserted.rows.map((row) => row.month),
    `intake of ${intake.transactionIds.length} transaction(s)`,
  );
}

/** Call in the transaction of a staff decision: a refusal counts in the month of the transaction's trade date. */
export async function applyTransactionStatusChange(
  tx: DbOrTx,
  change: { transactionId: string; from: string; to: string },
): Promise<void> {
  if (change.to !== 'rejected' || change.from === 'rejected') return;
  const refused = sql`select to_char(trade_date, 'YYYY-MM'), 1 from ${transactions} where id = ${change.transactionId}`;
  const inserted = await tx.execute<{ month: string }>(
    sql`${addTo(ROLLUPS.riskRows, refused, [ROLLUPS.riskRows.table.month, ROLLUPS.riskRows.table.rejectedTransactions])} returning month`,
  );
  await restatePublished(
    tx,
    inserted.rows.map((row) => row.month),
    `transaction ${change.transactionId} refused`,
  );
}

const rebuilt = (rollup: RollupTable) => sql.identifier(`rebuilt_${getTableName(rollup.table)}`);
const fixes = (rollup: RollupTable) => sql.identifier(`fix_${getTableName(rollup.table)}`);
/** Progress of a rebuild's long step: called (and awaited) before each month. */
export type RebuildProgress = (month: string, done: number, of: number) => void | Promise<void>;

export interface RebuildResult extends Record<RollupName, number> {
  /** Rows the live roll-ups differed in from the rebuild, corrected. */
  corrections: Record<RollupName, number>;
  restatedMonths: string[];
}

/**
 * Recomputes every roll-up from the base tables without stopping the trade: (1) in one REPEATABLE
 * READ snapshot, the rebuild's rows go to temporary tables month by month, and what the live
 * roll-ups of that same snapshot differ from them by is kept as corrections; (2) in a short second
 * transaction the corrections are added to the live rows, like any delta, and published months
 * they touch are restated. Changes committed meanwhile reached the live rows as their own deltas,
 * so live + (rebuilt − live as of the snapshot) is exact. No table lock: releases, FX and intake go
 * on during the long first step. A session advisory lock keeps a second rebuild out of both steps.
 */
export async function rebuildRollups(
  pool: Database['pool'],
  options: { onMonth?: RebuildProgress } = {},
): Promise<RebuildResult> {
  return withSession(pool, async (session) => {
    const { rows } = await session.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_lock(hashtext('statistics:rebuild')) as locked`,
    );
    if (!rows[0]?.locked) throw statisticsErrors.rebuildRunning();
    try {
      const counts = await session.transaction((tx) => computeCorrections(tx, options.onMonth), {
        isolationLevel: 'repeatable read',
      });
      const restatedMonths = await session.transaction((tx) => applyCorrections(tx));
      return { ...counts, restatedMonths };
    } finally {
      await session.execute(sql`discard temp`);
      await session.execute(sql`select pg_advisory_unlock(hashtext('statistics:rebuild'))`);
    }
  });
}

async function computeCorrections(tx: DbOrTx, onMonth?: RebuildProgress) {
  // Large grouping passes: room to sort in memory, and no JIT compilation (seconds of it, for nothing), in this transaction only.
  await tx.execute(sql`set local work_mem = '256MB'`);
  await tx.execute(sql`set local jit = off`);
  for (const rollup of Object.values(ROLLUPS)) {
    await tx.execute(sql`create temporary table ${rebuilt(rollup)} (like ${rollup.table} including defaults)`);
  }
  // Month by month, so each pass holds one month's lines whatever the history.
  const months = await tx.execute<{ month: string }>(
    sql`select distinct month from (${countedDeclarations()}) d order by month`,
  );
  for (const [done, { month }] of months.rows.entries()) {
    await onMonth?.(month, done, months.rows.length);
    const source = countedDeclarations({ from: month, to: month });
    await tx.execute(
      sql`insert into ${rebuilt(ROLLUPS.exportRows)} (${columnList(ROLLUPS.exportRows.emitted)}) ${exportRows(source)}`,
    );
    await tx.execute(
      sql`insert into ${rebuilt(ROLLUPS.memberRows)} (${columnList(ROLLUPS.memberRows.emitted)}) ${memberRows(source)}`,
    );
    await tx.execute(
      sql`insert into ${rebuilt(ROLLUPS.fxRows)} (${columnList(ROLLUPS.fxRows.emitted)}) ${fxRows(source)}`,
    );
  }
  await tx.execute(
    sql`insert into ${rebuilt(ROLLUPS.riskRows)} (${columnList(ROLLUPS.riskRows.emitted)}) ${riskRows()}`,
  );

  const counts = {} as Record<RollupName, number>;
  const corrections = {} as Record<RollupName, number>;
  for (const [name, rollup] of Object.entries(ROLLUPS) as [RollupName, RollupTable][]) {
    // rebuilt − live per key (absent = zero), where they differ; `absent` marks keys the rebuild has no row for.
    const join = eachColumn(rollup.keys, (k) => sql`r.${k} = l.${k}`, ' and ');
    const keys = eachColumn(rollup.keys, (k) => sql`coalesce(r.${k}, l.${k}) as ${k}`, ', ');
    const deltas = eachColumn(rollup.values, (v) => sql`coalesce(r.${v}, 0) - coalesce(l.${v}, 0) as ${v}`, ', ');
    const differs = eachColumn(rollup.values, (v) => sql`coalesce(r.${v}, 0) <> coalesce(l.${v}, 0)`, ' or ');
    const firstKey = columnName(rollup.keys[0]!);
    const fixed = await tx.execute(sql`create temporary table ${fixes(rollup)} as
      select ${keys}, ${deltas}, r.${firstKey} is null as absent
      from ${rebuilt(rollup)} r full join ${rollup.table} l on ${join}
      where r.${firstKey} is null or l.${firstKey} is null or ${differs}`);
    const total = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${rebuilt(rollup)}`);
    counts[name] = total.rows[0]!.n;
    corrections[name] = fixed.rowCount ?? 0;
  }
  return { ...counts, corrections };
}

/**
 * Adds the corrections to the live rows in primary-key order (as every delta does, so they cannot
 * deadlock with one), drops the rows the rebuild has none of once they are zero, and restates the
 * published months concerned.
 */
async function applyCorrections(tx: DbOrTx): Promise<string[]> {
  const touched = new Set<string>();
  for (const rollup of Object.values(ROLLUPS) as RollupTable[]) {
    const corrections = sql`select ${columnList(rollup.emitted)} from ${fixes(rollup)} order by ${columnList(rollup.keys)}`;
    const applied = await tx.execute<{ month: string }>(sql`${addTo(rollup, corrections)} returning month`);
    for (const row of applied.rows) touched.add(row.month);
    const sameKey = eachColumn(rollup.keys, (k) => sql`f.${k} = t.${k}`, ' and ');
    await tx.execute(
      sql`delete from ${rollup.table} t using ${fixes(rollup)} f where f.absent and ${sameKey} and ${allZero(rollup, 't.')}`,
    );
  }
  return restatePublished(tx, [...touched], 'full rebuild of the statistics from the base tables');
}
