import type { ProductType } from './catalogue';

/**
 * A product type for a test's own small catalogue: code `PT-<hs8>`, English name = Chinese name, unit 个
 * (007), category `sundries`; `fields` overrides any of them.
 */
export const testProductType = (
  hs8: string,
  nameZh: string,
  aliases: string[],
  fields: Partial<ProductType> = {},
): ProductType => ({
  code: `PT-${hs8}`,
  nameZh,
  nameEn: nameZh,
  aliases,
  hsCode: hs8,
  hs8,
  unit1: '007',
  unit2: null,
  defaultUnit: '007',
  category: 'sundries',
  ...fields,
});
