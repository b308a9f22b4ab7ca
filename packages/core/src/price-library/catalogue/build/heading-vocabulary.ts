/**
 * Seller and buyer words for the headings the market tables did not reach, derived heading by
 * heading from the tariff's own text: the heading and subheading wording, the chapter notes and
 * the Explanatory Notes' lists of inclusions and exclusions (as published by the WCO and in the
 * China Customs 品目注释), turned into the nouns a Baigou seller, a packing list or a foreign buyer
 * uses for the same goods. Each entry says where its words come from (`source`), so a reviewer can
 * check the words against the text that justifies them; none was taken from a labelled title.
 *
 * Same format as market-aliases.ts (`zh` space-separated, `en` semicolon-separated); the catalogue
 * build merges both tables.
 */
import type { MarketAliasEntry } from './market-aliases';

export type SourcedEntry = MarketAliasEntry & { source: string };

/** Heading 4201 and 4205: harness for any animal; other articles of leather. */
const animalAndLeather: SourcedEntry[] = [
  {
    prefix: '42010000',
    zh: '牵引绳 狗绳 遛狗绳 宠物牵引绳 伸缩牵引绳 项圈 宠物项圈 狗项圈 猫项圈 胸背带 宠物胸背 狗胸背 猫胸背 口罩套 嘴套 止吠器套 宠物衣服 狗衣服 马鞍 马具 缰绳 马笼头 鞍垫 马衣',
    en: 'dog leash; dog lead; pet leash; leash; dog collar; cat collar; pet collar; dog harness; cat harness; pet harness; muzzle; dog coat; saddle; bridle; reins; halter; saddle pad; horse rug; harness',
    source:
      'HS 4201 "saddlery and harness for any animal (including traces, leads, knee pads, muzzles, saddle cloths, saddle bags, dog coats and the like), of any material" — the material does not matter',
  },
  {
    prefix: '42050090',
    zh: '皮革制品 皮具 皮钥匙扣 真皮钥匙扣 皮杯垫 皮革杯垫 皮革鼠标垫 皮书签 皮绳 皮革手环 皮革挂件',
    en: 'leather keychain; leather key fob; leather coaster; leather mouse pad; leather bookmark; leather cord; leather lanyard',
    source:
      'HS 4205 "other articles of leather or of composition leather": leather goods not containers (4202), apparel (4203) or harness (4201)',
  },
];

/**
 * Heading 4202, first part: cases and containers named by what they hold. The heading text lists
 * spectacle, binocular, camera, musical-instrument and gun cases and holsters (any material), and
 * in its second part bottle cases, jewellery boxes, powder boxes, cutlery cases, tool bags, sports
 * bags and insulated food or beverage bags. Subheading 4202.31-39 ("articles normally carried in
 * the pocket or handbag") takes spectacle cases, cigarette cases and tobacco pouches (EN).
 * These words go to the luggage grid's forms (luggage-grid.ts); listed here for their source.
 */
export const containerFormSource =
  'HS 4202 heading text and EN: "spectacle cases, binocular cases, camera cases, musical instrument cases, gun cases, holsters and similar containers; … bottle-cases, jewellery boxes, powder-boxes, cutlery cases and similar containers" — a container by its form, whatever it holds';

/** Chapter 43: furskin and artificial fur. */
const furskin: SourcedEntry[] = [
  {
    prefix: '43031010',
    zh: '皮草 皮草大衣 皮草外套 貂皮大衣 水貂大衣 貂皮外套 狐狸毛大衣 狐狸毛外套 兔毛大衣 獭兔毛大衣 皮毛一体 羊剪绒大衣 毛皮大衣 毛皮外套 皮草马甲',
    en: 'fur coat; fur jacket; mink coat; fox fur coat; fur vest; shearling coat',
    source: 'HS 4303.10 "articles of apparel … of furskin"; chapter 43 note 4 (garments lined or faced with fur)',
  },
  {
    prefix: '43031020',
    zh: '毛领 皮草领 狐狸毛领 貉子毛领 貂毛领 毛领子 皮草围巾 皮草围脖 毛皮围巾 皮草披肩 毛皮手套 皮草手套 皮草耳罩 毛绒耳罩 皮草袖套',
    en: 'fur collar; fur scarf; fur stole; fur shawl; fur gloves; fur earmuffs; earmuffs; fur cuffs',
    source: 'HS 4303.10 "clothing accessories … of furskin" (China 4303.1020 毛皮衣着附件)',
  },
  {
    prefix: '43039000',
    zh: '毛皮制品 皮草挂件 毛球 毛球挂件 皮草毛球 毛球钥匙扣 皮草包 皮草手提包 毛皮垫 皮草坐垫',
    en: 'fur pompom; fur keychain; fur bag charm; fur bag; fur rug; fur cushion',
    source:
      'HS 4303.90 "other articles of furskin"; chapter 42 note 1 excludes articles of furskin from 4202 (a fur bag is chapter 43)',
  },
  {
    prefix: '43040020',
    zh: '人造毛皮制品 仿皮草制品',
    en: 'faux fur article',
    source: 'HS 4304 "artificial fur and articles thereof" (note 5: gummed or sewn, not knitted pile)',
  },
];

