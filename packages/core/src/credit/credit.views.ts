import type { AppealRow, DecisionRow, FactRow, OverrideRow, RunRow, ScorecardRow } from './credit.repository';
import type { Reason } from './credit.models';
import type { CharacteristicResult } from './credit.models';

/** Stored rows as the API shows them: instants as ISO strings, nothing else changed. */

const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null);

export const scorecardView = (row: ScorecardRow) => ({
  id: row.id,
  label: row.label,
  status: row.status,
  contentHash: row.contentHash,
  baseScorecardId: row.baseScorecardId,
  effectiveFrom: row.effectiveFrom.toISOString(),
  inForceFrom: iso(row.inForceFrom),
  inForceTo: iso(row.inForceTo),
  createdAt: row.createdAt.toISOString(),
  decidedAt: iso(row.decidedAt),
  decisionReason: row.decisionReason,
  document: row.document,
});

export const decisionView = (row: DecisionRow) => ({
  id: row.id,
  operatorOrgId: row.operatorOrgId,
  operatorId: row.operatorId,
  runId: row.runId,
  trigger: row.trigger,
  asOf: row.asOf.toISOString(),
  scorecardId: row.scorecardId,
  scorecardHash: row.scorecardHash,
  snapshotHash: row.snapshotHash,
  score: row.score,
  grade: row.grade,
  customsTier: row.customsTier,
  vetoes: row.vetoes,
  characteristics: row.characteristics as CharacteristicResult[],
  reasons: row.reasons as Reason[],
  createdAt: row.createdAt.toISOString(),
});

export const factView = (row: FactRow, retraction: { createdAt: Date; reason: string } | null) => ({
  id: row.id,
  operatorOrgId: row.operatorOrgId,
  kind: row.kind,
  value: row.value,
  effectiveFrom: row.effectiveFrom,
  effectiveTo: row.effectiveTo,
  source: row.source,
  evidence: row.evidence,
  note: row.note,
  createdAt: row.createdAt.toISOString(),
  retracted: retraction ? { at: retraction.createdAt.toISOString(), reason: retraction.reason } : null,
});

export const runView = (row: RunRow) => ({
  id: row.id,
  kind: row.kind,
  asOf: row.asOf.toISOString(),
  scorecardId: row.scorecardId,
  status: row.status,
  operatorCount: row.operatorCount,
  scoredCount: row.scoredCount,
  previousRunId: row.previousRunId,
  summary: row.summary,
  createdAt: row.createdAt.toISOString(),
  completedAt: iso(row.completedAt),
});

export const overrideView = (row: OverrideRow) => ({
  id: row.id,
  operatorOrgId: row.operatorOrgId,
  grade: row.grade,
  reason: row.reason,
  decisionId: row.decisionId,
  effectiveFrom: row.effectiveFrom.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
});

export const appealView = (row: AppealRow) => ({
  id: row.id,
  operatorOrgId: row.operatorOrgId,
  decisionId: row.decisionId,
  statement: row.statement,
  evidence: row.evidence,
  factIds: row.factIds,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  decidedAt: iso(row.decidedAt),
  decisionReason: row.decisionReason,
  resultDecisionId: row.resultDecisionId,
});
