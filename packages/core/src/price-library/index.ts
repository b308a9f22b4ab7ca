export * from './price-check';
export { convertUnitPrice, convertibleUnits, unitFactor } from './units';
export type {
  CatalogueSource,
  DemoBand,
  MatchCandidate,
  MatchOutcome,
  Matcher,
  MatcherFactory,
  ProductType,
} from './price-library.catalogue';
export { priceLibraryErrors } from './price-library.errors';
export {
  MAX_IMPORT_ROWS,
  importColumns,
  type ImportFormat,
  type RowIssue,
  type RowReport,
} from './price-library.import';
export {
  answerItem,
  canonicalJson,
  robustSummary,
  type Band,
  type BandPolicies,
  type ItemResult,
  type MatchItem,
} from './price-library.models';
export {
  SEED_LABEL,
  scheduledAdjustmentAsOf,
  type AdjustOutcome,
  type AdjustmentInput,
  type ImportInput,
} from './price-library.proposals';
export * from './price-library.schemas';
export * from './price-library.seed';
export {
  createPriceLibraryService,
  type PriceLibraryDependencies,
  type PriceLibraryService,
} from './price-library.service';
export type { Evaluation } from './price-library.matching';
export { normaliseText } from './matcher/normalise';
