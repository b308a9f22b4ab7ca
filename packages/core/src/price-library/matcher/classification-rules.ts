/**
 * Classification rules where the tariff decides by rule rather than by name. Each is a pure unit:
 * it rewrites the normalised title so that the facet scanner reads what the tariff reads, and says
 * what it did in a short note that the match explanation carries (`rule:<name>(<what>)`).
 *
 * - fibrePredominance — GIR 3(b) and Section XI note 2(A) with subheading note 2(A): goods of
 *   mixed textile materials are classified as if of the fibre that predominates by weight, so in
 *   `棉80%涤纶20%` only 棉 counts.
 * - imitationLeather — chapter 42 and note 1(a) to chapter 39: imitation leather (PU, 人造革,
 *   超纤) is plastics; a grain named after a leather (牛皮纹, 荔枝纹) is a pattern, not the material,
 *   and 仿牛皮 says it is not leather.
 * - platingIsNotPrecious — chapter 71 note 7 and heading 7117: base metal plated with precious
 *   metal is not precious metal (镀金 on 合金 is imitation jewellery); a plating on silver leaves it
 *   silver; metal clad with precious metal (包金, gold-filled) is heading 7113.20.
 * - stonesOnBaseMetal — heading 7113 needs precious metal (or metal clad with it): "镶钻" on an
 *   alloy or steel ring names rhinestones or zircons, and the article stays imitation jewellery
 *   (7117), so the diamond word is read as a rhinestone when the title names base metal and no
 *   precious metal.
 * - batteryDesignation — IEC 60086 names a primary cell by its chemistry letter before R (round):
 *   LR44 / AG13 alkaline, SR626 silver oxide, CR2032 / BR1225 lithium, PR44 zinc-air; subheadings
 *   of 8506 split on that chemistry. The designation is kept (the noise filter would drop it as a
 *   model number) and its chemistry word is added for the facet scanner.
 * - declarationFields — a 申报要素 string answers the tariff's questions field by field: a field
 *   answered no (是否搪瓷:否, 是否镀金:否, 有无衬里:无) names an attribute the goods do NOT have, so
 *   it is dropped; a sole field (鞋底材质:橡胶) names the outer sole, written as 橡胶底; a use or power
 *   source field (用途:床上用品, 电源:纽扣电池) names no goods and is read as a use (床上用品用). The same holds
 *   for an attribute negated in a title (不印花, 无刺绣, 非绣花): the goods are plain, not printed.
 * - packingBags — EN to heading 42.02 excludes carrier bags of plastic film not designed for
 *   prolonged use (heading 39.23): a carrier, shopping or gift bag (手提袋, 购物袋, 礼品袋, carrier bag)
 *   of a film polymer (PE, HDPE, LDPE, CPE, OPP) or sold as packing (包装, 打包) with a plastics word
 *   is read as a plastic bag (塑料袋); heading 48.19 splits paper bags at a base 40 cm wide
 *   (4819.30 vs 4819.40), so a paper bag whose base is given as 40 cm or more is a large paper bag
 *   (大纸袋).
 * - penSets — subheading 9608.50: a set of articles of two or more subheadings of 9608 (a fountain
 *   pen with a ball-point pen in one gift box); a title naming two kinds of pen and a set is read
 *   as a pen set (笔套装).
 * - footwearSize — China splits boots of 6403.51 / 6403.91 by inner sole under or from 24 cm. A
 *   size the title gives (内长24.5cm; 40码 or size 40, Chinese sizes where 码 n is about (n + 10) / 2
 *   cm, 38 → 24 cm; a range only when it stays on one side of 24 cm) or a boys' or girls' word (男童, girls) is read
 *   as 童码 (children's, under 24 cm) or 成人码 (adult); 皮底 is a leather sole (皮革底).
 * - hosieryDecitex — subheadings 6115.21 / 6115.22 split synthetic tights at a single yarn of 67
 *   decitex, and 6115.30 takes women's stockings under 67 decitex: a hosiery title's fineness (20D,
 *   40 denier, 70旦; decitex = denier × 10 / 9, or given in dtex / 分特) is read as 细旦 (< 67) or 粗旦
 *   (≥ 67), the words of those codes; the noise filter would otherwise drop the figure.
 * - foldingUmbrella — subheading 6601.91 takes umbrellas "having a telescopic shaft": an umbrella
 *   title that says it folds (3-fold, tri-fold, folding, 三折, 折叠) is read as a 折叠伞; the noise
 *   filter would otherwise cut "3-fold" to "-fold".
 * - furHair — chapter 43 and Section XI note 1 (articles of furskin are not textiles): in a title
 *   that says the goods are of furskin (真皮草, 皮草, 毛皮, 皮毛一体, real fur), an animal's hair word
 *   (兔毛, 狐狸毛, 貂毛) names the fur, not a fibre of fine animal hair, so that reading is dropped.
 */
