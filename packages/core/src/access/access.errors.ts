import { createErrorFactory } from '../shared/errors';

export const accessErrors = {
  missingCredentials: createErrorFactory({
    code: 'auth.missing_credentials',
    statusCode: 401,
    title: 'Send an API key as "Authorization: Bearer <key>"',
  }),
  invalidKey: createErrorFactory({
    code: 'auth.invalid_key',
    statusCode: 401,
    title: 'The API key is unknown or has been revoked',
  }),
  forbiddenRole: createErrorFactory({
    code: 'auth.forbidden_role',
    statusCode: 403,
    title: 'Your role may not perform this action',
  }),
  roleNotAllowedForKind: createErrorFactory({
    code: 'access.role_not_allowed_for_kind',
    statusCode: 422,
    title: 'This role cannot be given to an organisation of this kind',
  }),
  organisationKindMismatch: createErrorFactory({
    code: 'access.organisation_kind_mismatch',
    statusCode: 409,
    title: 'An organisation with this name exists with another kind',
  }),
  keyNotFound: createErrorFactory({
    code: 'access.key_not_found',
    statusCode: 404,
    title: 'The API key does not exist',
  }),
  keyAlreadyRevoked: createErrorFactory({
    code: 'access.key_already_revoked',
    statusCode: 409,
    title: 'The API key is already revoked',
  }),
};
