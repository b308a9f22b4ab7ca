import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalString } from '../provenance/canonical';
import { isCents, ExactDecimal } from '../shared/money';

/**
 * A programme version of the pilot special fund (试点专项资金), as data: DOMAIN §6 is inference, not
 * the Baigou measure, so every item, condition, cap, budget and the USD→CNY rule is configurable and
 * versioned. A version is stored as its RFC 8785 canonical JSON and the SHA-256 of those bytes; a claim
 * names the version and hash it was priced with, so it can be replayed exactly.
 */

// At most 12 integer digits (under a trillion CNY): sums of such amounts stay inside the numeric(18, 2)
// columns the fund writes them to.
const Cny = z
  .string()
  .refine(isCents, 'a CNY amount in fen: digits, at most 2 decimals')
  .refine((value) => value.split('.')[0]!.length <= 12, 'at most 999,999,999,999.99 CNY');
const DECIMAL = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,6})?$/;
const Decimal = z.string().regex(DECIMAL, 'a plain decimal, at most 6 decimals');
// zod runs refinements after a failed check too: only a well-formed decimal is compared.
const Share = Decimal.refine(
  (value) => !DECIMAL.test(value) || new ExactDecimal(value).lte(1),
  'a share between 0 and 1',
);
const Code = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and dashes');
const Names = { nameZh: z.string().min(1).max(100), nameEn: z.string().min(1).max(200) };

/** Progressive tiers: the USD between one tier's `fromUsd` and the next is rewarded at its own rate. */
const ExportTier = z.strictObject({ fromUsd: Decimal, cnyPerUsd: Decimal });

export const ProgrammeItem = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('export_usd_tiered'),
    code: Code,
    ...Names,
    tiers: z
      .array(ExportTier)
      .min(1)
      .max(10)
      .refine((tiers) => tiers[0]?.fromUsd === '0', 'the first tier starts at 0')
      .refine(
        (tiers) => tiers.every((tier, i) => i === 0 || new ExactDecimal(tier.fromUsd).gt(tiers[i - 1]!.fromUsd)),
        'tiers ascend by fromUsd',
      ),
    budgetCny: Cny.optional(),
  }),
  z.strictObject({
    type: z.literal('new_operator_one_off'),
    code: Code,
    ...Names,
    thresholdUsd: Decimal,
    rewardCny: Cny,
    budgetCny: Cny.optional(),
  }),
  z.strictObject({
    type: z.literal('per_container'),
    code: Code,
    ...Names,
    cnyPerContainer: Cny,
    budgetCny: Cny.optional(),
  }),
  z.strictObject({
    type: z.literal('per_rail_container'),
    code: Code,
    ...Names,
    cnyPerContainer: Cny,
    budgetCny: Cny.optional(),
  }),
  z.strictObject({
    type: z.literal('insurance_premium_share'),
    code: Code,
    ...Names,
    /** The fund pays the policy's share of the premium, at most this share. */
    maxShare: Share,
    budgetCny: Cny.optional(),
  }),
]);
export type ProgrammeItem = z.infer<typeof ProgrammeItem>;
export type ItemType = ProgrammeItem['type'];

export const ProgrammeConditions = z.strictObject({
  /** Which customs date puts a declaration in the period: release (放行) or export (结关/出口). */
  countedOn: z.enum(['released', 'exported']),
  /** FX collected on the counted declarations, as a share of their USD value; omit for no condition. */
  fxCollectedMinShare: Share.optional(),
  /** Grades in force (credit context) that bar a claim. */
  excludedCreditGrades: z.array(z.string().min(1).max(4)).max(10),
  /** No transaction of the firm in open hard-band price review (价格复核). */
  noOpenHardBandReview: z.boolean(),
  /** Days from the operator's approval to the period's last day. */
  minRegisteredDays: z.number().int().min(0).max(3650),
});
export type ProgrammeConditions = z.infer<typeof ProgrammeConditions>;

export const ProgrammeDocument = z
  .strictObject({
    ...Names,
    currency: z.literal('CNY'),
    /**
     * How a declaration's USD value is taken: as declared (the declaration's own monthly rate), or
     * converted again at the customs monthly rate of its release month (exchange-rates context).
     */
    usdValueRule: z.enum(['declared', 'release_month_customs_rate']),
    annualBudgetCny: Cny,
    capPerFirmPerYearCny: Cny,
    noticeWorkingDays: z.number().int().min(1).max(30),
    items: z.array(ProgrammeItem).min(1).max(20),
    conditions: ProgrammeConditions,
  })
  .refine((doc) => new Set(doc.items.map((item) => item.code)).size === doc.items.length, {
    message: 'item codes are unique',
    path: ['items'],
  })
  // A source funds at most one line of an item type, so one item of each type per programme.
  .refine((doc) => new Set(doc.items.map((item) => item.type)).size === doc.items.length, {
    message: 'one item of each type',
    path: ['items'],
  });
