/**
 * Goods matcher: a seller's free-text title → ranked product types, each with a confidence and
 * the terms that matched, or an abstention when the title does not decide a code.
 *
 * Pure, synchronous and deterministic: the same types and the same text give the same result.
 * The index is built in process from the active library version (see term-index.ts).
 *
 * Scoring, per product type: the IDF weights of the catalogue phrases found in the title, plus
 * partial credit for leftover bigrams/words, plus the facet fit (material, knit/woven, gender,
 * electric, LED, solar) that the tariff splits on. Candidates are the best type of each HS8; the
 * confidence is a softmax over them and a "none of these" option, so a weak or contested title
 * gets a low score and is abstained on.
 */
import type { ProductType } from '../catalogue/catalogue';
import { loadLabelledTitles } from '../catalogue/labelled-titles';
import { type FacetValue, facetFit, fittedWords, scanFacets, titleFacets } from './facets';
import {
  buildSpellIndex,
  type Correction,
  readAsCorrected,
  readEnglishMisspellings,
  readSameSound,
  type SpellIndex,
} from './misspellings';
import { stemLatin } from './normalise';
import { bagFittings, furHair, type NounSpan } from './classification-rules';
import { type Figure, figureFit, figureSiblingCost, figureSiblingStem, stemSimilarity } from './figures';
import { keptPhrases, readTitle } from './rules';
import {
  chapterNotes,
  confidenceDiscounts,
  type Discount,
  type Evidence,
  lastInNumericalOrder,
  withOpenSiblings,
} from './ranking';
import { type LabelledTitleSet, learnTitles, type ModelStep, rankWithModel } from './second-opinion';
import {
  buildTermIndex,
  containerOf,
  fuzzyGrams,
  headFactor,
  headNounFallback,
  matchPhrases,
  type Span,
  type TermIndex,
} from './term-index';

export interface MatchCandidate {
  productTypeCode: string;
  hsCode: string;
  name: string;
  /** 0..1: the softmax share of this candidate against the others and against "none". */
  score: number;
  matchedTerms: string[];
}

export interface MatchResult {
  abstained: boolean;
  candidates: MatchCandidate[];
}

export interface Matcher {
  match(description: string, limit?: number): MatchResult;
  size: number;
  /** The learned second opinion's id (`<generation>:<hash of its labelled titles>`, e.g. `nb2:…`), or null when the rules answer alone. */
  modelId?: string | null;
}

/** Tuned once on the development set; see README.md. */
const params = {
  fuzzyWeight: 0.25,
  minFuzzyOnly: 2.5,
  facetWeight: 2,
  temperature: 0.8,
  noneScore: 3,
  abstainBelow: 0.5,
  /** Weight of the head-noun fallback against the phrase it stands for. */
  headNounFactor: 0.5,
  /** Confidence factor of a top candidate that rests on a misspelling read as a catalogue word. */
  readAsFactor: 0.9,
};

/** `confidence:read-as`: the top candidate's words include a word the title only misspelt. */
function readAsDiscount(top: Scored | undefined, corrections: readonly Correction[]): Discount[] {
  if (!top || corrections.length === 0) return [];
  const read = corrections.map((c) => c.readAs);
  if (!top.words.some((w) => read.some((r) => w === r || w === `~${r}` || w.split(' ').includes(r)))) return [];
  return [{ factor: params.readAsFactor, note: `confidence:read-as×${params.readAsFactor}` }];
}

interface Lexical {
  typeId: number;
  raw: number;
  terms: string[];
  noun: boolean;
  /** A goods noun longer than one Chinese character matched. */
  longNoun: boolean;
  fuzzy: number;
  /** Its only goods noun is the head-noun fallback (游泳包 read as a bag). */
  headOnly: boolean;
}

/** A type with its total score, its terms and the evidence the confidence reads. */
interface Scored extends Evidence {
  typeId: number;
  /** The phrases and grams that matched (shared with the lexical entry, not copied). */
  words: readonly string[];
  /** `rule:figure-range(…)` notes: the title's figures within or outside the code's ranges (figures.ts). */
  figures?: readonly string[];
}

