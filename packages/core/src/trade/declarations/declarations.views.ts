import type { DeclarationRow, findDetails } from './declarations.repository';
import type { DeclarationSummaryView, DeclarationView } from './declarations.schemas';

/** Rows to API views: dates as ISO strings, decimals as strings. */

export const declarationSummaryView = (row: DeclarationRow): DeclarationSummaryView => ({
  id: row.id,
  consolidationId: row.consolidationId,
  operatorOrgId: row.operatorOrgId,
  consignorOperatorId: row.operatorId,
  supervisionMode: '1039',
  currency: row.currency,
  totalValue: row.totalValue,
  totalValueUsd: row.totalValueUsd,
  exchangeRate: { month: row.rateMonth, cnyPerUsd: row.cnyPerUsd, cnyPerUnit: row.cnyPerUnit },
  simplifyRequested: row.simplifyRequested,
  simplified: row.simplified,
  lineCount: row.lineCount,
  status: row.status,
  state: row.state,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const declarationView = (
  row: DeclarationRow,
  details: Awaited<ReturnType<typeof findDetails>>,
): DeclarationView => ({
  ...declarationSummaryView(row),
  lines: details.lines.map((line) => ({
    lineNo: line.lineNo,
    hsCode: line.hsCode,
    name: line.name,
    quantity: line.quantity,
    unit: line.unit,
    value: line.value,
    currency: line.currency,
    valueUsd: line.valueUsd,
    merged: line.merged,
    quantityNote: line.quantityNote,
    sourceLineIds: line.sourceLineIds,
  })),
  correspondence: row.correspondence as Record<string, unknown>[],
  history: details.events.map((event) => ({
    event: event.event,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorOrgId: event.actorOrgId,
    at: event.createdAt.toISOString(),
  })),
});
