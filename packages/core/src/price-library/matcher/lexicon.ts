/**
 * Word lists the matcher uses to read a seller's title. They are market and tariff knowledge,
 * not fitted to any labelled set: common misspellings, marketing and colour words that never
 * decide a customs code, and qualifier words that refine a product noun but do not name goods.
 */

/**
 * Frequent misspellings in wholesale titles (mostly same-sound characters typed by pinyin input),
 * mapped to the intended word. Applied after simplification and lower-casing.
 */
export const typoMap: ReadonlyArray<readonly [string, string]> = [
  ['斜跨', '斜挎'],
  ['拉竿箱', '拉杆箱'],
  ['拉秆箱', '拉杆箱'],
  ['登记箱', '登机箱'],
  ['行里箱', '行李箱'],
  ['化装包', '化妆包'],
  ['化装箱', '化妆箱'],
  ['化装刷', '化妆刷'],
  ['牛精布', '牛津布'],
  ['涤轮', '涤纶'],
  ['滌輪', '涤纶'],
  ['衬杉', '衬衫'],
  ['園珠筆', '圆珠笔'],
  ['园珠笔', '圆珠笔'],
  ['零前包', '零钱包'],
  ['吹风鸡', '吹风机'],
  ['保温怀', '保温杯'],
  ['卦锁', '挂锁'],
  ['凡布', '帆布'],
  ['帆部', '帆布'],
  ['尼笼', '尼龙'],
  ['手电桶', '手电筒'],
  ['皮代', '皮带'],
  ['腰代', '腰带'],
  ['双间包', '双肩包'],
  ['背夸', '背挎'],
  ['钱保', '钱包'],
  ['书报', '书包'],
  ['沙发毯', '沙发毯'],
  ['螺丝批', '螺丝批'],
  ['旅形', '旅行'],
  ['腰保', '腰包'],
  ['backpak', 'backpack'],
  ['bagpack', 'backpack'],
  ['hangbag', 'handbag'],
  ['handbg', 'handbag'],
  ['walet', 'wallet'],
  ['sutcase', 'suitcase'],
  ['suitecase', 'suitcase'],
  ['luggag ', 'luggage '],
  ['trolly', 'trolley'],
  ['tshirt', 't shirt'],
];

/** Marketing and trade words: they say how the goods are sold, never what they are. */
export const marketingWords: readonly string[] = [
  '2023新款', '2024新款', '2025新款', '2026新款', '秋冬新款', '春夏新款', '新款', '爆款', '厂家直销', '工厂直供', '工厂直销', '源头工厂', '源头厂家', '白沟厂家', '白沟',
  '批发价', '批发', '外贸原单', '外贸', '跨境专供', '跨境', '一件代发', '代发', 'ins风', 'ins', '韩版', '日系', '欧美风', '北欧风', '轻奢', '网红同款', '网红', '同款',
  '抖音爆款', '抖音', '亚马逊爆款', '亚马逊', '现货速发', '现货', '速发', '包邮', '特价', '清仓', '热卖', '潮流', '时尚', '百搭', '简约', '高级感', '小众设计', '小众',
  '复古', '潮牌', '定制', '定做', '可定制', '可印logo', '厂家', '直销', '正品', '品牌', '精品', '高档', '优质', '促销', '库存', '尾货', '特惠', '新品', '上新', '热销',
  'custom logo', 'oem', 'odm', 'factory direct', 'wholesale', 'hot sale', 'hot selling', 'new arrival', 'new', 'fashion', 'fashionable', 'trendy', 'classic', 'vintage',
  'cheap', 'best', 'premium', 'luxury', 'popular', 'quality', 'high quality', 'custom', 'stylish', 'cute', 'hot',
];

/** Colour words, removed as whole tokens or in their `X色` form. */
export const colourWords: readonly string[] = [
  '天蓝色', '藏青色', '藏蓝色', '深蓝色', '浅蓝色', '宝蓝色', '军绿色', '墨绿色', '草绿色', '酒红色', '玫红色', '粉红色', '咖啡色', '香槟色', '米白色', '卡其色', '焦糖色', '银灰色',
  '黑色', '白色', '红色', '蓝色', '绿色', '黄色', '紫色', '灰色', '粉色', '棕色', '橙色', '金色', '银色', '杏色', '米色', '褐色', '青色', '混色', '多色', '撞色', '纯色',
  '深灰', '浅灰', '藏青', '黑', '白', '红', '蓝', '绿', '黄', '紫', '灰', '粉', '棕', '橙', '杏', '多色可选', '颜色随机',
  'black', 'white', 'red', 'blue', 'green', 'yellow', 'purple', 'grey', 'gray', 'pink', 'brown', 'orange', 'gold', 'silver', 'beige', 'navy', 'khaki', 'wine red', 'multicolor', 'multicolour', 'rose',
];

/**
 * Words that refine a product noun (printed, folding, disposable, for children) but do not name
 * goods: a title that only matches these is not a confident match.
 */
export const qualifierWords: ReadonlySet<string> = new Set([
  '印花', '刺绣', '一次性', '儿童', '折叠', '便携', '家用', '户外', '电动', '遥控', '充电', '手工', '加厚', '防水', '大号', '小号', '套装', '学生', '男士', '女士', '商务', '休闲', '运动',
  '毛圈', '万圣节', '编织', '钩编', '针织', 'led', 'printed', 'folding', 'disposable', 'kids', 'portable', 'electric', 'rechargeable', 'waterproof', 'set',
]);

/**
 * Nouns that, next to another product noun, name a feature of it rather than the goods: a
 * suitcase with a TSA lock, a bag with a zip, a waist bag for the phone. Alone they are goods.
 */
export const featureWords: ReadonlySet<string> = new Set([
  '拉链', '肩带', '宽肩带', '杯架', '海关锁', 'tsa锁', 'tsa海关锁', '密码锁', '手机', '按扣', '挂钩', '飞机轮', '万向轮', '卡位', '钥匙扣', '耳机孔', 'usb', 'zipper', 'tsa lock', 'phone',
]);

/** English words too common to carry meaning in the word index. */
export const stopWords: ReadonlySet<string> = new Set([
  'of', 'and', 'or', 'the', 'a', 'an', 'for', 'with', 'without', 'in', 'on', 'to', 'by', 'other', 'others', 'nes', 'n.e.s.', 'etc', 'not', 'whether', 'their', 'thereof',
  'including', 'excluding', 'kind', 'used', 'such', 'than', 'but', 'parts', 'part', 'similar', 'article', 'articles', 'men', 'women', 'pcs', 'pc', 'piece', 'pieces', 'size',
]);
