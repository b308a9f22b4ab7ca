/**
 * Finer market product types for chapter 42: outer material × form.
 *
 * Heading 4202 decides its subheading on two things the tariff itself names: the form of the
 * container (衣箱 trunks and suitcases; 提箱/公文包/书包 and similar cases; 手提包 handbags;
 * articles carried in the pocket or handbag; other containers) and the material of the OUTER
 * SURFACE (leather or composition leather; plastics or textile materials; other materials).
 * A lining or an aluminium trolley handle does not change the outer surface. Each form below is
 * paired only with the materials it is really made of in the market, and the HS8 of a pair is
 * read from the (row, column) of the China Customs 2023 split.
 */
type Column = 'leather' | 'plasticsTextile' | 'other';
type Row = 'trunk' | 'case' | 'handbag' | 'pocket' | 'other';

interface Material {
  slug: string;
  column: Column;
  zh: string;
  en: string;
  words: readonly string[];
}

interface Form {
  slug: string;
  row: Row;
  zh: string;
  en: string;
  words: readonly string[];
  materials: readonly string[];
}

const hs8ByRowColumn: Record<Row, Partial<Record<Column, string>>> = {
  trunk: { leather: '42021110', plasticsTextile: '42021210', other: '42021900' },
  case: { leather: '42021190', plasticsTextile: '42021290', other: '42021900' },
  handbag: { leather: '42022100', plasticsTextile: '42022200' },
  pocket: { leather: '42023100', plasticsTextile: '42023200' },
  other: { leather: '42029100', plasticsTextile: '42029200' },
};

const materials: readonly Material[] = [
  {
    slug: 'LEATHER',
    column: 'leather',
    zh: '真皮',
    en: 'genuine leather',
    words: [
      '真皮',
      '头层牛皮',
      '牛皮',
      '头层皮',
      '二层牛皮',
      '羊皮',
      '小羊皮',
      '绵羊皮',
      '疯马皮',
      '油蜡皮',
      '植鞣皮',
      '皮革',
      'genuine leather',
      'cowhide',
      'full grain leather',
      'sheepskin',
      'lambskin',
      'real leather',
    ],
  },
  {
    slug: 'BONDED-LEATHER',
    column: 'leather',
    zh: '再生皮革',
    en: 'composition leather',
    words: ['再生皮革', '再生皮', '组合皮', 'bonded leather', 'composition leather'],
  },
  {
    slug: 'PU',
    column: 'plasticsTextile',
    zh: 'PU',
    en: 'PU leather',
    words: [
      'PU',
      'PU皮',
      '仿皮',
      '人造革',
      '人造皮革',
      '合成革',
      '超纤皮',
      'PU leather',
      'faux leather',
      'vegan leather',
      'synthetic leather',
    ],
  },
  { slug: 'PVC', column: 'plasticsTextile', zh: 'PVC', en: 'PVC', words: ['PVC', 'PVC透明', 'pvc'] },
  { slug: 'ABS', column: 'plasticsTextile', zh: 'ABS', en: 'ABS', words: ['ABS'] },
  { slug: 'PC', column: 'plasticsTextile', zh: 'PC', en: 'polycarbonate', words: ['PC', '聚碳酸酯', 'polycarbonate'] },
  { slug: 'ABS-PC', column: 'plasticsTextile', zh: 'ABS+PC', en: 'ABS+PC', words: ['ABS+PC'] },
  { slug: 'PP', column: 'plasticsTextile', zh: 'PP', en: 'polypropylene', words: ['PP', '聚丙烯', 'polypropylene'] },
  { slug: 'NYLON', column: 'plasticsTextile', zh: '尼龙', en: 'nylon', words: ['尼龙', '锦纶', 'nylon'] },
  {
    slug: 'OXFORD',
    column: 'plasticsTextile',
    zh: '牛津布',
    en: 'oxford cloth',
    words: ['牛津布', 'oxford', 'oxford cloth'],
  },
  { slug: 'CANVAS', column: 'plasticsTextile', zh: '帆布', en: 'canvas', words: ['帆布', 'canvas'] },
  {
    slug: 'POLYESTER',
    column: 'plasticsTextile',
    zh: '涤纶',
    en: 'polyester',
    words: ['涤纶', '聚酯纤维', 'polyester'],
  },
  { slug: 'DENIM', column: 'plasticsTextile', zh: '牛仔布', en: 'denim', words: ['牛仔布', 'denim'] },
  { slug: 'CORDUROY', column: 'plasticsTextile', zh: '灯芯绒', en: 'corduroy', words: ['灯芯绒', 'corduroy'] },
  { slug: 'FELT', column: 'plasticsTextile', zh: '毛呢', en: 'wool felt', words: ['毛呢', '毛毡', 'felt'] },
  {
    slug: 'NONWOVEN',
    column: 'plasticsTextile',
    zh: '无纺布',
    en: 'non-woven',
    words: ['无纺布', 'non-woven', 'nonwoven'],
  },
  { slug: 'COTTON', column: 'plasticsTextile', zh: '棉布', en: 'cotton', words: ['棉布', '纯棉', '棉麻', 'cotton'] },
  {
    slug: 'ALUMINIUM',
    column: 'other',
    zh: '铝合金',
    en: 'aluminium',
    words: ['铝合金', '铝镁合金', '全铝', 'aluminium', 'aluminum'],
  },
];

