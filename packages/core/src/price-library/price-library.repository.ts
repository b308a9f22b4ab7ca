import {
  priceLibraryBands,
  priceLibraryProductTypes,
  priceLibraryVersions,
  priceMatchCorrections,
  priceMatchRecords,
  priceObservations,
  processedJobs,
  insertRecordset,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, between, eq, gt, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { withViolations } from '../shared/constraints';
import { afterPosition, type CursorPosition } from '../shared/pagination';
import { priceLibraryErrors } from './price-library.errors';
import type { ProductType } from './price-library.catalogue';
import { trimDecimal, type Band, type Observation } from './price-library.models';
import { ItemResultView } from './price-library.schemas';

/** Plain drizzle queries over the price-library tables; the rules live in price-library.service.ts. */

export type VersionRow = typeof priceLibraryVersions.$inferSelect;
export type VersionInsert = typeof priceLibraryVersions.$inferInsert;
/** A stored match with its result read from jsonb and checked against the result's schema. */
export type MatchRecordRow = Omit<typeof priceMatchRecords.$inferSelect, 'result'> & { result: ItemResultView };

/** A zod-checked type guard; the stored value is kept as PostgreSQL returns it (zod's copy would reorder keys). */
const isStoredResult = (value: unknown): value is ItemResultView => ItemResultView.safeParse(value).success;
type ProductTypeRow = typeof priceLibraryProductTypes.$inferSelect;

/**
 * An adjustment's source ref (one proposal per asOf date) or its job key, taken by a concurrent
 * proposal: the service answers it as a conflict (staff) or as already proposed (the job).
 */
export class ProposalTaken extends Error {
  constructor(options: { cause: unknown }) {
    super('an adjustment was proposed concurrently', options);
    this.name = 'ProposalTaken';
  }
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bound parameters for the widest table. */
const BATCH_ROWS = 1_000;

export async function insertVersion(
  tx: DbOrTx,
  version: VersionInsert,
  types: readonly ProductType[],
  bands: readonly Band[],
): Promise<VersionRow> {
  const [row] = await withViolations(() => tx.insert(priceLibraryVersions).values(version).returning(), {
    price_library_versions_label_unique: () =>
      priceLibraryErrors.labelTaken({
        detail: `a version is already labelled "${version.label}"`,
        fields: [{ path: '/body/label', message: 'already used' }],
      }),
    price_library_versions_source_ref_unique: (cause) => new ProposalTaken({ cause }),
  });
  for (let start = 0; start < types.length; start += BATCH_ROWS) {
    await tx.insert(priceLibraryProductTypes).values(
      types.slice(start, start + BATCH_ROWS).map((type) => ({
        versionId: row!.id,
        code: type.code,
        nameZh: type.nameZh,
        nameEn: type.nameEn,
        aliases: [...type.aliases],
        hsCode: type.hsCode,
        hs8: type.hs8,
        unit1: type.unit1,
        unit2: type.unit2,
        defaultUnit: type.defaultUnit,
        category: type.category,
      })),
    );
  }
  for (let start = 0; start < bands.length; start += BATCH_ROWS) {
    await tx
      .insert(priceLibraryBands)
      .values(bands.slice(start, start + BATCH_ROWS).map((band) => ({ ...band, versionId: row!.id })));
  }
  return row!;
}

export async function countVersions(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(priceLibraryVersions);
  return row?.n ?? 0;
}

export async function findVersion(
  db: DbOrTx,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<VersionRow | undefined> {
  const query = db.select().from(priceLibraryVersions).where(eq(priceLibraryVersions.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findActiveVersion(
  db: DbOrTx,
  options: { forUpdate?: boolean } = {},
): Promise<VersionRow | undefined> {
  const query = db.select().from(priceLibraryVersions).where(eq(priceLibraryVersions.status, 'active'));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** The scheduled adjustment's processed-job claim, if a run already made it. */
export async function findProcessedJob(db: DbOrTx, jobKey: string) {
  const [row] = await db.select().from(processedJobs).where(eq(processedJobs.jobKey, jobKey));
  return row;
}

/** Claims the scheduled adjustment's job key with its outcome, in the transaction that writes the effect. */
export async function claimAdjustmentJob(tx: DbOrTx, jobKey: string, outcome: string): Promise<void> {
  await withViolations(() => tx.insert(processedJobs).values({ jobKey, jobName: 'price-library.adjust', outcome }), {
    processed_jobs_pkey: (cause) => new ProposalTaken({ cause }),
  });
}

export async function findVersionBySourceRef(db: DbOrTx, sourceRef: string): Promise<VersionRow | undefined> {
  const [row] = await db.select().from(priceLibraryVersions).where(eq(priceLibraryVersions.sourceRef, sourceRef));
  return row;
}

export async function listVersions(
  db: DbOrTx,
  filter: { status?: VersionRow['status'] | undefined },
  after: CursorPosition | undefined,
  limit: number,
): Promise<VersionRow[]> {
  return db
    .select()
    .from(priceLibraryVersions)
    .where(
      and(
        filter.status ? eq(priceLibraryVersions.status, filter.status) : undefined,
        afterPosition(priceLibraryVersions, after),
      ),
    )
    .orderBy(asc(priceLibraryVersions.createdAt), asc(priceLibraryVersions.id))
    .limit(limit);
}

/** Compare-and-set on status, so two concurrent decisions on one version cannot both win. */
export async function updateVersionStatus(
  tx: DbOrTx,
  id: string,
  from: VersionRow['status'],
  set: Partial<
    Pick<
      VersionRow,
      'status' | 'effectiveTo' | 'decidedAt' | 'decidedByOrgId' | 'decidedByKeyId' | 'decisionReason' | 'supersededAt'
    >
  >,
): Promise<VersionRow | undefined> {
  const [row] = await withViolations(
    () =>
      tx
        .update(priceLibraryVersions)
        .set(set)
        .where(and(eq(priceLibraryVersions.id, id), eq(priceLibraryVersions.status, from)))
        .returning(),
    {
      // Two proposals approved at the same instant: the one-active index lets only one through.
      price_library_versions_one_active: (cause) =>
        priceLibraryErrors.baseSuperseded({ detail: 'another version was approved concurrently', cause }),
    },
  );
  return row;
}

const toProductType = (row: ProductTypeRow): ProductType => ({
  code: row.code,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  aliases: row.aliases,
  hsCode: row.hsCode,
  hs8: row.hs8,
  unit1: row.unit1,
  unit2: row.unit2,
  defaultUnit: row.defaultUnit,
  category: row.category,
});

const bandColumns = {
  productTypeCode: priceLibraryBands.productTypeCode,
  unit: priceLibraryBands.unit,
  currency: priceLibraryBands.currency,
  median: priceLibraryBands.median,
  q1: priceLibraryBands.q1,
  q3: priceLibraryBands.q3,
  sampleSize: priceLibraryBands.sampleSize,
  windowFrom: priceLibraryBands.windowFrom,
  windowTo: priceLibraryBands.windowTo,
  source: priceLibraryBands.source,
};

export async function findProductTypes(db: DbOrTx, versionId: string): Promise<ProductType[]> {
  const rows = await db
    .select()
    .from(priceLibraryProductTypes)
    .where(eq(priceLibraryProductTypes.versionId, versionId))
    .orderBy(asc(priceLibraryProductTypes.code));
  return rows.map(toProductType);
}

export async function findBands(db: DbOrTx, versionId: string, codes?: readonly string[]): Promise<Band[]> {
  if (codes && codes.length === 0) return [];
  const rows = await db
    .select(bandColumns)
    .from(priceLibraryBands)
    .where(
      and(
        eq(priceLibraryBands.versionId, versionId),
        codes ? inArray(priceLibraryBands.productTypeCode, [...codes]) : undefined,
      ),
    )
    .orderBy(asc(priceLibraryBands.productTypeCode), asc(priceLibraryBands.unit));
  return rows.map((row) => ({
    ...row,
    median: trimDecimal(row.median),
    q1: trimDecimal(row.q1),
    q3: trimDecimal(row.q3),
  }));
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

export interface ProductTypeFilter {
  q?: string | undefined;
  hsPrefix?: string | undefined;
  category?: string | undefined;
}

/** Product types of a version by text (code, names, aliases), HS prefix and category; keyset on code. */
export async function searchProductTypes(
  db: DbOrTx,
  versionId: string,
  filter: ProductTypeFilter,
  afterCode: string | undefined,
  limit: number,
): Promise<ProductType[]> {
  const t = priceLibraryProductTypes;
  const pattern = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  const where: (SQL | undefined)[] = [
    eq(t.versionId, versionId),
    pattern
      ? or(
          ilike(t.code, pattern),
          ilike(t.nameZh, pattern),
          ilike(t.nameEn, pattern),
          sql`array_to_string(${t.aliases}, ' ') ilike ${pattern}`,
        )
      : undefined,
    filter.hsPrefix ? like(t.hsCode, `${filter.hsPrefix}%`) : undefined,
    filter.category ? eq(t.category, filter.category) : undefined,
    afterCode ? gt(t.code, afterCode) : undefined,
  ];
  const rows = await db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(asc(t.code))
    .limit(limit);
  return rows.map(toProductType);
}

/**
 * Match records of a whole evaluation (a trade batch may hold tens of thousands of lines) in one
 * statement per 2,000 lines with one JSON parameter: no per-value query building, no bind-parameter
 * limit, and no RETURNING of the stored answers (the caller makes the ids).
 */
export async function insertMatchRecords(
  tx: DbOrTx,
  rows: readonly {
    id: string;
    org_id: string;
    version_id: string;
    description: string;
    request: unknown;
    result: unknown;
  }[],
): Promise<void> {
  await insertRecordset(
    tx,
    'price_match_records',
    { id: 'uuid', org_id: 'uuid', version_id: 'uuid', description: 'text', request: 'jsonb', result: 'jsonb' },
    rows,
  );
}

export async function findMatchRecord(
  db: DbOrTx,
  id: string,
  orgId: string | undefined,
): Promise<MatchRecordRow | undefined> {
  const [row] = await db
    .select()
    .from(priceMatchRecords)
    .where(and(eq(priceMatchRecords.id, id), orgId ? eq(priceMatchRecords.orgId, orgId) : undefined));
  if (!row) return undefined;
  const { result } = row;
  if (!isStoredResult(result)) throw new Error(`match record ${row.id}: result does not match its schema`);
  return { ...row, result };
}

/** Observations of the window [from, to], for the given product types. */
export async function findObservations(db: DbOrTx, from: string, to: string): Promise<Observation[]> {
  return db
    .select({
      productTypeCode: priceObservations.productTypeCode,
      unit: priceObservations.unit,
      currency: priceObservations.currency,
      unitPrice: priceObservations.unitPrice,
      observedOn: priceObservations.observedOn,
    })
    .from(priceObservations)
    .where(between(priceObservations.observedOn, from, to))
    .orderBy(asc(priceObservations.productTypeCode), asc(priceObservations.id));
}

export type MatchCorrectionRow = typeof priceMatchCorrections.$inferSelect;

export async function insertMatchCorrection(
  db: DbOrTx,
  row: Omit<typeof priceMatchCorrections.$inferInsert, 'id' | 'createdAt'>,
): Promise<MatchCorrectionRow> {
  const [inserted] = await db.insert(priceMatchCorrections).values(row).returning();
  return inserted!;
}

/** The latest staff correction of each corrected match, with the title and the matcher's answer. */
export async function findLatestCorrections(db: DbOrTx) {
  const rows = await db
    .selectDistinctOn([priceMatchCorrections.matchRecordId], {
      hsCode: priceMatchCorrections.hsCode,
      description: priceMatchRecords.description,
      result: priceMatchRecords.result,
    })
    .from(priceMatchCorrections)
    .innerJoin(priceMatchRecords, eq(priceMatchRecords.id, priceMatchCorrections.matchRecordId))
    .orderBy(
      asc(priceMatchCorrections.matchRecordId),
      sql`${priceMatchCorrections.createdAt} desc`,
      sql`${priceMatchCorrections.id} desc`,
    );
  return rows;
}
