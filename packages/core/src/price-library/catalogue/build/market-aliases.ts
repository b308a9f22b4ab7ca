/**
 * Market words for HS-derived product types: how Baigou sellers and foreign buyers name the goods,
 * keyed by HS prefix. An entry applies to every 8-digit code under its prefix (less `except`).
 *
 * The words name the goods (拉杆箱, T恤, 吹风机) and, where the tariff splits on it, the type word
 * (折叠伞 vs 长柄伞). They deliberately do not fix the material, gender or knit/woven split when
 * several codes share a noun: 水杯 is listed under plastics, glass, ceramics and steel alike, and
 * the matcher reads the material from the title. Each code's official Chinese name was read
 * before its words were written, so no word is placed under a code whose text excludes it.
 *
 * Format: `zh` is space-separated, `en` is semicolon-separated.
 */
import { headingVocabulary } from './heading-vocabulary';

export interface MarketAliasEntry {
  prefix: string;
  zh: string;
  en?: string;
  except?: readonly string[];
}

const bagsAndPackaging: MarketAliasEntry[] = [
  { prefix: '392310', zh: '塑料包装盒 塑料周转箱 塑料盒 包装盒', en: 'plastic box; plastic crate; packaging box' },
  {
    prefix: '392321',
    zh: '塑料袋 PE袋 背心袋 平口袋 自封袋 骨袋 密封袋 垃圾袋 快递袋 包装袋 保鲜袋 食品袋 打包袋 聚乙烯袋 气泡袋',
    en: 'plastic bag; poly bag; pe bag; mailing bag; mailer bag; ziplock bag; zip lock bag; garbage bag; trash bag; t-shirt bag; courier bag; packing bag; bubble bag',
  },
  { prefix: '392329', zh: '塑料袋 OPP袋 PP袋 PVC袋 自粘袋 包装袋', en: 'opp bag; pp bag; pvc bag; self-adhesive bag' },
  { prefix: '392330', zh: '塑料瓶 PET瓶 塑料罐 喷壶', en: 'plastic bottle; pet bottle; plastic jar; spray bottle' },
  { prefix: '392350', zh: '瓶盖 塑料盖', en: 'bottle cap; plastic lid' },
];

const plasticsHousehold: MarketAliasEntry[] = [
  {
    prefix: '392410',
    zh: '塑料餐具 餐具 碗 盘子 餐盘 杯子 杯 水杯 油壶 烘焙模具 砧板 切菜板 菜板 保鲜盒 饭盒 便当盒 餐盒 冰格 制冰盒 量杯 漏斗 调料盒 调味盒 调料罐 沥水篮 勺子 汤勺 筷子 水壶 冷水壶 果盘 托盘 密封罐 米桶 厨房用具',
    en: 'tableware; kitchenware; plate; bowl; cup; cutting board; chopping board; food container; food storage container; lunch box; bento box; ice cube tray; measuring cup; funnel; spice box; colander; spoon; chopsticks; water jug; pitcher; tray; canister',
  },
  {
    prefix: '392490',
    zh: '鞋盒 收纳鞋盒 收纳盒 收纳箱 收纳筐 收纳篮 洗衣篮 脏衣篮 整理箱 牙刷架 牙刷筒 衣架 晾衣架 裤架 皂盒 肥皂盒 香皂盒 水桶 脸盆 洗脸盆 塑料盆 垃圾桶 纸巾盒 牙刷杯 漱口杯 置物架 挂钩 粘钩 拖把桶 花盆 沥水架 衣夹 晾衣夹 浴室用品',
    en: 'shoe box; storage box; storage bin; storage basket; organizer; hanger; clothes hanger; soap dish; soap box; bucket; basin; wash basin; trash can; waste bin; dustbin; tissue box; toothbrush cup; rack; hook; adhesive hook; flower pot; planter; clothes pegs; clothespin',
  },
  // A rigid pencil box (文具盒, 铅笔盒) of plastics is a school supply of 3926.10: 4202 takes pencil cases
  // only of its listed materials (sheeting of plastics, textile …), which the soft 笔袋 are.
  {
    prefix: '392610',
    zh: '文件夹 文件袋 档案袋 档案盒 文件盒 笔筒 试卷夹 书皮 书套 包书皮 直尺 三角尺 尺子 垫板 书立 资料册 名片册 票据夹 板夹 写字板 文具盒 铅笔盒 笔盒',
    en: 'file folder; document folder; folder; file bag; file box; ruler; pen holder; pencil holder; clipboard; binder; book cover; bookend; pencil box; pen box',
  },
  // 3926.20 gloves share the glove nouns of 6116 / 6216 / 4203: the material decides.
  { prefix: '39262011', zh: '手套 PVC手套', en: 'gloves; pvc gloves; pvc mittens; pvc mitts' },
  {
    prefix: '39262019',
    zh: '手套 塑料手套 一次性手套 PE手套',
    en: 'gloves; disposable gloves; plastic gloves; mittens; mitts; oven mitts',
  },
  {
    prefix: '39262090',
    zh: '雨衣 雨披 雨衣套装 一次性雨衣 骑行雨衣 儿童雨衣 防水围裙 塑料围裙',
    en: 'raincoat; rain coat; rain poncho; poncho; plastic apron',
  },
  {
    prefix: '392640',
    zh: '摆件 工艺品 树脂工艺品 装饰摆件 雕像 小雕像 雕塑 装饰品',
    en: 'ornament; figurine; statue; statuette; sculpture; resin craft; home decor; decoration',
  },
  { prefix: '39269090', zh: '塑料制品 扎带 尼龙扎带 塑料扣', en: 'plastic product; cable tie; zip tie' },
  { prefix: '40169100', zh: '地垫 门垫 橡胶地垫', en: 'door mat; floor mat; rubber mat' },
  { prefix: '40169200', zh: '橡皮擦 橡皮', en: 'eraser; rubber eraser' },
];

/**
 * Handbags, baskets and boxes of plaiting materials (bamboo, rattan, straw, willow) are heading
 * 4602, not 4202: the second part of 4202 lists only leather, plastics sheeting, textiles,
 * vulcanised fibre and paperboard. The bag nouns are shared; the material decides.
 */
const plaitedBagWords = '手提包 单肩包 斜挎包 托特包 手袋 包包 女包 编织包 篮 篮子 筐 收纳篮 菜篮 野餐篮';
const plaitedBagEn = 'handbag; shoulder bag; tote bag; tote; bag; basket; woven bag';