/**
 * Containers by form (heading 4202: "… and similar containers", whatever they hold): a goods noun
 * followed by 包/袋/盒/箱/套 or bag/case/box/pouch names what the container holds, not the goods.
 * The contents noun then only qualifies (× 0.2); a soft container (包, 袋, bag, pouch) also counts
 * as the 4202 storage-bag phrase, so the outer material picks the 4202 column.
 */
function containerByForm(
  index: TermIndex,
  text: string,
  matches: ReturnType<typeof matchPhrases>,
  notes: string[],
): Map<number, number> {
  const factors = new Map<number, number>();
  for (const m of matches) {
    const kind = containerOf(index, text, m);
    if (!kind) continue;
    factors.set(m.phrase, 0.2);
    notes.push(`rule:container-by-form(${text.slice(m.start, m.end)} + ${kind.word})`);
    if (kind.soft && index.storageBagPhrase >= 0) factors.set(index.storageBagPhrase, 0.8);
  }
  return factors;
}

const fittingHeadings = new Set(['8308', '8302', '7318', '9607', '5806', '9606']);

const isBagHeading = (heading: string) => heading === '4202' || heading === '4602';
/** Articles of furskin (4303): chapter 42 note 1 sends fur bags there, so they share the bag nouns of 4202. */
const sharesBagNouns = (heading: string) => isBagHeading(heading) || heading === '4303';

const kindCache = new WeakMap<TermIndex, Map<number, NounSpan['kind']>>();

/** nounKind, computed once per phrase for the index's life. */
function cachedNounKind(index: TermIndex, phraseId: number): NounSpan['kind'] {
  let cache = kindCache.get(index);
  if (!cache) kindCache.set(index, (cache = new Map()));
  let kind = cache.get(phraseId);
  if (kind === undefined) cache.set(phraseId, (kind = nounKind(index, phraseId)));
  return kind;
}

/** Which goods a phrase names, for bagFittings: a bag fitting, a 4202 bag, or other goods. */
function nounKind(index: TermIndex, phraseId: number): NounSpan['kind'] {
  const phrase = index.phrases[phraseId]!;
  if (phrase.qualifier) return 'other';
  const heads = phrase.typeIds.map((id) => index.types[id]!.hs8.slice(0, 4));
  if (heads.some(isBagHeading)) return heads.every(sharesBagNouns) && !phrase.feature ? 'bag' : 'other';
  // Fittings are also feature words of bags (拉链, 护角): here they are read as goods.
  const fitting = heads.some((h) => fittingHeadings.has(h)) || /扣$|buckles?$/.test(phrase.text);
  return fitting ? 'fitting' : 'other';
}

/**
 * Bag fittings (classification-rules.ts): the bag a fitting is for only qualifies (× 0.2); the
 * fitting found to be the goods goes into `goods`, so that its feature-word discount does not apply.
 */
function fittingFor(
  index: TermIndex,
  text: string,
  matches: ReturnType<typeof matchPhrases>,
  notes: string[],
  goods: Set<number>,
) {
  const factors = new Map<number, number>();
  if (matches.length < 2) return factors;
  const spans = matches.map((m) => ({
    start: m.start,
    end: m.end,
    kind: cachedNounKind(index, m.phrase),
    feature: index.phrases[m.phrase]!.feature,
    phrase: m.phrase,
  }));
  const result = bagFittings(text, spans);
  for (const bag of result.bags) factors.set((bag as (typeof spans)[number]).phrase, 0.2);
  if (result.head) goods.add((result.head as (typeof spans)[number]).phrase);
  notes.push(...result.notes);
  return factors;
}

const setWord = /(?:套装|套件|套组|sets?|kits?)$/;

/** A set word whose codes all say 成套 (a set put up for retail sale). */
function isSetPhrase(index: TermIndex, id: number): boolean {
  const phrase = index.phrases[id]!;
  return (
    setWord.test(phrase.text) &&
    phrase.typeIds.every((t) => index.facets[t]!.some((v) => v.facet === 'set' && v.path === 'set'))
  );
}

