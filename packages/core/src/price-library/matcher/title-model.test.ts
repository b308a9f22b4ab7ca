import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/catalogue';
import { testProductType } from '../catalogue/catalogue.testing';
import { loadLabelledTitles } from '../catalogue/labelled-titles';
import { createMatcher } from './matcher';
import { secondOpinion, titleFeatures, titleModelParams, trainTitleModel } from './title-model';

const docs = [
  { text: 'pu 女士 手提包', hs8: '42022200' },
  { text: '牛皮 手提包 真皮', hs8: '42022100' },
  { text: '真皮 钱包 男', hs8: '42023100' },
  { text: 'leather wallet', hs8: '42023100' },
  { text: '帆布 双肩包', hs8: '42029200' },
  { text: '帆布 收纳包', hs8: '42029200' },
  { text: '帆布 收纳袋 旅行', hs8: '42029200' },
];
const model = trainTitleModel(docs, 'nb1:test');

describe('titleFeatures', () => {
  it('takes character 1–3-grams of each Chinese run, Latin words and adjacent Latin word pairs', () => {
    expect(titleFeatures('手提包 pu leather')).toEqual([
      '手',
      '提',
      '包',
      '手提',
      '提包',
      '手提包',
      'w:pu',
      'w:leather',
      'b:pu leather',
    ]);
  });

  it('does not pair Latin words across Chinese', () => {
    expect(titleFeatures('pu 钱包 wallet')).not.toContain('b:pu wallet');
  });
});

describe('trainTitleModel', () => {
  const best = (text: string) => {
    const scores = model.scores(text);
    return model.classes[scores.indexOf(Math.max(...scores))];
  };

  it('learns the code of the n-grams a title shares with its training titles', () => {
    expect(best('真皮钱包')).toBe('42023100');
    expect(best('牛皮手提包')).toBe('42022100');
    expect(best('leather wallet brown')).toBe('42023100');
  });

  it('has a uniform prior: a title it shares nothing with leaves every code equal, however many titles each had', () => {
    expect(new Set(model.scores('xyz')).size).toBe(1);
    expect(best('帆布')).toBe('42029200');
    expect(best('pu')).toBe('42022200');
  });

  it('reads a title sparsely: its best classes share a feature with it, and every class has its log-likelihood', () => {
    expect(model.read('xyz').best(2)).toEqual([]);
    const scores = model.scores('真皮 钱包');
    const reading = model.read('真皮 钱包');
    expect(model.classes.map((_, c) => reading.logLikelihood(c))).toEqual([...scores]);
    expect(reading.best(1).map((c) => model.classes[c])).toEqual(['42023100']);
    expect(reading.least).toBeLessThanOrEqual(Math.min(...scores));
  });

  it('is deterministic: the same documents give the same scores', () => {
    const again = trainTitleModel([...docs].reverse(), 'nb1:test');
    expect(again.classes).toEqual(model.classes);
    expect([...again.scores('帆布 手提包')].map((s) => s.toFixed(9))).toEqual(
      [...model.scores('帆布 手提包')].map((s) => s.toFixed(9)),
    );
  });
});

describe('secondOpinion', () => {
  it('breaks a near tie of the rules by the model', () => {
    const rules = [
      { hs8: '42022200', share: 0.45 },
      { hs8: '42022100', share: 0.44 },
    ];
    expect(secondOpinion(model, '牛皮 手提包', rules).order.map((c) => c.hs8)[0]).toBe('42022100');
  });

  it('does not overturn a confident rule answer', () => {
    const rules = [
      { hs8: '42022200', share: 0.9 },
      { hs8: '42022100', share: 0.02 },
    ];
    expect(secondOpinion(model, '牛皮 手提包', rules).order[0]!.hs8).toBe('42022200');
  });

  it('adds its best codes below, keeps the rules’ share mass and shows shares best first', () => {
    const opinion = secondOpinion(model, '真皮 钱包', [{ hs8: '42022200', share: 0.8 }]);
    expect(opinion.added).toContain('42023100');
    expect(opinion.modelTop).toBe('42023100');
    expect(opinion.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(0.8, 9);
    expect(opinion.shares).toEqual([...opinion.shares].sort((a, b) => b - a));
    expect(opinion.order.length).toBeLessThanOrEqual(1 + titleModelParams.added);
  });

  it('never answers alone: no rule candidate, no answer', () => {
    expect(secondOpinion(model, '真皮 钱包', []).order).toEqual([]);
  });
});

describe('the matcher with its second opinion (model:title-nb)', () => {
  const type = (hs8: string, nameZh: string, aliases: string[]) =>
    testProductType(hs8, nameZh, aliases, { nameEn: hs8, category: 'apparel' });
  const types = [
    type('61171090', '针织或钩编披巾、头巾、围巾、披纱、面纱等', ['围巾']),
    type('43031020', '毛皮衣着附件', ['毛皮衣着附件']),
  ];

  it('names its model, pinned by the labelled titles’ hash, in every candidate it shows', () => {
    const matcher = createMatcher(types);
    const { sha256 } = loadLabelledTitles();
    expect(matcher.modelId).toBe(`nb2:${sha256.slice(0, 12)}`);
    const result = matcher.match('狐狸毛围巾 真毛');
    // Fox fur scarves are fur clothing accessories (4303.10.20); the rules, without a fur-scarf word, had only the textile scarf.
    expect(result.candidates.map((c) => c.hsCode)).toEqual(['43031020', '61171090']);
    expect(result.candidates[0]!.matchedTerms).toEqual([
      `model:title-nb@${matcher.modelId}(added by the model; 学习模型补充)`,
      'model:title-nb(re-ranked first; 学习模型改排第一)',
    ]);
    expect(result.candidates[1]!.matchedTerms).toContain('confidence:contradicted(material)×0.5');
    expect(result.abstained).toBe(true);
  });

  it('answers by the rules alone when given no labelled titles, and identically when built again (replay)', () => {
    const rules = createMatcher(types, { labelledTitles: null });
    expect(rules.modelId).toBeNull();
    expect(rules.match('狐狸毛围巾 真毛').candidates.map((c) => c.hsCode)).toEqual(['61171090']);
    const full = createMatcher(loadCatalogue());
    const again = createMatcher(loadCatalogue());
    for (const title of ['PU斜挎包', '牛津布划桨包', '皮底靴', 'asdf'])
      expect(again.match(title)).toEqual(full.match(title));
  });

  it('learns from titles: a different labelled set is a different model id', () => {
    const titles = [{ description: '狐狸毛围巾', hs8: '43031020' }];
    const matcher = createMatcher(types, { labelledTitles: { titles, sha256: 'ab'.repeat(32) } });
    expect(matcher.modelId).toBe('nb2:abababababab');
    expect(matcher.match('狐狸毛围巾').candidates[0]!.hsCode).toBe('43031020');
  });
});
