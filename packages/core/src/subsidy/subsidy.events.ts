import {
  bizStep,
  chinaTime,
  urn,
  type ProvenanceEventInput,
  type SubsidySubjectKind,
} from '../provenance/epcis.events';

/**
 * The special fund's state changes as EPCIS ObjectEvents (OBSERVE), written in the same transaction
 * as the change: programme decisions, policies, period runs, every claim step and audit task, so a
 * claim's whole story is proved to an auditor with the bundle and verifier customs already use.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function subsidyEvent(facts: {
  kind: SubsidySubjectKind;
  id: string;
  action: string;
  related: readonly string[];
  actorOrgId: string | null;
  at: Date;
  detail: { [key: string]: Json };
}): ProvenanceEventInput {
  return {
    action: facts.action,
    subject: { kind: facts.kind, id: facts.id },
    related: [...new Set([...facts.related, ...(facts.actorOrgId ? [facts.actorOrgId] : [])])],
    event: {
      type: 'ObjectEvent',
      eventTime: chinaTime(facts.at),
      eventTimeZoneOffset: '+08:00',
      epcList: [urn(facts.kind, facts.id)],
      action: 'OBSERVE',
      bizStep: bizStep(`subsidy-${facts.action.split('.').at(-1) ?? 'record'}`),
      readPoint: { id: urn('location', 'baigou-trade-service-center') },
      'mpt:subsidy': { ...facts.detail, actor: facts.actorOrgId ? urn('org', facts.actorOrgId) : null },
    },
  };
}
