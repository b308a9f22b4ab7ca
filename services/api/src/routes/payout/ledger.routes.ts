import {
  AccountTransfersPage,
  AccountView,
  FundFiguresQuery,
  FundFiguresView,
  PageQuery,
  type PayoutService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import type { App } from '../../http/types';

const OVERSIGHT: readonly Role[] = ['staff', 'auditor'];

/** The fund ledger per account: balances and transfers. */
export function ledgerRoutes(app: App, { payout }: { payout: PayoutService }) {
  app.get(
    '/v1/payout/ledger/accounts',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['payout'],
        summary: "The fund ledger's accounts with their balances (posted and pending, debits and credits), by code",
        response: { 200: z.object({ items: z.array(AccountView) }), ...authProblems },
      },
    },
    async () => ({ items: await payout.accounts() }),
  );

  app.get(
    '/v1/payout/ledger/figures',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['payout'],
        summary: "The fund's figures of a year from the ledger: budget, reserved, paid, clawed back, budget left",
        querystring: FundFiguresQuery,
        response: { 200: FundFiguresView, ...authProblems },
      },
    },
    async (request) => payout.fundFigures(request.query.year),
  );

  app.get(
    '/v1/payout/ledger/accounts/:id/transfers',
    {
      config: { roles: OVERSIGHT },
      schema: {
        tags: ['payout'],
        summary: "One account's balances and its transfers, oldest first",
        params: z.strictObject({ id: z.uuid() }),
        querystring: PageQuery,
        response: { 200: AccountTransfersPage, ...authProblems, ...problems(404) },
      },
    },
    async (request) => payout.accountTransfers(request.params.id, request.query),
  );
}