import type { FacetValue } from './facets';

export interface RuleResult {
  text: string;
  notes: string[];
}

const fibre =
  '(?:纯棉|全棉|棉|涤纶|聚酯纤维|聚酯|锦纶|尼龙|氨纶|腈纶|粘胶|粘纤|莫代尔|天丝|人造丝|羊毛|羊绒|山羊绒|兔毛|马海毛|真丝|桑蚕丝|蚕丝|亚麻|苎麻|麻|丙纶|维纶|cotton|polyester|nylon|spandex|elastane|viscose|rayon|modal|wool|cashmere|silk|linen|acrylic|polyamide)';
const share = '(\\d{1,3}(?:\\.\\d+)?)\\s*%';
const fibreThenShare = new RegExp(`(${fibre})\\s*[:：]?\\s*${share}`, 'g');
const shareThenFibre = new RegExp(`${share}\\s*(${fibre})`, 'g');

/** Textile mixtures: keeps the fibre with the largest stated share and drops the others. */
export function fibrePredominance(text: string): RuleResult {
  const shares: Array<{ fibre: string; percent: number; start: number; end: number }> = [];
  for (const m of text.matchAll(fibreThenShare))
    shares.push({ fibre: m[1]!, percent: Number(m[2]), start: m.index, end: m.index + m[0].length });
  if (shares.length < 2)
    for (const m of text.matchAll(shareThenFibre))
      shares.push({ fibre: m[2]!, percent: Number(m[1]), start: m.index, end: m.index + m[0].length });
  if (shares.length < 2) return { text, notes: [] };
  const top = shares.reduce((best, s) => (s.percent > best.percent ? s : best));
  let out = text;
  for (const s of [...shares].sort((a, b) => b.start - a.start)) {
    const kept = s === top ? ` ${s.fibre} ` : ' ';
    out = `${out.slice(0, s.start)}${kept}${out.slice(s.end)}`;
  }
  return {
    text: out.replace(/\s+/g, ' ').trim(),
    notes: [`rule:fibre-predominance(${top.fibre} ${top.percent}%)`],
  };
}

const leatherName = '(?:头层牛皮|牛皮|羊皮|小羊皮|猪皮|鹿皮|鳄鱼皮|鸵鸟皮|蛇皮|真皮|皮革|皮)';
/** 牛皮纹, 荔枝纹皮, 鳄鱼皮纹: the grain; the leather word names a pattern. */
const grainPattern = new RegExp(`${leatherName}\\s*(?:纹理|压纹|花纹|纹(?!绣))`, 'g');
/** 仿牛皮, 仿真皮, 仿皮革: imitation, hence plastics; 仿皮草 / 人造皮毛 is artificial fur (4304), not leather. */
const imitation = new RegExp(`(?:仿|人造|合成)\\s*${leatherName}(?![草毛])`, 'g');

/** Imitation leather is plastics; a leather grain is a pattern. */
export function imitationLeather(text: string): RuleResult {
  const notes: string[] = [];
  let out = text.replace(imitation, (m) => {
    notes.push(`rule:imitation-leather(${m}→pu)`);
    return ' pu ';
  });
  out = out.replace(grainPattern, (m) => {
    notes.push(`rule:imitation-leather(${m} is a grain)`);
    return ' 纹 ';
  });
  return { text: out.replace(/\s+/g, ' ').trim(), notes };
}

const plating =
  /(?:(?:18|14|24|9)k\s*)?(?:电镀|镀|包)\s*(?:(?:18|14|24|9)?k|玫瑰|白|真|厚)?\s*(?:金|银|铂|铑|钯)(?!属)|(?:(?:18|14|24|9)k\s*)?(?:gold|silver|rose gold|platinum|rhodium)\s*(?:plated|plating|tone|toned|filled|fill)|(?:(?:18|14|24|9)k\s*)?plated|vermeil/g;

