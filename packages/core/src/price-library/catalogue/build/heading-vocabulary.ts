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
import { gapVocabulary } from './gap-vocabulary';
import { electricalsGapVocabulary } from './gap-vocabulary-85';
import type { MarketAliasEntry } from './market-aliases';

export type SourcedEntry = MarketAliasEntry & { source: string };

/** Heading 4201 and 4205: harness for any animal; other articles of leather. */
const animalAndLeather: SourcedEntry[] = [
  {
    prefix: '42010000',
    zh: '牵引绳 狗绳 遛狗绳 宠物牵引绳 伸缩牵引绳 狗链 狗链子 猫绳 猫牵引绳 狗狗牵引绳 项圈 宠物项圈 狗项圈 猫项圈 狗狗项圈 胸背带 宠物胸背 狗胸背 猫胸背 宠物背带 口罩套 嘴套 狗嘴套 宠物口罩 止吠器套 宠物衣服 狗衣服 狗狗衣服 猫咪衣服 宠物雨衣 狗雨衣 宠物背心 狗背心 马鞍 马具 缰绳 马笼头 鞍垫 马衣',
    en: 'dog leash; dog lead; pet leash; leash; cat leash; retractable leash; dog collar; cat collar; pet collar; dog harness; cat harness; pet harness; muzzle; dog muzzle; dog coat; dog clothes; pet clothes; dog raincoat; dog vest; saddle; bridle; reins; halter; saddle pad; horse rug; harness',
    source:
      'HS 4201 "saddlery and harness for any animal (including traces, leads, knee pads, muzzles, saddle cloths, saddle bags, dog coats and the like), of any material" — the material does not matter',
  },
  {
    prefix: '42050090',
    zh: '皮钥匙扣 真皮钥匙扣 皮杯垫 皮革杯垫 皮革鼠标垫 皮书签 皮绳 皮革手环 皮革挂件 钥匙扣 钥匙挂件 行李牌 行李吊牌 包带 替换带 替换肩带 包包肩带',
    en: 'leather keychain; leather key fob; leather coaster; leather mouse pad; leather bookmark; leather cord; leather lanyard; keychain; key fob; luggage tag; bag strap; purse strap; replacement strap',
    source:
      'HS 4205 "other articles of leather or of composition leather": leather goods not containers (4202), apparel (4203) or harness (4201). Chapter 42 has no heading for parts of 4202 goods, so a separate bag strap is an article of its material (of leather here); key fobs and luggage tags are neither containers nor apparel. The nouns name the goods; the stated material decides between 4205, 3926.90 and 8301 / 7326',
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
    zh: '皮草 皮草大衣 皮草外套 貂皮大衣 水貂大衣 水貂皮大衣 整貂大衣 貂皮外套 狐狸毛大衣 狐狸毛外套 兔毛大衣 獭兔毛大衣 皮毛一体 羊剪绒大衣 毛皮大衣 毛皮外套 皮草马甲 外套 大衣 夹克 马甲 背心 上衣 衣服',
    en: 'fur coat; fur jacket; mink coat; fox fur coat; fur vest; shearling coat; coat; jacket; vest',
    source:
      'HS 4303.10 "articles of apparel … of furskin"; chapter 43 note 4 (garments lined or faced with fur). Like 4203.10, the heading takes every garment noun: the material (fur) decides against chapters 61/62 and 4203',
  },
  {
    prefix: '43031020',
    zh: '围巾 围脖 披肩 毛领 皮草领 狐狸毛领 貉子毛领 貂毛领 毛领子 皮草围巾 皮草围脖 毛皮围巾 皮草披肩 毛皮手套 皮草手套 貂皮手套 水貂皮手套 狐狸毛手套 皮草耳罩 毛绒耳罩 皮草袖套',
    en: 'fur collar; fur scarf; fur stole; fur shawl; fur gloves; fur earmuffs; earmuffs; fur cuffs',
    source: 'HS 4303.10 "clothing accessories … of furskin" (China 4303.1020 毛皮衣着附件)',
  },
  {
    prefix: '43039000',
    zh: '毛皮制品 皮草挂件 毛球 毛球挂件 皮草毛球 毛球钥匙扣 皮草包 皮草手提包 毛皮垫 皮草坐垫 手提包 单肩包 斜挎包 手袋',
    en: 'fur pompom; fur pom pom; pom pom keychain; fur keychain; fur bag charm; fur bag; fur rug; fur cushion',
    source:
      'HS 4303.90 "other articles of furskin"; chapter 42 note 1 excludes articles of furskin from 4202 (a fur bag is chapter 43): the handbag nouns are shared with 4202 and 4602, the material (fur) decides',
  },
  {
    prefix: '43040020',
    zh: '人造毛皮制品 仿皮草制品 外套 大衣 夹克 马甲 背心 上衣 衣服 围巾 围脖 披肩 毛领 耳罩',
    en: 'faux fur article; coat; jacket; vest; scarf; stole; collar; earmuffs; faux fur coat; faux fur jacket; faux fur vest; faux fur scarf; faux fur collar',
    source:
      'HS 4304 "artificial fur and articles thereof" (note 5: gummed or sewn, not knitted pile); chapter 43 note 4: garments and accessories of or lined with artificial fur are 4304, so the garment and accessory nouns of 4303.10 with the material (artificial fur) deciding',
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
    zh: '纸盒 折叠纸盒 包装盒 礼品盒 彩盒 卡纸盒 白卡盒 折叠盒 折叠礼盒 折叠彩盒',
    en: 'folding carton; paper box; gift box; paperboard box',
    source:
      'HS 4819.20 "folding cartons, boxes and cases, of non-corrugated paper or paperboard" (China 可折叠箱、盒: the folding box, gift box and colour box the text names)',
  },
  {
    prefix: '481930',
    zh: '纸袋 大纸袋 方底纸袋',
    en: 'paper sack; large paper bag',
    source: 'HS 4819.30 "sacks and bags, having a base of a width of 40 cm or more"',
  },
  {
    prefix: '481940',
    zh: '纸袋 手提纸袋 纸质手提袋 牛皮纸袋 礼品纸袋 购物纸袋 纸质购物袋 食品纸袋 服装纸袋 礼品袋 购物袋 手提袋',
    en: 'paper bag; kraft paper bag; paper gift bag; paper carrier bag; paper shopping bag; gift bag; shopping bag',
    source:
      'HS 4819.40 "other sacks and bags, including cones": carrier bags of paper (not 4202, which takes only paper-covered handbags)',
  },
  {
    prefix: '39269090',
    zh: '插扣 快拆扣 塑料插扣 日字扣 调节扣 塑料日字扣 口字扣 塑料扣具 行李牌 行李吊牌 塑料吊牌 塑料配件 包带 替换带 替换肩带 包包肩带',
    en: 'side release buckle; plastic buckle; buckle; strap adjuster; luggage tag; plastic tag; bag strap; purse strap; replacement strap',
    source:
      'HS 3926.90 "other articles of plastics": bag and strap fittings of plastics; a separate bag strap of plastics (PU) is such an article, chapter 42 having no parts heading',
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
    prefix: '58062000',
    zh: '松紧带 橡筋带 弹力织带 松紧织带',
    en: 'elastic band; elastic tape; elastic webbing',
    source: 'HS 5806.20 other woven fabrics containing 5% or more of elastomeric yarn or rubber thread: elastic tape',
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
    zh: '蓝牙耳机 无线耳机 无线耳塞 tws耳机 降噪耳机 耳机 耳麦 头戴式耳机',
    en: 'bluetooth earphones; wireless earbuds; wireless headphones; tws earbuds; bluetooth headset; headphones; earphones; earbuds; headset',
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
    zh: '针线包 针线盒 旅行针线包 缝纫套装 旅行洗漱套装 擦鞋套装',
    en: 'sewing kit; travel sewing kit; shoe shine kit; travel toiletry set',
    source: 'HS 9605 "travel sets for personal toilet, sewing or shoe or clothes cleaning"',
  },
  {
    prefix: '96081000',
    zh: '中性笔 签字笔 水笔 啫喱笔 走珠笔 宝珠笔 gel笔',
    en: 'gel pen; gel ink pen; rollerball pen; roller pen',
    source: 'HS 9608.10 "ball point pens" (EN: includes rollerball and gel-ink pens with a ball tip)',
  },
];