/** Whether a noun stands right before the set word, naming its kind (美甲工具套装 is a manicure set, not a tool set). */
const kindBefore = (text: string, matches: ReturnType<typeof matchPhrases>, set: { start: number }) =>
  matches.some(
    (m) => m.start < set.start && /^[\u3400-\u9fff]*$/.test(text.slice(Math.min(m.end, set.start), set.start)),
  );

/**
 * GIR 3(b) sets put up for retail sale (8206 tool sets, 8211.10 knife sets, 8215.20 cutlery sets,
 * 9605 travel sets): when a title names such a set (工具套装, 刀具套装 — a phrase whose codes all say
 * 成套), the set is the goods and the articles it lists (锤子 螺丝刀 扳手, 菜刀 水果刀) are its
 * contents, which only describe it (× 0.4); a noun right before the set word names its kind instead
 * (美甲工具套装 is a manicure set). Note `rule:sets(<set> holds <contents>)`.
 */
function setContents(index: TermIndex, text: string, matches: ReturnType<typeof matchPhrases>, notes: string[]) {
  const factors = new Map<number, number>();
  const set = matches.find((m) => isSetPhrase(index, m.phrase));
  if (!set || kindBefore(text, matches, set)) return factors;
  const contents = matches.filter(
    (m) => m !== set && !isSetPhrase(index, m.phrase) && !index.phrases[m.phrase]!.qualifier,
  );
  for (const m of contents) factors.set(m.phrase, 0.4);
  if (contents.length)
    notes.push(
      `rule:sets(${index.phrases[set.phrase]!.text} holds ${contents.map((m) => index.phrases[m.phrase]!.text).join(', ')})`,
    );
  return factors;
}

function addPhrases(
  index: TermIndex,
  text: string,
  words: readonly Span[],
  entry: (typeId: number) => Lexical,
  notes: string[],
): boolean[] {
  const matches = matchPhrases(index, text, words);
  const covered = new Array<boolean>(text.length).fill(false);
  const best = new Map<number, number>();
  const goods = new Set<number>();
  const byRule = [
    ...containerByForm(index, text, matches, notes),
    ...fittingFor(index, text, matches, notes, goods),
    ...setContents(index, text, matches, notes),
  ];
  for (const m of matches) {
    for (let i = m.start; i < m.end; i += 1) covered[i] = true;
    const head = headFactor(index, text, m, matches, goods.has(m.phrase));
    best.set(m.phrase, Math.max(best.get(m.phrase) ?? 0, head));
  }
  for (const [phrase, factor] of byRule)
    best.set(phrase, best.has(phrase) ? Math.min(best.get(phrase)!, factor) : factor);
  for (const [phraseId, head] of best) {
    const phrase = index.phrases[phraseId]!;
    for (const typeId of phrase.typeIds) {
      const s = entry(typeId);
      s.raw += phrase.weight * head;
      s.terms.push(phrase.text);
      if (!phrase.qualifier && head > 0) s.noun = true;
      if (!phrase.qualifier && head > 0 && phrase.text.length > 1) s.longNoun = true;
    }
  }
  return covered;
}

/**
 * The head-noun fallback (term-index.ts) when no goods phrase matched: half the weight of the
 * weakest phrase it stands for; the first (residual) phrase leads, the others follow at 0.9.
 */
function addHeadNouns(
  index: TermIndex,
  text: string,
  covered: boolean[],
  entry: (typeId: number) => Lexical,
  notes: string[],
): void {
  for (const { phrases, at } of headNounFallback(index, text, covered)) {
    covered[at] = true;
    const weight = Math.min(...phrases.map((id) => index.phrases[id]!.weight)) * params.headNounFactor;
    notes.push(`rule:head-noun(${text[at]} read as ${phrases.map((id) => index.phrases[id]!.text).join('/')})`);
    phrases.forEach((id, i) => {
      for (const typeId of index.phrases[id]!.typeIds) {
        const s = entry(typeId);
        s.raw += weight * (i === 0 ? 1 : 0.9);
        s.terms.push(index.phrases[id]!.text);
        s.noun = true;
        s.headOnly = true;
      }
    });
  }
}

