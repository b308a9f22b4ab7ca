import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/catalogue';
import { createMatcher } from './matcher';
import { buildSpellIndex, editDistance, nearestWord, readings, readMisspellings } from './misspellings';
import { readTitle } from './rules';
import { buildTermIndex } from './term-index';

const types = loadCatalogue();
const index = buildTermIndex(types);
const spell = buildSpellIndex(index);
const matcher = createMatcher(types);
const read = (title: string) => readMisspellings(index, spell, readTitle(title).text);

describe('same-sound characters (同音字)', () => {
  it('reads toneless pinyin of every reading of a character', () => {
    expect(readings('题')).toEqual(['ti']);
    expect(readings('行')).toEqual(expect.arrayContaining(['xing', 'hang']));
  });

  it.each([
    ['女士手题包 PU 大容量', '手题包', '手提包'],
    ['减负书抱 尼龙', '书抱', '书包'],
    ['商务 真皮公文宝 男士', '真皮公文宝', '真皮公文包'],
    ['折叠雨散 三折 自动', '雨散', '雨伞'],
  ])('reads %s with %s as %s and says so', (title, written, readAs) => {
    const { corrections, text } = read(title);
    expect(corrections).toEqual([
      { written, readAs, kind: 'same-sound', note: `rule:read-as(${written} 读作 ${readAs}, 同音字 / same sound)` },
    ]);
    expect(text).toContain(readAs);
  });

  it.each(['真皮手提包 女', '抱枕 毛绒 沙发靠垫', '羽绒被子 冬季', '纯棉背心 男 针织', '便携收音机 老人'])(
    'never changes a correctly written word: %s',
    (title) => {
      expect(read(title).corrections).toEqual([]);
    },
  );

  it('leaves a character that belongs to the next word (衣加绒: 加绒) and a X子 word (柜子)', () => {
    expect(read('绵羊皮皮衣加绒').corrections).toEqual([]);
    expect(read('转舌锁 柜子').corrections).toEqual([]);
  });

  it('leaves a character that ends the previous word (特技车) and a style suffix (充电式)', () => {
    expect(read('遥控特技车').corrections).toEqual([]);
    for (const title of ['超轻雨伞 黑色', '精灵钱包', '软面拖鞋']) expect(read(title).corrections).toEqual([]);
    expect(read('户外营地灯 充电式').corrections).toEqual([]);
  });

  it('leaves a negation written on purpose (无布底 is no 抹布)', () => {
    expect(read('pvc薄膜雨衣 无布底 成人').corrections).toEqual([]);
  });
});

describe('English misspellings', () => {
  it('measures Damerau-Levenshtein distance with transpositions', () => {
    expect(editDistance('wallte', 'wallet')).toBe(1);
    expect(editDistance('luggae', 'luggage')).toBe(1);
    expect(editDistance('screwdriwer', 'screwdriver')).toBe(1);
    expect(editDistance('sunglases', 'sunglass')).toBe(1);
  });

  it.each([
    ['wallte', 'wallet'],
    ['luggae', 'luggage'],
    ['sholder', 'shoulder'],
    ['ballpiont', 'ballpoint'],
  ])('reads %s as %s', (word, readAs) => {
    expect(nearestWord(spell, word)?.word).toBe(readAs);
  });

  it.each([
    'shirt',
    'skirt',
    'table',
    'cable',
    'metal',
    'lighter',
    'beach',
    'beike',
    'huayi',
    'bag',
    'jansport',
    'spalding',
  ])('keeps %s: a catalogue or dictionary word, a brand or a short word', (word) => {
    expect(nearestWord(spell, word)).toBeUndefined();
  });
});

describe('the matcher with misspellings', () => {
  it('matches a misspelt title, explains the reading and discounts the confidence', () => {
    const typo = matcher.match('女士手题包 PU 大容量').candidates[0]!;
    const right = matcher.match('女士手提包 PU 大容量').candidates[0]!;
    expect(typo.hsCode.slice(0, 8)).toBe('42022200');
    expect(typo.matchedTerms).toEqual(
      expect.arrayContaining(['rule:read-as(手题包 读作 手提包, 同音字 / same sound)', 'confidence:read-as×0.9']),
    );
    expect(typo.score).toBeLessThan(right.score);
    expect(right.matchedTerms.some((t) => t.startsWith('rule:read-as'))).toBe(false);
  });

  it('matches an English typo', () => {
    const top = matcher.match('Leather Wallte Men Bifold').candidates[0]!;
    expect(top.hsCode.slice(0, 8)).toBe('42023100');
    expect(top.matchedTerms).toContain('rule:read-as(wallte read as wallet, one edit)');
  });
});
