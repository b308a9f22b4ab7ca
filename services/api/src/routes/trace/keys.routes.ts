import { TraceKeys, type TraceService } from '@baigou/core';
import { authProblems } from '../../http/problem';
import type { App } from '../../http/types';
import { TRACERS } from './tracers';

/** The public keys that verify checkpoints and bundles. */
export function keyRoutes(app: App, { trace }: { trace: TraceService }) {
  app.get(
    '/v1/trace/keys',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'Every Ed25519 public key that has signed checkpoints or bundles',
        response: { 200: TraceKeys, ...authProblems },
      },
    },
    async () => trace.publicKeys(),
  );
}