/** Phrase scores, then fuzzy grams of what neither a phrase nor a facet word (material…) covered. */
function lexicalScores(
  index: TermIndex,
  text: string,
  notes: string[],
  exact?: { covered: boolean[] },
): Map<number, Lexical> {
  const scores = new Map<number, Lexical>();
  const entry = (typeId: number) => {
    let s = scores.get(typeId);
    if (!s)
      scores.set(typeId, (s = { typeId, raw: 0, terms: [], noun: false, longNoun: false, fuzzy: 0, headOnly: false }));
    return s;
  };
  const words = scanFacets(text);
  const covered = addPhrases(index, text, words, entry, notes);
  for (const w of words) for (let i = w.start; i < w.end; i += 1) covered[i] = true;
  if (exact) exact.covered = covered.slice();
  if (![...scores.values()].some((s) => s.noun)) addHeadNouns(index, text, covered, entry, notes);
  let leftover = '';
  for (let i = 0; i < text.length; i += 1) leftover += covered[i] ? ' ' : text[i];
  for (const gram of new Set(fuzzyGrams(leftover))) {
    const posting = index.grams.get(gram);
    if (!posting) continue;
    const [term, credit] = [`~${gram}`, params.fuzzyWeight * posting.weight];
    for (const typeId of posting.typeIds) {
      const s = entry(typeId);
      s.raw += credit;
      s.fuzzy += credit;
      s.terms.push(term);
    }
  }
  return scores;
}

/** Keeps `scored` as its HS8's entry if it beats the one there (ties: the lower product-type code). */
function keepBest(index: TermIndex, best: Map<string, Scored>, scored: Scored) {
  const hs8 = index.types[scored.typeId]!.hs8;
  const current = best.get(hs8);
  if (
    !current ||
    scored.raw > current.raw ||
    (scored.raw === current.raw && index.types[scored.typeId]!.code < index.types[current.typeId]!.code)
  ) {
    best.set(hs8, scored);
  }
}

/**
 * Figure siblings (GIR 1): the words of a code whose range the title's figure breaks name goods of its
 * heading, and the figure picks the subheading — 铁桶 is an alias of 7310.10 (盛装物料的钢铁容器，
 * 50L≤容积≤300L), a 铁桶 20L is a drum of 7310.29.90 (其他盛装物料用钢铁容器，容积<50L). The codes of the
 * heading whose ranges hold the figure (and break none) and whose names, besides their ranges, are most
 * like the broken code's (`figureSiblingStem` at least: a relay's voltage does not make it a switch)
 * take the broken code's words at what it scored before the conflict, less `figureSiblingCost`.
 */
function toFigureSiblings(
  index: TermIndex,
  best: Map<string, Scored>,
  broken: { scored: Scored; before: number },
  figures: readonly Figure[],
) {
  const from = index.types[broken.scored.typeId]!.hs8;
  const stem = index.figureStems[broken.scored.typeId]!;
  const holding = (index.rangedByHeading.get(from.slice(0, 4)) ?? []).flatMap((typeId) => {
    const fit = figureFit(figures, index.figureRanges[typeId]!);
    const like = stemSimilarity(stem, index.figureStems[typeId]!);
    return fit.score < 0 || fit.fitted.length === 0 || like < figureSiblingStem ? [] : [{ typeId, fit, like }];
  });
  const closest = Math.max(...holding.map((h) => h.like));
  for (const { typeId, fit } of holding.filter((h) => h.like === closest)) {
    keepBest(index, best, {
      ...broken.scored,
      typeId,
      raw: broken.before - figureSiblingCost,
      figures: [...fit.fitted, `rule:figure-range(words of ${from}; 以${from}的品名词归入)`],
    });
  }
}

