import { createErrorFactory } from '../shared/errors';

/** Errors of the payout context: each carries its code and status from creation. */
export const payoutErrors = {
  notFound: createErrorFactory({
    code: 'payout.not_found',
    statusCode: 404,
    title: 'The payout record does not exist or is not visible to you',
  }),
  illegalTransition: createErrorFactory({
    code: 'payout.illegal_transition',
    statusCode: 409,
    title: 'The payment cannot make this change from its current state',
  }),
  callbackUnauthenticated: createErrorFactory({
    code: 'payout.callback_unauthenticated',
    statusCode: 401,
    title: 'The bank callback signature or timestamp is missing or wrong',
  }),
  callbackMalformed: createErrorFactory({
    code: 'payout.callback_malformed',
    statusCode: 400,
    title: 'The authenticated bank callback is not a payment callback',
  }),
  callbackConflict: createErrorFactory({
    code: 'payout.callback_conflict',
    statusCode: 422,
    title: 'A callback with this instruction and sequence was received with other content; nothing was changed',
  }),
  callbackMismatch: createErrorFactory({
    code: 'payout.callback_mismatch',
    statusCode: 422,
    title: 'The callback does not match the instruction (amount); nothing was changed',
  }),
  unknownInstruction: createErrorFactory({
    code: 'payout.unknown_instruction',
    statusCode: 404,
    title: 'No payment was instructed under this instruction id',
  }),
  noPayee: createErrorFactory({
    code: 'payout.no_payee_account',
    statusCode: 422,
    title: 'The firm has no payee account on record',
  }),
  notPaid: createErrorFactory({
    code: 'payout.not_paid',
    statusCode: 409,
    title: 'Only a paid payment can be clawed back',
  }),
};
