import { bizStep, chinaTime, urn, type PayoutSubjectKind, type ProvenanceEventInput } from '../provenance/epcis.events';

/**
 * The payout workflow's state changes as EPCIS ObjectEvents, written in the same transaction as the
 * change: every payment transition and every ledger transfer the workflow writes, so where a claim's
 * money went is proved with the same log and verifier as the claim itself.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function payoutEvent(facts: {
  kind: PayoutSubjectKind;
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
      bizStep: bizStep(`payout-${facts.action.split('.').at(-1) ?? 'record'}`),
      readPoint: { id: urn('location', 'baigou-trade-service-center') },
      'mpt:payout': { ...facts.detail, actor: facts.actorOrgId ? urn('org', facts.actorOrgId) : null },
    },
  };
}
