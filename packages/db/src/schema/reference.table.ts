import { date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * Effective-dated versions of the official code lists. A version is loaded once from a file
 * the project carries; a new edition is a new version, never an update of the old rows.
 */
export const referenceListVersions = pgTable(
  'reference_list_versions',
  {
    id: serial('id').primaryKey(),
    list: text('list').notNull(),
    version: text('version').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    source: text('source').notNull(),
    license: text('license').notNull(),
    /** SHA-256 of the source file: reloading an identical file is a no-op. */
    checksum: text('checksum').notNull(),
    rowCount: integer('row_count').notNull(),
    loadedAt: timestamp('loaded_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('reference_list_versions_list_version_uq').on(t.list, t.version)],
);

export const referenceCodes = pgTable(
  'reference_codes',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => referenceListVersions.id),
    code: text('code').notNull(),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.code] }), index('reference_codes_code_idx').on(t.code)],
);
