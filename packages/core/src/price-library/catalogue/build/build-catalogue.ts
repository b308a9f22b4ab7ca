/**
 * Builds `catalogue/product-types.csv` from the official files in `catalogue/data/` and the
 * curated tables beside this script. Deterministic: the same inputs give a byte-identical file.
 *
 *   pnpm tsx packages/core/src/price-library/catalogue/build/build-catalogue.ts
 *
 * See ../README.md for the derivation, step by step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type CsvRow, parseCsv, stringifyCsv } from '../csv';
import { leatherApparelTypes, luggageGridTypes, rowWordsFor } from './luggage-grid';
import { marketWordsFor } from './market-aliases';
import { englishNounsFor } from './english-nouns';
import { cleanEnglishName, officialNouns } from './official-aliases';
import { categoryOf } from './scope';
import { defaultTradedUnit, type UnitTable, unitTable } from './units';

const dataDir = new URL('../data/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dataDir), 'utf8');

export const catalogueColumns = [
  'code',
  'hs_code',
  'hs8',
  'name_zh',
  'name_en',
  'aliases',
  'unit1',
  'unit2',
  'default_unit',
  'category',
  'derivation',
] as const;

interface Sources {
  hs8Rows: CsvRow[];
  units: UnitTable;
  /** Taiwan 8/10-digit names (simplified) by HS6, used only where China has one HS8 in that HS6. */
  taiwanNamesByHs6: Map<string, string[]>;
  hs8CountByHs6: Map<string, number>;
}

function loadSources(): Sources {
  const hs8Rows = parseCsv(read('cn_customs_hs8_2023.csv'));
  const taiwanNamesByHs6 = new Map<string, string[]>();
  for (const row of parseCsv(read('tw_customs_tariff_hs2017_zh_en.csv'))) {
    if (row.level !== '8' && row.level !== '10') continue;
    const hs6 = (row.code ?? '').slice(0, 6);
    taiwanNamesByHs6.set(hs6, [...(taiwanNamesByHs6.get(hs6) ?? []), row.name_zh_hans ?? '']);
  }
  const hs8CountByHs6 = new Map<string, number>();
  for (const row of hs8Rows) hs8CountByHs6.set(row.hs6 ?? '', (hs8CountByHs6.get(row.hs6 ?? '') ?? 0) + 1);
  return { hs8Rows, units: unitTable(read('cn_customs_units_of_measure.csv')), taiwanNamesByHs6, hs8CountByHs6 };
}

function unique(words: readonly string[], exclude: string): string[] {
  const seen = new Set<string>([exclude]);
  const out: string[] = [];
  for (const word of words.map((w) => w.trim()).filter(Boolean)) {
    if (seen.has(word) || word.includes('|')) continue;
    seen.add(word);
    out.push(word);
  }
  return out;
}

function hs8Aliases(row: CsvRow, sources: Sources): string[] {
  const hs8 = row.hs8 ?? '';
  const hs6 = row.hs6 ?? '';
  const market = marketWordsFor(hs8);
  // The Taiwan split matches China's only when China has a single HS8 in the subheading.
  const taiwan =
    sources.hs8CountByHs6.get(hs6) === 1 ? (sources.taiwanNamesByHs6.get(hs6) ?? []).flatMap(officialNouns) : [];
  const zh = [...market.zh, ...rowWordsFor(hs8), ...officialNouns(row.name_zh ?? ''), ...taiwan];
  return [...zh, ...market.en, ...englishNounsFor(zh)];
}

function unitsOf(row: CsvRow, units: UnitTable): { unit1: string; unit2: string; defaultUnit: string } {
  const unit1 = units.codeOf(row.unit1_zh ?? '');
  const unit2 = row.unit2_zh ? units.codeOf(row.unit2_zh) : '';
  return { unit1, unit2, defaultUnit: defaultTradedUnit(row.hs8 ?? '', unit1, unit2 || null) };
}

