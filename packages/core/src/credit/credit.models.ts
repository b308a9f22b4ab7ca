import { ExactDecimal } from '../shared/money';
import { canonicalSha256, canonicalString } from '../provenance/canonical';

/**
 * 信用评价 as pure functions: a scorecard document (characteristics with bins of integer points,
 * veto rules, a base score, grade thresholds and the consequences of each grade) applied to the
 * values of one firm's characteristics. No I/O, no clock: the same document and the same values
 * give the same decision, byte for byte, which is what replay relies on.
 *
 *   score  = baseScore + Σ points(characteristic, value)          exactly, nothing hidden
 *   grade  = A | B | C by the thresholds, else D;  any veto → D
 *
 * Monotone by construction: every characteristic declares its direction and its bins must give
 * points that never fall as the value improves (validateScorecard refuses any other document).
 * Values travel as decimal strings (exact, like money) or null when the platform has no data.
 */

export const grades = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof grades)[number];
export const directions = ['higher_is_better', 'lower_is_better'] as const;
export type Direction = (typeof directions)[number];
export const valueUnits = ['share', 'count', 'days', 'months', 'usd', 'level'] as const;
export type ValueUnit = (typeof valueUnits)[number];

/** A bin covers [min, next bin's min); the first bin's min is null (−∞). */
export interface Bin {
  min: string | null;
  points: number;
}

export interface Level {
  value: number;
  zh: string;
  en: string;
}

export interface Characteristic {
  key: string;
  nameZh: string;
  nameEn: string;
  group: string;
  direction: Direction;
  unit: ValueUnit;
  /** Names of the ordinal values of a `level` characteristic (e.g. customs credit tiers). */
  levels?: Level[] | undefined;
  bins: Bin[];
  /** Points when the platform holds no data for the firm (no lines, no declarations, nothing recorded). */
  missingPoints: number;
}

export interface VetoRule {
  code: string;
  characteristic: string;
  /** `at_least` for lower-is-better characteristics, `at_most` for higher-is-better ones. */
  op: 'at_least' | 'at_most';
  value: string;
  reasonZh: string;
  reasonEn: string;
}

export interface Consequences {
  refuseSubmissions: boolean;
  enhancedReview: boolean;
  priority: boolean;
  subsidyEligible: boolean;
}

export interface ScorecardDocument {
  schema: 'baigou.credit.scorecard/1';
  title: string;
  note: string;
  windowMonths: number;
  baseScore: number;
  characteristics: Characteristic[];
  vetoes: VetoRule[];
  /** Lowest score of each grade; below `C` is D. */
  thresholds: { A: number; B: number; C: number };
  consequences: Record<Grade, Consequences>;
}

export type Values = Readonly<Record<string, string | null>>;

export interface CharacteristicResult {
  key: string;
  value: string | null;
  points: number;
  maxPoints: number;
}

export interface Reason {
  rank: number;
  kind: 'veto' | 'points';
  code: string;
  value: string | null;
  points: number | null;
  maxPoints: number | null;
  pointsLost: number | null;
  textZh: string;
  textEn: string;
}

export interface Outcome {
  score: number;
  grade: Grade;
  vetoes: string[];
  characteristics: CharacteristicResult[];
  reasons: Reason[];
}

export const MAX_REASONS = 4;

/** SHA-256 of the RFC 8785 canonical JSON: the identity of a scorecard or an input snapshot. */
export const contentHash = canonicalSha256;

const maxOf = (c: Characteristic) => Math.max(...c.bins.map((bin) => bin.points));
const minOf = (c: Characteristic) => Math.min(...c.bins.map((bin) => bin.points));
export const maxScore = (doc: ScorecardDocument) =>
  doc.baseScore + doc.characteristics.reduce((sum, c) => sum + maxOf(c), 0);

/** The index of the bin a value falls in: the last bin whose min is at or below it. */
export function binIndex(c: Characteristic, value: string): number {
  const v = new ExactDecimal(value);
  let index = 0;
  c.bins.forEach((bin, at) => {
    if (bin.min === null || v.gte(bin.min)) index = at;
  });
  return index;
}

