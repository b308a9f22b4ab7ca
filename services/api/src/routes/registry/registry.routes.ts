import {
  MerchantRegistration,
  MerchantView,
  OperatorRegistration,
  OperatorView,
  PurchaserRegistration,
  PurchaserView,
  type RegistryService,
} from '@baigou/core';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';
import { partyRoutes } from './party.routes';

/** 主体备案: operators register themselves, and their merchants and purchasers. */
export function registryRoutes(app: App, { registry }: { registry: RegistryService }) {
  const registration = { config: { roles: ['operator'] as const } };
  const created = (view: typeof OperatorView | typeof MerchantView | typeof PurchaserView) => ({
    201: view,
    ...authProblems,
    ...problems(409, 413, 415, 422),
  });

  app.post(
    '/v1/operators',
    {
      ...registration,
      schema: {
        tags: ['operators'],
        summary: 'Register the calling organisation as a market-procurement operator (市场采购贸易经营者)',
        body: OperatorRegistration,
        response: created(OperatorView),
      },
    },
    async (request, reply) => reply.code(201).send(await registry.registerOperator(principalOf(request), request.body)),
  );

  app.post(
    '/v1/merchants',
    {
      ...registration,
      schema: {
        tags: ['merchants'],
        summary: 'Register a market merchant (市场经营户) on its behalf',
        body: MerchantRegistration,
        response: created(MerchantView),
      },
    },
    async (request, reply) => reply.code(201).send(await registry.registerMerchant(principalOf(request), request.body)),
  );

  app.post(
    '/v1/purchasers',
    {
      ...registration,
      schema: {
        tags: ['purchasers'],
        summary: 'Register a purchaser (采购商), domestic or foreign',
        body: PurchaserRegistration,
        response: created(PurchaserView),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registry.registerPurchaser(principalOf(request), request.body)),
  );

  partyRoutes(app, { type: 'operator', path: '/v1/operators', view: OperatorView, registry });
  partyRoutes(app, { type: 'merchant', path: '/v1/merchants', view: MerchantView, registry });
  partyRoutes(app, { type: 'purchaser', path: '/v1/purchasers', view: PurchaserView, registry });
}