/** Plating is a surface: it never makes an article of precious metal. Cladding (包金) is 7113.20. */
export function platingIsNotPrecious(text: string): RuleResult {
  const notes: string[] = [];
  const out = text.replace(plating, (m) => {
    const clad = m.startsWith('包') || /fill/.test(m);
    notes.push(`rule:plating-is-not-precious(${m}${clad ? '→clad' : ''})`);
    return clad ? ' 包贵金属 ' : ' 镀层 ';
  });
  return { text: out.replace(/\s+/g, ' ').trim(), notes };
}

const baseMetal = /合金|不锈钢|钛钢|钢|铁|铜|锌|alloy|stainless|steel|brass|copper|titanium/;
const preciousMetal = /银|(?<!合)金(?!属)|铂|925|\d{2}k|au\d{3}|pt\d{3}|silver|gold|platinum|包贵金属/;
const diamondWord = /镶嵌钻石|镶钻|钻石|diamonds?/g;

/** Diamonds named on base-metal jewellery are rhinestones: the article stays imitation jewellery. */
export function stonesOnBaseMetal(text: string): RuleResult {
  if (!baseMetal.test(text) || preciousMetal.test(text) || !diamondWord.test(text)) return { text, notes: [] };
  const notes: string[] = [];
  const out = text.replace(diamondWord, (m) => {
    notes.push(`rule:stones-on-base-metal(${m}→rhinestone)`);
    return ' 水钻 ';
  });
  return { text: out.replace(/\s+/g, ' ').trim(), notes };
}

const cellChemistry: Readonly<Record<string, string>> = {
  lr: '碱性',
  ag: '碱性',
  sr: '氧化银',
  cr: '锂',
  br: '锂',
  pr: '锌空气',
};
const designation = /(?<![a-z0-9])(lr|ag|sr|cr|br|pr)(\d{1,5}[a-z]{0,2})(?![a-z0-9])/g;
const batteryContext = /电池|电芯|纽扣|扣式|扣电|batter|cell/;

/** The chemistry an IEC battery designation names (LR44 → 碱性), in a title about batteries. */
export function batteryDesignation(text: string): RuleResult {
  if (!batteryContext.test(text)) return { text, notes: [] };
  const notes: string[] = [];
  const out = text.replace(designation, (match: string, prefix: string) => {
    const chemistry = cellChemistry[prefix]!;
    notes.push(`rule:battery-designation(${match} is ${chemistry})`);
    return ` ${match} ${chemistry} `;
  });
  return { text: out, notes };
}

const answeredNo = /(?:是否|有无)[^|:：\s]{1,8}\s*[:：]\s*(?:否|无|没有|不是|no)(?=$|[|\s,，;；])/g;
const negatedAttribute = /(?:不|无|未|非)(?:印花|刺绣|绣花)/g;
// 帆布包 无拉链 / 不含电池 / without battery: a part the goods come without names no goods of the title. A bare
// 无 only at the start of a word (无线, 无纺布, 无缝 are words of their own), before a part named in full.
const partsSoldWithout =
  '电池|拉链|衬里|内衬|里布|充电器|充电线|充电头|数据线|遥控器|接收器|灯泡|包装盒|礼盒|盒子|支架|轮子|肩带|手柄|表带';
const englishPartsSoldWithout =
  'batter(?:y|ies)|zipp?ers?|zips?|linings?|chargers?|charging cables?|cables?|remotes?|receivers?|bulbs?|gift box(?:es)?|box(?:es)?|stands?|wheels?|straps?|handles?';
const negatedPart = new RegExp(
  `(?:不含|不带|不配|不附|没有|(?<!\\p{Script=Han})无)\\s*(?:${partsSoldWithout})|(?<![a-z])(?:without|no)\\s+(?:(?:a|an|any|the)\\s+)?(?:${englishPartsSoldWithout})(?![a-z])`,
  'gu',
);
const useField = /(?:用途|电源|供电方式|电池类型|适用对象)\s*[:：]\s*([^|\s,，;；]+)/g;
const soleField = /(?:鞋底|外底|大底)(?:材质|材料)?\s*[:：]\s*([^|\s,，;；]+)/g;

/**
 * 申报要素 fields: an attribute answered no is dropped, and so is a part a title says the goods come
 * without (无拉链, 不含电池, without battery); the sole field is read as the sole.
 */
