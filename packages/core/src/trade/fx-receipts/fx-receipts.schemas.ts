import { z } from 'zod';
import { BusinessDate } from '../../shared/input.schemas';
import { PageQuery } from '../../shared/pagination';
import { ClientRef, MoneyAmount } from '../transactions/transactions.schemas';

/** Request and response shapes of FX receipts (收汇) and their allocations (DOMAIN §3, §10 rule 14). */

export const FxReceiptInput = z
  .strictObject({
    clientRef: ClientRef.describe('Your own id of this receipt, unique per operator'),
    bankName: z.string().trim().min(1).max(200).describe('Receiving bank'),
    bankReference: z.string().trim().min(1).max(100).describe("The bank's reference of the credit, unique per bank"),
    payerName: z.string().trim().min(1).max(200),
    payerCountry: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .describe('Payer country (country list)'),
    payerPurchaserId: z
      .uuid()
      .optional()
      .describe(
        'The payer as a registered, approved purchaser; without it the receipt is flagged payer_not_registered',
      ),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .describe('Currency (currency list)'),
    amount: MoneyAmount.describe('Amount received, e.g. "1000.00"'),
    valueDate: BusinessDate.describe('Value date, not in the future (China date)'),
    merchantId: z.uuid().optional().describe('The receiving merchant (approved); omit with agencyReceipt: true'),
    agencyReceipt: z.boolean().default(false).describe("The operator receives on the merchants' behalf (代理收汇)"),
  })
  .superRefine((input, ctx) => {
    if (input.agencyReceipt && input.merchantId)
      ctx.addIssue({ code: 'custom', path: ['merchantId'], message: 'omit merchantId with agencyReceipt: true' });
    if (!input.agencyReceipt && !input.merchantId)
      ctx.addIssue({ code: 'custom', path: ['merchantId'], message: 'required unless agencyReceipt is true' });
  });

export const FxAllocationInput = z
  .strictObject({
    transactionId: z.uuid().optional(),
    declarationId: z.uuid().optional(),
    amount: MoneyAmount.describe('Amount of the receipt matched to the target, in the receipt (= target) currency'),
  })
  .superRefine((input, ctx) => {
    if (Boolean(input.transactionId) === Boolean(input.declarationId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['transactionId'],
        message: 'give exactly one of transactionId and declarationId',
      });
    }
  });

export const FxReceiptListQuery = PageQuery.extend({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});

export const FxReceiptView = z.object({
  id: z.uuid(),
  clientRef: z.string(),
  operatorOrgId: z.uuid(),
  bankName: z.string(),
  bankReference: z.string(),
  payerName: z.string(),
  payerCountry: z.string(),
  payerPurchaserId: z.uuid().nullable(),
  currency: z.string(),
  amount: z.string(),
  allocated: z.string(),
  unallocated: z.string(),
  valueDate: z.iso.date(),
  merchantId: z.uuid().nullable(),
  agencyReceipt: z.boolean(),
  flags: z.array(z.string()),
  createdAt: z.iso.datetime(),
});

export const FxTargetStatusView = z.object({
  type: z.enum(['transaction', 'declaration']),
  id: z.uuid(),
  currency: z.string(),
  total: z.string(),
  allocated: z.string(),
  outstanding: z.string(),
  fullyReceived: z.boolean().describe('The allocated total is within the configured tolerance of the target total'),
});

export const FxAllocationView = z.object({
  id: z.uuid(),
  receiptId: z.uuid(),
  transactionId: z.uuid().nullable(),
  declarationId: z.uuid().nullable(),
  currency: z.string(),
  amount: z.string(),
  createdAt: z.iso.datetime(),
});

export const FxAllocationResultView = FxAllocationView.extend({ target: FxTargetStatusView, receipt: FxReceiptView });

export type FxReceiptInput = z.infer<typeof FxReceiptInput>;
export type FxAllocationInput = z.infer<typeof FxAllocationInput>;
export type FxReceiptListQuery = z.infer<typeof FxReceiptListQuery>;
export type FxReceiptView = z.infer<typeof FxReceiptView>;
export type FxAllocationView = z.infer<typeof FxAllocationView>;
export type FxAllocationResultView = z.infer<typeof FxAllocationResultView>;
export type FxTargetStatusView = z.infer<typeof FxTargetStatusView>;
