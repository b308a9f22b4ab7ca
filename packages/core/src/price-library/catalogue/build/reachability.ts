/**
 * Reachability audit: can every product type be found by its own words? For each HS8 type of the
 * catalogue it composes short seller titles from the type's own data — each seller word alone
 * (market-aliases.ts, the 4202 row words), each English buyer word alone, and a seller word shared
 * with other codes together with the material / make / gender the type's official name states — and
 * asks the matcher for three candidates. A probe expects the type in the top 3, and first when its
 * words belong to that type alone (no other code carries the word, or none that carries it fits the
 * stated attributes). A word that is nothing but a material (纯银, 骨瓷) is read as an attribute, not
 * as goods, outside the headings whose goods are the material, so it is not probed alone; nor is a
 * qualifier (印花, 套装), which describes goods without naming them. The market types of chapter 42 (material × form) are probed by their names.
 *
 * A probe that misses is a defect of the vocabulary or the ranking, listed with the codes that took
 * its place in `reachability-defects.csv`; catalogue.test.ts fails when the count grows.
 *
 *   pnpm tsx packages/core/src/price-library/catalogue/build/reachability.ts
 */
import { writeFileSync } from 'node:fs';
import { groupBy } from '../../../shared/collections';
import { type FacetName, facetFit, scanFacets, titleFacets, typeFacets } from '../../matcher/facets';
import type { Matcher } from '../../matcher/matcher';
import { qualifierWords } from '../../matcher/lexicon';
import { normaliseText, stemLatin } from '../../matcher/normalise';
import { isMaterialGoods, isMaterialOnly, withClaims } from '../../matcher/term-index';
import type { ProductType } from '../catalogue';
import { type CsvRow, stringifyCsv } from '../csv';
import { leatherApparelTypes, luggageGridTypes, rowWordsFor } from './luggage-grid';
import { marketWordsFor } from './market-aliases';

export type ProbeKind = 'word' | 'english' | 'attribute' | 'market-type';

export interface Probe {
  hs8: string;
  title: string;
  kind: ProbeKind;
  /** 1: the type must rank first; 3: among the first three. */
  expect: 1 | 3;
}

export interface ProbeResult extends Probe {
  /** 1-based rank of the type's HS8 among three candidates; 0 when absent. */
  rank: number;
  candidates: string[];
}

/** The facets a seller states beside a goods noun; soles, sets and the rest are not composed. */
const composedFacets: ReadonlySet<FacetName> = new Set(['material', 'make', 'gender']);

interface Carriers {
  /** HS8 codes whose aliases hold each (normalised) word. */
  byWord: Map<string, Set<string>>;
  facetsByHs8: Map<string, ReturnType<typeof typeFacets>>;
}

const key = (word: string) => stemLatin(normaliseText(word).trim());

function carriersOf(types: readonly ProductType[]): Carriers {
  const byWord = new Map<string, Set<string>>();
  const facetsByHs8 = new Map<string, ReturnType<typeof typeFacets>>();
  for (const type of types) {
    for (const alias of type.aliases) {
      const word = key(alias);
      const set = byWord.get(word) ?? new Set<string>();
      set.add(type.hs8);
      byWord.set(word, set);
    }
  }
  // The residual codes' claims too, as the matcher reads them: "其他纺织材料" does not take the wool its
  // sibling 羊毛制 names.
  const official = types.filter((type) => type.code === `PT-${type.hs8}`);
  const facets = withClaims(
    official,
    official.map((type) => typeFacets(normaliseText(type.nameZh), type.hs8)),
  );
  official.forEach((type, i) => facetsByHs8.set(type.hs8, facets[i]!));
  return { byWord, facetsByHs8 };
}

/** Expectation from the number of codes a title could equally mean: 1 → first, ≤ 3 → top 3. */
function expectation(rivals: number): 1 | 3 | null {
  if (rivals === 0) return 1;
  return rivals <= 2 ? 3 : null;
}

/** The attribute words the type's official name states (first per facet), as a seller would prefix them. */
function attributeWords(type: ProductType): { facet: FacetName; word: string }[] {
  const name = normaliseText(type.nameZh);
  const values = typeFacets(name, type.hs8).filter((v) => composedFacets.has(v.facet) && !v.other && !v.implied);
  const words = new Map<FacetName, string>();
  for (const hit of scanFacets(name)) {
    const own = values.find((v) => v.facet === hit.value.facet && v.path === hit.value.path);
    if (own && hit.value.path && !words.has(own.facet)) words.set(own.facet, hit.word);
  }
  return [...words].map(([facet, word]) => ({ facet, word }));
}