function hs8Types(sources: Sources): CsvRow[] {
  return sources.hs8Rows.map((row) => {
    const hs8 = row.hs8 ?? '';
    const nameZh = (row.name_zh ?? '').normalize('NFKC');
    return {
      code: `PT-${hs8}`,
      hs_code: hs8,
      hs8,
      name_zh: nameZh,
      name_en: cleanEnglishName(row.name_en ?? ''),
      aliases: unique(hs8Aliases(row, sources), nameZh).join('|'),
      ...renameUnits(unitsOf(row, sources.units)),
      category: categoryOf(hs8),
      derivation: 'hs8: China Customs 2023 8-digit code and name; aliases from market table + official nouns',
    };
  });
}

function renameUnits(u: { unit1: string; unit2: string; defaultUnit: string }): CsvRow {
  return { unit1: u.unit1, unit2: u.unit2, default_unit: u.defaultUnit };
}

function marketTypes(sources: Sources): CsvRow[] {
  const byHs8 = new Map(sources.hs8Rows.map((row) => [row.hs8 ?? '', row]));
  return [...luggageGridTypes(), ...leatherApparelTypes()].map((type) => {
    const row = byHs8.get(type.hs8);
    if (!row) throw new Error(`grid type ${type.code} names HS8 ${type.hs8}, which is not in the 2023 list`);
    return {
      code: type.code,
      hs_code: type.hs8,
      hs8: type.hs8,
      name_zh: type.nameZh,
      name_en: type.nameEn,
      aliases: unique(type.aliases, type.nameZh).join('|'),
      ...renameUnits(unitsOf(row, sources.units)),
      category: categoryOf(type.hs8),
      derivation: 'market: chapter 42 outer material × form grid (tariff row × column)',
    };
  });
}

/**
 * Defects: HS8 types that no seller or buyer word names — only the official name's nouns reach
 * them, and sellers do not write those. Written to seller-word-gaps.csv and counted by chapter, so
 * each gap is visible in review until vocabulary (market-aliases.ts, heading-vocabulary.ts) fills it.
 */
function sellerWordGaps(sources: Sources): CsvRow[] {
  const marketHs8 = new Set([...luggageGridTypes(), ...leatherApparelTypes()].map((type) => type.hs8));
  return sources.hs8Rows
    .filter((row) => {
      if (marketHs8.has(row.hs8 ?? '')) return false;
      const market = marketWordsFor(row.hs8 ?? '');
      return market.zh.length + market.en.length + rowWordsFor(row.hs8 ?? '').length === 0;
    })
    .map((row) => ({
      hs8: row.hs8 ?? '',
      name_zh: (row.name_zh ?? '').normalize('NFKC'),
      category: categoryOf(row.hs8 ?? ''),
    }));
}

function reportGaps(gaps: readonly CsvRow[], total: number): void {
  writeFileSync(
    new URL('../seller-word-gaps.csv', import.meta.url),
    stringifyCsv(['hs8', 'name_zh', 'category'], gaps),
  );
  const byChapter = new Map<string, number>();
  for (const gap of gaps) byChapter.set(gap.hs8!.slice(0, 2), (byChapter.get(gap.hs8!.slice(0, 2)) ?? 0) + 1);
  const chapters = [...byChapter].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ch, n]) => `${ch}:${n}`);
  console.log(
    `DEFECT: ${gaps.length} of ${total} HS8 types have no seller word (seller-word-gaps.csv) — ${chapters.join(' ')}`,
  );
}

function main(): void {
  const sources = loadSources();
  const rows = [...hs8Types(sources), ...marketTypes(sources)].sort((a, b) => (a.code! < b.code! ? -1 : 1));
  const codes = new Set(rows.map((row) => row.code));
  if (codes.size !== rows.length) throw new Error('duplicate product type codes');
  writeFileSync(new URL('../product-types.csv', import.meta.url), stringifyCsv(catalogueColumns, rows));
  console.log(`product-types.csv: ${rows.length} product types`);
  reportGaps(sellerWordGaps(sources), sources.hs8Rows.length);
}

main();