export function declarationFields(text: string): RuleResult {
  const notes: string[] = [];
  let out = text.replace(answeredNo, (m) => {
    notes.push(`rule:declaration-fields(${m} is not an attribute; 申报为否的属性不计)`);
    return ' ';
  });
  out = out.replace(negatedAttribute, (m) => {
    notes.push(`rule:declaration-fields(${m} is not an attribute; 否定的属性不计)`);
    return ' ';
  });
  out = out.replace(negatedPart, (m) => {
    notes.push(`rule:declaration-fields(${m}: sold without it, not the goods; 不含的部件不是商品)`);
    return ' ';
  });
  // 用途:床上用品 / 电源:纽扣电池: the use and the power source are attributes of the goods the 品名
  // field names, not goods; written as "X用", which the phrase weights read as a use.
  out = out.replace(useField, (m, value: string) => {
    notes.push(`rule:declaration-fields(${m} is a use or power source, not the goods; 用途、电源栏不是品名)`);
    return ` ${value}用 `;
  });
  out = out.replace(soleField, (m, material: string) => {
    notes.push(`rule:declaration-fields(${m}→${material}底; sole field 鞋底材质即外底)`);
    return ` ${material}底 `;
  });
  return { text: notes.length ? out.replace(/\s+/g, ' ').trim() : text, notes };
}

const footwear = /鞋|靴|boots?(?![a-z])|shoes?(?![a-z])|sneakers?|footwear/;
const insoleCm = /(?:内长|内底|脚长|insole)\s*[:：]?\s*(\d{2}(?:\.\d)?)\s*(?:cm|厘米)/;
const euSize = /(?:码数|尺码|鞋码)\s*[:：]?\s*(\d{2})|(?<!\d)(\d{2})(?:\s*[-~]\s*(\d{2}))?\s*码|size\s*(\d{2})(?!\d)/;
/** Chinese shoe size n is about (n + 10) / 2 cm of inner sole. */
const sizeCm = (size: number) => (size + 10) / 2;

/** The inner length a title gives, or the size range's, or undefined when a range spans 24 cm. */
function insoleLength(text: string): number | undefined {
  const cm = insoleCm.exec(text);
  if (cm) return Number(cm[1]);
  const size = euSize.exec(text);
  if (!size) return undefined;
  const low = sizeCm(Number(size[1] ?? size[2] ?? size[4]));
  const high = size[3] ? sizeCm(Number(size[3])) : low;
  // A lot of 35-40码 holds both classes: the title does not settle it.
  return low < 24 && high >= 24 ? undefined : low;
}
const kidsWord = /男童|女童|(?<![a-z])(?:boys|girls)(?![a-z])/;

/** The inner-sole class of footwear (童码 < 24 cm, 成人码 ≥ 24 cm) from the size the title gives. */
export function footwearSize(text: string): RuleResult {
  if (!footwear.test(text)) return { text, notes: [] };
  let out = text.replace(/(?<![真牛羊猪革])皮底/g, '皮革底');
  const length = insoleLength(out);
  let word: string | undefined;
  if (length !== undefined && length >= 15 && length <= 35) word = length < 24 ? '童码' : '成人码';
  else if (kidsWord.test(out)) word = '童码';
  if (!word)
    return { text: out, notes: out === text ? [] : ['rule:footwear-size(皮底 is a leather sole; 皮底即皮革外底)'] };
  out = `${out} ${word}`;
  const basis = length !== undefined ? `${length} cm` : 'boys/girls';
  const under = word === '童码';
  const note = `${basis}→${under ? '<' : '≥'} 24 cm; 内底${under ? '小于' : '不小于'}24厘米`;
  return { text: out, notes: [`rule:footwear-size(${note})`] };
}

/** A matched goods phrase as bagFittings reads it. */
export interface NounSpan {
  start: number;
  end: number;
  kind: 'fitting' | 'bag' | 'other';
  /** The word is also a feature of bags (拉链, 铆钉, 护角). */
  feature?: boolean;
}

