import { containerCheckDigit, residentIdCheckDigit, usccCheckCharacter } from '@baigou/core';

/** Valid identifiers and registration bodies, distinct per `n`. */

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A USCC with a correct GB 32100 check character: 91 (enterprise), Baoding division 130600. */
export function makeUscc(n: number): string {
  let body = '';
  for (let value = n, i = 0; i < 9; i += 1, value = Math.floor(value / 31)) body = USCC_CHARSET[value % 31] + body;
  const first17 = `91130600${body}`;
  return first17 + usccCheckCharacter(first17)!;
}

/** Flips the check character of a valid USCC. */
export function breakCheckCharacter(uscc: string): string {
  const last = uscc.at(-1)!;
  const wrong = USCC_CHARSET[(USCC_CHARSET.indexOf(last) + 1) % 31]!;
  return uscc.slice(0, 17) + wrong;
}

/** A resident ID (Baigou region 130681, born 1985-05-05) with a correct GB 11643 check digit. */
export function makeResidentId(n: number): string {
  const first17 = `13068119850505${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17)!;
}

export function operatorBody(n: number) {
  return {
    uscc: makeUscc(n),
    customsCode: `1306${String(n).padStart(6, '0')}`,
    nameZh: `白沟新城第${n}外贸有限公司`,
    nameEn: `Baigou Foreign Trade No.${n} Co., Ltd.`,
    contactName: '李明',
    contactPhone: '+86 312 5550000',
    contactEmail: `ops${n}@example.cn`,
    address: '河北省保定市白沟新城和道国际箱包城',
  };
}

export function merchantBody(n: number, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'individual_business',
    residentId: makeResidentId(n),
    nameZh: `白沟${n}号箱包店`,
    ownerName: '王芳',
    contactPhone: '13900000000',
    marketName: '和道国际箱包城',
    boothNo: `A-${n}`,
    goodsCategories: ['42'],
    fxAccount: {
      bankName: '中国银行白沟支行',
      accountName: '王芳',
      accountNo: `62170000${String(n).padStart(8, '0')}`,
    },
    ...overrides,
  };
}

export function purchaserBody(n: number, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'individual',
    name: `Ivan Petrov ${n}`,
    countryCode: 'RUS',
    idType: 'passport',
    idNumber: `P${String(n).padStart(8, '0')}`,
    ...overrides,
  };
}

/** A valid ISO 6346 number for owner code `owner` (3 letters) and serial `serial`. */
export const containerNumber = (serial: number, owner = 'BGU') => {
  const first10 = `${owner}U${String(serial).padStart(6, '0')}`;
  return `${first10}${containerCheckDigit(first10)!}`;
};
