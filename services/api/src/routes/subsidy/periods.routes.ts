import { ClaimListQuery, ExportQuery, Loose, PeriodInput, type Role, type SubsidyService } from '@baigou/core';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const STAFF: readonly Role[] = ['staff'];
const OVERSIGHT: readonly Role[] = ['staff', 'auditor'];
const CLAIM_READERS: readonly Role[] = ['operator', 'staff', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });

function sendTable(
  reply: FastifyReply,
  name: string,
  format: 'csv' | 'xlsx',
  table: { contentType: string; body: string | Buffer },
) {
  return reply
    .type(table.contentType)
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(table.body);
}

/** Periods (测算期间), their runs, the coverage report and the period's claims, as JSON, CSV (BOM) or XLSX. */
export function periodRoutes(app: App, { subsidy }: { subsidy: SubsidyService }) {
  app.post(
    '/v1/subsidy/periods',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['subsidy'],
        summary: 'Define a period (China dates, inclusive)',
        body: PeriodInput,
        response: { 201: Loose, ...authProblems, ...problems(409, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(await subsidy.runs.createPeriod(principalOf(request), request.body)),
  );

  app.get(
    '/v1/subsidy/periods/:id',
    {
      config: { roles: CLAIM_READERS },
      schema: {
        tags: ['subsidy'],
        summary: 'A period',
        params: IdParams,
        response: { 200: Loose, ...authProblems, ...problems(404) },
      },
    },
    async (request) => subsidy.runs.getPeriod(request.params.id),
  );

  app.post(
    '/v1/subsidy/periods/:id/runs',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['subsidy'],
        summary:
          'Run the period: queues a job that evaluates every operator with exports in it and drafts the claims (then read the coverage)',
        params: IdParams,
        response: { 200: Loose, ...authProblems, ...problems(404) },
      },
    },
    async (request) => subsidy.runs.requestRun(principalOf(request), request.params.id),
  );
  periodReportRoutes(app, { subsidy });
}

/** A period's coverage report and its claims. */
function periodReportRoutes(app: App, { subsidy }: { subsidy: SubsidyService }) {
  app.get(
    '/v1/subsidy/periods/:id/coverage',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['subsidy'],
        summary:
          'Coverage report of the latest run: every firm with exports in the period, claimed or why not (JSON, CSV or XLSX)',
        params: IdParams,
        querystring: ExportQuery,
        response: {
          200: z.unknown().describe('JSON, text/csv (UTF-8 with BOM) or XLSX'),
          ...authProblems,
          ...problems(404),
        },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      if (format === 'json') return subsidy.reports.coverage(request.params.id);
      const table = await subsidy.reports.exportTable('coverage', request.params.id, format);
      return sendTable(reply, `subsidy-coverage-${request.params.id}`, format, table);
    },
  );

  app.get(
    '/v1/subsidy/periods/:id/claims',
    {
      config: { roles: CLAIM_READERS },
      schema: {
        tags: ['subsidy'],
        summary: "The period's claims (a firm sees its own), as drafted; ?format=csv|xlsx for the whole list",
        params: IdParams,
        querystring: ClaimListQuery.extend(ExportQuery.shape),
        response: {
          200: z.unknown().describe('JSON page, text/csv (UTF-8 with BOM) or XLSX'),
          ...authProblems,
          ...problems(404),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { format, limit, cursor } = request.query;
      await subsidy.runs.getPeriod(request.params.id);
      if (format === 'json') return subsidy.claims.list(principal, request.params.id, { limit, cursor });
      const table = await subsidy.reports.exportTable('claims', request.params.id, format, principal);
      return sendTable(reply, `subsidy-claims-${request.params.id}`, format, table);
    },
  );
}