export const pointsFor = (c: Characteristic, value: string | null) =>
  value === null ? c.missingPoints : c.bins[binIndex(c, value)]!.points;

export function vetoHits(rule: VetoRule, value: string | null): boolean {
  if (value === null) return false;
  return rule.op === 'at_least' ? new ExactDecimal(value).gte(rule.value) : new ExactDecimal(value).lte(rule.value);
}

export function gradeOf(doc: ScorecardDocument, score: number): Grade {
  if (score >= doc.thresholds.A) return 'A';
  if (score >= doc.thresholds.B) return 'B';
  if (score >= doc.thresholds.C) return 'C';
  return 'D';
}

/** The score the next better grade needs, or null at A. */
function nextGradeThreshold(doc: ScorecardDocument, grade: Grade): { grade: Grade; score: number } | null {
  if (grade === 'D') return { grade: 'C', score: doc.thresholds.C };
  if (grade === 'C') return { grade: 'B', score: doc.thresholds.B };
  if (grade === 'B') return { grade: 'A', score: doc.thresholds.A };
  return null;
}

/** Scores one firm. Pure and exact; reasons are ranked by points lost, then by scorecard order. */
export function evaluate(doc: ScorecardDocument, values: Values): Outcome {
  const characteristics = doc.characteristics.map((c) => {
    const value = values[c.key] ?? null;
    return { key: c.key, value, points: pointsFor(c, value), maxPoints: maxOf(c) };
  });
  const score = doc.baseScore + characteristics.reduce((sum, c) => sum + c.points, 0);
  const vetoes = doc.vetoes.filter((rule) => vetoHits(rule, values[rule.characteristic] ?? null));
  const grade = vetoes.length ? 'D' : gradeOf(doc, score);
  return {
    score,
    grade,
    vetoes: vetoes.map((rule) => rule.code),
    characteristics,
    reasons: buildReasons(doc, { score, grade, characteristics, vetoes, values }),
  };
}

function buildReasons(
  doc: ScorecardDocument,
  args: {
    score: number;
    grade: Grade;
    characteristics: CharacteristicResult[];
    vetoes: VetoRule[];
    values: Values;
  },
): Reason[] {
  const byKey = new Map(doc.characteristics.map((c) => [c.key, c]));
  const vetoReasons = args.vetoes.map((rule) => vetoReason(byKey.get(rule.characteristic)!, rule, args.values));
  const target = nextGradeThreshold(doc, gradeOf(doc, args.score));
  const pointReasons = args.characteristics
    .map((result, order) => ({ result, order, lost: result.maxPoints - result.points }))
    .filter((entry) => entry.lost > 0)
    .sort((a, b) => b.lost - a.lost || a.order - b.order)
    .map((entry) => pointsReason(byKey.get(entry.result.key)!, entry.result, args.score, target));
  return [...vetoReasons, ...pointReasons]
    .slice(0, MAX_REASONS)
    .map((reason, index) => ({ ...reason, rank: index + 1 }));
}

// --- wording -----------------------------------------------------------------------------------

export function formatValue(c: Characteristic, value: string | null, lang: 'zh' | 'en'): string {
  if (value === null) return lang === 'zh' ? '无记录' : 'no record';
  const v = new ExactDecimal(value);
  switch (c.unit) {
    case 'share':
      return `${v.mul(100).toDecimalPlaces(1).toFixed(1)}%`;
    case 'usd':
      return `USD ${v.toFixed(2)}`;
    case 'days':
      return lang === 'zh' ? `${v.toDecimalPlaces(1).toString()} 天` : `${v.toDecimalPlaces(1).toString()} days`;
    case 'months':
      return lang === 'zh' ? `${v.toString()} 个月` : `${v.toString()} months`;
    case 'level': {
      const level = c.levels?.find((entry) => new ExactDecimal(entry.value).eq(v));
      return level ? (lang === 'zh' ? level.zh : level.en) : v.toString();
    }
    case 'count':
      return v.toString();
  }
}

