import type { Db, DbOrTx } from '@baigou/db';
import type { Principal } from '../access/access.models';
import { recordEvents } from '../provenance/provenance.events';
import type { RegistryService } from '../registry/registry.service';
import { commonErrors } from '../shared/errors';
import { writeOutbox } from '../shared/outbox';
import { fetchPage } from '../shared/pagination';
import { inTenantScope, tenantScope } from '../access/tenant-scope';
import { distribution, migration, replayDecision } from './credit.decisions';
import { addMonths } from '../shared/dates';
import { creditErrors } from './credit.errors';
import { appealEvent, factRecordedEvent, overrideEvent } from './credit.events';
import type { Consequences, Grade, Reason } from './credit.models';
import * as repository from './credit.repository';
import type {
  AppealDecisionBody,
  AppealInput,
  AppealListQuery,
  DecisionListQuery,
  FactInput,
  FirmListQuery,
  OverrideInput,
} from './credit.schemas';
import { createScorecards, type Scorecards } from './credit.scorecards';
import { customsTierLevels, safeCategoryLevels, taxGradeLevels } from './credit.scorecard.seed';
import { createScoring, type Scoring } from './credit.scoring';
import { appealView, decisionView, factView, overrideView } from './credit.views';

export interface CreditDependencies {
  db: Db;
  registry: Pick<RegistryService, 'operatorOf'>;
  clock?: () => Date;
}

/** The characteristic each kind of staff-recorded fact feeds (a veto on it makes the fact veto-class). */
export const factCharacteristic: Record<FactInput['kind'], string> = {
  customs_tier: 'customs_tier',
  customs_penalty: 'customs_penalties',
  smuggling_case: 'smuggling_cases',
  tax_grade: 'tax_grade',
  safe_category: 'safe_category',
  dishonest_listing: 'dishonest_listings',
  subsidy_fraud: 'subsidy_fraud_cases',
};

const stateCodes: Partial<Record<FactInput['kind'], readonly string[]>> = {
  customs_tier: customsTierLevels.map((level) => level.code),
  tax_grade: taxGradeLevels.map((level) => level.code),
  safe_category: safeCategoryLevels.map((level) => level.code),
};

export interface GradeInForce {
  operatorOrgId: string;
  at: string;
  grade: Grade | null;
  source: 'decision' | 'override' | 'none';
  decisionId: string | null;
  overrideId: string | null;
  expiresAt: string | null;
  score: number | null;
  customsTier: string | null;
  consequences: Consequences | null;
  reasons: Reason[];
}

/** What the credit functions share: the database, the clock, the registry and the scorecard and scoring parts. */
interface CreditCore {
  db: Db;
  clock: () => Date;
  registry: Pick<RegistryService, 'operatorOf'>;
  scorecards: Scorecards;
  scoring: Scoring;
}

async function requireOperator({ registry }: CreditCore, operatorOrgId: string, path = '/body/operatorOrgId') {
  const operator = await registry.operatorOf(operatorOrgId);
  if (!operator)
    throw creditErrors.operatorNotFound({
      fields: [{ path, message: 'no operator registered for this organisation' }],
    });
  return operator;
}

/** The grade in force for a firm at an instant: an override in force, else its latest decision. */
async function gradeInForce(
  { scorecards }: CreditCore,
  tx: DbOrTx,
  operatorOrgId: string,
  at: Date,
): Promise<GradeInForce> {
  const [decision, override] = await Promise.all([
    repository.latestDecision(tx, operatorOrgId, at),
    repository.overrideInForce(tx, operatorOrgId, at),
  ]);
  const grade = override?.grade ?? decision?.grade ?? null;
  const scorecard = decision ? await scorecards.byId(decision.scorecardId, tx) : await scorecards.activeOrNull(tx);
  return {
    operatorOrgId,
    at: at.toISOString(),
    grade,
    source: override ? 'override' : decision ? 'decision' : 'none',
    decisionId: decision?.id ?? null,
    overrideId: override?.id ?? null,
    expiresAt: override ? override.expiresAt.toISOString() : null,
    score: decision?.score ?? null,
    customsTier: decision?.customsTier ?? null,
    consequences: grade && scorecard ? scorecard.document.consequences[grade] : null,
    reasons: (decision?.reasons ?? []) as Reason[],
  };
}

