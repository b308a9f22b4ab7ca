/** Figures and printing for `match.bench.ts`. */
export interface Row {
  id: string;
  description: string;
  hs8: string;
  chapter: string;
}

export interface Prediction {
  /** Candidate HS8 codes, best first (up to 3). */
  ranked: string[];
  abstained: boolean;
  /** The best candidate's confidence (0..1), to read precision at a chosen coverage. */
  score?: number;
}

export interface Speed {
  titles: number;
  titlesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

export interface Summary {
  name: string;
  ranked: Record<'hs8' | 'hs6' | 'hs4', { top1: number; top3: number }>;
  strictTop1Hs8: number;
  coverage: number;
  precision: number;
  speed: Speed;
}

const levels = { hs8: 8, hs6: 6, hs4: 4 } as const;
const pct = (n: number) => `${(100 * n).toFixed(1)}%`;

export function speedFigures(latenciesMs: readonly number[], totalMs: number): Speed {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { titles: sorted.length, titlesPerSecond: (1000 * sorted.length) / totalMs, p50Ms: at(0.5), p95Ms: at(0.95) };
}

/** Share of rows whose code, cut to `digits`, is among the first `k` predicted. */
export function accuracy(rows: readonly Row[], predictions: readonly Prediction[], digits: number, k: number): number {
  let hits = 0;
  rows.forEach((row, i) => {
    if (predictions[i]!.ranked.slice(0, k).some((code) => code.slice(0, digits) === row.hs8.slice(0, digits)))
      hits += 1;
  });
  return rows.length ? hits / rows.length : 0;
}

function answered(
  rows: readonly Row[],
  predictions: readonly Prediction[],
): { coverage: number; precision: number; strict: number } {
  let count = 0;
  let right = 0;
  rows.forEach((row, i) => {
    const p = predictions[i]!;
    if (p.abstained || p.ranked.length === 0) return;
    count += 1;
    if (p.ranked[0] === row.hs8) right += 1;
  });
  return {
    coverage: rows.length ? count / rows.length : 0,
    precision: count ? right / count : 0,
    strict: rows.length ? right / rows.length : 0,
  };
}

function printBreakdown(rows: readonly Row[], predictions: readonly Prediction[]): void {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => groups.set(row.chapter, [...(groups.get(row.chapter) ?? []), i]));
  groups.set('42', groups.get('42') ?? []);
  const slices: Array<[string, number[]]> = [
    ...[...groups].sort(([a], [b]) => (a < b ? -1 : 1)),
    ['ch.42', groups.get('42')!],
    ['rest', rows.map((_, i) => i).filter((i) => rows[i]!.chapter !== '42')],
  ];
  console.log('  slice   rows   top1-hs8  top3-hs8  coverage  precision');
  for (const [name, idx] of slices) {
    const r = idx.map((i) => rows[i]!);
    const p = idx.map((i) => predictions[i]!);
    const a = answered(r, p);
    console.log(
      `  ${name.padEnd(7)} ${String(r.length).padStart(5)}   ${pct(accuracy(r, p, 8, 1)).padStart(7)}   ${pct(accuracy(r, p, 8, 3)).padStart(7)}   ${pct(a.coverage).padStart(7)}   ${pct(a.precision).padStart(7)}`,
    );
  }
}

/** The figures without printing them (to compare on the same subset of rows). */
export function summarise(
  name: string,
  rows: readonly Row[],
  predictions: readonly Prediction[],
  speed: Speed,
): Summary {
  const ranked = Object.fromEntries(
    Object.entries(levels).map(([level, digits]) => [
      level,
      { top1: accuracy(rows, predictions, digits, 1), top3: accuracy(rows, predictions, digits, 3) },
    ]),
  ) as Summary['ranked'];
  const a = answered(rows, predictions);
  return { name, ranked, strictTop1Hs8: a.strict, coverage: a.coverage, precision: a.precision, speed };
}

export function printReport(
  name: string,
  rows: readonly Row[],
  predictions: readonly Prediction[],
  speed: Speed,
): Summary {
  const summary = summarise(name, rows, predictions, speed);
  const { ranked } = summary;
  const a = answered(rows, predictions);
  console.log(`\n=== ${name} ===`);
  for (const level of Object.keys(levels) as Array<keyof typeof levels>) {
    console.log(
      `  ${level}: top-1 ${pct(ranked[level].top1)}  top-3 ${pct(ranked[level].top3)}   (ranked: best guess even when abstaining)`,
    );
  }
  console.log(
    `  abstention rate ${pct(1 - a.coverage)}  coverage ${pct(a.coverage)}  precision on answered (hs8) ${pct(a.precision)}  strict top-1 hs8 (abstain = wrong) ${pct(a.strict)}`,
  );
  console.log(
    `  speed: ${speed.titlesPerSecond.toFixed(0)} titles/s over ${speed.titles} titles, p50 ${speed.p50Ms.toFixed(3)} ms, p95 ${speed.p95Ms.toFixed(3)} ms per title`,
  );
  printBreakdown(rows, predictions);
  return summary;
}

