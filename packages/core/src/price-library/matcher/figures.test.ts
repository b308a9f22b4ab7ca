import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/catalogue';
import { codeRanges, figureFit, figureStem, stemSimilarity, titleFigures } from './figures';
import { createMatcher } from './matcher';
import { normaliseText } from './normalise';

const bounds = (name: string) =>
  codeRanges(name).map(({ quantity, low, high }) => [
    quantity,
    low ? `${low.inclusive ? '[' : '('}${low.value}` : '-∞',
    high ? `${high.value}${high.inclusive ? ']' : ')'}` : '∞',
  ]);
const figures = (title: string) => titleFigures(normaliseText(title)).map((f) => [f.quantity, f.value]);

describe('codeRanges: the figure ranges an official name states', () => {
  it('reads symbols, both-sided ranges and units of every scale', () => {
    expect(bounds('其他电缆，80V＜额定电压≤1000V')).toEqual([['voltage', '(80', '1000]']]);
    expect(bounds('自动断路器，72.5kV≤线路电压≤220kV')).toEqual([['voltage', '[72500', '220000]']]);
    expect(bounds('液体介质变压器，650kVA＜额定容量≤10MVA')).toEqual([['apparent-power', '(650000', '10000000]']]);
    expect(bounds('直流电动机及直流发电机，750W＜输出功率≤75kW')).toEqual([['power', '(750', '75000]']]);
    expect(bounds('盛装物料的钢铁容器，50L≤容积≤300L')).toEqual([['volume', '[50', '300]']]);
  });

  it('reads comparisons written in words', () => {
    expect(bounds('未列名额定容量超过16千伏安，但不超过500千伏安的其他变压器')).toEqual([
      ['apparent-power', '(16000', '500000]'],
    ]);
    expect(bounds('其他螺钉及螺栓，抗拉强度在800兆帕及以上')).toEqual([['tensile-strength', '[800', '∞']]);
    expect(bounds('其他螺钉及螺栓，抗拉强度在800兆帕以下')).toEqual([['tensile-strength', '-∞', '800)']]);
    expect(bounds('屈服强度大于等于552兆帕，但小于758兆帕的其他钢铁制钻探石油及天然气用无缝套管')).toEqual([
      ['yield-strength', '[552', '758)'],
    ]);
    expect(bounds('工作电压超过36伏，但不超过1000伏的接插件')).toEqual([['voltage', '(36', '1000]']]);
  });

  it('keeps lengths apart by what is measured and leaves unnamed lengths and other units out', () => {
    expect(bounds('其他铁圆形截面焊缝管，壁厚≤0.7mm，外径≤10mm')).toEqual([
      ['wall-thickness', '-∞', '0.7]'],
      ['outer-diameter', '-∞', '10]'],
    ]);
    expect(bounds('其他铁圆形截面焊缝管，10＜外径≤406.4mm')).toEqual([['outer-diameter', '(10', '406.4]']]);
    // 机座尺寸 is a length the rule has no word for; 粘数 78毫升/克 is a viscosity number, not a volume.
    expect(bounds('微电机，输出功率≤37.5W，20mm≤机座尺寸≤30mm')).toEqual([['power', '-∞', '37.5]']]);
    expect(bounds('粘数≥78毫升/克的聚对苯二甲酸乙二酯切片')).toEqual([]);
    expect(bounds('纯度≥99.99%未锻造银')).toEqual([]);
  });

  it('drops a range its name misprints (8501.64.10: 750kVA＜输出功率≤350kVA)', () => {
    expect(bounds('交流发电机，750kVA＜输出功率≤350kVA')).toEqual([]);
  });

  it('reads at least one range on every code whose name splits siblings by a figure', () => {
    const ranged = loadCatalogue().filter((type) => type.code === `PT-${type.hs8}` && codeRanges(type.nameZh).length);
    expect(ranged.length).toBeGreaterThanOrEqual(140);
    for (const hs8 of ['85444911', '85444921', '85043190', '85043390', '73101000', '73102990', '73181510', '85011099'])
      expect(ranged.map((type) => type.hs8)).toContain(hs8);
  });
});

