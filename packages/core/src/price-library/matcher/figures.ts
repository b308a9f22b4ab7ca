/**
 * Figure ranges (GIR 1: the subheading texts decide). Some sibling codes differ only by a figure their
 * official names state — a rated voltage (额定电压≤80V against 80V＜额定电压≤1000V), a rated capacity
 * (额定容量≤1kVA), an output (输出功率≤37.5W), an outer diameter or wall thickness (外径≤10mm), a volume
 * (容积＜50L), a tensile or yield strength (抗拉强度在800兆帕以下). Each code's ranges are read from its
 * name; a title's figures are read before the noise filter drops them; a code whose range holds none of
 * the title's figures of that quantity is contradicted (`rule:figure-range(…)` says which).
 *
 * Electrical quantities and volumes are known by their unit; lengths and strengths only with the word
 * that says which length or strength (外径, 壁厚, 宽度, 抗拉强度 …), since titles give many sizes.
 */

export type Quantity =
  | 'voltage'
  | 'apparent-power'
  | 'power'
  | 'volume'
  | 'outer-diameter'
  | 'inner-diameter'
  | 'diameter'
  | 'wall-thickness'
  | 'width'
  | 'tensile-strength'
  | 'yield-strength';

export interface FigureRange {
  quantity: Quantity;
  /** Bounds in the quantity's base unit (V, VA, W, l, mm, MPa); null when open-ended. */
  low: { value: number; inclusive: boolean } | null;
  high: { value: number; inclusive: boolean } | null;
  /** As the name writes it, for the explanation. */
  text: string;
}

export interface Figure {
  quantity: Quantity;
  value: number;
  text: string;
}

const units: Readonly<Record<string, readonly [Quantity | 'length' | 'strength', number]>> = {
  kv: ['voltage', 1e3],
  千伏: ['voltage', 1e3],
  v: ['voltage', 1],
  伏: ['voltage', 1],
  mva: ['apparent-power', 1e6],
  kva: ['apparent-power', 1e3],
  千伏安: ['apparent-power', 1e3],
  va: ['apparent-power', 1],
  伏安: ['apparent-power', 1],
  kw: ['power', 1e3],
  千瓦: ['power', 1e3],
  w: ['power', 1],
  瓦: ['power', 1],
  ml: ['volume', 1e-3],
  毫升: ['volume', 1e-3],
  l: ['volume', 1],
  升: ['volume', 1],
  公升: ['volume', 1],
  mm: ['length', 1],
  毫米: ['length', 1],
  cm: ['length', 10],
  厘米: ['length', 10],
  mpa: ['strength', 1],
  兆帕: ['strength', 1],
};
// Longest first, so 千伏安 is not read as 千伏 and kva not as va.
const unitPattern = Object.keys(units)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** The words that say which length or strength a figure is, tried in this order (outer diameter before diameter). */
const namedQuantities: ReadonlyArray<readonly [RegExp, Quantity]> = [
  [/外径|outer diameter|\bo\.?d\b\.?|φ/, 'outer-diameter'],
  [/内径|inner diameter|\bi\.?d\b\.?/, 'inner-diameter'],
  [/壁厚|wall thickness/, 'wall-thickness'],
  [/(?<!底)宽度?|width/, 'width'],
  [/直径|diameter|\bdia\b\.?/, 'diameter'],
  [/抗拉强度|tensile strength/, 'tensile-strength'],
  [/屈服强度|yield strength/, 'yield-strength'],
];
const quantityWords = namedQuantities.map(([word]) => word.source).join('|');
const quantityPattern = new RegExp(quantityWords);

function quantityOf(unit: string, word: string | undefined): Quantity | null {
  const [kind] = units[unit]!;
  if (kind !== 'length' && kind !== 'strength') return kind;
  if (!word) return null;
  const named = namedQuantities.find(([pattern]) => pattern.test(word))?.[1] ?? null;
  const isLength = named !== null && !named.endsWith('strength');
  return named && isLength === (kind === 'length') ? named : null;
}

