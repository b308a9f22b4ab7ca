/**
 * Demo reference price bands. No open price data exists for these goods (see the shared data
 * README, "Gaps and cautions"), so the initial library is seeded with generated, plausible CNY
 * wholesale prices that say so in their `source`. They let the price check run end to end and
 * must be replaced by survey or transaction medians before any real use.
 */
import { ExactDecimal } from '../../shared/money';
import type { ReferenceBand } from '../price-check';
import type { ProductType } from './catalogue';

/** A band before it belongs to a version; `sampleSize` 0: no observation stands behind a demo band. */
export type DemoBand = Omit<ReferenceBand, 'version' | 'currency'> & { currency: 'CNY' };

export const demoBandSource = 'GENERATED DEMO DATA (not observed prices): deterministic from the product type code';
const windowFrom = '2024-01-01';
const windowTo = '2024-12-31';

/** FNV-1a, so each code gets the same pseudo-random numbers on every machine and run. */
function seededUnits(code: string): [number, number, number] {
  let hash = 0x811c9dc5;
  const draws: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (const ch of `${code}#${round}`) {
      hash ^= ch.codePointAt(0)!;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    draws.push(hash / 0x1_0000_0000);
  }
  return draws as [number, number, number];
}

/** Typical CNY wholesale price of one traded unit, by category (kg-priced goods use `perKg`). */
const basePriceByCategory: Record<string, number> = {
  luggage: 120,
  bags: 45,
  handbags: 55,
  'small-leather-goods': 25,
  'leather-goods': 60,
  accessories: 15,
  apparel: 35,
  hosiery: 4,
  footwear: 40,
  headgear: 12,
  umbrellas: 15,
  textiles: 25,
  plastics: 6,
  packaging: 0.3,
  stationery: 3,
  jewellery: 5,
  kitchenware: 18,
  hardware: 10,
  tools: 12,
  cutlery: 8,
  locks: 12,
  electricals: 45,
  lamps: 30,
  toys: 20,
  games: 8,
  festive: 6,
  sports: 25,
  sundries: 8,
  furniture: 150,
  basketwork: 25,
  'rubber-goods': 5,
  eyewear: 10,
  watches: 30,
};
const perKg = 18;

/** Genuine leather and aluminium cost more than PU or nylon; the grid code names the material. */
function materialFactor(code: string): number {
  if (/-(LEATHER)-/.test(code)) return 3.5;
  if (/-ALUMINIUM-/.test(code)) return 2.5;
  if (/-(BONDED-LEATHER|PC|ABS-PC)-/.test(code)) return 1.4;
  if (/-(NONWOVEN|PVC)-/.test(code)) return 0.4;
  return 1;
}

export function demoReferenceBands(types: readonly ProductType[]): DemoBand[] {
  return types.map((type) => {
    const [spread, low, high] = seededUnits(type.code);
    const base = type.defaultUnit === '035' ? perKg : (basePriceByCategory[type.category] ?? 10);
    // ×0.6 … ×1.6 around the category price, then q1/q3 at 6–10% below and above the median: a
    // market product type is narrow (material × form), so its wholesale quotes cluster tightly.
    const median = new ExactDecimal(base).mul(materialFactor(type.code)).mul(0.6 + spread);
    const round = (value: ExactDecimal) => value.toDecimalPlaces(value.lt(1) ? 3 : 2).toFixed(value.lt(1) ? 3 : 2);
    return {
      productTypeCode: type.code,
      unit: type.defaultUnit,
      currency: 'CNY',
      median: round(median),
      q1: round(median.mul(1 - (0.06 + 0.04 * low))),
      q3: round(median.mul(1 + (0.06 + 0.04 * high))),
      sampleSize: 0,
      windowFrom,
      windowTo,
      source: demoBandSource,
    };
  });
}