describe('titleFigures: the figures a title states', () => {
  it('reads units, ranges and ratings as sellers write them', () => {
    expect(figures('DC 12V 30W 直流电机')).toEqual([
      ['voltage', 12],
      ['power', 30],
      ['apparent-power', 30],
    ]);
    expect(figures('电源适配器 输入100-240V 输出12V2A')).toEqual([
      ['voltage', 100],
      ['voltage', 240],
      ['voltage', 12],
    ]);
    expect(figures('BVR电线 450/750V')).toEqual([
      ['voltage', 450],
      ['voltage', 750],
    ]);
    expect(figures('干式变压器 50kVA')).toEqual([['apparent-power', 50000]]);
    expect(figures('Φ219×8 无缝钢管')).toEqual([
      ['outer-diameter', 219],
      ['wall-thickness', 8],
    ]);
    expect(figures('螺栓 抗拉强度：1040MPa')).toEqual([['tensile-strength', 1040]]);
  });

  it('reads no figure from a size without its word, a model number or a number cut by the normaliser', () => {
    expect(figures('PU斜挎包 22*15cm 款号QZ-778')).toEqual([]);
    expect(figures('wood tray 10mm')).toEqual([]);
    // The normaliser leaves 1,000V as "1 000v": no 0 V read from it.
    expect(figures('电缆 1,000V')).toEqual([]);
  });
});

describe('figureFit', () => {
  const cable80 = codeRanges('其他电缆，额定电压≤80V');
  const cable1000 = codeRanges('其他电缆，80V＜额定电压≤1000V');
  const read = (title: string) => titleFigures(normaliseText(title));

  it('contradicts a code whose range holds none of the stated figures, and earns nothing for one that holds', () => {
    expect(figureFit(read('电缆 220V'), cable80)).toMatchObject({ score: -3, fitted: [] });
    expect(figureFit(read('电缆 220V'), cable80).contradicted[0]).toContain('220v outside');
    expect(figureFit(read('电缆 220V'), cable1000)).toMatchObject({ score: 0, contradicted: [] });
    expect(figureFit(read('电缆 220V'), cable1000).fitted[0]).toContain('220v within');
  });

  it('leaves a code alone when the title states no figure of its quantity, and takes any of several', () => {
    expect(figureFit(read('电缆 2.5平方'), cable80)).toEqual({ score: 0, fitted: [], contradicted: [] });
    expect(figureFit(read('适配器 100-240V 输出12V'), cable80).score).toBe(0);
  });

  it('finds the siblings a figure alone splits by their names without the ranges', () => {
    expect(figureStem('其他电缆，80V＜额定电压≤1000V')).toBe(figureStem('其他电缆，额定电压≤80V'));
    const drum = figureStem('盛装物料的钢铁容器，50L≤容积≤300L');
    expect(stemSimilarity(drum, figureStem('其他盛装物料用钢铁容器，容积<50L'))).toBeGreaterThan(0.5);
    expect(stemSimilarity(drum, figureStem('其他焊边或卷边接合的钢铁罐,容积<50l'))).toBeLessThan(0.5);
    expect(stemSimilarity(figureStem('继电器，V≤36V'), figureStem('开关，线路电压≤1000V'))).toBe(0);
  });
});

describe('the figure-range rule in matches', () => {
  const matcher = createMatcher(loadCatalogue());
  const answer = (title: string) => {
    const candidate = matcher.match(title).candidates[0];
    return { hs8: candidate?.hsCode.slice(0, 8), notes: candidate?.matchedTerms.join(' ') ?? '' };
  };

  it('picks the sibling whose range holds the stated figure and says so', () => {
    expect(answer('控制电缆 36V 铜芯').hs8).toBe('85444911');
    expect(answer('控制电缆 220V 铜芯').hs8).toBe('85444921');
    expect(answer('BVR电线 铜芯 450/750V 2.5平方 100米/卷').hs8).toBe('85444929');
    expect(answer('继电器 48V').hs8).toBe('85364190');
    const bolt = answer('高强度螺栓 抗拉强度1040MPa 10.9级');
    expect(bolt.hs8).toBe('73181510');
    expect(bolt.notes).toContain('rule:figure-range(抗拉强度1040mpa within');
  });

  it("moves a code's words to the sibling the figure picks (铁桶 is an alias of the 50–300 L drum)", () => {
    const drum = answer('铁桶 20L 带盖 机油桶');
    expect(drum.hs8).toBe('73102990');
    expect(drum.notes).toContain('rule:figure-range(words of 73101000');
    expect(answer('200升钢桶 化工桶').hs8).toBe('73101000');
  });

  it('keeps a code whose name states no range when a ranged code merely holds the figure', () => {
    expect(answer('LED灯泡 12V 5W').hs8).toBe('85395210');
  });
});