/** The nearest bin that earns more points than `points`, in the direction of improvement. */
function betterBin(c: Characteristic, value: string | null, points: number) {
  const at = value === null ? null : binIndex(c, value);
  const candidates = c.bins
    .map((bin, index) => ({ bin, index }))
    .filter(({ bin }) => bin.points > points)
    .filter(({ index }) => at === null || (c.direction === 'higher_is_better' ? index > at : index < at));
  const nearest = c.direction === 'higher_is_better' ? candidates[0] : candidates.at(-1);
  return nearest ?? null;
}

function improvementText(c: Characteristic, value: string | null, points: number) {
  const better = betterBin(c, value, points);
  if (!better) return null;
  const gain = better.bin.points - points;
  if (c.direction === 'higher_is_better') {
    const bound = formatValue(c, better.bin.min, 'en');
    const boundZh = formatValue(c, better.bin.min, 'zh');
    return {
      gain,
      en: `reaching ${bound} or more earns ${gain} more points`,
      zh: `达到 ${boundZh} 及以上可多得 ${gain} 分`,
    };
  }
  const upper = c.bins[better.index + 1]?.min ?? null;
  const bound = formatValue(c, upper, 'en');
  const boundZh = formatValue(c, upper, 'zh');
  return {
    gain,
    en: `bringing it below ${bound} earns ${gain} more points`,
    zh: `降至 ${boundZh} 以下可多得 ${gain} 分`,
  };
}

function pointsReason(
  c: Characteristic,
  result: CharacteristicResult,
  score: number,
  target: { grade: Grade; score: number } | null,
): Omit<Reason, 'rank'> {
  const lost = result.maxPoints - result.points;
  const shown = { en: formatValue(c, result.value, 'en'), zh: formatValue(c, result.value, 'zh') };
  const move = improvementText(c, result.value, result.points);
  const need = target ? target.score - score : 0;
  const gradeEn = target && need > 0 ? `; grade ${target.grade} needs ${need} more points in all` : '';
  const gradeZh = target && need > 0 ? `;升至 ${target.grade} 级共需再得 ${need} 分` : '';
  const moveEn = move ? `; ${move.en}` : '';
  const moveZh = move ? `;${move.zh}` : '';
  return {
    kind: 'points',
    code: c.key,
    value: result.value,
    points: result.points,
    maxPoints: result.maxPoints,
    pointsLost: lost,
    textEn: `${c.nameEn} is ${shown.en}: ${result.points} of ${result.maxPoints} points (${lost} lost)${moveEn}${gradeEn}`,
    textZh: `${c.nameZh}为 ${shown.zh}:得 ${result.points} 分(满分 ${result.maxPoints},失 ${lost} 分)${moveZh}${gradeZh}`,
  };
}

function vetoReason(c: Characteristic, rule: VetoRule, values: Values): Omit<Reason, 'rank'> {
  const value = values[rule.characteristic] ?? null;
  return {
    kind: 'veto',
    code: rule.code,
    value,
    points: null,
    maxPoints: null,
    pointsLost: null,
    textEn:
      `${rule.reasonEn} (${c.nameEn}: ${formatValue(c, value, 'en')}); grade D whatever the score, ` +
      'until the fact is retracted on appeal (credit repair) or leaves the window',
    textZh:
      `${rule.reasonZh}(${c.nameZh}:${formatValue(c, value, 'zh')});一票否决,无论得分均为 D 级,` +
      '直至经申诉(信用修复)撤销该记录或其移出评价期',
  };
}

// --- validation --------------------------------------------------------------------------------

export interface DocumentIssue {
  /** JSON pointer into the document, e.g. `/characteristics/2/bins/1/points`. */
  path: string;
  message: string;
}

