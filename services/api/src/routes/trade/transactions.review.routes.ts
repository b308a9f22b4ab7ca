import {
  ReviewDecisionBody,
  reviewDecisions,
  TransactionView,
  type Role,
  type TransactionsService,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const REVIEWERS: readonly Role[] = ['staff'];
const IdParams = z.strictObject({ id: z.uuid() });

/** Staff review: approve a transaction held for review, or reject one; a reason is always kept. */
export function transactionReviewRoutes(app: App, { transactions }: { transactions: TransactionsService }) {
  for (const decision of reviewDecisions) {
    app.post(
      `/v1/transactions/:id/${decision}`,
      {
        config: { roles: REVIEWERS },
        schema: {
          tags: ['transactions'],
          summary:
            decision === 'approve-review'
              ? 'Staff: accept a transaction held for price review (in_review → submitted)'
              : 'Staff: reject a transaction under review, or a submitted one none of whose lines is consolidated',
          params: IdParams,
          body: ReviewDecisionBody,
          response: { 200: TransactionView, ...authProblems, ...problems(404, 409, 415, 422) },
        },
      },
      async (request) => transactions.decide(principalOf(request), request.params.id, decision, request.body.reason),
    );
  }
}
