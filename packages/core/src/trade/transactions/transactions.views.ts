import type { DocumentRow, HistoryRow, LineRow, TransactionRow } from './transactions.repository';
import type { TransactionSummaryView, TransactionView } from './transactions.schemas';

/** Rows to API views: dates as ISO strings, decimals as strings. */

export const summaryView = (row: TransactionRow): TransactionSummaryView => ({
  id: row.id,
  tradingNo: row.tradingNo,
  clientRef: row.clientRef,
  operatorOrgId: row.operatorOrgId,
  merchantId: row.merchantId,
  purchaserId: row.purchaserId,
  tradeDate: row.tradeDate,
  settlementMethod: row.settlementMethod,
  currency: row.currency,
  totalAmount: row.totalAmount,
  lineCount: row.lineCount,
  status: row.status,
  statusReason: row.statusReason,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

interface StoredCheck {
  severity?: string;
  status?: string;
  explanation?: string;
}

export function transactionView(
  row: TransactionRow,
  details: { lines: LineRow[]; documents: DocumentRow[]; history: HistoryRow[] },
): TransactionView {
  return {
    ...summaryView(row),
    remark: row.remark,
    reviewReasons: details.lines.flatMap((line) => {
      const check = line.priceCheck as StoredCheck;
      return check.severity === 'review'
        ? [{ lineNo: line.lineNo, status: check.status ?? 'unknown', explanation: check.explanation ?? '' }]
        : [];
    }),
    documents: details.documents.map(({ sha256, filename, kind }) => ({ sha256, filename, kind })),
    lines: details.lines.map((line) => ({
      id: line.id,
      lineNo: line.lineNo,
      description: line.description,
      spec: line.spec,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      amount: line.amount,
      currency: line.currency,
      hsCode: line.hsCode,
      hsCodeSource: line.hsCodeSource,
      productTypeCode: line.productTypeCode,
      candidates: line.candidates as Record<string, unknown>[],
      priceCheck: line.priceCheck,
      priceLibraryVersionId: line.priceLibraryVersionId,
      matchRecordId: line.matchRecordId,
      remark: line.remark,
      consolidationId: line.consolidationId,
      consolidatedAt: line.consolidatedAt?.toISOString() ?? null,
    })),
    history: details.history.map((entry) => ({
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      reason: entry.reason,
      actorOrgId: entry.actorOrgId,
      at: entry.createdAt.toISOString(),
    })),
  };
}
