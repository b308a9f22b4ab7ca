/**
 * `pnpm bench:match-speed`: the goods matcher's single-thread speed against the matcher as it was
 * before issue 15 (commit BASELINE_COMMIT, the "19,000 titles/s" of the issue), measured in the same
 * process and alternated round by round (old, new, old, new …), so that the load of a shared machine
 * falls on both alike. The baseline's price-library sources are extracted from git into a scratch
 * directory (`git archive`); both matchers match the dev set's titles, cycled, after a warm-up pass.
 *
 *   MATCH_SPEED_ROUNDS=5 MATCH_SPEED_TITLES=30000 pnpm bench:match-speed
 *
 * MATCH_SPEED_RULES_ONLY=1 measures the current rules without the learned second opinion.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalogue } from '../../packages/core/src/price-library/catalogue/catalogue';
import { parseCsv } from '../../packages/core/src/price-library/catalogue/csv';
import { createMatcher, type Matcher } from '../../packages/core/src/price-library/matcher/matcher';

/** The main branch before the issue 15 merge (first parent of the merge). */
const BASELINE_COMMIT = 'b5de4783004e8efcf9a93286338631d5323af276';
const root = resolve(import.meta.dirname, '../..');
const devPath = resolve(root, '../shared/data/matching/dev.csv');
const rounds = Number(process.env.MATCH_SPEED_ROUNDS ?? 5);
const titlesPerRound = Number(process.env.MATCH_SPEED_TITLES ?? 30_000);

async function baselineMatcher(dir: string): Promise<Matcher> {
  const archive = join(dir, 'baseline.tar');
  execFileSync('git', ['archive', '-o', archive, BASELINE_COMMIT, 'packages/core/src/price-library'], { cwd: root });
  execFileSync('tar', ['-x', '-C', dir, '-f', archive]);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(root, 'packages/core/node_modules'), join(dir, 'packages/core/node_modules'));
  const lib = join(dir, 'packages/core/src/price-library');
  const catalogue = (await import(pathToFileURL(join(lib, 'catalogue/catalogue.ts')).href)) as {
    loadCatalogue: typeof loadCatalogue;
  };
  const matcher = (await import(pathToFileURL(join(lib, 'matcher/matcher.ts')).href)) as {
    createMatcher: typeof createMatcher;
  };
  return matcher.createMatcher(catalogue.loadCatalogue());
}

function titlesPerSecond(matcher: Matcher, titles: readonly string[]): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < titlesPerRound; i += 1) matcher.match(titles[i % titles.length]!, 3);
  return titlesPerRound / (Number(process.hrtime.bigint() - start) / 1e9);
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const titles = parseCsv(readFileSync(devPath, 'utf8')).map((row) => row.description ?? '');
  const dir = mkdtempSync(join(tmpdir(), 'baigou-match-baseline-'));
  try {
    // MATCH_SPEED_RULES_ONLY=1: the current rules without the learned second opinion (model:title-nb).
    const options = process.env.MATCH_SPEED_RULES_ONLY === '1' ? { labelledTitles: null } : {};
    const matchers = { baseline: await baselineMatcher(dir), current: createMatcher(loadCatalogue(), options) };
    for (const matcher of Object.values(matchers)) for (const title of titles) matcher.match(title, 3);
    const figures = { baseline: [] as number[], current: [] as number[] };
    console.log(`\n=== matcher speed, one thread: ${rounds} alternating rounds of ${titlesPerRound} titles ===`);
    console.log('  round   baseline (before issue 15)   current   ratio baseline/current');
    for (let round = 1; round <= rounds; round += 1) {
      figures.baseline.push(titlesPerSecond(matchers.baseline, titles));
      figures.current.push(titlesPerSecond(matchers.current, titles));
      const [b, c] = [figures.baseline.at(-1)!, figures.current.at(-1)!];
      console.log(
        `  ${String(round).padStart(5)}   ${b.toFixed(0).padStart(26)}   ${c.toFixed(0).padStart(7)}   ${(b / c).toFixed(2)}×`,
      );
    }
    const [b, c] = [median(figures.baseline), median(figures.current)];
    console.log(
      `  median  ${b.toFixed(0).padStart(26)}   ${c.toFixed(0).padStart(7)}   ${(b / c).toFixed(2)}× (bar: ≤ 2×)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