export function printComparison(ours: Summary, theirs: Summary): void {
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '∞');
  const lines: Array<[string, number, number, (n: number) => string]> = [
    ['top-1 hs8', ours.ranked.hs8.top1, theirs.ranked.hs8.top1, pct],
    ['top-3 hs8', ours.ranked.hs8.top3, theirs.ranked.hs8.top3, pct],
    ['top-1 hs6', ours.ranked.hs6.top1, theirs.ranked.hs6.top1, pct],
    ['top-1 hs4', ours.ranked.hs4.top1, theirs.ranked.hs4.top1, pct],
    ['strict top-1 hs8', ours.strictTop1Hs8, theirs.strictTop1Hs8, pct],
    ['coverage', ours.coverage, theirs.coverage, pct],
    ['precision (answered)', ours.precision, theirs.precision, pct],
    ['titles/s', ours.speed.titlesPerSecond, theirs.speed.titlesPerSecond, (n) => n.toFixed(0)],
  ];
  console.log(
    `\n=== side by side: ${ours.name} vs ${theirs.name} ===\n  figure                  matcher     pg_trgm     ratio`,
  );
  for (const [label, a, b, fmt] of lines)
    console.log(`  ${label.padEnd(22)} ${fmt(a).padStart(9)}   ${fmt(b).padStart(9)}   ${ratio(a, b).padStart(7)}`);
  const p95 = `  ${'p95 latency (ms)'.padEnd(22)} ${ours.speed.p95Ms.toFixed(3).padStart(9)}   ${theirs.speed.p95Ms.toFixed(3).padStart(9)}   ${ratio(theirs.speed.p95Ms, ours.speed.p95Ms).padStart(7)} faster`;
  console.log(p95);
}

/** One line of figures for a slice of an evaluation set. */
function sliceLine(name: string, rows: readonly Row[], predictions: readonly Prediction[]): string {
  const a = answered(rows, predictions);
  const cells = [
    pct(accuracy(rows, predictions, 8, 1)),
    pct(accuracy(rows, predictions, 8, 3)),
    pct(accuracy(rows, predictions, 4, 1)),
    pct(1 - a.coverage),
    pct(a.precision),
    pct(a.strict),
  ].map((c) => c.padStart(8));
  return `  ${name.padEnd(26)} ${String(rows.length).padStart(5)} ${cells.join('  ')}`;
}

/**
 * An evaluation set split by whether its gold code occurs in the tuning data (seen) or not, and by
 * any extra grouping column (difficulty, style): top-1/top-3 HS8, top-1 HS4, abstention, precision on
 * answered lines, strict top-1 (abstain = wrong).
 */
export function printSplitReport(
  name: string,
  rows: readonly Row[],
  predictions: readonly Prediction[],
  seenCodes: ReadonlySet<string>,
  groups: Record<string, (row: Row) => string> = {},
  /** Codes of dev.csv alone: the issue's own split (codes that occur in dev.csv or not), beside the one above. */
  devCodes?: ReadonlySet<string>,
): void {
  const pick = (test: (row: Row) => boolean) => {
    const idx = rows.map((_, i) => i).filter((i) => test(rows[i]!));
    return [idx.map((i) => rows[i]!), idx.map((i) => predictions[i]!)] as const;
  };
  console.log(`\n=== ${name}: split by code seen in the rules' tuning data ===`);
  console.log(
    `  ${'slice'.padEnd(26)} ${'rows'.padStart(5)} ${['top1-hs8', 'top3-hs8', 'top1-hs4', 'abstain', 'prec.ans', 'strict'].map((h) => h.padStart(8)).join('  ')}`,
  );
  console.log(sliceLine('all', rows, predictions));
  const at85 = precisionAtCoverage(rows, predictions, 0.85);
  console.log(`  precision of the 85% most confident answers (hs8): ${pct(at85)}`);
  console.log(sliceLine('code seen in rule tuning', ...pick((r) => seenCodes.has(r.hs8))));
  console.log(sliceLine('code unseen by the rules', ...pick((r) => !seenCodes.has(r.hs8))));
  if (devCodes) {
    console.log(sliceLine('code in dev.csv', ...pick((r) => devCodes.has(r.hs8))));
    console.log(sliceLine('code absent from dev.csv', ...pick((r) => !devCodes.has(r.hs8))));
  }
  console.log(sliceLine('chapter 42', ...pick((r) => r.chapter === '42')));
  console.log(sliceLine('other chapters', ...pick((r) => r.chapter !== '42')));
  for (const [label, key] of Object.entries(groups)) {
    const values = [...new Set(rows.map(key))].sort();
    for (const value of values) console.log(sliceLine(`${label}=${value}`, ...pick((r) => key(r) === value)));
  }
}

/** Precision (top-1 HS8) of the `coverage` share of rows the matcher is most confident about. */
export function precisionAtCoverage(
  rows: readonly Row[],
  predictions: readonly Prediction[],
  coverage: number,
): number {
  const order = rows
    .map((row, i) => ({ ok: predictions[i]!.ranked[0] === row.hs8, score: predictions[i]!.score ?? 0 }))
    .sort((a, b) => b.score - a.score);
  const kept = order.slice(0, Math.ceil(coverage * order.length));
  return kept.length ? kept.filter((r) => r.ok).length / kept.length : 0;
}
