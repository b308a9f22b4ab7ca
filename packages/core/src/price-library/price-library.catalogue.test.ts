import { describe, expect, it } from 'vitest';
import { loadCatalogue } from './catalogue/catalogue';
import { loadLabelledTitles } from './catalogue/labelled-titles';
import { titleModelGenerations } from './matcher/title-model';
import { currentTitleModelId, defaultMatcherFactory, labelledTitlesOf } from './price-library.catalogue';

describe('which learned second opinion a version is matched with', () => {
  const types = loadCatalogue().filter((type) => type.hs8.startsWith('42'));

  it('is the one the version recorded, the rules alone before versions recorded one, and never a stranger', () => {
    expect(labelledTitlesOf(null)).toBeNull();
    expect(labelledTitlesOf(currentTitleModelId())).toEqual({ ...loadLabelledTitles(), generation: 'nb2' });
    expect(() => labelledTitlesOf('nb1:000000000000')).toThrow(/not in this build/);
    expect(() => labelledTitlesOf('nb2:whatever')).toThrow(/not in this build/);
    expect(() => labelledTitlesOf(`nb9:${loadLabelledTitles().sha256.slice(0, 12)}`)).toThrow(/not in this build/);
  });

  it('keeps the generation a version recorded: nb1 versions replay with the weight they were matched with', () => {
    const sha12 = loadLabelledTitles().sha256.slice(0, 12);
    const nb1 = defaultMatcherFactory(types, `nb1:${sha12}`);
    const nb2 = defaultMatcherFactory(types, `nb2:${sha12}`);
    expect([nb1.modelId, nb2.modelId]).toEqual([`nb1:${sha12}`, `nb2:${sha12}`]);
    expect(titleModelGenerations.nb1.weight).toBe(0.003);
    expect(titleModelGenerations.nb2.weight).toBe(0.06);
    // The same labelled titles at λ = 0.003 and 0.06: some title ranks or scores differently.
    const titles = loadLabelledTitles()
      .titles.filter((title) => title.hs8.startsWith('42'))
      .slice(0, 400);
    const answers = (matcher: typeof nb1) => titles.map((title) => matcher.match(title.description, 3).candidates);
    expect(answers(nb1)).not.toEqual(answers(nb2));
    expect(answers(defaultMatcherFactory(types, `nb1:${sha12}`))).toEqual(answers(nb1));
  });

  it('builds a matcher for each: a version without a model answers by the rules alone', () => {
    const rulesAlone = defaultMatcherFactory(types, null);
    const current = defaultMatcherFactory(types);
    expect(rulesAlone.modelId).toBeNull();
    expect(current.modelId).toBe(currentTitleModelId());
    expect(defaultMatcherFactory(types, currentTitleModelId()).modelId).toBe(currentTitleModelId());
    const notes = (matcher: typeof current) =>
      matcher.match('女士 手提包 牛皮 大容量 通勤', 3).candidates.flatMap((candidate) => candidate.matchedTerms);
    expect(notes(rulesAlone).some((note) => note.startsWith('model:'))).toBe(false);
  });
});
