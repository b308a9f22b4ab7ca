import { describe, expect, it } from 'vitest';
import { type FacetName, titleFacets } from './facets';
import {
  chapterNotes,
  confidenceDiscounts,
  discountExplanations,
  type Evidence,
  lastInNumericalOrder,
  moreSpecificRunnerUp,
  withOpenSiblings,
} from './ranking';

const c = (code: string, raw: number) => ({ code, raw });
const order = (list: Array<{ code: string; raw: number }>, notes: string[] = []) =>
  lastInNumericalOrder(list, (x) => x.code, notes).map((x) => x.code);

describe('lastInNumericalOrder (GIR 3(c))', () => {
  it('orders by score first', () => {
    expect(order([c('39269090', 1), c('96159000', 3), c('42029200', 2)])).toEqual(['96159000', '42029200', '39269090']);
  });

  it('puts the last heading first among equal scores, and says so', () => {
    const notes: string[] = [];
    expect(order([c('40169200', 2), c('96091010', 2), c('42029200', 1)], notes)).toEqual([
      '96091010',
      '40169200',
      '42029200',
    ]);
    expect(notes).toEqual(['rule:gir-3c(96091010 of the last heading among 96091010, 40169200)']);
  });

  it('keeps the specific subheading before the residual one inside a heading', () => {
    const notes: string[] = [];
    expect(order([c('46021990', 2), c('46021910', 2)], notes)).toEqual(['46021910', '46021990']);
    expect(notes).toEqual([]);
  });

  it('treats scores equal to 1e-9 as equal', () => {
    expect(order([c('40169200', 0.1 + 0.2), c('96091010', 0.3)])).toEqual(['96091010', '40169200']);
  });
});

const ev = (
  code: string,
  raw: number,
  lexical: number,
  byFacet: Evidence['byFacet'] = {},
  conflicts: FacetName[] = [],
) => ({
  code,
  raw,
  lexical,
  byFacet,
  conflicts,
});
const facets = (text: string) => titleFacets(text);

describe('confidenceDiscounts', () => {
  it('halves the confidence when the title states an attribute the top code contradicts', () => {
    const top = ev('61171090', 4, 5, { material: -2 }, ['material']);
    expect(confidenceDiscounts([top], facets('狐狸毛 围巾'))).toEqual([
      { factor: 0.5, note: 'confidence:contradicted(material)×0.5' },
    ]);
  });

  it('discounts a code whose only goods noun is one Chinese character', () => {
    const top = { ...ev('39241000', 3.5, 3.5), oneCharNoun: true };
    expect(confidenceDiscounts([top], facets('硅胶手套 洗碗'))).toEqual([
      { factor: 0.8, note: 'confidence:one-character-noun×0.8' },
    ]);
  });

  it('does not count a sole the code name does not list', () => {
    expect(confidenceDiscounts([ev('64039900', 4, 4, { sole: -0.4 }, ['sole'])], facets('真皮鞋 橡胶底'))).toEqual([]);
  });

  it('discounts a decision that rests on an attribute the title leaves open, not one it states', () => {
    const top = ev('42023200', 5.2, 5, { material: 0.2 });
    const next = ev('42023100', 4.4, 5, { material: -0.6 });
    expect(confidenceDiscounts([top, next], facets('钱包 长款'))).toEqual([
      { factor: 0.9, note: 'confidence:defaulted(material)×0.9' },
    ]);
    expect(confidenceDiscounts([top, next], facets('pu 钱包 长款'))).toEqual([]);
    expect(confidenceDiscounts([top, ev('96170019', 4.4, 3)], facets('钱包'))).toEqual([]);
  });
});

