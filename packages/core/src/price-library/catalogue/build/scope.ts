/**
 * Which part of the tariff the catalogue covers, and the category each code falls in.
 *
 * Whole chapters are the ones a small-commodity market such as Baigou trades (luggage and bags,
 * apparel, footwear, headgear, umbrellas, artificial flowers, imitation jewellery, household metal
 * ware, tools, locks, small electricals, lamps, toys, sundries). A few single headings add the
 * everyday goods of other chapters that the same stalls sell (ceramic and glass tableware,
 * wooden kitchenware, notebooks, sunglasses, watches and clocks), so that a title for such goods
 * finds its own heading instead of the nearest wrong one.
 */
export const scopeChapters = [
  '39',
  '42',
  '43',
  '46',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '67',
  '71',
  '73',
  '82',
  '83',
  '85',
  '94',
  '95',
  '96',
] as const;
export const scopeHeadings = [
  '4016',
  '4419',
  '4420',
  '4817',
  '4819',
  '4820',
  '5609',
  '5806',
  '5808',
  '6911',
  '6912',
  '6913',
  '7013',
  '7615',
  '9004',
  '9101',
  '9102',
  '9103',
  '9105',
  '9113',
] as const;
/**
 * Single subheadings sold in the same stalls whose headings hold much else: fans (8414.51/59, not
 * compressors and pumps), first-aid kits (3006.50, not the rest of the pharmacy), household and
 * personal scales (8423.10), electronic calculators (8470.10/21/29), keyboards and mice (8471.60)
 * and staplers and hole punches (8472.90) — stationery and desk goods the market sells beside
 * chapters 48 and 96, which without their codes would be drawn to the nearest wrong one.
 */
export const scopeSubheadings = [
  '300650',
  '841451',
  '841459',
  '842310',
  '847010',
  '847021',
  '847029',
  '847160',
  '847290',
] as const;

export function inScope(code: string): boolean {
  return (
    (scopeChapters as readonly string[]).includes(code.slice(0, 2)) ||
    (scopeHeadings as readonly string[]).includes(code.slice(0, 4)) ||
    (scopeSubheadings as readonly string[]).includes(code.slice(0, 6))
  );
}

/** Longest-prefix table: HS prefix → category. Order does not matter; the longest prefix wins. */
const categoryByPrefix: Record<string, string> = {
  '39': 'plastics',
  '3923': 'packaging',
  '3926': 'plastics',
  '392610': 'stationery',
  '392620': 'apparel',
  '4016': 'rubber-goods',
  '842310': 'electricals',
  '8470': 'stationery',
  '847160': 'electricals',
  '847290': 'stationery',
  '42': 'leather-goods',
  '4201': 'leather-goods',
  '420211': 'luggage',
  '420212': 'luggage',
  '420219': 'luggage',
  '420221': 'handbags',
  '420222': 'handbags',
  '420229': 'handbags',
  '420231': 'small-leather-goods',
  '420232': 'small-leather-goods',
  '420239': 'small-leather-goods',
  '420291': 'bags',
  '420292': 'bags',
  '420299': 'bags',
  '4203': 'apparel',
  '420330': 'accessories',
  '420340': 'accessories',
  '4419': 'kitchenware',
  '4420': 'sundries',
  '43': 'fur',
  '4819': 'packaging',
  '5609': 'textiles',
  '5806': 'trimmings',
  '5808': 'trimmings',
  '3006': 'sundries',
  '8414': 'electricals',
  '9113': 'watches',
  '46': 'basketwork',
  '4817': 'stationery',
  '4820': 'stationery',
  '61': 'apparel',
  '62': 'apparel',
  '6115': 'hosiery',
  '6116': 'accessories',
  '6117': 'accessories',
  '6213': 'accessories',
  '6214': 'accessories',
  '6215': 'accessories',
  '6216': 'accessories',
  '6217': 'accessories',
  '63': 'textiles',
  '64': 'footwear',
  '65': 'headgear',
  '66': 'umbrellas',
  '67': 'sundries',
  '6911': 'kitchenware',
  '6912': 'kitchenware',
  '6913': 'sundries',
  '7013': 'kitchenware',
  '71': 'jewellery',
  '73': 'hardware',
  '7323': 'kitchenware',
  '7615': 'kitchenware',
  '82': 'tools',
  '8211': 'cutlery',
  '8213': 'cutlery',
  '8214': 'cutlery',
  '8215': 'cutlery',
  '83': 'hardware',
  '8301': 'locks',
  '85': 'electricals',
  '8513': 'lamps',
  '9004': 'eyewear',
  '91': 'watches',
  '94': 'furniture',
  '9404': 'textiles',
  '9405': 'lamps',
  '95': 'toys',
  '9504': 'games',
  '9505': 'festive',
  '9506': 'sports',
  '9507': 'sports',
  '96': 'sundries',
  '9608': 'stationery',
  '9609': 'stationery',
  '9610': 'stationery',
  '9611': 'stationery',
};

export function categoryOf(hs8: string): string {
  for (let n = 6; n >= 2; n -= 1) {
    const category = categoryByPrefix[hs8.slice(0, n)];
    if (category) return category;
  }
  return 'sundries';
}
