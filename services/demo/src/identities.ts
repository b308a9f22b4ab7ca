import { containerCheckDigit, residentIdCheckDigit, usccCheckCharacter } from '@baigou/core';
import type { Random } from './random';

/**
 * Names and identifiers of the demo's firms, merchants and purchasers. Identifiers carry valid
 * check characters; the run tag keeps one run's merchants and purchasers apart from another's,
 * while the operators (the same trading firms every month) keep theirs.
 */

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const base31 = (value: number, width: number) => {
  let text = '';
  for (let rest = value, i = 0; i < width; i += 1, rest = Math.floor(rest / 31)) text = USCC_CHARSET[rest % 31] + text;
  return text;
};

/** 统一社会信用代码: `prefix` 91 (enterprise) or 92 (individual business), division, 9-character body, check character. */
export function uscc(prefix: '91' | '92', division: string, body: string): string {
  const first17 = `${prefix}${division}${body}`;
  return first17 + usccCheckCharacter(first17)!;
}

/** The body of the `index`th identifier of run `runTag` (5 + 4 base-31 characters). */
export const runBody = (runTag: number, index: number) => `${base31(runTag, 5)}${base31(index, 4)}`;

/** 公民身份号码 of a Gaobeidian (130684) resident born between 1965 and 1999. */
export function residentId(random: Random): string {
  const born = new Date(Date.UTC(1965, 0, 1) + random.int(0, 35 * 365) * 86_400_000);
  const date = born.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `130684${date}${String(random.int(0, 999)).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17)!;
}

/** ISO 6346 container number of a carrier's owner code (3 letters + U). */
export function containerNumber(owner: string, serial: number): string {
  const first10 = `${owner}U${String(serial % 1_000_000).padStart(6, '0')}`;
  return `${first10}${containerCheckDigit(first10)!}`;
}

export const OPERATOR_FIRMS = [
  ['恒通', 'Hengtong'],
  ['华兴', 'Huaxing'],
  ['宏远', 'Hongyuan'],
  ['鑫达', 'Xinda'],
  ['瑞丰', 'Ruifeng'],
  ['永盛', 'Yongsheng'],
  ['金鼎', 'Jinding'],
  ['中亚通', 'Zhongyatong'],
  ['北方丝路', 'Northern Silk Road'],
  ['和道', 'Hedao'],
] as const;

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
];
export const GIVEN_NAMES = [
  '芳',
  '伟',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '海燕',
  '志强',
  '桂兰',
];
export const SHOP_WORDS = ['箱包', '皮具', '箱包皮具', '包业', '箱包商行', '皮件', '拉杆箱', '服饰', '饰品', '百货'];
export const MARKETS = [
  ['和道国际箱包城', 'H'],
  ['白沟国际箱包交易中心', 'A'],
  ['白沟大红门服装城', 'D'],
  ['白沟新城小商品城', 'X'],
  ['白沟箱包皮具原辅料城', 'Y'],
] as const;
export const BANKS = [
  '中国银行白沟支行',
  '中国工商银行高碑店白沟支行',
  '中国农业银行白沟支行',
  '河北银行白沟支行',
  '中国建设银行白沟支行',
];

/** Destinations of Baigou's goods, with their share of purchasers and how goods reach them. */
export const DESTINATIONS = [
  { country: 'RUS', weight: 28, routes: ['rail', 'road'] },
  { country: 'KAZ', weight: 12, routes: ['rail', 'road'] },
  { country: 'UZB', weight: 7, routes: ['rail'] },
  { country: 'KGZ', weight: 5, routes: ['road'] },
  { country: 'MNG', weight: 3, routes: ['road', 'railFreight'] },
  { country: 'BLR', weight: 3, routes: ['rail'] },
  { country: 'POL', weight: 5, routes: ['rail', 'sea'] },
  { country: 'DEU', weight: 4, routes: ['rail', 'sea'] },
  { country: 'ARE', weight: 8, routes: ['sea'] },
  { country: 'SAU', weight: 4, routes: ['sea'] },
  { country: 'NGA', weight: 5, routes: ['sea'] },
  { country: 'BRA', weight: 4, routes: ['sea'] },
  { country: 'CHL', weight: 3, routes: ['sea'] },
  { country: 'USA', weight: 4, routes: ['sea'] },
  { country: 'VNM', weight: 3, routes: ['sea', 'road', 'railFreight'] },
] as const;

const PERSON_NAMES: Record<string, string[]> = {
  RUS: ['Ivan Petrov', 'Olga Smirnova', 'Dmitry Volkov', 'Natalia Kuznetsova', 'Sergei Morozov', 'Elena Sokolova'],
  KAZ: ['Nursultan Abenov', 'Aigerim Sultanova', 'Yerlan Dzhaksybekov', 'Dana Nurpeisova'],
  UZB: ['Rustam Karimov', 'Dilnoza Yusupova', 'Jasur Toshmatov'],
  KGZ: ['Azamat Bakirov', 'Aizada Osmonova'],
  MNG: ['Bat-Erdene Ganbold', 'Oyuunaa Batsaikhan'],
  BLR: ['Andrei Kovalenko', 'Irina Novik'],
  POL: ['Piotr Nowak', 'Anna Kowalska'],
  DEU: ['Thomas Müller', 'Sabine Schneider'],
  ARE: ['Ahmed Al Mansoori', 'Fatima Al Hashimi'],
  SAU: ['Khalid Al Qahtani', 'Omar Al Harbi'],
  NGA: ['Chinedu Okafor', 'Ngozi Adeyemi', 'Emeka Nwosu'],
  BRA: ['João Silva', 'Mariana Costa'],
  CHL: ['Carlos Muñoz', 'Valentina Rojas'],
  USA: ['Michael Johnson', 'Jennifer Davis'],
  VNM: ['Nguyen Van An', 'Tran Thi Mai'],
};

const COMPANY_NAMES: Record<string, string[]> = {
  RUS: ['OOO Torgovy Dom Vostok', 'OOO Sumki Optom', 'OOO Sibir Trade'],
  KAZ: ['TOO Almaty Bag Trade', 'TOO Shymkent Optom'],
  UZB: ['OOO Tashkent Textile Market'],
  DEU: ['Lederwaren Handel GmbH'],
  POL: ['Torby Hurt Sp. z o.o.'],
  ARE: ['Al Noor General Trading LLC', 'Dragon Mart Bags FZE'],
  SAU: ['Al Jazeera Trading Est.'],
  NGA: ['Balogun Market Traders Ltd'],
  BRA: ['Brás Importadora Ltda'],
  CHL: ['Importadora Santiago SpA'],
  USA: ['Empire Bags Wholesale Inc.'],
};

/** A purchaser of `country`: mostly individual traders with passports, some companies. */
export function purchaserIdentity(country: string, random: Random, runTag: number, index: number) {
  const serial = `${runTag.toString(36).toUpperCase()}${index.toString(36).toUpperCase().padStart(3, '0')}`;
  const companies = COMPANY_NAMES[country];
  if (companies && random.chance(0.3)) {
    return {
      kind: 'company' as const,
      name: `${random.pick(companies)} (${serial})`,
      idType: 'company_registration' as const,
      idNumber: `REG-${serial}`,
    };
  }
  const name = random.pick(PERSON_NAMES[country] ?? ['Trader']);
  return { kind: 'individual' as const, name, idType: 'passport' as const, idNumber: `P${serial}` };
}
