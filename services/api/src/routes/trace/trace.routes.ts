import type { TraceService } from '@baigou/core';
import type { App } from '../../http/types';
import { checkpointRoutes } from './checkpoints.routes';
import { declarationTraceRoutes } from './declarations.routes';
import { evidenceRoutes } from './evidence.routes';
import { keyRoutes } from './keys.routes';
import { searchRoutes } from './search.routes';

/** 溯源: the chain behind exports, with Merkle proofs and signed checkpoints that verify without trusting the platform. */
export function traceRoutes(app: App, deps: { trace: TraceService }) {
  searchRoutes(app, deps);
  declarationTraceRoutes(app, deps);
  evidenceRoutes(app, deps);
  checkpointRoutes(app, deps);
  keyRoutes(app, deps);
}
