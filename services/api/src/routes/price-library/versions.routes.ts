import {
  DiffQuery,
  DiffView,
  VersionDecisionBody,
  VersionListQuery,
  VersionView,
  type PriceLibraryService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

/** Every business role; admin runs the platform (organisations, keys, configuration), not the price library. */
const EVERYONE: readonly Role[] = ['operator', 'customs', 'staff', 'auditor'];
const DECIDERS: readonly Role[] = ['staff'];
const IdParams = z.strictObject({ id: z.uuid() });

/** Price-library versions: listing, diffs and the staff decision on a proposal. */
export function versionRoutes(app: App, { priceLibrary }: { priceLibrary: PriceLibraryService }) {
  app.get(
    '/v1/price-library/versions',
    {
      config: { roles: EVERYONE },
      schema: {
        tags: ['price-library'],
        summary: 'Price-library versions, oldest first',
        querystring: VersionListQuery,
        response: {
          200: z.object({ items: z.array(VersionView), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => priceLibrary.listVersions(request.query),
  );

  app.get(
    '/v1/price-library/versions/:id',
    {
      config: { roles: EVERYONE },
      schema: {
        tags: ['price-library'],
        summary: 'A price-library version',
        params: IdParams,
        response: { 200: VersionView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => priceLibrary.getVersion(request.params.id),
  );

  app.get(
    '/v1/price-library/versions/:id/diff',
    {
      config: { roles: EVERYONE },
      schema: {
        tags: ['price-library'],
        summary: 'Bands and product types added, removed and changed from version `against` to this one',
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: DiffView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => priceLibrary.diff(request.params.id, request.query.against),
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/v1/price-library/versions/:id/${decision}`,
      {
        config: { roles: DECIDERS },
        schema: {
          tags: ['price-library'],
          summary:
            decision === 'approve'
              ? 'Staff: approve a proposed version; it becomes active and supersedes the previous one'
              : 'Staff: reject a proposed version (reason required)',
          params: IdParams,
          body: VersionDecisionBody,
          response: { 200: VersionView, ...authProblems, ...problems(404, 409, 422) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        return decision === 'approve'
          ? priceLibrary.approve(principal, request.params.id, request.body.reason)
          : priceLibrary.reject(principal, request.params.id, request.body.reason);
      },
    );
  }
}
