import { ProductTypePage, ProductTypeQuery, type PriceLibraryService, type Role } from '@baigou/core';
import { authProblems, problems } from '../../http/problem';
import type { App } from '../../http/types';

/** Every business role; admin runs the platform (organisations, keys, configuration), not the price library. */
const EVERYONE: readonly Role[] = ['operator', 'customs', 'staff', 'auditor'];

export function productTypeRoutes(app: App, { priceLibrary }: { priceLibrary: PriceLibraryService }) {
  app.get(
    '/v1/price-library/product-types',
    {
      config: { roles: EVERYONE },
      schema: {
        tags: ['price-library'],
        summary: 'Search the product types (品类) of the active version, with their reference bands',
        querystring: ProductTypeQuery,
        response: { 200: ProductTypePage, ...authProblems, ...problems(404, 503) },
      },
    },
    async (request) => priceLibrary.searchProductTypes(request.query),
  );
}
