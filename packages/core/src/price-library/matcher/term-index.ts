/**
 * The in-process term index over the product types of one library version.
 *
 * Two kinds of terms: whole PHRASES (the catalogue's aliases and short names, matched as exact
 * substrings, longest match wins) and, for the words a phrase did not cover, FUZZY grams
 * (Chinese character bigrams, English stemmed words) that give partial credit for unseen
 * compounds and misspellings. Both are weighted by inverse document frequency counted over
 * HS8 codes, so a word shared by many codes (包, 用品) weighs little and a word of one code
 * (吹风机) weighs much. No database and no collation: CJK is handled here, in code.
 */
import { groupBy } from '../../shared/collections';
import type { ProductType } from '../catalogue/catalogue';
import { type FacetValue, isLatinAt, residualWord, scanFacets, typeFacets } from './facets';
import { codeRanges, figureStem, type FigureRange } from './figures';
import { featureWords, qualifierWords, stopWords } from './lexicon';
import { normaliseText, stemLatin } from './normalise';

export interface Phrase {
  text: string;
  typeIds: readonly number[];
  weight: number;
  qualifier: boolean;
  feature: boolean;
  /** A bare parts word (配件, 箱包配件, parts): it says the goods are fittings and is no other goods noun. */
  parts: boolean;
  /** The phrase is also a make or material word of the facet scanner (钩针, 牛仔). */
  attribute: boolean;
}

export interface TermIndex {
  types: readonly ProductType[];
  facets: readonly FacetValue[][];
  /** The figure ranges each type's official name states (figures.ts). */
  figureRanges: readonly FigureRange[][];
  /** Official types whose name states a figure range, by heading (HS4). */
  rangedByHeading: ReadonlyMap<string, readonly number[]>;
  /** Each type's name without its ranges (figures.ts `figureStem`); '' for a type with none. */
  figureStems: readonly string[];
  phrases: readonly Phrase[];
  /**
   * Character trie: node → (UTF-16 code unit → child); `phraseAt[node]` is the phrase ending there or
   * -1. Keyed by code unit, so a walk reads `charCodeAt` and makes no one-character string per step.
   */
  children: Map<number, number>[];
  phraseAt: number[];
  grams: Map<string, { typeIds: number[]; weight: number }>;
  /** The 4202 storage-bag phrase (收纳包), which a soft container named by its contents counts as; -1 if absent. */
  storageBagPhrase: number;
  /** Phrase id by text. */
  phraseIds: ReadonlyMap<string, number>;
  /** Residual codes ("其他", "未列名") by heading (HS4): a type id of each, lowest code first. */
  residualsByHeading: ReadonlyMap<string, readonly number[]>;
}

const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;

const soleWord = /\s*(?:鞋底|大底|外底|底|soles?|outsoles?)$/;

/**
 * True when a word is nothing but material words (materials are read as facets, not phrases), or a
 * material and "sole" (橡胶底, rubber sole): the sole is an attribute of footwear, not the goods.
 */
export function isMaterialOnly(text: string): boolean {
  const bare = text.replace(soleWord, '');
  if (bare !== text && bare.length > 0 && isMaterialOnly(bare)) return true;
  const hits = scanFacets(text).filter((hit) => hit.value.facet === 'material');
  const covered = hits.reduce((n, hit) => n + (hit.end - hit.start), 0);
  return hits.length > 0 && covered >= text.replace(/[\s+]/g, '').length;
}

/**
 * Headings whose goods ARE a material: primary plastics (3901–3914), hides and leather (4101–4115),
 * raw and tanned furskins (4301–4302), silk, wool, cotton and man-made fibres and yarns
 * (5001–5511), pearls, stones and unwrought precious metals (7101–7112). There a word that is only
 * a material (貂皮, 獭兔皮, 聚乙烯, 黄金) names the goods and stays a phrase; elsewhere it is read
 * as a facet only. Beside another goods noun it describes that noun (see headFactor).
 */