const woodPaperBasketwork: MarketAliasEntry[] = [
  { prefix: '46021', zh: plaitedBagWords, en: plaitedBagEn, except: ['46021920'] },
  { prefix: '46029000', zh: plaitedBagWords, en: plaitedBagEn },
  { prefix: '441911', zh: '砧板 菜板 切菜板 竹砧板', en: 'bamboo cutting board; cutting board; chopping board' },
  { prefix: '44191210', zh: '一次性筷子 卫生筷', en: 'disposable chopsticks' },
  { prefix: '44191290', zh: '筷子 竹筷', en: 'bamboo chopsticks; chopsticks' },
  {
    prefix: '441919',
    zh: '竹制餐具 竹蒸笼 蒸笼 竹铲 竹勺 竹托盘',
    en: 'bamboo tableware; bamboo steamer; bamboo spatula',
  },
  { prefix: '44199010', zh: '一次性筷子 一次性木筷', en: 'disposable wooden chopsticks' },
  {
    prefix: '44199090',
    zh: '木制餐具 木勺 木铲 木碗 木砧板 木托盘 木筷 筷子 砧板 菜板 托盘',
    en: 'wooden tableware; wooden spoon; wooden spatula; wooden bowl; wooden tray; wooden cutting board',
  },
  { prefix: '44201990', zh: '木雕 木质摆件 木制工艺品 摆件 工艺品', en: 'wooden ornament; wood carving; wooden craft' },
  { prefix: '44209090', zh: '首饰盒 木盒 木质收纳盒', en: 'jewellery box; jewelry box; wooden box' },
  {
    prefix: '46021100',
    zh: '竹编 竹篮 竹编篮 竹编包 竹筐 菜篮 竹编收纳篮 篮子 编织篮',
    en: 'bamboo basket; bamboo woven bag; basket; woven basket',
  },
  {
    prefix: '46021200',
    zh: '藤编 藤篮 藤编包 藤编收纳篮 篮子 编织篮',
    en: 'rattan basket; rattan bag; basket; woven basket',
  },
  {
    prefix: '46021910',
    zh: '草编 草编包 草编篮 草编收纳篮 麦秸编织 蒲草编织 篮子 编织篮 编织包',
    en: 'straw bag; straw basket; woven straw bag; seagrass basket; basket; woven basket',
  },
  { prefix: '46021930', zh: '柳编 柳条筐 柳编篮 篮子', en: 'wicker basket; willow basket' },
  { prefix: '46021990', zh: '丝瓜络 水葫芦编织', en: 'loofah; water hyacinth basket' },
  { prefix: '46029000', zh: '纸绳编织篮', en: 'paper rope basket' },
  { prefix: '48171000', zh: '信封', en: 'envelope' },
  {
    prefix: '48201000',
    zh: '笔记本 记事本 日记本 手账本 本子 便签本 收据本',
    en: 'notebook; diary; journal; memo pad; planner; notepad',
  },
  { prefix: '48202000', zh: '练习本 作业本 作文本', en: 'exercise book' },
  { prefix: '48203000', zh: '纸质文件夹', en: 'paper folder' },
];

