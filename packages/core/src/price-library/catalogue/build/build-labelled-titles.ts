/**
 * Writes `catalogue/labelled-titles.csv`, the labelled titles the matcher's learned second opinion
 * (`matcher/title-model.ts`) is trained on, from the sets that may be trained on:
 *
 * - `shared/data/matching/dev.csv` (3,090 synthetic seller titles written by the project; copied
 *   verbatim, source column `dev`), given as the first argument, since the product never reads the
 *   shared folder;
 * - the repository's tuning sets (`data/matching/tuning*.csv`) and the burned holdouts
 *   (`holdout.csv`, `holdout-2.csv`, `holdout-3.csv`).
 *
 * Never `independent.csv` or the fresh holdouts (`holdout-4.csv` onwards: evaluation sets; see
 * data/matching/README.md), nor a training title that an evaluation set also has word for word
 * (comparableTitle). Rows keep their set, id, title and gold code; codes outside the catalogue are
 * dropped. The file replaced is kept as `labelled-titles-<sha12>.csv` for the versions
 * matched with it. Run by hand when a set changes, then commit the files:
 *
 *   pnpm tsx packages/core/src/price-library/catalogue/build/build-labelled-titles.ts ../shared/data/matching/dev.csv
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { loadCatalogue } from '../catalogue';
import { parseCsv, stringifyCsv } from '../csv';
import { comparableTitle, evaluationSets } from '../labelled-titles';

const matchingDir = resolve(import.meta.dirname, '../../../../../../data/matching');
const evaluationFiles = new Set(evaluationSets.map((name) => `${name}.csv`));
const trainingSets = readdirSync(matchingDir)
  .filter((name) => /^(?:tuning.*|holdout(?:-[23])?)\.csv$/.test(name) && !evaluationFiles.has(name))
  .sort();

function rowsOf(path: string, source: string) {
  return parseCsv(readFileSync(path, 'utf8')).map((row) => ({
    source,
    id: row.id ?? '',
    description: row.description ?? '',
    hs8: row.hs8 ?? '',
  }));
}

const devPath = process.argv[2];
if (!devPath) {
  console.error('usage: build-labelled-titles.ts <path to shared/data/matching/dev.csv>');
  process.exit(2);
}
const codes = new Set(loadCatalogue().map((type) => type.hs8));
const rows = [
  ...rowsOf(devPath, 'dev'),
  ...trainingSets.flatMap((name) => rowsOf(resolve(matchingDir, name), basename(name, '.csv'))),
];
const evaluated = new Set(
  [...evaluationFiles]
    .filter((name) => existsSync(resolve(matchingDir, name)))
    .flatMap((name) => rowsOf(resolve(matchingDir, name), name).map((row) => comparableTitle(row.description))),
);
const inCatalogue = rows.filter((row) => codes.has(row.hs8) && row.description.trim());
const kept = inCatalogue.filter((row) => !evaluated.has(comparableTitle(row.description)));
const target = new URL('../labelled-titles.csv', import.meta.url);
const text = stringifyCsv(['source', 'id', 'description', 'hs8'], kept);
// The file replaced is kept under its hash: versions matched with it replay with it (labelled-titles.ts).
if (existsSync(target)) {
  const previous = readFileSync(target, 'utf8');
  const sha12 = createHash('sha256').update(previous).digest('hex').slice(0, 12);
  if (previous !== text) writeFileSync(new URL(`../labelled-titles-${sha12}.csv`, import.meta.url), previous);
}
writeFileSync(target, text);
console.log(
  `labelled-titles.csv: ${kept.length} rows from dev + ${trainingSets.join(', ')}; dropped ${rows.length - inCatalogue.length} outside the catalogue, ${inCatalogue.length - kept.length} an evaluation set also has`,
);