/**
 * Gap fill for the market's own chapters: the codes the catalogue build reported without a seller
 * word (seller-word-gaps.csv), each given the words its subheading text names as sellers write them.
 */
const gapFill: SourcedEntry[] = [
  {
    prefix: '42022900',
    zh: '手提包 单肩包 斜挎包 手袋 纸质手提包',
    en: 'handbag; paper handbag',
    source: 'HS 4202.29 handbags of other materials (paper-covered, vulcanised fibre, paperboard)',
  },
  {
    prefix: '42032100',
    zh: '运动手套 骑行手套 健身手套 高尔夫手套 棒球手套 守门员手套',
    en: 'sports gloves; cycling gloves; golf glove; baseball glove',
    source: 'HS 4203.21 gloves specially designed for sports, of leather',
  },
  {
    prefix: '42032910',
    zh: '劳保手套 电焊手套 焊工手套 工作手套 皮手套',
    en: 'work gloves; welding gloves',
    source: 'China 4203.2910 劳保手套 of leather',
  },
  {
    prefix: '42032990',
    zh: '皮手套 真皮手套 羊皮手套',
    en: 'leather gloves',
    source: 'HS 4203.29 other gloves of leather',
  },
  { prefix: '42033020', zh: '子弹带 弹带', en: 'bandolier', source: 'China 4203.3020 子弹带' },
  {
    prefix: '42034000',
    zh: '皮背带 皮吊带 皮袖套 皮领带 皮护腕 皮手环',
    en: 'leather suspenders; leather wristband',
    source: 'HS 4203.40 other clothing accessories of leather',
  },
  {
    prefix: '42050010',
    zh: '皮座套 真皮座套 汽车座套 坐垫套',
    en: 'leather seat cover; car seat cover',
    source: 'China 4205.0010 皮革座套',
  },
  {
    prefix: '43040010',
    zh: '人造毛皮 仿皮草面料 人造毛',
    en: 'faux fur fabric; artificial fur',
    source: 'HS 4304 artificial fur',
  },
  {
    prefix: '48172000',
    zh: '明信片 空白明信片 卡片 贺卡',
    en: 'postcard; blank postcard; greeting card',
    source: 'HS 4817.20 letter cards, plain postcards and correspondence cards',
  },
  {
    prefix: '48173000',
    zh: '信纸套装 文具礼盒 纸质文具盒',
    en: 'stationery set; writing paper set',
    source: 'HS 4817.30 boxes and pouches containing paper stationery',
  },
  {
    prefix: '48195000',
    zh: '纸筒 纸罐 纸管 纸质包装',
    en: 'paper tube; paper can',
    source: 'HS 4819.50 other packing containers of paper',
  },
  {
    prefix: '48196000',
    zh: '档案盒 纸质收纳盒 收纳纸箱 文件盒 信件盘',
    en: 'box file; paper storage box; letter tray',
    source: 'HS 4819.60 box files, letter trays, storage boxes of paper',
  },
  {
    prefix: '48204000',
    zh: '多联单 复写单 送货单 收据联单',
    en: 'carbon copy form; manifold form',
    source: 'HS 4820.40 manifold business forms',
  },
  {
    prefix: '48205000',
    zh: '相册 集邮册 剪贴簿 粘贴相册',
    en: 'photo album; stamp album; scrapbook',
    source: 'HS 4820.50 albums for samples or for collections',
  },
  {
    prefix: '48209000',
    zh: '书皮 包书纸 书套 吸墨纸 纸质文具',
    en: 'book cover; paper stationery',
    source: 'HS 4820.90 other stationery of paper; book covers',
  },
  {
    prefix: '580610',
    zh: '丝绒带 天鹅绒带 绒带 雪尼尔带',
    en: 'velvet ribbon; chenille tape',
    source: 'HS 5806.10 woven pile (velvet) and chenille narrow fabrics',
  },
  {
    prefix: '580640',
    zh: '无纬带 粘合带',
    en: 'bolduc; warp tape',
    source: 'HS 5806.40 warp without weft assembled by adhesive (bolducs)',
  },
  {
    prefix: '58081000',
    zh: '编织带 编带 辫带 装饰编带',
    en: 'braid; braided trim',
    source: 'HS 5808.10 braids in the piece',
  },
  {
    prefix: '61041',
    zh: '女式西服 西装套装 职业套装 针织西装',
    en: "women's suit; knit suit",
    source: 'HS 6104.1x suits, knitted',
  },
  {
    prefix: '61081',
    zh: '衬裙 吊带衬裙 打底裙 半身衬裙',
    en: 'slip; petticoat',
    source: 'HS 6108.1x slips and petticoats, knitted',
  },
  {
    prefix: '61130000',
    zh: '涂层针织服装 防水针织服',
    en: 'coated knit garment',
    source: 'HS 6113 garments of knitted fabrics of 5903/5906/5907 (coated, rubberised)',
  },
  {
    prefix: '6114',
    zh: '连身裤 背带裤 工作服 罩衫 围裙',
    en: 'jumpsuit; overalls; apron; smock',
    source: 'HS 6114 other garments, knitted',
  },
  {
    prefix: '61178090',
    zh: '发带 头带 护腕 袖套 腿套 护膝 针织配饰',
    en: 'headband; wristband; arm sleeves; leg warmers',
    source: 'HS 6117.80 other made up clothing accessories, knitted',
  },
  {
    prefix: '61179000',
    zh: '罗纹领 针织领 服装辅料零件',
    en: 'knitted collar; rib cuff',
    source: 'HS 6117.90 parts, knitted',
  },
  {
    prefix: '62079',
    zh: '浴袍 睡袍 晨衣 男士浴袍 家居袍',
    en: 'bathrobe; dressing gown; robe',
    source: 'HS 6207.9x bathrobes, dressing gowns, woven (men)',
  },
  {
    prefix: '62081',
    zh: '衬裙 吊带衬裙 打底裙',
    en: 'slip; petticoat',
    source: 'HS 6208.1x slips and petticoats, woven',
  },
  {
    prefix: '62089',
    zh: '浴袍 睡袍 晨衣 吊带背心 女士浴袍',
    en: 'bathrobe; dressing gown; robe; camisole',
    source: 'HS 6208.9x singlets, bathrobes, dressing gowns, woven (women)',
  },
  {
    prefix: '621010',
    zh: '防护服 无纺布防护服 隔离衣 一次性防护服 无纺布工作服',
    en: 'protective coverall; isolation gown; disposable coverall',
    source: 'HS 6210.10 garments of felt or nonwovens (56.02/56.03)',
  },
  {
    prefix: '62102000',
    zh: '涂层外套 涂层风衣',
    en: 'coated coat',
    source: 'HS 6210.20 garments of 6201 type of coated fabrics',
  },
  {
    prefix: '62103000',
    zh: '涂层外套 涂层风衣',
    en: 'coated coat',
    source: 'HS 6210.30 garments of 6202 type of coated fabrics',
  },
  {
    prefix: '62113',
    zh: '运动服 工作服 马甲 背心 防晒服 围裙',
    en: 'tracksuit; workwear; vest; apron',
    source: 'HS 6211.3x other garments, men, woven',
  },
  {
    prefix: '62114',
    zh: '运动服 工作服 马甲 背心 防晒服 围裙',
    en: 'tracksuit; workwear; vest; apron',
    source: 'HS 6211.4x other garments, women, woven',
  },
  {
    prefix: '62122',
    zh: '腹带 收腹带 束腰 束腹带',
    en: 'girdle; waist trainer',
    source: 'HS 6212.20 girdles and panty-girdles',
  },
  { prefix: '62123', zh: '塑身衣 连体塑身衣 束身衣', en: 'corselette; body shaper', source: 'HS 6212.30 corselettes' },
  {
    prefix: '62129',
    zh: '吊袜带 背带 裤背带 束袜带',
    en: 'suspenders; braces; garter',
    source: 'HS 6212.90 braces, suspenders, garters',
  },
  { prefix: '62171010', zh: '袜套 布袜 鞋套', en: 'sock liner', source: 'China 6217.1010 袜子及袜套 (not knitted)' },
  {
    prefix: '62171090',
    zh: '腰带 布腰带 帆布腰带 织带腰带 领子 假领 袖口 护膝',
    en: 'canvas belt; fabric belt; detachable collar',
    source: 'HS 6217.10 other made up clothing accessories, not knitted (textile belts)',
  },
  {
    prefix: '62179000',
    zh: '服装零件 衣领 袖口 口袋布',
    en: 'garment parts',
    source: 'HS 6217.90 parts of garments, not knitted',
  },
  {
    prefix: '39262090',
    zh: '腰带 皮带',
    en: 'belt',
    source:
      'HS 3926.20 clothing accessories of plastics: PU and PVC belts (the noun is shared with 4203.30; the material decides)',
  },
  {
    prefix: '640110',
    zh: '钢头雨靴 安全雨靴 劳保雨靴',
    en: 'steel toe rain boots; safety wellies',
    source: 'HS 6401.10 waterproof footwear with a protective metal toe-cap',
  },
  {
    prefix: '640192',
    zh: '雨靴 雨鞋 水靴 中筒雨靴 短筒雨靴 胶靴',
    en: 'rain boots; wellies; rubber boots',
    source: 'HS 6401.92 waterproof footwear covering the ankle but not the knee',
  },
  {
    prefix: '64019900',
    zh: '雨靴 雨鞋 水鞋 高筒雨靴 长筒雨靴 低帮雨鞋',
    en: 'rain boots; knee high rain boots',
    source: 'HS 6401.99 other waterproof footwear (knee-high or low)',
  },
  {
    prefix: '64021200',
    zh: '滑雪靴 雪板靴',
    en: 'ski boots; snowboard boots',
    source: 'HS 6402.12 ski-boots and snowboard boots',
  },
  {
    prefix: '64029100',
    zh: '靴子 短靴 雪地靴 马丁靴 胶靴 过踝靴 棉靴 高帮靴',
    en: 'boots; ankle boots; snow boots',
    source: 'HS 6402.91 other footwear of rubber/plastics covering the ankle',
  },
  { prefix: '64029910', zh: '胶鞋 橡胶鞋 解放鞋', en: 'rubber shoes', source: 'China 6402.9910 rubber uppers' },
  {
    prefix: '64029921',
    zh: 'PU鞋 单鞋 高跟鞋 女鞋 乐福鞋 豆豆鞋',
    en: 'pu shoes; heels; loafers',
    source: 'China 6402.9921 plastic uppers with woven or textile backing (PU shoes)',
  },
  { prefix: '64031200', zh: '滑雪靴', en: 'ski boots', source: 'HS 6403.12 ski-boots with leather uppers' },
  {
    prefix: '64032000',
    zh: '夹趾凉鞋 皮凉鞋 真皮人字拖',
    en: 'leather thong sandals',
    source: 'HS 6403.20 leather soles, uppers of leather straps across the instep and around the big toe',
  },
  {
    prefix: '64034000',
    zh: '劳保鞋 安全鞋 钢头鞋 防砸鞋',
    en: 'safety shoes; steel toe shoes',
    source: 'HS 6403.40 footwear with a protective metal toe-cap',
  },
  {
    prefix: '64042090',
    zh: '布鞋 皮底布鞋 帆布鞋 休闲鞋 一脚蹬 布面鞋',
    en: 'cloth shoes with leather sole; canvas shoes; cloth shoes',
    source: 'HS 6404.20 leather soles, textile uppers',
  },
  { prefix: '64061000', zh: '鞋面 鞋帮', en: 'shoe upper; vamp', source: 'HS 6406.10 uppers and parts thereof' },
  {
    prefix: '64062010',
    zh: '橡胶鞋底 鞋底 大底 鞋跟',
    en: 'rubber sole; outsole; heel',
    source: 'HS 6406.20 outer soles and heels of rubber',
  },
  {
    prefix: '64062020',
    zh: 'PVC鞋底 EVA鞋底 鞋底 大底 鞋跟',
    en: 'plastic sole; outsole; heel',
    source: 'HS 6406.20 outer soles and heels of plastics',
  },
  {
    prefix: '64069092',
    zh: '护腿 绑腿 腿套',
    en: 'gaiters; leggings',
    source: 'HS 6406.90 gaiters, leggings and similar articles',
  },
  {
    prefix: '64069099',
    zh: '鞋配件 鞋扣 鞋带扣 后跟贴',
    en: 'shoe parts; heel grips',
    source: 'HS 6406.90 other parts of footwear',
  },
  {
    prefix: '65069920',
    zh: '毛皮帽 皮草帽 貂皮帽 狐狸毛帽 雷锋帽',
    en: 'fur hat; trapper hat',
    source: 'China 6506.9920 毛皮制帽类',
  },
  {
    prefix: '65069990',
    zh: '帽子 纸帽 派对帽',
    en: 'hat; paper hat; party hat',
    source: 'China 6506.9990 未列名材料制帽类',
  },
  {
    prefix: '65070000',
    zh: '帽圈 帽衬 帽檐 帽带 防汗带',
    en: 'hatband; sweatband; hat lining; visor',
    source: 'HS 6507 head-bands, linings, covers, hat foundations, peaks and chinstraps',
  },
  { prefix: '66032000', zh: '伞骨 伞架', en: 'umbrella frame; umbrella ribs', source: 'HS 6603.20 umbrella frames' },
  {
    prefix: '66039000',
    zh: '伞配件 伞柄 伞头 伞珠',
    en: 'umbrella handle; umbrella parts',
    source: 'HS 6603.90 other parts of umbrellas and walking-sticks',
  },
  {
    prefix: '71162000',
    zh: '水晶手链 玉镯 翡翠吊坠 玛瑙手串 宝石项链 天然石手链',
    en: 'crystal bracelet; jade bangle; gemstone necklace',
    source: 'HS 7116.20 articles of precious or semi-precious stones',
  },
  {
    prefix: '71141100',
    zh: '银器 银碗 银筷 银杯',
    en: 'silverware; silver bowl',
    source: 'HS 7114.11 silversmiths wares of silver',
  },
  { prefix: '8302', zh: '五金配件', en: 'hardware fittings', source: 'HS 8302 base metal mountings and fittings' },
  {
    prefix: '83024200',
    zh: '家具五金 柜门把手 抽屉拉手 家具拉手',
    en: 'furniture handle; drawer pull',
    source: 'HS 8302.42 fittings for furniture',
  },
  {
    prefix: '83024100',
    zh: '门把手 门吸 窗扣 门扣',
    en: 'door handle; door stopper',
    source: 'HS 8302.41 fittings for buildings',
  },
  {
    prefix: '83061000',
    zh: '铃铛 风铃 门铃 金属铃',
    en: 'bell; wind chime; handbell',
    source: 'HS 8306.10 bells, gongs, non-electric',
  },
  {
    prefix: '83100000',
    zh: '金属铭牌 标牌 门牌 金属标志',
    en: 'metal nameplate; sign plate',
    source: 'HS 8310 sign-plates and name-plates of base metal',
  },
  {
    prefix: '83040000',
    zh: '文件架 文件篮 笔筒 金属桌面收纳',
    en: 'file rack; letter tray; desk organizer',
    source: 'HS 8304 filing cabinets, letter trays, pen trays of base metal',
  },
  {
    prefix: '83051000',
    zh: '活页夹 活页环 铁夹',
    en: 'binder ring; ring binder mechanism',
    source: 'HS 8305.10 fittings for loose-leaf binders',
  },
  {
    prefix: '96062900',
    zh: '纽扣 包扣 布扣 木纽扣 贝壳纽扣',
    en: 'button; covered button; wooden button',
    source: 'HS 9606.29 other buttons',
  },
  { prefix: '96063000', zh: '纽扣坯 扣胚 纽扣配件', en: 'button blank', source: 'HS 9606.30 button moulds and blanks' },
  { prefix: '96083010', zh: '针管笔 绘图笔', en: 'technical pen; drawing pen', source: 'China 9608.3010 墨汁画笔' },
  { prefix: '96083020', zh: '钢笔 练字钢笔 墨水笔', en: 'fountain pen', source: 'China 9608.3020 自来水笔' },
  {
    prefix: '96085000',
    zh: '笔套装 文具套装 笔礼盒',
    en: 'pen set; pen gift set',
    source: 'HS 9608.50 sets of articles of two or more subheadings of 9608',
  },
  { prefix: '96089100', zh: '笔尖 钢笔尖', en: 'pen nib', source: 'HS 9608.91 pen nibs and nib points' },
  {
    prefix: '96089920',
    zh: '笔杆 笔壳',
    en: 'pen barrel; pen holder',
    source: 'China 9608.9920 pen and pencil holders',
  },
  {
    prefix: '96092000',
    zh: '铅笔芯 自动铅笔芯 笔芯',
    en: 'pencil lead; lead refill',
    source: 'HS 9609.20 pencil leads',
  },
  { prefix: '96122000', zh: '印台 印泥 印油', en: 'ink pad; stamp pad', source: 'HS 9612.20 ink-pads' },
  {
    prefix: '96132000',
    zh: '充气打火机 防风打火机 可充气打火机',
    en: 'refillable lighter; windproof lighter',
    source: 'HS 9613.20 pocket lighters, gas fuelled, refillable',
  },
  {
    prefix: '96138000',
    zh: '点火枪 电子打火机 usb打火机 火机',
    en: 'lighter; arc lighter; igniter',
    source: 'HS 9613.80 other lighters',
  },
  { prefix: '96139000', zh: '打火机配件 打火机零件', en: 'lighter parts', source: 'HS 9613.90 parts of lighters' },
  {
    prefix: '96140090',
    zh: '烟嘴 过滤烟嘴 烟斗配件',
    en: 'cigarette holder; pipe parts',
    source: 'HS 9614 cigarette holders and parts',
  },
  { prefix: '96140010', zh: '烟斗', en: 'tobacco pipe; smoking pipe', source: 'China 9614.0010 烟斗' },
  {
    prefix: '96170090',
    zh: '保温桶 焖烧罐 保温饭盒 真空饭盒',
    en: 'vacuum food jar; insulated food container',
    source: 'HS 9617 other vacuum vessels',
  },
  {
    prefix: '96180000',
    zh: '模特 人台 服装模特 假人模特',
    en: 'mannequin; dress form',
    source: 'HS 9618 tailors dummies and other mannequins',
  },
  {
    prefix: '96190090',
    zh: '隔尿垫 护理垫 尿布衬',
    en: 'underpad; nappy liner',
    source: 'HS 9619 napkin liners and similar',
  },
  { prefix: '96039010', zh: '鸡毛掸子 羽毛掸', en: 'feather duster', source: 'China 9603.9010 羽毛掸' },
  { prefix: '96034020', zh: '滚筒刷 油漆滚筒', en: 'paint roller', source: 'HS 9603.40 paint pads and rollers' },
  {
    prefix: '95030090',
    zh: '玩具配件 玩具零件',
    en: 'toy parts; toy accessories',
    source: 'HS 9503 parts and accessories',
  },
  { prefix: '95063100', zh: '高尔夫球杆', en: 'golf club', source: 'HS 9506.31 golf clubs, complete' },
  { prefix: '95063200', zh: '高尔夫球', en: 'golf ball', source: 'HS 9506.32 golf balls' },
  { prefix: '95064010', zh: '乒乓球', en: 'table tennis ball; ping pong ball', source: 'China 9506.4010 乒乓球' },
  {
    prefix: '95064090',
    zh: '乒乓球拍 乒乓球台 乒乓球网',
    en: 'table tennis racket; ping pong paddle',
    source: 'HS 9506.40 table-tennis equipment',
  },
  { prefix: '95065100', zh: '网球拍', en: 'tennis racket', source: 'HS 9506.51 lawn-tennis rackets' },
  { prefix: '95066100', zh: '网球', en: 'tennis ball', source: 'HS 9506.61 lawn-tennis balls' },
  {
    prefix: '95066900',
    zh: '棒球 垒球 弹力球 毽子',
    en: 'baseball; softball; bouncy ball',
    source: 'HS 9506.69 other balls',
  },
  { prefix: '95067010', zh: '溜冰鞋 冰刀鞋', en: 'ice skates', source: 'China 9506.7010 溜冰鞋' },
  {
    prefix: '95067020',
    zh: '旱冰鞋 轮滑鞋 直排轮',
    en: 'roller skates; inline skates',
    source: 'China 9506.7020 旱冰鞋',
  },
  {
    prefix: '95069119',
    zh: '健身器材 拉力器 握力器 健腹轮 哑铃',
    en: 'fitness equipment; hand grip; ab roller',
    source: 'HS 9506.91 gymnastics and exercise equipment',
  },
  {
    prefix: '95069990',
    zh: '户外用品 运动用品 护具 泳圈 飞盘',
    en: 'outdoor sports goods; swim ring; frisbee',
    source: 'HS 9506.99 other sports and outdoor games equipment',
  },
  { prefix: '95072000', zh: '鱼钩', en: 'fish hook', source: 'HS 9507.20 fish-hooks' },
  { prefix: '95073000', zh: '渔线轮 鱼线轮 纺车轮', en: 'fishing reel', source: 'HS 9507.30 fishing reels' },
  {
    prefix: '95045030',
    zh: '游戏手柄 游戏机',
    en: 'game controller; gamepad',
    source: 'HS 9504.50 video game consoles and controllers',
  },
  {
    prefix: '95049010',
    zh: '掌上游戏机 电子游戏机',
    en: 'handheld game console',
    source: 'China 9504.9010 其他电子游戏机',
  },
];

