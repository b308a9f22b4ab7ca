import { createHash, randomUUID } from 'node:crypto';
import {
  copyRows,
  exportSnapshot,
  insertRecordset,
  isUniqueViolation,
  subsidyPeriods,
  subsidyRuns,
  type Db,
  type DbOrTx,
} from '@baigou/db';
import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import type { ProvenanceEventInput } from '../provenance/epcis.events';
import { insertPreparedEvents, prepareEvents, type PreparedEvent } from '../provenance/provenance.events';
import { chinaDate } from '../shared/dates';
import { writeOutbox } from '../shared/outbox';
import { sameAmount, sumExact } from '../shared/money';
import { subsidyErrors } from './subsidy.errors';
import { evaluateFirm, type DraftLine, type FirmEvaluation } from './subsidy.evaluation';
import { subsidyEvent } from './subsidy.events';
import {
  existingClaims,
  fundedSources,
  gatherFacts,
  sourceKey,
  type ExistingClaim,
  type FactPorts,
} from './subsidy.facts';
import { ProgrammeDocument } from './subsidy.programme';
import { programmeInForce } from './subsidy.programmes';

/**
 * Period runs (期间测算): every operator with exports in the period evaluated against the programme
 * version in force on the period's last day; one claim drafted per eligible firm, a coverage row per
 * firm saying why or why not. Runs of one period queue on an advisory lock; a firm's claim, once
 * drafted, is never changed by a later run: a different result is recorded as a difference.
 */

export type RunOutcome = 'already-run' | 'no-programme-in-force' | `drafted:${number}` | `scheduled:${number}`;

export interface PeriodInput {
  label: string;
  from: string;
  to: string;
}

export const periodView = (row: typeof subsidyPeriods.$inferSelect) => ({
  id: row.id,
  label: row.label,
  from: row.periodFrom,
  to: row.periodTo,
  createdAt: row.createdAt.toISOString(),
});

interface RunPlan {
  runId: string;
  periodId: string;
  programmeVersionId: string;
  claims: { id: string; evaluation: FirmEvaluation }[];
  differences: { claimId: string; itemCode: string; draftedCny: string; recomputedCny: string; detail: object }[];
  coverage: { evaluation: FirmEvaluation; claimId: string | null }[];
}

/** Differences per item between a drafted claim and what the facts give now. */
function differencesOf(claim: ExistingClaim, evaluation: FirmEvaluation): RunPlan['differences'] {
  const codes = new Set([
    ...claim.lines.map((line) => line.itemCode),
    ...evaluation.lines.map((line) => line.itemCode),
  ]);
  const differences: RunPlan['differences'] = [];
  for (const itemCode of codes) {
    const drafted = sumExact(claim.lines.filter((line) => line.itemCode === itemCode).map((line) => line.amountCny));
    const now = evaluation.lines.find((line) => line.itemCode === itemCode);
    const recomputed = now?.amountCny ?? '0.00';
    if (sameAmount(drafted, recomputed)) continue;
    differences.push({
      claimId: claim.id,
      itemCode,
      draftedCny: drafted,
      recomputedCny: recomputed,
      detail: { reasons: evaluation.reasons, figures: evaluation.figures, basis: now?.basis ?? null },
    });
  }
  return differences;
}

function planRun(
  evaluations: readonly FirmEvaluation[],
  existing: ReadonlyMap<string, ExistingClaim>,
  ids: { runId: string; periodId: string; programmeVersionId: string },
): RunPlan {
  const plan: RunPlan = { ...ids, claims: [], differences: [], coverage: [] };
  for (const evaluation of evaluations) {
    const claim = existing.get(evaluation.operatorOrgId);
    if (claim) {
      plan.differences.push(...differencesOf(claim, evaluation));
      plan.coverage.push({ evaluation, claimId: claim.id });
    } else if (evaluation.outcome === 'claimed') {
      const id = randomUUID();
      plan.claims.push({ id, evaluation });
      plan.coverage.push({ evaluation, claimId: id });
    } else {
      plan.coverage.push({ evaluation, claimId: null });
    }
  }
  return plan;
}

