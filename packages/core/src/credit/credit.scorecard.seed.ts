import type { Characteristic, Consequences, Grade, ScorecardDocument } from './credit.models';

/**
 * The initial scorecard, seeded as a PROPOSAL for the service center to approve, change or reject:
 * DOMAIN §5 found no market-procurement credit scheme, so the groups follow its proposed table
 * (compliance, trade authenticity, violations, contribution) and every weight and bin below is a
 * placeholder. It is never seeded active: until staff approve a scorecard, no grade is in force.
 */

export const SEED_SCORECARD_LABEL = 'proposal-1';

/** Customs enterprise credit (海关总署令第282号), as ordinal levels: higher is better. */
export const customsTierLevels = [
  { value: 0, code: 'seriously_dishonest', zh: '严重失信企业', en: 'seriously dishonest enterprise' },
  { value: 1, code: 'dishonest', zh: '失信企业', en: 'dishonest enterprise' },
  { value: 2, code: 'regular', zh: '常规管理企业', en: 'regular enterprise' },
  { value: 3, code: 'certified', zh: '认证企业', en: 'certified enterprise' },
  { value: 4, code: 'advanced_certified', zh: '高级认证企业', en: 'advanced certified enterprise (AEO)' },
] as const;
export const taxGradeLevels = [
  { value: 1, code: 'D', zh: '纳税信用 D 级', en: 'tax credit grade D' },
  { value: 2, code: 'C', zh: '纳税信用 C 级', en: 'tax credit grade C' },
  { value: 3, code: 'M', zh: '纳税信用 M 级', en: 'tax credit grade M' },
  { value: 4, code: 'B', zh: '纳税信用 B 级', en: 'tax credit grade B' },
  { value: 5, code: 'A', zh: '纳税信用 A 级', en: 'tax credit grade A' },
] as const;
export const safeCategoryLevels = [
  { value: 1, code: 'C', zh: '货物贸易外汇管理 C 类', en: 'SAFE category C' },
  { value: 2, code: 'B', zh: '货物贸易外汇管理 B 类', en: 'SAFE category B' },
  { value: 3, code: 'A', zh: '货物贸易外汇管理 A 类', en: 'SAFE category A' },
] as const;

type Spec = Omit<Characteristic, 'bins' | 'levels'> & { bins: [string | null, number][]; levels?: readonly Level[] };
type Level = { value: number; zh: string; en: string };

// No `levels: undefined` key: canonical JSON (the document's identity) has no undefined.
const c = ({ levels, bins, ...spec }: Spec): Characteristic => ({
  ...spec,
  ...(levels ? { levels: levels.map(({ value, zh, en }) => ({ value, zh, en })) } : {}),
  bins: bins.map(([min, points]) => ({ min, points })),
});