/** Apparel: the noun names the garment; fibre, gender and knit/woven come from the title. */
const apparel: MarketAliasEntry[] = [
  {
    prefix: '6101',
    zh: '大衣 外套 风衣 棉服 棉衣 防风衣 针织外套',
    en: 'coat; overcoat; jacket; windbreaker; anorak; parka',
  },
  {
    prefix: '6102',
    zh: '大衣 外套 风衣 棉服 棉衣 防风衣 针织外套',
    en: 'coat; overcoat; jacket; windbreaker; anorak; parka',
  },
  { prefix: '62012000', zh: '大衣 呢大衣 毛呢大衣 外套 风衣', en: 'wool coat; overcoat; coat' },
  { prefix: '62013010', zh: '羽绒服 羽绒外套 羽绒衣', en: 'down jacket; down coat; puffer jacket' },
  { prefix: '62014010', zh: '羽绒服 羽绒外套 羽绒衣', en: 'down jacket; down coat; puffer jacket' },
  { prefix: '62023010', zh: '羽绒服 羽绒外套 羽绒衣', en: 'down jacket; down coat; puffer jacket' },
  { prefix: '62024010', zh: '羽绒服 羽绒外套 羽绒衣', en: 'down jacket; down coat; puffer jacket' },
  {
    prefix: '62013090',
    zh: '大衣 外套 风衣 冲锋衣 防风衣 夹克 棉服 棉衣 棉袄 派克服 防寒服',
    en: 'coat; jacket; windbreaker; anorak; parka; trench coat; padded jacket; hiking jacket',
  },
  {
    prefix: '62014090',
    zh: '大衣 外套 风衣 冲锋衣 防风衣 夹克 棉服 棉衣 棉袄 派克服 防寒服',
    en: 'coat; jacket; windbreaker; anorak; parka; trench coat; padded jacket; hiking jacket',
  },
  { prefix: '62019000', zh: '大衣 外套 风衣 冲锋衣 夹克 棉服', en: 'coat; jacket; windbreaker' },
  { prefix: '62022000', zh: '大衣 呢大衣 毛呢大衣 外套 风衣', en: 'wool coat; overcoat; coat' },
  {
    prefix: '62023090',
    zh: '大衣 外套 风衣 冲锋衣 防风衣 夹克 棉服 棉衣 棉袄 派克服 防寒服',
    en: 'coat; jacket; windbreaker; anorak; parka; trench coat; padded jacket; hiking jacket',
  },
  {
    prefix: '62024090',
    zh: '大衣 外套 风衣 冲锋衣 防风衣 夹克 棉服 棉衣 棉袄 派克服 防寒服',
    en: 'coat; jacket; windbreaker; anorak; parka; trench coat; padded jacket; hiking jacket',
  },
  { prefix: '62029000', zh: '大衣 外套 风衣 冲锋衣 夹克 棉服', en: 'coat; jacket; windbreaker' },
  { prefix: '610310', zh: '西装 西服 西服套装', en: 'suit' },
  { prefix: '610410', zh: '西装 西服 西服套装', en: 'suit' },
  { prefix: '620311', zh: '西装 西服 西服套装 正装', en: 'suit; business suit' },
  { prefix: '620312', zh: '西装 西服 西服套装 正装', en: 'suit; business suit' },
  { prefix: '620319', zh: '西装 西服 西服套装 正装', en: 'suit; business suit' },
  { prefix: '620411', zh: '西装 西服 西服套装 正装', en: 'suit; business suit' },
  { prefix: '620412', zh: '西装 西服 西服套装 正装', en: 'suit; business suit' },
  { prefix: '620413', zh: '西装 西服 西服套装 正装', en: 'suit; business suit' },
  { prefix: '620419', zh: '西装 西服 西服套装 正装', en: 'suit; business suit' },
  { prefix: '61032', zh: '套装 休闲套装 两件套', en: 'casual set; two-piece set; co-ord set' },
  { prefix: '61042', zh: '套装 休闲套装 两件套', en: 'casual set; two-piece set; co-ord set' },
  { prefix: '62032', zh: '套装 休闲套装 两件套', en: 'casual set; two-piece set' },
  { prefix: '62042', zh: '套装 休闲套装 两件套', en: 'casual set; two-piece set' },
  { prefix: '61033', zh: '西装外套 小西装 西服上衣', en: 'blazer; sport coat' },
  { prefix: '61043', zh: '西装外套 小西装 西服上衣', en: 'blazer' },
  { prefix: '62033', zh: '西装外套 小西装 西服上衣', en: 'blazer; sport coat' },
  { prefix: '62043', zh: '西装外套 小西装 西服上衣', en: 'blazer' },
  {
    prefix: '61034',
    zh: '裤子 裤 长裤 休闲裤 针织裤 卫裤 运动裤 跑步裤 束脚裤 短裤',
    en: 'trousers; pants; sweatpants; joggers; jogger pants; track pants; shorts',
  },
  {
    prefix: '61046',
    zh: '裤子 裤 长裤 休闲裤 针织裤 卫裤 运动裤 跑步裤 瑜伽裤 束脚裤 阔腿裤 短裤 打底裤',
    en: 'trousers; pants; sweatpants; joggers; jogger pants; track pants; shorts; leggings',
  },
  {
    prefix: '62034',
    except: ['62034210', '62034310', '62034910'],
    zh: '裤子 裤 长裤 休闲裤 牛仔裤 牛仔长裤 工装裤 西裤 短裤 沙滩裤 直筒裤 九分裤 运动裤',
    en: 'trousers; pants; jeans; cargo pants; chinos; shorts; board shorts',
  },
  {
    prefix: '62046',
    zh: '裤子 裤 长裤 休闲裤 牛仔裤 牛仔长裤 工装裤 西裤 短裤 阔腿裤 直筒裤 九分裤 运动裤',
    en: 'trousers; pants; jeans; cargo pants; shorts; wide leg pants',
  },
  { prefix: '61044', zh: '连衣裙 裙子 长裙', en: 'dress; maxi dress' },
  { prefix: '62044', zh: '连衣裙 裙子 长裙', en: 'dress; maxi dress' },
  { prefix: '61045', zh: '半身裙 短裙 裙 裙子 百褶裙 包臀裙 裙裤', en: 'skirt; pleated skirt' },
  { prefix: '62045', zh: '半身裙 短裙 裙 裙子 百褶裙 包臀裙 裙裤', en: 'skirt; pleated skirt' },
  { prefix: '6105', zh: '衬衫 衬衣 POLO衫 针织衬衫', en: 'shirt; polo shirt' },
  { prefix: '6106', zh: '衬衫 衬衣 女衬衫 POLO衫 针织衬衫 长袖衬衫 短袖衬衫', en: 'blouse; shirt; polo shirt' },
  { prefix: '6205', zh: '衬衫 衬衣 长袖衬衫 短袖衬衫 格子衬衫 商务衬衫', en: 'shirt; dress shirt; button-down shirt' },
  {
    prefix: '6206',
    zh: '衬衫 衬衣 女衬衫 雪纺衫 雪纺衬衫 女士衬衫 长袖衬衫 短袖衬衫',
    en: 'blouse; shirt; chiffon blouse',
  },
  { prefix: '61071', zh: '内裤 三角裤 平角裤 四角裤', en: 'underwear; briefs; boxers; boxer briefs' },
  { prefix: '61082', zh: '内裤 三角裤 女士内裤', en: 'panties; briefs; underwear' },
  { prefix: '61072', zh: '睡衣 睡裤 家居服', en: 'pajamas; pyjamas; sleepwear' },
  { prefix: '61083', zh: '睡衣 睡裤 睡裙 家居服', en: 'pajamas; pyjamas; sleepwear; nightgown' },
  { prefix: '61079', zh: '浴袍 睡袍 晨衣', en: 'bathrobe; robe' },
  { prefix: '61089', zh: '浴袍 睡袍 晨衣', en: 'bathrobe; robe' },
  { prefix: '62071', zh: '内裤 平角裤 四角裤', en: 'underwear; boxers' },
  { prefix: '62072', zh: '睡衣 睡裤 家居服', en: 'pajamas; pyjamas' },
  { prefix: '62082', zh: '睡衣 睡裤 睡裙 家居服', en: 'pajamas; pyjamas; nightgown' },
  {
    prefix: '6109',
    zh: 'T恤 T恤衫 短袖T恤 圆领T恤 打底衫 文化衫 广告衫 汗衫 背心 吊带 吊带背心 短袖',
    en: 't-shirt; t shirt; tshirt; tee; tank top; vest; singlet; camisole',
  },
  {
    prefix: '6110',
    zh: '卫衣 毛衣 针织衫 开衫 开襟衫 套头衫 羊毛衫 羊绒衫 抓绒衫 毛衫 连帽衫',
    en: 'sweater; sweatshirt; hoodie; pullover; cardigan; jumper; knitwear; fleece',
  },
  {
    prefix: '6111',
    zh: '婴儿服 婴儿衣服 宝宝衣服 连体衣 爬服 哈衣 包屁衣 和尚服 婴儿套装 婴儿连体衣 新生儿衣服',
    en: 'baby clothes; baby clothing; romper; onesie; bodysuit; baby bodysuit',
  },
  { prefix: '6209', zh: '婴儿服装 婴儿外套', en: 'baby garment' },
  // 6112 splits by goods: 6112.1 track suits, 6112.20 ski suits, 6112.3/6112.4 men's / women's swimwear.
  { prefix: '61121', zh: '运动服 运动套装', en: 'tracksuit' },
  { prefix: '61122', zh: '滑雪服', en: 'ski suit' },
  { prefix: '61123', zh: '泳裤 男士泳裤 男泳衣', en: 'swim trunks; swim shorts; men swimwear' },
  { prefix: '61124', zh: '泳衣 泳装 比基尼 连体泳衣 分体泳衣', en: 'swimsuit; swimwear; bikini' },
  { prefix: '621111', zh: '泳裤 男士泳裤 男泳衣', en: 'swim trunks; swim shorts; men swimwear' },
  { prefix: '621112', zh: '泳衣 泳装 比基尼 连体泳衣 分体泳衣', en: 'swimsuit; swimwear; bikini' },
  { prefix: '62112', zh: '滑雪服', en: 'ski suit' },
  // 6115 splits by goods: 6115.2 panty hose and tights, 6115.30 women's full- or knee-length hosiery,
  // 6115.9 other hosiery (socks); 6115.10 graduated compression.
  { prefix: '61152', zh: '连裤袜 丝袜 打底袜 紧身裤袜', en: 'tights; pantyhose' },
  { prefix: '61153', zh: '长筒袜 女式长筒袜 及膝袜', en: 'stockings; knee-high stockings' },
  { prefix: '61159', zh: '袜子 袜 短袜 船袜 中筒袜 棉袜 运动袜', en: 'socks; ankle socks; crew socks' },
  { prefix: '61151', zh: '压力袜 静脉曲张袜 医用弹力袜', en: 'compression socks; compression stockings' },
  // Sports gloves of textile stay in 6116 / 6216 (4203.21 is of leather): the material decides.
  { prefix: '6116', zh: '手套 针织手套 骑行手套 运动手套', en: 'gloves; knitted gloves; cycling gloves' },
  { prefix: '6216', zh: '手套 骑行手套 运动手套 滑雪手套', en: 'gloves; cycling gloves; ski gloves' },
  { prefix: '61171', zh: '围巾 针织围巾 毛线围巾 围脖 披肩', en: 'knitted scarf; scarf; shawl' },
  { prefix: '6214', zh: '围巾 丝巾 披肩 头巾 纱巾 长围巾', en: 'scarf; shawl; silk scarf; headscarf' },
  { prefix: '6215', zh: '领带 领结', en: 'tie; necktie; bow tie' },
  { prefix: '61178010', zh: '领带 领结', en: 'tie; necktie' },
  { prefix: '62121', zh: '胸罩 文胸 内衣', en: 'bra; brassiere' },
  { prefix: '6213', zh: '手帕', en: 'handkerchief' },
];