export type ProgrammeDocument = z.infer<typeof ProgrammeDocument>;

/** The canonical bytes (as text) and their SHA-256, hex. */
export function programmeContent(document: ProgrammeDocument): { canonical: string; contentHash: string } {
  const canonical = canonicalString(document);
  return { canonical, contentHash: createHash('sha256').update(canonical, 'utf8').digest('hex') };
}

/** Top-level and per-item differences between two documents, for staff reviewing a proposal. */
export function diffProgrammes(base: ProgrammeDocument, next: ProgrammeDocument) {
  const changed: { path: string; from: unknown; to: unknown }[] = [];
  const keys = new Set([...Object.keys(base), ...Object.keys(next)]) as Set<keyof ProgrammeDocument>;
  for (const key of keys) {
    if (key === 'items') continue;
    if (canonicalString(base[key] ?? null) !== canonicalString(next[key] ?? null))
      changed.push({ path: `/${key}`, from: base[key] ?? null, to: next[key] ?? null });
  }
  const baseItems = new Map(base.items.map((item) => [item.code, item]));
  const nextItems = new Map(next.items.map((item) => [item.code, item]));
  for (const code of new Set([...baseItems.keys(), ...nextItems.keys()])) {
    const from = baseItems.get(code) ?? null;
    const to = nextItems.get(code) ?? null;
    if (canonicalString(from) !== canonicalString(to)) changed.push({ path: `/items/${code}`, from, to });
  }
  return changed;
}

export const SEED_PROGRAMME_LABEL = 'proposal-1 (inferred, to be replaced by the Baigou measure)';
export const SEED_PROGRAMME_NOTE =
  'A proposal, not a measure: items, amounts and conditions are inferred from typical pilot funds (DOMAIN §6). ' +
  '提案：根据一般试点专项资金推断，须以白沟《专项资金管理使用办法》替换。';

/** The seeded proposal: the shapes DOMAIN §6 describes, with round illustrative amounts. */
export const seedProgramme: ProgrammeDocument = {
  nameZh: '白沟市场采购贸易试点专项资金（提案）',
  nameEn: 'Baigou market-procurement pilot special fund (proposal)',
  currency: 'CNY',
  usdValueRule: 'release_month_customs_rate',
  annualBudgetCny: '10000000.00',
  capPerFirmPerYearCny: '500000.00',
  noticeWorkingDays: 5,
  items: [
    {
      type: 'export_usd_tiered',
      code: 'export-reward',
      nameZh: '1039出口奖励',
      nameEn: 'Reward per USD of 1039 exports',
      tiers: [
        { fromUsd: '0', cnyPerUsd: '0.02' },
        { fromUsd: '1000000', cnyPerUsd: '0.03' },
        { fromUsd: '5000000', cnyPerUsd: '0.04' },
      ],
    },
    {
      type: 'new_operator_one_off',
      code: 'new-operator',
      nameZh: '新增经营主体一次性奖励',
      nameEn: 'One-off new-operator reward',
      thresholdUsd: '100000',
      rewardCny: '20000.00',
    },
    {
      type: 'per_container',
      code: 'container',
      nameZh: '集装箱物流补贴',
      nameEn: 'Per container shipped',
      cnyPerContainer: '300.00',
    },
    {
      type: 'per_rail_container',
      code: 'rail',
      nameZh: '中欧班列补贴',
      nameEn: 'Per China–Europe rail container',
      cnyPerContainer: '1000.00',
    },
    {
      type: 'insurance_premium_share',
      code: 'credit-insurance',
      nameZh: '出口信用保险保费补贴',
      nameEn: 'Share of the export credit insurance premium',
      maxShare: '0.8',
      budgetCny: '700000.00',
    },
  ],
  conditions: {
    countedOn: 'released',
    fxCollectedMinShare: '0.8',
    excludedCreditGrades: ['C', 'D'],
    noOpenHardBandReview: true,
    minRegisteredDays: 30,
  },
};
