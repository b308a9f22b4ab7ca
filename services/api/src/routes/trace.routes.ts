import {
  FilterDate,
  PAGE_SIZE_MAX,
  provenanceErrors,
  traceStages,
  type ProvenanceLog,
  type Role,
  type TraceService,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../http/problem';
import type { App } from '../http/types';

/** Customs liaison pull traceability; center staff and auditors too. */
const TRACERS: readonly Role[] = ['customs', 'staff', 'auditor'];
const UUID_OR_ENTRY = z.union([z.uuid(), z.string().regex(/^\d{18}$/)]);
const TRACE_PAGE_DEFAULT = 10;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const Checkpoint = z.object({
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
const TracePage = z.object({
  checkpoint: Checkpoint.nullable(),
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

const RefParams = z.strictObject({ ref: UUID_OR_ENTRY });
const Keys = z.object({
  items: z.array(
    z.object({
      keyId: z.string(),
      algorithm: z.string(),
      publicKey: z.string().describe('base64 raw 32-byte key'),
      createdAt: z.string(),
    }),
  ),
});

/** 溯源: the chain behind exports, with Merkle proofs and signed checkpoints that verify without trusting the platform. */
export function traceRoutes(app: App, { trace, log }: { trace: TraceService; log: ProvenanceLog }) {
  app.get(
    '/v1/trace',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary:
          'Chains of the declarations matching all given criteria (merchant, purchaser, HS prefix, dates, container), each event with its inclusion proof; later pages prove against the first page’s checkpoint',
        querystring: TraceQuery,
        response: { 200: TracePage, ...authProblems, ...problems(400) },
      },
    },
    async (request) => {
      const { cursor, limit, declaration, merchant, purchaser, ...rest } = request.query;
      const filter = {
        ...rest,
        purchaserId: purchaser,
        ...(declaration
          ? /^\d{18}$/.test(declaration)
            ? { entryNumber: declaration }
            : { declarationId: declaration }
          : {}),
        ...(merchant ? (USCC.test(merchant) ? { merchantUscc: merchant } : { merchantId: merchant }) : {}),
      };
      return trace.trace(filter, { cursor, limit });
    },
  );

  app.get(
    '/v1/trace/declarations/:ref',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary:
          'The whole chain behind one declaration (platform id or 18-digit customs entry number), proved against the latest checkpoint or the one of ?treeSize=',
        params: RefParams,
        querystring: z.strictObject({
          treeSize: z.coerce
            .number()
            .int()
            .min(1)
            .optional()
            .describe('prove against this signed checkpoint instead of the latest'),
        }),
        response: { 200: TracePage, ...authProblems, ...problems(400, 404) },
      },
    },
    async (request) => trace.declaration(request.params.ref, request.query.treeSize),
  );

  app.get(
    '/v1/trace/declarations/:ref/epcis',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'GS1 EPCIS 2.0 JSON-LD document of the declaration’s chain (the stored events, unchanged)',
        params: RefParams,
        response: { 200: z.unknown().describe('application/ld+json EPCISDocument'), ...authProblems, ...problems(404) },
      },
    },
    async (request, reply) =>
      reply.type('application/ld+json').send(JSON.stringify(await trace.epcisDocument(request.params.ref))),
  );

  app.get(
    '/v1/trace/declarations/:ref/events.csv',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'The declaration’s chain as a table for officers (CSV, UTF-8 with BOM)',
        params: RefParams,
        response: { 200: z.unknown().describe('text/csv (UTF-8 with BOM)'), ...authProblems, ...problems(404) },
      },
    },
    async (request, reply) => {
      const { declarationId, csv } = await trace.csv(request.params.ref);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="trace-${declarationId}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/v1/trace/declarations/:ref/bundle',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary:
          'Signed evidence bundle (ZIP): canonical events, inclusion proofs, checkpoint, public key, EPCIS document, CSV and how to verify offline (pnpm cli verify-bundle)',
        params: RefParams,
        response: { 200: z.unknown().describe('application/zip'), ...authProblems, ...problems(404) },
      },
    },
    async (request, reply) => {
      const { declarationId, zip } = await trace.bundle(request.params.ref);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="evidence-${declarationId}.zip"`)
        .send(Buffer.from(zip));
    },
  );

  app.get(
    '/v1/trace/checkpoints/latest',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'The latest signed checkpoint {treeSize, rootHash, timestamp}',
        response: { 200: Checkpoint, ...authProblems, ...problems(404) },
      },
    },
    async () => {
      const checkpoint = await log.latestCheckpoint();
      if (!checkpoint) throw provenanceErrors.checkpointNotFound({ detail: 'the log has no checkpoint yet' });
      return checkpoint;
    },
  );

  app.get(
    '/v1/trace/checkpoints/:treeSize',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'The signed checkpoint of a tree size',
        params: z.strictObject({ treeSize: z.coerce.number().int().min(1) }),
        response: { 200: Checkpoint, ...authProblems, ...problems(404) },
      },
    },
    async (request) => {
      const checkpoint = await log.checkpointOf(request.params.treeSize);
      if (!checkpoint) throw provenanceErrors.checkpointNotFound();
      return checkpoint;
    },
  );

  app.get(
    '/v1/trace/consistency',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'RFC 9162 consistency proof between two signed checkpoints (tree sizes from ≤ to)',
        querystring: z
          .strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) })
          .refine((q) => q.from <= q.to, { path: ['from'], message: 'greater than to' }),
        response: {
          200: z.object({ from: Checkpoint, to: Checkpoint, hashes: z.array(z.string()) }),
          ...authProblems,
          ...problems(400, 404),
        },
      },
    },
    async (request) => {
      const [from, to] = await Promise.all([log.checkpointOf(request.query.from), log.checkpointOf(request.query.to)]);
      if (!from || !to) {
        throw provenanceErrors.checkpointNotFound({
          fields: [
            ...(from ? [] : [{ path: '/querystring/from', message: 'no checkpoint of this size' }]),
            ...(to ? [] : [{ path: '/querystring/to', message: 'no checkpoint of this size' }]),
          ],
        });
      }
      return { from, to, hashes: await log.consistency(from.treeSize, to.treeSize) };
    },
  );

  app.get(
    '/v1/trace/keys',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'Every Ed25519 public key that has signed checkpoints or bundles',
        response: { 200: Keys, ...authProblems },
      },
    },
    async () => ({ items: await log.publicKeys() }),
  );
}
