import { z } from 'zod';
import { BusinessDate } from '../shared/input.schemas';
import { PageQuery } from '../shared/pagination';
import { isCents, isAmount, ExactDecimal } from '../shared/money';
import { ProgrammeDocument } from './subsidy.programme';

/** Request and response shapes of /v1/subsidy (the routes validate with these and OpenAPI shows them). */

const Day = BusinessDate;
const Cny = z.string().refine(isCents, 'a CNY amount: digits, at most 2 decimals, e.g. "1200.50"');
const Reason = z.string().trim().min(1).max(1000);
const Share = z
  .string()
  .refine(
    (value) => isAmount(value) && new ExactDecimal(value).gt(0) && new ExactDecimal(value).lte(1),
    'a share in (0, 1]',
  );
const Uscc = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'an 18-character unified social credit code');

export const ProgrammeProposalInput = z.strictObject({
  label: z.string().trim().min(1).max(120),
  effectiveFrom: Day,
  note: z.string().max(2000).optional(),
  document: ProgrammeDocument,
});
export const DecisionInput = z.strictObject({ reason: Reason.optional() });
export const RejectionInput = z.strictObject({ reason: Reason });

export const ProgrammeVersionView = z.looseObject({
  id: z.uuid(),
  label: z.string(),
  status: z.enum(['proposed', 'approved', 'rejected']),
  effectiveFrom: z.string(),
  contentHash: z.string(),
  document: z.looseObject({}),
});

const CoverPeriod = { coverFrom: Day, coverTo: Day };
export const InsurancePolicyInput = z
  .strictObject({
    insurer: z.string().trim().min(1).max(200),
    policyNo: z.string().trim().min(1).max(60),
    ...CoverPeriod,
    fundShare: Share,
    insured: z
      .array(z.strictObject({ uscc: Uscc, name: z.string().trim().min(1).max(200), ...CoverPeriod, premiumCny: Cny }))
      .min(1)
      .max(2000),
  })
  .refine((policy) => policy.coverFrom <= policy.coverTo, { message: 'coverFrom after coverTo', path: ['coverTo'] });
export const PolicyClaimInput = z.strictObject({
  insuredUscc: Uscc,
  buyerName: z.string().trim().min(1).max(200),
  buyerCountry: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code'),
  defaultedOn: Day,
  currency: z.string().regex(/^[A-Z]{3}$/),
  lossAmount: Cny,
});

export const PeriodInput = z
  .strictObject({ label: z.string().trim().min(1).max(120), from: Day, to: Day })
  .refine((period) => period.from <= period.to, { message: 'from after to', path: ['to'] });

export const ClaimEventBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('confirm') }),
  z.strictObject({ type: z.literal('object'), reason: Reason }),
  z.strictObject({ type: z.literal('reopen'), reason: Reason }),
  z.strictObject({ type: z.literal('preliminaryPass'), note: z.string().max(1000).optional() }),
  z.strictObject({ type: z.literal('auditPass') }),
  z.strictObject({ type: z.literal('committeeApprove'), decisionRef: z.string().trim().min(1).max(120) }),
  z.strictObject({ type: z.literal('startNotice'), from: Day }),
  z.strictObject({ type: z.literal('approve') }),
  z.strictObject({ type: z.literal('reject'), reason: Reason }),
  z.strictObject({ type: z.literal('reduce'), amountCny: Cny, reason: Reason }),
]);

export const ObjectionInput = z.strictObject({ objector: z.string().trim().min(1).max(200), reason: Reason });
export const ObjectionDecisionInput = z.strictObject({ decision: z.enum(['upheld', 'dismissed']), reason: Reason });

export const AuditTaskInput = z.strictObject({
  kindCode: z.string().min(1).max(60),
  auditFirmOrgId: z.uuid(),
  periodId: z.uuid(),
  sampleSize: z.number().int().min(1).max(10_000).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});
export const FindingInput = z
  .strictObject({
    lineId: z.uuid(),
    outcome: z.enum(['confirmed', 'adjusted', 'rejected']),
    adjustedCny: Cny.optional(),
    reason: Reason.optional(),
  })
  .refine((finding) => (finding.outcome === 'adjusted') === (finding.adjustedCny !== undefined), {
    message: 'adjustedCny is given exactly when the outcome is adjusted',
    path: ['adjustedCny'],
  })
  .refine((finding) => finding.outcome === 'confirmed' || finding.reason !== undefined, {
    message: 'an adjusted or rejected line needs a reason',
    path: ['reason'],
  });
export const CompleteTaskInput = z.strictObject({ conclusion: Reason });

export const ClaimView = z.looseObject({
  id: z.uuid(),
  periodId: z.uuid(),
  operatorOrgId: z.uuid(),
  status: z.string(),
  draftedCny: z.string(),
  amountCny: z.string(),
});
/** A period's claims, a page at a time (shared/pagination.ts: the one cursor). */
export const ClaimListQuery = PageQuery;
export const ExportQuery = z.strictObject({ format: z.enum(['json', 'csv', 'xlsx']).default('json') });
export const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const Loose = z.looseObject({});
