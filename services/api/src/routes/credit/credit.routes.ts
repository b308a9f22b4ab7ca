import type { CreditService } from '@baigou/core';
import type { App } from '../../http/types';
import { appealRoutes } from './appeals.routes';
import { decisionRoutes } from './decisions.routes';
import { factRoutes } from './facts.routes';
import { runRoutes } from './runs.routes';
import { scorecardRoutes } from './scorecards.routes';

/** 信用评价: scorecards, grades and decisions, facts and overrides, runs, appeals. */
export function creditRoutes(app: App, deps: { credit: CreditService }) {
  scorecardRoutes(app, deps);
  decisionRoutes(app, deps);
  factRoutes(app, deps);
  runRoutes(app, deps);
  appealRoutes(app, deps);
}
