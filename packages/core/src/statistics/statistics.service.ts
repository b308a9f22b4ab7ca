import type { Database, Db, DbOrTx } from '@baigou/db';
import type { Principal } from '../access/access.models';
import type { ReferenceService } from '../reference/reference.service';
import { chinaDate, monthOf } from '../shared/dates';
import { apiDimensions, rawDimensions, periodsOf, type ApiDimension } from './statistics.models';
import { statisticsErrors } from './statistics.errors';
import * as repository from './statistics.repository';
import { liveFigures, lockMonth, rebuildRollups, type RebuildProgress } from './statistics.rollups';
import type { StatisticsFund } from './statistics.ports';
import type {
  FundSectionView,
  MonthlyReportView,
  MonthlyStatisticsView,
  RebuildView,
  StatisticsVersionsView,
} from './statistics.schemas';
import { hsNamesOf } from './statistics.names';
import { dimensionRows, FigureIndex, rawDimensionsFor } from './statistics.views';

export interface StatisticsDependencies {
  db: Db;
  /** The pool behind `db`: the rebuild needs one session across two transactions. */
  pool: Database['pool'];
  reference: ReferenceService;
  /** The fund section of the monthly report (statistics.ports.ts); left out, the report's `fund` is null. */
  fund?: StatisticsFund;
  clock?: () => Date;
}

/** The fund section: the month's claims and the ledger of its budget year, read in the report's snapshot. */
async function fundSection(executor: DbOrTx, fund: StatisticsFund, month: string): Promise<FundSectionView> {
  const claims = await fund.claims.monthFigures(executor, month);
  const ledger = await fund.ledger.yearFigures(executor, Number(month.slice(0, 4)));
  return { ...claims, ledger };
}

export const COUNTING_BASIS =
  'export figures by release date (海关放行日期, China time) of released or exported declarations, at the customs monthly rate recorded on each declaration; risk figures by transaction trade date';

type Core = Omit<StatisticsDependencies, 'clock'> & { clock: () => Date };

async function memberNames(
  { reference, clock }: Core,
  executor: DbOrTx,
  dimension: ApiDimension,
  members: readonly string[],
): Promise<Map<string, string>> {
  switch (dimension) {
    case 'country':
    case 'transport': {
      const list = dimension === 'country' ? 'country' : 'transport_mode';
      const names = new Map<string, string>();
      for (const member of members) {
        const code = await reference.lookup(list, member, clock());
        if (code?.nameZh) names.set(member, code.nameZh);
      }
      return names;
    }
    case 'operator':
      return repository.partyNames(executor, 'operators', members);
    case 'merchant':
      return repository.partyNames(executor, 'merchants', members);
    case 'product_type':
      return repository.productTypeNames(executor, members);
    case 'chapter':
    case 'heading':
      return hsNamesOf(members);
    default:
      return new Map();
  }
}

async function monthlyOn(
  core: Core,
  executor: DbOrTx,
  month: string,
  dimension: ApiDimension,
): Promise<MonthlyStatisticsView> {
  const dimensions = rawDimensionsFor(dimension);
  const latest = await repository.latestVersion(executor, month);
  const figures = latest
    ? await repository.snapshotFigures(executor, month, latest.version, dimensions)
    : await liveFigures(executor, month, dimensions, { members: dimension === 'totals' });
  const index = new FigureIndex(figures);
  const names = await memberNames(
    core,
    executor,
    dimension,
    index.membersOf(dimension === 'totals' || dimension === 'fx' || dimension === 'risk' ? 'totals' : dimension),
  );
  const p = periodsOf(month);
  return {
    month,
    dimension,
    basis: COUNTING_BASIS,
    status: latest ? 'published' : 'live',
    version: latest?.version ?? null,
    periods: {
      month,
      ytd: `${p.ytdFrom}..${month}`,
      lastYear: p.lastYear,
      ytdLastYear: `${p.ytdLastYearFrom}..${p.lastYear}`,
    },
    rows: dimensionRows(dimension, index, names),
  };
}

/**
 * Every dimension of a month — the report staff send to the commerce department — read in one
 * read-only REPEATABLE READ snapshot, so a release committing meanwhile cannot make the totals
 * sheet disagree with the country sheet.
 */
