import { centerObservation, type ProvenanceEventInput, type SubsidySubjectKind } from '../provenance/epcis.events';

/**
 * The special fund's state changes as EPCIS ObjectEvents (OBSERVE), written in the same transaction
 * as the change: programme decisions, policies, period runs, every claim step and audit task, so a
 * claim's whole story is proved to an auditor with the bundle and verifier customs already use.
 */

export const subsidyEvent = (
  facts: Parameters<typeof centerObservation<SubsidySubjectKind>>[1],
): ProvenanceEventInput => centerObservation('subsidy', facts);