/** Best-scoring type of each HS8 among the plausible ones, best first. */
/** `exact`, when given, receives which characters an exact phrase or a material word covers. */
function rankByHs8(
  index: TermIndex,
  text: string,
  query: { facets: readonly FacetValue[]; figures: readonly Figure[] },
  notes: string[],
  exact?: { covered: boolean[] },
): Scored[] {
  const best = new Map<string, Scored>();
  const brokenRanges: { scored: Scored; before: number }[] = [];
  for (const s of lexicalScores(index, text, notes, exact).values()) {
    if (!s.noun && s.fuzzy < params.minFuzzyOnly) continue;
    const fit = facetFit(query.facets, index.facets[s.typeId]!);
    const figure = figureFit(query.figures, index.figureRanges[s.typeId]!);
    const beforeFigures = s.raw + params.facetWeight * fit.score;
    const scored: Scored = {
      typeId: s.typeId,
      raw: beforeFigures + params.facetWeight * figure.score,
      lexical: s.raw,
      oneCharNoun: s.noun && !s.longNoun && !s.headOnly,
      headNounOnly: s.headOnly,
      words: s.terms,
      figures:
        figure.fitted.length + figure.contradicted.length ? [...figure.fitted, ...figure.contradicted] : undefined,
      conflicts: fit.conflicts,
      byFacet: fit.byFacet,
    };
    if (figure.score < 0) brokenRanges.push({ scored, before: beforeFigures });
    keepBest(index, best, scored);
  }
  for (const broken of brokenRanges) toFigureSiblings(index, best, broken, query.figures);
  const codeOf = (s: Scored) => index.types[s.typeId]!.hs8;
  return chapterNotes(lastInNumericalOrder([...best.values()], codeOf, notes), codeOf, notes);
}

/**
 * The softmax mass of the candidates. Codes of one subheading (HS6) other than the top's are split
 * only by an attribute (knitted / crocheted curtains, 6303.12.10 / .20): one alternative to the top,
 * not two, so each such group counts with its best weight. The top's own subheading counts in full.
 */
function alternativesTotal(index: TermIndex, ranked: readonly Scored[], weights: readonly number[]): number {
  const topHs6 = index.types[ranked[0]!.typeId]!.hs8.slice(0, 6);
  const best = new Map<string, number>();
  let total = 0;
  ranked.forEach((s, i) => {
    const hs6 = index.types[s.typeId]!.hs8.slice(0, 6);
    if (hs6 === topHs6) total += weights[i]!;
    else best.set(hs6, Math.max(best.get(hs6) ?? 0, weights[i]!));
  });
  for (const w of best.values()) total += w;
  return total;
}

/** Each shown candidate's softmax share (0..1); the top's carries the confidence discounts. */
function sharesOf(index: TermIndex, ranked: readonly Scored[], discounts: readonly Discount[]): number[] {
  if (ranked.length === 0) return [];
  const factor = discounts.reduce((f, d) => f * d.factor, 1);
  const top = Math.max(ranked[0]!.raw, params.noneScore);
  const weights = ranked.map((s) => Math.exp((s.raw - top) / params.temperature));
  const total = alternativesTotal(index, ranked, weights) + Math.exp((params.noneScore - top) / params.temperature);
  return weights.map((w, i) => (w / total) * (i === 0 ? factor : 1));
}

interface Explain {
  notes: readonly string[];
  discounts: readonly Discount[];
  queryFacets: readonly FacetValue[];
  figures: readonly Figure[];
}

/** One candidate of the answer; `extra` notes (the second opinion's) follow the rules' own. */
function toCandidate(index: TermIndex, s: Scored, score: number, explain: Explain, extra: readonly string[]) {
  const type = index.types[s.typeId]!;
  return {
    productTypeCode: type.code,
    hsCode: type.hsCode,
    name: type.nameZh,
    score: Math.round(score * 1e6) / 1e6,
    matchedTerms: [
      ...new Set([
        ...s.words,
        ...fittedWords(explain.queryFacets, index.facets[s.typeId]!, s.byFacet),
        ...(s.figures ?? []),
        ...explain.notes,
        ...extra,
      ]),
    ],
  };
}