async function report(core: Core, month: string): Promise<MonthlyReportView> {
  const reports = await core.db.transaction(
    async (tx) => {
      const views: MonthlyStatisticsView[] = [];
      for (const dimension of apiDimensions) views.push(await monthlyOn(core, tx, month, dimension));
      return { views, fund: core.fund ? await fundSection(tx, core.fund, month) : null };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const first = reports.views[0]!;
  const { basis, status, version, periods } = first;
  return { month, basis, status, version, periods, reports: reports.views, fund: reports.fund };
}

/** Freezes a month that has ended (China time) as version 1; a month is published once. */
async function publish(
  { db, clock }: Core,
  principal: Principal,
  month: string,
  note?: string,
): Promise<StatisticsVersionsView['items'][number]> {
  const current = monthOf(chinaDate(clock()));
  if (month >= current) {
    throw statisticsErrors.monthNotClosed({
      detail: `${month} has not ended (the current month in China is ${current})`,
      fields: [{ path: '/params/month', message: 'not yet ended' }],
    });
  }
  const row = await db.transaction(async (tx) => {
    await lockMonth(tx, month);
    if (await repository.latestVersion(tx, month))
      throw statisticsErrors.alreadyPublished({ detail: `${month} is already published`, extra: { month } });
    const figures = await liveFigures(tx, month, rawDimensions);
    return repository.insertVersion(
      tx,
      {
        month,
        version: 1,
        kind: 'publication',
        reason: note ?? 'published by staff',
        actorOrgId: principal.orgId,
        actorKeyId: principal.keyId,
      },
      figures,
    );
  });
  return versionView(month, row, []);
}

type VersionRow = Awaited<ReturnType<typeof repository.insertVersion>>;
type ChangeRow = Awaited<ReturnType<typeof repository.listVersions>>['changes'][number];

/** A frozen version with the figure changes it restated. */
const versionView = (
  month: string,
  row: VersionRow,
  changes: readonly ChangeRow[],
): StatisticsVersionsView['items'][number] => ({
  id: row.id,
  month,
  version: row.version,
  kind: row.kind,
  reason: row.reason,
  actorOrgId: row.actorOrgId,
  createdAt: row.createdAt.toISOString(),
  changes: changes.map((change) => ({
    dimension: change.dimension,
    member: change.member,
    figure: change.figure,
    period: change.period,
    before: change.before,
    after: change.after,
  })),
});

async function versions(db: Db, month: string): Promise<StatisticsVersionsView> {
  const { versions: rows, changes } = await repository.listVersions(db, month);
  if (!rows.length) throw statisticsErrors.notPublished({ detail: `${month} has not been published` });
  return {
    month,
    items: rows.map((row) =>
      versionView(
        month,
        row,
        changes.filter((change) => change.version === row.version),
      ),
    ),
  };
}

/**
 * Monthly statistics for the center (DOMAIN §8.3): reports read from the roll-ups (live) or, for a
 * published month, from its latest frozen version; publication; versions with their restatements;
 * and the full rebuild of the roll-ups from the base tables.
 */
export function createStatisticsService(deps: StatisticsDependencies) {
  const core: Core = { ...deps, clock: deps.clock ?? (() => new Date()) };
  return {
    monthly: (month: string, dimension: ApiDimension) => monthlyOn(core, core.db, month, dimension),
    /**
     * Every dimension of a month — the report staff send to the commerce department — read in one
     * read-only REPEATABLE READ snapshot, so a release committing meanwhile cannot make the totals
     * sheet disagree with the country sheet.
     */
    report: (month: string) => report(core, month),
    /** Freezes a month that has ended (China time) as version 1; a month is published once. */
    publish: (principal: Principal, month: string, note?: string) => publish(core, principal, month, note),
    versions: (month: string) => versions(core.db, month),
    /**
     * Recomputes the roll-ups from the base tables while the trade goes on, and corrects the live
     * rows by what they differ (statistics.rollups.ts); a second rebuild meanwhile is refused, not
     * queued. Published months whose figures it changed get a restatement, as any correction does.
     */
    rebuild: (options: { onMonth?: RebuildProgress } = {}): Promise<RebuildView> => rebuildRollups(core.pool, options),
  };
}

export type StatisticsService = ReturnType<typeof createStatisticsService>;
