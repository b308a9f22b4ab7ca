import { createErrorFactory } from '../../shared/errors';

export const declarationErrors = {
  notFound: createErrorFactory({
    code: 'declaration.not_found',
    statusCode: 404,
    title: 'The declaration does not exist or is not visible to you',
  }),
  alreadyDeclared: createErrorFactory({
    code: 'declaration.already_declared',
    statusCode: 409,
    title: 'The consolidation already has a declaration that is not withdrawn',
  }),
  missingExchangeRate: createErrorFactory({
    code: 'trade.missing_exchange_rate',
    statusCode: 422,
    title: 'The customs monthly exchange rate of the declaration month is not set',
  }),
  overValueCap: createErrorFactory({
    code: 'declaration.over_value_cap',
    statusCode: 422,
    title: 'The goods value exceeds USD 150,000.00 per declaration; split the consolidation (see proposedSplit)',
  }),
  tooManyLines: createErrorFactory({
    code: 'declaration.too_many_lines',
    statusCode: 422,
    title: 'The declaration would have more than 50 goods lines; split the consolidation (see proposedSplit)',
  }),
  mixedCurrencies: createErrorFactory({
    code: 'declaration.mixed_currencies',
    statusCode: 422,
    title: 'One declaration has one currency; the consolidation holds transactions in several',
  }),
  missingHsCode: createErrorFactory({
    code: 'declaration.missing_hs_code',
    statusCode: 422,
    title: 'Every goods line needs an HS code before it can be declared',
  }),
  illegalTransition: createErrorFactory({
    code: 'declaration.illegal_transition',
    statusCode: 409,
    title: 'The event is not allowed in the current state of the declaration',
  }),
};
