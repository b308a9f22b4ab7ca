import { CreditIdParams, CreditRunInput, CreditRunView, type CreditService, type Role } from '@baigou/core';
import { PageQuery } from '@baigou/core';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const STAFF: readonly Role[] = ['staff'];
const READERS: readonly Role[] = ['staff', 'auditor'];

/** Runs: staff start one on demand (the worker scores every operator); progress and report on the run. */
export function runRoutes(app: App, { credit }: { credit: CreditService }) {
  app.post(
    '/v1/credit/runs',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['credit'],
        summary: 'Staff: score every operator now (or as of an instant); the worker does it, the run shows progress',
        body: CreditRunInput,
        response: { 201: CreditRunView, ...authProblems, ...problems(409, 413, 415) },
      },
    },
    async (request, reply) => {
      const run = await credit.scoring.startRun(principalOf(request), {
        kind: 'on_demand',
        sourceRef: `on-demand:${randomUUID()}`,
        asOf: request.body.asOf ? new Date(request.body.asOf) : new Date(),
      });
      return reply.code(201).send(await credit.scoring.getRun(run.id));
    },
  );

  app.get(
    '/v1/credit/runs',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary: 'Credit runs, oldest first',
        querystring: PageQuery,
        response: {
          200: z.object({ items: z.array(CreditRunView), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => credit.scoring.listRuns(request.query),
  );

  app.get(
    '/v1/credit/runs/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['credit'],
        summary:
          'A run: progress (scored of operators), grade distribution, migration and PSI against the previous run',
        params: CreditIdParams,
        response: { 200: CreditRunView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => credit.scoring.getRun(request.params.id),
  );
}
