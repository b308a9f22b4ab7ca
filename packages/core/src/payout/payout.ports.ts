import type { DbOrTx } from '@baigou/db';
import type { Principal } from '../access/access.models';

/** A clawback for fraud, as the credit context records it: a `subsidy_fraud` fact about the firm. */
export interface SubsidyFraudFact {
  operatorOrgId: string;
  paymentId: string;
  claimId: string;
  amountCny: string;
  reason: string;
  /** China date the fraud was established (the clawback's day). */
  effectiveFrom: string;
}

/**
 * What the payout context needs from the credit context (credit.payout-facts.ts implements it): record
 * the fraud fact and have the firm re-scored (the `credit.rescore` job through the outbox). Called in the
 * clawback's unit of work, so the fact, the rescore job and the correcting transfer commit together.
 */
export interface PayoutCreditFacts {
  recordSubsidyFraud(principal: Principal, fact: SubsidyFraudFact): Promise<{ factId: string; rescoreQueued: boolean }>;
}

/**
 * What the payout context needs from the special fund (subsidy implements it: its claims'
 * withdrawApproval): when staff cancel a failed payment for good, the claim is no longer approved for
 * payment, and the fund's budget totals give its amount back — in the cancellation's transaction.
 */
export interface PayoutClaims {
  paymentCancelled(tx: DbOrTx, input: { claimId: string; reason: string; actorOrgId: string }): Promise<void>;
}
