import type { Evaluation } from '../price-library';

/**
 * The port trade intake declares for credit consequences (ARCHITECTURE §7: credit → trade, one way).
 * The credit context implements it; trade never reads credit tables.
 */
export interface CreditGate {
  /**
   * Throws the credit context's refusal (`credit.grade_d_refused`, naming the decision) for a firm
   * whose grade in force refuses submissions; otherwise answers what intake must apply.
   */
  admit(
    operatorOrgId: string,
    at: Date,
  ): Promise<{ grade: string | null; decisionId: string | null; enhancedReview: boolean; priority: boolean }>;
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
