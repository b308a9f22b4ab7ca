import { z } from 'zod';
import { PageQuery } from '../../shared/pagination';
import { validateContainerNumber } from './containers';
import { ClientRef } from '../transactions/transactions.schemas';

/** Request and response shapes of consolidations (组货). Request objects are strict. */

export const MAX_TRANSACTIONS_PER_CONSOLIDATION = 500;
export const MAX_CONTAINERS = 50;

const Weight = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,3})?$/, 'must be a decimal string in kg with at most 3 decimals, e.g. "1250.500"')
  .refine((value) => /[1-9]/.test(value), 'must be greater than zero');

export const ContainerInput = z.strictObject({
  number: z
    .string()
    .superRefine((value, ctx) => {
      const verdict = validateContainerNumber(value);
      if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.reason });
    })
    .describe('ISO 6346 container number in canonical form, e.g. CSQU3054383 (check digit verified)'),
  type: z
    .string()
    .regex(/^[0-9A-Z]{1,4}$/)
    .describe('Container type code (container_type list)'),
  sealNo: z.string().trim().min(1).max(50).describe('Seal number (封志号)'),
});

export const PackingInput = z.strictObject({
  transactionId: z.uuid(),
  cartons: z.number().int().min(1).max(1_000_000),
  grossWeightKg: Weight,
  netWeightKg: Weight,
});

export const ConsolidationInput = z
  .strictObject({
    clientRef: ClientRef.describe('Your own id of this consolidation, unique per operator'),
    destinationCountry: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .describe('Destination country (country list, e.g. RUS)'),
    transportMode: z
      .string()
      .regex(/^[0-9A-Z]$/)
      .describe('Transport mode (transport_mode list, e.g. 3 铁路运输, 4 公路运输)'),
    chinaEuropeRail: z
      .boolean()
      .default(false)
      .describe('Shipped on a China-Europe rail train (中欧班列); only with transport mode 3'),
    exitPort: z.string().trim().min(1).max(100).describe('Exit port, free text for now (e.g. 天津新港)'),
    transactionIds: z
      .array(z.uuid())
      .min(1)
      .max(MAX_TRANSACTIONS_PER_CONSOLIDATION)
      .describe('Your own submitted transactions; every line of each is consolidated'),
    containers: z.array(ContainerInput).min(1).max(MAX_CONTAINERS),
    packing: z
      .array(PackingInput)
      .min(1)
      .max(MAX_TRANSACTIONS_PER_CONSOLIDATION)
      .describe('Cartons and weights, one entry per transaction'),
  })
  .superRefine((input, ctx) => {
    if (input.chinaEuropeRail && input.transportMode !== '3') {
      ctx.addIssue({
        code: 'custom',
        path: ['chinaEuropeRail'],
        message: 'China-Europe rail (中欧班列) requires transport mode 3 (铁路运输)',
      });
    }
    const ids = new Set<string>();
    input.transactionIds.forEach((id, index) => {
      if (ids.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['transactionIds', index],
          message: 'the same transaction is listed twice',
        });
      ids.add(id);
    });
    const packed = new Set<string>();
    input.packing.forEach((entry, index) => {
      if (!ids.has(entry.transactionId))
        ctx.addIssue({
          code: 'custom',
          path: ['packing', index, 'transactionId'],
          message: 'not one of transactionIds',
        });
      else if (packed.has(entry.transactionId))
        ctx.addIssue({
          code: 'custom',
          path: ['packing', index, 'transactionId'],
          message: 'packing given twice for this transaction',
        });
      if (Number(entry.netWeightKg) > Number(entry.grossWeightKg)) {
        ctx.addIssue({
          code: 'custom',
          path: ['packing', index, 'netWeightKg'],
          message: 'must not exceed grossWeightKg',
        });
      }
      packed.add(entry.transactionId);
    });
    input.transactionIds.forEach((id, index) => {
      if (!packed.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['transactionIds', index],
          message: 'no packing entry for this transaction',
        });
    });
    const numbers = new Set<string>();
    input.containers.forEach((container, index) => {
      if (numbers.has(container.number))
        ctx.addIssue({
          code: 'custom',
          path: ['containers', index, 'number'],
          message: 'the same container is listed twice',
        });
      numbers.add(container.number);
    });
  });

export const ConsolidationListQuery = PageQuery.extend({
  destinationCountry: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});

export const ConsolidationSummaryView = z.object({
  id: z.uuid(),
  clientRef: z.string(),
  operatorOrgId: z.uuid(),
  destinationCountry: z.string(),
  transportMode: z.string(),
  chinaEuropeRail: z.boolean(),
  exitPort: z.string(),
  transactionCount: z.number().int(),
  lineCount: z.number().int(),
  totals: z.object({
    cartons: z.number().int(),
    grossWeightKg: z.string(),
    netWeightKg: z.string(),
    value: z.record(z.string(), z.string()).describe('Goods value per currency, e.g. { "CNY": "1250.00" }'),
  }),
  createdAt: z.iso.datetime(),
});

export const ConsolidationView = ConsolidationSummaryView.extend({
  containers: z.array(z.object({ number: z.string(), type: z.string(), sealNo: z.string() })),
  transactions: z.array(
    z.object({
      transactionId: z.uuid(),
      tradingNo: z.string(),
      currency: z.string(),
      totalAmount: z.string(),
      lineCount: z.number().int(),
      cartons: z.number().int(),
      grossWeightKg: z.string(),
      netWeightKg: z.string(),
    }),
  ),
});

export type ConsolidationInput = z.infer<typeof ConsolidationInput>;
export type ConsolidationListQuery = z.infer<typeof ConsolidationListQuery>;
export type ConsolidationSummaryView = z.infer<typeof ConsolidationSummaryView>;
export type ConsolidationView = z.infer<typeof ConsolidationView>;
