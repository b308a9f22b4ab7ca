import {
  TransactionListQuery,
  TransactionSummaryView,
  TransactionView,
  type Role,
  type TransactionsService,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

/** An operator reads its own; staff, customs and auditors read all (traceability). */
const READERS: readonly Role[] = ['operator', 'staff', 'customs', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });

export function transactionReadRoutes(app: App, { transactions }: { transactions: TransactionsService }) {
  app.get(
    '/v1/transactions/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['transactions'],
        summary: 'A transaction with its lines (price-library answers), documents and status history',
        params: IdParams,
        response: { 200: TransactionView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => transactions.get(principalOf(request), request.params.id),
  );

  app.get(
    '/v1/transactions',
    {
      config: { roles: READERS },
      schema: {
        tags: ['transactions'],
        summary: 'List transactions by status, merchant, purchaser, trade date range or tradingNo (oldest first)',
        querystring: TransactionListQuery,
        response: {
          200: z.object({ items: z.array(TransactionSummaryView), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => transactions.list(principalOf(request), request.query),
  );
}