function characteristicIssues(c: Characteristic, at: string): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  if (c.bins.length === 0) return [{ path: `${at}/bins`, message: 'needs at least one bin' }];
  if (c.bins[0]!.min !== null) issues.push({ path: `${at}/bins/0/min`, message: 'the first bin starts at null (−∞)' });
  c.bins.forEach((bin, index) => {
    if (index === 0) return;
    const previous = c.bins[index - 1]!;
    if (bin.min === null) {
      issues.push({ path: `${at}/bins/${index}/min`, message: 'only the first bin may start at null' });
      return;
    }
    if (previous.min !== null && !new ExactDecimal(bin.min).gt(previous.min))
      issues.push({ path: `${at}/bins/${index}/min`, message: 'bins must be in strictly increasing order of min' });
    const rising = bin.points >= previous.points;
    const falling = bin.points <= previous.points;
    if (c.direction === 'higher_is_better' ? !rising : !falling)
      issues.push({
        path: `${at}/bins/${index}/points`,
        message: `${c.direction}: points must ${c.direction === 'higher_is_better' ? 'not fall' : 'not rise'} as the value rises (not monotone)`,
      });
  });
  if (c.missingPoints < minOf(c) || c.missingPoints > maxOf(c))
    issues.push({ path: `${at}/missingPoints`, message: 'must lie between the lowest and highest bin points' });
  if (c.unit === 'level' && !c.levels?.length)
    issues.push({ path: `${at}/levels`, message: 'a level characteristic names its levels' });
  return issues;
}

/** Every reason the document cannot be a scorecard; empty when it can. */
export function validateScorecard(doc: ScorecardDocument): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const keys = new Map<string, Characteristic>();
  doc.characteristics.forEach((c, index) => {
    if (keys.has(c.key)) issues.push({ path: `/characteristics/${index}/key`, message: `duplicate key ${c.key}` });
    keys.set(c.key, c);
    issues.push(...characteristicIssues(c, `/characteristics/${index}`));
  });
  doc.vetoes.forEach((rule, index) => {
    const c = keys.get(rule.characteristic);
    if (!c) {
      issues.push({ path: `/vetoes/${index}/characteristic`, message: `no characteristic ${rule.characteristic}` });
      return;
    }
    const expected = c.direction === 'higher_is_better' ? 'at_most' : 'at_least';
    if (rule.op !== expected)
      issues.push({ path: `/vetoes/${index}/op`, message: `${c.key} is ${c.direction}: a veto must be ${expected}` });
  });
  const { A, B, C } = doc.thresholds;
  if (!(A > B && B > C)) issues.push({ path: '/thresholds', message: 'thresholds must satisfy A > B > C' });
  // Otherwise a firm below A could have lost no point and get no reason.
  if (A > maxScore(doc))
    issues.push({ path: '/thresholds/A', message: `A (${A}) is above the highest possible score ${maxScore(doc)}` });
  return issues;
}

// --- diff --------------------------------------------------------------------------------------

export interface DocumentChange {
  path: string;
  from: unknown;
  to: unknown;
}

/** Field-level differences between two documents (characteristics and vetoes matched by key/code). */
export function diffDocuments(from: ScorecardDocument, to: ScorecardDocument): DocumentChange[] {
  const changes: DocumentChange[] = [];
  const walk = (path: string, a: unknown, b: unknown) => {
    if (canonicalString(a ?? null) === canonicalString(b ?? null)) return;
    const keyed = (list: unknown, field: string) =>
      Array.isArray(list) ? new Map(list.map((item: Record<string, unknown>) => [String(item[field]), item])) : null;
    const field = path === '/characteristics' ? 'key' : path === '/vetoes' ? 'code' : null;
    if (field) {
      const left = keyed(a, field)!;
      const right = keyed(b, field)!;
      for (const id of new Set([...left.keys(), ...right.keys()])) walk(`${path}/${id}`, left.get(id), right.get(id));
      return;
    }
    const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
    if (isObject(a) && isObject(b)) {
      const left = a as Record<string, unknown>;
      const right = b as Record<string, unknown>;
      for (const key of [...new Set([...Object.keys(left), ...Object.keys(right)])].sort())
        walk(`${path}/${key}`, left[key], right[key]);
      return;
    }
    changes.push({ path: path || '/', from: a ?? null, to: b ?? null });
  };
  walk('', from, to);
  return changes;
}
