/**
 * Copies the official source files the catalogue is built from into `catalogue/data/`, keeping only
 * the rows of the codes in scope (see scope.ts) so the product carries what it uses and no more.
 * The product never reads the shared folder; this script runs by hand when a new official list
 * is adopted:
 *
 *   pnpm tsx packages/core/src/price-library/catalogue/build/refresh-sources.ts ../shared/data
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, stringifyCsv } from '../csv';
import { inScope, scopeChapters } from './scope';

const dataDir = new URL('../data/', import.meta.url);

function copyFiltered(from: string, file: string, keep: (row: Record<string, string>) => boolean): void {
  const text = readFileSync(join(from, file), 'utf8');
  const columns = text.slice(0, text.indexOf('\n')).split(',');
  const rows = parseCsv(text).filter(keep);
  writeFileSync(new URL(file, dataDir), stringifyCsv(columns, rows));
  console.log(`${file}: ${rows.length} rows`);
}

/** A Taiwan or HS-master code (2 to 10 digits) is kept when its chapter or heading is in scope. */
function codeInScope(code: string): boolean {
  if (code.length === 2)
    return (
      (scopeChapters as readonly string[]).includes(code) ||
      ['30', '40', '44', '48', '56', '58', '69', '70', '76', '84', '90', '91'].includes(code)
    );
  return /^\d+$/.test(code) && inScope(code.padEnd(4, '0'));
}

function main(): void {
  const from = process.argv[2];
  if (!from) throw new Error('usage: refresh-sources.ts <path to shared/data>');
  copyFiltered(from, 'cn_customs_hs8_2023.csv', (row) => inScope(row.hs8 ?? ''));
  copyFiltered(from, 'cn_customs_units_of_measure.csv', () => true);
  copyFiltered(from, 'cn_customs_stats_units.csv', () => true);
  copyFiltered(from, 'hs_master_zh_en.csv', (row) => codeInScope(row.hscode ?? ''));
  copyFiltered(from, 'tw_customs_tariff_hs2017_zh_en.csv', (row) => codeInScope(row.code ?? ''));
}

main();