function wordProbes(type: ProductType, carriers: Carriers): Probe[] {
  const market = marketWordsFor(type.hs8);
  const attributes = attributeWords(type);
  const own = carriers.facetsByHs8.get(type.hs8) ?? [];
  const probes: Probe[] = [];
  const seen = new Set<string>();
  const add = (probe: Probe) => {
    if (seen.has(probe.title)) return;
    seen.add(probe.title);
    probes.push(probe);
  };
  for (const [kind, words] of [
    ['word', [...market.zh, ...rowWordsFor(type.hs8)]],
    ['english', market.en],
  ] as const) {
    for (const word of words) {
      // A word that is only a material (纯银, 竹编) is an attribute outside the material headings.
      if (!isMaterialGoods(type.hs8) && isMaterialOnly(key(word))) continue;
      // A qualifier (印花 printed, 套装 set) describes goods and names none: a title of it alone has no goods.
      if (qualifierWords.has(key(word))) continue;
      const others = [...(carriers.byWord.get(key(word)) ?? [])].filter((hs8) => hs8 !== type.hs8);
      const alone = expectation(others.length);
      if (alone) add({ hs8: type.hs8, title: word, kind, expect: alone });
      if (others.length === 0 || kind === 'english') continue;
      // Only the attributes the word does not state already (PVC扣板 names its material).
      const stated = new Set(titleFacets(normaliseText(word)).map((v) => v.facet));
      const missing = attributes.filter((a) => !stated.has(a.facet)).map((a) => a.word);
      if (missing.length === 0) continue;
      const title = `${missing.join(' ')} ${word}`;
      const query = titleFacets(normaliseText(title));
      // The word may state what the type's name excludes (牛仔裤 is denim, cotton; the residual
      // "other textile materials" code does not take it): then it is no word for this type.
      const ownFit = facetFit(query, own);
      if (ownFit.conflicts.length > 0 || Object.values(ownFit.byFacet).some((fit) => fit < 0)) continue;
      const fitting = others.filter(
        (hs8) => facetFit(query, carriers.facetsByHs8.get(hs8) ?? []).conflicts.length === 0,
      );
      const composed = expectation(fitting.length);
      if (composed) add({ hs8: type.hs8, title, kind: 'attribute', expect: composed });
    }
  }
  return probes;
}

/** Every probe of the catalogue, HS8 types first, then the chapter 42 market types by name. */
export function reachabilityProbes(types: readonly ProductType[]): Probe[] {
  const carriers = carriersOf(types);
  const hs8Types = types.filter((type) => type.code === `PT-${type.hs8}`);
  const market = [...luggageGridTypes(), ...leatherApparelTypes()].map((type): Probe => ({
    hs8: type.hs8,
    title: type.nameZh,
    kind: 'market-type',
    expect: 1,
  }));
  return [...hs8Types.flatMap((type) => wordProbes(type, carriers)), ...market];
}

/** Runs every probe; returns all results (a defect is `!reaches(result)`). */
export function auditReachability(types: readonly ProductType[], matcher: Matcher): ProbeResult[] {
  return reachabilityProbes(types).map((probe) => {
    const candidates = matcher.match(probe.title, 3).candidates.map((c) => c.hsCode.slice(0, 8));
    return { ...probe, rank: candidates.indexOf(probe.hs8) + 1, candidates };
  });
}

export const reaches = (result: ProbeResult): boolean => result.rank > 0 && result.rank <= result.expect;

export const defectColumns = ['hs8', 'name_zh', 'kind', 'title', 'expect', 'rank', 'competitors'] as const;

/** Defects as CSV rows, sorted by code and title, with the codes ranked above the type. */
export function defectRows(results: readonly ProbeResult[], types: readonly ProductType[]): CsvRow[] {
  const names = new Map(types.filter((t) => t.code === `PT-${t.hs8}`).map((t) => [t.hs8, t.nameZh]));
  return results
    .filter((result) => !reaches(result))
    .sort((a, b) => (a.hs8 === b.hs8 ? (a.title < b.title ? -1 : 1) : a.hs8 < b.hs8 ? -1 : 1))
    .map((result) => ({
      hs8: result.hs8,
      name_zh: names.get(result.hs8) ?? '',
      kind: result.kind,
      title: result.title,
      expect: `top${result.expect}`,
      rank: String(result.rank),
      competitors: result.candidates
        .slice(0, result.rank > 0 ? result.rank - 1 : 3)
        .map((hs8) => `${hs8} ${(names.get(hs8) ?? '').slice(0, 24)}`)
        .join(' | '),
    }));
}

export interface ReachabilitySummary {
  probes: number;
  /** HS8 codes with at least one probe (the rest have only words shared too widely to decide them). */
  codes: number;
  defects: number;
  /** HS8 codes with at least one defective probe. */
  typesWithDefects: number;
  /** HS8 codes none of whose probes reaches the top 3. */
  unreachable: number;
}

export function summarise(results: readonly ProbeResult[]): ReachabilitySummary {
  const byHs8 = groupBy(results, (r) => r.hs8);
  const lists = [...byHs8.values()];
  return {
    probes: results.length,
    codes: byHs8.size,
    defects: results.filter((r) => !reaches(r)).length,
    typesWithDefects: lists.filter((list) => list.some((r) => !reaches(r))).length,
    unreachable: lists.filter((list) => list.every((r) => r.rank === 0)).length,
  };
}

export const defectReportUrl = new URL('../reachability-defects.csv', import.meta.url);

async function main(): Promise<void> {
  const { loadCatalogue } = await import('../catalogue');
  const { createMatcher } = await import('../../matcher/matcher');
  const types = loadCatalogue();
  const results = auditReachability(types, createMatcher(types));
  const rows = defectRows(results, types);
  writeFileSync(defectReportUrl, stringifyCsv(defectColumns, rows));
  const summary = summarise(results);
  const byChapter = new Map<string, number>();
  for (const row of rows) byChapter.set(row.hs8!.slice(0, 2), (byChapter.get(row.hs8!.slice(0, 2)) ?? 0) + 1);
  const chapters = [...byChapter].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ch, n]) => `${ch}:${n}`);
  console.log(
    `reachability: ${summary.probes} probes on ${summary.codes} codes, ${summary.defects} defects on ${summary.typesWithDefects} codes, ` +
      `${summary.unreachable} codes unreachable by any of their words — ${chapters.join(' ')}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