const madeUpTextiles: MarketAliasEntry[] = [
  // The blanket nouns by use (午睡毯, 沙发毯, 空调毯) are shared by the fibre splits of 6301.
  { prefix: '63012000', zh: '毯子 毛毯 羊毛毯 盖毯 午睡毯 沙发毯', en: 'wool blanket; blanket' },
  { prefix: '63013000', zh: '毯子 毛毯 棉毯 盖毯 午睡毯 沙发毯 空调毯', en: 'cotton blanket; blanket' },
  {
    prefix: '63014000',
    zh: '毯子 毛毯 盖毯 珊瑚绒毯 法兰绒毯 空调毯 午睡毯 沙发毯 牛奶绒毯',
    en: 'blanket; throw; fleece blanket; throw blanket',
  },
  { prefix: '63019000', zh: '毯子 毛毯', en: 'blanket' },
  { prefix: '63021', zh: '床单 被套 枕套 四件套 床上用品 床笠', en: 'bed sheet; duvet cover; pillowcase; bedding set' },
  { prefix: '63022110', zh: '床单 印花床单', en: 'bed sheet; sheet; printed sheet' },
  { prefix: '63022210', zh: '床单 印花床单', en: 'bed sheet; sheet; printed sheet' },
  { prefix: '63023191', zh: '床单', en: 'bed sheet; sheet' },
  { prefix: '630221', zh: '印花', en: 'printed' },
  { prefix: '630222', zh: '印花', en: 'printed' },
  { prefix: '630229', zh: '印花 印花床单', en: 'printed' },
  {
    prefix: '63022190',
    zh: '被套 枕套 四件套 三件套 床上用品 印花被套 印花四件套',
    en: 'duvet cover; pillowcase; bedding set; quilt cover',
  },
  {
    prefix: '63022290',
    zh: '被套 枕套 四件套 三件套 床上用品 印花被套 印花四件套',
    en: 'duvet cover; pillowcase; bedding set; quilt cover',
  },
  {
    prefix: '63023199',
    zh: '被套 枕套 四件套 三件套 床上用品 床笠',
    en: 'duvet cover; pillowcase; bedding set; fitted sheet',
  },
  {
    prefix: '63023290',
    zh: '床单 被套 枕套 四件套 三件套 床上用品 床笠',
    en: 'bed sheet; duvet cover; pillowcase; bedding set',
  },
  // Embroidered bed linen (6302.31.10) is bed linen like its siblings; the embroidery facet decides.
  { prefix: '63023192', zh: '毛巾被 毛巾毯 纯棉毛巾被', en: 'towel blanket; towelling quilt' },
  { prefix: '63023110', zh: '床单 被套 枕套 四件套 床上用品', en: 'bed sheet; duvet cover; pillowcase; bedding set' },
  { prefix: '63024', zh: '桌布 餐垫 桌旗', en: 'tablecloth; placemat; table runner' },
  { prefix: '63025', zh: '桌布 餐垫 桌旗 餐巾', en: 'tablecloth; placemat; table runner; napkin' },
  { prefix: '63026010', zh: '浴巾', en: 'bath towel' },
  {
    prefix: '63026090',
    zh: '毛巾 面巾 方巾 运动毛巾 洗脸巾 毛圈 擦手巾',
    en: 'towel; face towel; hand towel; terry towel; sports towel',
  },
  { prefix: '63029300', zh: '毛巾 浴巾 超细纤维毛巾 速干毛巾', en: 'microfiber towel; towel; bath towel' },
  { prefix: '63029990', zh: '毛巾 浴巾', en: 'towel' },
  {
    prefix: '6303',
    zh: '窗帘 遮光窗帘 纱帘 窗纱 成品窗帘',
    en: 'curtain; curtains; blackout curtain; drape; sheer curtain',
  },
  { prefix: '63041', zh: '床罩 床盖', en: 'bedspread; bed cover' },
  { prefix: '63049', zh: '抱枕套 靠垫套 装饰布 挂毯', en: 'cushion cover; pillow cover; tapestry' },
  {
    prefix: '63053300',
    zh: '编织袋 蛇皮袋 PP编织袋 塑料编织袋 聚丙烯编织袋',
    en: 'woven bag; pp woven bag; woven sack; polypropylene sack',
  },
  { prefix: '63052000', zh: '棉布袋 面粉袋', en: 'cotton sack' },
  { prefix: '630622', zh: '帐篷 野营帐篷 户外帐篷', en: 'tent; camping tent' },
  { prefix: '630629', zh: '帐篷', en: 'tent' },
  { prefix: '630612', zh: '天幕 遮阳棚 篷布', en: 'awning; tarp; canopy' },
  { prefix: '630640', zh: '充气垫 充气床垫 防潮垫', en: 'air mattress; inflatable mattress' },
  {
    prefix: '63071000',
    zh: '抹布 洗碗布 擦地布 清洁布 擦车布 擦拭布',
    en: 'cleaning cloth; dish cloth; rag; wiping cloth; microfiber cloth',
  },
  { prefix: '63072000', zh: '救生衣', en: 'life jacket; life vest' },
  {
    prefix: '63079010',
    zh: '口罩 一次性口罩 防尘口罩 成人口罩 儿童口罩',
    en: 'face mask; mask; disposable mask; dust mask',
  },
  { prefix: '63079090', zh: '鞋带 眼罩 布艺挂件', en: 'shoelace; sleep mask' },
];

