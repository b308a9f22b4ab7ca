/**
 * Facets: the attributes the tariff splits goods on once the goods noun is known. Materials are
 * paths from broad to narrow (`textile/manmade/synthetic/polyester`), so a title that says 涤纶
 * fits a code for 合成纤维 or 化纤 or 纺织材料 but not one for 棉. The same scanner reads titles
 * and the official names of the codes, so the catalogue needs no separate attribute table.
 */
import { groupBy } from '../../shared/collections';
import { usuallyKnittedGarments } from './lexicon';

/** The words of a residual code's name: "其他", "其它", "未列名" (other, not elsewhere specified). */
export const residualWord = /其他|其它|未列名/;

export type FacetName =
  | 'use'
  | 'material'
  | 'sole'
  | 'insole'
  | 'coating'
  | 'make'
  | 'gender'
  | 'power'
  | 'led'
  | 'solar'
  | 'stone'
  | 'link'
  | 'set'
  | 'cell'
  | 'plating'
  | 'embroidery'
  | 'print'
  | 'toecap';

export interface FacetValue {
  facet: FacetName;
  path: string;
  /** The code says "other/unlisted" materials: it fits only what its siblings do not name. */
  other?: boolean;
  /** For an `other` value: the materials its sibling codes (same heading) name, which it excludes. */
  claimed?: readonly string[];
  /** The market's usual make when a title names no material (see `usualMaterial`). */
  usual?: boolean;
  /** Implied by the code's chapter, not named: it can contradict a title but never earns a fit. */
  implied?: boolean;
  /**
   * "其他动物细毛" after a narrow material: residual only if a sibling code names a kind of it (山羊绒
   * beside 其他动物细毛 in 6117.10), which the term index decides; in "其他银首饰" no sibling names a
   * kind of silver, and the 其他 is about the diamonds.
   */
  otherIfClaimed?: boolean;
  /** Claims of an `otherIfClaimed` value are looked for in the code's one-dash subheading (5 digits), not its heading. */
  claimsInSubheading?: boolean;
  /** "其他材料" of a Section XI code: other textile materials only (fur, leather, plastics conflict). */
  textileOnly?: boolean;
}

type Entry = readonly [FacetName, string, string];

function group(facet: FacetName, path: string, words: string): Entry[] {
  return words.split(' ').map((word) => [facet, path, word.replaceAll('_', ' ')] as const);
}