async function writeClaims(tx: DbOrTx, plan: RunPlan) {
  const claims = plan.claims.map(({ id, evaluation }) => {
    const total = sumExact(evaluation.lines.map((line) => line.amountCny));
    return {
      id,
      period_id: plan.periodId,
      run_id: plan.runId,
      operator_org_id: evaluation.operatorOrgId,
      operator_id: evaluation.operatorId,
      programme_version_id: plan.programmeVersionId,
      drafted_cny: total,
      amount_cny: total,
      status: 'draft',
      state: { status: 'draft' },
    };
  });
  const drafted = plan.claims.flatMap(({ id, evaluation }) =>
    evaluation.lines.map((line, i) => ({ id: randomUUID(), claimId: id, lineNo: i + 1, line })),
  );
  const lines = drafted.map(({ id, claimId, lineNo, line }) => ({
    id,
    claim_id: claimId,
    line_no: lineNo,
    item_code: line.itemCode,
    item_type: line.itemType,
    amount_cny: line.amountCny,
    basis: line.basis,
  }));
  await insertRecordset(tx, 'subsidy_claims', claimColumns, claims);
  await insertRecordset(tx, 'subsidy_claim_lines', lineColumns, lines);
  await insertRecordset(
    tx,
    'subsidy_claim_events',
    { claim_id: 'uuid', event: 'jsonb', to_status: 'text', amount_cny: 'numeric' },
    claims.map((claim) => ({
      claim_id: claim.id,
      event: { type: 'draft', runId: plan.runId },
      to_status: 'draft',
      amount_cny: claim.drafted_cny,
    })),
  );
  await insertSources(tx, drafted);
}

/**
 * What a drafted claim's event says of a line's sources: their number and the SHA-256 (hex) of their
 * `kind:id` list, sorted, one per line (LF-joined, UTF-8). The list itself (tens of thousands of ids in
 * a period) is in the claim (GET /v1/subsidy/claims/{id}, claim.json of the evidence bundle), where a
 * verifier recomputes the digest; the event commits to it without carrying it.
 */
export function sourcesCommitment(sources: readonly { kind: string; id: string }[]) {
  const ids = sources.map((source) => `${source.kind}:${source.id}`).sort();
  return { sourceCount: ids.length, sourcesSha256: createHash('sha256').update(ids.join('\n'), 'utf8').digest('hex') };
}

/** The run's provenance events: the run itself and each drafted claim, committing to the sources of its lines. */
function runEvents(plan: RunPlan, programmeHash: string, at: Date) {
  return [
    subsidyEvent({
      kind: 'subsidy_run',
      id: plan.runId,
      action: 'subsidy_run.completed',
      related: [plan.periodId, plan.programmeVersionId],
      actorOrgId: null,
      at,
      detail: { programmeHash, drafted: plan.claims.length, differences: plan.differences.length },
    }),
    ...plan.claims.map(({ id, evaluation }) =>
      subsidyEvent({
        kind: 'subsidy_claim',
        id,
        action: 'subsidy_claim.drafted',
        related: [evaluation.operatorOrgId, plan.runId, plan.periodId],
        actorOrgId: null,
        at,
        detail: {
          programmeHash,
          lines: evaluation.lines.map((line) => ({
            itemCode: line.itemCode,
            amountCny: line.amountCny,
            ...sourcesCommitment(line.sources),
          })),
        },
      }),
    ),
  ];
}

const claimColumns = {
  id: 'uuid',
  period_id: 'uuid',
  run_id: 'uuid',
  operator_org_id: 'uuid',
  operator_id: 'uuid',
  programme_version_id: 'uuid',
  drafted_cny: 'numeric',
  amount_cny: 'numeric',
  status: 'text',
  state: 'jsonb',
};
const lineColumns = {
  id: 'uuid',
  claim_id: 'uuid',
  line_no: 'int',
  item_code: 'text',
  item_type: 'text',
  amount_cny: 'numeric',
  basis: 'jsonb',
};

/**
 * What funds each line: some 50,000 rows in a period of 1,000 firms, written by COPY on the run's
 * transaction (an INSERT of them took most of the run). The unique index on (item type, kind, id)
 * refuses a source that already funds a line of the type; the statement trigger checks the lines.
 */
