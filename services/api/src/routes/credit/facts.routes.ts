import {
  CreditOperatorParams,
  DecisionView,
  FactInput,
  FactView,
  OverrideInput,
  OverrideView,
  type CreditService,
  type Role,
} from '@baigou/core';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const READERS: readonly Role[] = ['operator', 'customs', 'staff', 'auditor'];
const STAFF: readonly Role[] = ['staff'];

/** Staff record facts; a firm and those who oversee it read them. */
function recordedFactRoutes(app: App, { credit }: { credit: CreditService }) {
  app.post(
    '/v1/credit/facts',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['credit'],
        summary:
          'Staff: record a credit fact the platform cannot see (customs tier, penalty, smuggling case, tax grade, SAFE category, dishonest listing, subsidy fraud) with evidence; a veto-class fact re-scores the firm at once',
        body: FactInput,
        response: {
          201: FactView.extend({ rescoreQueued: z.boolean() }),
          ...authProblems,
          ...problems(404, 413, 415, 422),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await credit.recordFact(principalOf(request), request.body)),
  );

  app.get(
    '/v1/credit/operators/:operatorOrgId/facts',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'The credit facts recorded about a firm, retracted ones marked',
        params: CreditOperatorParams,
        response: { 200: z.object({ items: z.array(FactView) }), ...authProblems, ...problems(404) },
      },
    },
    async (request) => credit.listFacts(principalOf(request), request.params.operatorOrgId),
  );
}

/** Staff override a grade for a time, and re-score a firm; overrides are read like facts. */
function overrideRoutes(app: App, { credit }: { credit: CreditService }) {
  app.post(
    '/v1/credit/overrides',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['credit'],
        summary: 'Staff: override a firm’s grade with a reason until an expiry (audited in the provenance log)',
        body: OverrideInput,
        response: { 201: OverrideView, ...authProblems, ...problems(404, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await credit.override(principalOf(request), request.body)),
  );

  app.get(
    '/v1/credit/operators/:operatorOrgId/overrides',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'Grade overrides of a firm, expired ones included',
        params: CreditOperatorParams,
        response: { 200: z.object({ items: z.array(OverrideView) }), ...authProblems, ...problems(404) },
      },
    },
    async (request) => credit.listOverrides(principalOf(request), request.params.operatorOrgId),
  );

  app.post(
    '/v1/credit/operators/:operatorOrgId/rescore',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['credit'],
        summary: 'Staff: score one firm now with the scorecard in force',
        params: CreditOperatorParams,
        response: { 201: DecisionView, ...authProblems, ...problems(404, 409, 415) },
      },
    },
    async (request, reply) => {
      const { decision } = await credit.scoring.rescore(request.params.operatorOrgId, {
        trigger: 'manual',
        triggerRef: `manual:${randomUUID()}`,
      });
      return reply.code(201).send(await credit.getDecision(principalOf(request), decision!.id));
    },
  );
}

/** Staff-recorded credit facts, overrides and manual re-scoring; the firm reads what concerns it. */
export function factRoutes(app: App, deps: { credit: CreditService }) {
  recordedFactRoutes(app, deps);
  overrideRoutes(app, deps);
}
