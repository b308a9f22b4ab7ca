import { ExactDecimal } from '../shared/money';

/**
 * Conversions between the official 3-digit declaration units (计量单位, reference list `unit`).
 * The official table names units but gives no factors, so the factors are kept here: each unit is
 * a multiple of a base unit of its dimension. Different measure words for one piece of goods
 * (个, 只, 件, 把, 支, 条 …) are the same count dimension: the market uses them interchangeably and
 * customs' statistics count them alike (stats unit 01, "number of items").
 */
type Dimension = 'piece' | 'pair' | 'set' | 'mass' | 'length' | 'area' | 'volume';

const factors: Record<string, { dimension: Dimension; factor: string }> = {
  // pieces (base: one piece)
  '001': { dimension: 'piece', factor: '1' }, // 台
  '007': { dimension: 'piece', factor: '1' }, // 个
  '008': { dimension: 'piece', factor: '1' }, // 只
  '010': { dimension: 'piece', factor: '1' }, // 张
  '011': { dimension: 'piece', factor: '1' }, // 件
  '012': { dimension: 'piece', factor: '1' }, // 支
  '013': { dimension: 'piece', factor: '1' }, // 枝
  '014': { dimension: 'piece', factor: '1' }, // 根
  '015': { dimension: 'piece', factor: '1' }, // 条
  '016': { dimension: 'piece', factor: '1' }, // 把
  '017': { dimension: 'piece', factor: '1' }, // 块
  '020': { dimension: 'piece', factor: '1' }, // 片
  '134': { dimension: 'piece', factor: '1' }, // 枚
  '163': { dimension: 'piece', factor: '1' }, // 部
  '127': { dimension: 'piece', factor: '12' }, // 打 (dozen)
  '129': { dimension: 'piece', factor: '144' }, // 罗 (gross)
  '043': { dimension: 'piece', factor: '100' }, // 百个
  '041': { dimension: 'piece', factor: '100' }, // 百支
  '042': { dimension: 'piece', factor: '100' }, // 百把
  '044': { dimension: 'piece', factor: '100' }, // 百片
  '050': { dimension: 'piece', factor: '1000' }, // 千只
  '054': { dimension: 'piece', factor: '1000' }, // 千个
  '143': { dimension: 'piece', factor: '1000' }, // 千支
  '038': { dimension: 'piece', factor: '10000' }, // 万个
  // pairs (base: one pair)
  '025': { dimension: 'pair', factor: '1' }, // 双
  '026': { dimension: 'pair', factor: '1' }, // 对
  '019': { dimension: 'pair', factor: '1' }, // 副
  '144': { dimension: 'pair', factor: '10000' }, // 万双
  '040': { dimension: 'pair', factor: '100' }, // 百副
  // sets (base: one set)
  '006': { dimension: 'set', factor: '1' }, // 套
  '021': { dimension: 'set', factor: '1' }, // 组
  '057': { dimension: 'set', factor: '10000' }, // 万套
  // mass (base: kilogram)
  '035': { dimension: 'mass', factor: '1' }, // 千克
  '036': { dimension: 'mass', factor: '0.001' }, // 克
  '070': { dimension: 'mass', factor: '1000' }, // 吨
  '075': { dimension: 'mass', factor: '0.5' }, // 斤
  '076': { dimension: 'mass', factor: '0.45359237' }, // 磅
  '083': { dimension: 'mass', factor: '0.028349523125' }, // 盎司
  // length (base: metre)
  '030': { dimension: 'length', factor: '1' }, // 米
  '147': { dimension: 'length', factor: '1000' }, // 千米
  '086': { dimension: 'length', factor: '0.9144' }, // 码
  '067': { dimension: 'length', factor: '0.3048' }, // 英尺
  '088': { dimension: 'length', factor: '0.0254' }, // 英寸
  // area (base: square metre)
  '032': { dimension: 'area', factor: '1' }, // 平方米
  '110': { dimension: 'area', factor: '0.83612736' }, // 平方码
  '111': { dimension: 'area', factor: '0.09290304' }, // 平方英尺
  // volume (base: litre)
  '095': { dimension: 'volume', factor: '1' }, // 升
  '096': { dimension: 'volume', factor: '0.001' }, // 毫升
  '063': { dimension: 'volume', factor: '1000' }, // 千升
  '033': { dimension: 'volume', factor: '1000' }, // 立方米
};

/** How many `to` units one `from` unit is, or null when they measure different things. */
export function unitFactor(from: string, to: string): ExactDecimal | null {
  if (from === to) return new ExactDecimal(1);
  const a = factors[from];
  const b = factors[to];
  if (!a || !b || a.dimension !== b.dimension) return null;
  return new ExactDecimal(a.factor).div(b.factor);
}

/** A price per `from` unit expressed per `to` unit (a price per dozen is 1/12 of it per piece). */
export function convertUnitPrice(price: ExactDecimal, from: string, to: string): ExactDecimal | null {
  const factor = unitFactor(from, to);
  return factor ? price.div(factor) : null;
}

export const convertibleUnits = Object.keys(factors);
