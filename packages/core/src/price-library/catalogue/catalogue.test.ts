import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../matcher/matcher';
import { leatherApparelTypes, luggageGridTypes, rowWordsFor } from './build/luggage-grid';
import { marketWordsFor } from './build/market-aliases';
import { auditReachability, defectReportUrl, reachabilityProbes, reaches, summarise } from './build/reachability';
import { loadCatalogue } from './catalogue';
import { parseCsv } from './csv';
import { demoReferenceBands } from './demo-bands';

const types = loadCatalogue();
const officialHs8 = new Set(
  parseCsv(readFileSync(new URL('./data/cn_customs_hs8_2023.csv', import.meta.url), 'utf8')).map((row) => row.hs8),
);
const declarationUnits = new Set(
  parseCsv(readFileSync(new URL('./data/cn_customs_units_of_measure.csv', import.meta.url), 'utf8')).map(
    (row) => row.code,
  ),
);

describe('loadCatalogue', () => {
  it('holds at least 1,500 product types with unique stable codes', () => {
    expect(types.length).toBeGreaterThanOrEqual(1500);
    expect(new Set(types.map((t) => t.code)).size).toBe(types.length);
    for (const t of types) expect(t.code).toMatch(/^PT-\d{8}(-[A-Z0-9-]+)?$/);
  });

  it('gives every type an official 8-digit code, a legal unit and a traded unit from the declaration table', () => {
    for (const t of types) {
      expect(officialHs8.has(t.hs8), t.code).toBe(true);
      expect(t.hsCode.startsWith(t.hs8)).toBe(true);
      expect(declarationUnits.has(t.unit1), t.code).toBe(true);
      if (t.unit2) expect(declarationUnits.has(t.unit2), t.code).toBe(true);
      expect(declarationUnits.has(t.defaultUnit), t.code).toBe(true);
      expect(t.nameZh && t.nameEn && t.category).toBeTruthy();
    }
  });

  it('maps the statistics units to declaration codes (千克 → 035, 个 → 007, 双 → 025)', () => {
    const byCode = new Map(types.map((t) => [t.code, t]));
    expect(byCode.get('PT-42022200')).toMatchObject({
      unit1: '035',
      unit2: '007',
      defaultUnit: '007',
      category: 'handbags',
    });
    expect(byCode.get('PT-64041100')).toMatchObject({ unit1: '035', unit2: '025', defaultUnit: '025' });
    expect(byCode.get('PT-42033010-LEATHER-BELT')).toMatchObject({ defaultUnit: '015' });
  });

  it('carries market aliases for the luggage grid and for HS8 types', () => {
    const byCode = new Map(types.map((t) => [t.code, t]));
    expect(byCode.get('PT-42021210-ABS-TROLLEY')?.aliases).toEqual(
      expect.arrayContaining(['拉杆箱', '行李箱', '旅行箱', 'trolley case']),
    );
    expect(byCode.get('PT-85163100')?.aliases).toEqual(expect.arrayContaining(['吹风机', 'hair dryer']));
  });

  it('gives every HS8 type a seller or buyer word, not only its official nouns (seller-word-gaps.csv is empty)', () => {
    // A code that a market type (material × form) carries is named by that type's words.
    const marketHs8 = new Set([...luggageGridTypes(), ...leatherApparelTypes()].map((type) => type.hs8));
    const withoutWords = [...officialHs8].filter((hs8): hs8 is string => {
      if (hs8 === undefined || marketHs8.has(hs8)) return false;
      const market = marketWordsFor(hs8);
      return market.zh.length + market.en.length + rowWordsFor(hs8).length === 0;
    });
    expect(withoutWords).toEqual([]);
    const gaps = readFileSync(new URL('./seller-word-gaps.csv', import.meta.url), 'utf8');
    expect(parseCsv(gaps)).toEqual([]);
  });

  it('places words where the tariff puts the goods (smart watches 8517.62, e-cigarettes 8543.40)', () => {
    const byCode = new Map(types.map((t) => [t.code, t]));
    expect(byCode.get('PT-85176299')?.aliases).toEqual(expect.arrayContaining(['智能手表', 'smart watch']));
    expect(byCode.get('PT-91021900')?.aliases).not.toContain('智能手表');
    expect(byCode.get('PT-85434000')?.aliases).toEqual(expect.arrayContaining(['电子烟', 'e-cigarette']));
    expect(byCode.get('PT-85437099')?.aliases).not.toContain('电子烟雾化');
    expect(byCode.get('PT-85235110')?.aliases).toEqual(expect.arrayContaining(['U盘', 'usb flash drive']));
  });

  it('returns the same cached array on every call', () => {
    expect(loadCatalogue()).toBe(types);
  });
});

describe('reachability audit (build/reachability.ts)', () => {
  it('probes the HS8 types whose own words decide them (1,718 of 2,017 now)', () => {
    const probed = new Set(reachabilityProbes(types).map((probe) => probe.hs8));
    expect(probed.size).toBeGreaterThanOrEqual(1700);
  });

  it('finds no more defects than reachability-defects.csv lists, on no more codes', () => {
    const committed = parseCsv(readFileSync(defectReportUrl, 'utf8'));
    const results = auditReachability(types, createMatcher(types));
    const summary = summarise(results);
    const report = (r: { hs8: string; title: string }) => `${r.hs8} ${r.title}`;
    const fresh = results.filter((r) => !reaches(r)).map(report);
    const known = new Set(committed.map((row) => report({ hs8: row.hs8 ?? '', title: row.title ?? '' })));
    expect({ defects: summary.defects, newDefects: fresh.filter((d) => !known.has(d)) }).toEqual({
      defects: expect.any(Number) as number,
      newDefects: [],
    });
    expect(summary.defects).toBeLessThanOrEqual(committed.length);
    expect(summary.typesWithDefects).toBeLessThanOrEqual(new Set(committed.map((row) => row.hs8)).size);
  }, 30_000);
});

describe('demoReferenceBands', () => {
  const bands = demoReferenceBands(types);

  it('gives one band per type, labelled as generated demo data', () => {
    expect(bands).toHaveLength(types.length);
    for (const band of bands) expect(band.source).toMatch(/DEMO/);
  });

  it('is deterministic', () => {
    expect(demoReferenceBands(types)).toEqual(bands);
  });

  it('puts q1 and q3 6–10% below and above a positive median, in the traded unit', () => {
    types.forEach((type, i) => {
      const band = bands[i]!;
      const median = Number(band.median);
      expect(band.unit).toBe(type.defaultUnit);
      expect(median).toBeGreaterThan(0);
      // Rounding to cents moves small medians a little, hence the margins.
      expect(1 - Number(band.q1) / median).toBeGreaterThanOrEqual(0.05);
      expect(1 - Number(band.q1) / median).toBeLessThanOrEqual(0.11);
      expect(Number(band.q3) / median - 1).toBeGreaterThanOrEqual(0.05);
      expect(Number(band.q3) / median - 1).toBeLessThanOrEqual(0.11);
    });
  });
});
