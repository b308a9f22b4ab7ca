import type { SubsidyService } from '@baigou/core';
import type { App } from '../../http/types';
import { auditRoutes } from './audit.routes';
import { claimRoutes } from './claims.routes';
import { insuranceRoutes } from './insurance.routes';
import { periodRoutes } from './periods.routes';
import { programmeRoutes } from './programmes.routes';

/** 试点专项资金 under /v1/subsidy: programmes, insurance, periods and coverage, claims, audit, budget. */
export function subsidyRoutes(app: App, deps: { subsidy: SubsidyService }) {
  programmeRoutes(app, deps);
  insuranceRoutes(app, deps);
  periodRoutes(app, deps);
  claimRoutes(app, deps);
  auditRoutes(app, deps);
}