const characteristics: Characteristic[] = [
  c({
    key: 'price_outside_soft_share',
    nameZh: '价格偏离软阈值的商品行占比(低报/高报)',
    nameEn: 'Share of goods lines priced outside the soft band',
    group: 'trade_authenticity',
    direction: 'lower_is_better',
    unit: 'share',
    bins: [
      [null, 8],
      ['0.05', 6],
      ['0.10', 4],
      ['0.20', 2],
      ['0.35', 0],
    ],
    missingPoints: 7,
  }),
  c({
    key: 'price_outside_hard_share',
    nameZh: '价格偏离硬阈值的商品行占比',
    nameEn: 'Share of goods lines priced outside the hard band',
    group: 'trade_authenticity',
    direction: 'lower_is_better',
    unit: 'share',
    bins: [
      [null, 8],
      ['0.01', 5],
      ['0.03', 3],
      ['0.08', 1],
      ['0.15', 0],
    ],
    missingPoints: 7,
  }),
  c({
    key: 'review_rejected_share',
    nameZh: '人工复核后被驳回的交易占比',
    nameEn: 'Share of reviewed transactions rejected by staff',
    group: 'trade_authenticity',
    direction: 'lower_is_better',
    unit: 'share',
    bins: [
      [null, 4],
      ['0.05', 3],
      ['0.20', 1],
      ['0.50', 0],
    ],
    missingPoints: 4,
  }),
  c({
    key: 'document_completeness',
    nameZh: '附原始单据(销货单/收据)的交易占比',
    nameEn: 'Share of transactions with an original sales slip or receipt',
    group: 'trade_authenticity',
    direction: 'higher_is_better',
    unit: 'share',
    bins: [
      [null, 0],
      ['0.80', 2],
      ['0.95', 4],
      ['0.99', 6],
    ],
    missingPoints: 5,
  }),
  c({
    key: 'declaration_refused_share',
    nameZh: '报关单被退单或撤回的占比',
    nameEn: 'Share of declarations rejected or withdrawn',
    group: 'violations',
    direction: 'lower_is_better',
    unit: 'share',
    bins: [
      [null, 4],
      ['0.05', 3],
      ['0.15', 1],
      ['0.30', 0],
    ],
    missingPoints: 3,
  }),
  c({
    key: 'declarations_cancelled_after_release',
    nameZh: '放行后被海关撤销的报关单数',
    nameEn: 'Declarations cancelled by customs after release',
    group: 'violations',
    direction: 'lower_is_better',
    unit: 'count',
    bins: [
      [null, 5],
      ['1', 2],
      ['2', 1],
      ['3', 0],
    ],
    missingPoints: 5,
  }),
  c({
    key: 'fx_collected_ratio',
    nameZh: '已出口货值的收汇比例',
    nameEn: 'FX collected against exported value',
    group: 'trade_authenticity',
    direction: 'higher_is_better',
    unit: 'share',
    bins: [
      [null, 0],
      ['0.50', 2],
      ['0.80', 5],
      ['0.95', 8],
    ],
    missingPoints: 6,
  }),
  c({
    key: 'fx_collection_days',
    nameZh: '出口至收汇平均天数',
    nameEn: 'Average days from export to FX collection',
    group: 'trade_authenticity',
    direction: 'lower_is_better',
    unit: 'days',
    bins: [
      [null, 4],
      ['61', 3],
      ['121', 1],
      ['181', 0],
    ],
    missingPoints: 3,
  }),
  c({
    key: 'tenure_months',
    nameZh: '备案经营月数',
    nameEn: 'Months since the operator was approved',
    group: 'contribution',
    direction: 'higher_is_better',
    unit: 'months',
    bins: [
      [null, 0],
      ['6', 1],
      ['12', 2],
      ['24', 3],
    ],
    missingPoints: 0,
  }),
  c({
    key: 'export_value_usd',
    nameZh: '评价期内出口货值(美元)',
    nameEn: 'Exported value in the window (USD)',
    group: 'contribution',
    direction: 'higher_is_better',
    unit: 'usd',
    bins: [
      [null, 0],
      ['10000', 1],
      ['100000', 2],
      ['1000000', 3],
    ],
    missingPoints: 0,
  }),
  c({
    key: 'merchants_served',
    nameZh: '服务的市场经营户数',
    nameEn: 'Market merchants served',
    group: 'contribution',
    direction: 'higher_is_better',
    unit: 'count',
    bins: [
      [null, 0],
      ['1', 1],
      ['10', 2],
    ],
    missingPoints: 0,
  }),
  c({
    key: 'rail_consolidations',
    nameZh: '使用中欧班列的组货单数',
    nameEn: 'Consolidations shipped by China–Europe rail',
    group: 'contribution',
    direction: 'higher_is_better',
    unit: 'count',
    bins: [
      [null, 0],
      ['1', 1],
    ],
    missingPoints: 0,
  }),
  c({
    key: 'customs_tier',
    nameZh: '海关企业信用等级(海关总署令第282号)',
    nameEn: 'Customs enterprise credit tier (GACC Order 282)',
    group: 'compliance',
    direction: 'higher_is_better',
    unit: 'level',
    levels: customsTierLevels,
    bins: [
      [null, 0],
      ['2', 5],
      ['3', 7],
      ['4', 8],
    ],
    missingPoints: 5,
  }),
  c({
    key: 'customs_penalties',
    nameZh: '评价期内海关行政处罚次数',
    nameEn: 'Customs administrative penalties in the window',
    group: 'violations',
    direction: 'lower_is_better',
    unit: 'count',
    bins: [
      [null, 5],
      ['1', 2],
      ['2', 1],
      ['3', 0],
    ],
    missingPoints: 5,
  }),
  c({
    key: 'smuggling_cases',
    nameZh: '评价期内走私案件数',
    nameEn: 'Smuggling cases in the window',
    group: 'violations',
    direction: 'lower_is_better',
    unit: 'count',
    bins: [[null, 0]],
    missingPoints: 0,
  }),
  c({
    key: 'tax_grade',
    nameZh: '纳税信用等级',
    nameEn: 'Tax credit grade',
    group: 'compliance',
    direction: 'higher_is_better',
    unit: 'level',
    levels: taxGradeLevels,
    bins: [
      [null, 0],
      ['2', 1],
      ['3', 3],
      ['4', 5],
      ['5', 6],
    ],
    missingPoints: 3,
  }),
  c({
    key: 'safe_category',
    nameZh: '货物贸易外汇管理分类',
    nameEn: 'SAFE trade FX category',
    group: 'compliance',
    direction: 'higher_is_better',
    unit: 'level',
    levels: safeCategoryLevels,
    bins: [
      [null, 0],
      ['2', 3],
      ['3', 5],
    ],
    missingPoints: 3,
  }),
  c({
    key: 'dishonest_listings',
    nameZh: '在列的失信主体名单数',
    nameEn: 'Dishonest-entity listings in force',
    group: 'compliance',
    direction: 'lower_is_better',
    unit: 'count',
    bins: [[null, 0]],
    missingPoints: 0,
  }),
  c({
    key: 'subsidy_fraud_cases',
    nameZh: '骗取专项资金的认定数',
    nameEn: 'Subsidy fraud findings',
    group: 'violations',
    direction: 'lower_is_better',
    unit: 'count',
    bins: [[null, 0]],
    missingPoints: 0,
  }),
];

