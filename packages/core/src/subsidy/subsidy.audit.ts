import { randomInt } from 'node:crypto';
import {
  insertRecordset,
  isUniqueViolation,
  organisations,
  subsidyAuditFindings,
  subsidyAuditKinds,
  subsidyAuditSamples,
  subsidyAuditTasks,
  subsidyPeriods,
  type Db,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import { recordEvents } from '../provenance/provenance.events';
import { subsidyErrors } from './subsidy.errors';
import { subsidyEvent } from './subsidy.events';
import { stratifiedSample } from './subsidy.sampling';

/**
 * Third-party audit (第三方审计): tasks of configurable kinds assigned to an audit firm; a sampling
 * kind draws claim lines of the period stratified by value with a recorded seed, and the auditor
 * records one finding per sampled line. Completion rate per kind is a query.
 */

export interface AuditTaskInput {
  kindCode: string;
  auditFirmOrgId: string;
  periodId: string;
  sampleSize?: number | undefined;
  seed?: number | undefined;
}

export interface FindingInput {
  lineId: string;
  outcome: 'confirmed' | 'adjusted' | 'rejected';
  adjustedCny?: string | undefined;
  reason?: string | undefined;
}

/** Claim lines of a period's live claims (not rejected), the sampling frame. */
async function samplingFrame(db: DbOrTx, periodId: string) {
  const { rows } = await db.execute<{ line_id: string; amount_cny: string }>(sql`
    select l.id as line_id, l.amount_cny from subsidy_claim_lines l join subsidy_claims c on c.id = l.claim_id
    where c.period_id = ${periodId} and c.status <> 'rejected'`);
  return rows.map((row) => ({ lineId: row.line_id, amountCny: row.amount_cny }));
}

export interface AuditDeps {
  db: Db;
  clock: () => Date;
}

async function task(deps: AuditDeps, principal: Principal, id: string) {
  const { db } = deps;
  const [row] = await db.select().from(subsidyAuditTasks).where(eq(subsidyAuditTasks.id, id));
  // An audit firm sees only the tasks assigned to it; another's is not found.
  if (!row || (principal.role === 'auditor' && row.auditFirmOrgId !== principal.orgId))
    throw subsidyErrors.notFound({ detail: `no audit task ${id}` });
  const { rows: sample } = await db.execute<Record<string, unknown>>(sql`
    select s.line_id as "lineId", s.stratum, s.position, l.claim_id as "claimId", l.item_code as "itemCode",
      l.amount_cny as "amountCny", f.outcome, f.adjusted_cny as "adjustedCny", f.reason
    from subsidy_audit_samples s join subsidy_claim_lines l on l.id = s.line_id
    left join subsidy_audit_findings f on f.task_id = s.task_id and f.line_id = s.line_id
    where s.task_id = ${id} order by s.position`);
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    sample,
  };
}

/** The task's kind (active), audit firm (an auditor organisation) and period, or not found naming the field. */
async function assignable(db: Db, input: AuditTaskInput) {
  const [kind] = await db.select().from(subsidyAuditKinds).where(eq(subsidyAuditKinds.code, input.kindCode));
  if (!kind?.active)
    throw subsidyErrors.notFound({
      detail: `no active audit kind ${input.kindCode}`,
      fields: [{ path: '/body/kindCode', message: 'unknown audit kind' }],
    });
  const [firm] = await db.select().from(organisations).where(eq(organisations.id, input.auditFirmOrgId));
  if (firm?.kind !== 'auditor')
    throw subsidyErrors.notFound({
      detail: `no audit firm ${input.auditFirmOrgId}`,
      fields: [{ path: '/body/auditFirmOrgId', message: 'not an audit firm organisation' }],
    });
  const [period] = await db.select().from(subsidyPeriods).where(eq(subsidyPeriods.id, input.periodId));
  if (!period) throw subsidyErrors.notFound({ detail: `no subsidy period ${input.periodId}` });
  return { kind, period };
}

async function create(deps: AuditDeps, principal: Principal, input: AuditTaskInput) {
  const { db, clock } = deps;
  const { kind, period } = await assignable(db, input);
  const seed = kind.samplesLines ? (input.seed ?? randomInt(0, 2 ** 31)) : null;
  const size = kind.samplesLines ? (input.sampleSize ?? 30) : null;
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(subsidyAuditTasks)
      .values({
        kindCode: kind.code,
        auditFirmOrgId: input.auditFirmOrgId,
        periodId: period.id,
        year: Number(period.periodTo.slice(0, 4)),
        sampleSeed: seed,
        sampleSize: size,
        status: 'open',
      })
      .returning();
    const sample =
      seed === null || size === null ? [] : stratifiedSample(await samplingFrame(tx, period.id), size, seed);
    await insertRecordset(
      tx,
      'subsidy_audit_samples',
      { task_id: 'uuid', line_id: 'uuid', stratum: 'int', position: 'int' },
      sample.map((line) => ({
        task_id: row!.id,
        line_id: line.lineId,
        stratum: line.stratum,
        position: line.position,
      })),
    );
    await recordEvents(tx, [
      subsidyEvent({
        kind: 'audit_task',
        id: row!.id,
        action: 'audit_task.assigned',
        related: [input.auditFirmOrgId, period.id],
        actorOrgId: principal.orgId,
        at: clock(),
        detail: { kind: kind.code, seed, sampleSize: size, sampled: sample.map((line) => line.lineId) },
      }),
    ]);
    return row!.id;
  });
  return task(deps, principal, id);
}

