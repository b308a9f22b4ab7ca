import { createErrorFactory } from '../../shared/errors';

export const fxErrors = {
  notFound: createErrorFactory({
    code: 'fx.receipt_not_found',
    statusCode: 404,
    title: 'The FX receipt does not exist or is not visible to you',
  }),
  clientRefReused: createErrorFactory({
    code: 'fx.client_ref_reused',
    statusCode: 422,
    title: 'This clientRef was already used for another FX receipt',
  }),
  bankReferenceReused: createErrorFactory({
    code: 'fx.bank_reference_reused',
    statusCode: 409,
    title: 'This bank reference of this bank is already recorded as an FX receipt',
  }),
  overAllocation: createErrorFactory({
    code: 'fx.over_allocation',
    statusCode: 409,
    title:
      'The allocation would use more than the receipt has left, or more than the target has outstanding (no double use)',
  }),
  targetNotAllocatable: createErrorFactory({
    code: 'fx.target_not_allocatable',
    statusCode: 409,
    title: 'A rejected transaction, or a withdrawn or rejected declaration, takes no FX receipts',
  }),
  currencyMismatch: createErrorFactory({
    code: 'fx.currency_mismatch',
    statusCode: 422,
    title: 'The receipt currency is not the currency of the transaction or declaration',
  }),
};