/**
 * The grades in force for many firms at one instant, two statements whatever their number (an
 * override in force, else the latest decision, as gradeInForce): a firm with neither is absent.
 */
async function gradesInForce(tx: DbOrTx, operatorOrgIds: readonly string[], at: Date) {
  const graded = new Map<string, { grade: string; decisionId: string | null; overrideId: string | null }>();
  if (operatorOrgIds.length === 0) return graded;
  const decisions = await repository.latestDecisionsAt(tx, operatorOrgIds, at);
  const overrides = await repository.overridesInForceAt(tx, operatorOrgIds, at);
  for (const row of decisions)
    graded.set(row.operatorOrgId, { grade: row.grade, decisionId: row.id, overrideId: null });
  for (const row of overrides) {
    const decisionId = graded.get(row.operatorOrgId)?.decisionId ?? null;
    graded.set(row.operatorOrgId, { grade: row.grade, decisionId, overrideId: row.id });
  }
  return graded;
}

/**
 * The credit gate trade intake asks before it records a submission: refuses a firm whose grade
 * in force refuses submissions (D), naming the decision; otherwise answers what intake applies.
 */
async function admit(core: CreditCore, operatorOrgId: string, at: Date) {
  const inForce = await gradeInForce(core, core.db, operatorOrgId, at);
  if (inForce.consequences?.refuseSubmissions) {
    const by =
      inForce.source === 'override' ? `override ${inForce.overrideId}` : `credit decision ${inForce.decisionId}`;
    throw creditErrors.gradeDRefused({
      detail: `graded ${inForce.grade} by ${by}; see GET /v1/credit/me for the reasons, or file an appeal`,
      extra: { grade: inForce.grade, decisionId: inForce.decisionId, overrideId: inForce.overrideId },
    });
  }
  return {
    grade: inForce.grade,
    decisionId: inForce.decisionId,
    enhancedReview: inForce.consequences?.enhancedReview ?? false,
    priority: inForce.consequences?.priority ?? false,
  };
}

function checkFact(input: FactInput) {
  const codes = stateCodes[input.kind];
  if (codes && (!input.value || !codes.includes(input.value)))
    throw creditErrors.factInvalid({ fields: [{ path: '/body/value', message: `one of ${codes.join(', ')}` }] });
  if (!codes && input.value !== undefined)
    throw creditErrors.factInvalid({ fields: [{ path: '/body/value', message: `${input.kind} takes no value` }] });
  if (input.effectiveTo && input.effectiveTo <= input.effectiveFrom)
    throw creditErrors.factInvalid({
      fields: [{ path: '/body/effectiveTo', message: 'must be after effectiveFrom' }],
    });
}

/** Veto-class: the scorecard in force vetoes on what this fact feeds (for a state, on this state's level). */
async function vetoClass(scorecards: Scorecards, kind: FactInput['kind']) {
  const scorecard = await scorecards.activeOrNull();
  return Boolean(scorecard?.document.vetoes.some((rule) => rule.characteristic === factCharacteristic[kind]));
}

async function recordFact(core: CreditCore, principal: Principal, input: FactInput) {
  checkFact(input);
  const operator = await requireOperator(core, input.operatorOrgId);
  const rescore = await vetoClass(core.scorecards, input.kind);
  const row = await core.db.transaction(async (tx) => {
    const fact = await repository.insertFact(tx, {
      operatorOrgId: input.operatorOrgId,
      kind: input.kind,
      value: input.value ?? null,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      source: input.source,
      evidence: input.evidence,
      note: input.note ?? null,
      createdByOrgId: principal.orgId,
      createdByKeyId: principal.keyId,
    });
    await recordEvents(tx, [factRecordedEvent({ ...fact, operatorId: operator.id, actorOrgId: principal.orgId })]);
    // Veto-class facts downgrade at once (DOMAIN §10 rule 17): the re-scoring follows through the outbox.
    if (rescore)
      await writeOutbox(
        tx,
        'credit.rescore',
        { operatorOrgId: input.operatorOrgId, trigger: 'fact', triggerRef: `fact:${fact.id}` },
        `credit.rescore:fact:${fact.id}`,
      );
    return fact;
  });
  return { ...factView(row, null), rescoreQueued: rescore };
}