/** Gap fill for everyday goods of the same stalls: consumer electricals, bedding and camping, clocks, furniture, tools. */
const everydayGapFill: SourcedEntry[] = [
  {
    prefix: '63011000',
    zh: '电热毯 电褥子',
    en: 'electric blanket; heated blanket',
    source: 'HS 6301.10 electric blankets',
  },
  {
    prefix: '630232',
    zh: '床单 被套 枕套 四件套 床上用品',
    en: 'bed sheet; duvet cover; pillowcase; bedding set',
    source: 'HS 6302.32 bed linen of man-made fibres',
  },
  {
    prefix: '630239',
    zh: '床单 被套 枕套 四件套 床上用品',
    en: 'bed sheet; duvet cover; pillowcase; bedding set',
    source: 'HS 6302.39 bed linen of other textile materials',
  },
  {
    prefix: '63029100',
    zh: '洗脸巾 擦手巾 茶巾 厨房毛巾 洗碗巾',
    en: 'hand towel; kitchen towel; tea towel',
    source: 'HS 6302.91 toilet and kitchen linen of cotton',
  },
  {
    prefix: '63029910',
    zh: '亚麻茶巾 亚麻毛巾',
    en: 'linen tea towel',
    source: 'China 6302.9910 linen toilet and kitchen linen',
  },
  { prefix: '630420', zh: '蚊帐 防蚊帐 宫廷蚊帐', en: 'mosquito net', source: 'HS 6304.20 bed nets (mosquito nets)' },
  {
    prefix: '630510',
    zh: '麻袋 黄麻袋',
    en: 'gunny bag; jute sack',
    source: 'HS 6305.10 sacks of jute or other bast fibres',
  },
  {
    prefix: '63053200',
    zh: '集装袋 吨袋 太空袋',
    en: 'jumbo bag; bulk bag; fibc',
    source: 'HS 6305.32 flexible intermediate bulk containers',
  },
  {
    prefix: '630619',
    zh: '篷布 天幕 遮阳篷 防雨布 雨棚',
    en: 'tarpaulin; awning; canopy; tarp',
    source: 'HS 6306.1x tarpaulins, awnings and sunblinds',
  },
  {
    prefix: '63069',
    zh: '野营用品 吊床 防潮垫 野餐垫',
    en: 'camping goods; hammock; picnic mat',
    source: 'HS 6306.90 other camping goods',
  },
  {
    prefix: '63080000',
    zh: '十字绣套装 刺绣套件 diy套件',
    en: 'cross stitch kit; embroidery kit',
    source: 'HS 6308 sets of woven fabric and yarn for making rugs, tapestries, embroidered table cloths',
  },
  {
    prefix: '67029090',
    zh: '仿真花 假花 人造花 绢花 仿真植物',
    en: 'artificial flower; fake flower; artificial plant',
    source: 'HS 6702.90 artificial flowers of other materials',
  },
  {
    prefix: '67029010',
    zh: '羽毛花 羽毛装饰花',
    en: 'feather flower',
    source: 'China 6702.9010 artificial flowers of feathers',
  },
  {
    prefix: '67049000',
    zh: '假发 假睫毛 假胡子 发片 接发',
    en: 'wig; false eyelashes; hair piece; hair extension',
    source: 'HS 6704.90 wigs, false beards, eyebrows and eyelashes of other materials',
  },
  {
    prefix: '9101',
    zh: '金表 贵金属手表 金壳手表',
    en: 'gold watch',
    source: 'HS 9101 wrist-watches with case of precious metal',
  },
  {
    prefix: '91021900',
    zh: '双显手表 双显运动手表 运动手表 指针数字双显',
    en: 'sports watch; analog digital watch; dual display watch',
    source:
      'HS 9102.19 other electrically operated wrist-watches (a smart watch that talks to a phone or network is 8517.62, per the HS Committee; see gap-vocabulary-85.ts)',
  },
  {
    prefix: '91022100',
    zh: '自动机械表 机械手表 自动上链手表',
    en: 'automatic watch; mechanical watch',
    source: 'HS 9102.21 wrist-watches with automatic winding',
  },
  { prefix: '91022900', zh: '手动机械表 机械表', en: 'manual wind watch', source: 'HS 9102.29 other wrist-watches' },
  {
    prefix: '91029',
    zh: '怀表 秒表 计时器',
    en: 'pocket watch; stopwatch',
    source: 'HS 9102.9x pocket-watches and stop-watches',
  },
  { prefix: '91051900', zh: '机械闹钟 闹钟', en: 'mechanical alarm clock', source: 'HS 9105.19 other alarm clocks' },
  { prefix: '91052900', zh: '机械挂钟 挂钟', en: 'mechanical wall clock', source: 'HS 9105.29 other wall clocks' },
  {
    prefix: '91059',
    zh: '座钟 台钟 电子钟 数字时钟',
    en: 'desk clock; table clock; digital clock',
    source: 'HS 9105.9x other clocks',
  },
  {
    prefix: '94017',
    zh: '折叠椅 金属椅 椅子 铁艺椅',
    en: 'folding chair; metal chair',
    source: 'HS 9401.7x seats with metal frames',
  },
  {
    prefix: '94016',
    zh: '木椅 实木椅 椅子 餐椅',
    en: 'wooden chair; dining chair',
    source: 'HS 9401.6x seats with wooden frames',
  },
  { prefix: '94018090', zh: '凳子 小板凳 坐具', en: 'stool; seat', source: 'HS 9401.80 other seats' },
  {
    prefix: '94032000',
    zh: '铁艺架 金属置物架 铁架 鞋架 金属家具 收纳柜 储物柜 抽屉柜 斗柜',
    en: 'metal shelf; metal rack; shoe rack',
    source: 'HS 9403.20 other metal furniture',
  },
  {
    prefix: '94036099',
    zh: '木家具 实木柜 木桌 床头柜 收纳柜 储物柜 抽屉柜 斗柜',
    en: 'wooden furniture; bedside table',
    source: 'HS 9403.60 other wooden furniture',
  },
  { prefix: '94038990', zh: '家具', en: 'furniture', source: 'HS 9403.89 furniture of other materials' },
  {
    prefix: '94044090',
    zh: '被子 床罩 棉被 夏凉被 空调被',
    en: 'quilt; bedspread; comforter',
    source: 'HS 9404.40 quilts, eiderdowns, bedspreads (other filling)',
  },
  {
    prefix: '94044010',
    zh: '羽绒被 鸭绒被 鹅绒被',
    en: 'down duvet; down comforter',
    source: 'China 9404.4010 feather or down filled',
  },
  { prefix: '94044030', zh: '蚕丝被 丝棉被', en: 'silk quilt', source: 'China 9404.4030 silk-wadding filled' },
  {
    prefix: '94017900',
    zh: '露营椅 户外折叠椅 钓鱼椅 沙滩椅',
    en: 'camping chair; camp chair; folding camping chair; beach chair',
    source:
      'HS 9401.79 other seats with metal frames: a folding camping, fishing or beach chair has a metal frame and a sling seat, not upholstery (9401.71)',
  },
  ...['61152100', '61153000'].map((prefix): SourcedEntry => ({
    prefix,
    zh: '细旦',
    en: '',
    source: `China ${prefix} "单丝细<67分特": hosiery of single yarn under 67 decitex (细旦, the fineness rule's word)`,
  })),
  {
    prefix: '61152200',
    zh: '粗旦',
    en: '',
    source:
      'China 6115.2200 "单丝细≥67分特": tights of single yarn of 67 decitex or more (粗旦, the fineness rule\'s word)',
  },
  {
    prefix: '91021100',
    zh: '指针 指针式',
    en: 'analog',
    source:
      'HS 9102.11 electrically operated wrist-watches "with mechanical display only": the hands (指针) are that display (9101.11, of precious metal, takes them only with a precious-metal case)',
  },
  {
    prefix: '42029900',
    zh: '首饰盒 首饰收纳盒 珠宝盒 手表盒 手表收纳盒',
    en: 'jewelry box; jewellery box; jewelry storage box; watch box',
    source:
      'HS 4202 first part: jewellery boxes and similar containers of any material; of a material other than leather, plastic sheeting or textile (paperboard, vulcanised fibre, metal) they are 4202.99 (wooden caskets are named by 4420)',
  },
  {
    prefix: '94049090',
    zh: '枕头 抱枕 靠垫 坐垫 枕芯',
    en: 'pillow; cushion',
    source: 'HS 9404.90 other bedding (pillows, cushions)',
  },
  {
    prefix: '94054990',
    zh: '灯具 小夜灯 感应灯 灯带',
    en: 'night light; sensor light; light strip',
    source: 'HS 9405.49 other electric luminaires',
  },
  {
    prefix: '94056100',
    zh: '发光字 led灯牌 发光标志',
    en: 'led sign; illuminated sign',
    source: 'HS 9405.61 illuminated signs for LED light sources',
  },
  {
    prefix: '85161090',
    zh: '电热水器 即热式热水器',
    en: 'electric water heater',
    source: 'HS 8516.10 electric water heaters',
  },
  {
    prefix: '851629',
    zh: '取暖器 电暖器 电暖气',
    en: 'space heater; electric heater',
    source: 'HS 8516.29 electric space heating apparatus (the kinds China splits go to their own codes below)',
  },
  {
    prefix: '85162920',
    zh: '小太阳 小太阳取暖器 碳纤维取暖器 卤素取暖器',
    en: 'radiant heater; halogen heater',
    source: 'China 8516.2920 radiant space heaters (辐射式)',
  },
  { prefix: '85163300', zh: '干手器 烘手器', en: 'hand dryer', source: 'HS 8516.33 hand-drying apparatus' },
  { prefix: '85165000', zh: '微波炉', en: 'microwave oven; microwave', source: 'HS 8516.50 microwave ovens' },
  { prefix: '85166040', zh: '电炒锅 电热锅', en: 'electric wok', source: 'China 8516.6040 电炒锅' },
  {
    prefix: '85166050',
    zh: '电烤箱 烤箱 空气炸锅',
    en: 'electric oven; oven; air fryer',
    source: 'China 8516.6050 电烤箱',
  },
  {
    prefix: '851671',
    zh: '咖啡机 电咖啡壶 煮茶器',
    en: 'coffee maker; coffee machine',
    source: 'HS 8516.71 coffee or tea makers',
  },
  { prefix: '85167910', zh: '饮水机 电热饮水机', en: 'water dispenser', source: 'China 8516.7910 电热饮水机' },
  {
    prefix: '85099000',
    zh: '家电配件 家用电器零件',
    en: 'appliance parts',
    source: 'HS 8509.90 parts of domestic appliances',
  },
  {
    prefix: '85109000',
    zh: '剃须刀头 刀头 刀网',
    en: 'shaver head; replacement blade',
    source: 'HS 8510.90 parts of shavers and clippers',
  },
  {
    prefix: '85171100',
    zh: '无绳电话 子母机',
    en: 'cordless phone',
    source: 'HS 8517.11 line telephone sets with cordless handsets',
  },
  { prefix: '85171420', zh: '对讲机 无线对讲机', en: 'walkie talkie; two-way radio', source: 'China 8517.1420 对讲机' },
  {
    prefix: '85176236',
    zh: '路由器 无线路由器 wifi路由器',
    en: 'router; wifi router',
    source: 'China 8517.6236 路由器',
  },
  {
    prefix: '85181000',
    zh: '麦克风 话筒 领夹麦 无线麦克风',
    en: 'microphone; mic; lavalier microphone',
    source: 'HS 8518.10 microphones and stands',
  },
  {
    prefix: '85182900',
    zh: '喇叭 扬声器 车载喇叭',
    en: 'loudspeaker; horn speaker',
    source: 'HS 8518.29 other loudspeakers',
  },
  {
    prefix: '85184000',
    zh: '功放 扩音器 小蜜蜂扩音器',
    en: 'amplifier; voice amplifier',
    source: 'HS 8518.40 audio-frequency amplifiers',
  },
  {
    prefix: '85061090',
    zh: '干电池 碳性电池 五号电池',
    en: 'dry battery; carbon zinc battery',
    source: 'HS 8506.10 manganese dioxide primary cells',
  },
  { prefix: '85044030', zh: '逆变器 车载逆变器', en: 'inverter; power inverter', source: 'China 8504.4030 逆变器' },
  {
    prefix: '85075000',
    zh: '镍氢电池 充电电池',
    en: 'nimh battery; rechargeable battery',
    source: 'HS 8507.50 nickel-metal hydride accumulators',
  },
  {
    prefix: '82011000',
    zh: '铁锹 铲子 园艺铲 雪铲',
    en: 'shovel; spade; garden trowel',
    source: 'HS 8201.10 spades and shovels',
  },
  {
    prefix: '82013000',
    zh: '锄头 耙子 镐',
    en: 'hoe; rake; pickaxe',
    source: 'HS 8201.30 mattocks, picks, hoes and rakes',
  },
  { prefix: '82014000', zh: '斧头 斧子 砍刀', en: 'axe; hatchet; machete', source: 'HS 8201.40 axes, bill hooks' },
  {
    prefix: '82015000',
    zh: '修枝剪 园艺剪 剪枝剪',
    en: 'pruning shears; secateurs',
    source: 'HS 8201.50 secateurs and similar one-handed pruners',
  },
  { prefix: '82031000', zh: '锉刀 什锦锉', en: 'file; rasp', source: 'HS 8203.10 files and rasps' },
  {
    prefix: '82042000',
    zh: '套筒 套筒扳手 棘轮扳手',
    en: 'socket; socket wrench',
    source: 'HS 8204.20 interchangeable spanner sockets',
  },
  {
    prefix: '82055100',
    zh: '开瓶器 开罐器 削皮刀 擦丝器 厨房小工具',
    en: 'bottle opener; can opener; peeler; grater',
    source: 'HS 8205.51 other household hand tools',
  },
  {
    prefix: '82055900',
    zh: '手工工具 铲刀 刮刀 锥子',
    en: 'hand tool; scraper',
    source: 'HS 8205.59 other hand tools',
  },
  { prefix: '82057000', zh: '台钳 夹钳 木工夹 f夹', en: 'vice; clamp', source: 'HS 8205.70 vices and clamps' },
  {
    prefix: '82060000',
    zh: '工具套装 五金工具套装 工具箱套装',
    en: 'tool set; tool kit',
    source: 'HS 8206 tools of two or more headings in sets for retail sale',
  },
  {
    prefix: '82151000',
    zh: '餐具套装 镀金餐具套装 刀叉套装 叉勺套装 刀叉勺套装',
    en: 'cutlery set; flatware set',
    source: 'HS 8215.10 sets containing an article plated with precious metal',
  },
  {
    prefix: '82149000',
    zh: '斩骨刀 砍骨刀 剁骨刀',
    en: 'cleaver; chopper',
    source: 'HS 8214.90 other cutlery (cleavers and chopping knives)',
  },
  { prefix: '82119400', zh: '刀片 刀身', en: 'knife blade', source: 'HS 8211.94 blades' },
];

