import {
  subsidyClaimDifferences,
  subsidyClaimEvents,
  subsidyClaimLines,
  subsidyClaimLineSources,
  subsidyClaims,
  subsidyObjections,
  subsidyRuns,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { afterPosition, type CursorPosition } from '../shared/pagination';
import type { FxReceiptFact, SubsidyTradeFacts } from './subsidy.ports';

export type ClaimRow = typeof subsidyClaims.$inferSelect;

export const claimSummaryView = (row: ClaimRow) => ({
  id: row.id,
  periodId: row.periodId,
  operatorOrgId: row.operatorOrgId,
  operatorId: row.operatorId,
  programmeVersionId: row.programmeVersionId,
  status: row.status,
  state: row.state,
  draftedCny: row.draftedCny,
  amountCny: row.amountCny,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * A claim's lines, each with the sources that fund it; a declaration also names the FX receipts
 * (收汇) behind it as allocations stood when the claim's run read its facts.
 */
async function linesOf(db: DbOrTx, trade: SubsidyTradeFacts, row: ClaimRow) {
  const lines = await db
    .select()
    .from(subsidyClaimLines)
    .where(eq(subsidyClaimLines.claimId, row.id))
    .orderBy(asc(subsidyClaimLines.lineNo));
  const sources = lines.length
    ? await db
        .select()
        .from(subsidyClaimLineSources)
        .where(
          inArray(
            subsidyClaimLineSources.lineId,
            lines.map((line) => line.id),
          ),
        )
    : [];
  const declarations = [...new Set(sources.filter((s) => s.sourceKind === 'declaration').map((s) => s.sourceId))];
  const [run] = declarations.length
    ? await db.select({ asOf: subsidyRuns.factsAsOf }).from(subsidyRuns).where(eq(subsidyRuns.id, row.runId))
    : [];
  const receipts = run ? await trade.fxReceiptsOf(db, declarations, run.asOf) : new Map<string, FxReceiptFact[]>();
  return lines.map((line) => ({
    id: line.id,
    lineNo: line.lineNo,
    itemCode: line.itemCode,
    itemType: line.itemType,
    amountCny: line.amountCny,
    basis: line.basis,
    sources: sources
      .filter((source) => source.lineId === line.id)
      .map((source) => ({
        kind: source.sourceKind,
        id: source.sourceId,
        figure: source.figure,
        ...(source.sourceKind === 'declaration' ? { fxReceipts: receipts.get(source.sourceId) ?? [] } : {}),
      })),
  }));
}

/** A claim's events, the differences later runs found, and its objections. */
async function historyOf(db: DbOrTx, claimId: string) {
  // One after another: after a claim event `db` is the request's transaction, one connection.
  const events = await db
    .select()
    .from(subsidyClaimEvents)
    .where(eq(subsidyClaimEvents.claimId, claimId))
    .orderBy(asc(subsidyClaimEvents.id));
  const differences = await db
    .select()
    .from(subsidyClaimDifferences)
    .where(eq(subsidyClaimDifferences.claimId, claimId))
    .orderBy(asc(subsidyClaimDifferences.id));
  const objections = await db
    .select()
    .from(subsidyObjections)
    .where(eq(subsidyObjections.claimId, claimId))
    .orderBy(asc(subsidyObjections.createdAt));
  return { events, differences, objections };
}

/** A claim with its lines (each naming its sources and the rule that priced it), events, differences and objections. */
export async function claimView(db: DbOrTx, trade: SubsidyTradeFacts, row: ClaimRow) {
  const lines = await linesOf(db, trade, row);
  const { events, differences, objections } = await historyOf(db, row.id);
  return {
    ...claimSummaryView(row),
    lines,
    events: events.map((event) => ({
      event: event.event,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      amountCny: event.amountCny,
      actorOrgId: event.actorOrgId,
      at: event.createdAt.toISOString(),
    })),
    differences: differences.map((difference) => ({
      runId: difference.runId,
      itemCode: difference.itemCode,
      draftedCny: difference.draftedCny,
      recomputedCny: difference.recomputedCny,
      detail: difference.detail,
      at: difference.createdAt.toISOString(),
    })),
    objections: objections.map((objection) => ({
      id: objection.id,
      objector: objection.objector,
      reason: objection.reason,
      decision: objection.decision,
      decisionReason: objection.decisionReason,
      decidedAt: objection.decidedAt?.toISOString() ?? null,
    })),
  };
}

/** Claims of a period, by id, tenant-scoped when `ownerOrgId` is given. */
export async function listClaimRows(
  db: DbOrTx,
  filter: { periodId: string; ownerOrgId: string | undefined },
  after: CursorPosition | undefined,
  limit: number,
) {
  const conditions: (SQL | undefined)[] = [eq(subsidyClaims.periodId, filter.periodId)];
  if (filter.ownerOrgId) conditions.push(eq(subsidyClaims.operatorOrgId, filter.ownerOrgId));
  conditions.push(afterPosition(subsidyClaims, after));
  return db
    .select()
    .from(subsidyClaims)
    .where(and(...conditions))
    .orderBy(asc(subsidyClaims.createdAt), asc(subsidyClaims.id))
    .limit(limit);
}
