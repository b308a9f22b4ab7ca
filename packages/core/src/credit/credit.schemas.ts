import { BusinessDate, BusinessInstant, BusinessMonth } from '../shared/input.schemas';
import { creditFactKinds, creditGrades } from '@baigou/db';
import { z } from 'zod';
import { PageQuery } from '../shared/pagination';
import { directions, valueUnits } from './credit.models';

/** Request and response shapes of credit evaluation (信用评价). Request objects are strict. */

const Decimal = z.string().regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'must be a decimal string, e.g. "0.05"');
const Points = z.number().int().min(-1000).max(1000);
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
export const GradeSchema = z.enum(creditGrades);

const ConsequencesSchema = z.strictObject({
  refuseSubmissions: z.boolean(),
  enhancedReview: z.boolean(),
  priority: z.boolean(),
  subsidyEligible: z.boolean(),
});

export const ScorecardDocumentSchema = z.strictObject({
  schema: z.literal('baigou.credit.scorecard/1'),
  title: Text(300),
  note: z.string().max(2000),
  windowMonths: z.number().int().min(1).max(60),
  baseScore: Points,
  characteristics: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, 'snake_case key'),
        nameZh: Text(200),
        nameEn: Text(200),
        group: Text(60),
        direction: z.enum(directions),
        unit: z.enum(valueUnits),
        levels: z
          .array(z.strictObject({ value: z.number().int(), zh: Text(100), en: Text(100) }))
          .max(20)
          .optional(),
        bins: z
          .array(z.strictObject({ min: Decimal.nullable(), points: Points }))
          .min(1)
          .max(20),
        missingPoints: Points,
      }),
    )
    .min(1)
    .max(60),
  vetoes: z
    .array(
      z.strictObject({
        code: z.string().regex(/^veto\.[a-z0-9_]+$/, 'veto.<name>'),
        characteristic: z.string(),
        op: z.enum(['at_least', 'at_most']),
        value: Decimal,
        reasonZh: Text(300),
        reasonEn: Text(300),
      }),
    )
    .max(30),
  thresholds: z.strictObject({ A: Points, B: Points, C: Points }),
  consequences: z.strictObject({
    A: ConsequencesSchema,
    B: ConsequencesSchema,
    C: ConsequencesSchema,
    D: ConsequencesSchema,
  }),
});

export const ScorecardProposal = z.strictObject({
  label: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,60}$/)
    .describe('Unique label of the version'),
  effectiveFrom: BusinessInstant.optional().describe('Earliest instant it may take effect'),
  document: ScorecardDocumentSchema,
});
export type ScorecardProposal = z.infer<typeof ScorecardProposal>;

export const ScorecardDecisionBody = z.strictObject({ reason: Text(1000).optional() });
export const ScorecardListQuery = PageQuery.extend({
  status: z.enum(['proposed', 'active', 'rejected', 'retired']).optional(),
});
export type ScorecardListQuery = z.infer<typeof ScorecardListQuery>;
export const ScorecardDiffQuery = z.strictObject({ against: z.uuid().describe('The scorecard to compare with') });

