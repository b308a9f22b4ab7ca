import { TracePage, TraceQuery, type TraceService } from '@baigou/core';
import { authProblems, problems } from '../../http/problem';
import type { App } from '../../http/types';
import { TRACERS } from './tracers';

/** The search across declarations: every chain matching all given criteria, a page at a time. */
export function searchRoutes(app: App, { trace }: { trace: TraceService }) {
  app.get(
    '/v1/trace',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary:
          'Chains of the declarations matching all given criteria (merchant, purchaser, HS prefix, dates, container), each event with its inclusion proof; later pages prove against the first page’s checkpoint',
        querystring: TraceQuery,
        response: { 200: TracePage, ...authProblems, ...problems(400) },
      },
    },
    async (request) => trace.trace(request.query),
  );
}
