import { createErrorFactory } from '../shared/errors';

/** Errors of the ledger context: each carries its code and status from creation. */
export const ledgerErrors = {
  idempotencyConflict: createErrorFactory({
    code: 'ledger.idempotency_conflict',
    statusCode: 422,
    title: 'A transfer with this id already exists with other fields; nothing was changed',
  }),
  exceedsCredits: createErrorFactory({
    code: 'ledger.exceeds_credits',
    statusCode: 422,
    title: "The transfer would take the account's debits beyond its credits (the budget left is too small)",
  }),
  exceedsDebits: createErrorFactory({
    code: 'ledger.exceeds_debits',
    statusCode: 422,
    title: "The transfer would take the account's credits beyond its debits",
  }),
  accountNotFound: createErrorFactory({
    code: 'ledger.account_not_found',
    statusCode: 404,
    title: 'The ledger account does not exist',
  }),
  accountExists: createErrorFactory({
    code: 'ledger.account_exists',
    statusCode: 409,
    title: 'A ledger account with this code already exists with other settings',
  }),
  pendingNotFound: createErrorFactory({
    code: 'ledger.pending_not_found',
    statusCode: 404,
    title: 'The pending transfer to post or void does not exist',
  }),
  notPending: createErrorFactory({
    code: 'ledger.not_pending',
    statusCode: 409,
    title: 'Only a pending transfer can be posted or voided',
  }),
  pendingAlreadyResolved: createErrorFactory({
    code: 'ledger.pending_already_resolved',
    statusCode: 409,
    title: 'The pending transfer has already been posted or voided',
  }),
  pendingExpired: createErrorFactory({
    code: 'ledger.pending_expired',
    statusCode: 409,
    title: 'The pending transfer has expired by the database clock and can no longer be posted',
  }),
};
