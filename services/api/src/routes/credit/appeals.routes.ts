import {
  AppealDecisionBody,
  AppealInput,
  AppealListQuery,
  AppealView,
  CreditIdParams,
  type CreditService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const PARTIES: readonly Role[] = ['operator', 'staff', 'auditor'];

/** 信用修复: an operator appeals a decision with evidence; staff uphold (facts retracted) or dismiss; both re-score. */
export function appealRoutes(app: App, { credit }: { credit: CreditService }) {
  app.post(
    '/v1/credit/appeals',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['credit'],
        summary: 'Operator: appeal one of its credit decisions, with evidence and the facts it disputes',
        body: AppealInput,
        response: { 201: AppealView, ...authProblems, ...problems(404, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await credit.fileAppeal(principalOf(request), request.body)),
  );

  app.get(
    '/v1/credit/appeals',
    {
      config: { roles: PARTIES },
      schema: {
        tags: ['credit'],
        summary: 'Appeals, oldest first; an operator sees its own',
        querystring: AppealListQuery,
        response: { 200: z.object({ items: z.array(AppealView), nextCursor: z.string().nullable() }), ...authProblems },
      },
    },
    async (request) => credit.listAppeals(principalOf(request), request.query),
  );

  app.get(
    '/v1/credit/appeals/:id',
    {
      config: { roles: PARTIES },
      schema: {
        tags: ['credit'],
        summary: 'An appeal',
        params: CreditIdParams,
        response: { 200: AppealView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => credit.getAppeal(principalOf(request), request.params.id),
  );

  app.post(
    '/v1/credit/appeals/:id/decision',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['credit'],
        summary: 'Staff: uphold (the disputed facts are retracted) or dismiss an appeal; the firm is re-scored',
        params: CreditIdParams,
        body: AppealDecisionBody,
        response: { 200: AppealView, ...authProblems, ...problems(404, 409, 413, 415, 422) },
      },
    },
    async (request) => credit.decideAppeal(principalOf(request), request.params.id, request.body),
  );
}
