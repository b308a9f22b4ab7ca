import {
  ClaimEventBody,
  ClaimView,
  Loose,
  ObjectionDecisionInput,
  ObjectionInput,
  YearQuery,
  type Role,
  type SubsidyService,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const STAFF: readonly Role[] = ['staff'];
const READERS: readonly Role[] = ['operator', 'staff', 'auditor'];
const OVERSIGHT: readonly Role[] = ['staff', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });

/** A claim through its lifecycle: the firm confirms or objects, the center reviews, notices and approves. */
export function claimRoutes(app: App, { subsidy }: { subsidy: SubsidyService }) {
  app.get(
    '/v1/subsidy/claims/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['subsidy'],
        summary:
          'A claim with its lines (sources and pricing rule of each), events, differences found by later runs and objections',
        params: IdParams,
        response: { 200: ClaimView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => subsidy.claims.get(principalOf(request), request.params.id),
  );

  app.post(
    '/v1/subsidy/claims/:id/events',
    {
      config: { roles: ['operator', 'staff'] },
      schema: {
        tags: ['subsidy'],
        summary:
          'A step of the claim: confirm / object {reason} (the firm); reopen, preliminaryPass, auditPass, committeeApprove {decisionRef}, startNotice {from}, approve, reject {reason}, reduce {amountCny, reason} (staff). Out of order: 409',
        params: IdParams,
        body: ClaimEventBody,
        response: { 200: ClaimView, ...authProblems, ...problems(404, 409, 415, 422) },
      },
    },
    async (request) => subsidy.claims.applyEvent(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/subsidy/claims/:id/objections',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['subsidy'],
        summary: 'Record an objection raised during the public notice (公示异议)',
        params: IdParams,
        body: ObjectionInput,
        response: { 200: ClaimView, ...authProblems, ...problems(404, 409, 415) },
      },
    },
    async (request) => subsidy.claims.recordObjection(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/subsidy/objections/:id/decision',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['subsidy'],
        summary: 'Decide an objection (upheld or dismissed, with a reason)',
        params: IdParams,
        body: ObjectionDecisionInput,
        response: { 200: ClaimView, ...authProblems, ...problems(404, 409, 415) },
      },
    },
    async (request) => subsidy.claims.decideObjection(principalOf(request), request.params.id, request.body),
  );
  claimReportRoutes(app, { subsidy });
}

/** A claim's signed evidence bundle, the fund figures and the budget view. */
function claimReportRoutes(app: App, { subsidy }: { subsidy: SubsidyService }) {
  app.get(
    '/v1/subsidy/claims/:id/evidence-bundle',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['subsidy'],
        summary:
          "Signed evidence bundle (ZIP) of a claim: its events and its sources' events with inclusion proofs, and the claim",
        params: IdParams,
        response: { 200: z.unknown().describe('application/zip'), ...authProblems, ...problems(404) },
      },
    },
    async (request, reply) => {
      const { claimId, zip } = await subsidy.claimBundle(request.params.id);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="subsidy-claim-${claimId}.zip"`)
        .send(Buffer.from(zip));
    },
  );

  app.get(
    '/v1/subsidy/fund-figures',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['subsidy'],
        summary: "The fund's figures of a month for the monthly statistics: drafted by item, approved for payment",
        querystring: z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month written YYYY-MM') }),
        response: { 200: Loose, ...authProblems },
      },
    },
    async (request) => subsidy.fundFigures(request.query.month),
  );

  app.get(
    '/v1/subsidy/budget',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['subsidy'],
        summary: 'Approved-for-payment totals per programme item against the budget, for a year',
        querystring: YearQuery,
        response: { 200: Loose, ...authProblems },
      },
    },
    async (request) => subsidy.claims.budget(request.query.year),
  );
}
