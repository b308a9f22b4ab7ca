import { createErrorFactory } from '../shared/errors';

export const creditErrors = {
  gradeDRefused: createErrorFactory({
    code: 'credit.grade_d_refused',
    statusCode: 422,
    title: 'The operator is graded D by the credit evaluation in force: new submissions are refused',
  }),
  scorecardNotFound: createErrorFactory({
    code: 'credit.scorecard_not_found',
    statusCode: 404,
    title: 'The credit scorecard does not exist',
  }),
  scorecardInvalid: createErrorFactory({
    code: 'credit.scorecard_invalid',
    statusCode: 422,
    title: 'The scorecard document is not a valid, monotone scorecard; see errors',
  }),
  scorecardExists: createErrorFactory({
    code: 'credit.scorecard_exists',
    statusCode: 409,
    title: 'A scorecard with this label or with exactly this document already exists',
  }),
  scorecardNotYetEffective: createErrorFactory({
    code: 'credit.scorecard_not_yet_effective',
    statusCode: 409,
    title: 'The scorecard cannot be approved before its effective instant',
  }),
  noScorecardInForce: createErrorFactory({
    code: 'credit.no_scorecard_in_force',
    statusCode: 409,
    title: 'No credit scorecard is in force; staff must approve one first',
  }),
  decisionNotFound: createErrorFactory({
    code: 'credit.decision_not_found',
    statusCode: 404,
    title: 'The credit decision does not exist or is not visible to you',
  }),
  operatorNotFound: createErrorFactory({
    code: 'credit.operator_not_found',
    statusCode: 404,
    title: 'No operator is registered for this organisation, or it is not visible to you',
  }),
  factInvalid: createErrorFactory({
    code: 'credit.fact_invalid',
    statusCode: 422,
    title: 'The credit fact is not valid for its kind; see errors',
  }),
  factNotFound: createErrorFactory({
    code: 'credit.fact_not_found',
    statusCode: 404,
    title: 'The credit fact does not exist or is not visible to you',
  }),
  runNotFound: createErrorFactory({
    code: 'credit.run_not_found',
    statusCode: 404,
    title: 'The credit run does not exist',
  }),
  appealNotFound: createErrorFactory({
    code: 'credit.appeal_not_found',
    statusCode: 404,
    title: 'The appeal does not exist or is not visible to you',
  }),
  overrideInvalid: createErrorFactory({
    code: 'credit.override_invalid',
    statusCode: 422,
    title: 'The override must expire after it takes effect, and in the future',
  }),
  jobKeyReused: createErrorFactory({
    code: 'credit.job_key_reused',
    statusCode: 409,
    title: 'A credit run with this key exists with other content',
  }),
};
