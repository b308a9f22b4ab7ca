import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, id, instant, money, updatedAt } from './columns';
import { operators } from './registry.table';

/**
 * 试点专项资金 (the pilot special fund). Programme versions are canonical-JSON documents with their
 * SHA-256, proposed and approved by staff, effective-dated (one approved version per effective date, so
 * exactly one is in force on any day). Everything a claim was computed with is stored with it.
 */

const at = instant;

export const subsidyProgrammeStatuses = ['proposed', 'approved', 'rejected'] as const;

export const subsidyProgrammeVersions = pgTable(
  'subsidy_programme_versions',
  {
    id: id(),
    label: text('label').notNull().unique('subsidy_programme_versions_label_unique'),
    status: text('status', { enum: subsidyProgrammeStatuses }).notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** The programme (items, conditions, caps, budget, rate rule) as parsed; `canonical` is what is hashed. */
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    canonical: text('canonical').notNull(),
    contentHash: text('content_hash').notNull(),
    baseVersionId: uuid('base_version_id'),
    note: text('note'),
    createdByOrgId: uuid('created_by_org_id').references(() => organisations.id),
    createdAt: createdAt(),
    decidedAt: at('decided_at'),
    decidedByOrgId: uuid('decided_by_org_id').references(() => organisations.id),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    check('subsidy_programme_versions_status_check', sql`${t.status} in ('proposed','approved','rejected')`),
    check('subsidy_programme_versions_hash_check', sql`${t.contentHash} ~ '^[0-9a-f]{64}$'`),
    // One version in force per day: two approved versions never share an effective date.
    uniqueIndex('subsidy_programme_versions_in_force_uq')
      .on(t.effectiveFrom)
      .where(sql`${t.status} = 'approved'`),
  ],
);