async function lockOwnTask(deps: AuditDeps, tx: DbOrTx, principal: Principal, id: string) {
  const [row] = await tx.select().from(subsidyAuditTasks).where(eq(subsidyAuditTasks.id, id)).for('update');
  if (!row || row.auditFirmOrgId !== principal.orgId) throw subsidyErrors.notFound({ detail: `no audit task ${id}` });
  if (row.status !== 'open') throw subsidyErrors.illegalTransition({ detail: 'the audit task is completed' });
  return row;
}

async function recordFinding(deps: AuditDeps, principal: Principal, taskId: string, input: FindingInput) {
  const { db, clock } = deps;
  await db.transaction(async (tx) => {
    await lockOwnTask(deps, tx, principal, taskId);
    const [sampled] = await tx
      .select()
      .from(subsidyAuditSamples)
      .where(and(eq(subsidyAuditSamples.taskId, taskId), eq(subsidyAuditSamples.lineId, input.lineId)));
    if (!sampled)
      throw subsidyErrors.notSampled({ fields: [{ path: '/body/lineId', message: 'not in this task sample' }] });
    try {
      await tx.insert(subsidyAuditFindings).values({
        taskId,
        lineId: input.lineId,
        outcome: input.outcome,
        adjustedCny: input.outcome === 'adjusted' ? (input.adjustedCny ?? null) : null,
        reason: input.reason ?? null,
        auditorOrgId: principal.orgId,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw subsidyErrors.illegalTransition({ detail: 'the line already has a finding in this task' });
    }
    await recordEvents(tx, [
      subsidyEvent({
        kind: 'audit_task',
        id: taskId,
        action: 'audit_task.finding',
        related: [input.lineId],
        actorOrgId: principal.orgId,
        at: clock(),
        detail: {
          lineId: input.lineId,
          outcome: input.outcome,
          adjustedCny: input.adjustedCny ?? null,
          reason: input.reason ?? null,
        },
      }),
    ]);
  });
  return task(deps, principal, taskId);
}

async function complete(deps: AuditDeps, principal: Principal, taskId: string, conclusion: string) {
  const { db, clock } = deps;
  await db.transaction(async (tx) => {
    await lockOwnTask(deps, tx, principal, taskId);
    const { rows } = await tx.execute<{ open: number }>(sql`
      select count(*)::int as open from subsidy_audit_samples s
      where s.task_id = ${taskId} and not exists
        (select 1 from subsidy_audit_findings f where f.task_id = s.task_id and f.line_id = s.line_id)`);
    if ((rows[0]?.open ?? 0) > 0)
      throw subsidyErrors.auditIncomplete({ detail: `${rows[0]!.open} sampled lines have no finding yet` });
    await tx
      .update(subsidyAuditTasks)
      .set({ status: 'completed', conclusion, completedAt: clock() })
      .where(eq(subsidyAuditTasks.id, taskId));
    await recordEvents(tx, [
      subsidyEvent({
        kind: 'audit_task',
        id: taskId,
        action: 'audit_task.completed',
        related: [],
        actorOrgId: principal.orgId,
        at: clock(),
        detail: { conclusion },
      }),
    ]);
  });
  return task(deps, principal, taskId);
}

/** Tasks and completed tasks per audit kind (every active kind listed, with none as 0 of 0). */
async function completion(deps: AuditDeps, year: number | undefined) {
  const { db } = deps;
  const { rows } = await db.execute<{
    code: string;
    name_zh: string;
    name_en: string;
    tasks: number;
    completed: number;
  }>(sql`
    select k.code, k.name_zh, k.name_en, count(t.id)::int as tasks,
      count(t.id) filter (where t.status = 'completed')::int as completed
    from subsidy_audit_kinds k left join subsidy_audit_tasks t on t.kind_code = k.code
      and (${year ?? null}::int is null or t.year = ${year ?? null}::int)
    where k.active group by k.code, k.name_zh, k.name_en order by k.code`);
  return rows.map((row) => ({
    kindCode: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    tasks: row.tasks,
    completed: row.completed,
    completionRate: row.tasks === 0 ? null : (row.completed / row.tasks).toFixed(4),
  }));
}

export function createAudit(deps: AuditDeps) {
  return {
    create: (principal: Principal, input: AuditTaskInput) => create(deps, principal, input),
    task: (principal: Principal, id: string) => task(deps, principal, id),
    recordFinding: (principal: Principal, taskId: string, input: FindingInput) =>
      recordFinding(deps, principal, taskId, input),
    complete: (principal: Principal, taskId: string, conclusion: string) =>
      complete(deps, principal, taskId, conclusion),
    completion: (year: number | undefined) => completion(deps, year),
    kinds: () => deps.db.select().from(subsidyAuditKinds).orderBy(asc(subsidyAuditKinds.code)),
  };
}
