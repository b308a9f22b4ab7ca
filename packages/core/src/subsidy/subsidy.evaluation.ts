import { chinaDate, chinaMonth } from '../shared/dates';
import { compareAmounts, ExactDecimal, mulDivBy, sumExact, toCents } from '../shared/money';
import type { ProgrammeDocument, ProgrammeItem } from './subsidy.programme';
import type { DeclarationFact, SubsidyGrade, OperatorFact } from './subsidy.ports';

/**
 * Eligibility and pricing of one firm for one period, from facts only (DOMAIN §10 rule 18). Pure:
 * the period run gathers the facts, this decides, and every decision says why in Chinese and English.
 *
 * Rounding: a declaration's USD value converted at another month's rate is rounded to the cent
 * half-up (as customs write USD values); each claim line is computed exactly and rounded to the fen
 * half-up once, so the claim is the sum of its lines.
 */

export type SourceKind = 'declaration' | 'container' | 'operator' | 'insurance_cover';

export interface InsuranceCoverFact {
  coverId: string;
  policyNo: string;
  premiumCny: string;
  fundShare: string;
}

export interface FirmFacts {
  operatorOrgId: string;
  operator: OperatorFact | null;
  declarations: readonly DeclarationFact[];
  openReviews: number;
  grade: SubsidyGrade | null;
  covers: readonly InsuranceCoverFact[];
}

export interface ConditionReason {
  code: string;
  value: string | number | null;
  required: string | null;
  zh: string;
  en: string;
}

export interface DraftSource {
  kind: SourceKind;
  id: string;
  figure: string;
}

export interface DraftLine {
  itemCode: string;
  itemType: ProgrammeItem['type'];
  amountCny: string;
  basis: Record<string, string | number | boolean | null | readonly unknown[]>;
  sources: readonly DraftSource[];
}

export interface FirmEvaluation {
  operatorOrgId: string;
  operatorId: string | null;
  outcome: 'claimed' | 'not_claimed';
  /** Failed conditions (not claimed), or what a passed condition rests on (e.g. not graded). */
  reasons: ConditionReason[];
  notes: ConditionReason[];
  figures: Record<string, string | number | null>;
  lines: DraftLine[];
}

export interface EvaluationContext {
  programme: ProgrammeDocument;
  period: { from: string; to: string };
  /** CNY per unit of `currency` in `month`, null when the rate is not set. */
  rate: (month: string, currency: string) => string | null;
  /** Whether a source already funds a line of this item type (another claim, any period). */
  funded: (itemType: string, kind: SourceKind, id: string) => boolean;
}

const percent = (share: ExactDecimal) => `${share.times(100).toFixed(2)}%`;