async function listFacts(db: Db, principal: Principal, operatorOrgId: string) {
  if (!inTenantScope(principal, operatorOrgId)) throw creditErrors.operatorNotFound();
  const rows = await repository.listFacts(db, operatorOrgId);
  return { items: rows.map((row) => factView(row.fact, row.retraction)) };
}

async function override(core: CreditCore, principal: Principal, input: OverrideInput) {
  const operator = await requireOperator(core, input.operatorOrgId);
  const now = core.clock();
  const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt <= effectiveFrom || expiresAt <= now)
    throw creditErrors.overrideInvalid({
      fields: [{ path: '/body/expiresAt', message: 'must be in the future and after effectiveFrom' }],
    });
  const row = await core.db.transaction(async (tx) => {
    const decision = await repository.latestDecision(tx, input.operatorOrgId, now);
    const inserted = await repository.insertOverride(tx, {
      operatorOrgId: input.operatorOrgId,
      grade: input.grade,
      reason: input.reason,
      decisionId: decision?.id ?? null,
      effectiveFrom,
      expiresAt,
      createdAt: now,
      createdByOrgId: principal.orgId,
      createdByKeyId: principal.keyId,
    });
    await recordEvents(tx, [overrideEvent({ ...inserted, operatorId: operator.id, actorOrgId: principal.orgId })]);
    return inserted;
  });
  return overrideView(row);
}

async function listOverrides(db: Db, principal: Principal, operatorOrgId: string) {
  if (!inTenantScope(principal, operatorOrgId)) throw creditErrors.operatorNotFound();
  return { items: (await repository.listOverrides(db, operatorOrgId)).map(overrideView) };
}

async function grade(core: CreditCore, principal: Principal, operatorOrgId: string, at: Date | undefined) {
  if (!inTenantScope(principal, operatorOrgId)) throw creditErrors.operatorNotFound();
  await requireOperator(core, operatorOrgId, '/params/operatorOrgId');
  return gradeInForce(core, core.db, operatorOrgId, at ?? core.clock());
}

async function getDecision(db: Db, principal: Principal, id: string) {
  const row = await repository.findDecision(db, id, { ownerOrgId: tenantScope(principal) });
  if (!row) throw creditErrors.decisionNotFound();
  return decisionView(row);
}

async function listDecisions(db: Db, principal: Principal, query: DecisionListQuery) {
  const { cursor, limit, ...filter } = query;
  const scope = tenantScope(principal);
  if (scope && filter.operatorOrgId && filter.operatorOrgId !== scope) return { items: [], nextCursor: null };
  const scoped = { ...filter, operatorOrgId: scope ?? filter.operatorOrgId };
  return fetchPage(
    { cursor, limit },
    JSON.stringify(['credit.decisions', scoped]),
    (after, take) => repository.listDecisions(db, scoped, after, take),
    decisionView,
  );
}

/** Each firm's latest decision, optionally of one grade (staff, customs, auditors). */
async function listFirms(db: Db, query: FirmListQuery) {
  const { cursor, limit, ...filter } = query;
  return fetchPage(
    { cursor, limit },
    JSON.stringify(['credit.firms', filter]),
    (after, take) => repository.latestDecisions(db, filter, after, take),
    decisionView,
  );
}

