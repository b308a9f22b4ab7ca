import type { ProductType } from './price-library.catalogue';
import type { Band } from './price-library.models';
import type { MatchRecordRow, VersionRow } from './price-library.repository';
import type { MatchRecordView, ProductTypeView, VersionView } from './price-library.schemas';

/** Rows to API views: dates as ISO strings, the two policy columns as one object. */

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export const versionView = (row: VersionRow): VersionView => ({
  id: row.id,
  label: row.label,
  status: row.status,
  source: row.source,
  demo: row.demo,
  effectiveFrom: row.effectiveFrom,
  effectiveTo: row.effectiveTo,
  bandPolicies: { default: row.defaultBandPolicy, byCategory: row.bandPolicies },
  baseVersionId: row.baseVersionId,
  summary: row.summary,
  productTypeCount: row.productTypeCount,
  bandCount: row.bandCount,
  createdAt: row.createdAt.toISOString(),
  createdByOrgId: row.createdByOrgId,
  decidedAt: iso(row.decidedAt),
  decidedByOrgId: row.decidedByOrgId,
  decisionReason: row.decisionReason,
  supersededAt: iso(row.supersededAt),
});

export const versionRef = (row: VersionRow) => ({ id: row.id, label: row.label, status: row.status });

export const productTypeView = (type: ProductType, bands: readonly Band[]): ProductTypeView => ({
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
  bands: [...bands],
});

export const matchRecordView = (row: MatchRecordRow): MatchRecordView => ({
  id: row.id,
  orgId: row.orgId,
  versionId: row.versionId,
  description: row.description,
  request: row.request,
  result: row.result,
  createdAt: row.createdAt.toISOString(),
});
