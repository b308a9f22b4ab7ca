import {
  ExchangeRateInput,
  ExchangeRateQuery,
  ExchangeRateView,
  type ExchangeRatesService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../http/problem';
import { principalOf, type App } from '../http/types';

/** Every business role; admin runs the platform (organisations, keys, configuration), not the rates. */
const EVERYONE: readonly Role[] = ['operator', 'customs', 'staff', 'auditor'];

/** Customs monthly exchange rates (CNY per unit), set by staff once per currency and month. */
export function exchangeRatesRoutes(app: App, { exchangeRates }: { exchangeRates: ExchangeRatesService }) {
  app.get(
    '/v1/exchange-rates',
    {
      config: { roles: EVERYONE },
      schema: {
        tags: ['exchange-rates'],
        summary: 'Customs monthly exchange rates, newest month first',
        querystring: ExchangeRateQuery,
        response: {
          200: z.object({ items: z.array(ExchangeRateView), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => exchangeRates.list(request.query),
  );

  app.post(
    '/v1/exchange-rates',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['exchange-rates'],
        summary:
          'Staff: set the customs rate of a currency for a month (in force for lines dated in that month; never changed afterwards)',
        body: ExchangeRateInput,
        response: { 201: ExchangeRateView, ...authProblems, ...problems(409, 413, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(await exchangeRates.set(principalOf(request), request.body)),
  );
}
