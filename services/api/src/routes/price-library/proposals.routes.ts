import {
  AdjustmentRequest,
  AliasLearningRequest,
  AliasLearningResult,
  ImportRequest,
  ImportResult,
  VersionView,
  type PriceLibraryService,
  type Role,
} from '@baigou/core';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

const STAFF: readonly Role[] = ['staff'];

/** Staff proposals of a new version: a price-list import, the dynamic adjustment, or aliases learnt from confirmed codes. */
export function proposalRoutes(app: App, { priceLibrary }: { priceLibrary: PriceLibraryService }) {
  app.post(
    '/v1/price-library/imports',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['price-library'],
        summary:
          'Staff: import a price list (CSV or XLSX, base64) as a proposed version; a list with any bad row is refused whole with 422 and `rows` naming each bad row',
        body: ImportRequest,
        response: { 201: ImportResult, ...authProblems, ...problems(409, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const { contentBase64, ...input } = request.body;
      const created = await priceLibrary.importPriceList(principalOf(request), {
        ...input,
        content: Buffer.from(contentBase64, 'base64'),
        via: 'api',
      });
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/v1/price-library/adjustments',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['price-library'],
        summary: 'Staff: propose a version with bands recomputed from accepted transaction lines (价格库动态调整)',
        body: AdjustmentRequest,
        response: { 201: VersionView, ...authProblems, ...problems(409, 413, 415, 422, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await priceLibrary.proposeAdjustment(principalOf(request), request.body)),
  );

  app.post(
    '/v1/price-library/alias-proposals',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['price-library'],
        summary:
          'Staff: propose a version whose product types gain the aliases that confirmed codes teach (declared lines whose code the firm fixed by hand); 422 when nothing is learnt',
        body: AliasLearningRequest,
        response: { 201: AliasLearningResult, ...authProblems, ...problems(409, 413, 415, 422, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await priceLibrary.proposeLearnedAliases(principalOf(request), request.body)),
  );
}
