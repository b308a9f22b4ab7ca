import { describe, expect, it } from 'vitest';
import { loadCatalogue } from './catalogue/catalogue';
import { loadLabelledTitles } from './catalogue/labelled-titles';
import { currentTitleModelId, defaultMatcherFactory, labelledTitlesOf } from './price-library.catalogue';

describe('which learned second opinion a version is matched with', () => {
  const types = loadCatalogue().filter((type) => type.hs8.startsWith('42'));

  it('is the one the version recorded, the rules alone before versions recorded one, and never a stranger', () => {
    expect(labelledTitlesOf(null)).toBeNull();
    expect(labelledTitlesOf(currentTitleModelId())).toBe(loadLabelledTitles());
    expect(() => labelledTitlesOf('nb1:000000000000')).toThrow(/not in this build/);
    expect(() => labelledTitlesOf('nb2:whatever')).toThrow(/not in this build/);
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
