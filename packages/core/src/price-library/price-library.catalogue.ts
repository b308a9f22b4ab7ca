import { demoReferenceBands, loadCatalogue, type DemoBand, type ProductType } from './catalogue/catalogue';
import { loadLabelledTitles } from './catalogue/labelled-titles';
import { titleModelId } from './matcher/second-opinion';
import { createMatcher, type MatchCandidate, type Matcher, type MatchResult } from './matcher/matcher';

/**
 * The seam between the price-library service and the pure catalogue and matcher modules. The
 * service takes these as dependencies, so a test can give it a small catalogue of its own.
 */
export type { DemoBand, MatchCandidate, Matcher, ProductType };
export type MatchOutcome = MatchResult;

export interface CatalogueSource {
  loadCatalogue(): ProductType[];
  demoReferenceBands(types: ProductType[]): DemoBand[];
}

export type MatcherFactory = (types: ProductType[]) => Matcher;

export const defaultCatalogue: CatalogueSource = { loadCatalogue, demoReferenceBands };
/**
 * The learned second opinion this build matches with (`nb1:<hash of labelled-titles.csv>`): every
 * version records it in its summary (`titleModel`), so a replay under another build's model is seen
 * as such (its answers name the model they used).
 */
export const currentTitleModelId = () => titleModelId(loadLabelledTitles().sha256);

export const defaultMatcherFactory: MatcherFactory = (types) => createMatcher(types);
