/**
 * `pnpm bench:match`: the goods matcher on the development set (../shared/data/matching/dev.csv)
 * against a PostgreSQL pg_trgm baseline, in one run.
 *
 * Accuracy is reported two ways. RANKED: the best candidate counts even when the matcher abstains
 * (how good the ranking is). STRICT: an abstention is wrong at every level (the dev README's
 * rule). Coverage and precision are on the rows the matcher answered. Speed: single thread,
 * ≥ 10,000 titles by cycling the set, after one warm-up pass.
 *
 * The independent set (data/matching/independent.csv, built per tariff heading by another procedure and
 * never tuned on) and the fresh holdouts (holdout-4.csv onwards: labelled-titles.ts `evaluationSets`) are reported
 * beside dev, split by whether the gold code occurs in the rules' tuning data (dev.csv and every set of
 * `tuningPaths` but the model-only tuning-coverage.csv and tuning-market.csv; the earlier holdouts included) or not,
 * and by whether it occurs in dev.csv.
 *
 * The baseline runs on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres)
 * in a scratch UTF-8 database that is dropped at the end. BENCH_SKIP_TRGM=1 skips it;
 * BENCH_MATCH_MISSES=<file> writes the rows the matcher got wrong or abstained on;
 * BENCH_MATCH_TOP3_MISSES=<file> writes the rows of dev and the tuning sets whose gold code
 * is not among the three candidates (never the independent set's). BENCH_MATCH_RULES_ONLY=1 runs the
 * rules without the learned second opinion (whose training titles include dev and the tuning sets:
 * its figures there are resubstitution; see match-loso.bench.ts for held-out ones).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { loadCatalogue } from '../../packages/core/src/price-library/catalogue/catalogue';
import { evaluationSets } from '../../packages/core/src/price-library/catalogue/labelled-titles';
import { parseCsv } from '../../packages/core/src/price-library/catalogue/csv';
import { createMatcher, type Matcher } from '../../packages/core/src/price-library/matcher/matcher';
import { runTrgmBaseline } from './match-trgm.bench-support';
import {
  type Prediction,
  precisionAtCoverage,
  printComparison,
  printReport,
  printSplitReport,
  speedFigures,
  summarise,
  type Row,
} from './match-report.bench-support';

const devPath = resolve(import.meta.dirname, '../../../shared/data/matching/dev.csv');
const independentPath = resolve(import.meta.dirname, '../../data/matching/independent.csv');
/**
 * Sets written blind (by someone shown no other set's titles who never ran the matcher) and measured
 * once. The first three (sessions 6 and 7) have been tuning data since session 8; holdout-4 and holdout-5
 * were written in session 8 while its matcher rounds ran and were measured once, after them (then
 * burned in session 9, when the learned second opinion was built beside their figures); holdout-6 and
 * holdout-7 were written in session 9 and measured only with and without that second opinion;
 * holdout-8 (codes drawn by market group) and holdout-9 (codes drawn uniformly over the catalogue) in
 * session 10, measured before and after the second opinion learnt from tuning-coverage.csv; holdout-10
 * (chapter 42 drawn uniformly over its codes, and market chapters) in session 11, measured before and
 * after that session's changes.
 */
const holdoutPaths = ['holdout.csv', 'holdout-2.csv', 'holdout-3.csv'].map((name) =>
  resolve(import.meta.dirname, '../../data/matching', name),
);
const freshHoldouts = evaluationSets
  .filter((name) => name.startsWith('holdout-'))
  .map((name) => resolve(import.meta.dirname, '../../data/matching', `${name}.csv`));