/**
 * bagFittings — chapter 42 has no heading for parts of bags: a fitting is classified under its own
 * heading (zip sliders 9607.20, rivets and buckles 8308, corner guards 8302.49, webbing 5806, plastic
 * buckles 3926.90) whatever bag it is for. When a title names a fitting and a bag of 4202, the bag is
 * where the fitting goes, not the goods, if the fitting is the first goods noun of the title (the
 * head of a listing: 日字扣 塑料 背包, rivets for leather bags) or the bag directly qualifies it
 * (箱包护角, 背包扣). A fitting joined to the bag qualifies it (铆钉包, 拉链钱包), as does a word that
 * is also a feature of bags one space before it (拉链 双肩包), and leaves the bag the goods. Words
 * that are also features of bags (拉链, 按扣, 磁扣, 护角) count as fittings only in a title that says
 * it sells hardware for bags (箱包, 配件, 五金, for, 用于, 替换).
 * Returns the bag spans to discount, with the note, and the fitting found to be the goods (`head`),
 * which is then no mere feature of the bag (拉链 sold for bags weighs as the goods it is).
 */
const forBags = /箱包|配件|五金|(?<![a-z])for(?![a-z])|用于|适用|替换|更换|diy/;

export function bagFittings(
  text: string,
  spans: readonly NounSpan[],
): { bags: NounSpan[]; notes: string[]; head?: NounSpan } {
  if (!spans.some((s) => s.kind === 'bag') || !spans.some((s) => s.kind === 'fitting')) return { bags: [], notes: [] };
  const nouns = [...spans].sort((a, b) => a.start - b.start);
  // 拉链, 按扣, 磁扣 are also features of bags (单肩包拉链, 按扣钱包): as fittings they count only
  // in a title that says it sells hardware for bags.
  const hardware = forBags.test(text);
  const fittings = nouns.filter((s) => s.kind === 'fitting' && (hardware || !s.feature));
  const bags = nouns.filter((s) => s.kind === 'bag');
  if (fittings.length === 0 || bags.length === 0) return { bags: [], notes: [] };
  // 铆钉包: a fitting joined to the bag describes it; so does a feature word of bags one space before
  // it (拉链 双肩包), but not webbing or rivets sold for a bag (尼龙织带 背包).
  const qualifiesBag = (f: NounSpan) =>
    bags.some((b) => {
      const between = text.slice(f.end, b.start);
      return b.start >= f.end && (between === '' || (f.feature === true && between.trim() === ''));
    });
  const qualifiedByBag = (f: NounSpan) => bags.some((b) => b.end <= f.start && !/\s/.test(text.slice(b.end, f.start)));
  const head = fittings.find(
    (f) => !qualifiesBag(f) && (f === nouns[0] || (nouns[0]!.kind === 'bag' && qualifiedByBag(f))),
  );
  if (!head) return { bags: [], notes: [] };
  const fitting = text.slice(head.start, head.end);
  const discounted = bags.filter((b) => !(b.start < head.end && head.start < b.end));
  return {
    bags: discounted,
    head: discounted.length ? head : undefined,
    notes: discounted.length
      ? [
          `rule:bag-fittings(${fitting} for ${discounted.map((b) => text.slice(b.start, b.end)).join('/')}; 箱包配件按配件本身归类)`,
        ]
      : [],
  };
}

const filmPolymer = /(?<![a-z])(?:pe|hdpe|ldpe|cpe|opp|lldpe)(?![a-z])|聚乙烯|塑料膜/;
const packingWord = /包装|打包|一次性|(?<![a-z])packaging(?![a-z])/;
const plasticsWord = /塑料|塑胶|(?<![a-z])(?:pvc|pp|plastic)(?![a-z])|聚氯乙烯|聚丙烯/;
const carrierBag = /(?:手提|礼品|购物|背心|服装)+袋|(?<![a-z])(?:carrier|shopping|gift|t-shirt)\s+bags?(?![a-z])/g;
const paperBag = /纸袋|(?<![a-z])paper\s+(?:bags?|sacks?)(?![a-z])/;
const baseWidth = /(?:底宽|底部宽|底边宽|base\s*width)\s*[:：]?\s*(\d{2,3})\s*(?:cm|厘米|公分)/;

