import { describe, expect, it } from 'vitest';
import type { ProductType } from './catalogue/catalogue';
import { testProductType } from './catalogue/catalogue.testing';
import { createMatcher } from './matcher/matcher';
import {
  candidateWords,
  checkAgainstConfirmations,
  learnAliases,
  withLearnedAliases,
  type ConfirmedCode,
} from './price-library.learning';

const type = (code: string, hs8: string, aliases: string[], nameZh = aliases[0] ?? code) =>
  testProductType(hs8, nameZh, aliases, { code, nameEn: code });

const types = [
  type('PT-42029200', '42029200', ['收纳包', '双肩包'], '以塑料片或纺织材料作面的其他类似容器'),
  type('PT-95030089', '95030089', ['玩具'], '未列名玩具及模型'),
  type('PT-96170019', '96170019', ['保温杯'], '其他保温瓶'),
];
const fixed = (description: string, hsCode: string, source: ConfirmedCode['source'] = 'declared') => ({
  description,
  hsCode,
  source,
  fixed: true,
});

describe('candidateWords', () => {
  it('keeps goods words and drops materials, marketing, colours and sizes', () => {
    expect(candidateWords('2025新款 牛津布 麻将包 黑色 30cm')).toEqual(['麻将包', '将包']);
    expect(candidateWords('彩色小风车', (word) => word === '风车')).toEqual(['彩色小风车', '色小风车', '小风车']);
    expect(candidateWords('Nylon tackle organiser with strap')).toEqual(['tackle', 'organiser', 'strap']);
  });
});

describe('learnAliases', () => {
  it('proposes a new word for the code people confirmed, with its evidence', () => {
    const proposals = learnAliases(types, [fixed('麻将包 牛津布', '42029200'), fixed('麻将包 尼龙', '42029200')], {
      minEvidence: 2,
    });
    expect(proposals).toEqual([
      {
        productTypeCode: 'PT-42029200',
        hs8: '42029200',
        alias: '麻将包',
        evidence: 2,
        examples: ['麻将包 牛津布', '麻将包 尼龙'],
      },
    ]);
  });

  it('never learns a word confirmed for two codes, nor one the version already has', () => {
    const proposals = learnAliases(
      types,
      [fixed('静音 麻将包', '42029200'), fixed('静音 小风车', '95030089'), fixed('保温杯 收纳包', '42029200')],
      { minEvidence: 1 },
    );
    expect(proposals.map((p) => p.alias)).toEqual(['麻将包', '小风车']);
  });

  it('counts a staff correction twice and needs at least one fixed line', () => {
    const staff = learnAliases(types, [fixed('小风车', '95030089', 'staff-correction')], { minEvidence: 2 });
    expect(staff.map((p) => p.alias)).toEqual(['小风车']);
    const agreed = learnAliases(types, [{ ...fixed('小风车', '95030089'), fixed: false }], { minEvidence: 1 });
    expect(agreed).toEqual([]);
  });
});

describe('withLearnedAliases and the no-regression check', () => {
  it('adds the aliases to new type objects and teaches the matcher', () => {
    const proposals = learnAliases(types, [fixed('小风车', '95030089')], { minEvidence: 1 });
    const learnt = withLearnedAliases(types, proposals);
    expect(types[1]!.aliases).toEqual(['玩具']);
    expect(learnt[1]!.aliases).toEqual(['玩具', '小风车']);
    expect(createMatcher(types).match('彩色小风车').candidates).toEqual([]);
    expect(createMatcher(learnt).match('彩色小风车').candidates[0]?.hsCode).toBe('95030089');
  });

  it('drops an alias that would break a confirmed line the matcher had right', () => {
    const confirmations = [fixed('儿童保温杯', '95030089'), { ...fixed('儿童保温杯', '96170019'), fixed: false }];
    // The longer alias would take the line from 保温杯 (an equal score would not: GIR 3(c) keeps 9617).
    const proposals = [
      { productTypeCode: 'PT-95030089', hs8: '95030089', alias: '儿童保温杯', evidence: 1, examples: [] },
    ];
    const topCode = (list: readonly ProductType[]) => {
      const matcher = createMatcher(list);
      return (title: string) => matcher.match(title, 1).candidates[0]?.hsCode;
    };
    const { kept, dropped } = checkAgainstConfirmations(types, confirmations, proposals, topCode);
    expect(kept).toEqual([]);
    expect(dropped.map((p) => p.alias)).toEqual(['儿童保温杯']);
  });
});