const tuningPath = resolve(import.meta.dirname, '../../data/matching/tuning.csv');
/** Titles written per tariff rule for the ranking and confidence work (`tr-NNNN`); also tuning data. */
const tuningRankPath = resolve(import.meta.dirname, '../../data/matching/tuning-rank.csv');
/** Titles written per tariff rule for the rule families of issue 15 (`ru-NNN`); also tuning data. */
const tuningRulesPath = resolve(import.meta.dirname, '../../data/matching/tuning-rules.csv');
/** Titles for codes no other tuning set had, written per tariff rule for the reachability work (`rc-NNN`). */
const tuningReachPath = resolve(import.meta.dirname, '../../data/matching/tuning-reach.csv');
/** Seller misspellings and homophones, and correctly spelt near misses (`ty-NNN`); also tuning data. */
const tuningTyposPath = resolve(import.meta.dirname, '../../data/matching/tuning-typos.csv');
/** Titles for codes absent from dev.csv and every other tuning set, written per tariff rule (`un-NNN`). */
const tuningUnseenPath = resolve(import.meta.dirname, '../../data/matching/tuning-unseen.csv');
/** English buyer titles (Amazon / Alibaba / packing-list style) written per tariff rule (`en-NNN`); also tuning data. */
const tuningEnglishPath = resolve(import.meta.dirname, '../../data/matching/tuning-english.csv');
/** Titles per tariff rule for the families the burned holdout sets missed in chapters 42, 43, 39, 46 and 48 (`h42-NNN`). */
const tuningH42Path = resolve(import.meta.dirname, '../../data/matching/tuning-match-h42.csv');
/** Titles per tariff rule for the non-chapter-42 misses of the burned holdout sets (`hx-NNN`, branch match-hx); also tuning data. */
const tuningHxPath = resolve(import.meta.dirname, '../../data/matching/tuning-match-hx.csv');
/** Breadth for the learned second opinion: 3–4 titles in different styles for 158 codes, most with few titles elsewhere (`tw-NNNN`). */
const tuningWidePath = resolve(import.meta.dirname, '../../data/matching/tuning-wide.csv');
/** Two or three titles in different styles for every code with at most two labelled titles elsewhere (`wN-NNNN`), for the learned second opinion. */
const tuningCoveragePath = resolve(import.meta.dirname, '../../data/matching/tuning-coverage.csv');
/** Two more titles (English, and 繁体 / packing / 申报要素 in turn) for each of 1,353 market codes (`mk-N-NNNN`), for the learned second opinion. */
const tuningMarketPath = resolve(import.meta.dirname, '../../data/matching/tuning-market.csv');
/** Sets that only train the second opinion: no rule or word of the matcher was chosen from them. */
const modelOnlyPaths = new Set([tuningCoveragePath, tuningMarketPath]);
const tuningPaths = [
  tuningPath,
  tuningRankPath,
  tuningRulesPath,
  tuningReachPath,
  tuningTyposPath,
  tuningUnseenPath,
  tuningEnglishPath,
  tuningH42Path,
  tuningHxPath,
  tuningWidePath,
  tuningCoveragePath,
  tuningMarketPath,
  ...holdoutPaths,
];
const minSpeedTitles = 10_000;

type LabelledRow = Row & { difficulty: string; style: string };

function readSet(path: string): LabelledRow[] {
  return parseCsv(readFileSync(path, 'utf8')).map((r) => ({
    id: r.id ?? '',
    description: r.description ?? '',
    hs8: r.hs8 ?? '',
    chapter: r.chapter ?? '',
    difficulty: r.difficulty ?? '',
    style: r.style ?? '',
  }));
}

function readDevSet(): Row[] {
  if (!existsSync(devPath)) {
    console.error(`dev set not found at ${devPath} (expected ../shared/data/matching/dev.csv beside the repository)`);
    process.exit(2);
  }
  return readSet(devPath);
}

/**
 * Gold codes of everything the matcher's rules may have been tuned on. The model-only sets
 * (tuning-coverage.csv gives every code titles, tuning-market.csv every market code more) only train the
 * second opinion and are left out: with them every code would be "seen" and the split would say
 * nothing about codes the rules were never shown.
 */
function tuningCodes(dev: readonly Row[]): Set<string> {
  const tuning = tuningPaths.filter((path) => !modelOnlyPaths.has(path) && existsSync(path)).flatMap(readSet);
  return new Set([...dev, ...tuning].map((row) => row.hs8));
}

/**
 * The tuning sets (data/matching/tuning.csv, tuning-rank.csv, tuning-rules.csv, tuning-reach.csv, tuning-typos.csv), the only
 * labelled titles besides dev that may guide changes. BENCH_MATCH_MISSES_TUNING=<file> writes their misses.
 */
