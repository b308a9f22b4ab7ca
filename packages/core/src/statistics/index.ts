export * from './statistics.errors';
export * from './statistics.export';
export { apiDimensions, countedMonth, TEU_BY_CONTAINER_TYPE, type ApiDimension } from './statistics.models';
export {
  applyDeclarationStatusChange,
  applyFxAllocation,
  applyIntakeRisk,
  applyTransactionStatusChange,
  rebuildRollups,
} from './statistics.rollups';
export * from './statistics.schemas';
export * from './statistics.service';
export { tradeRollups } from './statistics.trade-rollups';
export { countedDeclarations, exportRows, fxRows, memberRows, riskRows } from './statistics.sql';
export type * from './statistics.ports';