/** 信保: an export credit insurance policy the fund shares the premium of. */
export const subsidyInsurancePolicies = pgTable(
  'subsidy_insurance_policies',
  {
    id: id(),
    insurer: text('insurer').notNull(),
    policyNo: text('policy_no').notNull().unique('subsidy_insurance_policies_policy_no_unique'),
    coverFrom: date('cover_from', { mode: 'string' }).notNull(),
    coverTo: date('cover_to', { mode: 'string' }).notNull(),
    /** Share of each insured firm's premium the fund pays, 0 < share ≤ 1. */
    fundShare: text('fund_share').notNull(),
    createdByOrgId: uuid('created_by_org_id').references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [check('subsidy_insurance_policies_cover_check', sql`${t.coverFrom} <= ${t.coverTo}`)],
);

/**
 * An insured firm as the insurer lists it (by USCC), matched to the register when recorded:
 * `matched` only for a registered, approved operator; the others are the 投保准确率 mismatches.
 */
export const subsidyInsuredFirms = pgTable(
  'subsidy_insured_firms',
  {
    id: id(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => subsidyInsurancePolicies.id),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    operatorId: uuid('operator_id').references(() => operators.id),
    operatorOrgId: uuid('operator_org_id').references(() => organisations.id),
    match: text('match', { enum: ['matched', 'not_registered', 'not_approved'] }).notNull(),
    coverFrom: date('cover_from', { mode: 'string' }).notNull(),
    coverTo: date('cover_to', { mode: 'string' }).notNull(),
    premiumCny: money('premium_cny').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('subsidy_insured_firms_policy_uscc_uq').on(t.policyId, t.uscc),
    index('subsidy_insured_firms_org_idx').on(t.operatorOrgId),
    check('subsidy_insured_firms_premium_check', sql`${t.premiumCny} > 0`),
  ],
);

/** A claim on a policy when a buyer defaults (append-only record). */
export const subsidyPolicyClaims = pgTable('subsidy_policy_claims', {
  id: id(),
  policyId: uuid('policy_id')
    .notNull()
    .references(() => subsidyInsurancePolicies.id),
  insuredFirmId: uuid('insured_firm_id')
    .notNull()
    .references(() => subsidyInsuredFirms.id),
  buyerName: text('buyer_name').notNull(),
  buyerCountry: text('buyer_country').notNull(),
  defaultedOn: date('defaulted_on', { mode: 'string' }).notNull(),
  currency: text('currency').notNull(),
  lossAmount: money('loss_amount').notNull(),
  createdByOrgId: uuid('created_by_org_id').references(() => organisations.id),
  createdAt: createdAt(),
});

export const subsidyPeriods = pgTable(
  'subsidy_periods',
  {
    id: id(),
    label: text('label').notNull().unique('subsidy_periods_label_unique'),
    /** China dates, inclusive. */
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    createdByOrgId: uuid('created_by_org_id').references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [check('subsidy_periods_dates_check', sql`${t.periodFrom} <= ${t.periodTo}`)],
);

/** One evaluation of a period, keyed by its job key: a redelivered job finds its run and does nothing. */
export const subsidyRuns = pgTable('subsidy_runs', {
  id: id(),
  periodId: uuid('period_id')
    .notNull()
    .references(() => subsidyPeriods.id),
  jobKey: text('job_key').notNull().unique('subsidy_runs_job_key_unique'),
  programmeVersionId: uuid('programme_version_id')
    .notNull()
    .references(() => subsidyProgrammeVersions.id),
  programmeHash: text('programme_hash').notNull(),
  factsAsOf: at('facts_as_of').notNull(),
  summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
});

export const subsidyClaimStatuses = [
  'draft',
  'objected',
  'confirmed',
  'preliminary_reviewed',
  'audited',
  'committee_approved',
  'in_notice',
  'approved_for_payment',
  'rejected',
] as const;

/** One claim per firm and period; `state` is the lifecycle state of subsidy.lifecycle.ts. */
export const subsidyClaims = pgTable(
  'subsidy_claims',
  {
    id: id(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => subsidyPeriods.id),
    runId: uuid('run_id')
      .notNull()
      .references(() => subsidyRuns.id),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id),
    programmeVersionId: uuid('programme_version_id')
      .notNull()
      .references(() => subsidyProgrammeVersions.id),
    draftedCny: money('drafted_cny').notNull(),
    /** The amount now claimed: drafted, less reductions and audit adjustments. */
    amountCny: money('amount_cny').notNull(),
    status: text('status', { enum: subsidyClaimStatuses }).notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('subsidy_claims_period_org_uq').on(t.periodId, t.operatorOrgId),
    index('subsidy_claims_org_idx').on(t.operatorOrgId, t.createdAt),
    check('subsidy_claims_amount_check', sql`${t.amountCny} >= 0 and ${t.amountCny} <= ${t.draftedCny}`),
  ],
);

export const subsidyClaimLines = pgTable(
  'subsidy_claim_lines',
  {
    id: id(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => subsidyClaims.id),
    lineNo: integer('line_no').notNull(),
    itemCode: text('item_code').notNull(),
    itemType: text('item_type').notNull(),
    amountCny: money('amount_cny').notNull(),
    /** The rule that priced it and the quantities it priced (rates used, tiers, shares). */
    basis: jsonb('basis').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('subsidy_claim_lines_claim_line_uq').on(t.claimId, t.lineNo)],
);

/**
 * What funds a claim line. A declaration, container, operator (one-off reward) or insurance premium
 * funds at most one line of an item type across all periods: the unique index is the rule.
 *
 * line_id names an existing line, checked once per INSERT statement by the trigger
 * subsidy_claim_line_sources_line_exists (migration subsidy_sources_line_check), not by a foreign key:
 * a period run writes some 50,000 sources, and the foreign key's check, one lookup per row, cost as
 * much as the rest of the insert. Lines and sources are append-only (no update, delete or truncate),
 * so the insert is the only way a source could name a missing line.
 */
export const subsidyClaimLineSources = pgTable(
  'subsidy_claim_line_sources',
  {
    lineId: uuid('line_id').notNull(),
    itemType: text('item_type').notNull(),
    sourceKind: text('source_kind', { enum: ['declaration', 'container', 'operator', 'insurance_cover'] }).notNull(),
    sourceId: text('source_id').notNull(),
    /** The source's own figure (USD value, premium, container number), as used. */
    figure: text('figure'),
  },
  (t) => [
    // Led by the source, so a run's lookup of its candidate sources (subsidy.facts.ts fundedSources)
    // can use the index that is the rule instead of reading every period's sources.
    uniqueIndex('subsidy_claim_line_sources_once_uq').on(t.sourceId, t.sourceKind, t.itemType),
    index('subsidy_claim_line_sources_line_idx').on(t.lineId),
  ],
);

/** Append-only: every lifecycle event of a claim. */
export const subsidyClaimEvents = pgTable(
  'subsidy_claim_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => subsidyClaims.id),
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    amountCny: money('amount_cny').notNull(),
    actorOrgId: uuid('actor_org_id').references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [index('subsidy_claim_events_claim_idx').on(t.claimId, t.id)],
);

/** Append-only: why each firm with exports in the period was claimed or not, per run. */
export const subsidyCoverage = pgTable(
  'subsidy_coverage',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => subsidyRuns.id),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    operatorId: uuid('operator_id').references(() => operators.id),
    outcome: text('outcome', { enum: ['claimed', 'not_claimed'] }).notNull(),
    claimId: uuid('claim_id').references(() => subsidyClaims.id),
    reasons: jsonb('reasons').$type<unknown[]>().notNull(),
    figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.operatorOrgId] })],
);

