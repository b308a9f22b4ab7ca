import { documentKinds, transactionStatuses } from '@baigou/db';
import { z } from 'zod';
import { CurrencyCode, PositiveDecimal } from '../../exchange-rates/exchange-rates.schemas';
import { UnitCode } from '../../price-library/price-library.schemas';
import { BusinessDate, FilterDate, PlainText } from '../../shared/input.schemas';
import { PageQuery } from '../../shared/pagination';
import { sameAmount } from '../../shared/money';
import { lineAmount } from './transactions.models';

/** Request and response shapes of transactions (交易登记). Request objects are strict. */

export const MAX_LINES_PER_TRANSACTION = 200;
export const MAX_BATCH_TRANSACTIONS = 1_000;
export const MAX_DOCUMENTS = 20;

const text = PlainText;

/** Line amounts to the cent: at most 14 integer digits (200 of them still fit the numeric(20,2) total). */
export const MoneyAmount = z
  .string()
  .regex(/^\d{1,14}(\.\d{1,2})?$/, 'must be a decimal string with at most 2 decimals, e.g. "1250.00"')
  .refine((value) => /[1-9]/.test(value), 'must be greater than zero');

export const ClientRef = z
  .string()
  .regex(/^[A-Za-z0-9._:/-]{1,64}$/, 'must be 1 to 64 letters, digits or . _ : / -')
  .describe(
    'Your own id of this sale (cf. tradingId), unique per operator: re-submitting it returns the same tradingNo',
  );

export const TransactionLineInput = z.strictObject({
  description: text(500).describe('Goods title as on the sales slip'),
  spec: text(200).optional().describe('Model / specification'),
  quantity: PositiveDecimal.describe('Traded quantity in `unit`, at most 6 decimals'),
  unit: UnitCode,
  unitPrice: PositiveDecimal.describe('Price per `unit` in the transaction currency, at most 6 decimals'),
  amount: MoneyAmount.describe('quantity × unitPrice rounded half-up to the cent'),
  hsCode: z
    .string()
    .regex(/^\d{8}(\d{2})?$/, 'must be an 8- or 10-digit HS code')
    .optional()
    .describe(
      'Declared HS code; its first 8 digits must be in the current tariff (hs8). Without it the top candidate’s code is used',
    ),
  remark: text(500).optional().describe('Required when the price is outside the soft band (warning)'),
});

export const TransactionDocumentInput = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
  filename: text(255),
  kind: z.enum(documentKinds),
});

export const TransactionInput = z
  .strictObject({
    clientRef: ClientRef,
    merchantId: z.uuid().describe('Seller: an approved market merchant registered by you'),
    purchaserId: z.uuid().describe('Buyer: an approved purchaser registered by you'),
    tradeDate: BusinessDate.describe('Date of the sale in China; not in the future'),
    settlementMethod: z
      .enum(['bank_transfer', 'cross_border_rmb', 'cash'])
      .describe('How the buyer pays; cash is refused (422 trade.cash_settlement_refused)'),
    currency: CurrencyCode,
    remark: text(1000).optional(),
    documents: z.array(TransactionDocumentInput).min(1).max(MAX_DOCUMENTS).describe('Original documents, at least one'),
    lines: z.array(TransactionLineInput).min(1).max(MAX_LINES_PER_TRANSACTION),
  })
  .superRefine((input, ctx) => {
    input.lines.forEach((line, index) => {
      // A malformed number is already reported on its own field; the product is checked only between valid ones.
      const wellFormed = [
        PositiveDecimal.safeParse(line.quantity),
        PositiveDecimal.safeParse(line.unitPrice),
        MoneyAmount.safeParse(line.amount),
      ].every((result) => result.success);
      if (!wellFormed) return;
      const expected = lineAmount(line.quantity, line.unitPrice);
      if (!sameAmount(expected, line.amount)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, 'amount'],
          message: `must be quantity × unitPrice rounded half-up to the cent: ${expected}`,
        });
      }
    });
    const seen = new Set<string>();
    input.documents.forEach((document, index) => {
      if (seen.has(document.sha256))
        ctx.addIssue({
          code: 'custom',
          path: ['documents', index, 'sha256'],
          message: 'the same document is listed twice',
        });
      seen.add(document.sha256);
    });
  });

