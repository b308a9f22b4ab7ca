import { z } from 'zod';
import { BusinessDate } from '../shared/input.schemas';
import { CurrencyCode, PositiveDecimal } from '../exchange-rates/exchange-rates.schemas';
import { PageQuery } from '../shared/pagination';

/** Request and response shapes of the price library (价格库). Request objects are strict. */

export const MAX_MATCH_ITEMS = 1_000;
export const MAX_DESCRIPTION_LENGTH = 500;

export const UnitCode = z.string().regex(/^\d{3}$/, 'must be a 3-digit declaration unit code (计量单位), e.g. 007');
const priceFields = ['unitPrice', 'unit', 'currency'] as const;

export const MatchItemInput = z
  .strictObject({
    description: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_DESCRIPTION_LENGTH)
      .describe('The goods title as the seller wrote it'),
    unitPrice: PositiveDecimal.optional().describe(
      'Price per `unit`, decimal string; give it with unit and currency to have the price checked',
    ),
    unit: UnitCode.optional(),
    currency: CurrencyCode.optional(),
    lineDate: z.iso
      .date()
      .optional()
      .describe('Date of the line (default today in China): its month picks the customs exchange rate'),
  })
  .superRefine((item, ctx) => {
    const given = priceFields.filter((field) => item[field] !== undefined);
    if (given.length === 0 || given.length === priceFields.length) return;
    for (const field of priceFields.filter((each) => item[each] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `give unitPrice, unit and currency together (${given.join(', ')} given)`,
      });
    }
  });

export const MatchRequest = z.strictObject({
  items: z.array(MatchItemInput).min(1).max(MAX_MATCH_ITEMS).describe(`1 to ${MAX_MATCH_ITEMS} goods lines`),
});

const fraction = z
  .string()
  .regex(/^\d{1,2}(\.\d{1,4})?$/, 'must be a decimal fraction of the median, e.g. "0.30"')
  .refine((value) => Number(value) > 0, 'must be greater than zero');

export const BandPolicyInput = z
  .strictObject({
    soft: fraction.describe('Beyond ±soft of the median: warning, the firm must give a remark'),
    hard: fraction.describe('Beyond ±hard of the median: manual review'),
  })
  .refine((policy) => Number(policy.soft) < Number(policy.hard), {
    message: 'soft must be below hard',
    path: ['soft'],
  });

export const BandPoliciesInput = z.strictObject({
  default: BandPolicyInput.optional().describe('Replaces the default policy of the base version'),
  byCategory: z
    .record(z.string().min(1).max(100), BandPolicyInput)
    .optional()
    .describe('Replaces the per-category policies of the base version'),
});

export const ImportRequest = z.strictObject({
  filename: z.string().trim().min(1).max(255),
  format: z.enum(['csv', 'xlsx']),
  contentBase64: z.base64().min(1).describe('The file, base64; the request body limit bounds its size'),
  effectiveFrom: BusinessDate.optional().describe('Date the version takes effect (default today in China)'),
  label: z.string().trim().min(1).max(100).optional(),
  bandPolicies: BandPoliciesInput.optional(),
});

export const AdjustmentRequest = z.strictObject({
  asOf: BusinessDate.optional().describe('Last day of the window (default yesterday in China)'),
  windowDays: z.number().int().min(7).max(730).default(90),
  minSampleSize: z
    .number()
    .int()
    .min(3)
    .max(100_000)
    .default(10)
    .describe('A band with fewer observations after trimming keeps its old values'),
});

export const VersionDecisionBody = z.strictObject({
  reason: z.string().trim().min(1).max(1000).optional().describe('Required to reject'),
});

export const versionStatuses = ['proposed', 'active', 'rejected', 'superseded'] as const;
export const versionSources = ['seed-demo', 'import', 'adjustment', 'catalogue'] as const;

export const VersionListQuery = PageQuery.extend({ status: z.enum(versionStatuses).optional() });

export const ProductTypeQuery = PageQuery.extend({
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Substring of the code, Chinese or English name or an alias'),
  hsPrefix: z
    .string()
    .regex(/^\d{2,10}$/, 'must be 2 to 10 digits')
    .optional(),
  category: z.string().trim().min(1).max(100).optional(),
  versionId: z.uuid().optional().describe('Search this version instead of the active one'),
});

export const DiffQuery = z.strictObject({ against: z.uuid().describe('The older version to compare with') });

const BandPolicyView = z.object({ soft: z.string(), hard: z.string() });

export const BandView = z.object({
  productTypeCode: z.string(),
  unit: z.string(),
  currency: z.string(),
  median: z.string(),
  q1: z.string(),
  q3: z.string(),
  sampleSize: z.number().int(),
  windowFrom: z.string(),
  windowTo: z.string(),
  source: z.string(),
});

export const VersionView = z.object({
  id: z.uuid(),
  label: z.string(),
  status: z.enum(versionStatuses),
  source: z.enum(versionSources),
  demo: z.boolean().describe('The bands are generated demo values, not observed prices'),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  bandPolicies: z.object({ default: BandPolicyView, byCategory: z.record(z.string(), BandPolicyView) }),
  baseVersionId: z.uuid().nullable(),
  summary: z.record(z.string(), z.unknown()),
  productTypeCount: z.number().int(),
  bandCount: z.number().int(),
  createdAt: z.iso.datetime(),
  createdByOrgId: z.uuid().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decidedByOrgId: z.uuid().nullable(),
  decisionReason: z.string().nullable(),
  supersededAt: z.iso.datetime().nullable(),
});

