import {
  FxAllocationInput,
  FxAllocationResultView,
  FxAllocationView,
  FxReceiptInput,
  FxReceiptListQuery,
  FxReceiptView,
  type FxReceiptsService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

/** The operator (exporter of record) records its receipts and matches them to its transactions or declarations. */
const WRITERS: readonly Role[] = ['operator'];
/** An operator reads its own; staff and auditors read all. */
const READERS: readonly Role[] = ['operator', 'staff', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });

/** Record an FX receipt and read receipts. */
function receiptRoutes(app: App, { fxReceipts }: { fxReceipts: FxReceiptsService }) {
  app.post(
    '/v1/fx-receipts',
    {
      config: { roles: WRITERS },
      schema: {
        tags: ['fx-receipts'],
        summary: 'Record an FX receipt (收汇); a payer that is not a registered purchaser is flagged, not refused',
        body: FxReceiptInput,
        response: { 201: FxReceiptView, ...authProblems, ...problems(404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await fxReceipts.create(principalOf(request), request.body)),
  );

  app.get(
    '/v1/fx-receipts/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['fx-receipts'],
        summary: 'An FX receipt with its allocated and unallocated amounts and its flags',
        params: IdParams,
        response: { 200: FxReceiptView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => fxReceipts.get(principalOf(request), request.params.id),
  );

  app.get(
    '/v1/fx-receipts',
    {
      config: { roles: READERS },
      schema: {
        tags: ['fx-receipts'],
        summary: 'List FX receipts, optionally by currency (oldest first)',
        querystring: FxReceiptListQuery,
        response: {
          200: z.object({ items: z.array(FxReceiptView), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => fxReceipts.list(principalOf(request), request.query),
  );
}

/** Allocate a receipt to transactions or declarations, and read its allocations. */
function allocationRoutes(app: App, { fxReceipts }: { fxReceipts: FxReceiptsService }) {
  app.post(
    '/v1/fx-receipts/:id/allocations',
    {
      config: { roles: WRITERS },
      schema: {
        tags: ['fx-receipts'],
        summary:
          'Allocate part of a receipt to one of your transactions or declarations, in its currency; never more than the receipt has left or the target has outstanding',
        params: IdParams,
        body: FxAllocationInput,
        response: { 200: FxAllocationResultView, ...authProblems, ...problems(404, 409, 413, 415, 422) },
      },
    },
    async (request) => fxReceipts.allocate(principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/v1/fx-receipts/:id/allocations',
    {
      config: { roles: READERS },
      schema: {
        tags: ['fx-receipts'],
        summary: 'The allocations of an FX receipt (oldest first)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(FxAllocationView) }), ...authProblems, ...problems(404) },
      },
    },
    async (request) => fxReceipts.allocations(principalOf(request), request.params.id),
  );
}

/** 收汇: FX receipts and their allocations, with no double use (DOMAIN §3, §10 rule 14). */
export function fxReceiptRoutes(app: App, deps: { fxReceipts: FxReceiptsService }) {
  receiptRoutes(app, deps);
  allocationRoutes(app, deps);
}
