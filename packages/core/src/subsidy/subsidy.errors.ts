import { createErrorFactory } from '../shared/errors';

/** Errors of the subsidy context: each carries its code and status from creation. */
export const subsidyErrors = {
  notFound: createErrorFactory({
    code: 'subsidy.not_found',
    statusCode: 404,
    title: 'The subsidy record does not exist or is not visible to you',
  }),
  labelTaken: createErrorFactory({
    code: 'subsidy.label_taken',
    statusCode: 409,
    title: 'The label is already used',
  }),
  illegalTransition: createErrorFactory({
    code: 'subsidy.illegal_transition',
    statusCode: 409,
    title: 'The requested change is not allowed from the current state',
  }),
  notYourStep: createErrorFactory({
    code: 'subsidy.step_not_allowed',
    statusCode: 403,
    title: 'This step of the claim belongs to another role',
  }),
  noProgrammeInForce: createErrorFactory({
    code: 'subsidy.no_programme_in_force',
    statusCode: 409,
    title: 'No approved programme version is in force for the period',
  }),
  effectiveDateTaken: createErrorFactory({
    code: 'subsidy.effective_date_taken',
    statusCode: 409,
    title: 'Another approved programme version takes effect on the same date',
  }),
  noticeRunning: createErrorFactory({
    code: 'subsidy.notice_running',
    statusCode: 409,
    title: 'The public notice period (公示) has not ended',
  }),
  objectionsOpen: createErrorFactory({
    code: 'subsidy.objections_open',
    statusCode: 409,
    title: 'Objections raised during the public notice are not all decided',
  }),
  overBudget: createErrorFactory({
    code: 'subsidy.over_budget',
    statusCode: 422,
    title: 'Approving the claim would exceed the annual budget',
  }),
  overFirmCap: createErrorFactory({
    code: 'subsidy.over_firm_cap',
    statusCode: 422,
    title: "Approving the claim would exceed the firm's annual cap",
  }),
  sourceAlreadyFunded: createErrorFactory({
    code: 'subsidy.source_already_funded',
    statusCode: 409,
    title: 'A declaration, container, operator or premium already funds a claim line of this item type',
  }),
  invalidAmount: createErrorFactory({
    code: 'subsidy.invalid_amount',
    statusCode: 422,
    title: 'The amount is not allowed here',
  }),
  auditIncomplete: createErrorFactory({
    code: 'subsidy.audit_incomplete',
    statusCode: 409,
    title: 'The audit task has sampled lines without a finding',
  }),
  notSampled: createErrorFactory({
    code: 'subsidy.line_not_sampled',
    statusCode: 422,
    title: 'The claim line is not in the task sample',
  }),
};
