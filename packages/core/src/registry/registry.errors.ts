import { createErrorFactory, isDomainError } from '../shared/errors';

export const registryErrors = {
  duplicateParty: createErrorFactory({
    code: 'registry.duplicate_party',
    statusCode: 409,
    title: 'A party with this identifier is already registered',
  }),
  operatorAlreadyRegistered: createErrorFactory({
    code: 'registry.operator_already_registered',
    statusCode: 409,
    title: 'Your organisation already has an operator registration',
  }),
  operatorNotRegistered: createErrorFactory({
    code: 'registry.operator_not_registered',
    statusCode: 409,
    title:
      'Register your organisation as an operator (POST /v1/operators) before registering parties; a rejected or suspended operator cannot register parties',
  }),
  notFound: createErrorFactory({
    code: 'registry.party_not_found',
    statusCode: 404,
    title: 'The party does not exist or is not visible to you',
  }),
  // Raised to the trade contexts (transactions, consolidations, FX receipts); its code is the one clients know.
  operatorNotApproved: createErrorFactory({
    code: 'trade.operator_not_approved',
    statusCode: 422,
    title: 'Your organisation needs an approved operator registration to record transactions',
  }),
  notApproved: createErrorFactory({
    code: 'registry.party_not_approved',
    statusCode: 422,
    title: 'Only approved parties may be used',
  }),
};

/**
 * The same registry error with the request path it concerns (the party field of a trade request),
 * so a client knows which field to fix. An error that already names its fields, or any other
 * error, is thrown unchanged.
 */
export function registryErrorAt(error: unknown, path: string): never {
  if (isDomainError(error) && !error.fields) {
    const factory =
      error.code === registryErrors.notApproved.code
        ? registryErrors.notApproved
        : error.code === registryErrors.notFound.code
          ? registryErrors.notFound
          : null;
    if (factory) throw factory({ detail: error.message, fields: [{ path, message: error.title }], cause: error });
  }
  throw error;
}
