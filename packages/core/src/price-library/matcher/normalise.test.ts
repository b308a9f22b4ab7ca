import { describe, expect, it } from 'vitest';
import { noiseBearingPhrases, normalise, normaliseText, stem, stripNoise } from './normalise';

describe('normaliseText', () => {
  it('turns full-width letters, digits and the ideographic space into ASCII', () => {
    expect(normaliseText('ＡＢＳ＋ＰＣ\u3000２０寸')).toBe('abs+pc 20寸');
  });

  it('converts traditional characters and Taiwan phrasing to simplified', () => {
    expect(normaliseText('拉桿箱 塑膠 錢包')).toBe('拉杆箱 塑料 钱包');
  });

  it('leaves simplified text to mainland usage (桌布 is a tablecloth, not the Taiwan word for a desktop wallpaper)', () => {
    expect(normaliseText('纯棉桌布')).toBe('纯棉桌布');
  });

  it('keeps the goods words Taiwan phrasing would turn into computing terms in traditional text', () => {
    expect(normaliseText('純棉桌布 刺繡')).toBe('纯棉桌布 刺绣');
    expect(normaliseText('文件夾 塑膠')).toBe('文件夹 塑料');
    expect(normaliseText('電子元件 呼叫器')).toBe('电子元件 呼叫器');
    expect(normaliseText('後背包')).toBe('后背包');
  });

  it('corrects common same-sound misspellings', () => {
    expect(normaliseText('斜跨包 牛精布 拉竿箱')).toBe('斜挎包 牛津布 拉杆箱');
    expect(normaliseText('Kids Backpak')).toBe('kids backpack');
  });
});

describe('normalise', () => {
  it('drops sizes, model numbers, colours and marketing words', () => {
    expect(normalise('2024新款 爆款 ABS+PC 20/24/28寸 拉杆箱 焦糖色 型号L484 41021#')).toBe('abs+pc 拉杆箱');
    expect(normalise('网红同款 ７０＊７０ｃｍ 雪纺丝巾 涤纶 撞色')).toBe('雪纺丝巾 涤纶');
  });

  it('keeps material grades that look like numbers', () => {
    expect(normalise('S925纯银项链 304不锈钢')).toBe('s925纯银项链 304不锈钢');
  });
});

describe('stem', () => {
  it('reduces English plurals so that bags meets bag', () => {
    expect(['bags', 'boxes', 'batteries', 'glass', 'dress'].map(stem)).toEqual([
      'bag',
      'box',
      'battery',
      'glass',
      'dress',
    ]);
  });
});

describe('noiseBearingPhrases', () => {
  const keep = noiseBearingPhrases(['5号电池', 'gold bar', 'red lantern', '红色', '手电筒']);

  it('keeps only catalogue words the noise filter would cut and that are more than noise', () => {
    expect(keep?.source).toContain('5号电池');
    expect(keep?.source).not.toContain('红色');
    expect(keep?.source).not.toContain('手电筒');
  });

  it('keeps such a word whole in a title, and drops the same noise elsewhere', () => {
    expect(stripNoise(normaliseText('南孚 5号电池 4个 红色'), keep)).toBe('南孚 5号电池');
    expect(stripNoise(normaliseText('Gold Bar 999 red lantern gold'), keep)).toBe('gold bar 999 red lantern');
    expect(stripNoise(normaliseText('gold necklace'), keep)).toBe('necklace');
  });
});