export const BatchRequest = z.strictObject({
  items: z
    .array(z.looseObject({}))
    .min(1)
    .max(MAX_BATCH_TRANSACTIONS)
    .describe(
      `1 to ${MAX_BATCH_TRANSACTIONS} transactions, each shaped as the body of POST /v1/transactions and validated on its own`,
    ),
});

export const ReviewDecisionBody = z.strictObject({
  reason: z.string().trim().min(1).max(1000).describe('Why staff decided so; kept in the history'),
});

export const TransactionListQuery = PageQuery.extend({
  status: z.enum(transactionStatuses).optional(),
  merchantId: z.uuid().optional(),
  purchaserId: z.uuid().optional(),
  tradeDateFrom: FilterDate.optional(),
  tradeDateTo: FilterDate.optional(),
  tradingNo: z
    .string()
    .regex(/^BG\d{14,}$/, 'must be a trading number, e.g. BG20260501000123')
    .optional(),
});

const ProblemItem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose();

export const TransactionLineView = z.object({
  id: z.uuid(),
  lineNo: z.number().int(),
  description: z.string(),
  spec: z.string().nullable(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.string(),
  amount: z.string(),
  currency: z.string(),
  hsCode: z.string().nullable(),
  hsCodeSource: z.enum(['declared', 'matched']).nullable(),
  productTypeCode: z.string().nullable(),
  candidates: z.array(z.record(z.string(), z.unknown())),
  priceCheck: z.record(z.string(), z.unknown()),
  priceLibraryVersionId: z.uuid(),
  matchRecordId: z.uuid().describe('Replay it with POST /v1/price-library/matches/{id}/replay'),
  remark: z.string().nullable(),
  consolidationId: z.uuid().nullable(),
  consolidatedAt: z.iso.datetime().nullable(),
});

export const TransactionSummaryView = z.object({
  id: z.uuid(),
  tradingNo: z.string(),
  clientRef: z.string(),
  operatorOrgId: z.uuid(),
  merchantId: z.uuid(),
  purchaserId: z.uuid(),
  tradeDate: z.string(),
  settlementMethod: z.string(),
  currency: z.string(),
  totalAmount: z.string(),
  lineCount: z.number().int(),
  status: z.enum(transactionStatuses),
  statusReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const TransactionView = TransactionSummaryView.extend({
  remark: z.string().nullable(),
  reviewReasons: z
    .array(z.object({ lineNo: z.number().int(), status: z.string(), explanation: z.string() }))
    .describe('Lines whose price check needs staff review'),
  documents: z.array(z.object({ sha256: z.string(), filename: z.string(), kind: z.enum(documentKinds) })),
  lines: z.array(TransactionLineView),
  history: z.array(
    z.object({
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      reason: z.string().nullable(),
      actorOrgId: z.uuid(),
      at: z.iso.datetime(),
    }),
  ),
});

export const BatchItemResult = z.object({
  index: z.number().int(),
  clientRef: z.string().nullable(),
  status: z.enum(['created', 'replayed', 'error']),
  id: z.uuid().optional(),
  tradingNo: z.string().optional(),
  transactionStatus: z.enum(transactionStatuses).optional(),
  problem: ProblemItem.optional(),
});

export const BatchResponse = z.object({
  summary: z.object({ created: z.number().int(), replayed: z.number().int(), error: z.number().int() }),
  items: z.array(BatchItemResult),
});

export type TransactionInput = z.infer<typeof TransactionInput>;
export type TransactionLineInput = z.infer<typeof TransactionLineInput>;
export type TransactionListQuery = z.infer<typeof TransactionListQuery>;
export type TransactionView = z.infer<typeof TransactionView>;
export type TransactionSummaryView = z.infer<typeof TransactionSummaryView>;
export type BatchItemResult = z.infer<typeof BatchItemResult>;
