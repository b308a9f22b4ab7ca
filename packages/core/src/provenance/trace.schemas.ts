import { z } from 'zod';
import { FilterDate } from '../shared/input.schemas';
import { PAGE_SIZE_MAX } from '../shared/pagination';

/** Request and response shapes of traceability (溯源). Request objects are strict. */

/** The steps of the chain, in the order customs reads it (来源可溯、去向可查、责任可究). */
export const traceStages = ['registration', 'transaction', 'consolidation', 'declaration', 'customs', 'fx'] as const;
export type TraceStage = (typeof traceStages)[number];

/** An 18-digit customs entry number (报关单号), as opposed to a platform id. */
export const ENTRY_NUMBER = /^\d{18}$/;
/** A unified social credit code (统一社会信用代码), as opposed to a platform id. */
export const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const UUID_OR_ENTRY = z.union([z.uuid(), z.string().regex(ENTRY_NUMBER)]);
const TRACE_PAGE_DEFAULT = 10;

export const TraceCheckpoint = z.object({
  log: z.string(),
  treeSize: z.number().int(),
  rootHash: z.string().describe('hex SHA-256'),
  timestamp: z.string().describe('RFC 3339, UTC'),
  keyId: z.string().describe('hex SHA-256 of the raw Ed25519 public key'),
  signature: z
    .string()
    .describe('base64 Ed25519 signature over the RFC 8785 canonical {log, rootHash, timestamp, treeSize}'),
});
const Proof = z.object({ leafIndex: z.number().int(), treeSize: z.number().int(), hashes: z.array(z.string()) });
const TraceEvent = z.object({
  stage: z.enum(traceStages),
  eventId: z.uuid(),
  eventType: z.string(),
  action: z.string(),
  subjectKind: z.string(),
  subjectId: z.uuid(),
  eventTime: z.string(),
  leafIndex: z.number().int().nullable(),
  canonical: z.string().describe('the RFC 8785 canonical EPCIS 2.0 event that was hashed'),
  leafHash: z.string(),
  proof: Proof.nullable(),
});
const TraceChain = z.object({
  declaration: z.object({
    id: z.uuid(),
    entryNumber: z.string().nullable(),
    status: z.string(),
    createdAt: z.string(),
  }),
  events: z.array(TraceEvent),
});
export const TracePage = z.object({
  checkpoint: TraceCheckpoint.nullable(),
  items: z.array(TraceChain),
  nextCursor: z.string().nullable(),
});

const day = FilterDate;
export const TraceQuery = z
  .strictObject({
    declaration: UUID_OR_ENTRY.optional().describe('platform id or 18-digit customs entry number'),
    merchant: z
      .union([z.uuid(), z.string().regex(USCC, 'not a USCC')])
      .optional()
      .describe('merchant id or USCC'),
    purchaser: z.uuid().optional(),
    hsPrefix: z
      .string()
      .regex(/^\d{2,10}$/, '2 to 10 digits')
      .optional(),
    from: day.optional().describe('declarations made on or after this date (China time)'),
    to: day.optional(),
    container: z
      .string()
      .regex(/^[A-Z]{3}[UJZ]\d{7}$/, 'an ISO 6346 container number')
      .optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(TRACE_PAGE_DEFAULT),
  })
  .refine((query) => !(query.from && query.to && query.from > query.to), { path: ['to'], message: 'before from' });
export type TraceQuery = z.infer<typeof TraceQuery>;

export const TraceRefParams = z.strictObject({ ref: UUID_OR_ENTRY });
export const TraceDeclarationQuery = z.strictObject({
  treeSize: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('prove against this signed checkpoint instead of the latest'),
});

export const TraceCheckpointParams = z.strictObject({ treeSize: z.coerce.number().int().min(1) });
export const TraceConsistencyQuery = z
  .strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) })
  .refine((q) => q.from <= q.to, { path: ['from'], message: 'greater than to' });
export const TraceConsistency = z.object({
  fromSize: z.number().int(),
  toSize: z.number().int(),
  from: TraceCheckpoint.nullable().describe('The checkpoint signed at this size; null when none was'),
  to: TraceCheckpoint.nullable().describe('The checkpoint signed at this size; null when none was'),
  hashes: z.array(z.string()).describe('Hex, in RFC 9162 §2.1.4.1 order'),
});
export type TraceConsistencyView = z.infer<typeof TraceConsistency>;

export const TraceKeys = z.object({
  items: z.array(
    z.object({
      keyId: z.string(),
      algorithm: z.string(),
      publicKey: z.string().describe('base64 raw 32-byte key'),
      createdAt: z.string(),
    }),
  ),
});