const soft = ['LEATHER', 'PU', 'NYLON', 'OXFORD', 'CANVAS', 'POLYESTER'];
const fashion = [...soft, 'BONDED-LEATHER', 'PVC', 'DENIM', 'CORDUROY', 'FELT', 'COTTON'];

const forms: readonly Form[] = [
  {
    slug: 'TROLLEY',
    row: 'trunk',
    zh: '拉杆箱',
    en: 'trolley case',
    words: [
      '拉杆箱',
      '行李箱',
      '旅行箱',
      '登机箱',
      '托运箱',
      '子母箱',
      '万向轮箱',
      '皮箱',
      '衣箱',
      'trolley case',
      'trolley',
      'suitcase',
      'luggage',
      'carry-on',
      'carry on luggage',
      'luggage set',
      'spinner luggage',
      'hardside luggage',
      'travel case',
    ],
    materials: ['LEATHER', 'PU', 'ABS', 'PC', 'ABS-PC', 'PP', 'NYLON', 'OXFORD', 'CANVAS', 'POLYESTER', 'ALUMINIUM'],
  },
  {
    slug: 'BRIEFCASE',
    row: 'case',
    zh: '公文包',
    en: 'briefcase',
    words: [
      '公文包',
      '公文箱',
      '公事包',
      '公事箱',
      '手提箱',
      '密码箱',
      '文件包',
      '商务包',
      'briefcase',
      'attache case',
      'executive case',
    ],
    materials: ['LEATHER', 'BONDED-LEATHER', 'PU', 'NYLON', 'OXFORD', 'CANVAS', 'POLYESTER', 'ALUMINIUM'],
  },
  {
    slug: 'LAPTOP-BAG',
    row: 'case',
    zh: '电脑包',
    en: 'laptop bag',
    words: [
      '电脑包',
      '笔记本电脑包',
      '电脑公文包',
      '电脑手提包',
      'laptop bag',
      'computer bag',
      'notebook bag',
      'laptop case',
      'laptop sleeve',
    ],
    materials: soft,
  },
  {
    slug: 'SCHOOL-BAG',
    row: 'case',
    zh: '书包',
    en: 'school bag',
    words: [
      '书包',
      '学生书包',
      '双肩书包',
      '儿童书包',
      '小学生书包',
      '中学生书包',
      '护脊书包',
      'school bag',
      'schoolbag',
      'school backpack',
      'kids backpack',
      'book bag',
    ],
    materials: ['PU', 'NYLON', 'OXFORD', 'CANVAS', 'POLYESTER', 'LEATHER'],
  },
  {
    slug: 'VANITY-CASE',
    row: 'case',
    zh: '化妆箱',
    en: 'vanity case',
    words: ['化妆箱', '美容箱', '美甲箱', '纹绣箱', 'vanity case', 'cosmetic case', 'makeup case', 'train case'],
    materials: ['ALUMINIUM', 'PU', 'ABS', 'LEATHER', 'OXFORD'],
  },
  {
    slug: 'HANDBAG',
    row: 'handbag',
    zh: '手提包',
    en: 'handbag',
    words: [
      '手提包',
      '单肩包',
      '斜挎包',
      '挎包',
      '女包',
      '手袋',
      '托特包',
      '腋下包',
      '链条包',
      '水桶包',
      '贝壳包',
      '手拿包',
      '晚宴包',
      '马鞍包',
      '邮差包',
      '妈妈包',
      '饺子包',
      '云朵包',
      '枕头包',
      '法棍包',
      '信封包',
      '波士顿包',
      '包包',
      '女士包',
      '女士包包',
      '小方包',
      '机车包',
      '剑桥包',
      '流浪包',
      '手提袋',
      '男士斜挎包',
      'handbag',
      'shoulder bag',
      'crossbody bag',
      'cross body bag',
      'crossbody',
      'tote bag',
      'tote',
      'clutch',
      'clutch bag',
      'evening bag',
      'messenger bag',
      'bucket bag',
      'hobo bag',
      'saddle bag',
      'underarm bag',
      'ladies bag',
      'women bag',
    ],
    materials: fashion,
  },
  {
    slug: 'WALLET',
    row: 'pocket',
    zh: '钱包',
    en: 'wallet',
    words: [
      '钱包',
      '钱夹',
      '皮夹',
      '长款钱包',
      '短款钱包',
      '零钱包',
      '硬币包',
      '男士钱包',
      '女士钱包',
      '票夹',
      'wallet',
      'coin purse',
      'billfold',
      'bifold wallet',
      'long wallet',
    ],
    materials: ['LEATHER', 'BONDED-LEATHER', 'PU', 'NYLON', 'CANVAS', 'POLYESTER', 'DENIM'],
  },
  {
    slug: 'CARD-HOLDER',
    row: 'pocket',
    zh: '卡包',
    en: 'card holder',
    words: [
      '卡包',
      '卡套',
      '卡夹',
      '名片夹',
      '证件包',
      '证件套',
      '证件夹',
      '护照夹',
      '护照包',
      '护照套',
      '驾驶证卡包',
      '驾驶证皮套',
      '驾照套',
      '行驶证套',
      '工作证套',
      '银行卡包',
      'card holder',
      'card case',
      'business card holder',
      'passport holder',
      'passport cover',
      'id holder',
      'badge holder',
      'credit card holder',
    ],
    materials: ['LEATHER', 'BONDED-LEATHER', 'PU', 'PVC', 'NYLON', 'CANVAS', 'POLYESTER'],
  },
  {
    slug: 'KEY-CASE',
    row: 'pocket',
    zh: '钥匙包',
    en: 'key case',
    words: ['钥匙包', '钥匙套', '钥匙收纳包', 'key case', 'key pouch', 'key holder wallet'],
    materials: ['LEATHER', 'PU', 'CANVAS'],
  },
  {
    slug: 'BACKPACK',
    row: 'other',
    zh: '双肩包',
    en: 'backpack',
    words: [
      '双肩包',
      '背包',
      '双肩背包',
      '登山包',
      '旅行背包',
      '户外背包',
      '休闲背包',
      '后背包',
      '旅游背包',
      '通勤背包',
      'backpack',
      'rucksack',
      'hiking backpack',
      'daypack',
      'travel backpack',
    ],
    materials: soft,
  },
  {
    slug: 'TRAVEL-BAG',
    row: 'other',
    zh: '旅行袋',
    en: 'travel bag',
    words: [
      '旅行袋',
      '旅行包',
      '行李袋',
      '行李包',
      '手提旅行袋',
      '旅行收纳袋',
      '运动包',
      '健身包',
      '瑜伽包',
      '出差包',
      '待产包',
      'duffel bag',
      'duffle bag',
      'travel bag',
      'weekender bag',
      'gym bag',
      'sports bag',
      'holdall',
    ],
    materials: soft,
  },
  {
    slug: 'COSMETIC-BAG',
    row: 'other',
    zh: '化妆包',
    en: 'cosmetic bag',
    words: [
      '化妆包',
      '洗漱包',
      '化妆袋',
      '洗漱袋',
      '化妆品收纳包',
      'cosmetic bag',
      'makeup bag',
      'toiletry bag',
      'wash bag',
    ],
    materials: ['LEATHER', 'PU', 'PVC', 'NYLON', 'OXFORD', 'CANVAS', 'POLYESTER', 'CORDUROY', 'COTTON'],
  },
  {
    slug: 'WAIST-BAG',
    row: 'other',
    zh: '腰包',
    en: 'waist bag',
    words: [
      '腰包',
      '运动腰包',
      '跑步腰包',
      '胸包',
      '手机腰包',
      'waist bag',
      'fanny pack',
      'belt bag',
      'bum bag',
      'running belt',
      'chest bag',
    ],
    materials: soft,
  },
  {
    slug: 'STORAGE-BAG',
    row: 'other',
    zh: '收纳包',
    en: 'storage bag',
    words: [
      '收纳包',
      '收纳袋',
      '整理袋',
      '数码收纳包',
      '旅行收纳包',
      '衣物收纳袋',
      'storage bag',
      'organizer bag',
      'travel organizer',
      'packing cube',
      'packing cubes',
    ],
    materials: ['PU', 'PVC', 'NYLON', 'OXFORD', 'POLYESTER', 'NONWOVEN', 'COTTON', 'LEATHER'],
  },
  {
    slug: 'COOLER-BAG',
    row: 'other',
    zh: '保温包',
    en: 'cooler bag',
    words: [
      '保温包',
      '冰包',
      '冷藏包',
      '便当包',
      '午餐包',
      '饭盒包',
      '保温袋',
      '冰袋包',
      '野餐包',
      'lunch bag',
      'cooler bag',
      'insulated bag',
      'lunch box bag',
      'picnic bag',
      'thermal bag',
    ],
    materials: ['NYLON', 'OXFORD', 'POLYESTER', 'CANVAS', 'NONWOVEN', 'PU'],
  },
  {
    slug: 'SHOPPING-BAG',
    row: 'other',
    zh: '购物袋',
    en: 'shopping bag',
    words: [
      '购物袋',
      '环保袋',
      '手提购物袋',
      '折叠购物袋',
      '无纺布袋',
      '帆布袋',
      '礼品袋',
      'shopping bag',
      'reusable bag',
      'grocery bag',
      'eco bag',
      'reusable shopping bag',
    ],
    materials: ['NONWOVEN', 'CANVAS', 'COTTON', 'POLYESTER', 'NYLON', 'OXFORD', 'PVC'],
  },
  {
    slug: 'PENCIL-CASE',
    row: 'other',
    zh: '笔袋',
    en: 'pencil case',
    words: ['笔袋', '文具袋', '铅笔袋', '笔帘', 'pencil case', 'pencil bag', 'pencil pouch', 'pen bag'],
    materials: ['PU', 'CANVAS', 'NYLON', 'OXFORD', 'POLYESTER', 'LEATHER', 'PVC'],
  },
  {
    slug: 'TOOL-BAG',
    row: 'other',
    zh: '工具包',
    en: 'tool bag',
    words: ['工具包', '工具袋', '电工包', '收纳工具包', 'tool bag', 'tool pouch'],
    materials: ['OXFORD', 'CANVAS', 'NYLON', 'POLYESTER', 'LEATHER'],
  },
  {
    slug: 'CYCLING-BAG',
    row: 'other',
    zh: '骑行包',
    en: 'cycling bag',
    words: ['骑行包', '自行车包', '车把包', '车头包', 'bike bag', 'bicycle bag', 'handlebar bag'],
    materials: ['NYLON', 'OXFORD', 'POLYESTER', 'PU'],
  },
];

