/**
 * The gateway's errors carry their code and status from creation; one handler in app.ts turns them
 * into RFC 9457 problem details.
 */
export interface FieldIssue {
  path: string;
  message: string;
}

export class GatewayError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    readonly title: string,
    detail?: string,
    readonly fields?: readonly FieldIssue[],
  ) {
    super(detail ?? title);
    this.name = 'GatewayError';
  }
}

const factory =
  (code: string, statusCode: number, title: string) => (detail?: string, fields?: readonly FieldIssue[]) =>
    new GatewayError(code, statusCode, title, detail, fields);

export const gatewayErrors = {
  validation: factory('request.validation_failed', 400, 'The request is invalid; see errors for the failing fields'),
  notFound: factory('instruction.not_found', 404, 'No instruction with this id'),
  idempotencyConflict: factory(
    'instruction.idempotency_conflict',
    422,
    'An instruction with this id was already accepted with other parameters',
  ),
  invalidAccount: factory('instruction.invalid_account', 422, 'The payee account number is not a valid account'),
  notReversible: factory('instruction.not_reversible', 409, 'Only a paid, not yet reversed payment can be reversed'),
  rangeTooLong: factory('statement.range_too_long', 400, 'A statement covers at most 31 days'),
  unavailable: factory('gateway.unavailable', 503, 'The gateway is temporarily unavailable'),
  internal: factory('gateway.internal_error', 500, 'The gateway failed to answer'),
};
