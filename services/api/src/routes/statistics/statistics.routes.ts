import {
  MonthlyReportQuery,
  MonthlyReportView,
  MonthlyStatisticsQuery,
  MonthlyStatisticsView,
  PublishInput,
  RebuildView,
  StatisticsMonthParams,
  statisticsCsv,
  StatisticsVersionsView,
  StatisticsVersionView,
  statisticsXlsx,
  type Role,
  type StatisticsService,
} from '@baigou/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

/** Center staff run the monthly statistics; center admins may too. */
/** The service center's staff; admin keys of the same center run the platform, not its figures. */
const CENTER: readonly Role[] = ['staff'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `format=` wins; otherwise the Accept header picks CSV or XLSX; JSON by default. */
function formatOf(request: FastifyRequest, format: 'json' | 'csv' | 'xlsx' | undefined): 'json' | 'csv' | 'xlsx' {
  if (format) return format;
  const accept = request.headers.accept ?? '';
  if (accept.includes(XLSX_TYPE)) return 'xlsx';
  if (accept.includes('text/csv')) return 'csv';
  return 'json';
}

const TABLE_BODY =
  'text/csv (UTF-8 with BOM, Chinese headers) or an XLSX workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)';

/** JSON as is; CSV or XLSX (sent as a Buffer, never serialised: the schema's string branch documents it) as an attachment. */
async function sendTables<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  format: 'json' | 'csv' | 'xlsx' | undefined,
  json: T,
  tables: readonly MonthlyStatisticsView[],
  name: string,
) {
  const chosen = formatOf(request, format);
  if (chosen === 'xlsx')
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .send((await statisticsXlsx(tables)) as unknown as string);
  if (chosen === 'csv')
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.csv"`)
      .send(statisticsCsv(tables));
  return json;
}

/** A month by one dimension, and the whole month's report. */
function monthRoutes(app: App, { statistics }: { statistics: StatisticsService }) {
  app.get(
    '/v1/statistics/monthly',
    {
      config: { roles: CENTER },
      schema: {
        tags: ['statistics'],
        summary:
          'A month by one dimension: month, year to date, same month last year and YoY %, counted by release date of released or exported declarations (risk by trade date); JSON, or CSV (UTF-8 with BOM) or XLSX by Accept or format=',
        querystring: MonthlyStatisticsQuery,
        response: { 200: z.union([MonthlyStatisticsView, z.string().describe(TABLE_BODY)]), ...authProblems },
      },
    },
    async (request, reply) => {
      const report = await statistics.monthly(request.query.month, request.query.by);
      return sendTables(
        request,
        reply,
        request.query.format,
        report,
        [report],
        `statistics-${report.month}-${report.dimension}`,
      );
    },
  );

  app.get(
    '/v1/statistics/monthly/report',
    {
      config: { roles: CENTER },
      schema: {
        tags: ['statistics'],
        summary:
          "The month's whole report, every dimension from one consistent snapshot (月报, for the commerce department): JSON, CSV (one table, 维度 column) or an XLSX workbook with a sheet per dimension and a 说明 sheet, by Accept or format=",
        querystring: MonthlyReportQuery,
        response: { 200: z.union([MonthlyReportView, z.string().describe(TABLE_BODY)]), ...authProblems },
      },
    },
    async (request, reply) => {
      const report = await statistics.report(request.query.month);
      return sendTables(
        request,
        reply,
        request.query.format,
        report,
        report.reports,
        `statistics-${report.month}-report`,
      );
    },
  );
}

/** Publication, versions with their restatements, and the full rebuild. */
function publicationRoutes(app: App, { statistics }: { statistics: StatisticsService }) {
  app.post(
    '/v1/statistics/months/:month/publish',
    {
      config: { roles: CENTER },
      schema: {
        tags: ['statistics'],
        summary:
          'Publish (freeze) a month that has ended as version 1; later corrections appear as restatements (versions 2, 3 …)',
        params: StatisticsMonthParams,
        body: PublishInput,
        response: { 201: StatisticsVersionView, ...authProblems, ...problems(409, 415, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await statistics.publish(principalOf(request), request.params.month, request.body.note)),
  );

  app.get(
    '/v1/statistics/months/:month/versions',
    {
      config: { roles: CENTER },
      schema: {
        tags: ['statistics'],
        summary:
          "A published month's versions: the publication and every restatement with what changed (figure, period, before, after)",
        params: StatisticsMonthParams,
        response: { 200: StatisticsVersionsView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => statistics.versions(request.params.month),
  );

  app.post(
    '/v1/statistics/rebuild',
    {
      config: { roles: CENTER },
      schema: {
        tags: ['statistics'],
        summary:
          'Recompute every roll-up from the base tables while the trade goes on, and correct the live roll-ups by what they differ (a published month it changes gets a restatement)',
        body: PublishInput.pick({}),
        response: {
          201: RebuildView.describe('The rebuild run: rows written per roll-up, months restated'),
          ...authProblems,
          ...problems(409, 415),
        },
      },
    },
    async (_request, reply) => reply.code(201).send(await statistics.rebuild()),
  );
}

/** 统计: the month's table by dimension, publication, versions with restatements, and the full rebuild. */
export function statisticsRoutes(app: App, deps: { statistics: StatisticsService }) {
  monthRoutes(app, deps);
  publicationRoutes(app, deps);
}