export interface GridType {
  code: string;
  hs8: string;
  nameZh: string;
  nameEn: string;
  aliases: string[];
}

/** Every (form, material) pair the market makes, with its HS8 from the tariff's row × column. */
export function luggageGridTypes(): GridType[] {
  const types: GridType[] = [];
  for (const form of forms) {
    for (const slug of form.materials) {
      const material = materials.find((m) => m.slug === slug);
      if (!material) throw new Error(`unknown material ${slug} in form ${form.slug}`);
      const hs8 = hs8ByRowColumn[form.row][material.column];
      if (!hs8) continue;
      types.push({
        code: `PT-${hs8}-${material.slug}-${form.slug}`,
        hs8,
        nameZh: `${material.zh}${form.zh}`,
        nameEn: `${material.en} ${form.en}`,
        aliases: [...new Set([...form.words, ...material.words])],
      });
    }
  }
  return types;
}

/** Form words of the 4202 row that an HS8 code belongs to, for its HS8-derived type. */
export function rowWordsFor(hs8: string): string[] {
  const words = new Set<string>();
  for (const form of forms) {
    const columns = hs8ByRowColumn[form.row];
    if (Object.values(columns).includes(hs8) && (hs8 !== '42021900' || form.materials.includes('ALUMINIUM'))) {
      for (const word of form.words) words.add(word);
    }
  }
  return [...words];
}

