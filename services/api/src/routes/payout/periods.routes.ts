import { BatchView, PeriodExportQuery, type PayoutService, type Role } from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import type { App } from '../../http/types';

const OVERSIGHT: readonly Role[] = ['staff', 'auditor'];
const PeriodParams = z.strictObject({ periodId: z.uuid() });

/** A period's payment batch (as the treasury takes them) and its export. */
export function payoutPeriodRoutes(app: App, { payout }: { payout: PayoutService }) {
  app.get(
    '/v1/payout/periods/:periodId/batch',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['payout'],
        summary: "The period's payment batch: payments and amounts per status, total, paid, open or settled",
        params: PeriodParams,
        response: { 200: BatchView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => payout.batch(request.params.periodId),
  );

  app.get(
    '/v1/payout/periods/:periodId/payments/export',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['payout'],
        summary: "The period's payments as CSV (UTF-8 with BOM) or XLSX (?format=xlsx)",
        params: PeriodParams,
        querystring: PeriodExportQuery,
        response: { 200: z.unknown().describe('text/csv (UTF-8 with BOM) or XLSX'), ...authProblems },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const table = await payout.exportPeriod(request.params.periodId, format);
      return reply
        .type(table.contentType)
        .header('content-disposition', `attachment; filename="payout-${request.params.periodId}.${format}"`)
        .send(table.body);
    },
  );
}