const footwearHeadgear: MarketAliasEntry[] = [
  { prefix: '64022000', zh: '人字拖 夹脚拖 夹趾拖鞋 夹脚拖鞋 人字拖鞋', en: 'flip flops; flip-flops; thong sandals' },
  {
    prefix: '64029929',
    zh: '拖鞋 凉拖 一字拖 浴室拖鞋 洞洞鞋 凉鞋 塑料拖鞋 雨鞋 果冻鞋 果冻凉鞋',
    en: 'slippers; slides; bathroom slippers; clogs; sandals; jelly shoes',
  },
  { prefix: '64021900', zh: '塑料运动鞋', en: 'plastic sports shoes' },
  { prefix: '64031900', zh: '运动鞋 皮面运动鞋 真皮运动鞋', en: 'leather sneakers; sports shoes' },
  {
    prefix: '64039900',
    zh: '皮鞋 商务皮鞋 休闲皮鞋 单鞋 乐福鞋 豆豆鞋 休闲鞋 凉鞋 一脚蹬 小白鞋',
    en: 'leather shoes; dress shoes; loafers; derby shoes; casual shoes',
  },
  { prefix: '64035900', zh: '皮鞋 真皮底皮鞋', en: 'leather sole shoes' },
  {
    prefix: '64041100',
    zh: '运动鞋 跑步鞋 跑鞋 篮球鞋 网面鞋 飞织鞋 健身鞋 训练鞋 网鞋',
    en: 'sneakers; running shoes; sports shoes; trainers; basketball shoes; athletic shoes; mesh shoes',
  },
  {
    prefix: '64041910',
    zh: '拖鞋 棉拖鞋 棉拖 布拖鞋 布面拖鞋 毛绒拖鞋 居家拖鞋 室内拖鞋',
    en: 'slippers; cotton slippers; plush slippers; house slippers; indoor slippers',
  },
  {
    prefix: '64041990',
    // Subheading note 1 to chapter 64: "sports footwear" is footwear designed for a sport and training,
    // tennis, basketball and gym shoes; casual canvas sneakers and skate shoes are other footwear.
    zh: '帆布鞋 布鞋 老北京布鞋 一脚蹬 板鞋 硫化鞋 休闲鞋 帆布板鞋 低帮帆布鞋 高帮帆布鞋',
    en: 'canvas shoes; cloth shoes; slip-on shoes; slip-ons; canvas sneakers; low top sneakers; high top sneakers; skate shoes',
  },
  // 6404.20 differs from 6404.19 only by the leather outer sole, which the sole facet reads.
  {
    prefix: '64042010',
    zh: '拖鞋 棉拖鞋 布拖鞋 布面拖鞋 毛绒拖鞋 居家拖鞋 室内拖鞋',
    en: 'slippers; cotton slippers; plush slippers; house slippers; indoor slippers',
  },
  { prefix: '64069091', zh: '鞋垫', en: 'insole; insoles' },
  {
    prefix: '65040000',
    zh: '草帽 草编帽 编织帽 草编礼帽 遮阳帽 渔夫帽 巴拿马帽 帽 帽子',
    en: 'straw hat; woven hat; panama hat; sun hat',
  },
  {
    prefix: '65050020',
    zh: '钩编帽 钩针帽 手钩帽 钩针编织帽 贝雷帽 帽子 帽 渔夫帽 毛线帽',
    en: 'crochet hat; crochet beanie; beret; hat; bucket hat',
  },
  {
    prefix: '65050099',
    zh: '帽子 帽 棒球帽 鸭舌帽 针织帽 毛线帽 渔夫帽 遮阳帽 太阳帽 贝雷帽 运动帽 冷帽 网帽 礼帽',
    en: 'cap; baseball cap; hat; beanie; knitted hat; bucket hat; sun hat; beret',
  },
  { prefix: '65061000', zh: '安全帽 头盔 骑行头盔 电动车头盔', en: 'safety helmet; hard hat; helmet; bike helmet' },
  {
    prefix: '65069100',
    zh: '泳帽 浴帽 空顶帽 遮阳帽 帽子 帽 头套 一次性头套',
    en: 'swim cap; shower cap; visor; sun visor; disposable head cover',
  },
  // The hat nouns are shared with the textile hats of 6505: the material decides (leather is marked).
  {
    prefix: '65069910',
    zh: '皮帽 帽子 真皮帽 皮革帽 贝雷帽 鸭舌帽 棒球帽 八角帽 报童帽 礼帽 牛仔帽',
    en: 'leather hat; leather cap; leather beret',
  },
  { prefix: '65050010', zh: '发网', en: 'hair net' },
  { prefix: '66011000', zh: '庭院伞 沙滩伞 遮阳伞', en: 'patio umbrella; garden umbrella; beach umbrella' },
  {
    prefix: '66019100',
    zh: '折叠伞 雨伞 晴雨伞 遮阳伞 太阳伞 三折伞 伞',
    en: 'folding umbrella; umbrella; compact umbrella',
  },
  { prefix: '66019900', zh: '长柄伞 直杆伞 雨伞 高尔夫伞 伞', en: 'umbrella; golf umbrella; stick umbrella' },
  { prefix: '66020000', zh: '手杖 拐杖 登山杖', en: 'walking stick; cane; trekking pole' },
  {
    prefix: '67021000',
    zh: '仿真花 假花 人造花 塑料花 仿真植物',
    en: 'artificial flower; fake flower; artificial plant',
  },
  { prefix: '67029020', zh: '绢花 仿真花', en: 'silk flower' },
  { prefix: '67029030', zh: '仿真花 假花', en: 'artificial flower' },
  { prefix: '67041100', zh: '假发 整头假发', en: 'wig; synthetic wig' },
  { prefix: '67041900', zh: '假睫毛 接发 假发片', en: 'false eyelashes; hair extensions' },
  // 6704 splits wigs and hairpieces by material: synthetic textile (6704.11/19), human hair (6704.20).
  {
    prefix: '67042000',
    zh: '真人发假发 假发 假发片 接发 发片 整头假发 真人发 真发发片',
    en: 'human hair wig; human hair extensions; remy hair',
  },
];

const ceramicsGlassJewellery: MarketAliasEntry[] = [
  // A dinner set of tableware (餐具套装) is classified with its articles (GIR 3(b)): porcelain sets in
  // 6911.10, other ceramics 6912, base-metal cutlery sets 8215.20; the material decides.
  { prefix: '69111011', zh: '骨瓷餐具 骨瓷 餐具套装 骨瓷餐具套装 碗碟套装', en: 'bone china; bone china dinner set' },
  {
    prefix: '69111019',
    zh: '陶瓷餐具 瓷碗 瓷盘 陶瓷碗 陶瓷盘 陶瓷杯 马克杯 咖啡杯 杯子 水杯 碗 盘子 餐具套装 陶瓷餐具套装 碗碟套装',
    en: 'ceramic tableware; porcelain tableware; mug; ceramic mug; coffee cup; ceramic bowl; ceramic plate',
  },
  // 6911 (porcelain) and 6912 (other ceramics) share the tableware nouns: the material decides.
  {
    prefix: '69120010',
    zh: '陶餐具 陶碗 陶盘 粗陶 陶杯 碗 盘子 杯子 水杯 马克杯 饭碗 餐具 餐具套装 碗碟套装',
    en: 'stoneware; earthenware tableware; stoneware mug; stoneware bowl',
  },
  { prefix: '69131000', zh: '陶瓷摆件 瓷器摆件 摆件', en: 'ceramic ornament; porcelain figurine' },
  { prefix: '69139000', zh: '陶制摆件 摆件', en: 'pottery ornament' },
  { prefix: '70133700', zh: '玻璃杯 杯子 水杯 啤酒杯 茶杯', en: 'glass cup; drinking glass; tumbler; glass mug' },
  { prefix: '70132800', zh: '高脚杯 红酒杯', en: 'wine glass; goblet' },
  { prefix: '70134900', zh: '玻璃碗 玻璃盘 玻璃餐具 玻璃罐 密封罐 碗', en: 'glass bowl; glass jar; glass tableware' },
  { prefix: '70139900', zh: '玻璃花瓶 花瓶 玻璃摆件', en: 'glass vase; vase' },
  {
    prefix: '71131190',
    zh: '银饰 纯银 纯银项链 纯银手镯 纯银耳钉 项链 手链 耳环 戒指',
    en: 'sterling silver jewelry; silver necklace; silver ring',
  },
  { prefix: '71131919', zh: '金饰 黄金 黄金项链 足金 项链 手链 戒指', en: 'gold jewelry; gold necklace' },
  { prefix: '71161000', zh: '珍珠项链 珍珠饰品', en: 'pearl necklace; pearl jewelry' },
  { prefix: '71171100', zh: '袖扣 袖钉', en: 'cufflinks; cuff links' },
  {
    prefix: '71171900',
    zh: '仿首饰 饰品 首饰 项链 手链 耳环 耳钉 耳坠 戒指 手镯 胸针 脚链 吊坠 锁骨链',
    en: 'fashion jewelry; jewelry; jewellery; necklace; bracelet; earrings; ring; bangle; brooch; anklet; pendant',
  },
  {
    prefix: '71179000',
    zh: '仿首饰 饰品 首饰 项链 手链 手串 耳环 耳钉 耳坠 戒指 手镯 胸针 脚链 吊坠 仿珍珠',
    en: 'fashion jewelry; jewelry; necklace; bracelet; earrings; ring; bangle; brooch; beaded bracelet; faux pearl',
  },
];