/** Gap fill for household plastics, steel wire goods, chains, fasteners and pins sold in the same stalls. */
const hardwareGapFill: SourcedEntry[] = [
  {
    prefix: '391731',
    zh: '软管 水管 塑料软管 浇花管',
    en: 'hose; garden hose; plastic hose',
    source: 'HS 3917.31 flexible tubes, pipes and hoses of plastics',
  },
  {
    prefix: '39191099',
    zh: '胶带 透明胶带 封箱胶带 胶布 美纹纸胶带',
    en: 'adhesive tape; packing tape; scotch tape',
    source: 'HS 3919.10 self-adhesive plastic tape in rolls ≤ 20 cm',
  },
  {
    prefix: '39199090',
    zh: '贴纸 不干胶 墙贴 保护膜 贴膜',
    en: 'sticker; decal; wall sticker; protective film',
    source: 'HS 3919.90 other self-adhesive plates, sheets and film of plastics',
  },
  {
    prefix: '39189090',
    zh: '地板贴 塑料地垫 pvc地板',
    en: 'vinyl flooring; floor sticker',
    source: 'HS 3918.90 floor coverings of other plastics',
  },
  {
    prefix: '39181090',
    zh: 'pvc地板 地板革',
    en: 'pvc flooring',
    source: 'HS 3918.10 floor coverings of polymers of vinyl chloride',
  },
  {
    prefix: '39189010',
    zh: '墙纸 壁纸 墙贴纸',
    en: 'wallpaper',
    source: 'HS 3918.90 wall coverings of other plastics',
  },
  {
    prefix: '39221000',
    zh: '塑料浴缸 婴儿浴盆 洗澡盆 泡澡桶',
    en: 'plastic bathtub; baby bath tub',
    source: 'HS 3922.10 baths, shower-baths, sinks and wash-basins of plastics',
  },
  {
    prefix: '39222000',
    zh: '马桶盖 马桶圈 马桶垫',
    en: 'toilet seat; toilet seat cover',
    source: 'HS 3922.20 lavatory seats and covers of plastics',
  },
  {
    prefix: '39229000',
    zh: '便盆 儿童马桶 尿壶',
    en: 'potty; bedpan; urinal',
    source: 'HS 3922.90 other sanitary ware of plastics',
  },
  {
    prefix: '39239000',
    zh: '塑料托盘 网袋 塑料网兜 包装网',
    en: 'plastic pallet; mesh bag; net bag',
    source: 'HS 3923.90 other articles for the conveyance or packing of goods, of plastics',
  },
  {
    prefix: '39234000',
    zh: '线轴 绕线板 塑料卷轴',
    en: 'spool; bobbin; reel',
    source: 'HS 3923.40 spools, cops, bobbins of plastics',
  },
  {
    prefix: '39263000',
    zh: '塑料拉手 塑料柜门把手 家具塑料配件',
    en: 'plastic knob; furniture fitting',
    source: 'HS 3926.30 fittings for furniture, coachwork of plastics',
  },
  {
    prefix: '39253000',
    zh: '百叶窗 卷帘 塑料百叶帘 百叶窗帘 百叶帘',
    en: 'blinds; roller blind; venetian blind',
    source: 'HS 3925.30 shutters, blinds of plastics',
  },
  {
    prefix: '39211990',
    zh: '泡沫板 eva泡棉 珍珠棉板',
    en: 'foam sheet; eva foam',
    source: 'HS 3921.19 plates and sheets of other cellular plastics',
  },
  {
    prefix: '39209990',
    zh: '塑料片 塑料板',
    en: 'plastic sheet',
    source: 'HS 3920.99 other plates, sheets and film of non-cellular plastics',
  },
  {
    prefix: '73158900',
    zh: '铁链 链条 金属链 狗链 装饰链',
    en: 'iron chain; metal chain',
    source: 'HS 7315.89 other chain of iron or steel',
  },
  { prefix: '73158200', zh: '焊接链 起重链', en: 'welded chain', source: 'HS 7315.82 other welded link chain' },
  {
    prefix: '73170000',
    zh: '钉子 铁钉 图钉 工字钉 u型钉',
    en: 'nail; thumbtack; drawing pin; staple nail',
    source: 'HS 7317 nails, tacks, drawing pins, staples of iron or steel',
  },
  {
    prefix: '731815',
    zh: '螺丝 螺栓 螺钉 机螺丝',
    en: 'screw; bolt; machine screw',
    source: 'HS 7318.15 other screws and bolts',
  },
  { prefix: '73181400', zh: '自攻螺丝 自攻钉', en: 'self-tapping screw', source: 'HS 7318.14 self-tapping screws' },
  { prefix: '73181200', zh: '木螺丝 木螺钉', en: 'wood screw', source: 'HS 7318.12 other wood screws' },
  { prefix: '73181600', zh: '螺母 螺帽', en: 'nut; hex nut', source: 'HS 7318.16 nuts' },
  { prefix: '73182200', zh: '垫圈 垫片 平垫', en: 'washer; flat washer', source: 'HS 7318.22 other washers' },
  {
    prefix: '73182300',
    zh: '铁铆钉 实心铆钉',
    en: 'solid rivet',
    source: 'HS 7318.23 rivets (solid) of iron or steel',
  },
  { prefix: '73194010', zh: '安全别针 别针 回形别针', en: 'safety pin', source: 'China 7319.4010 safety pins' },
  { prefix: '73194090', zh: '大头针 珠针 别针', en: 'pin; dressmaker pin', source: 'China 7319.4090 other pins' },
  {
    prefix: '73199000',
    zh: '缝衣针 手缝针 钩针 毛衣针 织针',
    en: 'sewing needle; knitting needle; crochet hook',
    source: 'HS 7319.90 sewing needles, knitting needles, crochet hooks',
  },
  { prefix: '73202090', zh: '弹簧 压簧 拉簧', en: 'spring; coil spring', source: 'HS 7320.20 helical springs' },
  {
    prefix: '73144900',
    zh: '铁丝网 钢丝网 护栏网',
    en: 'wire mesh; wire netting',
    source: 'HS 7314.49 other grill, netting and fencing of iron or steel wire',
  },
  { prefix: '73130000', zh: '刺绳 铁蒺藜 刺铁丝', en: 'barbed wire', source: 'HS 7313 barbed wire' },
  {
    prefix: '73102990',
    zh: '铁罐 铁盒 马口铁盒 茶叶罐 饼干盒',
    en: 'tin can; tin box; metal tin',
    source: 'HS 7310.29 other cans of iron or steel, < 50 l',
  },
  // 8539.51 modules, 8539.52 lamps; China splits the lamps into bulbs (.10) and tubes (.20).
  {
    prefix: '85395100',
    zh: 'led模组 led模块 led光源模组 灯珠模组 led光源板',
    en: 'led module; led light engine',
    source: 'HS 8539.51 light-emitting diode (LED) modules',
  },
  {
    prefix: '85395210',
    zh: 'led灯泡 球泡灯 灯泡',
    en: 'led bulb; light bulb',
    source: 'China 8539.5210 LED bulbs (HS 8539.52 LED lamps)',
  },
  {
    prefix: '85395220',
    zh: 'led灯管 t8灯管 t5灯管 日光灯管',
    en: 'led tube; t8 tube',
    source: 'China 8539.5220 LED tubes (HS 8539.52 LED lamps)',
  },
  {
    prefix: '85258',
    zh: '摄像头 监控摄像头 网络摄像头 运动相机 数码相机 行车记录仪',
    en: 'camera; webcam; security camera; action camera; dash cam',
    source: 'HS 8525.8x television cameras, digital cameras and video camera recorders',
  },
  {
    prefix: '85258929',
    zh: '数码相机 卡片相机 儿童相机',
    en: 'digital camera; kids camera',
    source: 'China 8525.8929 other digital cameras',
  },
  {
    prefix: '85258919',
    zh: '摄像头 监控摄像头 网络摄像头 电脑摄像头',
    en: 'webcam; security camera; ip camera',
    source: 'China 8525.8919 other television cameras',
  },
  {
    prefix: '85258939',
    zh: '运动相机 行车记录仪 摄像机',
    en: 'action camera; dash cam; camcorder',
    source: 'China 8525.8939 other video camera recorders',
  },
  {
    prefix: '85279',
    zh: '收音机 插卡收音机',
    en: 'radio; portable radio',
    source: 'HS 8527.9x other radio-broadcast receivers',
  },
  {
    prefix: '85437099',
    zh: '电子设备 驱蚊器 加湿器 香薰机',
    en: 'electronic device; ultrasonic mosquito repeller',
    source: 'HS 8543.70 other machines having individual functions',
  },
  { prefix: '85365000', zh: '开关 按钮开关 墙壁开关', en: 'switch; wall switch', source: 'HS 8536.50 other switches' },
  {
    prefix: '85366900',
    zh: '插座 插头 排插 转换插头',
    en: 'socket; plug; power strip; travel adapter plug',
    source: 'HS 8536.69 plugs and sockets',
  },
  {
    prefix: '85081100',
    zh: '吸尘器 手持吸尘器 车载吸尘器',
    en: 'vacuum cleaner; handheld vacuum',
    source: 'HS 8508.11 vacuum cleaners ≤ 1,500 W, dust bag ≤ 20 l',
  },
  {
    prefix: '85131090',
    zh: '露营灯 帐篷灯 应急灯 马灯 野营灯',
    en: 'camping lantern; tent light; emergency light',
    source: 'HS 8513.10 other portable electric lamps with own energy source',
  },
];

