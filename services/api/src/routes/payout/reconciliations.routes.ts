import {
  PageQuery,
  PeriodExportQuery,
  ReconciliationInput,
  ReconciliationPage,
  ReconciliationRequested,
  ReconciliationView,
  type PayoutService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const STAFF: readonly Role[] = ['staff'];
const OVERSIGHT: readonly Role[] = ['staff', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });

/** Reconciliation (对账) of the bank statement with the ledger: requested by staff or daily, reports and exports. */
export function reconciliationRoutes(app: App, { payout }: { payout: PayoutService }) {
  app.post(
    '/v1/payout/reconciliations',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['payout'],
        summary:
          'Reconcile the bank statement of a range of value dates (China dates, ≤ 29 days) with the ledger; queued',
        body: ReconciliationInput,
        response: { 201: ReconciliationRequested, ...authProblems, ...problems(415) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await payout.requestReconciliation(principalOf(request), request.body)),
  );

  app.get(
    '/v1/payout/reconciliations',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['payout'],
        summary: 'Reconciliation reports, oldest first',
        querystring: PageQuery,
        response: { 200: ReconciliationPage, ...authProblems },
      },
    },
    async (request) => payout.reconciliations(request.query),
  );

  app.get(
    '/v1/payout/reconciliations/:id',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['payout'],
        summary:
          'One reconciliation: lines matched and every difference (missing either side, amount, duplicate, reversal)',
        params: IdParams,
        response: { 200: ReconciliationView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => payout.reconciliation(request.params.id),
  );

  app.get(
    '/v1/payout/reconciliations/:id/export',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['payout'],
        summary: "A reconciliation's differences as CSV (UTF-8 with BOM) or XLSX (?format=xlsx)",
        params: IdParams,
        querystring: PeriodExportQuery,
        response: { 200: z.unknown().describe('text/csv (UTF-8 with BOM) or XLSX'), ...authProblems, ...problems(404) },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const table = await payout.exportReconciliation(request.params.id, format);
      return reply
        .type(table.contentType)
        .header('content-disposition', `attachment; filename="reconciliation-${request.params.id}.${format}"`)
        .send(table.body);
    },
  );
}
