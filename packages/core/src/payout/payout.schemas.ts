import { z } from 'zod';
import { PageQuery } from '../shared/pagination';
import { paymentStatuses } from './payout.models';

/** Request and response shapes of /v1/payout (the OpenAPI document is generated from them). */

const text = (max: number) => z.string().trim().min(1).max(max);

export const PayeeAccountInput = z.strictObject({
  /** 12–30 digits; the bank checks it (a bad one fails the payment, which staff then decide on). */
  accountNumber: z.string().regex(/^\d{12,30}$/, '12–30 digits'),
  accountName: text(100),
  bankName: text(100),
});
export type PayeeAccountInput = z.infer<typeof PayeeAccountInput>;

export const PayeeAccountView = z.object({
  id: z.uuid(),
  operatorOrgId: z.uuid(),
  accountNumber: z.string(),
  accountName: z.string(),
  bankName: z.string(),
  createdAt: z.date(),
});

export const PaymentListQuery = PageQuery.extend({
  periodId: z.uuid().optional(),
  status: z.enum(paymentStatuses).optional(),
  /** Only payments the sweeper marked stuck (still in flight past the bound). */
  stuck: z.enum(['true', 'false']).optional(),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuery>;

export const PeriodExportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const PaymentView = z.object({
  id: z.uuid(),
  claimId: z.uuid(),
  attempt: z.number().int(),
  batchId: z.uuid(),
  operatorOrgId: z.uuid(),
  periodId: z.uuid(),
  year: z.number().int(),
  amountCny: z.string(),
  status: z.enum(paymentStatuses),
  instructionId: z.string(),
  payee: z.object({ accountNumber: z.string(), name: z.string(), bankName: z.string() }).nullable(),
  stuckAt: z.date().nullable(),
  stuckReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const PaymentPage = z.object({ items: z.array(PaymentView), nextCursor: z.string().nullable() });

const TransferView = z.object({
  id: z.uuid(),
  kind: z.string(),
  debitAccountId: z.uuid(),
  creditAccountId: z.uuid(),
  amountCny: z.string(),
  pendingId: z.uuid().nullable(),
  expiresAt: z.date().nullable(),
  reference: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.date(),
});
export type TransferView = z.infer<typeof TransferView>;

export const PaymentDetail = PaymentView.extend({
  history: z.array(
    z.object({
      type: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      detail: z.record(z.string(), z.unknown()),
      actorOrgId: z.uuid().nullable(),
      at: z.date(),
    }),
  ),
  instruction: z
    .object({
      sendAttempts: z.number().int(),
      lastOutcome: z.string().nullable(),
      lastDetail: z.string().nullable(),
      bankReference: z.string().nullable(),
      lastSentAt: z.date().nullable(),
    })
    .nullable(),
  transfers: z.array(TransferView),
  clawback: z.object({ reason: z.string(), transferId: z.uuid(), at: z.date() }).nullable(),
});

export const PaymentDecisionInput = z.strictObject({
  decision: z.enum(['retry', 'cancel']),
  reason: text(500),
});

export const ClawbackInput = z.strictObject({ reason: text(500) });

export const BatchView = z.object({
  id: z.uuid(),
  periodId: z.uuid(),
  year: z.number().int(),
  /** open while any payment is in flight or awaits a staff decision; settled when all are final. */
  state: z.enum(['open', 'settled']),
  byStatus: z.array(z.object({ status: z.string(), payments: z.number().int(), amountCny: z.string() })),
  totalCny: z.string(),
  paidCny: z.string(),
  createdAt: z.date(),
});

export const AccountView = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.string(),
  debitsPostedCny: z.string(),
  creditsPostedCny: z.string(),
  debitsPendingCny: z.string(),
  creditsPendingCny: z.string(),
});

export const AccountTransfersPage = z.object({
  account: AccountView,
  items: z.array(TransferView),
  nextCursor: z.string().nullable(),
});

export const CallbackAck = z.object({
  instructionId: z.string(),
  sequence: z.number().int(),
  outcome: z.enum(['paid', 'failed', 'unchanged', 'duplicate']),
});

const ChinaDate = z.iso.date();
export const ReconciliationInput = z
  .strictObject({ from: ChinaDate, to: ChinaDate })
  .refine((range) => range.from <= range.to, { message: 'from must not be after to', path: ['to'] })
  .refine((range) => Date.parse(range.to) - Date.parse(range.from) <= 28 * 86_400_000, {
    message: 'at most 29 days (the bank gives 31 days of statement, one more on each side)',
    path: ['to'],
  });

export const ReconciliationRequested = z.object({ jobKey: z.string(), from: z.string(), to: z.string() });

export const ReconciliationView = z.object({
  id: z.uuid(),
  jobKey: z.string(),
  from: z.string(),
  to: z.string(),
  matched: z.number().int(),
  differences: z.array(
    z.object({
      kind: z.string(),
      instructionId: z.string(),
      statementCny: z.string().nullable(),
      ledgerCny: z.string().nullable(),
      valueDate: z.string().nullable(),
      bankReference: z.string().nullable(),
    }),
  ),
  summary: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export const ReconciliationPage = z.object({ items: z.array(ReconciliationView), nextCursor: z.string().nullable() });

export const FundFiguresQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const FundFiguresView = z.object({
  year: z.number().int(),
  budgetCny: z.string(),
  reservedCny: z.string(),
  paidCny: z.string(),
  clawedBackCny: z.string(),
  budgetLeftCny: z.string(),
});