/** Paper packing (4819), plastics bag fittings (3926). */
const packingAndFittings: SourcedEntry[] = [
  {
    prefix: '481910',
    zh: '纸箱 瓦楞纸箱 快递纸箱 搬家纸箱 外箱 包装纸箱 飞机盒',
    en: 'carton; corrugated box; shipping box; mailer box; moving box',
    source: 'HS 4819.10 "cartons, boxes and cases, of corrugated paper or paperboard"',
  },
  {
    prefix: '481920',
    zh: '纸盒 折叠纸盒 包装盒 礼品盒 彩盒 卡纸盒 白卡盒',
    en: 'folding carton; paper box; gift box; paperboard box',
    source: 'HS 4819.20 "folding cartons, boxes and cases, of non-corrugated paper or paperboard"',
  },
  {
    prefix: '481930',
    zh: '纸袋 大纸袋 方底纸袋',
    en: 'paper sack; large paper bag',
    source: 'HS 4819.30 "sacks and bags, having a base of a width of 40 cm or more"',
  },
  {
    prefix: '481940',
    zh: '纸袋 手提纸袋 纸质手提袋 牛皮纸袋 礼品纸袋 购物纸袋 纸质购物袋 食品纸袋 服装纸袋',
    en: 'paper bag; kraft paper bag; paper gift bag; paper carrier bag; paper shopping bag',
    source:
      'HS 4819.40 "other sacks and bags, including cones": carrier bags of paper (not 4202, which takes only paper-covered handbags)',
  },
  {
    prefix: '39269090',
    zh: '插扣 快拆扣 塑料插扣 日字扣 调节扣 塑料日字扣 口字扣 塑料扣具 行李牌 行李吊牌 塑料吊牌 塑料配件',
    en: 'side release buckle; plastic buckle; buckle; strap adjuster; luggage tag; plastic tag',
    source: 'HS 3926.90 "other articles of plastics": bag and strap fittings of plastics',
  },
];

/** Precious-metal jewellery (7113) and plastic packing bags (3923.29): nouns shared with their material siblings. */
const sharedNouns: SourcedEntry[] = [
  {
    prefix: '7113',
    zh: '首饰 饰品 项链 手链 手镯 耳环 耳钉 耳坠 戒指 吊坠 胸针 脚链 锁骨链 手串 银饰 金饰',
    en: 'jewelry; jewellery; necklace; bracelet; earrings; ring; pendant; bangle; anklet; brooch',
    source:
      'HS 7113 "articles of jewellery … of precious metal or of metal clad with precious metal": the same nouns as 7117; the metal decides',
  },
  ...['71131110', '71131911', '71131921', '71132010'].map((prefix) => ({
    prefix,
    zh: '钻戒 钻石戒指 钻石项链 钻石耳钉 镶钻 钻石',
    en: 'diamond ring; diamond necklace; diamond',
    source: 'China 7113.1110/1911/1921, 7113.2010 "镶嵌钻石的…首饰"',
  })),
  {
    prefix: '392329',
    zh: '自封袋 密封袋 骨袋 快递袋 平口袋 拉链袋 包装袋 塑料袋',
    en: 'ziplock bag; zip lock bag; poly bag; mailing bag; plastic bag',
    source: 'HS 3923.21/29 split the same packing bags by polymer (ethylene or other): the noun is shared',
  },
];