export const ScorecardView = z
  .object({
    id: z.uuid(),
    label: z.string(),
    status: z.string(),
    contentHash: z.string(),
    baseScorecardId: z.uuid().nullable(),
    effectiveFrom: z.string(),
    inForceFrom: z.string().nullable(),
    inForceTo: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    document: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CreditScorecard' });

export const ScorecardDiffView = z.object({
  from: z.uuid(),
  to: z.uuid(),
  changes: z.array(z.object({ path: z.string(), from: z.unknown(), to: z.unknown() })),
});

const Evidence = z
  .array(
    z.strictObject({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256'),
      filename: Text(255),
      description: z.string().max(500).optional(),
    }),
  )
  .min(1)
  .max(20);

export const FactInput = z.strictObject({
  operatorOrgId: z.uuid(),
  kind: z.enum(creditFactKinds),
  value: z
    .string()
    .max(40)
    .optional()
    .describe(
      'customs_tier: advanced_certified|certified|regular|dishonest|seriously_dishonest; tax_grade: A|B|M|C|D; safe_category: A|B|C',
    ),
  effectiveFrom: BusinessDate,
  effectiveTo: BusinessDate.optional(),
  source: Text(300).describe('Who established the fact: customs office, tax bureau, SAFE branch, court …'),
  evidence: Evidence,
  note: z.string().max(2000).optional(),
});
export type FactInput = z.infer<typeof FactInput>;

export const FactView = z
  .object({
    id: z.uuid(),
    operatorOrgId: z.uuid(),
    kind: z.string(),
    value: z.string().nullable(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    source: z.string(),
    evidence: z.array(z.object({ sha256: z.string(), filename: z.string(), description: z.string().optional() })),
    note: z.string().nullable(),
    createdAt: z.string(),
    retracted: z.object({ at: z.string(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'CreditFact' });

export const ReasonView = z.object({
  rank: z.number().int(),
  kind: z.enum(['veto', 'points']),
  code: z.string(),
  value: z.string().nullable(),
  points: z.number().int().nullable(),
  maxPoints: z.number().int().nullable(),
  pointsLost: z.number().int().nullable(),
  textZh: z.string(),
  textEn: z.string(),
});

export const DecisionView = z
  .object({
    id: z.uuid(),
    operatorOrgId: z.uuid(),
    operatorId: z.uuid(),
    runId: z.uuid().nullable(),
    trigger: z.string(),
    asOf: z.string(),
    scorecardId: z.uuid(),
    scorecardHash: z.string(),
    snapshotHash: z.string(),
    score: z.number().int(),
    grade: GradeSchema,
    customsTier: z.string().nullable(),
    vetoes: z.array(z.string()),
    characteristics: z.array(
      z.object({
        key: z.string(),
        value: z.string().nullable(),
        points: z.number().int(),
        maxPoints: z.number().int(),
      }),
    ),
    reasons: z.array(ReasonView),
    createdAt: z.string(),
  })
  .meta({ id: 'CreditDecision' });

export const GradeInForceView = z
  .object({
    operatorOrgId: z.uuid(),
    at: z.string(),
    grade: GradeSchema.nullable(),
    source: z.enum(['decision', 'override', 'none']),
    decisionId: z.uuid().nullable(),
    overrideId: z.uuid().nullable(),
    expiresAt: z.string().nullable(),
    score: z.number().int().nullable(),
    customsTier: z.string().nullable(),
    consequences: z
      .object({
        refuseSubmissions: z.boolean(),
        enhancedReview: z.boolean(),
        priority: z.boolean(),
        subsidyEligible: z.boolean(),
      })
      .nullable(),
    reasons: z.array(ReasonView),
  })
  .meta({ id: 'CreditGradeInForce' });

export const DecisionReplayView = z.object({
  decisionId: z.uuid(),
  scorecardHash: z.string(),
  snapshotHashMatches: z.boolean(),
  scorecardHashMatches: z.boolean(),
  identical: z.boolean(),
  differences: z.array(z.object({ path: z.string(), stored: z.unknown(), replayed: z.unknown() })),
});

export const DecisionListQuery = PageQuery.extend({
  grade: GradeSchema.optional(),
  operatorOrgId: z.uuid().optional(),
  runId: z.uuid().optional(),
});
export type DecisionListQuery = z.infer<typeof DecisionListQuery>;

export const FirmListQuery = PageQuery.extend({ grade: GradeSchema.optional() });
export type FirmListQuery = z.infer<typeof FirmListQuery>;

export const CreditRunInput = z.strictObject({
  asOf: BusinessInstant.optional().describe('Instant the facts are taken as of (default now)'),
});
export const CreditRunView = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    asOf: z.string(),
    scorecardId: z.uuid(),
    status: z.string(),
    operatorCount: z.number().int().nullable(),
    scoredCount: z.number().int(),
    previousRunId: z.uuid().nullable(),
    summary: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'CreditRun' });

export const OverrideInput = z.strictObject({
  operatorOrgId: z.uuid(),
  grade: GradeSchema,
  reason: Text(1000),
  effectiveFrom: BusinessInstant.optional(),
  expiresAt: BusinessInstant,
});
export type OverrideInput = z.infer<typeof OverrideInput>;
export const OverrideView = z
  .object({
    id: z.uuid(),
    operatorOrgId: z.uuid(),
    grade: GradeSchema,
    reason: z.string(),
    decisionId: z.uuid().nullable(),
    effectiveFrom: z.string(),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'CreditOverride' });

export const AppealInput = z.strictObject({
  decisionId: z.uuid(),
  statement: Text(4000),
  evidence: Evidence,
  factIds: z.array(z.uuid()).max(20).default([]).describe('The recorded facts the appeal disputes'),
});
export type AppealInput = z.infer<typeof AppealInput>;
export const AppealDecisionBody = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  reason: Text(2000),
});
export type AppealDecisionBody = z.infer<typeof AppealDecisionBody>;
export const AppealListQuery = PageQuery.extend({ status: z.enum(['filed', 'upheld', 'dismissed']).optional() });
export type AppealListQuery = z.infer<typeof AppealListQuery>;
export const AppealView = z
  .object({
    id: z.uuid(),
    operatorOrgId: z.uuid(),
    decisionId: z.uuid(),
    statement: z.string(),
    evidence: z.array(z.object({ sha256: z.string(), filename: z.string(), description: z.string().optional() })),
    factIds: z.array(z.uuid()),
    status: z.string(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    resultDecisionId: z.uuid().nullable(),
  })
  .meta({ id: 'CreditAppeal' });

export const CreditOperatorParams = z.strictObject({ operatorOrgId: z.uuid() });
export const CreditIdParams = z.strictObject({ id: z.uuid() });
export const CreditGradeQuery = z.strictObject({
  at: BusinessInstant.optional().describe('Instant (default now)'),
});

export const CreditMonthQuery = z.strictObject({
  month: BusinessMonth,
});
const Distribution = z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), D: z.number().int() });
export const CreditMonthlyView = z
  .object({
    month: z.string(),
    firms: z.number().int(),
    distribution: Distribution,
    previousDistribution: Distribution,
    migration: z.record(z.string(), z.record(z.string(), z.number().int())).describe('previous grade → grade → firms'),
  })
  .meta({ id: 'CreditMonthlyGrades' });