/** The first `limit` of `ranked` as candidates, each with its share (sharesOf over the same list and discounts). */
function toCandidates(
  index: TermIndex,
  ranked: readonly Scored[],
  shares: readonly number[],
  limit: number,
  explain: Explain,
): MatchCandidate[] {
  return ranked
    .slice(0, limit)
    .map((s, i) => toCandidate(index, s, shares[i]!, explain, i === 0 ? explain.discounts.map((d) => d.note) : []));
}

const blank = (typeId: number): Scored => ({ typeId, raw: 0, lexical: 0, words: [], conflicts: [], byFacet: {} });

/**
 * The rules' candidates (a wider list than shown) re-ranked by the learned second opinion
 * (second-opinion.ts); codes it adds stand on a type of their HS8 with no words of their own.
 */
function withModel(
  index: TermIndex,
  model: ModelStep,
  text: string,
  shown: readonly Scored[],
  limit: number,
  explain: Explain,
) {
  // The discounts say how sure the rules are of their top, not where it ranks: they apply after the re-rank.
  const shares = sharesOf(index, shown, []);
  const factor = explain.discounts.reduce((f, d) => f * d.factor, 1);
  const ranked = shown.map((s, i) => ({ hs8: index.types[s.typeId]!.hs8, share: shares[i]!, scored: s }));
  const outside = (hs8: string) => {
    const typeId = model.typeOf.get(hs8);
    return typeId !== undefined && figureFit(explain.figures, index.figureRanges[typeId]!).score < 0;
  };
  return rankWithModel(model, text, ranked, limit, outside).map(({ code, hs8, score, notes }) => {
    const scored = code?.scored ?? blank(model.typeOf.get(hs8)!);
    const rulesTop = code?.scored === shown[0];
    const discounts = rulesTop ? explain.discounts.map((d) => d.note) : [];
    return toCandidate(index, scored, rulesTop ? score * factor : score, explain, [...discounts, ...notes]);
  });
}

/**
 * The rules' candidates, then the learned second opinion on a wider list of them unless the rules
 * are sure (`model.params.sure`): then their answer stands, noted `model:title-nb@<id>(rules sure …)`.
 */
function answer(index: TermIndex, model: ModelStep | null, read: ReturnType<typeof readAndRank>, limit: number) {
  const { notes, queryFacets, ranked, discounts, figures } = read;
  const hs8Of = (s: Scored) => index.types[s.typeId]!.hs8;
  const ruleNotes = [...notes];
  const open = withOpenSiblings(ranked, queryFacets, hs8Of, limit, ruleNotes);
  const shown = withResiduals(index, open, limit, ruleNotes);
  const explain = { notes: ruleNotes, discounts, queryFacets, figures };
  // Worked out once: the answer's scores, and what tells whether the rules are sure enough to stand alone.
  const shares = sharesOf(index, shown, discounts);
  if (!model) return toCandidates(index, shown, shares, limit, explain);
  if (shown.length === 0 || (shares[0] ?? 0) >= model.params.sure) {
    return toCandidates(index, shown, shares, limit, {
      ...explain,
      notes: shown.length ? [...ruleNotes, model.sureNote] : ruleNotes,
    });
  }
  const wideNotes = [...notes];
  const wide = Math.max(limit, model.params.pool);
  const wider = withResiduals(index, withOpenSiblings(ranked, queryFacets, hs8Of, wide, wideNotes), wide, wideNotes);
  return withModel(index, model, read.read, wider, limit, { ...explain, notes: wideNotes });
}

/**
 * Residual fill: when fewer candidates than asked for survive, the residual codes ("其他…",
 * "未列名…") of the top candidate's heading follow, same subheading first — the tariff's answer for
 * goods of that kind the specific subheadings do not name (a USB desk fan under 8414.51.99). They
 * carry a negligible share (raw 4 below the top, and below every other candidate) and the note `rank:residual(<code>)`.
 */