/** Narrow fabrics and cordage (5806, 5808, 5609). */
const narrowFabrics: SourcedEntry[] = [
  {
    prefix: '58062',
    zh: '织带 箱包织带 肩带织带 提花织带 人字纹织带 罗纹带 缎带 丝带',
    en: 'webbing; webbing strap; ribbon; narrow fabric; tape',
    source: 'HS 5806 "narrow woven fabrics" (≤ 30 cm wide): webbing and ribbons (not the pile fabrics of 5806.10)',
  },
  {
    prefix: '58063',
    zh: '织带 箱包织带 肩带织带 提花织带 人字纹织带 罗纹带 缎带 丝带',
    en: 'webbing; webbing strap; ribbon; narrow fabric; tape',
    source: 'HS 5806.31-39 "other woven fabrics" (narrow): webbing and ribbons, split by fibre',
  },
  {
    prefix: '58089000',
    zh: '流苏花边 流苏边 绒球 花边带 装饰带',
    en: 'tassel; fringe; pompom trim; trimming',
    source: 'HS 5808 "braids in the piece; ornamental trimmings in the piece; tassels, pompons"',
  },
  {
    prefix: '56090000',
    zh: '绳子 编织绳 挂绳 手机挂绳 伞绳 晾衣绳 尼龙绳 棉绳 绳索',
    en: 'rope; cord; lanyard; paracord; clothesline',
    source: 'HS 5609 "articles of yarn, strip, twine, cordage, rope or cables"',
  },
];

/** Base-metal fittings, fasteners, zips (8302, 8308, 9606, 9607). */
const hardware: SourcedEntry[] = [
  {
    prefix: '83024900',
    zh: '箱包五金 包角 护角 金属护角 箱角 拉杆箱配件 金属提手 箱扣',
    en: 'luggage hardware; corner protector; corner guard; luggage handle; trolley handle',
    source: 'HS 8302.49 "other mountings, fittings and similar articles … suitable for … trunks, chests, caskets"',
  },
  {
    prefix: '83022000',
    zh: '脚轮 金属脚轮 万向脚轮',
    en: 'castor; caster wheel; swivel castor',
    source: 'HS 8302.20 "castors" of base metal',
  },
  {
    prefix: '83081000',
    zh: '鸡眼 鸡眼扣 气眼 气眼扣 扣眼 金属钩 钩扣',
    en: 'eyelet; grommet; hook and eye',
    source: 'HS 8308.10 "hooks, eyes and eyelets" of base metal',
  },
  {
    prefix: '83082000',
    zh: '铆钉 撞钉 双面铆钉 管形铆钉 开口铆钉 箱包铆钉',
    en: 'rivet; tubular rivet; double cap rivet',
    source: 'HS 8308.20 "tubular or bifurcated rivets" of base metal',
  },
  {
    prefix: '83089000',
    zh: 'D扣 日字扣 口字扣 磁扣 磁吸扣 包扣 弹簧扣 狗扣 龙虾扣 钩扣 针扣 腰带扣 口金 包框 金属扣具',
    en: 'd ring; magnetic clasp; snap hook; swivel hook; lobster clasp; purse frame; clasp',
    source: 'HS 8308.90 "clasps, frames with clasps, buckles, buckle-clasps … of base metal"',
  },
  {
    prefix: '96061000',
    zh: '四合扣 按扣 揿扣 子母扣 暗扣',
    en: 'snap fastener; press stud; snap button',
    source: 'HS 9606.10 "press-fasteners, snap-fasteners and press-studs"',
  },
  {
    prefix: '96072000',
    zh: '拉头 拉链头 拉链拉头 拉链配件 拉片 拉链拉片',
    en: 'zipper slider; zip slider; zipper pull; zipper puller; zipper head',
    source: 'HS 9607.20 "parts" of slide fasteners (sliders and pullers)',
  },
  {
    prefix: '9607',
    zh: '码装拉链 隐形拉链 开尾拉链 闭尾拉链',
    en: 'zip; zip fastener; slide fastener',
    source: 'HS 9607 "slide fasteners and parts thereof"',
  },
];