/** Desk goods of chapter 84 sold beside stationery (scope.ts): scales, calculators, mice, staplers. */
const deskMachines: SourcedEntry[] = [
  {
    prefix: '84231000',
    zh: '体重秤 电子秤 人体秤 体脂秤 婴儿秤 家用秤 厨房秤 电子厨房秤',
    en: 'bathroom scale; body scale; body fat scale; baby scale; kitchen scale; digital scale',
    source: 'HS 8423.10 "personal weighing machines, including baby scales; household scales"',
  },
  {
    prefix: '84701000',
    zh: '计算器 计算机器 科学计算器 学生计算器 口袋计算器 太阳能计算器',
    en: 'calculator; pocket calculator; scientific calculator; solar calculator',
    source: 'HS 8470.10 "electronic calculators capable of operation without an external source of electric power"',
  },
  {
    prefix: '84702100',
    zh: '打印计算器 带打印计算器',
    en: 'printing calculator',
    source: 'HS 8470.21 "other electronic calculating machines incorporating a printing device"',
  },
  {
    prefix: '84702900',
    zh: '台式计算器 插电计算器',
    en: 'desktop calculator',
    source: 'HS 8470.29 other electronic calculating machines (mains-powered)',
  },
  {
    prefix: '84716071',
    zh: '键盘 电脑键盘 机械键盘 无线键盘 蓝牙键盘',
    en: 'keyboard; computer keyboard; mechanical keyboard; wireless keyboard',
    source: 'HS 8471.60 input or output units; China 8471.6071 键盘',
  },
  {
    prefix: '84716072',
    zh: '鼠标 无线鼠标 有线鼠标 游戏鼠标 蓝牙鼠标 静音鼠标',
    en: 'mouse; computer mouse; wireless mouse; gaming mouse',
    source: 'HS 8471.60 input or output units; China 8471.6072 鼠标器',
  },
  {
    prefix: '84729021',
    zh: '打孔机 打洞机 打孔器 单孔打孔器 双孔打孔器',
    en: 'hole punch; paper punch',
    source: 'HS 8472.90 other office machines; China 8472.9021 打洞机',
  },
  {
    prefix: '84729022',
    zh: '订书机 订书器 钉书机 省力订书机',
    en: 'stapler; desk stapler',
    source: 'HS 8472.90 other office machines (staplers); China 8472.9022 订书机; staples are 8305.20',
  },
  {
    prefix: '84729030',
    zh: '碎纸机 办公碎纸机',
    en: 'paper shredder; shredder',
    source: 'HS 8472.90 other office machines; China 8472.9030 碎纸机',
  },
];