function withResiduals(index: TermIndex, ranked: readonly Scored[], limit: number, notes: string[]): Scored[] {
  const top = ranked[0];
  if (!top || ranked.length >= limit) return [...ranked];
  const topHs8 = index.types[top.typeId]!.hs8;
  const present = new Set(ranked.map((s) => index.types[s.typeId]!.hs8));
  const inTopSubheading = (id: number) => Number(index.types[id]!.hs8.startsWith(topHs8.slice(0, 6)));
  const residual = (index.residualsByHeading.get(topHs8.slice(0, 4)) ?? [])
    .filter((id) => !present.has(index.types[id]!.hs8))
    .sort((a, b) => inTopSubheading(b) - inTopSubheading(a))
    .slice(0, limit - ranked.length);
  if (residual.length === 0) return [...ranked];
  notes.push(...residual.map((id) => `rank:residual(${index.types[id]!.hs8})`));
  // Below every surviving candidate, so the list stays best first.
  const raw = Math.min(top.raw - 4, ranked[ranked.length - 1]!.raw - 0.01);
  const filler = (typeId: number): Scored => ({
    ...top,
    typeId,
    raw,
    words: [],
    conflicts: [],
    byFacet: {},
  });
  return [...ranked, ...residual.map(filler)];
}

/** The title's facets, less a fibre reading the fur-hair rule drops (its note goes to `notes`). */
function readFacets(text: string, notes: string[]): FacetValue[] {
  const fur = furHair(text, titleFacets(text));
  notes.push(...fur.notes);
  return fur.values;
}

/**
 * The title read by the tariff rules, its English misspellings read as catalogue words, then ranked;
 * where a character no exact word covered is a same-sound misspelling of a goods phrase (手题包), the
 * title is read again with the phrase (a second pass only for such titles).
 */
function readAndRank(index: TermIndex, spell: SpellIndex, keep: RegExp | null, description: string) {
  const title = readTitle(description, keep);
  const english = readEnglishMisspellings(spell, title.text);
  let text = english.text;
  let notes = [...title.notes];
  let queryFacets = readFacets(text, notes);
  const exact = { covered: [] as boolean[] };
  const stemmed = stemLatin(text);
  let ranked = rankByHs8(index, stemmed, { facets: queryFacets, figures: title.figures }, notes, exact);
  const sameSound = readSameSound(index, spell, stemmed, exact.covered);
  if (sameSound.length) {
    text = readAsCorrected(text, sameSound);
    notes = [...title.notes];
    queryFacets = readFacets(text, notes);
    ranked = rankByHs8(index, stemLatin(text), { facets: queryFacets, figures: title.figures }, notes);
  }
  const corrections = [...sameSound, ...english.corrections];
  notes.push(...corrections.map((c) => c.note));
  const discounts = [...confidenceDiscounts(ranked, queryFacets), ...readAsDiscount(ranked[0], corrections)];
  const read = sameSound.length ? stemLatin(text) : stemmed;
  return { notes, queryFacets, figures: title.figures, ranked, discounts, read };
}

export interface MatcherOptions {
  abstainBelow?: number;
  /**
   * Labelled titles for the learned second opinion (second-opinion.ts); by default the committed
   * `catalogue/labelled-titles.csv`. `null` matches by the rules alone.
   */
  labelledTitles?: LabelledTitleSet | null;
}

export function createMatcher(types: readonly ProductType[], options?: MatcherOptions): Matcher {
  const index = buildTermIndex(types);
  const spell = buildSpellIndex(index);
  const keep = keptPhrases(types.flatMap((type) => type.aliases));
  const abstainBelow = options?.abstainBelow ?? params.abstainBelow;
  const labelled = options?.labelledTitles === undefined ? loadLabelledTitles() : options.labelledTitles;
  const model = labelled
    ? learnTitles(index.types, types, labelled, (text) => stemLatin(readTitle(text, keep).text))
    : null;
  return {
    size: types.length,
    modelId: model?.id ?? null,
    match(description: string, limit = 3): MatchResult {
      const read = readAndRank(index, spell, keep, description);
      const candidates = answer(index, model, read, Math.max(1, limit));
      const abstained = candidates.length === 0 || candidates[0]!.score < abstainBelow;
      return { abstained, candidates };
    },
  };
}