async function insertSources(tx: DbOrTx, drafted: readonly { id: string; line: DraftLine }[]) {
  const rows = drafted.flatMap(({ id, line }) =>
    line.sources.map((source) => [id, line.itemType, source.kind, source.id, source.figure]),
  );
  await copyRows(tx, 'subsidy_claim_line_sources', sourceColumns, rows);
}

const sourceColumns = ['line_id', 'item_type', 'source_kind', 'source_id', 'figure'];

async function writeCoverage(tx: DbOrTx, plan: RunPlan) {
  await insertRecordset(
    tx,
    'subsidy_coverage',
    {
      run_id: 'uuid',
      operator_org_id: 'uuid',
      operator_id: 'uuid',
      outcome: 'text',
      claim_id: 'uuid',
      reasons: 'jsonb',
      figures: 'jsonb',
    },
    plan.coverage.map(({ evaluation, claimId }) => ({
      run_id: plan.runId,
      operator_org_id: evaluation.operatorOrgId,
      operator_id: evaluation.operatorId,
      outcome: claimId ? 'claimed' : 'not_claimed',
      claim_id: claimId,
      reasons: [...evaluation.reasons, ...evaluation.notes],
      figures: evaluation.figures,
    })),
  );
  await insertRecordset(
    tx,
    'subsidy_claim_differences',
    {
      run_id: 'uuid',
      claim_id: 'uuid',
      item_code: 'text',
      drafted_cny: 'numeric',
      recomputed_cny: 'numeric',
      detail: 'jsonb',
    },
    plan.differences.map((difference) => ({
      run_id: plan.runId,
      claim_id: difference.claimId,
      item_code: difference.itemCode,
      drafted_cny: difference.draftedCny,
      recomputed_cny: difference.recomputedCny,
      detail: difference.detail,
    })),
  );
}

interface RunDeps {
  db: Db;
  ports: FactPorts;
  clock: () => Date;
}

async function findPeriod(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(subsidyPeriods).where(eq(subsidyPeriods.id, id));
  if (!row) throw subsidyErrors.notFound({ detail: `no subsidy period ${id}` });
  return row;
}

async function createPeriod(db: Db, principal: Principal, input: PeriodInput) {
  try {
    const [row] = await db
      .insert(subsidyPeriods)
      .values({ label: input.label, periodFrom: input.from, periodTo: input.to, createdByOrgId: principal.orgId })
      .returning();
    return periodView(row!);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw subsidyErrors.labelTaken({
      detail: `a period is already labelled "${input.label}"`,
      fields: [{ path: '/body/label', message: 'already used' }],
    });
  }
}

/** Staff ask for a run: an outbox row in one transaction, delivered to the worker as `subsidy.period-run`. */
async function requestRun(db: Db, principal: Principal, periodId: string) {
  await findPeriod(db, periodId);
  const jobKey = `subsidy.run:${periodId}:${randomUUID()}`;
  await db.transaction((tx) =>
    writeOutbox(tx, 'subsidy.period-run', { periodId, requestedBy: principal.orgId }, jobKey),
  );
  return { periodId, jobKey, status: 'queued' as const };
}

/** Every firm of the period evaluated from the facts; a source funds another claim only if not this firm's own. */
async function evaluatePeriod(
  { db, tx }: { db: Db; tx: DbOrTx },
  ports: FactPorts,
  periodId: string,
  span: { from: string; to: string },
  programme: ProgrammeDocument,
) {
  const facts = await gatherFacts(await exportSnapshot(db, tx), ports, span, programme);
  const funded = await fundedSources(tx, facts.firms);
  const existing = await existingClaims(tx, periodId);
  const evaluations = facts.firms.map((firm) => {
    const own = existing.get(firm.operatorOrgId)?.id;
    return evaluateFirm(firm, {
      programme,
      period: span,
      rate: facts.rate,
      funded: (itemType, kind, id) => {
        if (funded.size === 0) return false;
        const owner = funded.get(sourceKey(itemType, kind, id));
        return owner !== undefined && owner !== own;
      },
    });
  });
  return { evaluations, existing };
}

