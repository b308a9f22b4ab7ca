import type { Db, DbOrTx } from '@baigou/db';
import type { Principal } from '../access/access.models';
import { recordEvents } from '../provenance/provenance.events';
import { writeOutbox } from '../shared/outbox';
import { fetchPage } from '../shared/pagination';
import { readFactCounts, windowEnding, type FactCounts } from './credit.characteristics';
import {
  composeDecision,
  distribution,
  migration,
  psi,
  type ComposedDecision,
  type ScorecardRef,
} from './credit.decisions';
import { creditErrors } from './credit.errors';
import { decisionEvent } from './credit.events';
import * as repository from './credit.repository';
import type { Scorecards } from './credit.scorecards';
import { runView } from './credit.views';

/** Decisions per PG transaction in a run: each commits with its provenance events, and a resumed run skips them. */
const RUN_CHUNK = 250;

export type RunOutcome = 'completed' | 'already-completed';
export type RescoreOutcome = 'decided' | 'already-decided';

export interface RunStart {
  kind: 'scheduled' | 'on_demand';
  sourceRef: string;
  asOf: Date;
}

export interface Cause {
  trigger: 'run' | 'fact' | 'appeal' | 'manual';
  triggerRef: string | null;
  runId: string | null;
}

const jsonRecord = (value: object): Record<string, unknown> => Object.fromEntries(Object.entries(value));

function decisionRow(d: ComposedDecision, cause: Cause, createdAt: Date): repository.NewDecision {
  return {
    operatorOrgId: d.operatorOrgId,
    operatorId: d.operatorId,
    runId: cause.runId,
    trigger: cause.trigger,
    triggerRef: cause.triggerRef,
    asOf: d.asOf,
    scorecardId: d.scorecardId,
    scorecardHash: d.scorecardHash,
    inputSnapshot: jsonRecord(d.inputSnapshot),
    snapshotHash: d.snapshotHash,
    score: d.score,
    grade: d.grade,
    customsTier: d.customsTier,
    vetoes: d.vetoes,
    characteristics: d.characteristics,
    reasons: d.reasons,
    createdAt,
  };
}

interface ScoringDeps {
  db: Db;
  clock: () => Date;
  scorecards: Scorecards;
}

/** Stores composed decisions (skipping those already stored) with their provenance events. */
async function store(
  clock: () => Date,
  tx: DbOrTx,
  composed: readonly ComposedDecision[],
  cause: (d: ComposedDecision) => Cause,
) {
  const createdAt = clock();
  const inserted = await repository.insertDecisions(
    tx,
    composed.map((d) => decisionRow(d, cause(d), createdAt)),
  );
  await recordEvents(tx, inserted.map(decisionEvent));
  return inserted;
}

/** Re-scores one firm now, in `tx` when given (an appeal decision) or in its own transaction. */
async function rescore(
  { db, clock, scorecards }: ScoringDeps,
  operatorOrgId: string,
  cause: Omit<Cause, 'runId'>,
  tx?: DbOrTx,
) {
  const work = async (t: DbOrTx) => {
    const scorecard = await scorecards.inForce(t);
    const window = windowEnding(clock(), scorecard.document.windowMonths);
    const [counts] = await readFactCounts(t, window, operatorOrgId);
    if (!counts)
      throw creditErrors.operatorNotFound({ detail: `organisation ${operatorOrgId} has no approved operator` });
    const [decision] = await store(clock, t, [composeDecision(scorecard, counts, window)], () => ({
      ...cause,
      runId: null,
    }));
    return { outcome: (decision ? 'decided' : 'already-decided') as RescoreOutcome, decision: decision ?? null };
  };
  return tx ? work(tx) : db.transaction(work);
}

/** Creates a run (or finds the one of the same source); on-demand runs are handed to the worker through the outbox. */
async function startRun({ db, scorecards }: ScoringDeps, principal: Principal | null, input: RunStart) {
  const scorecard = await scorecards.inForce();
  return db.transaction(async (tx) => {
    const { run, created } = await repository.insertRun(tx, {
      kind: input.kind,
      sourceRef: input.sourceRef,
      asOf: input.asOf,
      scorecardId: scorecard.id,
      status: 'running',
      requestedByOrgId: principal?.orgId ?? null,
      requestedByKeyId: principal?.keyId ?? null,
    });
    if (!created && run.asOf.getTime() !== input.asOf.getTime())
      throw creditErrors.jobKeyReused({ detail: `run ${input.sourceRef} is as of ${run.asOf.toISOString()}` });
    if (created && input.kind === 'on_demand')
      await writeOutbox(tx, 'credit.run', { runId: run.id }, `credit.run:${run.id}`);
    return run;
  });
}

