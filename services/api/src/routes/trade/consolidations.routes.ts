import {
  ConsolidationInput,
  ConsolidationListQuery,
  ConsolidationSummaryView,
  ConsolidationView,
  type ConsolidationsService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

/** Only the exporter of record consolidates its own transactions. */
const CONSOLIDATORS: readonly Role[] = ['operator'];
/** An operator reads its own; staff, customs and auditors read all (traceability). */
const READERS: readonly Role[] = ['operator', 'staff', 'customs', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });

/** 组货: consolidation orders with containers and packing (DOMAIN §1.6, §10 rules 8–9). */
export function consolidationRoutes(app: App, { consolidations }: { consolidations: ConsolidationsService }) {
  app.post(
    '/v1/consolidations',
    {
      config: { roles: CONSOLIDATORS },
      schema: {
        tags: ['consolidations'],
        summary:
          'Consolidate (组货) submitted transactions of yours for one destination country into containers; every line is consolidated once',
        body: ConsolidationInput,
        response: { 201: ConsolidationView, ...authProblems, ...problems(404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await consolidations.create(principalOf(request), request.body)),
  );

  app.get(
    '/v1/consolidations/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['consolidations'],
        summary: 'A consolidation with its transactions, packing, containers and totals',
        params: IdParams,
        response: { 200: ConsolidationView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => consolidations.get(principalOf(request), request.params.id),
  );

  app.get(
    '/v1/consolidations',
    {
      config: { roles: READERS },
      schema: {
        tags: ['consolidations'],
        summary: 'List consolidations, optionally by destination country (oldest first)',
        querystring: ConsolidationListQuery,
        response: {
          200: z.object({ items: z.array(ConsolidationSummaryView), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => consolidations.list(principalOf(request), request.query),
  );
}
