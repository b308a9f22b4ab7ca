import { TraceDeclarationQuery, TracePage, TraceRefParams, type TraceService } from '@baigou/core';
import { authProblems, problems } from '../../http/problem';
import type { App } from '../../http/types';
import { TRACERS } from './tracers';

/** One declaration's chain as proved JSON, against the latest checkpoint or a pinned one. */
export function declarationTraceRoutes(app: App, { trace }: { trace: TraceService }) {
  app.get(
    '/v1/trace/declarations/:ref',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary:
          'The whole chain behind one declaration (platform id or 18-digit customs entry number), proved against the latest checkpoint or the one of ?treeSize=',
        params: TraceRefParams,
        querystring: TraceDeclarationQuery,
        response: { 200: TracePage, ...authProblems, ...problems(400, 404) },
      },
    },
    async (request) => trace.declaration(request.params.ref, request.query.treeSize),
  );
}