/** Carrier bags of plastic film are packing (3923); paper bags with a base of 40 cm or more are 4819.30. */
export function packingBags(text: string): RuleResult {
  const notes: string[] = [];
  let out = text;
  if (filmPolymer.test(text) || (packingWord.test(text) && plasticsWord.test(text)))
    out = out.replace(carrierBag, (m) => {
      notes.push(`rule:packing-bags(${m} of plastic film or for packing is 3923; 塑料薄膜或包装用袋归3923)`);
      // 背心袋 (T-shirt bag) names a bag of polyethylene film, a noun of 3923.21 only: it stays.
      return m.includes('背心') ? ' 背心袋 塑料袋 ' : ' 塑料袋 ';
    });
  const width = baseWidth.exec(out);
  if (width && Number(width[1]) >= 40 && paperBag.test(out)) {
    out = out.replace(paperBag, ' 大纸袋 ');
    notes.push(`rule:packing-bags(base ${width[1]} cm ≥ 40 cm, 4819.30; 底宽不小于40厘米)`);
  }
  return { text: notes.length ? out.replace(/\s+/g, ' ').trim() : text, notes };
}

const penKinds: ReadonlyArray<readonly [string, RegExp]> = [
  ['9608.10', /圆珠笔|中性笔|签字笔|走珠笔|ball\s*point|ballpoint|gel\s+pen/],
  ['9608.20', /马克笔|记号笔|荧光笔|水彩笔|白板笔|marker|highlighter|felt\s+pen/],
  ['9608.30', /钢笔|墨水笔|fountain\s+pen/],
  ['9608.40', /自动铅笔|活动铅笔|mechanical\s+pencil/],
];
const setWord = /套装|礼盒|套组|一套|(?<![a-z])(?:set|gift\s+box)(?![a-z])/;

/** Pens of two or more subheadings of 9608 put up as a set are 9608.50. */
export function penSets(text: string): RuleResult {
  if (!setWord.test(text)) return { text, notes: [] };
  const kinds = penKinds.filter(([, pattern]) => pattern.test(text)).map(([code]) => code);
  if (kinds.length < 2) return { text, notes: [] };
  return {
    text: `${text} 笔套装`,
    notes: [`rule:pen-sets(${kinds.join(' + ')} in one set is 9608.50; 两种以上的笔成套)`],
  };
}

const containerNoun = /桶|罐|箱|槽|缸|水塔|tank|drum|barrel|vat/;
const capacityWord = /(\d+(?:\.\d+)?)\s*(升|公升|l|吨|t|m3|立方米|立方|方)(?![a-z0-9])/g;
const perThousand = new Set(['吨', 't', 'm3', '立方米', '立方', '方']);

/**
 * containerCapacity — headings 3925.10 and 7309 take reservoirs, tanks, vats and similar containers
 * of a capacity exceeding 300 l (7310 and 3923 / 3924 the smaller ones). A container title that gives
 * its capacity above 300 l (500升, 1000L, 1吨 or 1 m³ of water) is read as such a container
 * (大容量容器); the noise filter would otherwise drop the figure as a size.
 */
export function containerCapacity(text: string): RuleResult {
  if (!containerNoun.test(text)) return { text, notes: [] };
  let litres = 0;
  for (const m of text.matchAll(capacityWord)) {
    const value = Number(m[1]) * (perThousand.has(m[2]!) ? 1000 : 1);
    litres = Math.max(litres, value);
  }
  if (litres <= 300) return { text, notes: [] };
  return {
    text: `${text} 大容量容器`,
    notes: [`rule:container-capacity(${litres} l > 300 l; 容积超过300升的囤、罐、桶: 3925.10 / 7309)`],
  };
}

const moulding = /注塑|吹塑|(?<![a-z])(?:injection|blow)[\s-]*mou?lded(?![a-z])/;
const mouldedEnglish = /(?<![a-z])mou?lded\s+plastics?(?![a-z])/;
/** Not the goods: 注塑级 resin grade, 注塑机 machines, 注塑模具 moulds. */
const mouldingNotGoods = /(?:注塑|吹塑)(?=[级机模])/;
const mouldedContainer = /[盒箱包袋套壳]|(?<![a-z])(?:case|box|bag|shell)s?(?![a-z])/;
/** A cheap pre-test: every moulding word above holds 塑 or mould / mold. */
const mouldingHint = /塑|mou?ld/;
const plasticsNames =
  /塑料|塑胶|聚丙烯|聚碳酸酯|(?<![a-z])(?:abs|pp|pc|pe|plastics?|polypropylene|polycarbonate)(?![a-z])/g;

