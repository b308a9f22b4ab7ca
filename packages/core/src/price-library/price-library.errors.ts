import { createErrorFactory } from '../shared/errors';

export const priceLibraryErrors = {
  noActiveVersion: createErrorFactory({
    code: 'price_library.no_active_version',
    statusCode: 503,
    title: 'No price-library version is active yet; the platform seeds one at start-up',
  }),
  versionNotFound: createErrorFactory({
    code: 'price_library.version_not_found',
    statusCode: 404,
    title: 'The price-library version does not exist',
  }),
  matchNotFound: createErrorFactory({
    code: 'price_library.match_not_found',
    statusCode: 404,
    title: 'The match record does not exist or is not visible to you',
  }),
  unknownHsCode: createErrorFactory({
    code: 'price_library.unknown_hs_code',
    statusCode: 422,
    title: 'The HS code names no product type of the version the match used',
  }),
  nothingLearnt: createErrorFactory({
    code: 'price_library.nothing_learnt',
    statusCode: 422,
    title: 'The confirmed codes teach no alias with enough evidence; no version was proposed',
  }),
  importRejected: createErrorFactory({
    code: 'price_library.import_rejected',
    statusCode: 422,
    title: 'The price list has invalid rows; nothing was imported. Each bad row is listed in rows',
  }),
  importUnreadable: createErrorFactory({
    code: 'price_library.import_unreadable',
    statusCode: 422,
    title: 'The price list file cannot be read',
  }),
  baseSuperseded: createErrorFactory({
    code: 'price_library.base_superseded',
    statusCode: 409,
    title: 'The proposal was made from a version that is no longer active; propose again from the active version',
  }),
  notYetEffective: createErrorFactory({
    code: 'price_library.not_yet_effective',
    statusCode: 409,
    title: 'The version takes effect later; approve it on or after its effective date',
  }),
  adjustmentExists: createErrorFactory({
    code: 'price_library.adjustment_exists',
    statusCode: 409,
    title: 'An adjustment was already proposed as of this date',
  }),
  adjustmentNoChange: createErrorFactory({
    code: 'price_library.adjustment_no_change',
    statusCode: 422,
    title: 'No band has enough observations in the window to be recomputed; nothing was proposed',
  }),
  labelTaken: createErrorFactory({
    code: 'price_library.label_taken',
    statusCode: 409,
    title: 'Another version already has this label',
  }),
  jobKeyReused: createErrorFactory({
    code: 'price_library.adjustment_job_conflict',
    statusCode: 409,
    title: 'An adjustment as of this date was already run with other parameters',
  }),
};