const consequences: Record<Grade, Consequences> = {
  A: { refuseSubmissions: false, enhancedReview: false, priority: true, subsidyEligible: true },
  B: { refuseSubmissions: false, enhancedReview: false, priority: false, subsidyEligible: true },
  C: { refuseSubmissions: false, enhancedReview: true, priority: false, subsidyEligible: false },
  D: { refuseSubmissions: true, enhancedReview: true, priority: false, subsidyEligible: false },
};

export const seedScorecard: ScorecardDocument = {
  schema: 'baigou.credit.scorecard/1',
  title: '市场采购贸易经营主体信用评价记分卡(建议稿) · Operator credit scorecard (proposal)',
  note:
    'PROPOSAL, not policy: weights, bins and thresholds are placeholders (DOMAIN §5) for the service center ' +
    'to approve or replace. Groups: compliance, trade authenticity, violations (deduction-based, vetoes), contribution.',
  windowMonths: 12,
  baseScore: 20,
  characteristics,
  vetoes: [
    {
      code: 'veto.smuggling',
      characteristic: 'smuggling_cases',
      op: 'at_least',
      value: '1',
      reasonZh: '评价期内有走私案件',
      reasonEn: 'A smuggling case was recorded in the window',
    },
    {
      code: 'veto.seriously_dishonest',
      characteristic: 'customs_tier',
      op: 'at_most',
      value: '0',
      reasonZh: '海关认定为严重失信企业',
      reasonEn: 'Customs rates the firm a seriously dishonest enterprise',
    },
    {
      code: 'veto.dishonest_listing',
      characteristic: 'dishonest_listings',
      op: 'at_least',
      value: '1',
      reasonZh: '列入失信主体名单',
      reasonEn: 'The firm is on a dishonest-entity list',
    },
    {
      code: 'veto.subsidy_fraud',
      characteristic: 'subsidy_fraud_cases',
      op: 'at_least',
      value: '1',
      reasonZh: '经认定骗取试点专项资金',
      reasonEn: 'Subsidy fraud (骗补) was found',
    },
  ],
  thresholds: { A: 90, B: 75, C: 60 },
  consequences,
};