const metalHousehold: MarketAliasEntry[] = [
  {
    prefix: '73231000',
    zh: '钢丝球 钢丝擦 清洁球 铁丝球 洗碗球',
    en: 'steel wool; scourer; scouring pad; steel wool scrubber',
  },
  {
    prefix: '73239',
    zh: '锅 炒锅 煎锅 炖锅 汤锅 平底锅 奶锅 蒸锅',
    en: 'pot; pan; wok; frying pan; casserole; stock pot; saucepan',
    except: ['73239410'],
  },
  { prefix: '73239100', zh: '铸铁锅 生铁锅', en: 'cast iron pan; cast iron pot; cast iron skillet' },
  {
    prefix: '73239200',
    zh: '珐琅锅 搪瓷铸铁锅 铸铁锅 铸铁炖锅 珐琅铸铁锅 铸铁烤盘',
    en: 'enamel cast iron pot; dutch oven; cast iron dutch oven; cast iron casserole',
  },
  {
    prefix: '73239300',
    zh: '饭盒 保鲜盒 餐盘 盆 碗 杯子 水杯 调料罐 油壶 漏斗 沥水篮 菜盆 洗菜盆 餐具 水壶 茶壶 烤盘 烘焙模具 蒸架',
    en: 'stainless steel pot; lunch box; food container; bowl; cup; mug; colander; basin; kettle; teapot; tableware',
  },
  { prefix: '73239410', zh: '搪瓷盆 搪瓷脸盆 面盆 脸盆 洗脸盆', en: 'enamel basin; wash basin; basin' },
  { prefix: '73239490', zh: '搪瓷杯 搪瓷碗 搪瓷盘 杯子 碗', en: 'enamel mug; enamel plate; enamel bowl' },
  {
    prefix: '73239900',
    zh: '铁锅 沥水篮 铁架 置物篮 收纳篮 铁盘 烤盘 烘焙模具 油壶',
    en: 'iron wok; wire basket; metal basket',
  },
  { prefix: '76151090', zh: '铝锅 铝盆 锅 饭盒', en: 'aluminium pot; aluminum pot; pot' },
];

const toolsLocks: MarketAliasEntry[] = [
  { prefix: '82032000', zh: '钳子 老虎钳 尖嘴钳 钢丝钳 斜口钳 镊子 眉夹', en: 'pliers; tweezers; eyebrow tweezers' },
  { prefix: '82054000', zh: '螺丝刀 起子 螺丝批 改锥', en: 'screwdriver' },
  { prefix: '82052000', zh: '锤子 羊角锤', en: 'hammer; claw hammer' },
  { prefix: '82041100', zh: '扳手 呆扳手 梅花扳手', en: 'wrench; spanner' },
  { prefix: '82041200', zh: '活动扳手 活扳手', en: 'adjustable wrench' },
  { prefix: '82021000', zh: '手锯 锯子', en: 'hand saw; saw' },
  {
    prefix: '82130000',
    zh: '剪刀 布料剪刀 裁缝剪 家用剪刀 厨房剪刀 美发剪刀 理发剪刀 剪子 平剪 牙剪',
    en: 'scissors; shears; tailor scissors',
  },
  {
    prefix: '82142000',
    zh: '指甲剪 指甲钳 指甲刀 修甲套装 修脚刀 修脚工具 指甲锉 美甲工具 死皮剪',
    en: 'nail clipper; nail clippers; manicure set; nail file',
  },
  { prefix: '82141000', zh: '铅笔刀 卷笔刀 裁纸刀', en: 'pencil sharpener; paper knife' },
  { prefix: '82111000', zh: '刀具套装 刀具组合', en: 'knife set' },
  { prefix: '82119100', zh: '餐刀 牛排刀', en: 'table knife; steak knife' },
  {
    prefix: '82119200',
    zh: '刀 水果刀 厨房刀 刺身刀 切片刀 户外刀 直刀 小刀 固定刃',
    en: 'knife; fixed blade knife; kitchen knife; paring knife',
  },
  {
    prefix: '82119300',
    zh: '折叠刀 折叠水果刀 折叠小刀 瑞士军刀',
    en: 'folding knife; pocket knife; swiss army knife',
  },
  { prefix: '82121000', zh: '剃须刀 刮胡刀', en: 'razor' },
  { prefix: '82122000', zh: '刀片 剃须刀片', en: 'razor blade' },
  { prefix: '82152000', zh: '餐具套装 刀叉套装 叉勺套装 刀叉勺套装', en: 'cutlery set; flatware set' },
  {
    prefix: '82159900',
    zh: '勺子 汤勺 勺 叉子 餐叉 筷子 长柄勺 茶匙 咖啡勺',
    en: 'spoon; fork; chopsticks; teaspoon; ladle',
  },
  {
    prefix: '83011000',
    zh: '挂锁 小挂锁 TSA锁 海关锁 行李锁 密码挂锁',
    en: 'padlock; combination padlock; tsa lock; luggage lock',
  },
  {
    prefix: '83014000',
    zh: '门锁 球形锁 执手锁 自行车锁 车锁 指纹锁 U型锁 钢缆锁 锁',
    en: 'door lock; bike lock; bicycle lock; cable lock; u-lock; lock',
  },
  {
    prefix: '83013000',
    zh: '家具锁 抽屉锁 柜门锁 柜锁 转舌锁 信箱锁',
    en: 'furniture lock; cabinet lock; drawer lock; cam lock',
  },
  { prefix: '83015000', zh: '锁扣 带锁扣环 箱包锁扣', en: 'lockable clasp; hasp with lock' },
  { prefix: '83016000', zh: '锁芯', en: 'lock cylinder; lock parts' },
  { prefix: '83017000', zh: '钥匙 钥匙坯 钥匙胚', en: 'key; key blank' },
  { prefix: '83021000', zh: '合页 铰链', en: 'hinge' },
  { prefix: '83025000', zh: '挂钩 衣帽钩', en: 'hat hook; coat hook' },
  { prefix: '83062990', zh: '金属摆件 摆件', en: 'metal ornament' },
  { prefix: '83063000', zh: '相框 镜框 画框', en: 'photo frame; picture frame' },
  { prefix: '83089000', zh: '皮带扣 金属扣 箱包五金', en: 'buckle; belt buckle' },
  { prefix: '83059000', zh: '回形针 长尾夹 票夹', en: 'paper clip; binder clip' },
  { prefix: '83052000', zh: '订书钉', en: 'staples' },
];