describe('moreSpecificRunnerUp (GIR 3(a))', () => {
  const words = (code: string, raw: number, list: string[]) => ({ ...ev(code, raw, raw), words: list });

  it('discounts a top code when a runner-up read a longer phrase of the title', () => {
    const ranked = [words('73158900', 6, ['链条', '铁链']), words('73158200', 3, ['焊接链'])];
    expect(moreSpecificRunnerUp(ranked)).toBe('焊接链');
    expect(confidenceDiscounts(ranked, facets('焊接链条 起重铁链'))).toEqual([
      { factor: 0.7, note: 'confidence:more-specific-runner-up(焊接链)×0.7' },
    ]);
  });

  it('reads only the second and third candidates, and no fuzzy gram', () => {
    const top = words('42029200', 5, ['收纳包']);
    expect(moreSpecificRunnerUp([top, words('a', 4, ['~收纳盒子']), words('b', 3, ['包'])])).toBeUndefined();
    expect(moreSpecificRunnerUp([top, words('a', 4, ['包']), words('b', 3, ['包']), words('c', 2, ['长长长长'])])).toBe(
      undefined,
    );
  });

  it('counts a Latin word as two characters', () => {
    expect(moreSpecificRunnerUp([words('a', 5, ['tote bag']), words('b', 3, ['手提包'])])).toBeUndefined();
    expect(moreSpecificRunnerUp([words('a', 5, ['包']), words('b', 3, ['tote bag'])])).toBe('tote bag');
  });

  it('explains every discount in Chinese and English', () => {
    for (const name of [
      'contradicted',
      'defaulted',
      'one-character-noun',
      'head-noun-only',
      'more-specific-runner-up',
      'read-as',
    ])
      expect(discountExplanations[name]).toEqual({ zh: expect.any(String), en: expect.any(String) });
  });
});

describe('withOpenSiblings', () => {
  const top = ev('42023200', 5.2, 5, { material: 0.2 });
  const leather = ev('42023100', 4.4, 5, { material: -0.6 });
  const alarm = ev('85311000', 4.9, 4);
  const other = ev('39269090', 4.6, 4.6);
  const codeOf = (c: { code: string }) => c.code;

  it('brings the sibling that differs only in an unstated attribute into the shown candidates', () => {
    const notes: string[] = [];
    const shown = withOpenSiblings([top, alarm, other, leather], facets('卡包'), codeOf, 3, notes).map(codeOf);
    expect(shown).toEqual(['42023200', '42023100', '85311000', '39269090']);
    expect(notes).toEqual(['rank:open-sibling(42023100 by material)']);
  });

  it('leaves the order alone when the title states the attribute or the sibling is already shown', () => {
    const ranked = [top, alarm, other, leather];
    expect(withOpenSiblings(ranked, facets('pu 卡包'), codeOf, 3, []).map(codeOf)).toEqual(ranked.map(codeOf));
    expect(withOpenSiblings(ranked, facets('卡包'), codeOf, 4, []).map(codeOf)).toEqual(ranked.map(codeOf));
  });
});

describe('chapterNotes (GIR 1 with chapter 39 note 2 and chapter 95 note 1)', () => {
  const e = (code: string, raw: number, words: string[], conflicts: FacetName[] = []) => ({
    code,
    raw,
    lexical: raw,
    conflicts,
    byFacet: {},
    words,
  });
  const rank = (list: ReturnType<typeof e>[], notes: string[] = []) =>
    chapterNotes(list, (x) => x.code, notes).map((x) => `${x.code}:${x.raw}`);

  it('puts a festive article of chapter 95 before an ornament of plastics close above it, scores swapped', () => {
    const notes: string[] = [];
    expect(rank([e('39264000', 5, ['ornament']), e('95051000', 4.5, ['christmas ball'])], notes)).toEqual([
      '95051000:5',
      '39264000:4.5',
    ]);
    expect(notes[0]).toMatch(/^rule:chapter-notes\(95051000 over 39264000/);
  });

  it('puts a sports bag of 4202 before a sports requisite of chapter 95', () => {
    expect(rank([e('95069990', 4, ['羽毛球']), e('42029200', 3.2, ['球拍包'])])[0]).toBe('42029200:4');
  });

  it('leaves the order when the kept code is far behind, contradicted, or read only by fuzzy grams', () => {
    expect(rank([e('39264000', 6, ['摆件']), e('95051000', 4, ['圣诞球'])])[0]).toBe('39264000:6');
    expect(rank([e('39264000', 5, ['摆件']), e('95051000', 4.8, ['圣诞球'], ['material'])])[0]).toBe('39264000:5');
    expect(rank([e('39264000', 5, ['摆件']), e('95051000', 4.8, ['~圣诞'])])[0]).toBe('39264000:5');
  });
});