const VersionRef = z.object({ id: z.uuid(), label: z.string(), status: z.enum(versionStatuses) });

export const ProductTypeView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  aliases: z.array(z.string()),
  hsCode: z.string(),
  hs8: z.string(),
  unit1: z.string(),
  unit2: z.string().nullable(),
  defaultUnit: z.string(),
  category: z.string(),
  bands: z.array(BandView),
});

export const ProductTypePage = z.object({
  version: VersionRef,
  items: z.array(ProductTypeView),
  nextCursor: z.string().nullable(),
});

const Candidate = z.object({
  productTypeCode: z.string(),
  hsCode: z.string(),
  name: z.string(),
  score: z.number(),
  matchedTerms: z.array(z.string()),
});

export const PriceCheckView = z.object({
  status: z.enum(['ok', 'low', 'high', 'unit_mismatch', 'no_reference', 'low_confidence_match']),
  severity: z
    .enum(['none', 'warning', 'review'])
    .describe('warning: the firm must give a remark; review: manual review by staff'),
  comparableUnitPrice: z.string().nullable(),
  deviation: z.string().nullable(),
  reference: BandView.extend({ version: z.string() }).nullable(),
  policy: BandPolicyView,
  explanation: z.string(),
  exchangeRates: z.object({ month: z.string(), cnyPerUnit: z.record(z.string(), z.string().nullable()) }),
});

export const ItemResultView = z.object({
  abstained: z.boolean(),
  candidates: z.array(Candidate).describe('Best first'),
  priceCheck: PriceCheckView.optional(),
});

export const MatchResponse = z.object({
  versionId: z.uuid(),
  versionLabel: z.string(),
  items: z.array(ItemResultView.extend({ matchId: z.uuid() })),
});

export const MatchRecordView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  versionId: z.uuid(),
  description: z.string(),
  request: z.record(z.string(), z.unknown()),
  result: ItemResultView,
  createdAt: z.iso.datetime(),
});

export const ReplayView = z.object({
  record: MatchRecordView,
  replayed: ItemResultView,
  identical: z.boolean().describe('The recomputed result equals the stored one'),
});

export const ImportResult = z.object({
  version: VersionView,
  rows: z.number().int(),
  bandsReplaced: z.number().int(),
  bandsAdded: z.number().int(),
});

const BandChange = z.object({
  productTypeCode: z.string(),
  unit: z.string(),
  from: BandView,
  to: BandView,
  medianChangePercent: z.string().nullable(),
});

export const MatchCorrectionRequest = z.strictObject({
  hsCode: z
    .string()
    .regex(/^\d{8}(\d{2})?$/)
    .describe('The HS code staff read for the title (8 or 10 digits)'),
  reason: z.string().trim().min(1).max(500),
});

export const MatchCorrectionView = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  description: z.string(),
  hsCode: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});

export const AliasLearningRequest = z.strictObject({
  minEvidence: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(2)
    .describe('Confirmations an alias needs (a staff correction counts as two)'),
  label: z.string().min(1).max(100).optional(),
});

const AliasProposalView = z.object({
  productTypeCode: z.string(),
  hs8: z.string(),
  alias: z.string(),
  evidence: z.number().int(),
  examples: z.array(z.string()),
});

export const AliasLearningResult = z.object({
  version: VersionView,
  proposals: z.array(AliasProposalView),
  dropped: z.array(AliasProposalView).describe('Aliases that would break a confirmed line the matcher had right'),
  confirmations: z.number().int(),
});

export const DiffView = z.object({
  from: VersionRef,
  to: VersionRef,
  productTypes: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    aliasesChanged: z.array(
      z.object({ code: z.string(), aliasesAdded: z.array(z.string()), aliasesRemoved: z.array(z.string()) }),
    ),
  }),
  bands: z.object({
    added: z.array(BandView),
    removed: z.array(BandView),
    changed: z.array(BandChange),
    unchanged: z.number().int(),
  }),
  policiesChanged: z.boolean(),
});

export type MatchItemInput = z.infer<typeof MatchItemInput>;
export type MatchRequest = z.infer<typeof MatchRequest>;
export type BandPoliciesInput = z.infer<typeof BandPoliciesInput>;
export type ImportRequest = z.infer<typeof ImportRequest>;
export type AdjustmentRequest = z.infer<typeof AdjustmentRequest>;
export type AliasLearningRequest = z.infer<typeof AliasLearningRequest>;
export type MatchCorrectionRequest = z.infer<typeof MatchCorrectionRequest>;
export type VersionListQuery = z.infer<typeof VersionListQuery>;
export type ProductTypeQuery = z.infer<typeof ProductTypeQuery>;
export type VersionView = z.infer<typeof VersionView>;
export type ProductTypeView = z.infer<typeof ProductTypeView>;
export type MatchRecordView = z.infer<typeof MatchRecordView>;
export type ItemResultView = z.infer<typeof ItemResultView>;
