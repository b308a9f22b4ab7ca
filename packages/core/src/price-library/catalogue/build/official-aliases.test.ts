import { describe, expect, it } from 'vitest';
import { officialNouns } from './official-aliases';

describe('goods nouns of an official description', () => {
  it('takes the material and make prefixes off each listed good', () => {
    expect(officialNouns('棉制针织或钩编的Ｔ恤衫、汗衫、背心')).toEqual(['T恤衫', '汗衫', '背心']);
  });

  it('drops a piece that only states a plating (不论是否镀金或镀银)', () => {
    expect(officialNouns('贱金属表带及其零件,不论是否镀金或镀银')).not.toContain('镀银');
  });

  it('reads "A、B或类似之X" as kinds of X, not as goods A and B', () => {
    const rackets = officialNouns('其他网球、羽毛球或类似之球拍，不论是否已装线');
    expect(rackets).toEqual(expect.arrayContaining(['网球拍', '羽毛球拍', '球拍']));
    expect(rackets).not.toContain('网球');
    expect(rackets).not.toContain('羽毛球');
    // A piece ending as X does is a good of its own; one that only says what X is for names nothing.
    expect(officialNouns('相框、画框及类似之框')).toEqual(expect.arrayContaining(['相框', '画框']));
    const brushes = officialNouns('油漆、色胶、粉饰用或类似之刷');
    expect(brushes).not.toContain('油漆');
    expect(brushes).not.toContain('色胶');
  });

  it('keeps the listed goods when 类似之 names something general, and what follows X', () => {
    expect(officialNouns('婴儿用尿垫、卫生巾及类似之物品')).toEqual(['婴儿用尿垫', '卫生巾']);
    expect(officialNouns('剪刀、裁缝剪刀及类似之剪刀及其刀片')).toEqual(['剪刀', '裁缝剪刀', '刀片']);
  });
});
