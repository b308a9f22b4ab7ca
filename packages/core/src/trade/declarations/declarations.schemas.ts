import { declarationStatuses } from '@baigou/db';
import { z } from 'zod';
import { PageQuery } from '../../shared/pagination';

/** Request and response shapes of declarations (报关单, supervision mode 1039). */

export const DeclarationInput = z.strictObject({
  consolidationId: z.uuid().describe('A consolidation of yours without a live declaration'),
  simplify: z
    .boolean()
    .describe('Declare in simplified form (简化申报): top five kinds itemised, the rest merged per HS chapter'),
});

export const GoodsListQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') });
export const DeclarationListQuery = PageQuery.extend({ status: z.enum(declarationStatuses).optional() });

export const DeclaredLineView = z.object({
  lineNo: z.number().int(),
  hsCode: z.string(),
  name: z.string(),
  quantity: z.string(),
  unit: z.string(),
  value: z.string(),
  currency: z.string(),
  valueUsd: z.string(),
  merged: z.boolean(),
  quantityNote: z.string().nullable(),
  sourceLineIds: z.array(z.uuid()),
});

export const DeclarationSummaryView = z.object({
  id: z.uuid(),
  consolidationId: z.uuid(),
  operatorOrgId: z.uuid(),
  consignorOperatorId: z.uuid(),
  supervisionMode: z.literal('1039'),
  currency: z.string(),
  totalValue: z.string(),
  totalValueUsd: z.string(),
  exchangeRate: z.object({ month: z.string(), cnyPerUsd: z.string(), cnyPerUnit: z.string() }),
  simplifyRequested: z.boolean(),
  simplified: z.boolean(),
  lineCount: z.number().int(),
  status: z.enum(declarationStatuses),
  state: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const DeclarationView = DeclarationSummaryView.extend({
  lines: z.array(DeclaredLineView),
  correspondence: z
    .array(z.record(z.string(), z.unknown()))
    .describe('简化归类清单: each merged line and its source lines'),
  history: z.array(
    z.object({
      event: z.record(z.string(), z.unknown()),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actorOrgId: z.uuid(),
      at: z.iso.datetime(),
    }),
  ),
});

export const CustomsEventInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('accept'),
    entryNumber: z.string().describe('18-digit customs entry number (报关单号)'),
  }),
  z.strictObject({ type: z.literal('release'), at: z.string().describe('ISO 8601 instant with time zone') }),
  z.strictObject({ type: z.literal('export'), at: z.string().describe('ISO 8601 instant with time zone') }),
  z.strictObject({ type: z.literal('reject'), reason: z.string().trim().min(1).max(1000) }),
  z.strictObject({
    type: z.literal('cancel'),
    reason: z.string().trim().min(1).max(1000).describe('撤销/删单 after release: why customs cancelled it'),
  }),
]);

export const WithdrawInput = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

export type DeclarationInput = z.infer<typeof DeclarationInput>;
export type DeclarationListQuery = z.infer<typeof DeclarationListQuery>;
export type DeclarationView = z.infer<typeof DeclarationView>;
export type DeclarationSummaryView = z.infer<typeof DeclarationSummaryView>;
export type DeclaredLineView = z.infer<typeof DeclaredLineView>;
export type CustomsEventInput = z.infer<typeof CustomsEventInput>;
