import {
  AuditTaskInput,
  CompleteTaskInput,
  FindingInput,
  Loose,
  YearQuery,
  type Role,
  type SubsidyService,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const STAFF: readonly Role[] = ['staff'];
const AUDITOR: readonly Role[] = ['auditor'];
const OVERSIGHT: readonly Role[] = ['staff', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });

/** Third-party audit (第三方审计): task kinds, tasks with seeded samples, findings, completion rates. */
export function auditRoutes(app: App, { subsidy }: { subsidy: SubsidyService }) {
  app.get(
    '/v1/subsidy/audit-kinds',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['subsidy'],
        summary: 'Configured audit task kinds',
        response: { 200: z.array(Loose), ...authProblems },
      },
    },
    async () => subsidy.audit.kinds(),
  );

  app.post(
    '/v1/subsidy/audit-tasks',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['subsidy'],
        summary:
          'Assign an audit task to an audit firm; a sampling kind draws claim lines stratified by value with a recorded seed',
        body: AuditTaskInput,
        response: { 201: Loose, ...authProblems, ...problems(404, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(await subsidy.audit.create(principalOf(request), request.body)),
  );

  app.get(
    '/v1/subsidy/audit-tasks/:id',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['subsidy'],
        summary: 'An audit task with its sample and findings (an audit firm sees its own tasks)',
        params: IdParams,
        response: { 200: Loose, ...authProblems, ...problems(404) },
      },
    },
    async (request) => subsidy.audit.task(principalOf(request), request.params.id),
  );
  auditFindingRoutes(app, { subsidy });
}

/** Findings per sampled line, task completion and completion rates per audit kind. */
function auditFindingRoutes(app: App, { subsidy }: { subsidy: SubsidyService }) {
  app.post(
    '/v1/subsidy/audit-tasks/:id/findings',
    {
      config: { roles: AUDITOR },
      schema: {
        tags: ['subsidy'],
        summary: 'Record the finding on a sampled line: confirmed, adjusted {adjustedCny, reason} or rejected {reason}',
        params: IdParams,
        body: FindingInput,
        response: { 200: Loose, ...authProblems, ...problems(404, 409, 415, 422) },
      },
    },
    async (request) => subsidy.audit.recordFinding(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/subsidy/audit-tasks/:id/complete',
    {
      config: { roles: AUDITOR },
      schema: {
        tags: ['subsidy'],
        summary: 'Complete the task with a conclusion (every sampled line needs a finding first)',
        params: IdParams,
        body: CompleteTaskInput,
        response: { 200: Loose, ...authProblems, ...problems(404, 409, 415) },
      },
    },
    async (request) => subsidy.audit.complete(principalOf(request), request.params.id, request.body.conclusion),
  );

  app.get(
    '/v1/subsidy/audit-completion',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['subsidy'],
        summary: 'Audit completion rate per kind',
        querystring: YearQuery,
        response: { 200: z.object({ items: z.array(Loose) }), ...authProblems },
      },
    },
    async (request) => ({ items: await subsidy.audit.completion(request.query.year) }),
  );
}
