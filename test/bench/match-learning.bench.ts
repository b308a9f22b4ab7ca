/**
 * `pnpm bench:match` (learning curve): what confirmed codes teach the matcher. The independent set
 * (data/matching/independent.csv) is split by row order into a confirmation pool (odd rows) and
 * held-back titles (even rows). Every pool line is declared with its code; the lines the matcher
 * got wrong or abstained on are the ones the firm "fixed by hand". The first N pool lines are learnt
 * as candidate aliases
 * (price-library.learning.ts), the catalogue gets them as an approved version would, and the held-back
 * titles are matched again. N = 0 is the baseline of the same run.
 *
 * In production the confirmed lines include the many a firm declared with the code the matcher had
 * given; they make a word confirmed for two codes unusable and let the no-regression check
 * (checkAgainstConfirmations) see what an alias would break. Half of dev.csv (odd rows) plays that
 * history here; the other half is matched with the largest feed, to show the aliases do not
 * disturb what the matcher already knew. The last column matches the fed lines a person fixed again
 * (the same goods declared again), answered and right out of those fixed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalogue, type ProductType } from '../../packages/core/src/price-library/catalogue/catalogue';
import { parseCsv } from '../../packages/core/src/price-library/catalogue/csv';
import { createMatcher, type Matcher } from '../../packages/core/src/price-library/matcher/matcher';
import {
  checkAgainstConfirmations,
  learnAliases,
  withLearnedAliases,
  type ConfirmedCode,
} from '../../packages/core/src/price-library/price-library.learning';

interface Row {
  description: string;
  hs8: string;
}

const read = (path: string): Row[] =>
  parseCsv(readFileSync(path, 'utf8')).map((r) => ({ description: r.description ?? '', hs8: r.hs8 ?? '' }));
const independent = read(resolve(import.meta.dirname, '../../data/matching/independent.csv'));
const dev = read(resolve(import.meta.dirname, '../../../shared/data/matching/dev.csv'));
const pct = (n: number) => `${(100 * n).toFixed(1)}%`.padStart(7);

function score(matcher: Matcher, rows: readonly Row[]) {
  let top1 = 0;
  let answered = 0;
  let right = 0;
  for (const row of rows) {
    const result = matcher.match(row.description, 3);
    const hit = result.candidates[0]?.hsCode.slice(0, 8) === row.hs8;
    if (hit) top1 += 1;
    if (!result.abstained) {
      answered += 1;
      if (hit) right += 1;
    }
  }
  return { top1: top1 / rows.length, coverage: answered / rows.length, precision: answered ? right / answered : 0 };
}

const topCode = (types: readonly ProductType[]) => {
  const matcher = createMatcher(types);
  return (description: string) => {
    const result = matcher.match(description, 1);
    return result.abstained ? undefined : result.candidates[0]?.hsCode.slice(0, 8);
  };
};

function confirmationsFrom(matcher: Matcher, pool: readonly Row[]): ConfirmedCode[] {
  return pool.map((row) => {
    const result = matcher.match(row.description, 1);
    const fixed = result.abstained || result.candidates[0]?.hsCode.slice(0, 8) !== row.hs8;
    return { description: row.description, hsCode: row.hs8, source: 'declared' as const, fixed };
  });
}

/**
 * The lines a person fixed, matched again after learning: a firm lists and declares the same goods
 * again, so this is what the next declaration of the same title gets (answered and right / fixed).
 */
function fixedLinesRight(matcher: Matcher, pool: readonly Row[], confirmations: readonly ConfirmedCode[]): string {
  const fixed = pool.filter((_, i) => confirmations[i]!.fixed);
  const right = fixed.filter((row) => {
    const result = matcher.match(row.description, 1);
    return !result.abstained && result.candidates[0]?.hsCode.slice(0, 8) === row.hs8;
  });
  return `${right.length}/${fixed.length}`;
}

function main(): void {
  const types: ProductType[] = loadCatalogue();
  const base = createMatcher(types);
  const pool = independent.filter((_, i) => i % 2 === 1);
  const held = independent.filter((_, i) => i % 2 === 0);
  const confirmations = confirmationsFrom(base, pool);
  const history = confirmationsFrom(
    base,
    dev.filter((_, i) => i % 2 === 1),
  );
  const devHeld = dev.filter((_, i) => i % 2 === 0);
  console.log(
    `\n=== learning curve: ${pool.length} pool titles (${confirmations.filter((c) => c.fixed).length} fixed by hand), ${held.length} held back ===`,
  );
  console.log(
    '  min evidence  pool titles fed  aliases   top1-hs8  coverage  precision   dev (held half) top1   fixed lines fed, right now',
  );
  const s0 = score(base, held);
  console.log(
    `  no learning (baseline)                     ${pct(s0.top1)}   ${pct(s0.coverage)}   ${pct(s0.precision)}    ${pct(score(base, devHeld).top1)}`,
  );
  for (const minEvidence of [1, 2]) {
    for (const n of [0, 50, 100, 150, confirmations.length]) {
      const fed = [...history, ...confirmations.slice(0, n)];
      const { kept: proposals } = checkAgainstConfirmations(
        types,
        fed,
        learnAliases(types, fed, { minEvidence }),
        topCode,
      );
      const matcher = createMatcher(withLearnedAliases(types, proposals));
      const s = score(matcher, held);
      const devTop1 = n === confirmations.length ? pct(score(matcher, devHeld).top1) : '      -';
      const refed = fixedLinesRight(matcher, pool.slice(0, n), confirmations.slice(0, n));
      console.log(
        `  ${String(minEvidence).padStart(12)}  ${String(n).padStart(15)}  ${String(proposals.length).padStart(7)}   ${pct(s.top1)}   ${pct(s.coverage)}   ${pct(s.precision)}    ${devTop1}              ${refed}`,
      );
    }
  }
}

main();
