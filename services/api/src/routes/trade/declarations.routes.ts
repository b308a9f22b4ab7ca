import {
  CustomsEventInput,
  DeclarationInput,
  DeclarationListQuery,
  DeclarationSummaryView,
  DeclarationView,
  GoodsListQuery,
  goodsListCsv,
  goodsListXlsx,
  WithdrawInput,
  type DeclarationsService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

/** The operator (consignor) builds, submits and withdraws its declarations. */
const DECLARANTS: readonly Role[] = ['operator'];
/** Customs report acceptance, release, export and rejection. */
const CUSTOMS: readonly Role[] = ['customs'];
/** An operator reads its own; staff, customs and auditors read all (traceability). */
const READERS: readonly Role[] = ['operator', 'staff', 'customs', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Create a declaration, read one and the list. */
function declarationRecordRoutes(app: App, { declarations }: { declarations: DeclarationsService }) {
  app.post(
    '/v1/declarations',
    {
      config: { roles: DECLARANTS },
      schema: {
        tags: ['declarations'],
        summary:
          'Build the 1039 declaration (draft) of a consolidation: USD at the customs monthly rate, ≤ USD 150,000.00, simplified on request',
        body: DeclarationInput,
        response: { 201: DeclarationView, ...authProblems, ...problems(404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await declarations.create(principalOf(request), request.body)),
  );

  app.get(
    '/v1/declarations/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['declarations'],
        summary: 'A declaration with its declared lines, correspondence list (简化归类清单) and event history',
        params: IdParams,
        response: { 200: DeclarationView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => declarations.get(principalOf(request), request.params.id),
  );

  app.get(
    '/v1/declarations',
    {
      config: { roles: READERS },
      schema: {
        tags: ['declarations'],
        summary: 'List declarations, optionally by status (oldest first)',
        querystring: DeclarationListQuery,
        response: {
          200: z.object({ items: z.array(DeclarationSummaryView), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => declarations.list(principalOf(request), request.query),
  );
}

/** The goods list and correspondence list of a declaration, as JSON, CSV or XLSX. */
function goodsListRoutes(app: App, { declarations }: { declarations: DeclarationsService }) {
  app.get(
    '/v1/declarations/:id/goods-list',
    {
      config: { roles: READERS },
      schema: {
        tags: ['declarations'],
        summary: 'The goods list and the correspondence list (简化归类清单) as CSV (UTF-8 with BOM) or XLSX',
        params: IdParams,
        querystring: GoodsListQuery,
        response: {
          200: z.unknown().describe('text/csv (UTF-8 with BOM) or XLSX workbook'),
          ...authProblems,
          ...problems(404),
        },
      },
    },
    async (request, reply) => {
      const data = await declarations.goodsList(principalOf(request), request.params.id);
      const name = `goods-list-${request.params.id}`;
      if (request.query.format === 'xlsx') {
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await goodsListXlsx(data));
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(goodsListCsv(data));
    },
  );
}

/** The lifecycle: submit, withdraw and the customs events. */
function declarationLifecycleRoutes(app: App, { declarations }: { declarations: DeclarationsService }) {
  app.post(
    '/v1/declarations/:id/submit',
    {
      config: { roles: DECLARANTS },
      schema: {
        tags: ['declarations'],
        summary: 'Submit a draft declaration to customs; repeating it answers the declaration unchanged',
        params: IdParams,
        response: { 200: DeclarationView, ...authProblems, ...problems(404, 409) },
      },
    },
    async (request) => declarations.submit(principalOf(request), request.params.id),
  );

  app.post(
    '/v1/declarations/:id/withdraw',
    {
      config: { roles: DECLARANTS },
      schema: {
        tags: ['declarations'],
        summary: 'Withdraw a draft or submitted declaration; the consolidation can then be declared again',
        params: IdParams,
        body: WithdrawInput,
        response: { 200: DeclarationView, ...authProblems, ...problems(404, 409, 415) },
      },
    },
    async (request) => declarations.withdraw(principalOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/v1/declarations/:id/customs-events',
    {
      config: { roles: CUSTOMS },
      schema: {
        tags: ['declarations'],
        summary:
          'Customs report an event: accept {entryNumber}, release {at}, export {at}, reject {reason}, cancel {reason} (撤销/删单 after release); a repeated identical event answers 200 unchanged',
        params: IdParams,
        body: CustomsEventInput,
        response: { 200: DeclarationView, ...authProblems, ...problems(404, 409, 415) },
      },
    },
    async (request) => declarations.customsEvent(principalOf(request), request.params.id, request.body),
  );
}

/** 报关: declarations of consolidations under supervision mode 1039 and their lifecycle. */
export function declarationRoutes(app: App, deps: { declarations: DeclarationsService }) {
  declarationRecordRoutes(app, deps);
  goodsListRoutes(app, deps);
  declarationLifecycleRoutes(app, deps);
}