/** `_` stands for a space inside an English phrase. A path of '' consumes the word without a value. */
const entries: readonly Entry[] = [
  ...group('material', 'leather', '皮革 皮质 leather'),
  ...group(
    'material',
    'leather/genuine',
    '真皮 头层牛皮 头层皮 头层 二层牛皮 二层皮 牛皮 羊皮 小羊皮 绵羊皮 山羊皮 猪皮 鹿皮 鳄鱼皮 疯马皮 油蜡皮 植鞣 牛剖层 麂皮 翻毛皮 反绒皮 磨砂皮 suede nubuck genuine_leather real_leather cowhide cow_leather sheepskin lambskin full_grain top_grain',
  ),
  ...group('material', 'leather/composition', '再生皮革 再生皮 组合皮 bonded_leather composition_leather'),
  ...group('material', 'plastics', '塑料 塑胶 塑料片 塑料布 plastic plastics'),
  ...group(
    'material',
    'plastics/pu',
    'pu pu皮 pu皮革 仿皮 人造革 人造皮革 人造皮 合成革 超纤皮 超纤 pu_leather faux_leather vegan_leather synthetic_leather leatherette artificial_leather',
  ),
  ...group('material', 'plastics/pvc', 'pvc 聚氯乙烯 氯乙烯'),
  ...group('material', 'plastics/tpu', 'tpu'),
  ...group('material', 'plastics/abs', 'abs'),
  ...group('material', 'plastics/pc', 'pc 聚碳酸酯 polycarbonate'),
  ...group('material', 'plastics/pp', 'pp opp 聚丙烯 丙烯 polypropylene'),
  ...group('material', 'plastics/pe', 'pe 聚乙烯 乙烯 hdpe ldpe polyethylene'),
  ...group('material', 'plastics/eva', 'eva'),
  ...group('material', 'plastics/acrylic', '亚克力 有机玻璃 acrylic'),
  ...group('material', 'plastics/resin', '树脂 resin'),
  ...group('material', 'plastics/silicone', '硅胶 silicone'),
  ...group('material', 'plastics/pet', 'pet'),
  ...group('material', 'plastics/melamine', '密胺 melamine'),
  // Written by the moulded-plastics rule (classification-rules.ts) for 注塑 / 吹塑 / injection moulded.
  ...group('material', 'plastics/moulded', '模塑塑料'),
  ...group('material', 'rubber', '橡胶 乳胶 橡塑 丁腈 tpr rubber latex nitrile'),
  // English "oxford" is a weave: oxford cloth bags are polyester, oxford shirts cotton.
  ...group(
    'material',
    'textile',
    '纺织 纺织材料 纺材 纺织物 织物 布 布料 布艺 帆布 fabric textile cloth canvas oxford jute burlap hessian',
  ),
  ...group(
    'material',
    'textile/cotton',
    '纯棉 全棉 棉质 棉制 棉布 精梳棉 新疆棉 有机棉 长绒棉 棉 牛仔布 牛仔 丹宁 灯芯绒 cotton denim corduroy',
  ),
  // Section XI note 1 to chapter 51: wool is sheep's or lambs' fleece; fine animal hair (cashmere,
  // mohair, rabbit …) is its own material, and 6110.12 / 6101.x split cashmere from other fine hair.
  // Sheep's wool (羊毛) is a branch beside fine hair, so a code for 羊毛 alone (6117.10.20, 6214.20.10)
  // does not take cashmere or rabbit hair, while 毛呢 / 毛制 / "羊毛或动物细毛" cover both.
  ...group('material', 'textile/wool', '毛呢 呢子 毛织 毛毡 毛制 felt'),
  ...group('material', 'textile/wool/sheep', '羊毛 绵羊毛 美利奴 wool merino'),
  ...group(
    'material',
    'textile/wool/fine',
    '兔毛 兔绒 安哥拉 马海毛 驼绒 驼毛 骆驼毛 牦牛绒 牦牛毛 羊驼毛 羊驼绒 细毛 动物细毛 山羊细毛 mohair angora camel_hair alpaca yak',
  ),
  ...group('material', 'textile/wool/fine/cashmere', '羊绒 山羊绒 喀什米尔山羊细毛 喀什米尔 cashmere'),
  ...group('material', 'textile/silk', '真丝 桑蚕丝 蚕丝 丝绸 绢丝 丝及绢丝 silk'),
  ...group('material', 'textile/linen', '亚麻 苎麻 麻 linen flax'),
  ...group('material', 'textile/manmade', '化纤 化学纤维 化学纤维材料'),
  ...group(
    'material',
    'textile/manmade/synthetic',
    '合成纤维 合纤 涤纶 聚酯纤维 聚酯 麂皮绒 尼龙 锦纶 腈纶 氨纶 丙纶 维纶 牛津布 春亚纺 雪纺 仿真丝 摇粒绒 珊瑚绒 法兰绒 牛奶绒 水晶绒 羊羔绒 无纺布 超细纤维 polyester nylon spandex fleece chiffon microfiber microfibre non_woven nonwoven',
  ),
  ...group(
    'material',
    'textile/manmade/artificial',
    '人造纤维 粘胶 粘纤 人棉 莫代尔 天丝 醋酸纤维 人造丝 rayon viscose modal',
  ),
  ...group('material', 'metal', '金属 五金 metal'),
  ...group('material', 'metal/base', '贱金属 合金 alloy'),
  ...group(
    'material',
    'metal/base/iron',
    '钢铁 铁 熟铁 铁质 钢丝 铁丝 碳钢 锰钢 高速钢 工具钢 铁艺 iron steel carbon_steel hss',
  ),
  ...group('material', 'metal/base/iron/stainless', '不锈钢 304 316 钛钢 stainless stainless_steel titanium_steel'),
  ...group('material', 'metal/base/iron/cast', '铸铁 生铁 cast_iron'),
  ...group(
    'material',
    'metal/base/aluminium',
    '铝 铝合金 铝镁合金 全铝 aluminium aluminum aluminum_alloy aluminium_alloy',
  ),
  ...group('material', 'metal/base/copper', '铜 黄铜 紫铜 纯铜 青铜 brass copper bronze'),
  ...group('material', 'metal/base/zinc', '锌合金 zinc_alloy zinc'),
  ...group('material', 'metal/precious', '贵金属 precious_metal'),
  ...group('material', 'metal/clad', '包贵金属 包金 gold_filled'),
  ...group('material', 'metal/precious/platinum', '铂金 铂 pt950 pt900 platinum'),
  ...group('material', 'metal/precious/silver', '纯银 足银 925银 s925 925 银饰 银 sterling_silver 925_silver'),
  ...group('material', 'metal/precious/gold', '黄金 足金 千足金 18k金 k金 金饰 au750 au999 18k 14k 24k solid_gold'),
  ...group('material', 'enamel', '搪瓷 珐琅 已搪瓷 enamel enamelled enameled'),
  ...group('material', 'wood', '木 木质 木制 实木 原木 桃木 黄杨木 檀木 红木 胡桃木 榉木 木材 wood wooden'),
  ...group('material', 'bamboo', '竹 竹制 竹子 竹编 bamboo'),
  ...group('material', 'rattan', '藤 藤编 藤制 rattan'),
  ...group(
    'material',
    'straw',
    '草编 编结 草制 稻草 麦秸 麦秸秆 麦秆 麦草 蒲草 纸草 拉菲草 玉米皮 straw seagrass raffia',
  ),
  ...group('material', 'willow', '柳编 柳条 wicker willow'),
  // 纸袋 and 纸盒 are goods (4819) as well as paper: the scanner reads 纸 and leaves the noun to the phrases.
  ...group('material', 'paper', '纸 纸质 纸制 纸板 卡纸 牛皮纸 paper cardboard kraft'),
  // Vulcanised fibre (钢纸), which heading 4202 lists beside paperboard: one of its "other" outer surfaces.
  ...group(
    'material',
    'vulcanised-fibre',
    '钢纸 硬化纸板 vulcanized_fibre vulcanised_fibre vulcanized_fiber vulcanised_fiber',
  ),
  ...group('material', 'glass', '玻璃 钢化玻璃 高硼硅 glass'),
  ...group('material', 'ceramic', '陶瓷 ceramic ceramics'),
  ...group('material', 'ceramic/porcelain', '瓷 瓷器 骨瓷 porcelain bone_china'),
  ...group('material', 'ceramic/pottery', '陶 粗陶 陶土 stoneware earthenware pottery'),
  ...group(
    'material',
    'fur',
    '毛皮 皮草 兔毛皮 貂皮 貂毛 水貂 水貂皮 狐狸毛 狐狸皮 貉子毛 貉子皮 獭兔毛 獭兔皮 浣熊毛 真毛 真皮草 皮毛一体 羊剪绒 fur mink fox_fur real_fur rabbit_fur',
  ),
  // Heading 4304: artificial fur is its own material, not furskin (4303) and not leather (仿皮 is PU).
  ...group(
    'material',
    'fur-artificial',
    '人造毛皮 人造皮草 仿皮草 仿毛皮 人造毛 仿貂 仿貂毛 仿狐狸毛 仿兔毛 faux_fur artificial_fur fake_fur imitation_fur',
  ),
  // 6704 splits wigs and hairpieces by material: human hair (6704.20) or synthetic textile (6704.1x).
  ...group('material', 'hair/human', '真人发 真发 人发制 human_hair remy_hair remy'),
  ...group('material', 'other-material', '其他材料 其它材料 未列名材料'),
  // Words that contain a material word but are not that material.
  ...group(
    'material',
    '',
    '面料 材质 材料 里布 里料 衬布 内衬布 棉服 棉衣 棉袄 棉拖 棉鞋 棉被 棉签 化纤棉 丝棉 珍珠棉 记忆棉 棉靴 夹棉 加棉 铺棉 填充棉 喷胶棉 太空棉 貂绒 毛线 海绵 麻将 芝麻 麻花 麻辣 蛇皮袋 木耳 木瓜 地铁 钢笔 钢琴 镀银 镀金 银行 水银 纸巾 纸尿 铁观音 陶艺 布丁',
  ),
  // Jersey, pique and interlock are knitted fabrics (a jersey dress, a pique polo shirt).
  ...group('make', 'knit', '针织 毛织 针织物 knit knitted knitting jersey pique interlock'),
  ...group('make', 'crochet', '钩编 钩针 手钩 钩织 crochet crocheted'),
  // Satin, poplin and twill are weaves (a satin blouse is woven).
  ...group('make', 'woven', '梭织 机织 woven satin poplin twill'),
  ...group('gender', 'men', '男士 男式 男款 男装 男孩 男童 男生 男 men mens man male boy boys'),
  ...group('gender', 'women', '女士 女式 女款 女装 女孩 女童 女生 女 women womens woman ladies lady female girl girls'),
  ...group('gender', 'men women', '男女 情侣 中性 unisex'),
  ...group('gender', 'baby', '婴儿 宝宝 新生儿 婴幼儿 baby infant newborn'),
  ...group(
    'power',
    'electric',
    '电动 电热 充电 插电 usb 电池 遥控 电子 电气 电源 马达 电 电灯 电吹 电熨 带动力装置 石英 electric electrical rechargeable battery motor quartz',
  ),
  ...group('power', '', '电脑 电工 电视 电话 电影 电商 电梯 电竞'),
  ...group('power', 'fuel', '煤油 蜡烛 kerosene candle'),
  // Hand-operated (手摇 hand-cranked, 手动) is neither electric nor fuel-burning: 8210 and 8205's
  // 手摇砂轮 say so. "非电气" (9405 lamps) covers both.
  ...group('power', 'manual', '手动 手摇 手压 手摇式 manual hand_crank'),
  ...group('power', 'fuel manual', '非电气'),
  ...group('led', 'led', 'led 发光二极管'),
  // China splits precious-metal jewellery on "镶嵌钻石"; rhinestones and zircons are not diamonds.
  ...group('stone', 'diamond', '钻石 镶钻 镶嵌钻石 钻戒 diamond diamonds'),
  ...group('stone', '', '水钻 人造钻 锆石 莫桑石 rhinestone zircon cubic_zirconia moissanite'),
  // China splits earphones on wireless (8517.62.94) vs wired (8518.30).
  ...group('link', 'wireless', '无线 蓝牙 wireless bluetooth tws'),
  ...group('link', 'wired', '有线 wired'),
  ...group('solar', 'solar', '太阳能 光伏 solar photovoltaic'),
  // Primary cells split on chemistry (8506); battery designations (LR44 …) are read in classification-rules.
  ...group('cell', 'alkaline', '碱性 alkaline'),
  ...group('cell', 'silver-oxide', '氧化银 silver_oxide'),
  ...group('cell', 'lithium', '锂 lithium'),
  ...group('cell', 'zinc-air', '锌空气 锌空 zinc_air'),
  ...group('cell', 'mercury', '氧化汞 mercuric_oxide'),
  ...group('cell', 'manganese', '二氧化锰 碳性 锌锰 carbon_zinc'),
  // Plated with precious metal (8215.10/91, 8306.21 against their unplated siblings): the surface is
  // an attribute of base-metal goods, never their material (the plating rule writes 镀层 for 镀金 …).
  ...group('plating', 'precious', '镀层 镀贵金属'),
  // Made-up textiles split on embroidered and printed (6213.20.10, 6302.2x printed vs 6302.3x,
  // 6302.51.10, 6304.92.10 …): what a seller adds says so; a title that names neither is plain.
  ...group('embroidery', 'embroidered', '刺绣 绣花 手绣 机绣 embroidered embroidery'),
  ...group('print', 'printed', '印花 数码印花 printed'),
  // Footwear incorporating a protective metal toe-cap (6401.10, 6403.40) against its siblings.
  ...group(
    'toecap',
    'metal',
    '金属防护鞋头 金属护头 保护用金属鞋头 钢包头 包钢头 钢头 金属包头 防砸 steel_toe steel_toe_cap steel_toecap',
  ),
  // GIR 3(b) sets put up for retail sale: codes for sets (成套的餐具, 修甲套装, 成套旅行用具, 笔套装)
  // take a title that names a set; a code for single articles takes one that does not.
  ...group('set', 'set', '套装 套件 套组 成套 一套 礼盒套装 set sets kit kits'),
  // Textiles impregnated, coated, covered or laminated with plastics or rubber (6116.10, 5903, 5906,
  // 6113): the coating is the attribute those codes add to their siblings (浸胶, 涂掌, 丁腈涂层).
  ...group('coating', 'coated', '浸渍 涂布 包覆 层压 涂层 涂掌 浸掌 挂胶 涂胶 浸胶 浸塑 涂塑 dipped coated laminated'),
  // China splits boots of 6403.51 / 6403.91 by inner sole under or from 24 cm: children's sizes or
  // adult ones (童码 / 成人码 are what the footwear-size rule reads from 码, size and cm).
  ...group('insole', 'child', '儿童 童鞋 童靴 童款 小童 中大童 宝宝鞋 童码 kids kid children childrens toddler'),
  ...group('insole', 'adult', '成人码 成人'),
  // 4203.21 gloves "specially designed for use in sports" against other leather gloves (4203.29): a
  // seller of sports gloves names the sport (read only against chapter 42 codes).
  ...group(
    'use',
    'sport',
    '专供运动用 运动 骑行 棒球 垒球 高尔夫 击剑 拳击 守门员 滑雪 马术 sports sport baseball softball golf batting cycling boxing goalkeeper ski skiing equestrian',
  ),
];

