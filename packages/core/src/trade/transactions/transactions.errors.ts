import { createErrorFactory } from '../../shared/errors';

export const transactionErrors = {
  notFound: createErrorFactory({
    code: 'trade.transaction_not_found',
    statusCode: 404,
    title: 'The transaction does not exist or is not visible to you',
  }),
  cashSettlementRefused: createErrorFactory({
    code: 'trade.cash_settlement_refused',
    statusCode: 422,
    title: 'Goods settled in cash may not use market procurement; settle by bank transfer or cross-border RMB',
  }),
  // 422 like a reused Idempotency-Key (ARCHITECTURE §3.3): the client reference is the body's idempotency key.
  clientRefReused: createErrorFactory({
    code: 'trade.client_ref_reused',
    statusCode: 422,
    title: 'This clientRef was already used for a transaction with different content',
  }),
};
