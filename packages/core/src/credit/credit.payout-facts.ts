import { createHash } from 'node:crypto';
import type { Db } from '@baigou/db';
import type { PayoutCreditFacts } from '../payout/payout.ports';
import { writeOutbox } from '../shared/outbox';
import type { CreditService } from './credit.service';

/**
 * The credit context answering the payout context's port: a clawback for fraud is a `subsidy_fraud`
 * fact (veto-class under the seeded scorecard, so credit queues the re-scoring itself); when the
 * scorecard in force does not veto on it, the firm is still re-scored at once, because a clawed-back
 * payment changes the facts its grade rests on. 骗补追回即记入信用事实并立即重新评价.
 */
export function creditAsPayoutFacts(credit: Pick<CreditService, 'recordFact'>, db: Db): PayoutCreditFacts {
  return {
    async recordSubsidyFraud(principal, fact) {
      const evidence = JSON.stringify({ paymentId: fact.paymentId, claimId: fact.claimId, reason: fact.reason });
      const recorded = await credit.recordFact(principal, {
        operatorOrgId: fact.operatorOrgId,
        kind: 'subsidy_fraud',
        effectiveFrom: fact.effectiveFrom,
        source: '白沟新城国际贸易服务中心 专项资金追回 / fund clawback',
        evidence: [
          {
            sha256: createHash('sha256').update(evidence).digest('hex'),
            filename: `payout-clawback-${fact.paymentId}.json`,
            description: `clawback of ${fact.amountCny} CNY: ${fact.reason}`.slice(0, 500),
          },
        ],
        note: fact.reason,
      });
      if (!recorded.rescoreQueued)
        await writeOutbox(
          db,
          'credit.rescore',
          { operatorOrgId: fact.operatorOrgId, trigger: 'fact', triggerRef: `fact:${recorded.id}` },
          `credit.rescore:fact:${recorded.id}`,
        );
      return { factId: recorded.id, rescoreQueued: true };
    },
  };
}