function reportTuning(matcher: Matcher, seen: ReadonlySet<string>): string[] {
  const misses: string[] = [];
  const top3: string[] = [];
  const pooled: { rows: Row[]; predictions: Prediction[] } = { rows: [], predictions: [] };
  for (const path of tuningPaths.filter((p) => existsSync(p))) {
    const rows = readSet(path);
    const predictions = predict(matcher, rows);
    printSplitReport(`${basename(path)} (may be tuned on)`, rows, predictions, seen);
    misses.push(...missLines(rows, predictions));
    top3.push(...top3MissLines(basename(path), rows, predictions));
    pooled.rows.push(...rows);
    pooled.predictions.push(...predictions);
  }
  printPooledCalibration(pooled.rows, pooled.predictions);
  if (process.env.BENCH_MATCH_MISSES_TUNING)
    writeFileSync(process.env.BENCH_MATCH_MISSES_TUNING, `${misses.join('\n')}\n`);
  return top3;
}

/** A fixed half of the rows, by a hash of id and title: confidence discounts are chosen on A and confirmed on B. */
function halfOf(row: Row): 'A' | 'B' {
  let h = 0;
  for (const ch of row.id + row.description) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h % 2 ? 'B' : 'A';
}

/** Precision of the 85% most confident answers over the pooled tuning sets, and over each half of them. */
function printPooledCalibration(rows: readonly Row[], predictions: readonly Prediction[]): void {
  const figure = (keep: (row: Row) => boolean) => {
    const picked = rows.map((row, i) => ({ row, p: predictions[i]! })).filter((x) => keep(x.row));
    const at85 = precisionAtCoverage(
      picked.map((x) => x.row),
      picked.map((x) => x.p),
      0.85,
    );
    return `${(100 * at85).toFixed(2)}% of ${picked.length}`;
  };
  console.log(
    `\n=== pooled tuning sets: precision of the 85% most confident answers (hs8) ===\n  all ${figure(() => true)}` +
      `; half A ${figure((r) => halfOf(r) === 'A')}; half B ${figure((r) => halfOf(r) === 'B')}`,
  );
}

/** Rows whose gold code is not among the candidates at all (what top-3 recall misses). */
function top3MissLines(set: string, rows: readonly Row[], predictions: readonly Prediction[]): string[] {
  return rows.flatMap((row, i) => {
    const p = predictions[i]!;
    if (p.ranked.includes(row.hs8)) return [];
    const kind = p.ranked.length === 0 ? 'NONE' : p.ranked.length < 3 ? `ONLY${p.ranked.length}` : 'OUT';
    return [`${set}\t${row.hs8}\t${kind}${p.abstained ? '/abstained' : ''}\t${p.ranked.join(' ')}\t${row.description}`];
  });
}

function reportIndependent(
  matcher: Matcher,
  seen: { tuning: ReadonlySet<string>; dev: ReadonlySet<string> },
  set: { name: string; rows: readonly LabelledRow[] },
): { rows: readonly Row[]; predictions: Prediction[] } {
  const { name, rows } = set;
  const predictions = predict(matcher, rows);
  printReport(`matcher on the ${name} (never tuned on)`, rows, predictions, speedOf(matcher, rows));
  printSplitReport(
    name,
    rows,
    predictions,
    seen.tuning,
    {
      difficulty: (row) => (row as LabelledRow).difficulty,
      style: (row) => (row as LabelledRow).style,
    },
    seen.dev,
  );
  return { rows, predictions };
}

/** The independent set, then each fresh holdout and the fresh holdouts pooled (the estimate for an unseen set). */
function reportUntuned(matcher: Matcher, seen: { tuning: ReadonlySet<string>; dev: ReadonlySet<string> }): void {
  const independent = reportIndependent(matcher, seen, { name: 'independent set', rows: readSet(independentPath) });
  if (process.env.BENCH_MATCH_MISSES_INDEPENDENT)
    writeMisses(process.env.BENCH_MATCH_MISSES_INDEPENDENT, independent.rows, independent.predictions);
  const fresh = freshHoldouts.filter((path) => existsSync(path)).map((path) => ({ path, rows: readSet(path) }));
  for (const { path, rows } of fresh) reportIndependent(matcher, seen, { name: `${basename(path)} set (blind)`, rows });
  if (fresh.length > 1)
    reportIndependent(matcher, seen, {
      name: `fresh holdouts pooled (${fresh.map(({ path }) => basename(path)).join(' + ')})`,
      rows: fresh.flatMap(({ rows }) => rows),
    });
}