export function isMaterialGoods(hs8: string): boolean {
  const hs4 = hs8.slice(0, 4);
  return (
    (hs4 >= '3901' && hs4 <= '3914') ||
    (hs4 >= '4101' && hs4 <= '4115') ||
    (hs4 >= '4301' && hs4 <= '4302') ||
    (hs4 >= '5001' && hs4 <= '5511') ||
    (hs4 >= '7101' && hs4 <= '7112')
  );
}

function phraseLengthFactor(text: string): number {
  const words = text.split(' ').length;
  if (!cjk.test(text)) return words > 1 ? 1 : 0.8;
  const chars = [...text.replace(/\s/g, '')].length;
  return chars <= 1 ? 0.5 : chars === 2 ? 0.8 : 1;
}

/** Chinese bigrams of each CJK run and stemmed English words of a normalised text. */
export function fuzzyGrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i += 1) grams.push(run.slice(i, i + 2));
  }
  for (const word of text.match(/[a-z][a-z0-9]+/g) ?? [])
    if (word.length >= 3 && !stopWords.has(word)) grams.push(word);
  return grams;
}

const idf = (codes: number, hs8Count: number) => Math.log(1 + hs8Count / codes);

function termsOf(type: ProductType): { phrases: string[]; grams: string[] } {
  const aliases = type.aliases.map((alias) => stemLatin(normaliseText(alias))).filter(Boolean);
  const name = stemLatin(normaliseText(type.nameZh));
  const phrases = [...aliases, ...(name.length <= 8 ? [name] : [])].filter(
    (p) => isMaterialGoods(type.hs8) || !isMaterialOnly(p),
  );
  const grams = [...aliases, name, stemLatin(normaliseText(type.nameEn))].flatMap(fuzzyGrams);
  return { phrases: [...new Set(phrases)], grams: [...new Set(grams)] };
}

/** Adds each phrase to the trie; returns the node ids where phrases end. */
function buildTrie(texts: readonly string[]): { children: Map<number, number>[]; phraseAt: number[] } {
  const children: Map<number, number>[] = [new Map()];
  const phraseAt: number[] = [-1];
  texts.forEach((text, id) => {
    let node = 0;
    for (let i = 0; i < text.length; i += 1) {
      const ch = text.charCodeAt(i);
      let next = children[node]!.get(ch);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        phraseAt.push(-1);
        children[node]!.set(ch, next);
      }
      node = next;
    }
    phraseAt[node] = id;
  });
  return { children, phraseAt };
}

function hs8Weight(typeIds: readonly number[], types: readonly ProductType[], hs8Count: number): number {
  return idf(new Set(typeIds.map((id) => types[id]!.hs8)).size, hs8Count);
}

/** Tells each residual ("other materials") value which materials its heading's other codes name. */
export function withClaims(types: readonly ProductType[], facets: FacetValue[][]): FacetValue[][] {
  const named = new Map<string, Set<string>>();
  facets.forEach((values, id) => {
    const hs8 = types[id]!.hs8;
    for (const v of values)
      if (v.facet === 'material' && !v.other)
        for (const group of [hs8.slice(0, 4), hs8.slice(0, 5)])
          named.set(group, (named.get(group) ?? new Set()).add(v.path));
  });
  // Only narrower materials are claimed: "其他钢铁" leaves out 不锈钢 and 铸铁, not 钢铁 itself.
  return facets.map((values, id) => {
    const siblingsIn = (digits: number) => [...(named.get(types[id]!.hs8.slice(0, digits)) ?? [])];
    const claims = (v: FacetValue) =>
      siblingsIn(v.claimsInSubheading ? 5 : 4).filter((p) =>
        v.path === 'other-material' ? p !== v.path : p.startsWith(`${v.path}/`),
      );
    return values.map((v) => {
      if (v.other) return { ...v, claimed: claims(v) };
      if (!v.otherIfClaimed) return v;
      const claimed = claims(v);
      // 其他未搪瓷钢铁 stays a code of iron or steel; only the kinds its subheading's siblings name are excluded.
      if (v.claimsInSubheading) return claimed.length === 0 ? v : { ...v, claimed };
      return claimed.length === 0 ? v : { ...v, other: true, claimed };
    });
  });
}

