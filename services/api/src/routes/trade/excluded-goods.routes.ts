import {
  ExcludedGoodsInput,
  ExcludedGoodsQuery,
  ExcludedGoodsView,
  type ExcludedGoodsService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

/** Operators read the list to know what they may not record; staff maintain it. */
const READERS: readonly Role[] = ['operator', 'staff', 'customs', 'auditor'];
const MAINTAINERS: readonly Role[] = ['staff'];

/** The excluded-goods list (prohibited / restricted / suspended), effective-dated. */
export function excludedGoodsRoutes(app: App, { excludedGoods }: { excludedGoods: ExcludedGoodsService }) {
  app.post(
    '/v1/excluded-goods',
    {
      config: { roles: MAINTAINERS },
      schema: {
        tags: ['excluded-goods'],
        summary: 'Staff: add an excluded-goods entry (HS prefix and/or keyword, effective dates)',
        body: ExcludedGoodsInput,
        response: { 201: ExcludedGoodsView, ...authProblems, ...problems(413, 415, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await excludedGoods.add(principalOf(request), request.body)),
  );

  app.get(
    '/v1/excluded-goods',
    {
      config: { roles: READERS },
      schema: {
        tags: ['excluded-goods'],
        summary: 'List excluded-goods entries, optionally those in force on a date',
        querystring: ExcludedGoodsQuery,
        response: {
          200: z.object({ items: z.array(ExcludedGoodsView), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => excludedGoods.list(request.query),
  );
}