/** The job: evaluates the period once per job key; a redelivered job answers `already-run`. */
async function runPeriod({ db, ports, clock }: RunDeps, jobKey: string, periodId: string): Promise<RunOutcome> {
  return db.transaction(async (tx) => {
    // Runs of one period queue here; runs of overlapping periods meet at the sources' unique index.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`subsidy.period:${periodId}`}))`);
    const [done] = await tx.select({ id: subsidyRuns.id }).from(subsidyRuns).where(eq(subsidyRuns.jobKey, jobKey));
    if (done) return 'already-run';
    const period = await findPeriod(tx, periodId);
    const programmeRow = await programmeInForce(tx, period.periodTo);
    if (!programmeRow) return 'no-programme-in-force';
    const programme = ProgrammeDocument.parse(programmeRow.document);
    const started = performance.now();
    const span = { from: period.periodFrom, to: period.periodTo };
    const { evaluations, existing } = await evaluatePeriod({ db, tx }, ports, periodId, span, programme);
    const runId = randomUUID();
    const plan = planRun(evaluations, existing, { runId, periodId, programmeVersionId: programmeRow.id });
    const evaluatedMs = Math.round(performance.now() - started);
    await tx.insert(subsidyRuns).values({
      id: runId,
      periodId,
      jobKey,
      programmeVersionId: programmeRow.id,
      programmeHash: programmeRow.contentHash,
      factsAsOf: clock(),
      summary: {
        firms: evaluations.length,
        drafted: plan.claims.length,
        claimed: plan.coverage.filter((row) => row.claimId).length,
        differences: plan.differences.length,
        factsAndEvaluationMs: evaluatedMs,
      },
    });
    await writeRunEffects(tx, plan, programmeRow.contentHash, clock());
    return `drafted:${plan.claims.length}` as const;
  });
}

/**
 * The events' canonical bytes and hashes a slice at a time, yielding to I/O between slices: they are
 * the run's largest CPU step and are made while the claims' statements are in flight, not after them.
 */
async function prepareInSlices(inputs: readonly ProvenanceEventInput[]): Promise<PreparedEvent[]> {
  const prepared: PreparedEvent[] = [];
  for (let start = 0; start < inputs.length; start += 64) {
    prepared.push(...prepareEvents(inputs.slice(start, start + 64)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return prepared;
}

/** Claims, lines, sources, coverage and events. */
async function writeRunEffects(tx: DbOrTx, plan: RunPlan, programmeHash: string, at: Date) {
  let events: PreparedEvent[];
  try {
    [, events] = await Promise.all([writeClaims(tx, plan), prepareInSlices(runEvents(plan, programmeHash, at))]);
  } catch (error) {
    // Another period's run funded one of these sources since we read them: the job retries and sees it.
    if (isUniqueViolation(error))
      throw new Error(`subsidy run ${plan.runId}: a source was funded meanwhile; retry`, { cause: error });
    throw error;
  }
  await writeCoverage(tx, plan);
  await insertPreparedEvents(tx, events);
}

/** The scheduled firing: every period ended before `at` (China date) and never run, each under its own key. */
async function runDuePeriods(deps: RunDeps, jobKey: string, at: Date): Promise<RunOutcome> {
  const { rows } = await deps.db.execute<{ id: string }>(sql`
    select p.id from subsidy_periods p
    where p.period_to < ${chinaDate(at)}::date and not exists (select 1 from subsidy_runs r where r.period_id = p.id)
    order by p.period_to, p.id`);
  for (const row of rows) await runPeriod(deps, `${jobKey}:${row.id}`, row.id);
  return `scheduled:${rows.length}`;
}

export function createRuns(deps: RunDeps) {
  const { db } = deps;
  return {
    createPeriod: (principal: Principal, input: PeriodInput) => createPeriod(db, principal, input),
    getPeriod: async (id: string) => periodView(await findPeriod(db, id)),
    requestRun: (principal: Principal, periodId: string) => requestRun(db, principal, periodId),
    runPeriod: (jobKey: string, periodId: string) => runPeriod(deps, jobKey, periodId),
    runDuePeriods: (jobKey: string, at: Date) => runDuePeriods(deps, jobKey, at),
  };
}