/** Days from the China date of `approvedAt` to `to` (a China date), whole days. */
export function registeredDays(approvedAt: Date, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${chinaDate(approvedAt)}T00:00:00Z`)) / 86_400_000);
}

/** A declaration's USD value under the programme's rule; null when the rule needs a rate not set. */
export function usdValueOf(declaration: DeclarationFact, context: EvaluationContext): string | null {
  if (context.programme.usdValueRule === 'declared') return declaration.totalValueUsd;
  const convert = usdConversion(context.rate, chinaMonth(declaration.releasedAt), declaration.currency);
  return convert ? convert(declaration.totalValue) : null;
}

const conversions = new WeakMap<EvaluationContext['rate'], Map<string, ((value: string) => string) | null>>();

/** Value × CNY per unit ÷ CNY per USD at a month's rates, to the cent; one per rate port, month and currency. */
function usdConversion(rate: EvaluationContext['rate'], month: string, currency: string) {
  let known = conversions.get(rate);
  if (!known) conversions.set(rate, (known = new Map()));
  const key = `${month}|${currency}`;
  let convert = known.get(key);
  if (convert === undefined) {
    const perUnit = rate(month, currency);
    const perUsd = rate(month, 'USD');
    convert = perUnit && perUsd ? mulDivBy(perUnit, perUsd, 2) : null;
    known.set(key, convert);
  }
  return convert;
}

/** Progressive tiers: each tier's rate applies to the USD between its start and the next tier's. */
export function tieredRewardCny(usd: string, tiers: readonly { fromUsd: string; cnyPerUsd: string }[]): string {
  let total = new ExactDecimal(0);
  const value = new ExactDecimal(usd);
  tiers.forEach((tier, i) => {
    const next = tiers[i + 1];
    const top = next ? ExactDecimal.min(value, next.fromUsd) : value;
    const portion = top.minus(tier.fromUsd);
    if (portion.gt(0)) total = total.plus(portion.times(tier.cnyPerUsd));
  });
  return toCents(total);
}

interface Counted {
  declaration: DeclarationFact;
  usd: string;
}

function countedDeclarations(facts: FirmFacts, context: EvaluationContext) {
  const live = facts.declarations.filter((declaration) => !declaration.cancelled);
  const missingRate: string[] = [];
  const counted: Counted[] = [];
  for (const declaration of live) {
    const usd = usdValueOf(declaration, context);
    if (usd === null) missingRate.push(chinaMonth(declaration.releasedAt));
    else counted.push({ declaration, usd });
  }
  return { counted, cancelled: facts.declarations.length - live.length, missingRate: [...new Set(missingRate)] };
}

function fxShareOf(counted: readonly Counted[]) {
  const usd = sumExact(counted.map(({ usd: value }) => value));
  // Collected in full (most declarations): the USD value itself, exactly what the division gives.
  const full: string[] = [];
  let partial = new ExactDecimal(0);
  for (const { declaration, usd: value } of counted) {
    const { totalValue, fxCollected } = declaration;
    if (compareAmounts(fxCollected, totalValue) >= 0) full.push(value);
    else if (compareAmounts(totalValue, '0') > 0)
      partial = partial.plus(new ExactDecimal(value).times(fxCollected).div(totalValue));
  }
  const collectedUsd = partial.plus(sumExact(full));
  const total = new ExactDecimal(usd);
  return { usd: total, collectedUsd, share: total.gt(0) ? collectedUsd.div(total) : new ExactDecimal(0) };
}

interface ConditionInputs {
  facts: FirmFacts;
  counted: ReturnType<typeof countedDeclarations>;
  fx: ReturnType<typeof fxShareOf>;
}

/** Every failed condition, with its value; and the notes a passed condition rests on. */
function checkConditions({ facts, counted, fx }: ConditionInputs, context: EvaluationContext) {
  const { conditions } = context.programme;
  const failed: ConditionReason[] = [];
  const notes: ConditionReason[] = [];
  const operator = facts.operator;
  if (!operator || operator.status !== 'approved') {
    failed.push({
      code: 'operator_not_approved',
      value: operator?.status ?? 'not registered',
      required: 'approved',
      zh: `经营主体备案状态为「${operator?.status ?? '未备案'}」，须为已审核`,
      en: `the operator registration is ${operator?.status ?? 'missing'}, not approved`,
    });
  }
  if (counted.missingRate.length > 0) {
    failed.push({
      code: 'exchange_rate_missing',
      value: counted.missingRate.join(','),
      required: 'customs monthly USD rate set',
      zh: `${counted.missingRate.join('、')} 海关月度汇率未设置，无法折算美元`,
      en: `the customs monthly rate of ${counted.missingRate.join(', ')} is not set, so USD values cannot be taken`,
    });
  } else if (counted.counted.length === 0) {
    const verb = conditions.countedOn === 'released' ? 'released' : 'exported';
    failed.push({
      code: 'no_counted_declaration',
      value: counted.cancelled,
      required: `≥ 1 declaration ${verb} in the period and not cancelled`,
      zh: `期内无有效${verb === 'released' ? '放行' : '出口'}报关单（${counted.cancelled} 票已撤销）`,
      en: `no declaration ${verb} in the period still stands (${counted.cancelled} cancelled by customs)`,
    });
  }
  if (operator?.approvedAt) {
    const days = registeredDays(operator.approvedAt, context.period.to);
    if (days < conditions.minRegisteredDays) {
      failed.push({
        code: 'registered_days',
        value: days,
        required: `≥ ${conditions.minRegisteredDays}`,
        zh: `备案审核通过至期末 ${days} 天，不足 ${conditions.minRegisteredDays} 天`,
        en: `registered ${days} days before the period's end, fewer than ${conditions.minRegisteredDays}`,
      });
    }
  }
  const minShare = conditions.fxCollectedMinShare;
  if (minShare !== undefined && counted.counted.length > 0 && fx.collectedUsd.lt(fx.usd.times(minShare))) {
    failed.push({
      code: 'fx_collected_share',
      value: fx.share.toFixed(4),
      required: `≥ ${minShare}`,
      zh: `收汇比例 ${percent(fx.share)}，低于 ${percent(new ExactDecimal(minShare))}`,
      en: `FX collected is ${percent(fx.share)} of the export value, below ${percent(new ExactDecimal(minShare))}`,
    });
  }
  gradeCondition(facts.grade, conditions.excludedCreditGrades, failed, notes);
  if (conditions.noOpenHardBandReview && facts.openReviews > 0) {
    failed.push({
      code: 'open_hard_band_review',
      value: facts.openReviews,
      required: '0',
      zh: `有 ${facts.openReviews} 笔交易处于价格复核中`,
      en: `${facts.openReviews} transactions are in open hard-band price review`,
    });
  }
  return { failed, notes };
}

