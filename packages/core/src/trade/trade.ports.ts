import type { DbOrTx } from '@baigou/db';
import type { Evaluation } from '../price-library';
import type { DeclarationState } from './declarations/declaration-lifecycle';

/**
 * What the trade context needs from others, declared here so that they depend on trade and not the
 * other way round. Implementations are passed in where the services are wired (services/api app.ts).
 */

/**
 * The statistics roll-ups that move with trade's state. Each is called inside the PG transaction
 * that changes the state it counts, so a figure can never disagree with the records it sums.
 */
export interface TradeRollups {
  /** Transactions recorded at intake: their price-check risk, by trade month. */
  applyIntakeRisk(tx: DbOrTx, intake: { transactionIds: readonly string[] }): Promise<void>;
  /** A staff decision on a transaction. */
  applyTransactionStatusChange(tx: DbOrTx, change: { transactionId: string; from: string; to: string }): Promise<void>;
  /** A declaration moving from one lifecycle state to another. */
  applyDeclarationStatusChange(
    tx: DbOrTx,
    change: { declarationId: string; from: DeclarationState; to: DeclarationState },
  ): Promise<void>;
  /** An FX receipt allocated to a transaction or declaration. */
  applyFxAllocation(tx: DbOrTx, allocation: { allocationId: string }): Promise<void>;
}

/** What intake must apply for a firm's grade in force. */
export interface CreditTerms {
  grade: string | null;
  decisionId: string | null;
  enhancedReview: boolean;
  priority: boolean;
}

/**
 * The port trade intake declares for credit consequences (ARCHITECTURE §7: credit → trade, one way).
 * The credit context implements it; trade never reads credit tables.
 */
export interface CreditGate {
  /**
   * Throws the credit context's refusal (`credit.grade_d_refused`, naming the decision) for a firm
   * whose grade in force refuses submissions; otherwise answers what intake must apply.
   */
  admit(operatorOrgId: string, at: Date): Promise<CreditTerms>;
}

/**
 * Grade C (enhanced review, DOMAIN §5): every line priced outside the soft band goes to staff
 * review instead of passing with a remark, and says why.
 */
export function withEnhancedReview(evaluation: Evaluation): Evaluation {
  return {
    ...evaluation,
    results: evaluation.results.map((result) =>
      result.priceCheck?.severity === 'warning'
        ? {
            ...result,
            priceCheck: {
              ...result.priceCheck,
              severity: 'review',
              explanation: `${result.priceCheck.explanation}; credit grade C: every deviation beyond the soft band is reviewed`,
            },
          }
        : result,
    ),
  };
}