interface Lexicon {
  /** Entries by the UTF-16 code unit their word starts with, longest word first. */
  byFirstCode: Map<number, Entry[]>;
}

function buildLexicon(): Lexicon {
  const byFirstCode = new Map<number, Entry[]>();
  for (const entry of entries) {
    const first = entry[2].charCodeAt(0);
    byFirstCode.set(first, [...(byFirstCode.get(first) ?? []), entry]);
  }
  for (const list of byFirstCode.values()) list.sort((a, b) => b[2].length - a[2].length);
  return { byFirstCode };
}

const lexicon = buildLexicon();
/** Whether text[i] is a-z or 0-9 (false outside the text), without making a one-character string. */
export const isLatinAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
};

export interface FacetHit {
  value: FacetValue;
  start: number;
  end: number;
  word: string;
}

const noEntries: readonly Entry[] = [];

/** The longest entry whose word is written at `i` and, if Latin, stands alone there. */
function entryAt(text: string, i: number): Entry | undefined {
  for (const entry of lexicon.byFirstCode.get(text.charCodeAt(i)) ?? noEntries) {
    const word = entry[2];
    if (!text.startsWith(word, i)) continue;
    if (isLatinAt(word, 0) && isLatinAt(text, i - 1)) continue;
    if (!(isLatinAt(word, word.length - 1) && isLatinAt(text, i + word.length))) return entry;
  }
  return undefined;
}

