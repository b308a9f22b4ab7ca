import { demoReferenceBands, loadCatalogue, type DemoBand, type ProductType } from './catalogue/catalogue';
import { labelledTitlesByHash, loadLabelledTitles } from './catalogue/labelled-titles';
import { type LabelledTitleSet, titleModelId } from './matcher/second-opinion';
import { titleModelGenerations, type TitleModelGeneration } from './matcher/title-model';
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

/**
 * A matcher for a version's product types and learned second opinion: the model id the version
 * recorded (`summary.titleModel`), null for the rules alone (versions made before the model), or
 * left out for this build's model (a version being proposed).
 */
export type MatcherFactory = (types: ProductType[], titleModel?: string | null) => Matcher;

export const defaultCatalogue: CatalogueSource = { loadCatalogue, demoReferenceBands };
/**
 * The learned second opinion this build proposes versions with (`nb2:<hash of labelled-titles.csv>`):
 * every version records it in its summary (`titleModel`) and is matched with that model ever after,
 * so a match replays exactly under a later build (which keeps the older titles; labelled-titles.ts).
 */
export const currentTitleModelId = () => titleModelId(loadLabelledTitles().sha256);

/**
 * The labelled titles and generation of a version's model; null for the rules alone; an id this
 * build lacks is refused.
 */
export function labelledTitlesOf(titleModel: string | null): LabelledTitleSet | null {
  if (titleModel === null) return null;
  const id = /^(nb[0-9]+):([0-9a-f]{12})$/.exec(titleModel);
  const generation = id?.[1];
  const titles = id ? labelledTitlesByHash(id[2]!) : null;
  if (!titles || !generation || !Object.hasOwn(titleModelGenerations, generation))
    throw new Error(
      `the learned second opinion ${titleModel} a version was matched with is not in this build (keep its labelled-titles file and generation)`,
    );
  return { ...titles, generation: generation as TitleModelGeneration };
}

export const defaultMatcherFactory: MatcherFactory = (types, titleModel = currentTitleModelId()) =>
  createMatcher(types, { labelledTitles: labelledTitlesOf(titleModel) });
