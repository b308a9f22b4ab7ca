import { subsidyClaims, subsidyCoverage, subsidyRuns, type Db } from '@baigou/db';
import { asc, desc, eq } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import { tenantScope } from '../access/tenant-scope';
import { csvDocument, csvLines, xlsxWorkbook, type Cell } from '../shared/tabular';
import { subsidyErrors } from './subsidy.errors';
import type { ConditionReason } from './subsidy.evaluation';
import type { SubsidyRegistryFacts } from './subsidy.ports';
import { fundClaimFigures } from './subsidy.statistics-figures';

/**
 * The coverage report (覆盖情况) of a period's latest run: every firm with exports in the period,
 * claimed or why not, so "≥ 95 % of eligible firms supported" is a query. And the period's claims.
 * Both as JSON, CSV (UTF-8 with BOM) and XLSX.
 */

export interface ReportDeps {
  db: Db;
  registry: SubsidyRegistryFacts;
}

async function coverage(deps: ReportDeps, periodId: string) {
  const { db, registry } = deps;
  const [run] = await db
    .select()
    .from(subsidyRuns)
    .where(eq(subsidyRuns.periodId, periodId))
    .orderBy(desc(subsidyRuns.createdAt))
    .limit(1);
  if (!run) throw subsidyErrors.notFound({ detail: `period ${periodId} has not been run yet` });
  const rows = await db
    .select()
    .from(subsidyCoverage)
    .where(eq(subsidyCoverage.runId, run.id))
    .orderBy(asc(subsidyCoverage.operatorOrgId));
  const operators = await registry.operatorsByOrg(
    db,
    rows.map((row) => row.operatorOrgId),
  );
  const items = rows.map((row) => ({
    operatorOrgId: row.operatorOrgId,
    operatorId: row.operatorId,
    nameZh: operators.get(row.operatorOrgId)?.nameZh ?? null,
    uscc: operators.get(row.operatorOrgId)?.uscc ?? null,
    outcome: row.outcome,
    claimId: row.claimId,
    reasons: row.reasons as ConditionReason[],
    figures: row.figures,
  }));
  const claimed = items.filter((item) => item.outcome === 'claimed').length;
  return {
    periodId,
    runId: run.id,
    programmeVersionId: run.programmeVersionId,
    programmeHash: run.programmeHash,
    firms: items.length,
    claimed,
    claimedShare: items.length === 0 ? null : (claimed / items.length).toFixed(4),
    items,
  };
}

async function coverageTable(deps: ReportDeps, periodId: string): Promise<Cell[][]> {
  const report = await coverage(deps, periodId);
  const header: Cell[] = [
    '经营主体 operator',
    '统一社会信用代码 USCC',
    '结果 outcome',
    '申领 claim',
    '原因 reasons (中文)',
    'reasons (English)',
    '出口美元 USD',
    '收汇比例 FX share',
  ];
  return [
    header,
    ...report.items.map((item) => [
      item.nameZh,
      item.uscc,
      item.outcome,
      item.claimId,
      item.reasons.map((reason) => reason.zh).join('；'),
      item.reasons.map((reason) => reason.en).join('; '),
      (item.figures['usdValue'] as string | undefined) ?? null,
      (item.figures['fxCollectedShare'] as string | undefined) ?? null,
    ]),
  ];
}

async function claimsTable(deps: ReportDeps, periodId: string, ownerOrgId: string | undefined): Promise<Cell[][]> {
  const { db, registry } = deps;
  const rows = await db
    .select()
    .from(subsidyClaims)
    .where(eq(subsidyClaims.periodId, periodId))
    .orderBy(asc(subsidyClaims.id));
  const visible = rows.filter((row) => !ownerOrgId || row.operatorOrgId === ownerOrgId);
  const operators = await registry.operatorsByOrg(
    db,
    visible.map((row) => row.operatorOrgId),
  );
  const header: Cell[] = [
    '申领 claim',
    '经营主体 operator',
    '统一社会信用代码 USCC',
    '状态 status',
    '测算金额 drafted CNY',
    '当前金额 amount CNY',
  ];
  return [
    header,
    ...visible.map((row) => [
      row.id,
      operators.get(row.operatorOrgId)?.nameZh ?? null,
      operators.get(row.operatorOrgId)?.uscc ?? null,
      row.status,
      row.draftedCny,
      row.amountCny,
    ]),
  ];
}

async function exportTable(
  deps: ReportDeps,
  kind: 'coverage' | 'claims',
  periodId: string,
  format: 'csv' | 'xlsx',
  principal?: Principal,
) {
  const owner = principal ? tenantScope(principal) : undefined;
  const rows = kind === 'coverage' ? await coverageTable(deps, periodId) : await claimsTable(deps, periodId, owner);
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: csvDocument(csvLines(rows)) };
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await xlsxWorkbook([{ name: kind, rows }]),
  };
}

export function createReports(deps: ReportDeps) {
  return {
    coverage: (periodId: string) => coverage(deps, periodId),
    exportTable: (kind: 'coverage' | 'claims', periodId: string, format: 'csv' | 'xlsx', principal?: Principal) =>
      exportTable(deps, kind, periodId, format, principal),
  };
}

/**
 * The fund's figures of a month (专项资金: drafted, approved for payment, by item), as the monthly
 * statistics read them through their port (subsidy.statistics-figures.ts), for the subsidy route.
 */
export async function fundFigures(db: Db, month: string) {
  const { drafted, approvedForPayment } = await fundClaimFigures(db, month);
  return {
    month,
    drafted: drafted.byItem,
    draftedTotal: { claims: drafted.claims, amountCny: drafted.amountCny },
    approvedForPayment: { claims: approvedForPayment.claims, amountCny: approvedForPayment.amountCny },
    approvedByItem: approvedForPayment.byItem,
  };
}