/** The official type (`PT-<hs8>`) of each residual code, grouped by heading. */
function residuals(types: readonly ProductType[]): Map<string, number[]> {
  const ids = types.flatMap((t, id) => (t.code === `PT-${t.hs8}` && residualWord.test(t.nameZh) ? [id] : []));
  return groupBy(ids, (id) => types[id]!.hs8.slice(0, 4));
}

export function buildTermIndex(types: readonly ProductType[]): TermIndex {
  const hs8Count = new Set(types.map((t) => t.hs8)).size;
  const phraseTypes = new Map<string, number[]>();
  const gramTypes = new Map<string, number[]>();
  types.forEach((type, id) => {
    const { phrases, grams } = termsOf(type);
    for (const p of phrases) phraseTypes.set(p, [...(phraseTypes.get(p) ?? []), id]);
    for (const g of grams) {
      const list = gramTypes.get(g);
      if (list) list.push(id);
      else gramTypes.set(g, [id]);
    }
  });
  const phrases: Phrase[] = [...phraseTypes].map(([text, typeIds]) => ({
    text,
    typeIds,
    weight: hs8Weight(typeIds, types, hs8Count) * phraseLengthFactor(text) * (qualifierWords.has(text) ? 0.35 : 1),
    qualifier: qualifierWords.has(text),
    feature: featureWords.has(text),
    parts: partsWord.test(text),
    attribute:
      isMaterialOnly(text) ||
      scanFacets(text).some((hit) => hit.start === 0 && hit.end === text.length && hit.value.facet === 'make'),
  }));
  const grams = new Map(
    [...gramTypes].map(([gram, typeIds]) => [gram, { typeIds, weight: hs8Weight(typeIds, types, hs8Count) }]),
  );
  const facets = withClaims(
    types,
    types.map((type) => typeFacets(normaliseText(type.nameZh), type.hs8)),
  );
  const storageBagPhrase = phrases.findIndex((p) => p.text === '收纳包');
  const phraseIds = new Map(phrases.map((p, id) => [p.text, id]));
  const trie = buildTrie(phrases.map((p) => p.text));
  const figureRanges = types.map((type) => codeRanges(type.nameZh));
  const ranged = types.flatMap((t, id) => (t.code === `PT-${t.hs8}` && figureRanges[id]!.length ? [id] : []));
  return {
    types,
    facets,
    figureRanges,
    rangedByHeading: groupBy(ranged, (id) => types[id]!.hs8.slice(0, 4)),
    figureStems: types.map((type, id) => (figureRanges[id]!.length ? figureStem(type.nameZh) : '')),
    phrases,
    ...trie,
    grams,
    storageBagPhrase,
    phraseIds,
    residualsByHeading: residuals(types),
  };
}

export interface PhraseMatch {
  phrase: number;
  start: number;
  end: number;
}

/** All phrase occurrences; a Latin edge must sit on a word boundary. */
function findPhrases(index: TermIndex, text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (let start = 0; start < text.length; start += 1) {
    if (start > 0 && isLatinAt(text, start) && isLatinAt(text, start - 1)) continue;
    let node = 0;
    for (let i = start; i < text.length; i += 1) {
      const next = index.children[node]!.get(text.charCodeAt(i));
      if (next === undefined) break;
      node = next;
      const phrase = index.phraseAt[node]!;
      if (phrase >= 0 && !(isLatinAt(text, i) && isLatinAt(text, i + 1))) found.push({ phrase, start, end: i + 1 });
    }
  }
  return found;
}

export interface Span {
  start: number;
  end: number;
}

/**
 * A phrase may not begin or end in the middle of a material word: 金项链 is no match in 合金项链.
 * English words are spaced, so a phrase that starts on a word of a two-word material (fur collar in
 * fox fur collar) does not cross it.
 */