function gradeCondition(
  grade: SubsidyGrade | null,
  excluded: readonly string[],
  failed: ConditionReason[],
  notes: ConditionReason[],
) {
  if (grade === null) {
    notes.push({
      code: 'credit_not_graded',
      value: null,
      required: `not ${excluded.join('/')}`,
      zh: '信用评价未记录等级，按「未评级」通过',
      en: 'no credit grade is recorded; the condition passes as not graded',
    });
  } else if (excluded.includes(grade.grade)) {
    failed.push({
      code: 'credit_grade',
      value: grade.grade,
      required: `not ${excluded.join('/')}`,
      zh: `信用等级为 ${grade.grade}，不得申领`,
      en: `the credit grade in force is ${grade.grade}, which bars a claim`,
    });
  }
}

function containerLine(
  item: Extract<ProgrammeItem, { type: 'per_container' | 'per_rail_container' }>,
  counted: readonly Counted[],
  context: EvaluationContext,
): DraftLine | null {
  const sources = counted
    .filter(({ declaration }) => item.type === 'per_container' || declaration.chinaEuropeRail)
    .flatMap(({ declaration }) => declaration.containers)
    .filter((container) => !context.funded(item.type, 'container', container.sourceId))
    .map((container) => ({ kind: 'container' as const, id: container.sourceId, figure: container.number }));
  if (sources.length === 0) return null;
  return {
    itemCode: item.code,
    itemType: item.type,
    amountCny: toCents(new ExactDecimal(item.cnyPerContainer).times(sources.length)),
    basis: { rule: item.type, containers: sources.length, cnyPerContainer: item.cnyPerContainer },
    sources,
  };
}

function exportLine(
  item: Extract<ProgrammeItem, { type: 'export_usd_tiered' }>,
  counted: readonly Counted[],
  context: EvaluationContext,
): DraftLine | null {
  const unfunded = counted.filter(
    ({ declaration }) => !context.funded(item.type, 'declaration', declaration.declarationId),
  );
  if (unfunded.length === 0) return null;
  const usd = new ExactDecimal(sumExact(unfunded.map(({ usd: value }) => value))).toFixed(2);
  return {
    itemCode: item.code,
    itemType: item.type,
    amountCny: tieredRewardCny(usd, item.tiers),
    basis: { rule: item.type, usdValue: usd, usdValueRule: context.programme.usdValueRule, tiers: item.tiers },
    sources: unfunded.map(({ declaration, usd: value }) => ({
      kind: 'declaration' as const,
      id: declaration.declarationId,
      figure: value,
    })),
  };
}