/** Small electricals named by use (8414 fans, 8509, 8516, 8517, 8518). */
const smallElectricals: SourcedEntry[] = [
  {
    prefix: '84145',
    zh: '风扇 电风扇 电扇',
    en: 'fan; electric fan',
    source: 'HS 8414.51/59 "fans": the shared noun; the kind and the power split the codes',
  },
  {
    prefix: '84145199',
    zh: '小风扇 usb风扇 手持风扇 挂脖风扇 桌面风扇 便携风扇 迷你风扇 夹扇 车载风扇',
    en: 'mini fan; usb fan; handheld fan; neck fan; portable fan; clip fan',
    source:
      'China 8414.5199 "other fans ≤ 125 W": hand-held, neck and USB fans are not table, floor, wall, window, ceiling or roof fans',
  },
  { prefix: '84145191', zh: '台扇 台式风扇', en: 'table fan; desk fan', source: 'China 8414.5191 台扇' },
  {
    prefix: '84145192',
    zh: '落地扇 落地风扇',
    en: 'floor fan; pedestal fan; stand fan',
    source: 'China 8414.5192 落地扇',
  },
  { prefix: '84145193', zh: '壁扇 壁挂风扇', en: 'wall fan', source: 'China 8414.5193 壁扇' },
  { prefix: '84145110', zh: '吊扇', en: 'ceiling fan', source: 'China 8414.5110 吊扇' },
  { prefix: '84145120', zh: '换气扇 排气扇', en: 'exhaust fan; ventilation fan', source: 'China 8414.5120 换气扇' },
  {
    prefix: '85167990',
    zh: '电热水壶 电水壶 烧水壶 热水壶 养生壶 煮茶壶 煮蛋器 暖手宝 电热杯 加热杯垫',
    en: 'electric kettle; kettle; water kettle; egg boiler; hand warmer; mug warmer',
    source: 'HS 8516.79 "other electro-thermic appliances" (EN: kettles, egg boilers, hand warmers)',
  },
  {
    prefix: '85098090',
    zh: '电动牙刷 声波牙刷 冲牙器 洗脸仪 电动洁面仪 去球器 毛球修剪器 电动磨甲器',
    en: 'electric toothbrush; sonic toothbrush; water flosser; oral irrigator; facial cleansing brush; lint remover; fabric shaver',
    source: 'HS 8509.80 "other domestic electromechanical appliances with self-contained electric motor"',
  },
  {
    prefix: '85176294',
    zh: '蓝牙耳机 无线耳机 无线耳塞 tws耳机 降噪耳机',
    en: 'bluetooth earphones; wireless earbuds; wireless headphones; tws earbuds; bluetooth headset',
    source: 'China 8517.6294 "无线耳机、无线耳塞" (wireless; wired ones stay 8518.30)',
  },
  {
    prefix: '85183000',
    zh: '有线耳机 入耳式耳机 游戏耳机',
    en: 'wired earphones; wired headphones; earbuds; in-ear earphones',
    source: 'HS 8518.30 "headphones and earphones" (China excludes wireless ones, 8517.6294)',
  },
];

/** Watch straps (9113), first-aid kits (3006.50), travel sets (9605), gel pens (9608.10). */
const sundries: SourcedEntry[] = [
  {
    prefix: '9113',
    zh: '表带 手表带 表链 替换表带 智能手表表带',
    en: 'watch strap; watch band; watch bracelet; watchband',
    source:
      'HS 9113 "watch straps, watch bands and watch bracelets, and parts thereof"; the material splits 9113.10/20/90',
  },
  {
    prefix: '30065000',
    zh: '急救包 急救箱 急救盒 急救套装 医药箱 家用医药箱 车载急救包',
    en: 'first aid kit; first-aid kit; emergency kit; medical kit',
    source:
      'HS 3006.50 "first-aid boxes and kits": a kit with its supplies; an empty first-aid bag is a container of 4202',
  },
  {
    prefix: '96050000',
    zh: '针线包 针线盒 旅行针线包 缝纫套装 旅行洗漱套装 擦鞋套装 美甲套装',
    en: 'sewing kit; travel sewing kit; manicure set; shoe shine kit; travel toiletry set',
    source: 'HS 9605 "travel sets for personal toilet, sewing or shoe or clothes cleaning"',
  },
  {
    prefix: '96081000',
    zh: '中性笔 签字笔 水笔 啫喱笔 走珠笔 宝珠笔 gel笔',
    en: 'gel pen; gel ink pen; rollerball pen; roller pen',
    source: 'HS 9608.10 "ball point pens" (EN: includes rollerball and gel-ink pens with a ball tip)',
  },
];

export const headingVocabulary: readonly SourcedEntry[] = [
  ...animalAndLeather,
  ...furskin,
  ...packingAndFittings,
  ...sharedNouns,
  ...narrowFabrics,
  ...hardware,
  ...smallElectricals,
  ...sundries,
];
