import type { ConsolidationRow, findDetails } from './consolidations.repository';
import type { ConsolidationSummaryView, ConsolidationView } from './consolidations.schemas';

/** Rows to API views: dates as ISO strings, decimals as strings. */

export const consolidationSummaryView = (row: ConsolidationRow): ConsolidationSummaryView => ({
  id: row.id,
  clientRef: row.clientRef,
  operatorOrgId: row.operatorOrgId,
  destinationCountry: row.destinationCountry,
  transportMode: row.transportMode,
  chinaEuropeRail: row.chinaEuropeRail,
  exitPort: row.exitPort,
  transactionCount: row.transactionCount,
  lineCount: row.lineCount,
  totals: {
    cartons: row.totalCartons,
    grossWeightKg: row.totalGrossWeightKg,
    netWeightKg: row.totalNetWeightKg,
    value: row.valueTotals,
  },
  createdAt: row.createdAt.toISOString(),
});

export const consolidationView = (
  row: ConsolidationRow,
  details: Awaited<ReturnType<typeof findDetails>>,
): ConsolidationView => ({
  ...consolidationSummaryView(row),
  containers: details.containers.map((container) => ({
    number: container.number,
    type: container.type,
    sealNo: container.sealNo,
  })),
  transactions: details.members,
});