const electricalsLamps: MarketAliasEntry[] = [
  { prefix: '85163100', zh: '吹风机 电吹风 风筒 吹风筒', en: 'hair dryer; hairdryer; blow dryer' },
  {
    prefix: '85163200',
    zh: '卷发棒 卷发器 直发器 直板夹 夹板 直发梳 拉直板 烫发器',
    en: 'curling iron; hair straightener; flat iron; hair curler; straightening brush',
  },
  { prefix: '85164000', zh: '电熨斗 熨斗 蒸汽熨斗', en: 'iron; steam iron; electric iron' },
  { prefix: '85131010', zh: '手电筒 电筒 强光手电 手电', en: 'flashlight; torch' },
  {
    prefix: '85131090',
    zh: '头灯 露营灯 帐篷灯 营地灯 手提灯 马灯 应急灯',
    en: 'headlamp; camping lantern; lantern; tent light; work light',
  },
  { prefix: '85166010', zh: '电磁炉', en: 'induction cooker' },
  { prefix: '85166030', zh: '电饭锅 电饭煲', en: 'rice cooker' },
  { prefix: '85166090', zh: '电火锅 电煮锅 电烤盘 多功能锅', en: 'electric hot pot; electric grill' },
  { prefix: '85167210', zh: '面包机', en: 'bread maker' },
  { prefix: '85167220', zh: '多士炉 烤面包机', en: 'toaster' },
  { prefix: '85094010', zh: '榨汁机 榨汁杯', en: 'juicer' },
  { prefix: '85094090', zh: '料理机 搅拌机 绞肉机 打蛋器', en: 'blender; food processor; mixer' },
  { prefix: '85101000', zh: '电动剃须刀 剃须刀', en: 'electric shaver; shaver' },
  { prefix: '85102000', zh: '理发器 电推剪 推子', en: 'hair clipper; trimmer' },
  { prefix: '85103000', zh: '脱毛器', en: 'epilator' },
  { prefix: '85183000', zh: '耳机 耳麦 头戴式耳机', en: 'headphones; earphones; headset' },
  { prefix: '85182200', zh: '音箱 蓝牙音箱 音响', en: 'speaker; bluetooth speaker' },
  { prefix: '85182100', zh: '音箱 小音箱', en: 'speaker' },
  { prefix: '85044014', zh: '充电器 电源适配器', en: 'charger; power adapter' },
  { prefix: '85061012', zh: '碱性电池 干电池 5号电池 7号电池', en: 'alkaline battery; aa battery; battery' },
  { prefix: '85065000', zh: '纽扣电池 锂电池', en: 'button cell; lithium battery' },
  { prefix: '85076000', zh: '充电宝 移动电源 锂电池', en: 'power bank; lithium-ion battery' },
  { prefix: '85395210', zh: 'LED灯泡 灯泡 球泡灯', en: 'led bulb; light bulb' },
  { prefix: '85444211', zh: '数据线 充电线 USB线', en: 'usb cable; charging cable; data cable' },
  { prefix: '85171300', zh: '手机 智能手机', en: 'smartphone; mobile phone' },
  {
    prefix: '94051100',
    zh: '吊灯 吸顶灯 壁灯 水晶吊灯 过道灯',
    en: 'chandelier; ceiling light; ceiling lamp; wall lamp; wall light; pendant light',
  },
  { prefix: '94051900', zh: '吊灯 吸顶灯 壁灯', en: 'chandelier; ceiling light; wall lamp' },
  {
    prefix: '94052100',
    zh: '台灯 床头灯 落地灯 护眼灯 夹子台灯 阅读灯',
    en: 'table lamp; desk lamp; floor lamp; bedside lamp; reading lamp',
  },
  { prefix: '94052900', zh: '台灯 床头灯 落地灯', en: 'table lamp; desk lamp; floor lamp' },
  {
    prefix: '94053100',
    zh: '圣诞树灯串 圣诞灯串 圣诞彩灯 圣诞树彩灯 圣诞灯 灯串 彩灯 串灯',
    en: 'christmas lights; christmas tree lights; christmas string lights',
  },
  { prefix: '94053900', zh: '圣诞树灯串 圣诞灯串 圣诞彩灯 灯串 彩灯 串灯', en: 'christmas lights' },
  {
    prefix: '94054100',
    zh: '太阳能灯 太阳能路灯 太阳能壁灯 太阳能草坪灯 地插灯 庭院灯 草坪灯 路灯 壁灯 感应灯 投光灯 花园灯',
    en: 'solar light; solar lamp; solar garden light; solar street light; solar wall light',
  },
  {
    prefix: '94054290',
    zh: 'LED灯 感应灯 投光灯 庭院灯 草坪灯 路灯 花园灯',
    en: 'led light; sensor light; flood light',
  },
  { prefix: '94055000', zh: '煤油灯 马灯 油灯', en: 'kerosene lamp; oil lamp; hurricane lamp; kerosene lantern' },
  { prefix: '94042100', zh: '床垫 海绵床垫', en: 'mattress; foam mattress' },
  { prefix: '94043090', zh: '睡袋', en: 'sleeping bag' },
  { prefix: '94044040', zh: '被子 空调被 夏凉被', en: 'quilt; comforter; duvet' },
  { prefix: '94049040', zh: '枕头 抱枕 靠垫 坐垫 靠枕', en: 'pillow; cushion; throw pillow' },
  // Storage cabinets and chests of drawers are furniture (9403), split by material.
  {
    prefix: '94037000',
    zh: '塑料家具 塑料凳 塑料椅 收纳柜 储物柜 抽屉柜 斗柜',
    en: 'plastic furniture; plastic stool; plastic chair; plastic drawer cabinet',
  },
];