/** Heading 4203 market types: the goods the tariff names "of leather or composition leather". */
export function leatherApparelTypes(): GridType[] {
  return [
    {
      code: 'PT-42033010-LEATHER-BELT',
      hs8: '42033010',
      nameZh: '真皮腰带',
      nameEn: 'leather belt',
      aliases: [
        '皮带',
        '腰带',
        '真皮腰带',
        '牛皮腰带',
        '裤腰带',
        '针扣皮带',
        '自动扣皮带',
        '真皮',
        '牛皮',
        '头层牛皮',
        'leather belt',
        'belt',
        'genuine leather belt',
      ],
    },
    {
      code: 'PT-42031000-LEATHER-JACKET',
      hs8: '42031000',
      nameZh: '真皮皮衣',
      nameEn: 'leather jacket',
      aliases: [
        '皮衣',
        '皮夹克',
        '皮外套',
        '皮风衣',
        '真皮皮衣',
        '机车皮衣',
        '机车服',
        '外套',
        '夹克',
        '风衣',
        '大衣',
        '上衣',
        '衣服',
        '真皮',
        '绵羊皮',
        '头层牛皮',
        'leather jacket',
        'leather coat',
        'jacket',
        'coat',
      ],
    },
    {
      code: 'PT-42032990-LEATHER-GLOVES',
      hs8: '42032990',
      nameZh: '真皮手套',
      nameEn: 'leather gloves',
      aliases: ['皮手套', '真皮手套', '羊皮手套', '手套', '真皮', 'leather gloves'],
    },
  ];
}