// Not inside a longer number (1 000v, as the normaliser leaves 1,000V, is no 0 V).
const number = '(?<![\\d.])(?:0|[1-9]\\d*)(?:\\.\\d+)?';

// ---------------------------------------------------------------------------------------------------
// Codes' names

/** Comparisons in words as symbols: 超过X，但不超过Y → >X，≤Y; 在800兆帕及以上 → ≥800兆帕. */
function symbolic(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?<=\d),(?=\d{3})/g, '')
    .replace(new RegExp(`在?(${number}\\s*(?:${unitPattern}))及以上`, 'gi'), '≥$1')
    .replace(new RegExp(`在?(${number}\\s*(?:${unitPattern}))以下`, 'gi'), '<$1')
    .replace(/但?不超过/g, '≤')
    .replace(/超过/g, '>')
    .replace(/大于等于|不小于|不低于/g, '≥')
    .replace(/小于等于/g, '≤')
    .replace(/小于|不足|低于/g, '<')
    .replace(/大于|高于/g, '>');
}

// [figure [unit] < or ≤] [what is measured] comparison figure unit: 80V＜额定电压≤1000V, 外径≤10mm, 容积＜50L.
const nameComparison = new RegExp(
  `(?:(${number})\\s*(${unitPattern})?\\s*([<≤]))?([^<>≤≥\\d，,；;]{0,8}?)\\s*([<>≤≥])\\s*(${number})\\s*(${unitPattern})(?![a-z/])`,
  'gi',
);

/** The figure ranges a code's official Chinese name (as written: the matcher's normalising drops ＜) states, one per quantity. */
export function codeRanges(nameZh: string): FigureRange[] {
  const ranges = new Map<Quantity, FigureRange>();
  // 屈服强度≥552兆帕，但<758兆帕: a bound with no word of its own measures what the one before it did.
  let named: string | undefined;
  for (const m of symbolic(nameZh).matchAll(nameComparison)) {
    const [text, leftFigure, leftUnit, leftOp, label, op, figure, unit] = m as unknown as (string | undefined)[];
    const unitKey = unit!.toLowerCase();
    named = label?.match(quantityPattern)?.[0] ?? named;
    const quantity = quantityOf(unitKey, named);
    if (!quantity) continue;
    const range = ranges.get(quantity) ?? { quantity, low: null, high: null, text: '' };
    const value = Number(figure) * units[unitKey]![1];
    const bound = { value, inclusive: op === '≤' || op === '≥' };
    if (op === '<' || op === '≤') range.high = bound;
    else range.low = bound;
    if (leftFigure !== undefined) {
      const scale = units[(leftUnit ?? unitKey).toLowerCase()]![1];
      range.low = { value: Number(leftFigure) * scale, inclusive: leftOp === '≤' };
    }
    range.text = range.text ? `${range.text}，${text!.trim()}` : text!.trim();
    ranges.set(quantity, range);
  }
  // An impossible range is a misprint of the name (8501.64.10 reads 750kVA＜输出功率≤350kVA): no evidence either way.
  return [...ranges.values()].filter(({ low, high }) => !low || !high || low.value < high.value);
}

/** What a code's name says besides its ranges (其他电缆 of 其他电缆，80V＜额定电压≤1000V), to find the siblings a figure alone splits. */
export function figureStem(nameZh: string): string {
  return symbolic(nameZh)
    .replace(nameComparison, ' ')
    .replace(/其他|其它|未列名|[\p{P}\p{S}\s\d]/gu, '');
}

const bigrams = (text: string) =>
  new Set(text.length < 2 ? [text] : Array.from({ length: text.length - 1 }, (_, i) => text.slice(i, i + 2)));

/** Dice similarity of two stems' character bigrams, 0..1. */
export function stemSimilarity(a: string, b: string): number {
  const [x, y] = [bigrams(a), bigrams(b)];
  let common = 0;
  for (const gram of x) if (y.has(gram)) common += 1;
  return (2 * common) / (x.size + y.size || 1);
}

// ---------------------------------------------------------------------------------------------------
// Titles