/**
 * Heading 6305 "sacks and bags, of a kind used for the packing of goods": the packing bag (包装袋) is the
 * heading's own noun, shared with 3923.2 (plastics); the material decides (cotton 6305.20, man-made
 * fibres 6305.39, other textile 6305.90, jute 6305.10). Not the strip and FIBC codes (6305.32 / .33),
 * which are named by their make.
 */
const textilePackingBags: SourcedEntry[] = ['630510', '63052000', '63053900', '63059000'].map((prefix) => ({
  prefix,
  zh: '包装袋 商品包装袋',
  en: 'packing bag; packaging bag',
  source: 'HS 6305 "sacks and bags, of a kind used for the packing of goods" (China 货物包装用袋)',
}));

/**
 * Review of the non-chapter-42 families the burned holdout sets missed (branch match-hx), from the
 * heading texts: a noun shared by codes that differ only in material goes under each (the title's
 * material decides), and a fitting's trade noun goes to the fitting's own heading.
 */
const holdoutFamilies: SourcedEntry[] = [
  {
    prefix: '83022000',
    zh: '万向轮 飞机轮 行李箱轮子 箱包轮子',
    en: 'luggage wheel; suitcase wheel',
    source:
      'HS 8302.20 "castors": a suitcase\'s swivel (spinner) wheel on its base-metal mounting is a castor; chapter 42 has no parts heading',
  },
  {
    prefix: '76151090',
    zh: '炒锅 煎锅 炖锅 汤锅 平底锅 奶锅 蒸锅',
    en: 'frying pan; wok; saucepan; casserole; stock pot; soup pot; skillet',
    source:
      'HS 7615.10 table, kitchen or other household articles of aluminium: the same cookware as 7323.9 (iron or steel); the noun is shared and the material decides',
  },
  {
    prefix: '73239',
    zh: '',
    en: 'soup pot; skillet',
    except: ['73239410'],
    source:
      'HS 7323.9 household articles of iron or steel: soup pots and skillets are the pots and pans already listed',
  },
  {
    prefix: '85131090',
    zh: '充电手电筒 充电手电 充电式手电筒',
    en: 'rechargeable flashlight; rechargeable torch',
    source:
      'China 8513.1010 is torches "functioned by dry batteries" (official English); a rechargeable torch is an other portable lamp with its own source of energy, 8513.1090',
  },
  {
    prefix: '94049090',
    zh: '记忆棉枕 记忆棉枕头 乳胶枕 乳胶枕头 慢回弹枕 海绵枕',
    en: 'memory foam pillow; latex pillow; foam pillow',
    source:
      'China 9404.90 splits stuffed bedding by filling (feathers or down .10, animal hair .20, silk wadding .30, man-made fibre wadding .40); a pillow of foam (polyurethane memory foam, latex) has none of them: 9404.90.90',
  },
  {
    prefix: '94049040',
    zh: '纤维枕 纤维枕头 纤维枕芯 化纤枕 化纤枕芯 羽丝绒枕',
    en: 'polyester fiber pillow; fibre pillow',
    source: 'China 9404.9040 bedding stuffed with man-made fibre wadding (化纤棉): fibre pillows',
  },
];

export const headingVocabulary: readonly SourcedEntry[] = [
  ...textilePackingBags,
  ...deskMachines,
  ...hardwareGapFill,
  ...everydayGapFill,
  ...gapFill,
  ...animalAndLeather,
  ...furskin,
  ...packingAndFittings,
  ...sharedNouns,
  ...narrowFabrics,
  ...hardware,
  ...smallElectricals,
  ...sundries,
  ...electricalsGapVocabulary,
  ...gapVocabulary,
  ...holdoutFamilies,
];
