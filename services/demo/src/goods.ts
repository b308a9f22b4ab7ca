import { expectOk, listAll, type Api } from './client';
import type { Random } from './random';

/**
 * Goods the Baigou market sells, as its wholesale titles read: built from the price library's own
 * product types (their Chinese names and market aliases, read through the API as a firm would)
 * with the market's modifiers — season, style, size, colour, 批发/现货/厂家直销. Every title is
 * checked once through POST /v1/price-library/match and kept only when the platform recognises the
 * product type it was built from, so the month's price checks show real deviations, not matcher
 * abstentions.
 */

interface Band {
  unit: string;
  currency: string;
  median: string;
}

interface ProductType {
  code: string;
  nameZh: string;
  aliases: string[];
  hsCode: string;
  defaultUnit: string;
  category: string;
  bands: Band[];
}

export interface Goods {
  productTypeCode: string;
  hsCode: string;
  chapter: string;
  title: string;
  unit: string;
  /** Band median, CNY per `unit`. */
  medianCny: number;
  category: string;
}

export interface BandPolicy {
  soft: number;
  hard: number;
}

export interface GoodsCatalogue {
  bags: Goods[];
  other: Goods[];
  policyOf(category: string): BandPolicy;
  versionLabel: string;
  typeCount: number;
  /** Titles built and checked through the matcher, kept or not. */
  checked: number;
}

/**
 * The market's other goods, besides chapter 42, by HS prefix: T-shirts and sweaters, socks, gloves,
 * scarves, shoes and slippers, hats, umbrellas, imitation jewellery, toys, combs and hair clips.
 */
const OTHER_HS_PREFIXES = [
  '6109',
  '6110',
  '6115',
  '6116',
  '6117',
  '6214',
  '6402',
  '6404',
  '6505',
  '6506',
  '6601',
  '7117',
  '9503',
  '9615',
];
/** Alias fragments of official tariff wording, not words a seller writes. */
const TARIFF_WORDING = /第|其他|属于|包括|未列名|经|的|或|及|制/;
const VARIANTS_PER_TYPE = 2;

const SEASONS = ['2026新款', '新款', '秋冬新款', '春夏新款', '爆款', ''];
const STYLES = ['韩版', '时尚', '复古', '简约', '百搭', '商务', '休闲', '欧美风', '大气', ''];
const COLOURS = ['黑色', '棕色', '酒红色', '米白色', '卡其色', '藏青色', '灰色', '粉色', '多色可选'];
const TRADE_WORDS = ['批发', '现货', '厂家直销', '工厂直销 批发', '现货批发', '外贸 批发', '一件代发'];
/** Size and spec words by the form in a product type's code; the first match wins. */
const SIZES: [RegExp, string[]][] = [
  [/TROLLEY/, ['20寸', '24寸', '28寸', '20/24/28寸三件套', '登机箱 20寸', '万向轮']],
  [/LAPTOP|BACKPACK|SCHOOL-BAG/, ['15.6寸', '大容量', '加厚', '防泼水', '多隔层']],
  [/WALLET|CARD|PURSE|COIN|KEY/, ['长款', '短款', '多卡位', '拉链款', '']],
  [/GLOVE/, ['M码', 'L码', 'XL码', '加绒', '']],
  [/BELT/, ['105cm', '115cm', '125cm', '自动扣', '针扣']],
  [/^PT-42/, ['大容量', '大号', '中号', '小号', '迷你', '加厚']],
];

const isCjk = (text: string) => /[\u4e00-\u9fff]/.test(text);
/** A market word among a type's aliases: 2 to 6 Chinese characters, no tariff wording. */
const marketWords = (type: ProductType) =>
  type.aliases.filter((alias) => /^[\u4e00-\u9fff]{2,6}$/.test(alias) && !TARIFF_WORDING.test(alias));

/** Material and form words of a chapter-42 market type (`PT-<hs8>-<MATERIAL>-<FORM>`), from the aliases its siblings share. */
function wordsByFacet(types: readonly ProductType[]) {
  const facets = (code: string) => {
    // Two materials have a hyphen of their own; forms may have one too (LAPTOP-BAG).
    const match = /^PT-\d{8}-(ABS-PC|BONDED-LEATHER|[A-Z]+)-([A-Z]+(?:-[A-Z]+)*)$/.exec(code);
    return match ? { material: match[1]!, form: match[2]! } : null;
  };
  const shared = (key: (facet: { material: string; form: string }) => string) => {
    const groups = new Map<string, Set<string>[]>();
    for (const type of types) {
      const facet = facets(type.code);
      if (!facet) continue;
      groups.set(key(facet), [...(groups.get(key(facet)) ?? []), new Set(type.aliases)]);
    }
    const words = new Map<string, string[]>();
    for (const [name, sets] of groups) {
      if (sets.length < 2) continue;
      words.set(
        name,
        [...sets[0]!].filter((alias) => sets.every((set) => set.has(alias))),
      );
    }
    return words;
  };
  return { facets, materials: shared((facet) => facet.material), forms: shared((facet) => facet.form) };
}

