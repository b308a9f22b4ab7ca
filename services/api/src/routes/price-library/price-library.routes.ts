import type { PriceLibraryService } from '@baigou/core';
import type { App } from '../../http/types';
import { matchRoutes } from './match.routes';
import { productTypeRoutes } from './product-types.routes';
import { proposalRoutes } from './proposals.routes';
import { versionRoutes } from './versions.routes';

/** 价格库: product types, matching with price checks, versions and staff proposals. */
export function priceLibraryRoutes(app: App, deps: { priceLibrary: PriceLibraryService }) {
  productTypeRoutes(app, deps);
  matchRoutes(app, deps);
  versionRoutes(app, deps);
  proposalRoutes(app, deps);
}
