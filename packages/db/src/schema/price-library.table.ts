import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, decimal6, id } from './columns';

/** Deviation limits as decimal fractions of the reference median, e.g. `{ soft: '0.30', hard: '0.50' }`. */
export interface BandPolicyJson {
  soft: string;
  hard: string;
}

/** Prices are numeric(18,6): 12 integer digits, 6 decimals; read and written as strings, never floats. */

const versionStatuses = ['proposed', 'active', 'rejected', 'superseded'] as const;
const versionSources = ['seed-demo', 'import', 'adjustment', 'catalogue'] as const;

/**
 * 价格库 versions. A version is a frozen snapshot of product types and reference bands; it is
 * proposed (import, adjustment, catalogue refresh), then approved (active) or rejected by staff.
 * Exactly one version is active at a time; approving one supersedes the previous.
 */
export const priceLibraryVersions = pgTable(
  'price_library_versions',
  {
    id: id(),
    label: text('label').notNull().unique(),
    status: text('status', { enum: versionStatuses }).notNull(),
    source: text('source', { enum: versionSources }).notNull(),
    /** True for the generated demo bands: no open price data exists, so they are labelled as such. */
    demo: boolean('demo').notNull().default(false),
    effectiveFrom: date('effective_from').notNull(),
    /** Set when a newer version supersedes this one. */
    effectiveTo: date('effective_to'),
    /** Per product-type category; a category without an entry uses `default_band_policy`. */
    bandPolicies: jsonb('band_policies').$type<Record<string, BandPolicyJson>>().notNull().default({}),
    defaultBandPolicy: jsonb('default_band_policy').$type<BandPolicyJson>().notNull(),
    /** The version this one was derived from (null for the first seed). */
    baseVersionId: uuid('base_version_id').references((): AnyPgColumn => priceLibraryVersions.id),
    /** Unique origin of a proposal, e.g. `adjustment:2026-05-31`, so a rerun cannot propose twice. */
    sourceRef: text('source_ref').unique(),
    /** What produced it: file name and checksum, adjustment window and counts … */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    productTypeCount: integer('product_type_count').notNull(),
    bandCount: integer('band_count').notNull(),
    createdAt: createdAt(),
    /** Null when the platform itself created it (seed, scheduled adjustment, command line). */
    createdByOrgId: uuid('created_by_org_id').references(() => organisations.id),
    createdByKeyId: uuid('created_by_key_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    decidedByOrgId: uuid('decided_by_org_id').references(() => organisations.id),
    decidedByKeyId: uuid('decided_by_key_id'),
    decisionReason: text('decision_reason'),
    supersededAt: timestamp('superseded_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    check('price_library_versions_status_check', sql`${t.status} in ('proposed','active','rejected','superseded')`),
    check('price_library_versions_source_check', sql`${t.source} in ('seed-demo','import','adjustment','catalogue')`),
    // Only one version is in force: a second 'active' row violates this index.
    uniqueIndex('price_library_versions_one_active')
      .on(t.status)
      .where(sql`${t.status} = 'active'`),
    index('price_library_versions_created_idx').on(t.createdAt, t.id),
  ],
);

/** A version's product types (品类), frozen with it (append-only by trigger). */
export const priceLibraryProductTypes = pgTable(
  'price_library_product_types',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => priceLibraryVersions.id),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    aliases: text('aliases').array().notNull(),
    hsCode: text('hs_code').notNull(),
    hs8: text('hs8').notNull(),
    unit1: text('unit1').notNull(),
    unit2: text('unit2'),
    defaultUnit: text('default_unit').notNull(),
    category: text('category').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.code] }),
    index('price_library_product_types_hs_idx').on(t.versionId, t.hsCode),
    index('price_library_product_types_category_idx').on(t.versionId, t.category, t.code),
  ],
);

/** A version's reference bands: per product type and unit, median and interquartile range (append-only by trigger). */
export const priceLibraryBands = pgTable(
  'price_library_bands',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => priceLibraryVersions.id),
    productTypeCode: text('product_type_code').notNull(),
    unit: text('unit').notNull(),
    currency: text('currency').notNull(),
    median: decimal6('median').notNull(),
    q1: decimal6('q1').notNull(),
    q3: decimal6('q3').notNull(),
    sampleSize: integer('sample_size').notNull(),
    windowFrom: date('window_from').notNull(),
    windowTo: date('window_to').notNull(),
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.productTypeCode, t.unit] }),
    check('price_library_bands_order_check', sql`0 < ${t.q1} and ${t.q1} <= ${t.median} and ${t.median} <= ${t.q3}`),
    // 0 for generated demo bands: no observation stands behind them.
    check('price_library_bands_sample_check', sql`${t.sampleSize} >= 0`),
    check('price_library_bands_window_check', sql`${t.windowFrom} <= ${t.windowTo}`),
  ],
);

/**
 * Observed unit prices the dynamic adjustment (价格库动态调整) recomputes bands from: accepted
 * transaction lines (inserted by the trade intake) and market surveys. `source_ref` names the
 * originating line, so an observation is recorded once.
 */
export const priceObservations = pgTable(
  'price_observations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productTypeCode: text('product_type_code').notNull(),
    unit: text('unit').notNull(),
    currency: text('currency').notNull(),
    unitPrice: decimal6('unit_price').notNull(),
    observedOn: date('observed_on').notNull(),
    source: text('source', { enum: ['transaction', 'survey'] }).notNull(),
    sourceRef: text('source_ref').notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [
    check('price_observations_source_check', sql`${t.source} in ('transaction','survey')`),
    check('price_observations_price_check', sql`${t.unitPrice} > 0`),
    index('price_observations_observed_idx').on(t.observedOn, t.productTypeCode),
  ],
);

/**
 * Every match answered, with the version it used and the result as given, so it can be replayed
 * exactly (append-only by trigger).
 */
export const priceMatchRecords = pgTable(
  'price_match_records',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => priceLibraryVersions.id),
    description: text('description').notNull(),
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('price_match_records_org_created_idx').on(t.orgId, t.createdAt, t.id)],
);

/**
 * Staff corrections of a stored match (review): the HS code a person read for the title the
 * matcher answered. Append-only history; the alias learning reads them as confirmations that count
 * twice. A match may be corrected again later (a new row); the latest row wins.
 */
export const priceMatchCorrections = pgTable(
  'price_match_corrections',
  {
    id: id(),
    matchRecordId: uuid('match_record_id')
      .notNull()
      .references(() => priceMatchRecords.id),
    hsCode: text('hs_code').notNull(),
    reason: text('reason').notNull(),
    correctedByOrgId: uuid('corrected_by_org_id')
      .notNull()
      .references(() => organisations.id),
    correctedByKeyId: uuid('corrected_by_key_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('price_match_corrections_match_idx').on(t.matchRecordId, t.createdAt),
    check('price_match_corrections_hs_code_check', sql`${t.hsCode} ~ '^[0-9]{8}([0-9]{2})?$'`),
  ],
);
