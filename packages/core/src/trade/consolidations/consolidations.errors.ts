import { createErrorFactory } from '../../shared/errors';

export const consolidationErrors = {
  notFound: createErrorFactory({
    code: 'trade.consolidation_not_found',
    statusCode: 404,
    title: 'The consolidation does not exist or is not visible to you',
  }),
  alreadyConsolidated: createErrorFactory({
    code: 'trade.already_consolidated',
    statusCode: 409,
    title: 'A transaction line may be consolidated once; this transaction is already in a consolidation',
  }),
  transactionNotConsolidatable: createErrorFactory({
    code: 'trade.transaction_not_consolidatable',
    statusCode: 409,
    title: 'Only submitted transactions (accepted, not in review or rejected) can be consolidated',
  }),
  clientRefReused: createErrorFactory({
    code: 'trade.client_ref_reused',
    statusCode: 422,
    title: 'This clientRef was already used for another consolidation',
  }),
};
