import type { FacetName, FacetValue } from './facets';
import { isCjkCode } from './normalise';

/**
 * Ordering the candidates of a title, as the General Interpretative Rules order headings, and how
 * confident the matcher is in the first one.
 *
 * - lastInNumericalOrder — GIR 3(c): when goods cannot be classified by 3(a) (the most specific
 *   description) or 3(b) (essential character), they go to the heading that occurs last in
 *   numerical order among those that equally merit consideration. Scores are the matcher's reading
 *   of 3(a) and 3(b); among codes whose scores are equal (to 1e-9) the one of the last heading
 *   comes first, and the note `rule:gir-3c(…)` says so when it decided the top candidate. Inside
 *   one heading an equal score is no such case: the subheadings differ in an attribute the title
 *   does not give, and the specific subheading is read before the residual "other" one (GIR 6 with
 *   3(a)), so there the lower code stays first.
 */
const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function tieOrder(a: string, b: string): number {
  const [ha, hb] = [a.slice(0, 4), b.slice(0, 4)];
  if (ha !== hb) return ha > hb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function lastInNumericalOrder<T extends { raw: number }>(
  candidates: readonly T[],
  codeOf: (candidate: T) => string,
  notes: string[],
): T[] {
  const keyed = candidates.map((c) => ({ c, code: codeOf(c) }));
  keyed.sort((a, b) => (same(a.c.raw, b.c.raw) ? tieOrder(a.code, b.code) : b.c.raw - a.c.raw));
  const ranked = keyed.map((k) => k.c);
  const tied = ranked.filter((c) => ranked[0] && same(c.raw, ranked[0].raw));
  if (new Set(tied.map((c) => codeOf(c).slice(0, 4))).size > 1)
    notes.push(`rule:gir-3c(${codeOf(tied[0]!)} of the last heading among ${tied.map(codeOf).join(', ')})`);
  return ranked;
}

/**
 * chapterNotes — GIR 1: the chapter notes decide before the texts are weighed. Chapter 39 note 2
 * excludes the articles of chapter 95 (toys, festive articles, sports requisites) from plastics, and
 * chapter 95 note 1 excludes sports bags and other containers of heading 42.02 from chapter 95. When
 * the title reads a goods noun of its own (two characters or more, not a fuzzy gram) for the code a
 * note keeps, with no attribute against it and close behind (raw within `noteMargin`) a code of the
 * chapter the note excludes the goods from, the two change places: their scores are swapped. Note
 * `rule:chapter-notes(<kept> over <excluded>: …)`.
 */
const precedence: ReadonlyArray<{ over: RegExp; kept: RegExp; note: string }> = [
  {
    over: /^39/,
    kept: /^95/,
    note: 'chapter 39 note 2: articles of chapter 95 are not plastics; 第39章注释二：第95章的物品不归入塑料制品',
  },
  {
    over: /^95/,
    kept: /^4202/,
    note: 'chapter 95 note 1: sports bags and other containers are 4202; 第95章注释一：运动用包及容器归4202',
  },
];
const noteMargin = 1;
const ownNoun = (c: Evidence) =>
  !c.headNounOnly && (c.words ?? []).some((w) => !w.startsWith('~') && !w.includes(':') && phraseLength(w) >= 2);

export function chapterNotes<T extends Evidence>(
  ranked: readonly T[],
  codeOf: (candidate: T) => string,
  notes: string[],
): T[] {
  const top = ranked[0];
  const rule = top && precedence.find((r) => r.over.test(codeOf(top)));
  if (!top || !rule) return [...ranked];
  const kept = ranked.find(
    (c) => rule.kept.test(codeOf(c)) && c.conflicts.length === 0 && ownNoun(c) && top.raw - c.raw <= noteMargin,
  );
  if (!kept) return [...ranked];
  notes.push(`rule:chapter-notes(${codeOf(kept)} over ${codeOf(top)}: ${rule.note})`);
  const swapped = ranked.map((c) =>
    c === top ? { ...top, raw: kept.raw } : c === kept ? { ...kept, raw: top.raw } : c,
  );
  return swapped.sort((a, b) => b.raw - a.raw);
}

/** What the confidence reads of a ranked candidate. */
export interface Evidence {
  raw: number;
  /** Phrase and fuzzy part of `raw`, without the facet fit. */
  lexical: number;
  /** Facets the title states and the candidate's code contradicts. */
  conflicts: readonly FacetName[];
  byFacet: Partial<Record<FacetName, number>>;
  /** The phrases and fuzzy grams (`~…`) it matched; fuzzy grams are no reading of a phrase. */
  words?: readonly string[];
  /** Its only goods nouns are single Chinese characters (碗, 车, 杯). */
  oneCharNoun?: boolean;
  /** Its only goods noun is the head-noun fallback: a bare 包/箱/鞋/帽 of a word the catalogue does not know. */
  headNounOnly?: boolean;
}

export interface Discount {
  factor: number;
  note: string;
}

/**
 * Discounts of the top candidate's share (the softmax against the runners-up and "none of these",
 * which already reads the margin to the next code and the strength of the evidence):
 *
 * - contradicted: the title states an attribute (material, make, gender, power …) that the top code
 *   contradicts, so no candidate fits what the seller said — usually goods the catalogue has no word
 *   for, matched through a noun they share with other goods (a fur scarf read as a textile scarf);
 *   the sole of footwear is excluded (a sole the code's name does not list is no evidence);
 * - defaulted: the runner-up matched the same words, and what separates the two is an attribute the
 *   title does not state (the code won by the market's usual make or an unmarked default);
 * - one-character-noun: the code's only goods nouns are single Chinese characters, which name goods
 *   loosely and often sit inside a longer word the catalogue does not know (碗 in 洗碗, 车 in 擦车巾,
 *   杯 in 行李箱杯架): on dev, tuning and tuning-rank such answers were wrong 5 times in 27;
 * - head-noun-only: the only goods noun is the head-noun fallback (a bare 包 of 游泳包): the kind of
 *   goods is known, the goods are not, so the candidates are shown and the matcher abstains;
 * - more-specific-runner-up: GIR 3(a) prefers the heading with the most specific description, and a
 *   runner-up (second or third) read a longer phrase of the title than any the top code read
 *   (焊接链 against 链条, 獭兔皮 against 熟皮, 日字扣 against 背包): the top won on the count of
 *   general words or on an attribute, yet another code names the goods more closely. On the
 *   pooled dev and tuning rows 30 titles had it and 12 of them were wrong (1.1% of the rest).
 */
const addedWork: ReadonlySet<FacetName> = new Set(['embroidery', 'print']);

export const discountFactors = { contradicted: 0.5, defaulted: 0.9, oneChar: 0.8, headNoun: 0.5, moreSpecific: 0.7 };

/** Each `confidence:` note, explained to a buyer in Chinese and English. */
export const discountExplanations: Readonly<Record<string, { zh: string; en: string }>> = {
  contradicted: { zh: '标题所述属性与该编码不符', en: 'the title states an attribute this code contradicts' },
  defaulted: {
    zh: '与次选编码只差标题未写明的属性，按常见情形选择',
    en: 'only an attribute the title does not state separates it from the runner-up; the usual one was assumed',
  },
  'one-character-noun': { zh: '仅凭单字商品名匹配', en: 'matched only through a one-character goods noun' },
  'head-noun-only': {
    zh: '仅识别出商品大类（如"包"），未识别具体商品',
    en: 'only the kind of goods (a bare 包) was read',
  },
  'more-specific-runner-up': {
    zh: '其他候选编码匹配到标题中更长、更具体的词（归类总规则三(一)：具体列名优先）',
    en: 'another candidate read a longer, more specific phrase of the title (GIR 3(a): the most specific description)',
  },
  'read-as': { zh: '依据对错别字的纠正匹配', en: 'matched through a word the title only misspelt' },
};

/** Length of a phrase as read: a Chinese character counts 1, a Latin word 2 (about a two-character word). */
function phraseLength(phrase: string): number {
  let length = 0;
  let inLatin = false;
  for (let i = 0; i < phrase.length; i += 1) {
    const c = phrase.charCodeAt(i);
    const latin = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (latin && !inLatin) length += 2;
    else if (isCjkCode(c)) length += 1;
    inLatin = latin;
  }
  return length;
}

/** The longest phrase a candidate read (fuzzy grams are no reading of a phrase). */
function longestPhrase(candidate: Evidence | undefined): { phrase: string; length: number } {
  let best = { phrase: '', length: 0 };
  for (const w of candidate?.words ?? []) {
    if (w.startsWith('~')) continue;
    const length = phraseLength(w);
    if (length > best.length) best = { phrase: w, length };
  }
  return best;
}

/** The longest phrase a runner-up (second or third) read, when it is longer than every phrase of the top. */
export function moreSpecificRunnerUp(ranked: readonly Evidence[]): string | undefined {
  if (ranked.length < 2) return undefined;
  const own = longestPhrase(ranked[0]).length;
  const [second, third] = [longestPhrase(ranked[1]), longestPhrase(ranked[2])];
  const longer = third.length > second.length ? third : second;
  return longer.length > own ? longer.phrase : undefined;
}

function decidingFacets(top: Evidence, next: Evidence): FacetName[] {
  const facets = [...new Set([...Object.keys(top.byFacet), ...Object.keys(next.byFacet)])] as FacetName[];
  return facets.filter((f) => !same(top.byFacet[f] ?? 0, next.byFacet[f] ?? 0));
}

export function confidenceDiscounts(ranked: readonly Evidence[], queryFacets: readonly FacetValue[]): Discount[] {
  const [top, next] = ranked;
  if (!top) return [];
  const discounts: Discount[] = [];
  const contradicted = top.conflicts.filter((f) => f !== 'sole');
  if (contradicted.length)
    discounts.push({ factor: discountFactors.contradicted, note: `contradicted(${contradicted.join('+')})` });
  if (top.oneCharNoun) discounts.push({ factor: discountFactors.oneChar, note: 'one-character-noun' });
  if (top.headNounOnly) discounts.push({ factor: discountFactors.headNoun, note: 'head-noun-only' });
  const specific = moreSpecificRunnerUp(ranked);
  if (specific !== undefined)
    discounts.push({ factor: discountFactors.moreSpecific, note: `more-specific-runner-up(${specific})` });
  if (next && same(top.lexical, next.lexical)) {
    // Embroidery and printing are added work a seller names: a title without them reads as plain goods.
    const deciding = decidingFacets(top, next).filter((f) => !addedWork.has(f) || (top.byFacet[f] ?? 0) < 0);
    if (deciding.length && !deciding.some((f) => queryFacets.some((q) => q.facet === f && !q.usual)))
      discounts.push({ factor: discountFactors.defaulted, note: `defaulted(${deciding.join('+')})` });
  }
  return discounts.map((d) => ({ ...d, note: `confidence:${d.note}×${d.factor}` }));
}

/**
 * openSiblings — when the title leaves open the attribute that separates the top code from a sibling
 * (same heading, the same words matched, and only attributes the title does not state tell them
 * apart: material, knitted or woven, gender, precious or not …), that sibling is the likeliest
 * alternative: such siblings come right after the top candidate, ahead of codes of other headings
 * that matched other words, when one of them would otherwise fall outside the first `limit`
 * candidates. Their scores stay their own shares. Note `rank:open-sibling(<code> by <facets>)`.
 */
export function withOpenSiblings<T extends Evidence>(
  ranked: readonly T[],
  queryFacets: readonly FacetValue[],
  codeOf: (candidate: T) => string,
  limit: number,
  notes: string[],
): T[] {
  const [top, ...rest] = ranked;
  if (!top || limit < 2) return [...ranked];
  const stated = (f: FacetName) => queryFacets.some((q) => q.facet === f && !q.usual);
  const open = rest.filter((c) => {
    if (codeOf(c).slice(0, 4) !== codeOf(top).slice(0, 4) || !same(c.lexical, top.lexical)) return false;
    const deciding = decidingFacets(top, c);
    return deciding.length > 0 && !deciding.some(stated);
  });
  const shown = open.slice(0, limit - 1);
  if (shown.every((c) => ranked.indexOf(c) < limit)) return [...ranked];
  for (const c of shown.filter((c) => ranked.indexOf(c) >= limit))
    notes.push(`rank:open-sibling(${codeOf(c)} by ${decidingFacets(top, c).join('+')})`);
  const merged = [top, ...shown, ...rest.filter((c) => !shown.includes(c)).slice(0, limit - 1 - shown.length)];
  return [...merged, ...ranked.filter((c) => !merged.includes(c))];
}
