import { bizStep, chinaTime, MPT_NAMESPACE, urn, type ProvenanceEventInput } from '../provenance/epcis.events';

/**
 * 信用评价 in the provenance log: every decision, fact, override and appeal decision is an
 * EPCIS ObjectEvent OBSERVE on the operator, written in the transaction that makes it, so a
 * firm's credit story is proved to an auditor with the same bundle and verifier as its trade.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function creditEvent(args: {
  action: string;
  operatorId: string;
  operatorOrgId: string;
  subjectRecord: { kind: string; id: string };
  related: readonly string[];
  disposition: string;
  at: Date;
  body: { [key: string]: Json };
}): ProvenanceEventInput {
  return {
    action: args.action,
    subject: { kind: 'operator', id: args.operatorId },
    related: [...new Set([args.operatorOrgId, args.subjectRecord.id, ...args.related])],
    event: {
      type: 'ObjectEvent',
      eventTime: chinaTime(args.at),
      eventTimeZoneOffset: '+08:00',
      epcList: [urn('operator', args.operatorId)],
      action: 'OBSERVE',
      bizStep: bizStep('credit_evaluation'),
      disposition: `${MPT_NAMESPACE}disp:${args.disposition}`,
      readPoint: { id: urn('location', 'baigou-market') },
      'mpt:credit': {
        record: urn(args.subjectRecord.kind, args.subjectRecord.id),
        operator: urn('org', args.operatorOrgId),
        ...args.body,
      },
    },
  };
}

export function decisionEvent(d: {
  id: string;
  operatorId: string;
  operatorOrgId: string;
  runId: string | null;
  trigger: string;
  asOf: Date;
  scorecardHash: string;
  snapshotHash: string;
  score: number;
  grade: string;
  vetoes: readonly string[];
  createdAt: Date;
}): ProvenanceEventInput {
  return creditEvent({
    action: 'credit.decided',
    operatorId: d.operatorId,
    operatorOrgId: d.operatorOrgId,
    subjectRecord: { kind: 'credit-decision', id: d.id },
    related: d.runId ? [d.runId] : [],
    disposition: `credit_grade_${d.grade}`,
    at: d.createdAt,
    body: {
      grade: d.grade,
      score: d.score,
      vetoes: [...d.vetoes],
      trigger: d.trigger,
      asOf: chinaTime(d.asOf),
      scorecardHash: d.scorecardHash,
      snapshotHash: d.snapshotHash,
    },
  });
}

export function factRecordedEvent(f: {
  id: string;
  operatorId: string;
  operatorOrgId: string;
  kind: string;
  value: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
  evidence: { sha256: string; filename: string }[];
  actorOrgId: string;
  createdAt: Date;
}): ProvenanceEventInput {
  return creditEvent({
    action: 'credit.fact_recorded',
    operatorId: f.operatorId,
    operatorOrgId: f.operatorOrgId,
    subjectRecord: { kind: 'credit-fact', id: f.id },
    related: [f.actorOrgId],
    disposition: 'credit_fact_recorded',
    at: f.createdAt,
    body: {
      kind: f.kind,
      value: f.value,
      effectiveFrom: f.effectiveFrom,
      effectiveTo: f.effectiveTo,
      source: f.source,
      evidence: f.evidence.map((e) => ({ sha256: e.sha256, filename: e.filename })),
      actor: urn('org', f.actorOrgId),
    },
  });
}

export function overrideEvent(o: {
  id: string;
  operatorId: string;
  operatorOrgId: string;
  grade: string;
  reason: string;
  decisionId: string | null;
  effectiveFrom: Date;
  expiresAt: Date;
  actorOrgId: string;
  createdAt: Date;
}): ProvenanceEventInput {
  return creditEvent({
    action: 'credit.overridden',
    operatorId: o.operatorId,
    operatorOrgId: o.operatorOrgId,
    subjectRecord: { kind: 'credit-override', id: o.id },
    related: [o.actorOrgId, ...(o.decisionId ? [o.decisionId] : [])],
    disposition: `credit_grade_${o.grade}`,
    at: o.createdAt,
    body: {
      grade: o.grade,
      reason: o.reason,
      overrides: o.decisionId ? urn('credit-decision', o.decisionId) : null,
      effectiveFrom: chinaTime(o.effectiveFrom),
      expiresAt: chinaTime(o.expiresAt),
      actor: urn('org', o.actorOrgId),
    },
  });
}

export function appealEvent(a: {
  id: string;
  operatorId: string;
  operatorOrgId: string;
  action: 'credit.appeal_filed' | 'credit.appeal_upheld' | 'credit.appeal_dismissed';
  decisionId: string;
  reason: string;
  factIds: readonly string[];
  actorOrgId: string;
  at: Date;
}): ProvenanceEventInput {
  return creditEvent({
    action: a.action,
    operatorId: a.operatorId,
    operatorOrgId: a.operatorOrgId,
    subjectRecord: { kind: 'credit-appeal', id: a.id },
    related: [a.actorOrgId, a.decisionId, ...a.factIds],
    disposition: a.action.replace('credit.', 'credit_'),
    at: a.at,
    body: {
      decision: urn('credit-decision', a.decisionId),
      reason: a.reason,
      facts: a.factIds.map((id) => urn('credit-fact', id)),
      actor: urn('org', a.actorOrgId),
    },
  });
}
