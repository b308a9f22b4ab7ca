import { TraceRefParams, type TraceService } from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import type { App } from '../../http/types';
import { TRACERS } from './tracers';

/** One declaration's chain as evidence to take away: an EPCIS document, a CSV table, a signed bundle. */
export function evidenceRoutes(app: App, { trace }: { trace: TraceService }) {
  app.get(
    '/v1/trace/declarations/:ref/epcis',
    {
      config: { roles: TRACERS },
      schema: {
        tags: ['trace'],
        summary: 'GS1 EPCIS 2.0 JSON-LD document of the declaration’s chain (the stored events, unchanged)',
        params: TraceRefParams,
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
        params: TraceRefParams,
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
        params: TraceRefParams,
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
}
