import {
  TraceCheckpoint,
  TraceCheckpointParams,
  TraceConsistency,
  TraceConsistencyQuery,
  type TraceService,
} from '@baigou/core';
import { authProblems, problems } from '../../http/problem';
import type { App } from '../../http/types';
import { TRACERS } from './tracers';

/** Signed checkpoints of the log and consistency proofs between them. */
export function checkpointRoutes(app: App, { trace }: { trace: TraceService }) {
  app.get(
    '/v1/trace/checkpoints/latest',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'The latest signed checkpoint {treeSize, rootHash, timestamp}',
        response: { 200: TraceCheckpoint, ...authProblems, ...problems(404) },
      },
    },
    async () => trace.latestCheckpoint(),
  );

  app.get(
    '/v1/trace/checkpoints/:treeSize',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'The signed checkpoint of a tree size',
        params: TraceCheckpointParams,
        response: { 200: TraceCheckpoint, ...authProblems, ...problems(404) },
      },
    },
    async (request) => trace.checkpoint(request.params.treeSize),
  );

  app.get(
    '/v1/trace/consistency',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary:
          'RFC 9162 consistency proof between any two tree sizes (1 ≤ from ≤ to ≤ the latest signed checkpoint), with the checkpoints signed at those sizes where there are',
        querystring: TraceConsistencyQuery,
        response: { 200: TraceConsistency, ...authProblems, ...problems(400, 404) },
      },
    },
    async (request) => trace.consistency(request.query.from, request.query.to),
  );
}
