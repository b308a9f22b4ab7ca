import { z } from 'zod';
import { validateCustomsCode, validateResidentId, validateUscc, type IdentifierVerdict } from './identifiers';
import { PageQuery } from '../shared/pagination';
import { partyStatuses } from './registry.models';

/** Request and response shapes of the party registry. Request objects are strict: unknown fields are refused. */

const checked = (validate: (value: string) => IdentifierVerdict) =>
  z.string().superRefine((value, ctx) => {
    const verdict = validate(value);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: verdict.reason });
  });

export const Uscc = checked(validateUscc).describe('统一社会信用代码, 18 characters, GB 32100-2015 check character');
export const ResidentId = checked(validateResidentId).describe('公民身份号码, GB 11643-1999 check digit');
export const CustomsCode = checked(validateCustomsCode).describe('海关编码 (consignor registration), 10 characters');

const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number');
const email = z.email().max(254);

export const OperatorRegistration = z.strictObject({
  uscc: Uscc,
  customsCode: CustomsCode,
  nameZh: text(200),
  nameEn: text(200),
  contactName: text(100),
  contactPhone: phone,
  contactEmail: email.optional(),
  address: text(500),
});

export const MerchantRegistration = z
  .strictObject({
    kind: z.enum(['individual_business', 'company']).describe('个体工商户 or company'),
    uscc: Uscc.optional(),
    residentId: ResidentId.optional().describe('Owner of an individual business without USCC'),
    nameZh: text(200),
    nameEn: text(200).optional(),
    ownerName: text(100),
    contactPhone: phone,
    marketName: text(200).describe('Market within the delimited Baigou cluster'),
    boothNo: text(50).describe('商位号'),
    goodsCategories: z
      .array(z.string().regex(/^[0-9]{2}$/, 'must be a 2-digit HS chapter'))
      .min(1)
      .max(20)
      .describe('HS chapters the merchant trades, e.g. ["42"]'),
    fxAccount: z.strictObject({
      bankName: text(200),
      accountName: text(200),
      accountNo: z.string().regex(/^[0-9A-Z]{6,34}$/, 'must be 6 to 34 digits or capital letters'),
    }),
  })
  .superRefine((merchant, ctx) => {
    if (merchant.kind === 'company' && !merchant.uscc) {
      ctx.addIssue({ code: 'custom', path: ['uscc'], message: 'a company merchant must give its USCC' });
    }
    if (merchant.kind === 'individual_business' && !merchant.uscc && !merchant.residentId) {
      ctx.addIssue({ code: 'custom', path: ['residentId'], message: 'give the USCC or the owner resident ID' });
    }
    if (merchant.kind === 'company' && merchant.residentId) {
      ctx.addIssue({
        code: 'custom',
        path: ['residentId'],
        message: 'only an individual business is identified by a resident ID',
      });
    }
  });

const idTypesByKind = {
  individual: ['resident_id', 'passport'],
  company: ['company_registration', 'uscc'],
} as const;

export const PurchaserRegistration = z
  .strictObject({
    kind: z.enum(['individual', 'company']),
    name: text(200),
    countryCode: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a 3-letter country/region code')
      .describe('单一窗口 country/region code'),
    idType: z.enum(['resident_id', 'passport', 'company_registration', 'uscc']),
    idNumber: z.string().trim().min(2).max(50),
    contactPhone: phone.optional(),
    contactEmail: email.optional(),
    address: text(500).optional(),
  })
  .superRefine((purchaser, ctx) => {
    const allowed: readonly string[] = idTypesByKind[purchaser.kind];
    if (!allowed.includes(purchaser.idType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['idType'],
        message: `a ${purchaser.kind} is identified by ${allowed.join(' or ')}`,
      });
      return;
    }
    const verdict = verifyPurchaserId(purchaser.idType, purchaser.idNumber, purchaser.countryCode);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: verdict.reason });
  });

function verifyPurchaserId(idType: string, idNumber: string, countryCode: string): IdentifierVerdict {
  if (idType === 'resident_id' || idType === 'uscc') {
    if (countryCode !== 'CHN') return { ok: false, reason: `a ${idType} identifies a party of China (CHN)` };
    return idType === 'uscc' ? validateUscc(idNumber) : validateResidentId(idNumber);
  }
  if (idType === 'passport' && !/^[A-Z0-9]{5,20}$/.test(idNumber)) {
    return { ok: false, reason: 'a passport number is 5 to 20 capital letters or digits' };
  }
  return { ok: true };
}

export const DecisionBody = z.strictObject({
  reason: z.string().trim().min(1).max(1000).optional().describe('Required to reject or suspend'),
});

const PartyBase = {
  id: z.uuid(),
  status: z.enum(partyStatuses),
  statusReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const OperatorView = z.object({
  ...PartyBase,
  orgId: z.uuid(),
  uscc: z.string(),
  customsCode: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  address: z.string(),
});

export const MerchantView = z.object({
  ...PartyBase,
  operatorOrgId: z.uuid(),
  kind: z.enum(['individual_business', 'company']),
  uscc: z.string().nullable(),
  residentIdMasked: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  ownerName: z.string(),
  contactPhone: z.string(),
  marketName: z.string(),
  boothNo: z.string(),
  goodsCategories: z.array(z.string()),
  fxAccount: z.object({ bankName: z.string(), accountName: z.string(), accountNoMasked: z.string() }),
});

export const PurchaserView = z.object({
  ...PartyBase,
  operatorOrgId: z.uuid(),
  kind: z.enum(['individual', 'company']),
  name: z.string(),
  countryCode: z.string(),
  idType: z.enum(['resident_id', 'passport', 'company_registration', 'uscc']),
  idNumberMasked: z.string(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  address: z.string().nullable(),
});

export const StatusHistoryEntry = z.object({
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  actorOrgId: z.uuid(),
  at: z.iso.datetime(),
});

export const PartyListQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(100).optional().describe('Substring of a name'),
  status: z.enum(partyStatuses).optional(),
  uscc: z.string().max(18).optional(),
  idNumber: z.string().max(50).optional().describe('Exact resident ID / passport / registration number'),
  countryCode: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  marketName: z.string().max(200).optional(),
});

export type OperatorRegistration = z.infer<typeof OperatorRegistration>;
export type MerchantRegistration = z.infer<typeof MerchantRegistration>;
export type PurchaserRegistration = z.infer<typeof PurchaserRegistration>;
export type OperatorView = z.infer<typeof OperatorView>;
export type MerchantView = z.infer<typeof MerchantView>;
export type PurchaserView = z.infer<typeof PurchaserView>;
export type PartyListQuery = z.infer<typeof PartyListQuery>;