function titleFor(type: ProductType, random: Random, words: ReturnType<typeof wordsByFacet>): string {
  const facet = words.facets(type.code);
  let core = type.nameZh;
  if (facet) {
    const materials = (words.materials.get(facet.material) ?? []).filter(
      (word) => isCjk(word) || /^[A-Z+]+$/.test(word),
    );
    const forms = (words.forms.get(facet.form) ?? []).filter(isCjk);
    if (materials.length && forms.length && random.chance(0.6)) core = `${random.pick(materials)}${random.pick(forms)}`;
  } else {
    // Official tariff names read like tariff names; sellers write the market word.
    const words = marketWords(type);
    if (words.length && (type.nameZh.length > 8 || random.chance(0.5))) core = random.pick(words);
  }
  const sizes = SIZES.find(([pattern]) => pattern.test(type.code))?.[1];
  const size = sizes ? random.pick(sizes) : '';
  const parts = [random.pick(SEASONS), random.pick(STYLES), core, size, random.pick(COLOURS), random.pick(TRADE_WORDS)];
  return parts.filter(Boolean).join(' ');
}

async function productTypes(api: Api, key: string): Promise<{ types: ProductType[]; versionId: string }> {
  const page = expectOk<{ version: { id: string } }>(
    'product types',
    await api.get(key, '/v1/price-library/product-types?hsPrefix=42&limit=1'),
  );
  const bags = await listAll<ProductType>(api, key, '/v1/price-library/product-types?hsPrefix=4202');
  const otherLeather = await listAll<ProductType>(api, key, '/v1/price-library/product-types?hsPrefix=4203');
  const other: ProductType[] = [];
  for (const prefix of OTHER_HS_PREFIXES)
    other.push(...(await listAll<ProductType>(api, key, `/v1/price-library/product-types?hsPrefix=${prefix}`)));
  // A firm does not offer what the excluded-goods list refuses (prohibited, restricted, suspended).
  const excluded = await listAll<{ hsPrefix: string | null; keyword: string | null }>(api, key, '/v1/excluded-goods');
  const allowed = (type: ProductType) =>
    !excluded.some(
      (entry) =>
        (entry.hsPrefix && type.hsCode.startsWith(entry.hsPrefix)) ||
        (entry.keyword && [type.nameZh, ...type.aliases].some((word) => word.includes(entry.keyword!))),
    );
  const usable = (type: ProductType) =>
    allowed(type) &&
    type.bands.some((band) => band.unit === type.defaultUnit && band.currency === 'CNY') &&
    marketWords(type).length >= 2;
  const unique = new Map([...bags, ...otherLeather, ...other].filter(usable).map((type) => [type.code, type]));
  return { types: [...unique.values()], versionId: page.version.id };
}

interface MatchAnswer {
  items: { abstained: boolean; candidates: { productTypeCode: string }[]; priceCheck?: { status: string } }[];
}

/** The drafts the platform matches to their own type at the median price, asked 1,000 titles at a time. */
async function keepMatched(
  api: Api,
  key: string,
  drafts: readonly { goods: Goods }[],
  idempotencyPrefix: string,
): Promise<Goods[]> {
  const kept: Goods[] = [];
  for (let start = 0; start < drafts.length; start += 1000) {
    const chunk = drafts.slice(start, start + 1000);
    const answer = expectOk<MatchAnswer>(
      'match titles',
      await api.post(
        key,
        '/v1/price-library/match',
        {
          items: chunk.map(({ goods }) => ({
            description: goods.title,
            unitPrice: goods.medianCny.toFixed(2),
            unit: goods.unit,
            currency: 'CNY',
          })),
        },
        `${idempotencyPrefix}:match:${start}`,
      ),
    );
    answer.items.forEach((item, index) => {
      const { goods } = chunk[index]!;
      if (
        !item.abstained &&
        item.candidates[0]?.productTypeCode === goods.productTypeCode &&
        item.priceCheck?.status === 'ok'
      )
        kept.push(goods);
    });
  }
  return kept;
}

/** Reads the library, builds titles, keeps the ones the platform matches to their own type at the median price. */
export async function loadGoods(
  api: Api,
  key: string,
  random: Random,
  idempotencyPrefix: string,
): Promise<GoodsCatalogue> {
  const { types, versionId } = await productTypes(api, key);
  const version = expectOk<{
    label: string;
    bandPolicies: {
      default: { soft: string; hard: string };
      byCategory: Record<string, { soft: string; hard: string }>;
    };
  }>('price-library version', await api.get(key, `/v1/price-library/versions/${versionId}`));
  const words = wordsByFacet(types);
  const drafts = types.flatMap((type) => {
    const band = type.bands.find((each) => each.unit === type.defaultUnit && each.currency === 'CNY')!;
    return Array.from({ length: VARIANTS_PER_TYPE }, () => ({
      type,
      goods: {
        productTypeCode: type.code,
        hsCode: type.hsCode,
        chapter: type.hsCode.slice(0, 2),
        title: titleFor(type, random, words),
        unit: type.defaultUnit,
        medianCny: Number(band.median),
        category: type.category,
      } satisfies Goods,
    }));
  });
  const kept = await keepMatched(api, key, drafts, idempotencyPrefix);
  const policies = version.bandPolicies;
  const toPolicy = (policy: { soft: string; hard: string }) => ({
    soft: Number(policy.soft),
    hard: Number(policy.hard),
  });
  return {
    bags: kept.filter((goods) => goods.chapter === '42'),
    other: kept.filter((goods) => goods.chapter !== '42'),
    policyOf: (category) => toPolicy(policies.byCategory[category] ?? policies.default),
    versionLabel: version.label,
    typeCount: new Set(kept.map((goods) => goods.productTypeCode)).size,
    checked: drafts.length,
  };
}
