import {
  ClawbackInput,
  PaymentDecisionInput,
  PaymentDetail,
  PaymentListQuery,
  PaymentPage,
  PaymentView,
  PayeeAccountInput,
  PayeeAccountView,
  type PayoutService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const STAFF: readonly Role[] = ['staff'];
const READERS: readonly Role[] = ['operator', 'staff', 'auditor'];
const IdParams = z.strictObject({ id: z.uuid() });

/** Payments: lists by period and state (a firm sees its own), one with its history, staff decisions, payee accounts. */
export function paymentRoutes(app: App, { payout }: { payout: PayoutService }) {
  app.get(
    '/v1/payout/payments',
    {
      config: { roles: READERS },
      schema: {
        tags: ['payout'],
        summary:
          'Payments by period, status and stuck mark (?stuck=true: the stuck list), oldest first; a firm sees its own',
        querystring: PaymentListQuery,
        response: { 200: PaymentPage, ...authProblems },
      },
    },
    async (request) => payout.list(principalOf(request), request.query),
  );

  app.get(
    '/v1/payout/payments/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['payout'],
        summary: 'One payment with its history, its bank instruction, its ledger transfers and any clawback',
        params: IdParams,
        response: { 200: PaymentDetail, ...authProblems, ...problems(404) },
      },
    },
    async (request) => payout.get(principalOf(request), request.params.id),
  );
  paymentActionRoutes(app, { payout });
}

/** Staff decisions and clawbacks on a payment, and the firm's payee account. */
function paymentActionRoutes(app: App, { payout }: { payout: PayoutService }) {
  app.post(
    '/v1/payout/payments/:id/decision',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['payout'],
        summary:
          'Staff decide on a failed payment: retry (a new payment, reservation and instruction; 422 with the figures past the budget) or cancel',
        params: IdParams,
        body: PaymentDecisionInput,
        response: { 200: PaymentView, ...authProblems, ...problems(404, 409, 415, 422) },
      },
    },
    async (request) => payout.decide(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/payout/payments/:id/clawback',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['payout'],
        summary:
          'Claw back a paid claim (骗补追回) with a reason: a correcting transfer paid → clawback receivable, a subsidy_fraud credit fact and the firm re-scored',
        params: IdParams,
        body: ClawbackInput,
        response: { 200: PaymentDetail, ...authProblems, ...problems(404, 409, 415, 422) },
      },
    },
    async (request) => payout.clawback(principalOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/v1/payout/payee-account',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['payout'],
        summary: "The firm's account for fund payments (收款账户); payments reserved from now on are paid into it",
        body: PayeeAccountInput,
        response: { 201: PayeeAccountView, ...authProblems, ...problems(415) },
      },
    },
    async (request, reply) => reply.code(201).send(await payout.setPayeeAccount(principalOf(request), request.body)),
  );
}