function predict(matcher: Matcher, rows: readonly Row[]): Prediction[] {
  return rows.map((row) => {
    const result = matcher.match(row.description, 3);
    return {
      ranked: result.candidates.map((c) => c.hsCode.slice(0, 8)),
      abstained: result.abstained,
      score: result.candidates[0]?.score ?? 0,
    };
  });
}

function speedOf(matcher: Matcher, rows: readonly Row[]) {
  for (const row of rows) matcher.match(row.description, 3); // warm-up pass
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; latencies.length < Math.max(minSpeedTitles, rows.length); i += 1) {
    const t0 = performance.now();
    matcher.match(rows[i % rows.length]!.description, 3);
    latencies.push(performance.now() - t0);
  }
  return speedFigures(latencies, performance.now() - start);
}

function runMatcher(rows: readonly Row[]) {
  const types = loadCatalogue();
  const buildStart = performance.now();
  // BENCH_MATCH_RULES_ONLY=1: the rules alone, without the learned second opinion (model:title-nb).
  const matcher = createMatcher(types, process.env.BENCH_MATCH_RULES_ONLY === '1' ? { labelledTitles: null } : {});
  const buildMs = performance.now() - buildStart;
  const predictions = predict(matcher, rows);
  return { matcher, predictions, speed: speedOf(matcher, rows), buildMs, size: types.length };
}

function missLines(rows: readonly Row[], predictions: readonly Prediction[]): string[] {
  return rows.flatMap((row, i) => {
    const p = predictions[i]!;
    return p.ranked[0] === row.hs8 && !p.abstained
      ? []
      : [`${row.hs8}\t${p.abstained ? 'ABSTAIN' : 'WRONG'}\t${p.ranked.join(' ')}\t${row.description}`];
  });
}

/** For development: the rows whose best guess is wrong or abstained, to a CSV-ish file. */
function writeMisses(path: string, rows: readonly Row[], predictions: readonly Prediction[]): void {
  writeFileSync(path, `${missLines(rows, predictions).join('\n')}\n`);
}

async function main(): Promise<void> {
  const rows = readDevSet();
  const matcherRun = runMatcher(rows);
  console.log(
    `\nproduct types in the catalogue: ${matcherRun.size}; index build ${matcherRun.buildMs.toFixed(0)} ms; dev rows: ${rows.length}`,
  );
  const ours = printReport('matcher (in-process term index)', rows, matcherRun.predictions, matcherRun.speed);
  console.log(
    `  precision of the 85% most confident answers (hs8): ${(100 * precisionAtCoverage(rows, matcherRun.predictions, 0.85)).toFixed(1)}%`,
  );
  if (process.env.BENCH_MATCH_MISSES) writeMisses(process.env.BENCH_MATCH_MISSES, rows, matcherRun.predictions);
  const top3Misses = reportTuning(matcherRun.matcher, tuningCodes(rows));
  if (process.env.BENCH_MATCH_TOP3_MISSES) {
    const devMisses = top3MissLines('dev.csv', rows, matcherRun.predictions);
    writeFileSync(process.env.BENCH_MATCH_TOP3_MISSES, `${[...devMisses, ...top3Misses].join('\n')}\n`);
  }
  const seen = { tuning: tuningCodes(rows), dev: new Set(rows.map((row) => row.hs8)) };
  reportUntuned(matcherRun.matcher, seen);
  if (process.env.BENCH_SKIP_TRGM === '1') return;
  const trgm = await runTrgmBaseline(rows, loadCatalogue());
  const [main, ...others] = trgm.runs.map((run) =>
    printReport(`pg_trgm baseline (${run.mode})`, run.rows, run.predictions, run.speed),
  );
  for (const note of trgm.notes) console.log(`  note: ${note}`);
  printComparison(ours, main!);
  // A sampled baseline is compared with the matcher on the same rows.
  const predictionById = new Map(rows.map((row, i) => [row.id, matcherRun.predictions[i]!]));
  trgm.runs.slice(1).forEach((run, i) => {
    const sameRows = summarise(
      `matcher (same ${run.rows.length} titles)`,
      run.rows,
      run.rows.map((row) => predictionById.get(row.id)!),
      matcherRun.speed,
    );
    printComparison(sameRows, others[i]!);
  });
}

// No process.exit on success: it can cut off piped output. The pool is closed, so the run ends.
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
