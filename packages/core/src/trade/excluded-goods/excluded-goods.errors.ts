import { createErrorFactory } from '../../shared/errors';

export const excludedGoodsErrors = {
  excluded: createErrorFactory({
    code: 'trade.excluded_goods',
    statusCode: 422,
    title: 'Goods on the excluded-goods list may not be traded under market procurement',
  }),
};