/** Longest-first scan, left to right; a Latin word must stand alone (pc ≠ pcs, pe ≠ pen). */
export function scanFacets(text: string): FacetHit[] {
  const hits: FacetHit[] = [];
  for (let i = 0; i < text.length;) {
    const entry = entryAt(text, i);
    if (!entry) {
      i += 1;
      continue;
    }
    const [facet, path, word] = entry;
    for (const p of path ? path.split(' ') : [])
      hits.push({ value: { facet, path: p }, start: i, end: i + word.length, word });
    i += word.length;
  }
  return hits;
}

const soleAfter = /^\s*(?:鞋底|大底|外底|底)|^\s+(?:sole|soles|outsole|outsoles)(?![a-z])/;

/**
 * Garments whose usual make is knitted (jersey, rib, fleece): a title that names one and no make is
 * read as knitted by default (`usual`), the fallback of chapters 61/62 when the make is not stated;
 * a woven one is named so (梭织, woven). 针织是这些服装的常见做法，卖家不写明时按针织归类。
 */
const usuallyKnitted = new RegExp(
  `(?:${usuallyKnittedGarments.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
);

/** A suit waistcoat is tailored (woven), not a jersey singlet. */
const tailoredVest = /(?:西装|西服|正装|礼服)(?:马甲|背心)/g;

/** Facet values of a title: every value found, once. A material right before 底 is the sole's. */
export function titleFacets(text: string): FacetValue[] {
  const seen = new Set<string>();
  const values: FacetValue[] = [];
  for (const hit of scanFacets(text)) {
    const value: FacetValue =
      hit.value.facet === 'material' && soleAfter.test(text.slice(hit.end))
        ? { facet: 'sole', path: hit.value.path }
        : hit.value;
    const key = `${value.facet}:${value.path}`;
    if (!seen.has(key)) {
      seen.add(key);
      values.push(value);
    }
  }
  // As in code names: a generic fabric word beside a fibre (纯棉桌布: cotton, 布) adds nothing.
  dropGenericTextile(values);
  if (!values.some((v) => v.facet === 'make') && usuallyKnitted.test(text.replace(tailoredVest, ' ')))
    values.push({ facet: 'make', path: 'knit', usual: true });
  return values;
}

/** Official-name phrasing that negates a word the scanner would otherwise read as a value. */
const negations: ReadonlyArray<readonly [RegExp, string]> = [
  // Chapter 46 names say "编结品" (plaited articles) of every plaiting material: not straw. Its
  // non-vegetable plaiting materials are, in this market, strips of paper (纸绳; chapter 46 note 1).
  [/非植物编结材料/g, ' 纸 '],
  [/编结(?:品|的?产品|材料)/g, ' '],
  [/非针织或钩编|非针织/g, ' 机织 '],
  // China abbreviates 针织或钩编 in a few names (合纤针或钩织连裤袜, 6115.21 / .22): spelled out.
  [/针或钩织/g, ' 针织或钩织 '],
  // "非木制可调高度的转动坐具" (9401.39) is a swivel seat not of wood: no material of its own.
  [/未搪瓷|未镀贵金属|非光伏的?|非手工|非工业|非植物|非泡沫|非机动|非绣制|非木制/g, ' '],
  // 8518.30 "耳机、耳塞（无线耳机、耳塞除外）": the wired ones.
  [/无线耳机[、\s]*耳塞除外/g, ' 有线 '],
  // 7113.20 "以贱金属为底的包贵金属": the base under the cladding is not the material sold.
  [/以贱金属为底的?/g, ' '],
];

function clauseAround(text: string, at: number): string & { start: number } {
  const start = Math.max(text.lastIndexOf(',', at), text.lastIndexOf('，', at)) + 1;
  const ends = [text.indexOf(',', at), text.indexOf('，', at)].filter((i) => i >= 0);
  const clause = text.slice(start, ends.length ? Math.min(...ends) : text.length);
  return Object.assign(clause, { start }) as string & { start: number };
}

/**
 * The type values that say "sheeting of plastics" (塑料片: 4202.22, .32, .92), which moulded plastics do
 * not fit (子目4202.22/.32/.92 的"塑料片"不含注塑、吹塑成型的塑料壳). Kept apart rather than as a property,
 * so every facet value keeps one shape in the scoring loops.
 */
const sheeting = new WeakSet<FacetValue>();

/** Facet values of a product type, read from its (official or market) Chinese name. */
export function typeFacets(nameZhNormalised: string, hs8: string): FacetValue[] {
  let name = nameZhNormalised;
  for (const [pattern, replacement] of negations) name = name.replace(pattern, replacement);
  const chapter = hs8.slice(0, 2);
  if (chapter === '64') name = spelledOutSoles(name);
  const values: FacetValue[] = [];
  for (const hit of scanFacets(name)) {
    const value: FacetValue = { ...hit.value };
    if (hit.word === '塑料片') sheeting.add(value);
    if (value.facet === 'gender' && chapter !== '61' && chapter !== '62') continue;
    if (value.facet === 'insole') continue;
    if (value.facet === 'use' && chapter !== '42') continue;
    if (value.facet === 'coating' && (chapter < '50' || chapter > '63')) continue;
    // Embroidered and printed split made-up textiles only (刺绣穿孔锥 of 7319 is a tool).
    if ((value.facet === 'embroidery' || value.facet === 'print') && (chapter < '58' || chapter > '63')) continue;
    if (value.facet === 'toecap' && chapter !== '64') continue;
    if (value.facet === 'make' && !['61', '62', '63', '65'].includes(chapter)) continue;
    // "其他纺织材料制", "未列名材料": the code takes the materials its siblings leave over.
    // Only a broad material can be residual: in "其他银首饰" the 其他 is about diamonds, not the metal.
    // Nor a single fibre: in "其他棉制针织手套" (6116.92) the 其他 is about the gloves of 6116.10.
    const afterOther = residualWord.test(name.slice(Math.max(0, hit.start - 3), hit.start));
    // Only among fibres: in "其他钢铁制卫生器具" (7324.90) the 其他 is about the article, not the steel.
    if (
      value.facet === 'material' &&
      value.path.startsWith('textile/') &&
      value.path.split('/').length > 2 &&
      afterOther
    )
      value.otherIfClaimed = true;
    // "其他未搪瓷钢铁" (7323.99) beside 不锈钢 (7323.93) and 铸铁 (7323.91) of the same one-dash
    // subheading: the 其他 is about the metal there; claims are looked for in that subheading only,
    // since elsewhere (其他钢铁制卫生器具 of 7324.90 beside the stainless sinks of 7324.10) it is about the article.
    if (value.facet === 'material' && value.path.startsWith('metal/base/') && afterOther) {
      value.otherIfClaimed = true;
      value.claimsInSubheading = true;
    }
    if (
      value.facet === 'material' &&
      value.path.split('/').length <= 2 &&
      // "其他棉制", "其他羊毛制": a named fibre after 其他 is the code's own material; the 其他 is
      // about the article (other than the coated gloves of 6116.10), not a residue of fibres.
      !/^textile\/(?:cotton|wool|silk|linen)$/.test(value.path) &&
      afterOther
    )
      value.other = true;
    // Outside 4202 and 4602 "other materials" is plain residue: any material its siblings do not name.
    if (value.path === 'other-material' && chapter !== '42' && chapter !== '46') value.other = true;
    // Section XI is textiles: its "其他材料" are other textile materials, so fur or leather stated in a
    // title contradicts them (a fur coat is 4303.10, not 6102.90; Section XI note 1 excludes furskin).
    if (value.path === 'other-material' && chapter >= '50' && chapter <= '63') value.textileOnly = true;
    // Footwear names give the sole (外底) and the upper (鞋面); the upper is the material that decides.
    // "皮革面" (6403.12) is a leather upper, whatever the clause says of the soles.
    if (value.facet === 'material' && chapter === '64' && !name.startsWith('面', hit.end)) {
      const clause = clauseAround(name, hit.start);
      if (clause.includes('外底') && !clause.includes('鞋面')) value.facet = 'sole';
      else if (clause.includes('外底') && clause.includes('鞋面') && !/外底及鞋面|外底和鞋面/.test(clause))
        value.facet = clause.indexOf('外底') > hit.start - clause.start ? 'sole' : 'material';
      // "其他橡胶、塑料…外底" is other footwear with such soles, not a residual sole material.
      if (value.facet === 'sole') delete value.other;
    }
    if (!values.some((v) => v.facet === value.facet && v.path === value.path)) values.push(value);
  }
  if (chapter === '64') values.push(...footwearTypeFacets(name, values));
  dropCoatedBase(name, values);
  // A generic fabric word beside a fibre (棉制…毛圈织物制品: cotton, fabric) adds nothing: the fibre is
  // the code's material. (皮革或再生皮革, 羊毛或动物细毛 are alternatives and stay.)
  dropGenericTextile(values);
  // Section XI (chapters 50–63) is textiles: a code there that names no material is still of textile,
  // so fur, leather or plastics stated in a title contradict it (a fox-fur scarf is not 6117).
  if (chapter >= '50' && chapter <= '63' && !values.some((v) => v.facet === 'material'))
    values.push({ facet: 'material', path: 'textile', implied: true });
  // Chapter 46 is goods of plaiting materials: a code there that names none ("其他植物材料") is still of
  // plaiting material, so leather, plastics or textile stated in a title contradict it.
  if (chapter === '46' && !values.some((v) => v.facet === 'material'))
    values.push({ facet: 'material', path: 'plaiting', implied: true });
  markUsualMaterial(values, chapter);
  // Chapter 61 is knitted or crocheted and chapter 62 is not (the chapter titles say so).
  const has = (facet: FacetName) => values.some((v) => v.facet === facet);
  if (chapter === '61' && !has('make'))
    values.push({ facet: 'make', path: 'knit' }, { facet: 'make', path: 'crochet' });
  if (chapter === '62' && !has('make')) values.push({ facet: 'make', path: 'woven' });
  // Chapter 85 goods are electrical, and so is every LED lamp.
  if ((chapter === '85' || has('led')) && !has('power')) values.push({ facet: 'power', path: 'electric' });
  return values;
}

/**
 * Chapter 64: the inner-sole split of China's boots (内底<24cm children's, ≥24cm adult), and the sole
 * of codes whose outer sole and upper are of one material (皮革外底及鞋面: a leather sole as well).
 */
function footwearTypeFacets(name: string, values: readonly FacetValue[]): FacetValue[] {
  const extra: FacetValue[] = [];
  // Normalising drops "<" (内底<24cm reads 内底 24cm) but keeps "≥".
  if (/内底\s*(?:≥|>=|＞=)\s*24/.test(name)) extra.push({ facet: 'insole', path: 'adult' });
  else if (/内底\s*[<＜]?\s*24/.test(name)) extra.push({ facet: 'insole', path: 'child' });
  if (/外底及鞋面|外底和鞋面/.test(name) && !values.some((v) => v.facet === 'sole'))
    for (const v of values.filter((v) => v.facet === 'material')) extra.push({ facet: 'sole', path: v.path });
  return extra;
}

/**
 * Chapter 64 names abbreviate the sole materials (其他橡、塑或再生皮革外底; 橡,塑,革外底): spelled
 * out, the scanner reads them as the rubber, plastics and leather soles they are.
 */
function spelledOutSoles(name: string): string {
  return name
    .replace(/橡(?![胶塑])/g, '橡胶')
    .replace(/(?<!橡)塑(?!料)/g, '塑料')
    .replace(/(^|[、,或])革外底/g, '$1皮革外底');
}

/**
 * Textiles impregnated, coated, covered or laminated with plastics or rubber (6116.10, 5903, 5906,
 * 6113): the coating is what the code adds to its siblings, so the fabric it is on is no fit of its
 * own — cotton gloves with no coating named are 6116.92, not 6116.10.
 */
function dropCoatedBase(name: string, values: FacetValue[]): void {
  if (!/浸渍|涂布|包覆|层压|涂层|涂敷/.test(name)) return;
  if (!values.some((v) => v.facet === 'material' && /^(?:plastics|rubber)/.test(v.path))) return;
  for (let i = values.length - 1; i >= 0; i -= 1)
    if (values[i]!.facet === 'material' && values[i]!.path.startsWith('textile')) values.splice(i, 1);
}

function dropGenericTextile(values: FacetValue[]): void {
  const generic = values.findIndex((v) => v.facet === 'material' && v.path === 'textile' && !v.other);
  if (generic >= 0 && values.some((v) => v.facet === 'material' && v.path.startsWith('textile/')))
    values.splice(generic, 1);
}

/**
 * The fallback when a title gives no material: garments, hosiery, made-up textiles and hats of the
 * small-commodity market are made of man-made fibre (polyester, nylon, acrylic) unless the seller
 * says otherwise — cotton, wool and silk are selling points a listing names. So among codes that
 * split only by fibre, the man-made one is the usual make. 标题未写材质时，服装、袜类、纺织制品和帽类
 * 按市场常见材质（化纤）归类：棉、毛、丝是卖点，卖家会写明。
 */
const usualMaterialChapters = new Set(['61', '62', '63', '65']);
/**
 * Chapter 42: a bag, case or wallet whose title names no outer material is of plastics (PU, PVC) or
 * textile (nylon, oxford, canvas) — the second column of 4202 — in this market; leather and the
 * other materials are what a seller names. 箱包标题未写面料时按塑料或纺织材料作面归类：真皮和其他材料是卖点，卖家会写明。
 */
const usualIn42 = ['plastics', 'textile'];
function markUsualMaterial(values: FacetValue[], chapter: string): void {
  const usual = (path: string) =>
    usualMaterialChapters.has(chapter)
      ? path.startsWith('textile/manmade')
      : chapter === '42' && usualIn42.some((family) => path === family || path.startsWith(`${family}/`));
  for (const value of values) if (value.facet === 'material' && !value.other && usual(value.path)) value.usual = true;
}

const markedMaterials = [
  'leather',
  'metal/precious',
  'metal/clad',
  'metal/base/aluminium',
  'metal/base/iron/cast',
  'enamel',
  'wood',
  'bamboo',
  'rattan',
  'straw',
  'willow',
  'paper',
  'glass',
  'ceramic',
  'fur',
  'fur-artificial',
  'vulcanised-fibre',
  'textile/wool',
  'textile/silk',
  'textile/linen',
  'hair',
  'other-material',
];
const markedPaths: Record<FacetName, readonly string[]> = {
  material: markedMaterials,
  // Rubber and plastics soles are the usual make; a seller whose shoes have leather soles says so.
  sole: ['leather'],
  // Adult sizes unless the title says children's.
  insole: ['child'],
  coating: ['coated'],
  make: ['knit', 'crochet'],
  // Chapters 61/62 note: garments not identifiable as men's or boys' are classified as women's.
  gender: ['men', 'baby'],
  power: ['electric', 'fuel', 'manual'],
  led: [],
  solar: ['solar'],
  stone: ['diamond'],
  link: ['wireless'],
  set: ['set'],
  cell: [],
  plating: ['precious'],
  embroidery: ['embroidered'],
  print: ['printed'],
  toecap: ['metal'],
  use: ['sport'],
};
const facetWeights: Record<FacetName, number> = {
  // A stated material the code contradicts costs 1.5 × facetWeight 2 = 3, the "none of these" score:
  // such a code is worth no more than no code (set on dev, tuning and tuning-rank: 1 → 1.5 answers
  // 0.7 points more of dev at the same precision).
  material: 1.5,
  // China's chapter 64 splits by outer sole as well as by upper (6403.51 / 6403.91, 6404.19 / 6404.20):
  // now that codes that share a noun differ only there, a stated sole weighs half a material (0.4 → 0.8;
  // on dev, tuning and tuning-rank nothing moved, tuning-rules +1 row).
  sole: 0.8,
  insole: 1,
  coating: 1,
  make: 1,
  gender: 1,
  power: 0.8,
  led: 0.6,
  solar: 1,
  // A seller who sets diamonds says so: their absence weighs like a conflict of material.
  stone: 2,
  link: 1,
  set: 0.5,
  cell: 1,
  plating: 1,
  embroidery: 1,
  print: 1,
  toecap: 1,
  use: 1,
};
// Goods of these have their own headings (4202 columns one and two, chapter 46), never "other materials".
// Nor furskin and artificial fur: their articles are chapter 43 (chapter 42 note 1; 4303 / 4304).
const notOtherMaterial = new Set([
  'leather',
  'plastics',
  'textile',
  'rubber',
  'bamboo',
  'rattan',
  'straw',
  'willow',
  'fur',
  'fur-artificial',
]);

const familyOf = (path: string) => path.split('/')[0]!;
const isMarked = (facet: FacetName, path: string) =>
  markedPaths[facet].some((m) => path === m || path.startsWith(`${m}/`));

/** A residual ("other textile materials") code fits a material no sibling code names. */
function otherCompat(query: string, type: FacetValue): number {
  if (familyOf(query) !== familyOf(type.path)) return -1;
  // "其他细毛" takes other fine hair, not cotton: the residue stays inside its own branch.
  if (!(query === type.path || query.startsWith(`${type.path}/`) || type.path.startsWith(`${query}/`))) return -0.5;
  if (type.claimed?.some((c) => query === c || query.startsWith(`${c}/`))) return -0.5;
  return query === type.path || type.path.startsWith(`${query}/`) ? 0.6 : 0.8;
}

/**
 * How well a stated material fits a code's material. 1: the same. A code broader than the title
 * (纺织材料 for 涤纶) fits well; a code narrower than the title (不锈钢 for a bare 铁) fits weakly,
 * since a seller who had the narrower material would have said so. Different branches conflict.
 */
export function materialCompat(query: string, type: FacetValue): number {
  // Polypropylene is spun into fibre (丙纶): in textile goods (section XI) it is a synthetic fibre.
  // So is acrylic (腈纶, English "acrylic" in a knit beanie): in textile goods it is a synthetic fibre.
  if (/^plastics\/(?:pp|acrylic)/.test(query) && type.path.startsWith('textile/manmade')) return type.other ? 0.6 : 0.8;
  // A textile code that names no fibre (6117.10 knitted scarves) is broader than the acrylic fibre.
  if (/^plastics\/(?:pp|acrylic)/.test(query) && type.path === 'textile' && !type.other) return 0.7;
  if (type.path === 'other-material' && type.other) {
    if (type.textileOnly && familyOf(query) !== 'textile') return -1;
    return type.claimed?.some((c) => query === c || query.startsWith(`${c}/`)) ? -0.5 : 0.4;
  }
  // Moulded plastics are not the "sheeting of plastics" of 4202's second column: an "other" outer surface.
  if (type.path === 'other-material')
    return notOtherMaterial.has(familyOf(query)) && query !== 'plastics/moulded' ? -1 : 0.4;
  const queryBroader = type.path.startsWith(`${query}/`);
  if (type.other) return otherCompat(query, type);
  // 7323.99 其他未搪瓷钢铁 is of iron or steel but not the stainless or cast iron of its siblings.
  if (type.claimed?.some((c) => query === c || query.startsWith(`${c}/`))) return -0.5;
  if (query === type.path) return 1;
  if (query.startsWith(`${type.path}/`))
    return Math.max(0.7, 1 - 0.1 * (query.split('/').length - type.path.split('/').length));
  if (queryBroader) return 0.3;
  return familyOf(query) === familyOf(type.path) ? -0.5 : -1;
}

/**
 * A title that names several materials (铜拉链 牛仔: the zip's teeth and the jeans it is for) is
 * classified by the one that fits the goods (GIR 3(b): the part that gives the essential
 * character); the others describe other parts or the use, and do not count against the type.
 * Materials that all fit (珐琅 铸铁 for enamelled cast iron) still add up.
 */
function materialScore(query: readonly FacetValue[], type: readonly FacetValue[]): number {
  // Loops, not closures: this runs for every type a title reaches. Same sums in the same order.
  const fits: number[] = [];
  for (const q of query) {
    let fit = -Infinity;
    for (const t of type) fit = Math.max(fit, knownCompat(q.path, t));
    fits.push(fit);
  }
  const best = Math.max(...fits);
  let sum = 0;
  for (const f of fits) if (best <= 0.5 || f > 0) sum += f;
  return Math.max(-2, Math.min(2, sum));
}

const compatCache = new WeakMap<FacetValue, Map<string, number>>();

/** materialCompat remembered per type value and title path: both come from closed sets, so a title pays a lookup. */
function knownCompat(query: string, type: FacetValue): number {
  let byQuery = compatCache.get(type);
  if (!byQuery) compatCache.set(type, (byQuery = new Map()));
  let fit = byQuery.get(query);
  if (fit === undefined) byQuery.set(query, (fit = materialCompat(query, type)));
  return fit;
}

/**
 * Enamel is a coating on another material (已搪瓷铸铁, 7323.92 vs 7323.91): a seller who enamels
 * says so, so a code that needs it bears the small cost of an unstated marked attribute when the
 * title names the base material only.
 */
function unstatedCoating(query: readonly FacetValue[], type: readonly FacetValue[]): number {
  const needsEnamel = type.some((v) => v.path === 'enamel' && !v.other) && type.length > 1;
  return needsEnamel && !query.some((v) => v.path === 'enamel') ? -0.3 : 0;
}

/** A moulded plastic shell stated against a code for sheeting of plastics: a contradiction (-1). */
function mouldedOnSheeting(query: readonly FacetValue[], type: readonly FacetValue[]): number | undefined {
  // Loops, not closures: this runs for every type a title reaches.
  for (const q of query) {
    if (q.path !== 'plastics/moulded') continue;
    for (const t of type) if (sheeting.has(t)) return -1;
  }
  return undefined;
}

function setScore(query: readonly FacetValue[], type: readonly FacetValue[]): number {
  return query.some((q) => type.some((t) => t.path === q.path)) ? 1 : -1;
}

export interface FacetFit {
  score: number;
  /** Facets the title states and the type contradicts (`material`, `gender` …). */
  conflicts: FacetName[];
  /** The weighted fit of each facet the type has, stated by the title or not. */
  byFacet: Partial<Record<FacetName, number>>;
}

/** Sum of weighted facet fits between a title and a product type. */
const facetOrder = Object.keys(facetWeights) as FacetName[];
const groupCache = new WeakMap<readonly FacetValue[], Map<FacetName, FacetValue[]>>();
const none: readonly FacetValue[] = [];

/** The values of a list by facet, computed once per list (a title's, or a type's for the index's life). */
function byFacetName(values: readonly FacetValue[]): Map<FacetName, FacetValue[]> {
  let groups = groupCache.get(values);
  if (!groups) {
    groups = groupBy(values, (v) => v.facet);
    groupCache.set(values, groups);
  }
  return groups;
}

const orderCache = new WeakMap<readonly FacetValue[], ReadonlyArray<readonly [FacetName, FacetValue[]]>>();

/** A type's values by facet in `facetOrder`, once per list: facetFit visits only the facets a type has. */
function inFacetOrder(values: readonly FacetValue[]): ReadonlyArray<readonly [FacetName, FacetValue[]]> {
  let ordered = orderCache.get(values);
  if (!ordered) {
    const groups = byFacetName(values);
    ordered = facetOrder.flatMap((facet) => {
      const group = groups.get(facet);
      return group ? [[facet, group] as const] : [];
    });
    orderCache.set(values, ordered);
  }
  return ordered;
}

export function facetFit(query: readonly FacetValue[], type: readonly FacetValue[]): FacetFit {
  let score = 0;
  const conflicts: FacetName[] = [];
  const byFacet: Partial<Record<FacetName, number>> = {};
  const queryGroups = byFacetName(query);
  for (const [facet, t] of inFacetOrder(type)) {
    const q = queryGroups.get(facet) ?? none;
    let fit = 0;
    if (q.length === 0) fit = t.every((v) => isMarked(facet, v.path)) ? -0.3 : t.some((v) => v.usual) ? 0.1 : 0;
    // A make the title implies by the garment (usual) weighs like a default, not like a stated one.
    else if (q.every((v) => v.usual)) fit = setScore(q, t) > 0 ? 0.1 : -0.3;
    else if (facet === 'material') fit = mouldedOnSheeting(q, t) ?? materialScore(q, t) + unstatedCoating(q, t);
    else if (facet === 'sole') fit = materialScore(q, t);
    else if (facet === 'led') fit = setScore(q, t) > 0 ? 1 : 0;
    else fit = setScore(q, t);
    // A stated attribute that fits is weaker evidence than one that conflicts: codes whose names
    // say nothing about it must not lose to codes that merely repeat it. Gender only ever conflicts.
    if (fit > 0) fit *= facet === 'gender' || t.every((v) => v.implied) ? 0 : 0.6;
    // A residual code's "其他" often qualifies the article, not the material (其他塑料制衣服 is apparel
    // other than gloves, of plastics), so missing its siblings' materials is no contradiction.
    if (fit < 0 && q.length > 0 && !t.every((v) => v.other)) conflicts.push(facet);
    byFacet[facet] = fit * facetWeights[facet];
    score += fit * facetWeights[facet];
    // Among equal fits prefer the narrower type (ABS over ABS+PC when the title says ABS).
    if (q.length > 0 && facet === 'material') score -= 0.01 * t.length;
  }
  return { score, conflicts, byFacet };
}

/**
 * The title's facet words that fitted a type, for the explanation (`material:plastics/pu`): those of
 * every facet whose weighted fit (`byFacet`, from facetFit) is positive. Asked only of the candidates
 * shown, not of every type a title reaches.
 */
export function fittedWords(
  query: readonly FacetValue[],
  type: readonly FacetValue[],
  byFacet: Partial<Record<FacetName, number>>,
): string[] {
  const words = new Set<string>();
  const queryGroups = byFacetName(query);
  for (const [facet, t] of inFacetOrder(type)) {
    if (!((byFacet[facet] ?? 0) > 0)) continue;
    for (const v of queryGroups.get(facet) ?? none)
      if (t.some((tv) => tv.path === v.path || knownCompat(v.path, tv) > 0))
        words.add(`${facet}:${v.path}${v.usual ? '(usual)' : ''}`);
  }
  return [...words];
}