const toysSundries: MarketAliasEntry[] = [
  {
    prefix: '95030010',
    zh: '三轮车 儿童三轮车 滑板车 扭扭车 平衡车 学步车 童车 踏板车',
    en: 'tricycle; kids scooter; ride-on; balance bike; ride on toy',
  },
  {
    prefix: '95030021',
    zh: '毛绒玩具 玩具动物 毛绒 玩偶 公仔 兔子 小兔 小熊 熊 泰迪熊 恐龙 独角兽 小猪 猫咪 小猫 小狗 大象 鸭子 小鸭 熊猫 狮子 老虎 长颈鹿 猴子 企鹅 考拉 海豚 鲨鱼 章鱼 小鸡 小羊 奶牛 小马 鹿 狐狸 兔',
    en: 'plush toy; stuffed animal; teddy bear; plush; soft toy',
  },
  {
    prefix: '95030029',
    zh: '娃娃 洋娃娃 芭比 布娃娃 换装娃娃 玩偶 公仔 公主娃娃',
    en: 'doll; baby doll; fashion doll; reborn doll',
  },
  { prefix: '95030060', zh: '拼图 魔方 益智拼图 华容道', en: 'puzzle; jigsaw puzzle; jigsaw; rubik cube; magic cube' },
  {
    prefix: '95030083',
    zh: '电动玩具 遥控车 遥控飞机 电动玩具车 泡泡机 电动泡泡枪 遥控玩具 车',
    en: 'remote control car; rc car; electric toy; bubble machine; rc toy',
  },
  {
    prefix: '95030089',
    zh: '玩具 积木 水枪 悠悠球 陀螺 指尖陀螺 捏捏乐 解压玩具 玩具车 过家家 玩具枪 泡泡棒 泡泡枪 吹泡泡 车',
    en: 'toy; toys; building blocks; water gun; yo-yo; spinning top; fidget spinner; squishy; toy car; fidget toy; bubble wand; bubble gun',
  },
  { prefix: '95044000', zh: '扑克 扑克牌 纸牌', en: 'playing cards; poker cards; cards' },
  { prefix: '95049030', zh: '象棋 围棋 跳棋 国际象棋', en: 'chess; chinese chess' },
  { prefix: '95049040', zh: '麻将', en: 'mahjong' },
  { prefix: '95049090', zh: '桌游 飞行棋 骰子', en: 'board game; dice' },
  {
    prefix: '95051000',
    zh: '圣诞 圣诞树 圣诞装饰 圣诞装饰品 圣诞球 圣诞挂饰 圣诞挂件 圣诞老人 圣诞花环 圣诞礼品',
    en: 'christmas decoration; christmas ornament; christmas tree; christmas ball; christmas wreath',
  },
  {
    prefix: '95059000',
    zh: '万圣节 万圣节道具 万圣节装饰 派对道具 派对装饰 面具 魔术道具 拉旗 生日装饰 节日用品 派对用品',
    en: 'halloween; party decoration; party supplies; halloween mask; magic props; bunting',
  },
  { prefix: '95066210', zh: '足球 篮球 排球', en: 'football; soccer ball; basketball; volleyball' },
  { prefix: '95065900', zh: '羽毛球拍 球拍', en: 'badminton racket; racket' },
  { prefix: '95069190', zh: '瑜伽垫 跳绳 哑铃 拉力器 健身器材', en: 'yoga mat; jump rope; dumbbell; resistance band' },
  { prefix: '95069910', zh: '滑板', en: 'skateboard' },
  { prefix: '95071000', zh: '鱼竿 钓鱼竿', en: 'fishing rod' },
  { prefix: '95079000', zh: '渔具 鱼线 鱼漂', en: 'fishing tackle; fishing line' },
  { prefix: '96032100', zh: '牙刷 软毛牙刷 儿童牙刷', en: 'toothbrush' },
  { prefix: '96032900', zh: '发刷 指甲刷 睫毛刷 刷子', en: 'hair brush; nail brush' },
  { prefix: '96033010', zh: '画笔 油画笔 水彩笔刷', en: 'paint brush; artist brush' },
  { prefix: '96033020', zh: '毛笔', en: 'chinese brush; calligraphy brush' },
  {
    prefix: '96033090',
    zh: '化妆刷 散粉刷 眼影刷 腮红刷 粉底刷 刷子',
    en: 'makeup brush; makeup brushes; cosmetic brush; powder brush',
  },
  { prefix: '96034019', zh: '油漆刷 刷子', en: 'paint brush' },
  { prefix: '96039090', zh: '扫把 拖把 扫帚 清洁刷 马桶刷 刷子', en: 'broom; mop; toilet brush; cleaning brush' },
  { prefix: '96062100', zh: '纽扣 塑料纽扣 树脂纽扣', en: 'plastic button; button' },
  { prefix: '96062200', zh: '纽扣 金属纽扣', en: 'metal button; button' },
  { prefix: '96071100', zh: '拉链 金属拉链', en: 'metal zipper; zipper' },
  { prefix: '96071900', zh: '拉链 尼龙拉链 树脂拉链', en: 'nylon zipper; zipper' },
  { prefix: '96081000', zh: '圆珠笔 原子笔 按动圆珠笔', en: 'ballpoint pen; ballpen; ball pen' },
  {
    prefix: '96082000',
    zh: '马克笔 记号笔 白板笔 荧光笔 水彩笔 勾线笔',
    en: 'marker; marker pen; highlighter; whiteboard marker; felt pen',
  },
  { prefix: '96083090', zh: '钢笔' },
  { prefix: '96084000', zh: '自动铅笔', en: 'mechanical pencil' },
  { prefix: '96086000', zh: '笔芯 圆珠笔芯', en: 'refill; pen refill' },
  { prefix: '96091010', zh: '铅笔 2B铅笔 素描铅笔 HB铅笔', en: 'pencil; graphite pencil' },
  { prefix: '96091020', zh: '彩色铅笔 彩铅', en: 'colored pencil; colour pencil' },
  { prefix: '96099000', zh: '蜡笔 粉笔', en: 'crayon; chalk' },
  { prefix: '96100000', zh: '白板 黑板', en: 'whiteboard; blackboard' },
  { prefix: '96110000', zh: '印章', en: 'stamp; rubber stamp' },
  { prefix: '96131000', zh: '一次性打火机 打火机', en: 'disposable lighter; lighter' },
  { prefix: '96132000', zh: '打火机 充气打火机', en: 'lighter; refillable lighter' },
  {
    prefix: '96151100',
    zh: '梳子 梳 塑料梳 宽齿梳 排骨梳 卷发梳 发夹 抓夹 鲨鱼夹 发箍 按摩梳',
    en: 'comb; hair clip; claw clip; hair claw; headband; plastic comb',
  },
  {
    prefix: '96151900',
    zh: '梳子 梳 木梳 桃木梳 牛角梳 黄杨木梳 檀木梳 宽齿梳 发夹',
    en: 'wooden comb; horn comb; comb',
  },
  {
    prefix: '96159000',
    zh: '一字夹 发卡 U型夹 卷发器 边夹 发针 卷发筒 刘海夹',
    en: 'bobby pins; hair pins; hair rollers; curlers',
  },
  { prefix: '96161000', zh: '喷雾瓶 香水瓶 分装瓶', en: 'spray bottle; perfume atomizer' },
  { prefix: '96162000', zh: '粉扑 美妆蛋', en: 'powder puff; makeup sponge; beauty blender' },
  {
    prefix: '96170011',
    zh: '玻璃内胆保温瓶 热水瓶 暖水瓶 暖壶 暖瓶 保温瓶',
    en: 'glass refill thermos; hot water flask; vacuum flask',
  },
  {
    prefix: '96170019',
    zh: '保温杯 保温瓶 保温壶 焖烧杯 焖烧罐 真空杯',
    en: 'vacuum flask; thermos; insulated bottle; vacuum cup; insulated tumbler',
  },
  { prefix: '96190011', zh: '纸尿裤 尿不湿', en: 'diapers; baby diapers' },
  { prefix: '96190020', zh: '卫生巾', en: 'sanitary pads' },
  { prefix: '96200090', zh: '三脚架 自拍杆', en: 'tripod; selfie stick' },
  { prefix: '90041000', zh: '太阳镜 墨镜', en: 'sunglasses' },
  { prefix: '90049090', zh: '眼镜 老花镜 护目镜 泳镜', en: 'glasses; reading glasses; goggles; swimming goggles' },
  // 9102.11 has a mechanical display only (hands); a digital (LCD/LED) display is 9102.12.
  {
    prefix: '91021100',
    zh: '手表 石英表 石英手表 指针手表 腕表 男士手表 女士手表 情侣手表 儿童手表',
    en: 'watch; quartz watch; wristwatch; analog watch',
  },
  {
    prefix: '91021200',
    zh: '电子表 手表 电子手表 数字手表 LED手表 儿童电子表 学生电子表',
    en: 'digital watch; led watch; lcd watch',
  },
  { prefix: '91051100', zh: '闹钟', en: 'alarm clock' },
  { prefix: '91052100', zh: '挂钟 钟表', en: 'wall clock' },
];

export const marketAliases: readonly MarketAliasEntry[] = [
  ...headingVocabulary,
  ...bagsAndPackaging,
  ...plasticsHousehold,
  ...woodPaperBasketwork,
  ...apparel,
  ...madeUpTextiles,
  ...footwearHeadgear,
  ...ceramicsGlassJewellery,
  ...metalHousehold,
  ...toolsLocks,
  ...electricalsLamps,
  ...toysSundries,
];

/** Market words for one 8-digit code: every entry whose prefix it starts with, in table order. */
export function marketWordsFor(hs8: string): { zh: string[]; en: string[] } {
  const zh: string[] = [];
  const en: string[] = [];
  for (const entry of marketAliases) {
    if (!hs8.startsWith(entry.prefix) || entry.except?.includes(hs8)) continue;
    zh.push(...entry.zh.split(' ').filter(Boolean));
    if (entry.en)
      en.push(
        ...entry.en
          .split(';')
          .map((word) => word.trim())
          .filter(Boolean),
      );
  }
  return { zh, en };
}