async function replay({ db, scorecards }: CreditCore, principal: Principal, id: string) {
  const row = await repository.findDecision(db, id, { ownerOrgId: tenantScope(principal) });
  if (!row) throw creditErrors.decisionNotFound();
  const scorecard = await scorecards.byId(row.scorecardId);
  return { decisionId: row.id, scorecardHash: row.scorecardHash, ...replayDecision(row, scorecard.document) };
}

async function fileAppeal(db: Db, principal: Principal, input: AppealInput) {
  const decision = await repository.findDecision(db, input.decisionId, { ownerOrgId: principal.orgId });
  if (!decision)
    throw creditErrors.decisionNotFound({
      fields: [{ path: '/body/decisionId', message: 'no such decision of yours' }],
    });
  const facts = await repository.findFacts(db, input.factIds);
  const foreign = input.factIds.filter(
    (id) => !facts.some((fact) => fact.id === id && fact.operatorOrgId === principal.orgId),
  );
  if (foreign.length)
    throw creditErrors.factNotFound({
      fields: foreign.map((id) => ({
        path: `/body/factIds/${input.factIds.indexOf(id)}`,
        message: 'no such fact of yours',
      })),
    });
  const row = await db.transaction(async (tx) => {
    const appeal = await repository.insertAppeal(tx, {
      operatorOrgId: principal.orgId,
      decisionId: decision.id,
      statement: input.statement,
      evidence: input.evidence,
      factIds: input.factIds,
      status: 'filed',
      createdByKeyId: principal.keyId,
    });
    await recordEvents(tx, [
      appealEvent({
        ...appeal,
        operatorId: decision.operatorId,
        action: 'credit.appeal_filed',
        reason: input.statement,
        actorOrgId: principal.orgId,
        at: appeal.createdAt,
      }),
    ]);
    return appeal;
  });
  return appealView(row);
}

/** Staff decide an appeal: upheld retracts the disputed facts; either way the firm is re-scored. */
async function decideAppeal(
  { db, clock, scoring }: CreditCore,
  principal: Principal,
  id: string,
  body: AppealDecisionBody,
) {
  const row = await db.transaction(async (tx) => {
    const appeal = await repository.findAppeal(tx, id, { forUpdate: true });
    if (!appeal) throw creditErrors.appealNotFound();
    if (appeal.status !== 'filed')
      throw commonErrors.illegalTransition({
        detail: `the appeal is already ${appeal.status}`,
        extra: { currentStatus: appeal.status },
      });
    if (body.outcome === 'upheld')
      await repository.retractFacts(
        tx,
        appeal.factIds.map((factId) => ({
          factId,
          reason: body.reason,
          appealId: appeal.id,
          createdByOrgId: principal.orgId,
          createdByKeyId: principal.keyId,
        })),
      );
    const contested = await repository.findDecision(tx, appeal.decisionId);
    const rescored = await scoring.rescore(
      appeal.operatorOrgId,
      { trigger: 'appeal', triggerRef: `appeal:${appeal.id}` },
      tx,
    );
    const decided = await repository.updateAppeal(tx, id, {
      status: body.outcome,
      decidedAt: clock(),
      decidedByOrgId: principal.orgId,
      decidedByKeyId: principal.keyId,
      decisionReason: body.reason,
      resultDecisionId: rescored.decision?.id ?? null,
    });
    await recordEvents(tx, [
      appealEvent({
        ...appeal,
        operatorId: contested!.operatorId,
        action: body.outcome === 'upheld' ? 'credit.appeal_upheld' : 'credit.appeal_dismissed',
        reason: body.reason,
        actorOrgId: principal.orgId,
        at: clock(),
      }),
    ]);
    return decided!;
  });
  return appealView(row);
}

async function getAppeal(db: Db, principal: Principal, id: string) {
  const row = await repository.findAppeal(db, id, { ownerOrgId: tenantScope(principal) });
  if (!row) throw creditErrors.appealNotFound();
  return appealView(row);
}

