import { centerObservation, type ProvenanceEventInput, type PayoutSubjectKind } from '../provenance/epcis.events';

/**
 * The payout workflow's state changes as EPCIS ObjectEvents, written in the same transaction as the
 * change: every payment transition and every ledger transfer the workflow writes, so where a claim's
 * money went is proved with the same log and verifier as the claim itself.
 */

export const payoutEvent = (facts: Parameters<typeof centerObservation<PayoutSubjectKind>>[1]): ProvenanceEventInput =>
  centerObservation('payout', facts);
