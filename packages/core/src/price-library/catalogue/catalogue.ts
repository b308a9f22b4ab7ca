/**
 * The price library's product types (品类), as committed data: `product-types.csv` beside this
 * file, built by `build/build-catalogue.ts` from the official HS lists in `data/` (see README.md).
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from './csv';

export interface ProductType {
  /** Stable code: `PT-<hs8>` for an HS8-derived type, `PT-<hs8>-<MATERIAL>-<FORM>` for a market type. */
  code: string;
  nameZh: string;
  nameEn: string;
  /** Market and official words for the goods, Chinese and English, as written (not normalised). */
  aliases: string[];
  /** Customs code, 8 digits (10 where the mainland 10-digit code is known; none is in the sources yet). */
  hsCode: string;
  hs8: string;
  /** Legal first unit, 3-digit declaration unit code, e.g. '035' 千克, '007' 个. */
  unit1: string;
  unit2: string | null;
  /** Unit the market quotes prices in, 3-digit. */
  defaultUnit: string;
  category: string;
}

let cached: ProductType[] | null = null;

/** Reads the committed catalogue once; later calls return the same frozen array. */
export function loadCatalogue(): ProductType[] {
  if (cached) return cached;
  const text = readFileSync(new URL('./product-types.csv', import.meta.url), 'utf8');
  cached = Object.freeze(
    parseCsv(text).map((row) =>
      Object.freeze({
        code: row.code ?? '',
        nameZh: row.name_zh ?? '',
        nameEn: row.name_en ?? '',
        aliases: row.aliases ? row.aliases.split('|') : [],
        hsCode: row.hs_code ?? '',
        hs8: row.hs8 ?? '',
        unit1: row.unit1 ?? '',
        unit2: row.unit2 || null,
        defaultUnit: row.default_unit ?? '',
        category: row.category ?? '',
      }),
    ),
  ) as ProductType[];
  return cached;
}

export { type DemoBand, demoReferenceBands } from './demo-bands';