/**
 * mouldedPlastics — heading 4202's second column is "sheeting of plastics" (塑料片) for handbags,
 * pocket articles and other containers (4202.22, .32, .92), while trunks and cases (4202.12) take any
 * plastics. An injection- or blow-moulded shell (注塑, 吹塑, injection moulded) is not sheeting, so a
 * moulded case of those rows has an "other" outer surface (4202.29, .39, .99). A container title that
 * says its plastic is moulded is read as moulded plastics (模塑塑料), the polymer name dropped.
 */
export function mouldedPlastics(text: string): RuleResult {
  if (!mouldingHint.test(text)) return { text, notes: [] };
  if (!(moulding.test(text) || mouldedEnglish.test(text)) || mouldingNotGoods.test(text)) return { text, notes: [] };
  if (!mouldedContainer.test(text)) return { text, notes: [] };
  const word = (moulding.exec(text) ?? mouldedEnglish.exec(text))![0];
  const out = text.replace(moulding, ' ').replace(mouldedEnglish, ' ').replace(plasticsNames, ' ');
  return {
    text: `${out.replace(/\s+/g, ' ').trim()} 模塑塑料`,
    notes: [`rule:moulded-plastics(${word} is moulded, not sheeting of plastics; 注塑/吹塑成型的塑料不是塑料片)`],
  };
}

const furName =
  '(?:毛皮|皮草|貂皮|貂毛|水貂|狐狸毛|貉子毛|獭兔毛|兔毛|羊剪绒|真毛|(?<![a-z])(?:rabbit\\s+|fox\\s+|mink\\s+)?fur(?![a-z]))';
const furLiningWord = '(?:内胆|内里|里子|衬里|内衬|里衬|毛里|\\s*[-\\s]?lin(?:ed|ing)(?![a-z]))';
/** A cheap pre-test: both readings of furLined need a lining word. */
const liningHint = new RegExp(furLiningWord);
const furLined = new RegExp(`${furName}\\s*${furLiningWord}|(?:内胆|内里|衬里|里衬)\\s*[:：]?\\s*${furName}`);
const outerNotFur =
  /头层牛皮|牛皮|羊皮|绵羊皮|小羊皮|猪皮|鹿皮|真皮|皮革|牛仔布|牛仔|纯棉|棉质|涤纶|尼龙|(?<![a-z])(?:genuine\s+)?(?:leather|cowhide|sheepskin|lambskin|denim|cotton|polyester|nylon)(?![a-z])/g;

const leatherGarmentAs: Readonly<Record<string, string>> = {
  皮衣: ' 外套 ',
  皮夹克: ' 夹克 ',
  皮外套: ' 外套 ',
  皮大衣: ' 大衣 ',
  皮马甲: ' 马甲 ',
  'leather jacket': ' jacket ',
  'leather coat': ' coat ',
};
const leatherGarment = /皮衣|皮夹克|皮外套|皮大衣|皮马甲|leather\s+(?:jacket|coat)/g;

/**
 * furLining — chapter 43 note 4: apparel and clothing accessories lined with furskin (or artificial
 * fur), or with fur on the outside beyond mere trimming, are 4303 (4304). A garment whose fur is its
 * lining (貉子毛内胆, 獭兔毛内里, fur lined) is read by the fur: the outer leather or fabric words are
 * dropped. Trimming (毛领, fur trim) is left to the garment's own material.
 */
export function furLining(text: string): RuleResult {
  if (!liningHint.test(text)) return { text, notes: [] };
  const m = furLined.exec(text);
  if (!m) return { text, notes: [] };
  // 皮衣, 皮夹克, leather jacket name the leather as well as the garment: the garment is what stays.
  const out = text
    .replace(leatherGarment, (g) => leatherGarmentAs[g] ?? ' 外套 ')
    .replace(outerNotFur, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    text: out,
    notes: [`rule:fur-lining(${m[0].trim()}: lined with fur is 4303, chapter 43 note 4; 以毛皮作衬里的服装归4303)`],
  };
}

const firstAid = /急救包|急救箱|急救盒|医药包|医药箱|(?<![a-z])first[\s-]*aid\s+(?:bag|box|case|kit|pouch)s?(?![a-z])/;
const firstAidContents =
  /(?:含|内含|内附|配有|带有)|药品|医疗用品|急救用品|医用|绷带|创可贴|纱布|碘伏|酒精棉|棉签|止血带|三角巾|(?<![a-z])(?:with|includes?|bandages?|plasters?|gauze|medicines?|supplies)(?![a-z])/;