function newOperatorLine(
  item: Extract<ProgrammeItem, { type: 'new_operator_one_off' }>,
  facts: FirmFacts,
  usd: ExactDecimal,
  context: EvaluationContext,
): DraftLine | null {
  const operatorId = facts.operator?.operatorId;
  if (!operatorId || usd.lt(item.thresholdUsd) || context.funded(item.type, 'operator', operatorId)) return null;
  return {
    itemCode: item.code,
    itemType: item.type,
    amountCny: toCents(item.rewardCny),
    basis: { rule: item.type, usdValue: usd.toFixed(2), thresholdUsd: item.thresholdUsd },
    sources: [{ kind: 'operator', id: operatorId, figure: usd.toFixed(2) }],
  };
}

function insuranceLine(
  item: Extract<ProgrammeItem, { type: 'insurance_premium_share' }>,
  covers: readonly InsuranceCoverFact[],
  context: EvaluationContext,
): DraftLine | null {
  const unfunded = covers.filter((cover) => !context.funded(item.type, 'insurance_cover', cover.coverId));
  if (unfunded.length === 0) return null;
  const total = unfunded.reduce(
    (sum, cover) =>
      sum.plus(new ExactDecimal(cover.premiumCny).times(ExactDecimal.min(cover.fundShare, item.maxShare))),
    new ExactDecimal(0),
  );
  return {
    itemCode: item.code,
    itemType: item.type,
    amountCny: toCents(total),
    basis: {
      rule: item.type,
      maxShare: item.maxShare,
      policies: unfunded.map((cover) => ({
        policyNo: cover.policyNo,
        premiumCny: cover.premiumCny,
        fundShare: cover.fundShare,
      })),
    },
    sources: unfunded.map((cover) => ({
      kind: 'insurance_cover' as const,
      id: cover.coverId,
      figure: cover.premiumCny,
    })),
  };
}

function priceLines(facts: FirmFacts, counted: readonly Counted[], usd: ExactDecimal, context: EvaluationContext) {
  const lines: DraftLine[] = [];
  for (const item of context.programme.items) {
    const line =
      item.type === 'export_usd_tiered'
        ? exportLine(item, counted, context)
        : item.type === 'new_operator_one_off'
          ? newOperatorLine(item, facts, usd, context)
          : item.type === 'insurance_premium_share'
            ? insuranceLine(item, facts.covers, context)
            : containerLine(item, counted, context);
    if (line && new ExactDecimal(line.amountCny).gt(0)) lines.push(line);
  }
  return lines;
}

/** Decides one firm: the failed conditions, or the priced lines with the sources behind each. */
export function evaluateFirm(facts: FirmFacts, context: EvaluationContext): FirmEvaluation {
  const counted = countedDeclarations(facts, context);
  const fx = fxShareOf(counted.counted);
  const { failed, notes } = checkConditions({ facts, counted, fx }, context);
  const figures = {
    declarations: counted.counted.length,
    cancelledDeclarations: counted.cancelled,
    usdValue: fx.usd.toFixed(2),
    fxCollectedUsd: fx.collectedUsd.toFixed(2),
    fxCollectedShare: fx.share.toFixed(4),
    containers: counted.counted.reduce((n, { declaration }) => n + declaration.containers.length, 0),
    creditGrade: facts.grade?.grade ?? null,
    openHardBandReviews: facts.openReviews,
    registeredDays: facts.operator?.approvedAt ? registeredDays(facts.operator.approvedAt, context.period.to) : null,
  };
  const base = { operatorOrgId: facts.operatorOrgId, operatorId: facts.operator?.operatorId ?? null, notes, figures };
  if (failed.length > 0) return { ...base, outcome: 'not_claimed', reasons: failed, lines: [] };
  const lines = priceLines(facts, counted.counted, fx.usd, context);
  if (lines.length === 0) {
    const reason: ConditionReason = {
      code: 'nothing_to_claim',
      value: 0,
      required: '> 0',
      zh: '条件均满足，但所有出口、集装箱与保费已在其他申领中使用',
      en: 'every condition holds, but each export, container and premium already funds another claim',
    };
    return { ...base, outcome: 'not_claimed', reasons: [reason], lines: [] };
  }
  return { ...base, outcome: 'claimed', reasons: [], lines };
}