async function listAppeals(db: Db, principal: Principal, query: AppealListQuery) {
  const { cursor, limit, ...filter } = query;
  const scoped = { ...filter, ownerOrgId: tenantScope(principal) };
  return fetchPage(
    { cursor, limit },
    JSON.stringify(['credit.appeals', scoped]),
    (after, take) => repository.listAppeals(db, scoped, after, take),
    appealView,
  );
}

/**
 * Grade distribution at the end of a month (each firm's latest decision by then, China time) and the
 * migration from the end of the month before: the credit part of the monthly statistics.
 */
async function monthlyGrades(db: Db, month: string) {
  const end = new Date(`${addMonths(month, 1)}-01T00:00:00+08:00`);
  const start = new Date(`${month}-01T00:00:00+08:00`);
  const [current, previous] = await Promise.all([repository.gradesBefore(db, end), repository.gradesBefore(db, start)]);
  const members = (rows: { org: string; grade: string }[]) => rows.map((row) => ({ ...row, characteristics: [] }));
  return {
    month,
    firms: current.length,
    distribution: distribution(members(current)),
    previousDistribution: distribution(members(previous)),
    migration: migration(members(previous), members(current)),
  };
}

/**
 * 信用评价: scorecard versions, staff-recorded facts, runs and decisions, the grade in force with
 * its consequences, overrides and appeals. Other contexts read only `gradeInForce` (and trade
 * asks `admit` through the port it declares).
 */
export function createCreditService(deps: CreditDependencies) {
  const { db, registry } = deps;
  const clock = deps.clock ?? (() => new Date());
  const scorecards = createScorecards({ db, clock });
  const scoring = createScoring({ db, clock, scorecards });
  const core: CreditCore = { db, clock, registry, scorecards, scoring };
  return {
    scorecards,
    scoring,
    /** The grade in force for a firm at an instant: an override in force, else its latest decision. */
    gradeInForce: (operatorOrgId: string, at: Date = clock(), tx: DbOrTx = db) =>
      gradeInForce(core, tx, operatorOrgId, at),
    gradesInForce: (operatorOrgIds: readonly string[], at: Date, tx: DbOrTx = db) =>
      gradesInForce(tx, operatorOrgIds, at),
    admit: (operatorOrgId: string, at: Date) => admit(core, operatorOrgId, at),
    recordFact: (principal: Principal, input: FactInput) => recordFact(core, principal, input),
    listFacts: (principal: Principal, operatorOrgId: string) => listFacts(db, principal, operatorOrgId),
    override: (principal: Principal, input: OverrideInput) => override(core, principal, input),
    listOverrides: (principal: Principal, operatorOrgId: string) => listOverrides(db, principal, operatorOrgId),
    ...creditReads(core),
  };
}

/** Reads, replay and appeals: what operators, customs, auditors and staff look at. */
function creditReads(core: CreditCore) {
  const { db } = core;
  return {
    grade: (principal: Principal, operatorOrgId: string, at: Date | undefined) =>
      grade(core, principal, operatorOrgId, at),
    getDecision: (principal: Principal, id: string) => getDecision(db, principal, id),
    listDecisions: (principal: Principal, query: DecisionListQuery) => listDecisions(db, principal, query),
    /** Each firm's latest decision, optionally of one grade (staff, customs, auditors). */
    listFirms: (query: FirmListQuery) => listFirms(db, query),
    replay: (principal: Principal, id: string) => replay(core, principal, id),
    fileAppeal: (principal: Principal, input: AppealInput) => fileAppeal(db, principal, input),
    /** Staff decide an appeal: upheld retracts the disputed facts; either way the firm is re-scored. */
    decideAppeal: (principal: Principal, id: string, body: AppealDecisionBody) =>
      decideAppeal(core, principal, id, body),
    getAppeal: (principal: Principal, id: string) => getAppeal(db, principal, id),
    listAppeals: (principal: Principal, query: AppealListQuery) => listAppeals(db, principal, query),
    monthlyGrades: (month: string) => monthlyGrades(db, month),
  };
}

export type CreditService = ReturnType<typeof createCreditService>;