const titleFigure = new RegExp(
  `(?:(${quantityWords})\\s*[:：]?\\s*)?(?:(${number})\\s*[-~/～]\\s*)?(${number})\\s*(${unitPattern})(?![a-z/])`,
  'gi',
);
/** φ219×8: outer diameter by wall thickness, as tube sellers write it. */
const tubeSize = new RegExp(`φ\\s*(${number})\\s*[x×*]\\s*(${number})`, 'gi');

/**
 * Every figure of a known quantity the title states, as `normaliseText` left it (which has already cut
 * 1,000V into "1 000v": no thousands separator reaches here); a range 100-240v gives both ends.
 */
export function titleFigures(text: string): Figure[] {
  if (!/\d/.test(text)) return [];
  const figures: Figure[] = [];
  for (const m of text.matchAll(titleFigure)) {
    const [whole, word, first, figure, unit] = m as unknown as (string | undefined)[];
    const unitKey = unit!.toLowerCase();
    const quantity = quantityOf(unitKey, word);
    if (!quantity) continue;
    const scale = units[unitKey]![1];
    for (const value of first === undefined ? [figure!] : [first, figure!])
      figures.push({ quantity, value: Number(value) * scale, text: whole!.trim() });
  }
  for (const m of text.matchAll(tubeSize)) {
    figures.push({ quantity: 'outer-diameter', value: Number(m[1]), text: m[0] });
    figures.push({ quantity: 'wall-thickness', value: Number(m[2]), text: m[0] });
  }
  // A power given in W stands for a rating in VA where the title gives none (transformers sold by watts).
  if (!figures.some((f) => f.quantity === 'apparent-power'))
    for (const f of figures.filter((f) => f.quantity === 'power')) figures.push({ ...f, quantity: 'apparent-power' });
  return figures;
}

// ---------------------------------------------------------------------------------------------------
// Fit

const within = (range: FigureRange, value: number) =>
  (!range.low || value > range.low.value || (range.low.inclusive && value === range.low.value)) &&
  (!range.high || value < range.high.value || (range.high.inclusive && value === range.high.value));

export interface FigureFit {
  /** − per range that holds none of the title's figures of its quantity; a range that holds one earns nothing. */
  score: number;
  fitted: string[];
  contradicted: string[];
}

/**
 * A stated figure tells which siblings it excludes: a code that holds it earns nothing over a code whose
 * name states no range (a 12V LED lamp is not the ≤12V incandescent lamp), and a code whose bound it
 * breaks is out whatever words it shares with the title (twice a contradicted material: 铁桶 20L is no
 * 50L≤容积≤300L drum, however well 铁桶 names that code).
 */
export const figureConflict = 3;

/** What a sibling that holds the figure scores below the broken code's words (matcher.ts `toFigureSiblings`): its own words win. */
export const figureSiblingCost = 0.5;
/** How alike (stemSimilarity) a sibling's name must be, besides its ranges, to take the broken code's words. */
export const figureSiblingStem = 0.5;

/** How a code's ranges fit the title's figures; quantities the title does not state are left out. */
const noFit: FigureFit = Object.freeze({ score: 0, fitted: [], contradicted: [] }) as unknown as FigureFit;

export function figureFit(figures: readonly Figure[], ranges: readonly FigureRange[]): FigureFit {
  // Most titles state no figure and most codes no range: one shared empty answer, nothing allocated.
  if (figures.length === 0 || ranges.length === 0) return noFit;
  const fit: FigureFit = { score: 0, fitted: [], contradicted: [] };
  for (const range of ranges) {
    const stated = figures.filter((f) => f.quantity === range.quantity);
    if (stated.length === 0) continue;
    const inside = stated.find((f) => within(range, f.value));
    if (inside) {
      fit.fitted.push(`rule:figure-range(${inside.text} within ${range.text})`);
    } else {
      fit.score -= figureConflict;
      fit.contradicted.push(`rule:figure-range(${stated[0]!.text} outside ${range.text})`);
    }
  }
  return fit;
}
