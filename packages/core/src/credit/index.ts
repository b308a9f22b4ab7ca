export * from './credit.characteristics';
export * from './credit.decisions';
export { creditErrors } from './credit.errors';
export * from './credit.models';
export * from './credit.schemas';
export * from './credit.scorecard.seed';
export { createScorecards, ensureCreditSeed, type Scorecards } from './credit.scorecards';
export { createScoring, type RescoreOutcome, type RunOutcome, type Scoring } from './credit.scoring';
export * from './credit.service';
