import {
  BatchRequest,
  BatchResponse,
  TransactionInput,
  TransactionView,
  type Role,
  type TransactionsService,
} from '@baigou/core';
import type { DomainError } from '@baigou/core';
import { authProblems, problems, problemType } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

/** Only the exporter of record records its sales. */
const SUBMITTERS: readonly Role[] = ['operator'];
/** 1,000 transactions of a few lines each; a transaction of 200 long lines is about 100 kB. */
const BATCH_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** A batch item's refusal, shaped like the problem the single route would have answered. */
function itemProblem(error: DomainError) {
  return {
    type: problemType(error.code),
    title: error.title,
    status: error.statusCode,
    code: error.code,
    detail: error.message,
    ...(error.fields ? { errors: [...error.fields] } : {}),
    ...error.extra,
  };
}

/** 交易登记: one transaction, or a batch with a result per item. */
export function transactionSubmitRoutes(app: App, { transactions }: { transactions: TransactionsService }) {
  app.post(
    '/v1/transactions',
    {
      config: { roles: SUBMITTERS },
      schema: {
        tags: ['transactions'],
        summary:
          'Record a sale (交易登记): lines matched and price-checked; answers its tradingNo. Re-submitting a clientRef answers 200 with the same transaction',
        body: TransactionInput,
        response: {
          200: TransactionView,
          201: TransactionView,
          ...authProblems,
          ...problems(404, 409, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { outcome, transaction } = await transactions.submit(principal, request.body);
      return reply.code(outcome === 'created' ? 201 : 200).send(await transactions.get(principal, transaction.id));
    },
  );

  app.post(
    '/v1/transactions/batch',
    {
      bodyLimit: BATCH_BODY_LIMIT_BYTES,
      config: { roles: SUBMITTERS, batchItems: 'items' },
      schema: {
        tags: ['transactions'],
        summary:
          'Record up to 1,000 sales; each is validated on its own, the accepted ones are written together, with a result per item (created, replayed or error)',
        body: BatchRequest,
        response: { 201: BatchResponse, ...authProblems, ...problems(409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const outcomes = await transactions.submitBatch(principalOf(request), request.body.items);
      const items = outcomes.map(({ error, ...result }) =>
        error ? { ...result, problem: itemProblem(error) } : result,
      );
      const count = (status: string) => items.filter((item) => item.status === status).length;
      return reply
        .code(201)
        .send({ summary: { created: count('created'), replayed: count('replayed'), error: count('error') }, items });
    },
  );
}