/** Append-only: a later run found other figures than the drafted claim (撤销, FX reversal, downgrade). */
export const subsidyClaimDifferences = pgTable(
  'subsidy_claim_differences',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => subsidyRuns.id),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => subsidyClaims.id),
    itemCode: text('item_code').notNull(),
    draftedCny: money('drafted_cny').notNull(),
    recomputedCny: money('recomputed_cny').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('subsidy_claim_differences_claim_idx').on(t.claimId)],
);

/** 公示 objections: recorded while a claim is in notice, each decided before the claim is approved. */
export const subsidyObjections = pgTable(
  'subsidy_objections',
  {
    id: id(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => subsidyClaims.id),
    objector: text('objector').notNull(),
    reason: text('reason').notNull(),
    decision: text('decision', { enum: ['upheld', 'dismissed'] }),
    decisionReason: text('decision_reason'),
    decidedAt: at('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [index('subsidy_objections_claim_idx').on(t.claimId)],
);

/**
 * Approved-for-payment totals against the budget, per year and programme item ('*' is the fund's
 * annual total): approvals raise `approved_cny` with a conditional UPDATE, and the check refuses any excess.
 */
export const subsidyBudgets = pgTable(
  'subsidy_budgets',
  {
    year: integer('year').notNull(),
    itemCode: text('item_code').notNull(),
    budgetCny: money('budget_cny').notNull(),
    approvedCny: money('approved_cny').notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.itemCode] }),
    check('subsidy_budgets_within_check', sql`${t.approvedCny} >= 0 and ${t.approvedCny} <= ${t.budgetCny}`),
  ],
);

/** A firm's approved-for-payment total in a year against the cap per firm. */
export const subsidyFirmCaps = pgTable(
  'subsidy_firm_caps',
  {
    year: integer('year').notNull(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    capCny: money('cap_cny').notNull(),
    approvedCny: money('approved_cny').notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.operatorOrgId] }),
    check('subsidy_firm_caps_within_check', sql`${t.approvedCny} >= 0 and ${t.approvedCny} <= ${t.capCny}`),
  ],
);

/** Audit task kinds (审计类型): configurable data, seeded with the DOMAIN §6 list. */
export const subsidyAuditKinds = pgTable('subsidy_audit_kinds', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** Whether a task of this kind samples claim lines (and is complete when each has a finding). */
  samplesLines: boolean('samples_lines').notNull(),
  active: boolean('active').notNull().default(true),
});

export const subsidyAuditTasks = pgTable(
  'subsidy_audit_tasks',
  {
    id: id(),
    kindCode: text('kind_code')
      .notNull()
      .references(() => subsidyAuditKinds.code),
    auditFirmOrgId: uuid('audit_firm_org_id')
      .notNull()
      .references(() => organisations.id),
    periodId: uuid('period_id')
      .notNull()
      .references(() => subsidyPeriods.id),
    year: integer('year').notNull(),
    sampleSeed: integer('sample_seed'),
    sampleSize: integer('sample_size'),
    status: text('status', { enum: ['open', 'completed'] }).notNull(),
    conclusion: text('conclusion'),
    createdAt: createdAt(),
    completedAt: at('completed_at'),
  },
  (t) => [index('subsidy_audit_tasks_firm_idx').on(t.auditFirmOrgId)],
);

export const subsidyAuditSamples = pgTable(
  'subsidy_audit_samples',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => subsidyAuditTasks.id),
    lineId: uuid('line_id')
      .notNull()
      .references(() => subsidyClaimLines.id),
    stratum: integer('stratum').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.lineId] })],
);

/** Append-only: one finding per sampled line. */
export const subsidyAuditFindings = pgTable(
  'subsidy_audit_findings',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => subsidyAuditTasks.id),
    lineId: uuid('line_id')
      .notNull()
      .references(() => subsidyClaimLines.id),
    outcome: text('outcome', { enum: ['confirmed', 'adjusted', 'rejected'] }).notNull(),
    adjustedCny: money('adjusted_cny'),
    reason: text('reason'),
    auditorOrgId: uuid('auditor_org_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.lineId] }),
    check(
      'subsidy_audit_findings_outcome_check',
      sql`(${t.outcome} = 'adjusted') = (${t.adjustedCny} is not null) and (${t.outcome} = 'confirmed' or ${t.reason} is not null)`,
    ),
  ],
);