const emptyBag = /空包|空盒|不含|无药|(?<![a-z])(?:empty|without)(?![a-z])/;

/**
 * firstAidKits — subheading 3006.50 "first-aid boxes and kits": a first-aid bag or box that the title
 * says holds its dressings or medicines (含药品, 绷带, 创可贴, with bandages) is a kit of 3006.50; only
 * an empty one (空包, empty) is a container of 4202. 含药品、敷料的急救包为急救药箱 3006.50，空包归4202。
 */
export function firstAidKits(text: string): RuleResult {
  const m = firstAid.exec(text);
  if (!m || emptyBag.test(text) || !firstAidContents.test(text.replace(m[0], ' '))) return { text, notes: [] };
  return {
    text: text.replace(m[0], ' 急救药箱 ').replace(/\s+/g, ' ').trim(),
    notes: [`rule:first-aid-kits(${m[0]} with its contents is 3006.50; 含内容物的急救包归3006.50)`],
  };
}

const furSaid = /皮草|毛皮|皮毛一体|(?<![a-z])(?:real|genuine|natural)\s+fur(?![a-z])/;
const isFineHair = (v: FacetValue) => v.facet === 'material' && v.path.startsWith('textile/wool/fine');

/** In a title that says furskin, 兔毛 / 狐狸毛 name the fur (chapter 43), not a fibre of fine animal hair. */
export function furHair(text: string, values: FacetValue[]): { values: FacetValue[]; notes: string[] } {
  const fur = values.some((v) => v.facet === 'material' && v.path.startsWith('fur'));
  if (!fur || !values.some(isFineHair) || !furSaid.test(text)) return { values, notes: [] };
  return {
    values: values.filter((v) => !isFineHair(v)),
    notes: ['rule:fur-hair(animal hair beside real fur is the fur; 标明皮草时兔毛、狐狸毛等指毛皮, 非动物细毛)'],
  };
}

const hosiery = /袜|(?<![a-z])(?:tights|pantyhose|stockings?|hosiery)(?![a-z])/;
const fineness = /(?<![a-z0-9])(\d{1,3})\s*(d|denier|旦|丹尼|dtex|分特)(?![a-z])/g;

/** Hosiery by single-yarn fineness: under 67 decitex is 细旦 (6115.21, 6115.30), from 67 粗旦 (6115.22). */
export function hosieryDecitex(text: string): RuleResult {
  if (!hosiery.test(text)) return { text, notes: [] };
  const notes: string[] = [];
  const out = text.replace(fineness, (m, figure: string, unit: string) => {
    const decitex = /dtex|分特/.test(unit) ? Number(figure) : (Number(figure) * 10) / 9;
    const fine = decitex < 67;
    notes.push(
      `rule:hosiery-decitex(${m} ≈ ${decitex.toFixed(0)} dtex ${fine ? '<' : '≥'} 67; 单丝细度${fine ? '小于' : '不小于'}67分特)`,
    );
    return fine ? ' 细旦 ' : ' 粗旦 ';
  });
  return { text: notes.length ? out.replace(/\s+/g, ' ').trim() : text, notes };
}

/** The umbrella noun itself (not 伞骨 ribs, 伞柄 handles, 伞面 covers), replaced in place so a parts word after it still reads. */
const umbrellaWord = /(?:晴雨|雨|遮阳|太阳)?伞(?![骨柄面布头架珠])|(?<![a-z])umbrellas?(?![a-z])/;
const foldWord =
  /(?<![a-z])(?:\d|two|tri|three|four|five|double)\s*-?\s*fold(?![a-z])|(?<![a-z])(?:folding|foldable|collapsible|telescopic)(?![a-z])|[二三四五两]折|折叠/;

/** 6601.91: an umbrella that folds has a telescopic shaft (折叠伞). */
export function foldingUmbrella(text: string): RuleResult {
  if (!umbrellaWord.test(text) || /折叠伞|folding umbrella/.test(text)) return { text, notes: [] };
  const fold = foldWord.exec(text);
  if (!fold) return { text, notes: [] };
  return {
    text: text.replace(umbrellaWord, (m) => (/[a-z]/.test(m) ? 'folding umbrella' : '折叠伞')),
    notes: [`rule:folding-umbrella(${fold[0]}: a telescopic shaft, 6601.91; 折叠伞有伸缩伞柄)`],
  };
}
