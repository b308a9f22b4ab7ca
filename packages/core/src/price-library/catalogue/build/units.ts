/**
 * Legal units and the default traded unit of a product type.
 *
 * The HS8 source gives the customs statistics units (2-digit codes, e.g. `09` kilogram, `01`
 * "number of items" written with a measure word such as 个, 件, 双). The declaration form uses
 * the 3-digit 计量单位 codes, so each unit is mapped by its Chinese name to the code of the same
 * name in cn_customs_units_of_measure.csv (千克 → 035, 个 → 007, 件 → 011, 双 → 025 …).
 */
import { parseCsv } from '../csv';

export interface UnitTable {
  /** 3-digit declaration unit code for a Chinese unit name, e.g. 千克 → 035. */
  codeOf(nameZh: string): string;
}

export function unitTable(unitsCsv: string): UnitTable {
  const byName = new Map(parseCsv(unitsCsv).map((row) => [row.name_zh ?? '', row.code ?? '']));
  return {
    codeOf(nameZh: string): string {
      const code = byName.get(nameZh);
      if (!code) throw new Error(`no declaration unit named ${nameZh}`);
      return code;
    },
  };
}

/** Units that measure an amount of stuff rather than count pieces, pairs or sets. */
const bulkUnits = new Set(['035', '036', '070', '030', '032', '033', '095', '084']);

/**
 * Where the only legal unit is a mass, the market still sells by the piece: belts by the 条,
 * jewellery by the 件, locks by the 把. Keyed by HS prefix (longest wins). Goods that really are
 * sold by weight (plastic bags by the kilogram, yarn, wire) keep 035.
 */
const tradedUnitByPrefix: Record<string, string> = {
  '3924': '007', // household plastic articles: 个
  '392610': '007',
  '392620': '011', // raincoats and apparel accessories: 件
  '392640': '007',
  '392690': '007',
  '4016': '007',
  '4202': '007', // bags and cases: 个
  '4203': '011',
  '420330': '015', // belts: 条
  '4419': '007',
  '4420': '007',
  '4602': '007',
  '4817': '007',
  '4820': '132', // notebooks: 本
  '6117': '011',
  '63': '011',
  '6305': '015', // woven sacks: 条
  '6601': '016', // umbrellas: 把
  '6602': '016',
  '67': '011',
  '6911': '007',
  '6912': '007',
  '6913': '007',
  '7013': '007',
  '7117': '011', // imitation jewellery: 件
  '7323': '007',
  '7615': '007',
  '82': '016', // hand tools and knives: 把
  '8213': '016',
  '8214': '011',
  '8215': '012', // spoons and forks: 支
  '83': '007',
  '8301': '016', // locks: 把
  '8308': '007',
  '9004': '019', // spectacles: 副
  '9405': '007',
  '9503': '007',
  '9505': '007',
  '96': '007',
  '9608': '012', // pens: 支
  '9609': '012',
};

function tradedOverride(hs8: string): string | null {
  for (let n = 6; n >= 2; n -= 1) {
    const unit = tradedUnitByPrefix[hs8.slice(0, n)];
    if (unit) return unit;
  }
  return null;
}

/** The unit prices are quoted in: the legal count unit if there is one, else the market's unit. */
export function defaultTradedUnit(hs8: string, unit1: string, unit2: string | null): string {
  if (!bulkUnits.has(unit1)) return unit1;
  if (unit2 && !bulkUnits.has(unit2)) return unit2;
  return tradedOverride(hs8) ?? unit1;
}
