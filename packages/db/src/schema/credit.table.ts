import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, id, instant } from './columns';
import { operators } from './registry.table';

const at = instant;

export const creditScorecardStatuses = ['proposed', 'active', 'rejected', 'retired'] as const;
export const creditGrades = ['A', 'B', 'C', 'D'] as const;
export const creditFactKinds = [
  'customs_tier',
  'customs_penalty',
  'smuggling_case',
  'tax_grade',
  'safe_category',
  'dishonest_listing',
  'subsidy_fraud',
] as const;
export const creditDecisionTriggers = ['run', 'fact', 'appeal', 'manual'] as const;

/**
 * 信用评价记分卡 versions: the scorecard document as canonical JSON, identified by the SHA-256 of
 * that JSON. Proposed by staff (or seeded as a proposal), then approved (active, one at a time) or
 * rejected; an active one is retired when another is approved. The document never changes (trigger).
 */
export const creditScorecards = pgTable(
  'credit_scorecards',
  {
    id: id(),
    label: text('label').notNull().unique(),
    status: text('status', { enum: creditScorecardStatuses }).notNull(),
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    contentHash: text('content_hash').notNull().unique(),
    baseScorecardId: uuid('base_scorecard_id').references((): AnyPgColumn => creditScorecards.id),
    /** The instant from which it is meant to apply; approval cannot come before it. */
    effectiveFrom: at('effective_from').notNull(),
    /** In force from approval until the next approval (or retirement). */
    inForceFrom: at('in_force_from'),
    inForceTo: at('in_force_to'),
    createdAt: createdAt(),
    createdByOrgId: uuid('created_by_org_id').references(() => organisations.id),
    createdByKeyId: uuid('created_by_key_id'),
    decidedAt: at('decided_at'),
    decidedByOrgId: uuid('decided_by_org_id').references(() => organisations.id),
    decidedByKeyId: uuid('decided_by_key_id'),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    check('credit_scorecards_status_check', sql`${t.status} in ('proposed','active','rejected','retired')`),
    check('credit_scorecards_hash_check', sql`${t.contentHash} ~ '^[0-9a-f]{64}$'`),
    uniqueIndex('credit_scorecards_one_active')
      .on(t.status)
      .where(sql`${t.status} = 'active'`),
    index('credit_scorecards_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * Facts the platform cannot see, recorded by staff with evidence and source: customs credit tier,
 * penalties, smuggling cases, tax grade, SAFE category, dishonest-entity listings, subsidy fraud.
 * Effective-dated and append-only; a fact found wrong is retracted (credit_fact_retractions).
 */
export const creditFacts = pgTable(
  'credit_facts',
  {
    id: id(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: creditFactKinds }).notNull(),
    /** The tier, grade or category code for state facts; null for events (penalties, cases, findings). */
    value: text('value'),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    source: text('source').notNull(),
    evidence: jsonb('evidence').$type<{ sha256: string; filename: string; description?: string }[]>().notNull(),
    note: text('note'),
    createdAt: createdAt(),
    createdByOrgId: uuid('created_by_org_id')
      .notNull()
      .references(() => organisations.id),
    createdByKeyId: uuid('created_by_key_id'),
  },
  (t) => [
    check(
      'credit_facts_kind_check',
      sql`${t.kind} in ('customs_tier','customs_penalty','smuggling_case','tax_grade','safe_category','dishonest_listing','subsidy_fraud')`,
    ),
    check('credit_facts_dates_check', sql`${t.effectiveTo} is null or ${t.effectiveFrom} < ${t.effectiveTo}`),
    index('credit_facts_operator_idx').on(t.operatorOrgId, t.effectiveFrom),
  ],
);

/** A fact withdrawn (appeal upheld, entered in error): from `created_at` on it no longer counts. Append-only. */
export const creditFactRetractions = pgTable('credit_fact_retractions', {
  factId: uuid('fact_id')
    .primaryKey()
    .references(() => creditFacts.id),
  reason: text('reason').notNull(),
  appealId: uuid('appeal_id'),
  createdAt: createdAt(),
  createdByOrgId: uuid('created_by_org_id')
    .notNull()
    .references(() => organisations.id),
  createdByKeyId: uuid('created_by_key_id'),
});

/**
 * A scoring of every operator as of one instant with one scorecard. `source_ref` makes a run
 * idempotent (`scheduled:<firing>`, `on-demand:<key>`); decisions are unique per (run, operator),
 * so a resumed run scores only the operators it has not scored yet.
 */
export const creditRuns = pgTable(
  'credit_runs',
  {
    id: id(),
    kind: text('kind', { enum: ['scheduled', 'on_demand'] }).notNull(),
    sourceRef: text('source_ref').notNull().unique(),
    asOf: at('as_of').notNull(),
    scorecardId: uuid('scorecard_id')
      .notNull()
      .references(() => creditScorecards.id),
    status: text('status', { enum: ['running', 'completed'] }).notNull(),
    operatorCount: integer('operator_count'),
    scoredCount: integer('scored_count').notNull().default(0),
    previousRunId: uuid('previous_run_id').references((): AnyPgColumn => creditRuns.id),
    /** Distribution, migration against the previous run and PSI per characteristic. */
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    completedAt: at('completed_at'),
    requestedByOrgId: uuid('requested_by_org_id').references(() => organisations.id),
    requestedByKeyId: uuid('requested_by_key_id'),
  },
  (t) => [
    check('credit_runs_status_check', sql`${t.status} in ('running','completed')`),
    check('credit_runs_kind_check', sql`${t.kind} in ('scheduled','on_demand')`),
    index('credit_runs_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * 信用评价结论: one firm's score and grade with everything needed to replay it bit for bit: the
 * scorecard (id and content hash), the canonical input snapshot and its hash, each
 * characteristic's value and points, and the ranked reasons. Append-only (trigger).
 */
export const creditDecisions = pgTable(
  'credit_decisions',
  {
    id: id(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id),
    runId: uuid('run_id').references(() => creditRuns.id),
    trigger: text('trigger', { enum: creditDecisionTriggers }).notNull(),
    /** What caused an out-of-run decision (`fact:<id>`, `appeal:<id>`): unique, so a redelivered job decides once. */
    triggerRef: text('trigger_ref').unique(),
    asOf: at('as_of').notNull(),
    scorecardId: uuid('scorecard_id')
      .notNull()
      .references(() => creditScorecards.id),
    scorecardHash: text('scorecard_hash').notNull(),
    inputSnapshot: jsonb('input_snapshot').$type<Record<string, unknown>>().notNull(),
    snapshotHash: text('snapshot_hash').notNull(),
    score: integer('score').notNull(),
    grade: text('grade', { enum: creditGrades }).notNull(),
    customsTier: text('customs_tier'),
    vetoes: text('vetoes').array().notNull(),
    characteristics: jsonb('characteristics').$type<unknown[]>().notNull(),
    reasons: jsonb('reasons').$type<unknown[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('credit_decisions_run_operator_uq').on(t.runId, t.operatorOrgId),
    check('credit_decisions_grade_check', sql`${t.grade} in ('A','B','C','D')`),
    check('credit_decisions_trigger_check', sql`${t.trigger} in ('run','fact','appeal','manual')`),
    // Every grade below A carries at least one reason.
    check('credit_decisions_reasons_check', sql`${t.grade} = 'A' or jsonb_array_length(${t.reasons}) >= 1`),
    index('credit_decisions_operator_idx').on(t.operatorOrgId, t.createdAt, t.id),
    index('credit_decisions_grade_idx').on(t.grade, t.createdAt),
  ],
);

/** A staff override of the grade in force, with a reason and an expiry. Append-only: never silent, never edited. */
export const creditOverrides = pgTable(
  'credit_overrides',
  {
    id: id(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    grade: text('grade', { enum: creditGrades }).notNull(),
    reason: text('reason').notNull(),
    decisionId: uuid('decision_id').references(() => creditDecisions.id),
    effectiveFrom: at('effective_from').notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: createdAt(),
    createdByOrgId: uuid('created_by_org_id')
      .notNull()
      .references(() => organisations.id),
    createdByKeyId: uuid('created_by_key_id'),
  },
  (t) => [
    check('credit_overrides_grade_check', sql`${t.grade} in ('A','B','C','D')`),
    check('credit_overrides_window_check', sql`${t.effectiveFrom} < ${t.expiresAt}`),
    index('credit_overrides_operator_idx').on(t.operatorOrgId, t.effectiveFrom),
  ],
);

/**
 * 信用修复 / appeal: an operator contests a decision with evidence, naming the facts it disputes;
 * staff uphold (the named facts are retracted and the firm re-scored) or dismiss it. Status moves
 * only from filed (trigger); the decision is audited as a provenance event.
 */
export const creditAppeals = pgTable(
  'credit_appeals',
  {
    id: id(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => creditDecisions.id),
    statement: text('statement').notNull(),
    evidence: jsonb('evidence').$type<{ sha256: string; filename: string; description?: string }[]>().notNull(),
    factIds: uuid('fact_ids').array().notNull(),
    status: text('status', { enum: ['filed', 'upheld', 'dismissed'] }).notNull(),
    createdAt: createdAt(),
    createdByKeyId: uuid('created_by_key_id'),
    decidedAt: at('decided_at'),
    decidedByOrgId: uuid('decided_by_org_id').references(() => organisations.id),
    decidedByKeyId: uuid('decided_by_key_id'),
    decisionReason: text('decision_reason'),
    resultDecisionId: uuid('result_decision_id').references(() => creditDecisions.id),
  },
  (t) => [
    check('credit_appeals_status_check', sql`${t.status} in ('filed','upheld','dismissed')`),
    index('credit_appeals_operator_idx').on(t.operatorOrgId, t.createdAt, t.id),
    index('credit_appeals_status_idx').on(t.status, t.createdAt, t.id),
  ],
);
