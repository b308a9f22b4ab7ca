import { commonErrors, createErrorFactory } from '../shared/errors';

export const provenanceErrors = {
  declarationNotFound: createErrorFactory({
    code: 'trace.declaration_not_found',
    statusCode: 404,
    title: 'No declaration has this platform id or customs entry number',
  }),
  checkpointNotFound: createErrorFactory({
    code: 'trace.checkpoint_not_found',
    statusCode: 404,
    title: 'No signed checkpoint has this tree size',
  }),
  invalidRange: createErrorFactory({
    code: 'trace.invalid_range',
    statusCode: 400,
    title: 'A consistency proof needs 0 < from ≤ to, both sizes of signed checkpoints',
  }),
  invalidCursor: commonErrors.invalidCursor,
};
