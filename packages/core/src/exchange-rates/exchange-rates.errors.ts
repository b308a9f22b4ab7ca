import { createErrorFactory } from '../shared/errors';

export const exchangeRateErrors = {
  alreadySet: createErrorFactory({
    code: 'exchange_rate.already_set',
    statusCode: 409,
    title:
      'The customs rate of this currency for this month is already set; rates are never changed once results may have used them',
  }),
  baseCurrency: createErrorFactory({
    code: 'exchange_rate.base_currency',
    statusCode: 400,
    title: 'CNY is the base currency: its rate is 1 by definition',
  }),
};
