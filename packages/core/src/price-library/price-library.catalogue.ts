import { demoReferenceBands, loadCatalogue, type DemoBand, type ProductType } from './catalogue/catalogue';
import { createMatcher } from './matcher/matcher';

/**
 * The seam between the price-library service and the pure catalogue and matcher modules. The
 * service takes these as dependencies, so a test can give it a small catalogue of its own.
 */
export type { DemoBand, ProductType };

export interface MatchCandidate {
  productTypeCode: string;
  hsCode: string;
  name: string;
  score: number;
  matchedTerms: string[];
}

export interface MatchOutcome {
  abstained: boolean;
  candidates: MatchCandidate[];
}

export interface Matcher {
  match(description: string, limit?: number): MatchOutcome;
  readonly size: number;
}

export interface CatalogueSource {
  loadCatalogue(): ProductType[];
  demoReferenceBands(types: ProductType[]): DemoBand[];
}

export type MatcherFactory = (types: ProductType[]) => Matcher;

export const defaultCatalogue: CatalogueSource = { loadCatalogue, demoReferenceBands };
export const defaultMatcherFactory: MatcherFactory = (types) => createMatcher(types);
