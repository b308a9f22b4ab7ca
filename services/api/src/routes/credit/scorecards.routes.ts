import {
  ScorecardDecisionBody,
  ScorecardDiffQuery,
  ScorecardDiffView,
  ScorecardListQuery,
  ScorecardProposal,
  ScorecardView,
  CreditIdParams,
  type CreditService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const READERS: readonly Role[] = ['operator', 'customs', 'staff', 'auditor'];
const STAFF: readonly Role[] = ['staff'];

/** Scorecard versions, one version and the difference between two. */
function scorecardReadRoutes(app: App, { credit }: { credit: CreditService }) {
  app.get(
    '/v1/credit/scorecards',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'Credit scorecard versions, oldest first',
        querystring: ScorecardListQuery,
        response: {
          200: z.object({ items: z.array(ScorecardView), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => credit.scorecards.list(request.query),
  );

  app.get(
    '/v1/credit/scorecards/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'A credit scorecard version with its document',
        params: CreditIdParams,
        response: { 200: ScorecardView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => credit.scorecards.get(request.params.id),
  );

  app.get(
    '/v1/credit/scorecards/:id/diff',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'Field-level changes from scorecard `against` to this one',
        params: CreditIdParams,
        querystring: ScorecardDiffQuery,
        response: { 200: ScorecardDiffView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => credit.scorecards.diff(request.params.id, request.query.against),
  );
}

/** Staff propose a scorecard version and approve, reject or retire it. */
function scorecardDecisionRoutes(app: App, { credit }: { credit: CreditService }) {
  app.post(
    '/v1/credit/scorecards',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['credit'],
        summary: 'Staff: propose a scorecard version (validated: bins monotone in each declared direction)',
        body: ScorecardProposal,
        response: { 201: ScorecardView, ...authProblems, ...problems(409, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await credit.scorecards.propose(principalOf(request), request.body)),
  );

  for (const action of ['approve', 'reject', 'retire'] as const) {
    app.post(
      `/v1/credit/scorecards/:id/${action}`,
      {
        config: { roles: STAFF },
        schema: {
          tags: ['credit'],
          summary:
            action === 'approve'
              ? 'Staff: approve a proposal; it is in force from now and the previous one is retired'
              : action === 'reject'
                ? 'Staff: reject a proposal'
                : 'Staff: retire a proposal or the scorecard in force',
          params: CreditIdParams,
          body: ScorecardDecisionBody,
          response: { 200: ScorecardView, ...authProblems, ...problems(404, 409, 413, 415, 422) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id } = request.params;
        if (action === 'approve') return credit.scorecards.approve(principal, id, request.body.reason);
        return credit.scorecards.close(
          principal,
          id,
          action === 'reject' ? 'rejected' : 'retired',
          request.body.reason,
        );
      },
    );
  }
}

/** Scorecard versions: read by everyone (the rules are public to the firms they judge), decided by staff. */
export function scorecardRoutes(app: App, deps: { credit: CreditService }) {
  scorecardReadRoutes(app, deps);
  scorecardDecisionRoutes(app, deps);
}
