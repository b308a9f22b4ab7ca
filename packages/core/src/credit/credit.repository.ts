import {
  creditAppeals,
  creditDecisions,
  creditFactRetractions,
  creditFacts,
  creditOverrides,
  creditRuns,
  creditScorecards,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { withViolations } from '../shared/constraints';
import { afterPosition, type CursorPosition } from '../shared/pagination';
import { creditErrors } from './credit.errors';

/** Plain drizzle queries over the credit tables; the rules live in credit.service.ts and credit.models.ts. */

export type ScorecardRow = typeof creditScorecards.$inferSelect;
export type FactRow = typeof creditFacts.$inferSelect;
export type RunRow = typeof creditRuns.$inferSelect;
export type DecisionRow = typeof creditDecisions.$inferSelect;
export type NewDecision = typeof creditDecisions.$inferInsert;
export type OverrideRow = typeof creditOverrides.$inferSelect;
export type AppealRow = typeof creditAppeals.$inferSelect;

// --- scorecards -------------------------------------------------------------------------------

export async function insertScorecard(tx: DbOrTx, row: typeof creditScorecards.$inferInsert): Promise<ScorecardRow> {
  const taken = (detail: string) => (cause: unknown) => creditErrors.scorecardExists({ detail, cause });
  const [inserted] = await withViolations(() => tx.insert(creditScorecards).values(row).returning(), {
    credit_scorecards_label_unique: taken(`label ${row.label} is taken`),
    credit_scorecards_content_hash_unique: taken('the same document exists'),
  });
  return inserted!;
}

export async function findScorecard(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(creditScorecards).where(eq(creditScorecards.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findActiveScorecard(db: DbOrTx, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(creditScorecards).where(eq(creditScorecards.status, 'active'));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function countScorecards(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(creditScorecards);
  return row?.n ?? 0;
}

export function listScorecards(
  db: DbOrTx,
  filter: { status?: string | undefined },
  after: CursorPosition | undefined,
  limit: number,
) {
  const where = and(
    filter.status ? eq(creditScorecards.status, filter.status as ScorecardRow['status']) : undefined,
    afterPosition(creditScorecards, after),
  );
  return db
    .select()
    .from(creditScorecards)
    .where(where)
    .orderBy(asc(creditScorecards.createdAt), asc(creditScorecards.id))
    .limit(limit);
}

export async function updateScorecard(
  tx: DbOrTx,
  id: string,
  fromStatus: ScorecardRow['status'],
  changes: Partial<typeof creditScorecards.$inferInsert>,
): Promise<ScorecardRow | undefined> {
  const [row] = await tx
    .update(creditScorecards)
    .set(changes)
    .where(and(eq(creditScorecards.id, id), eq(creditScorecards.status, fromStatus)))
    .returning();
  return row;
}

// --- facts ------------------------------------------------------------------------------------

export async function insertFact(tx: DbOrTx, row: typeof creditFacts.$inferInsert): Promise<FactRow> {
  const [inserted] = await tx.insert(creditFacts).values(row).returning();
  return inserted!;
}

export function listFacts(db: DbOrTx, operatorOrgId: string) {
  return db
    .select({ fact: creditFacts, retraction: creditFactRetractions })
    .from(creditFacts)
    .leftJoin(creditFactRetractions, eq(creditFactRetractions.factId, creditFacts.id))
    .where(eq(creditFacts.operatorOrgId, operatorOrgId))
    .orderBy(asc(creditFacts.effectiveFrom), asc(creditFacts.createdAt));
}

export function findFacts(db: DbOrTx, ids: readonly string[]) {
  return ids.length
    ? db
        .select()
        .from(creditFacts)
        .where(inArray(creditFacts.id, [...ids]))
    : Promise.resolve([]);
}

export async function retractFacts(tx: DbOrTx, rows: (typeof creditFactRetractions.$inferInsert)[]) {
  if (rows.length) await tx.insert(creditFactRetractions).values(rows).onConflictDoNothing();
}

// --- runs -------------------------------------------------------------------------------------

/** Inserts the run, or answers the existing run of the same source (a retried job or request). */
export async function insertRun(
  tx: DbOrTx,
  row: typeof creditRuns.$inferInsert,
): Promise<{ run: RunRow; created: boolean }> {
  const [inserted] = await tx
    .insert(creditRuns)
    .values(row)
    .onConflictDoNothing({ target: creditRuns.sourceRef })
    .returning();
  if (inserted) return { run: inserted, created: true };
  const [existing] = await tx.select().from(creditRuns).where(eq(creditRuns.sourceRef, row.sourceRef));
  return { run: existing!, created: false };
}

export async function findRun(db: DbOrTx, id: string) {
  const [row] = await db.select().from(creditRuns).where(eq(creditRuns.id, id));
  return row;
}

export function listRuns(db: DbOrTx, after: CursorPosition | undefined, limit: number) {
  return db
    .select()
    .from(creditRuns)
    .where(afterPosition(creditRuns, after))
    .orderBy(asc(creditRuns.createdAt), asc(creditRuns.id))
    .limit(limit);
}

/** The last completed run before this one: what distribution, migration and PSI compare against. */
export async function previousCompletedRun(db: DbOrTx, run: RunRow) {
  const [row] = await db
    .select()
    .from(creditRuns)
    .where(and(eq(creditRuns.status, 'completed'), sql`${creditRuns.id} <> ${run.id}`, lte(creditRuns.asOf, run.asOf)))
    .orderBy(desc(creditRuns.asOf), desc(creditRuns.createdAt))
    .limit(1);
  return row;
}

export async function updateRun(tx: DbOrTx, id: string, changes: Partial<typeof creditRuns.$inferInsert>) {
  await tx.update(creditRuns).set(changes).where(eq(creditRuns.id, id));
}

export async function countRunDecisions(db: DbOrTx, runId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(creditDecisions)
    .where(eq(creditDecisions.runId, runId));
  return row?.n ?? 0;
}

export async function decidedOperators(db: DbOrTx, runId: string): Promise<Set<string>> {
  const rows = await db
    .select({ org: creditDecisions.operatorOrgId })
    .from(creditDecisions)
    .where(eq(creditDecisions.runId, runId));
  return new Set(rows.map((row) => row.org));
}

export function runOutcomes(db: DbOrTx, runId: string) {
  return db
    .select({
      org: creditDecisions.operatorOrgId,
      grade: creditDecisions.grade,
      characteristics: creditDecisions.characteristics,
    })
    .from(creditDecisions)
    .where(eq(creditDecisions.runId, runId));
}

// --- decisions --------------------------------------------------------------------------------

/** Inserts decisions; those whose (run, operator) or trigger reference already exist are skipped. Answers the inserted ones. */
export async function insertDecisions(tx: DbOrTx, rows: readonly NewDecision[]): Promise<DecisionRow[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(creditDecisions)
    .values([...rows])
    .onConflictDoNothing()
    .returning();
}

export async function findDecision(db: DbOrTx, id: string, scope: { ownerOrgId?: string | undefined } = {}) {
  const [row] = await db
    .select()
    .from(creditDecisions)
    .where(
      and(
        eq(creditDecisions.id, id),
        scope.ownerOrgId ? eq(creditDecisions.operatorOrgId, scope.ownerOrgId) : undefined,
      ),
    );
  return row;
}

export function listDecisions(
  db: DbOrTx,
  filter: { grade?: string | undefined; operatorOrgId?: string | undefined; runId?: string | undefined },
  after: CursorPosition | undefined,
  limit: number,
) {
  const where: (SQL | undefined)[] = [
    filter.grade ? eq(creditDecisions.grade, filter.grade as DecisionRow['grade']) : undefined,
    filter.operatorOrgId ? eq(creditDecisions.operatorOrgId, filter.operatorOrgId) : undefined,
    filter.runId ? eq(creditDecisions.runId, filter.runId) : undefined,
    afterPosition(creditDecisions, after),
  ];
  return db
    .select()
    .from(creditDecisions)
    .where(and(...where))
    .orderBy(asc(creditDecisions.createdAt), asc(creditDecisions.id))
    .limit(limit);
}

/** The operator's latest decision recorded at or before the instant. */
export async function latestDecision(db: DbOrTx, operatorOrgId: string, at: Date) {
  const [row] = await db
    .select()
    .from(creditDecisions)
    .where(and(eq(creditDecisions.operatorOrgId, operatorOrgId), lte(creditDecisions.createdAt, at)))
    .orderBy(desc(creditDecisions.createdAt), desc(creditDecisions.id))
    .limit(1);
  return row;
}

/**
 * Each listed operator's latest decision at an instant, in one statement (DISTINCT ON over the
 * operator index): what a subsidy period run asks for a thousand firms at once.
 */
export function latestDecisionsAt(db: DbOrTx, operatorOrgIds: readonly string[], at: Date) {
  return db
    .selectDistinctOn([creditDecisions.operatorOrgId], {
      id: creditDecisions.id,
      operatorOrgId: creditDecisions.operatorOrgId,
      grade: creditDecisions.grade,
    })
    .from(creditDecisions)
    .where(and(inArray(creditDecisions.operatorOrgId, [...operatorOrgIds]), lte(creditDecisions.createdAt, at)))
    .orderBy(creditDecisions.operatorOrgId, desc(creditDecisions.createdAt), desc(creditDecisions.id));
}

/** Each operator's latest decision, optionally only those of one grade: the staff's list of firms. */
export function latestDecisions(
  db: DbOrTx,
  filter: { grade?: string | undefined },
  after: CursorPosition | undefined,
  limit: number,
) {
  const latest = db
    .selectDistinctOn([creditDecisions.operatorOrgId])
    .from(creditDecisions)
    .orderBy(creditDecisions.operatorOrgId, desc(creditDecisions.createdAt), desc(creditDecisions.id))
    .as('latest');
  return db
    .select()
    .from(latest)
    .where(
      and(
        filter.grade ? eq(latest.grade, filter.grade as DecisionRow['grade']) : undefined,
        after
          ? sql`(${latest.createdAt}, ${latest.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(latest.createdAt), asc(latest.id))
    .limit(limit);
}

/** Each operator's grade by its latest decision recorded before the instant (monthly statistics). */
export function gradesBefore(db: DbOrTx, instant: Date) {
  return db
    .selectDistinctOn([creditDecisions.operatorOrgId], {
      org: creditDecisions.operatorOrgId,
      grade: creditDecisions.grade,
    })
    .from(creditDecisions)
    .where(sql`${creditDecisions.createdAt} < ${instant.toISOString()}::timestamptz`)
    .orderBy(creditDecisions.operatorOrgId, desc(creditDecisions.createdAt), desc(creditDecisions.id));
}

// --- overrides and appeals --------------------------------------------------------------------

export async function insertOverride(tx: DbOrTx, row: typeof creditOverrides.$inferInsert): Promise<OverrideRow> {
  const [inserted] = await tx.insert(creditOverrides).values(row).returning();
  return inserted!;
}

/** The latest override recorded by the instant and in force at it. */
export async function overrideInForce(db: DbOrTx, operatorOrgId: string, at: Date) {
  const [row] = await db
    .select()
    .from(creditOverrides)
    .where(
      and(
        eq(creditOverrides.operatorOrgId, operatorOrgId),
        lte(creditOverrides.createdAt, at),
        lte(creditOverrides.effectiveFrom, at),
        gt(creditOverrides.expiresAt, at),
      ),
    )
    .orderBy(desc(creditOverrides.createdAt), desc(creditOverrides.id))
    .limit(1);
  return row;
}

/** Each listed operator's override in force at an instant, in one statement (as overrideInForce, per firm). */
export function overridesInForceAt(db: DbOrTx, operatorOrgIds: readonly string[], at: Date) {
  return db
    .selectDistinctOn([creditOverrides.operatorOrgId], {
      id: creditOverrides.id,
      operatorOrgId: creditOverrides.operatorOrgId,
      grade: creditOverrides.grade,
    })
    .from(creditOverrides)
    .where(
      and(
        inArray(creditOverrides.operatorOrgId, [...operatorOrgIds]),
        lte(creditOverrides.createdAt, at),
        lte(creditOverrides.effectiveFrom, at),
        gt(creditOverrides.expiresAt, at),
      ),
    )
    .orderBy(creditOverrides.operatorOrgId, desc(creditOverrides.createdAt), desc(creditOverrides.id));
}

export function listOverrides(db: DbOrTx, operatorOrgId: string) {
  return db
    .select()
    .from(creditOverrides)
    .where(eq(creditOverrides.operatorOrgId, operatorOrgId))
    .orderBy(asc(creditOverrides.createdAt));
}

export async function insertAppeal(tx: DbOrTx, row: typeof creditAppeals.$inferInsert): Promise<AppealRow> {
  const [inserted] = await tx.insert(creditAppeals).values(row).returning();
  return inserted!;
}

export async function findAppeal(
  db: DbOrTx,
  id: string,
  options: { ownerOrgId?: string | undefined; forUpdate?: boolean } = {},
) {
  const query = db
    .select()
    .from(creditAppeals)
    .where(
      and(
        eq(creditAppeals.id, id),
        options.ownerOrgId ? eq(creditAppeals.operatorOrgId, options.ownerOrgId) : undefined,
      ),
    );
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateAppeal(tx: DbOrTx, id: string, changes: Partial<typeof creditAppeals.$inferInsert>) {
  const [row] = await tx
    .update(creditAppeals)
    .set(changes)
    .where(and(eq(creditAppeals.id, id), eq(creditAppeals.status, 'filed')))
    .returning();
  return row;
}

export function listAppeals(
  db: DbOrTx,
  filter: { status?: string | undefined; ownerOrgId?: string | undefined },
  after: CursorPosition | undefined,
  limit: number,
) {
  return db
    .select()
    .from(creditAppeals)
    .where(
      and(
        filter.status ? eq(creditAppeals.status, filter.status as AppealRow['status']) : undefined,
        filter.ownerOrgId ? eq(creditAppeals.operatorOrgId, filter.ownerOrgId) : undefined,
        afterPosition(creditAppeals, after),
      ),
    )
    .orderBy(asc(creditAppeals.createdAt), asc(creditAppeals.id))
    .limit(limit);
}
