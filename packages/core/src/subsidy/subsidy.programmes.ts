import { isUniqueViolation, pgConstraint, subsidyProgrammeVersions, type Db, type DbOrTx } from '@baigou/db';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import { recordEvents } from '../provenance/provenance.events';
import { chinaDate } from '../shared/dates';
import { subsidyErrors } from './subsidy.errors';
import { subsidyEvent } from './subsidy.events';
import {
  diffProgrammes,
  programmeContent,
  ProgrammeDocument,
  seedProgramme,
  SEED_PROGRAMME_LABEL,
  SEED_PROGRAMME_NOTE,
} from './subsidy.programme';

export type ProgrammeRow = typeof subsidyProgrammeVersions.$inferSelect;

export interface ProgrammeInput {
  label: string;
  effectiveFrom: string;
  note?: string | undefined;
  document: ProgrammeDocument;
}

export const programmeView = (row: ProgrammeRow) => ({
  id: row.id,
  label: row.label,
  status: row.status,
  effectiveFrom: row.effectiveFrom,
  contentHash: row.contentHash,
  note: row.note,
  document: ProgrammeDocument.parse(row.document),
  baseVersionId: row.baseVersionId,
  createdAt: row.createdAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null,
  decisionReason: row.decisionReason,
});

/** The approved version in force on `day` (a China date): the latest effective on or before it. */
export async function programmeInForce(db: DbOrTx, day: string): Promise<ProgrammeRow | null> {
  const [row] = await db
    .select()
    .from(subsidyProgrammeVersions)
    .where(and(eq(subsidyProgrammeVersions.status, 'approved'), lte(subsidyProgrammeVersions.effectiveFrom, day)))
    .orderBy(desc(subsidyProgrammeVersions.effectiveFrom))
    .limit(1);
  return row ?? null;
}

async function insertVersion(
  tx: DbOrTx,
  principal: Principal | null,
  input: ProgrammeInput,
  base: ProgrammeRow | null,
) {
  const content = programmeContent(input.document);
  try {
    const [row] = await tx
      .insert(subsidyProgrammeVersions)
      .values({
        label: input.label,
        status: 'proposed',
        effectiveFrom: input.effectiveFrom,
        document: input.document,
        canonical: content.canonical,
        contentHash: content.contentHash,
        baseVersionId: base?.id ?? null,
        note: input.note ?? null,
        createdByOrgId: principal?.orgId ?? null,
      })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error) && pgConstraint(error) === 'subsidy_programme_versions_label_unique')
      throw subsidyErrors.labelTaken({
        detail: `a programme version is already labelled "${input.label}"`,
        fields: [{ path: '/body/label', message: 'already used' }],
      });
    throw error;
  }
}

export interface ProgrammeDeps {
  db: Db;
  clock: () => Date;
}

async function find(deps: ProgrammeDeps, id: string) {
  const { db } = deps;
  const [row] = await db.select().from(subsidyProgrammeVersions).where(eq(subsidyProgrammeVersions.id, id));
  if (!row) throw subsidyErrors.notFound({ detail: `no programme version ${id}` });
  return row;
}

/** A proposal, with what it changes against the version in force on its effective date. */
async function propose(deps: ProgrammeDeps, principal: Principal, input: ProgrammeInput) {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const base = await programmeInForce(tx, input.effectiveFrom);
    const row = await insertVersion(tx, principal, input, base);
    await recordEvents(tx, [
      subsidyEvent({
        kind: 'subsidy_programme',
        id: row.id,
        action: 'subsidy_programme.proposed',
        related: base ? [base.id] : [],
        actorOrgId: principal.orgId,
        at: clock(),
        detail: { label: row.label, contentHash: row.contentHash, effectiveFrom: row.effectiveFrom },
      }),
    ]);
    return {
      ...programmeView(row),
      changes: base ? diffProgrammes(ProgrammeDocument.parse(base.document), input.document) : [],
    };
  });
}

async function decide(
  deps: ProgrammeDeps,
  principal: Principal,
  id: string,
  decision: 'approved' | 'rejected',
  reason: string | null,
) {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(subsidyProgrammeVersions)
      .where(eq(subsidyProgrammeVersions.id, id))
      .for('update');
    if (!row) throw subsidyErrors.notFound({ detail: `no programme version ${id}` });
    if (row.status !== 'proposed')
      throw subsidyErrors.illegalTransition({
        detail: `the version is ${row.status}; only a proposal can be decided`,
      });
    const at = clock();
    let updated: ProgrammeRow;
    try {
      [updated] = (await tx
        .update(subsidyProgrammeVersions)
        .set({ status: decision, decidedAt: at, decidedByOrgId: principal.orgId, decisionReason: reason })
        .where(eq(subsidyProgrammeVersions.id, id))
        .returning()) as [ProgrammeRow];
    } catch (error) {
      if (isUniqueViolation(error))
        throw subsidyErrors.effectiveDateTaken({
          detail: `an approved version already takes effect on ${row.effectiveFrom}`,
        });
      throw error;
    }
    await recordEvents(tx, [
      subsidyEvent({
        kind: 'subsidy_programme',
        id,
        action: `subsidy_programme.${decision}`,
        related: [],
        actorOrgId: principal.orgId,
        at,
        detail: { label: row.label, contentHash: row.contentHash, reason },
      }),
    ]);
    return programmeView(updated);
  });
}

async function list(deps: ProgrammeDeps) {
  const { db, clock } = deps;
  const rows = await db
    .select()
    .from(subsidyProgrammeVersions)
    .orderBy(desc(subsidyProgrammeVersions.createdAt))
    .limit(200);
  return { items: rows.map(programmeView), inForce: (await programmeInForce(db, chinaDate(clock())))?.id ?? null };
}

async function diff(deps: ProgrammeDeps, id: string, againstId: string) {
  const [next, base] = await Promise.all([find(deps, id), find(deps, againstId)]);
  return diffProgrammes(ProgrammeDocument.parse(base.document), ProgrammeDocument.parse(next.document));
}

export function createProgrammes(deps: ProgrammeDeps) {
  return {
    propose: (principal: Principal, input: ProgrammeInput) => propose(deps, principal, input),
    approve: (principal: Principal, id: string, reason: string | null) =>
      decide(deps, principal, id, 'approved', reason),
    reject: (principal: Principal, id: string, reason: string) => decide(deps, principal, id, 'rejected', reason),
    get: async (id: string) => programmeView(await find(deps, id)),
    list: () => list(deps),
    diff: (id: string, againstId: string) => diff(deps, id, againstId),
  };
}

/** On a database without any programme version: the seeded proposal (never approved by itself). */
export async function ensureSubsidySeed(db: Db, clock: () => Date = () => new Date()) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('subsidy.seed'))`);
    const [existing] = await tx.select({ id: subsidyProgrammeVersions.id }).from(subsidyProgrammeVersions).limit(1);
    if (existing) return { outcome: 'exists' as const };
    await insertVersion(
      tx,
      null,
      {
        label: SEED_PROGRAMME_LABEL,
        effectiveFrom: `${chinaDate(clock()).slice(0, 4)}-01-01`,
        note: SEED_PROGRAMME_NOTE,
        document: seedProgramme,
      },
      null,
    );
    return { outcome: 'created' as const };
  });
}