async function scoreChunks(
  { db, clock }: ScoringDeps,
  run: repository.RunRow,
  scorecard: ScorecardRef,
  todo: readonly FactCounts[],
) {
  const window = windowEnding(run.asOf, scorecard.document.windowMonths);
  for (let start = 0; start < todo.length; start += RUN_CHUNK) {
    const composed = todo.slice(start, start + RUN_CHUNK).map((counts) => composeDecision(scorecard, counts, window));
    await db.transaction(async (tx) => {
      await store(clock, tx, composed, () => ({ trigger: 'run', triggerRef: null, runId: run.id }));
      await repository.updateRun(tx, run.id, { scoredCount: await repository.countRunDecisions(tx, run.id) });
    });
  }
}

async function summarise(db: Db, run: repository.RunRow, scorecard: ScorecardRef) {
  const previous = await repository.previousCompletedRun(db, run);
  const current = await repository.runOutcomes(db, run.id);
  const before = previous ? await repository.runOutcomes(db, previous.id) : [];
  const stability = previous ? psi(scorecard.document, before, current) : [];
  return {
    previousRunId: previous?.id ?? null,
    summary: {
      distribution: distribution(current),
      previousDistribution: previous ? distribution(before) : null,
      migration: previous ? migration(before, current) : null,
      psi: stability,
      psiFlagged: stability.filter((entry) => entry.flagged).map((entry) => entry.characteristic),
    },
  };
}

/**
 * Scores every approved operator as of the run's instant. Resumable: decisions are unique per
 * (run, operator), so after a crash the retried job scores only the operators still missing.
 */
async function processRun(deps: ScoringDeps, runId: string): Promise<RunOutcome> {
  const { db, clock, scorecards } = deps;
  const run = await repository.findRun(db, runId);
  if (!run) throw creditErrors.runNotFound();
  if (run.status === 'completed') return 'already-completed';
  const scorecard = await scorecards.byId(run.scorecardId);
  const started = performance.now();
  const counts = await readFactCounts(db, windowEnding(run.asOf, scorecard.document.windowMonths));
  const factsMs = performance.now() - started;
  const done = await repository.decidedOperators(db, run.id);
  await repository.updateRun(db, run.id, { operatorCount: counts.length });
  await scoreChunks(
    deps,
    run,
    scorecard,
    counts.filter((entry) => !done.has(entry.operatorOrgId)),
  );
  const scoringMs = performance.now() - started - factsMs;
  const { previousRunId, summary } = await summarise(db, run, scorecard);
  // Where the run's time went (this attempt): the fact read, scoring and storing, the report.
  const timings = {
    factsMs: Math.round(factsMs),
    scoringMs: Math.round(scoringMs),
    reportMs: Math.round(performance.now() - started - factsMs - scoringMs),
  };
  await repository.updateRun(db, run.id, {
    status: 'completed',
    completedAt: clock(),
    previousRunId,
    summary: { ...summary, timings },
    scoredCount: await repository.countRunDecisions(db, run.id),
  });
  return 'completed';
}

/** The scheduled job: one run per firing instant, as of that instant. */
async function runScheduled(deps: ScoringDeps, firedAt: Date): Promise<RunOutcome> {
  const run = await startRun(deps, null, {
    kind: 'scheduled',
    sourceRef: `scheduled:${firedAt.toISOString()}`,
    asOf: firedAt,
  });
  return processRun(deps, run.id);
}

async function getRun(db: Db, id: string) {
  const run = await repository.findRun(db, id);
  if (!run) throw creditErrors.runNotFound();
  return runView(run);
}

async function listRuns(db: Db, query: { cursor?: string | undefined; limit: number }) {
  return fetchPage(
    query,
    JSON.stringify(['credit.runs']),
    (after, take) => repository.listRuns(db, after, take),
    runView,
  );
}

/**
 * Scoring: runs over every operator (monthly schedule or staff on demand) and single re-scorings
 * after a veto-class fact or an appeal. Every decision commits with its provenance event.
 */
export function createScoring(deps: ScoringDeps) {
  const { db } = deps;
  return {
    /** Re-scores one firm now, in `tx` when given (an appeal decision) or in its own transaction. */
    rescore: (operatorOrgId: string, cause: Omit<Cause, 'runId'>, tx?: DbOrTx) =>
      rescore(deps, operatorOrgId, cause, tx),
    startRun: (principal: Principal | null, input: RunStart) => startRun(deps, principal, input),
    processRun: (runId: string) => processRun(deps, runId),
    runScheduled: (firedAt: Date) => runScheduled(deps, firedAt),
    getRun: (id: string) => getRun(db, id),
    listRuns: (query: { cursor?: string | undefined; limit: number }) => listRuns(db, query),
  };
}

export type Scoring = ReturnType<typeof createScoring>;
