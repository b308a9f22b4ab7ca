import type { Db } from '@baigou/db';
import { createExchangeRatesService } from '../exchange-rates/exchange-rates.service';
import { createReferenceService } from '../reference/reference.service';
import type { CatalogueSource } from './price-library.catalogue';
import { createPriceLibraryService } from './price-library.service';

/**
 * Start-up seeding of a fresh installation (idempotent, safe from several processes at once):
 * the demo price-library version `demo-1` when no version exists, and demo customs rates when
 * the rate table is empty. Both are labelled as demo values.
 */
export async function ensurePriceLibrarySeed(db: Db, options: { catalogue?: CatalogueSource } = {}) {
  const reference = createReferenceService({ db });
  const exchangeRates = createExchangeRatesService({ db, reference });
  const priceLibrary = createPriceLibraryService({ db, reference, exchangeRates, ...options });
  const version = await priceLibrary.ensureSeedVersion();
  const rates = await exchangeRates.ensureDemoRates();
  return { version: version.outcome, rates };
}
