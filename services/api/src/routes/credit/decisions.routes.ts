import {
  CreditGradeQuery,
  CreditIdParams,
  CreditMonthQuery,
  CreditMonthlyView,
  CreditOperatorParams,
  DecisionListQuery,
  DecisionReplayView,
  DecisionView,
  FirmListQuery,
  GradeInForceView,
  type CreditService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const READERS: readonly Role[] = ['operator', 'customs', 'staff', 'auditor'];
const OVERSIGHT: readonly Role[] = ['customs', 'staff', 'auditor'];
const Page = z.object({ items: z.array(DecisionView), nextCursor: z.string().nullable() });

/** The grade in force: a firm its own, readers any firm's they may see. */
function gradeRoutes(app: App, { credit }: { credit: CreditService }) {
  app.get(
    '/v1/credit/me',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['credit'],
        summary: 'Operator: its own grade in force, with the reasons and the consequences',
        querystring: CreditGradeQuery,
        response: { 200: GradeInForceView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const at = request.query.at ? new Date(request.query.at) : undefined;
      return credit.grade(principal, principal.orgId, at);
    },
  );

  app.get(
    '/v1/credit/operators/:operatorOrgId/grade',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'The grade in force of a firm at an instant (an override in force, else its latest decision)',
        params: CreditOperatorParams,
        querystring: CreditGradeQuery,
        response: { 200: GradeInForceView, ...authProblems, ...problems(404) },
      },
    },
    async (request) =>
      credit.grade(
        principalOf(request),
        request.params.operatorOrgId,
        request.query.at ? new Date(request.query.at) : undefined,
      ),
  );
}

/** Credit decisions: the list, one decision and its replay. */
function decisionRecordRoutes(app: App, { credit }: { credit: CreditService }) {
  app.get(
    '/v1/credit/decisions',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'Credit decisions (grade history), oldest first; an operator sees only its own',
        querystring: DecisionListQuery,
        response: { 200: Page, ...authProblems },
      },
    },
    async (request) => credit.listDecisions(principalOf(request), request.query),
  );

  app.get(
    '/v1/credit/decisions/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'A credit decision with each characteristic value and points and the ranked reasons',
        params: CreditIdParams,
        response: { 200: DecisionView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => credit.getDecision(principalOf(request), request.params.id),
  );

  app.post(
    '/v1/credit/decisions/:id/replay',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'Recompute a decision from its stored input snapshot and scorecard, and list every difference',
        params: CreditIdParams,
        response: { 200: DecisionReplayView, ...authProblems, ...problems(404, 415) },
      },
    },
    async (request) => credit.replay(principalOf(request), request.params.id),
  );
}

/** Oversight: each firm's latest decision and the monthly grade distribution. */
function oversightRoutes(app: App, { credit }: { credit: CreditService }) {
  app.get(
    '/v1/credit/firms',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['credit'],
        summary: "Each firm's latest decision, filtered by grade (staff, customs, auditors)",
        querystring: FirmListQuery,
        response: { 200: Page, ...authProblems },
      },
    },
    async (request) => credit.listFirms(request.query),
  );

  app.get(
    '/v1/credit/statistics/monthly',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['credit'],
        summary: 'Grade distribution at the end of a month and the migration from the month before',
        querystring: CreditMonthQuery,
        response: { 200: CreditMonthlyView, ...authProblems },
      },
    },
    async (request) => credit.monthlyGrades(request.query.month),
  );
}

/** Grades and decisions: an operator reads its own (another firm's answers 404); staff, customs and auditors read all. */
export function decisionRoutes(app: App, deps: { credit: CreditService }) {
  gradeRoutes(app, deps);
  decisionRecordRoutes(app, deps);
  oversightRoutes(app, deps);
}