function crossesWord(m: Span, words: readonly Span[], text: string): boolean {
  if (m.start > 0 && text[m.start - 1] === ' ' && isLatinAt(text, m.start)) return false;
  return words.some(
    (w) =>
      (m.start > w.start && m.start < w.end && m.end > w.end) ||
      (m.end > w.start && m.end < w.end && m.start < w.start),
  );
}

/** Occurrences not strictly inside a longer one: in 手提公文包, 公文包 counts and 手提包 does not occur. */
/** A phrase strictly inside a material word is not read: 小羊 is no toy in 小羊皮, 珍珠 no pearl in 珍珠棉. */
function insideWord(m: Span, words: readonly Span[]): boolean {
  return words.some((w) => w.start <= m.start && m.end <= w.end && m.end - m.start < w.end - w.start);
}

export function matchPhrases(index: TermIndex, text: string, words: readonly Span[] = []): PhraseMatch[] {
  const found = findPhrases(index, text)
    .filter((m) => !crossesWord(m, words, text) && !insideWord(m, words))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PhraseMatch[] = [];
  for (const m of found) {
    if (!kept.some((k) => k.start <= m.start && m.end <= k.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Only Chinese characters between two positions, none of them a connector (铅笔带橡皮 is a pencil
 * with an eraser): one compound, whose head comes last (手电钻麻花钻头 are drill bits).
 */
const sameCjkRun = (text: string, from: number, to: number) =>
  /^[\u3400-\u9fff]+$/.test(text.slice(from, to)) && !/[带配含附送加和及与有连或]/.test(text.slice(from, to));

const partsWord = /^(?:箱包|五金|箱包五金)?(?:配件|零件|零配件)$|^(?:hardware )?(?:parts?|accessor(?:y|ie))$/;
const complementAfter = /^(?:适用|通用|专用|可用|兼容|配套)/;
/** "折叠伞 配件": the parts of the goods named before, which the tariff classifies apart (6603, 8302 …). */
const partsAfter = /^\s?(?:配件|零件|零配件|parts?)(?![a-z])/;
/** 牛仔裤用 / 背包用: the noun ending at `end` is closed by 用 (then nothing, a space or 的). */
const usedFor = (text: string, end: number) =>
  text[end] === '用' && (end + 1 === text.length || text[end + 1] === ' ' || text[end + 1] === '的');
const purposeBefore = /(?:^|\s)(?:for|fits|fit)\s+$/;
const styleAfter = /^(?:款|式|型|风|状|形|造型|图案|系列)/;

/**
 * How much a phrase names the goods rather than qualifies them. Chinese puts the head noun last:
 * in 拉链钱包 and 牛仔裤腰带 the first noun only describes the second; 电磁炉适用 names what the
 * goods are used with; 钥匙扣款 names a style.
 */
export function headFactor(
  index: TermIndex,
  text: string,
  m: PhraseMatch,
  all: readonly PhraseMatch[],
  asGoods = false,
): number {
  const phrase = index.phrases[m.phrase]!;
  // A bare parts word (箱包配件, 五金配件, parts) says the goods are fittings; it is no other goods noun.
  const otherNoun = all.some((n) => {
    const other = index.phrases[n.phrase]!;
    return n !== m && !other.feature && !other.qualifier && !other.parts && !usedFor(text, n.end);
  });
  // A feature word the bag-fittings rule found to be the goods (拉链 sold for bags) is not a feature.
  if (phrase.feature && otherNoun && !asGoods) return 0.2;
  // A phrase that is also a make or material word (钩针 crochet hook / crocheted) beside another
  // goods noun describes that noun: 钩针镂空帽 is a crocheted hat.
  if (phrase.attribute && otherNoun) return 0.4;
  const after = text.slice(m.end);
  if (complementAfter.test(after)) return 0;
  // "webbing strap for bags": what follows "for" is the use, not the goods.
  // 牛仔裤用 / 背包用 ("for jeans"): a noun closed by 用 names the use, as English "for" does.
  if (purposeBefore.test(text.slice(0, m.start)) || partsAfter.test(after) || usedFor(text, m.end)) return 0.2;
  if (styleAfter.test(after)) return 0.4;
  const qualifiedBy = all.some(
    (n) =>
      n !== m &&
      n.start > m.start &&
      n.end > m.end &&
      !index.phrases[n.phrase]!.qualifier &&
      // A feature listed after the goods (拉杆箱飞机轮: a case with spinner wheels) does not make them a qualifier.
      !index.phrases[n.phrase]!.feature &&
      (n.start <= m.end || sameCjkRun(text, m.end, n.start)),
  );
  return qualifiedBy ? 0.4 : 1;
}

const containerNoun = /[包袋盒箱套]$|(?:bag|case|box|pouch|organizer|organiser|carrier|holder)$/;
const softAfter = /^(?:收纳)?(?:包(?![装邮括含头边金跟芯裹子])|袋(?!装|鼠))|^\s(?:bag|pouch|carrier)(?![a-z])/;
const rigidAfter = /^(?:收纳)?(?:盒(?!装|子装)|箱(?![装包])|套(?![装件餐]))|^\s(?:case|box)(?![a-z])/;

/**
 * Whether a matched goods noun is followed by a container word, so that the title names a
 * container for those goods (相机 + 包, guitar + case). Nouns that are themselves containers
 * (收纳盒, 笔袋, pencil case) and qualifier words never count as contents.
 */
export function containerOf(
  index: TermIndex,
  text: string,
  m: PhraseMatch,
): { word: string; soft: boolean } | undefined {
  const phrase = index.phrases[m.phrase]!;
  if (phrase.qualifier || containerNoun.test(phrase.text)) return undefined;
  const after = text.slice(m.end);
  const soft = softAfter.exec(after);
  if (soft) return { word: soft[0].trim(), soft: true };
  const rigid = rigidAfter.exec(after);
  return rigid ? { word: rigid[0].trim(), soft: false } : undefined;
}

/**
 * Head-noun fallback: Chinese puts the head noun last, and sellers coin compounds the catalogue does
 * not know (游泳包, 男鞋, a misspelt 行礼箱). When no goods phrase matched at all, a bare container or
 * footwear character that no phrase or material word covered names the kind of goods: 包/袋 a
 * container of 4202 (or 4602) whose form is open — the residual storage bag first, then handbag and
 * wallet —, 箱 luggage, 鞋 footwear (鞋靴), 靴 boots (靴子), 帽 hats (帽子); the facets (material, sole, gender) pick the
 * column. Such candidates are always weak evidence.
 */
const headNouns: ReadonlyArray<{ char: RegExp; phrases: readonly string[] }> = [
  { char: /包(?![装邮括含头边金跟芯裹子])|袋(?![装鼠])/g, phrases: ['收纳包', '手提包', '钱包'] },
  { char: /箱(?![装包])/g, phrases: ['行李箱'] },
  { char: /鞋(?![带垫盒柜刷油撑套底面跟楦])/g, phrases: ['鞋靴'] },
  // 靴 boots (皮底靴: the sole rule leaves a bare 靴 after 皮革底).
  { char: /靴(?![子套筒])/g, phrases: ['靴子', '鞋靴'] },
  { char: /帽(?![檐衫子])/g, phrases: ['帽子'] },
];

export function headNounFallback(
  index: TermIndex,
  text: string,
  covered: readonly boolean[],
): Array<{ phrases: number[]; at: number }> {
  const found: Array<{ phrases: number[]; at: number }> = [];
  for (const { char, phrases } of headNouns) {
    const ids = phrases.map((p) => index.phraseIds.get(p)).filter((id): id is number => id !== undefined);
    if (ids.length === 0) continue;
    for (const m of text.matchAll(char)) {
      if (!covered[m.index] && cjk.test(text[m.index - 1] ?? '')) {
        found.push({ phrases: ids, at: m.index });
        break;
      }
    }
  }
  return found;
}
