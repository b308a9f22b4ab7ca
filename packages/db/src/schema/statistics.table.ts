import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, money } from './columns';
import { declarations } from './trade.table';

/** A `YYYY-MM` month. */
const month = () => text('month').notNull();
const monthCheck = (name: string, column: unknown) => check(name, sql`${column} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`);

export const statisticsDimensions = [
  'totals',
  'country',
  'chapter',
  'heading',
  'product_type',
  'operator',
  'merchant',
  'transport',
  'rail',
] as const;

/**
 * Monthly export roll-up (DOMAIN §8.3), by export month of the counted declarations: one row per
 * (month, dimension, member), kept by incremental deltas in the same PG transaction as the state
 * change that moves them, and reproduced exactly by the staff rebuild. Mutable on purpose: the
 * frozen, append-only record of a month is its published snapshot.
 */
export const statisticsExportMonthly = pgTable(
  'statistics_export_monthly',
  {
    month: month(),
    dimension: text('dimension', { enum: statisticsDimensions }).notNull(),
    /** '' for totals; the country, chapter, heading, product type, operator id, merchant id or transport mode otherwise. */
    member: text('member').notNull(),
    valueUsd: money('value_usd', 22).notNull().default('0'),
    valueCny: money('value_cny', 22).notNull().default('0'),
    declarations: integer('declarations').notNull().default(0),
    transactions: integer('transactions').notNull().default(0),
    goodsLines: integer('goods_lines').notNull().default(0),
    containers: integer('containers').notNull().default(0),
    teu: integer('teu').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.dimension, t.month, t.member] }),
    monthCheck('statistics_export_monthly_month_check', t.month),
  ],
);

/**
 * Who was active in a month (operators, merchants, purchasers of counted declarations), with the
 * number of counted goods lines that make them so: distinct counts over any range of months stay
 * exact (count distinct member where refs > 0), which sums of monthly distinct counts are not.
 */
export const statisticsMonthlyMembers = pgTable(
  'statistics_monthly_members',
  {
    month: month(),
    kind: text('kind', { enum: ['operator', 'merchant', 'purchaser'] }).notNull(),
    memberId: uuid('member_id').notNull(),
    refs: integer('refs').notNull(),
  },
  // No check on refs: a delta row proposed for insert carries a negative count before ON CONFLICT adds it up.
  (t) => [primaryKey({ columns: [t.kind, t.month, t.memberId] })],
);

/** FX collected against the counted declarations of an export month (allocations converted at the declaration's customs rate). */
export const statisticsFxMonthly = pgTable('statistics_fx_monthly', {
  month: month().primaryKey(),
  receivedUsd: money('received_usd', 22).notNull().default('0'),
  allocations: integer('allocations').notNull().default(0),
  /** Σ (receipt value date − export date) in days over the allocations; the average is this over `allocations`. */
  collectionDays: integer('collection_days').notNull().default(0),
});

/** Intake risk by month of the transaction's trade date (not export date: most of these sales are never exported). */
export const statisticsRiskMonthly = pgTable('statistics_risk_monthly', {
  month: month().primaryKey(),
  warningLines: integer('warning_lines').notNull().default(0),
  hardBandLines: integer('hard_band_lines').notNull().default(0),
  reviewTransactions: integer('review_transactions').notNull().default(0),
  rejectedTransactions: integer('rejected_transactions').notNull().default(0),
});

/**
 * The is_count ledger (DOMAIN §8.2, §10 rule 16): +1 when a declaration enters the statistics of a
 * month, −1 when it leaves (post-release cancellation, or an export date in another month than the
 * release). A declaration is counted in the month where its entries sum to 1. Append-only.
 */
export const statisticsDeclarationCounts = pgTable(
  'statistics_declaration_counts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    declarationId: uuid('declaration_id')
      .notNull()
      .references(() => declarations.id),
    month: month(),
    exportDate: date('export_date', { mode: 'string' }).notNull(),
    sign: smallint('sign').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('statistics_declaration_counts_sign_check', sql`${t.sign} in (-1, 1)`),
    index('statistics_declaration_counts_declaration_idx').on(t.declarationId, t.id),
  ],
);

/**
 * Versions of a month's figures: version 1 is the publication by staff, every later version a
 * restatement (a correction after publication) saying why. Append-only.
 */
export const statisticsVersions = pgTable(
  'statistics_versions',
  {
    /** What notifications and links name a version by. */
    id: uuid('id').notNull().defaultRandom().unique(),
    month: month(),
    version: integer('version').notNull(),
    kind: text('kind', { enum: ['publication', 'restatement'] }).notNull(),
    reason: text('reason').notNull(),
    actorOrgId: uuid('actor_org_id').references(() => organisations.id),
    actorKeyId: uuid('actor_key_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.version] }),
    check('statistics_versions_kind_check', sql`(${t.version} = 1) = (${t.kind} = 'publication')`),
    monthCheck('statistics_versions_month_check', t.month),
  ],
);

/** The frozen figures of one version of a month: every raw figure of every dimension for the four periods. Append-only. */
export const statisticsSnapshotRows = pgTable(
  'statistics_snapshot_rows',
  {
    month: month(),
    version: integer('version').notNull(),
    dimension: text('dimension').notNull(),
    member: text('member').notNull(),
    figure: text('figure').notNull(),
    valueMonth: money('value_month', 22).notNull(),
    valueYtd: money('value_ytd', 22).notNull(),
    valueLastYear: money('value_last_year', 22).notNull(),
    valueYtdLastYear: money('value_ytd_last_year', 22).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.version, t.dimension, t.member, t.figure] })],
);

/** What a restatement changed: figure, period, before and after. Append-only. */
export const statisticsRestatementChanges = pgTable(
  'statistics_restatement_changes',
  {
    month: month(),
    version: integer('version').notNull(),
    dimension: text('dimension').notNull(),
    member: text('member').notNull(),
    figure: text('figure').notNull(),
    period: text('period', { enum: ['month', 'ytd', 'last_year', 'ytd_last_year'] }).notNull(),
    before: money('before', 22).notNull(),
    after: money('after', 22).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.version, t.dimension, t.member, t.figure, t.period] })],
);
