/**
 * `pnpm bench:match-loso`: does the matcher's learned second opinion (model:title-nb) generalise?
 * Leave-one-set-out over the labelled titles it trains on (catalogue/labelled-titles.csv): for each
 * set other than dev (the tuning sets, holdout, holdout-2, holdout-3), a matcher whose model was
 * trained without that set answers it, beside the rules alone. The rules were tuned on every one of
 * these sets, so the rules' figures here are optimistic and the model's room small; the fresh holdouts
 * (`pnpm bench:match`, holdout-4 / holdout-5) are the figures for titles nobody tuned for.
 */
import { loadCatalogue } from '../../packages/core/src/price-library/catalogue/catalogue';
import {
  type LabelledTitle,
  loadLabelledTitles,
} from '../../packages/core/src/price-library/catalogue/labelled-titles';
import { createMatcher, type Matcher } from '../../packages/core/src/price-library/matcher/matcher';
import { accuracy, type Prediction, precisionAtCoverage } from './match-report.bench-support';

const answer = (matcher: Matcher, title: string): Prediction => {
  const result = matcher.match(title, 3);
  return {
    ranked: result.candidates.map((c) => c.hsCode.slice(0, 8)),
    abstained: result.abstained,
    score: result.candidates[0]?.score ?? 0,
  };
};

/** Top-1 and top-3 HS8, and the precision of the 85% most confident answers. */
function figures(titles: readonly LabelledTitle[], answers: readonly Prediction[]): string {
  const rows = titles.map((t) => ({ ...t, chapter: t.hs8.slice(0, 2) }));
  const pct = (share: number) => `${(100 * share).toFixed(1)}%`.padStart(7);
  return [accuracy(rows, answers, 8, 1), accuracy(rows, answers, 8, 3), precisionAtCoverage(rows, answers, 0.85)]
    .map(pct)
    .join(' ');
}

function main(): void {
  const types = loadCatalogue();
  const labelled = loadLabelledTitles();
  const rules = createMatcher(types, { labelledTitles: null });
  const sets = [...new Set(labelled.titles.map((t) => t.source))].filter((s) => s !== 'dev').sort();
  const pooled = { rows: [] as LabelledTitle[], rules: [] as Prediction[], model: [] as Prediction[] };
  console.log('\n=== leave-one-set-out: the rules alone | with the second opinion trained without the set ===');
  console.log(`  ${'set'.padEnd(18)} ${'rows'.padStart(5)}   top-1   top-3  prec@85 |   top-1   top-3  prec@85`);
  for (const set of sets) {
    const rows = labelled.titles.filter((t) => t.source === set);
    const titles = labelled.titles.filter((t) => t.source !== set);
    const matcher = createMatcher(types, { labelledTitles: { titles, sha256: `without-${set}` } });
    const byRules = rows.map((row) => answer(rules, row.description));
    const byModel = rows.map((row) => answer(matcher, row.description));
    console.log(
      `  ${set.padEnd(18)} ${String(rows.length).padStart(5)} ${figures(rows, byRules)} | ${figures(rows, byModel)}`,
    );
    pooled.rows.push(...rows);
    pooled.rules.push(...byRules);
    pooled.model.push(...byModel);
  }
  const n = String(pooled.rows.length).padStart(5);
  console.log(
    `  ${'pooled'.padEnd(18)} ${n} ${figures(pooled.rows, pooled.rules)} | ${figures(pooled.rows, pooled.model)}`,
  );
}

main();
