import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  createExchangeRatesService,
  createPriceLibraryService,
  createReferenceService,
  isCalendarDate,
  isDomainError,
  priceLibraryErrors,
  type RowReport,
} from '@baigou/core';
import { output, parseFlags, requireText, UsageError, withDatabase, type CommandGroup } from './cli.support';

const BAR_WIDTH = 30;

/**
 * Rows validated / total on stderr: redrawn in place on a terminal, one line per tenth otherwise
 * (a log file or a test reading the output gets a few lines, not thousands).
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  return {
    update(done: number, total: number) {
      const share = total === 0 ? 1 : done / total;
      if (stream.isTTY) {
        const filled = Math.round(share * BAR_WIDTH);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total} rows validated`);
        if (done === total) stream.write('\n');
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth !== lastTenth || done === total) {
        lastTenth = tenth;
        stream.write(`validated ${done}/${total} rows\n`);
      }
    },
  };
}

function formatFor(file: string): 'csv' | 'xlsx' {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  throw new UsageError(`--file must name a .csv or .xlsx file (got "${file}")`);
}

async function readList(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read --file ${file}: ${(error as Error).message}`);
  }
}

export const formatRowReport = (report: RowReport) =>
  `row ${report.row}: ${report.errors.map((issue) => `${issue.column}: ${issue.message}`).join('; ')}`;

async function importList(args: string[]) {
  const { values } = parseFlags({
    args,
    options: { file: { type: 'string' }, 'effective-from': { type: 'string' }, label: { type: 'string' } },
  });
  const file = requireText(values.file, 'file');
  const format = formatFor(file);
  const effectiveFrom = values['effective-from']?.trim();
  if (effectiveFrom !== undefined && !isCalendarDate(effectiveFrom)) {
    throw new UsageError(`--effective-from must be a date written YYYY-MM-DD (got "${effectiveFrom}")`);
  }
  const label = values.label?.trim() || undefined;
  const content = await readList(file);
  const bar = progressBar();
  const imported = await withDatabase(async ({ db }) => {
    const reference = createReferenceService({ db });
    const priceLibrary = createPriceLibraryService({
      db,
      reference,
      exchangeRates: createExchangeRatesService({ db, reference }),
    });
    try {
      return await priceLibrary.importPriceList(
        null,
        { filename: file, format, content, effectiveFrom, label, via: 'cli' },
        bar.update,
      );
    } catch (error) {
      // Every bad row, one line each, before the error line main prints.
      if (isDomainError(error) && error.code === priceLibraryErrors.importRejected.code) {
        for (const report of (error.extra?.rows ?? []) as RowReport[]) output.progress(formatRowReport(report));
      }
      throw error;
    }
  });
  output.result(
    JSON.stringify({
      versionId: imported.version.id,
      label: imported.version.label,
      status: imported.version.status,
      effectiveFrom: imported.version.effectiveFrom,
      rows: imported.rows,
      bandsReplaced: imported.bandsReplaced,
      bandsAdded: imported.bandsAdded,
    }),
  );
  output.progress(
    `proposed version ${imported.version.label}; staff approve it with POST /v1/price-library/versions/${imported.version.id}/approve`,
  );
}

export const pricesCommands: CommandGroup = {
  summary: 'price library (价格库): import staff price lists',
  commands: {
    import: {
      summary: 'import a price list (CSV or XLSX) as a proposed version',
      usage: `Usage: pnpm cli prices import --file <path.csv|path.xlsx> [--effective-from YYYY-MM-DD] [--label <text>]

Checks every row of the list against the active price-library version and the official unit
and currency lists, showing progress on stderr. When every row is valid, the list becomes one
proposed version (the listed bands replace or add to the active ones) and one JSON line is
printed: {"versionId","label","status","effectiveFrom","rows","bandsReplaced","bandsAdded"}.
When any row is invalid, each bad row is reported on stderr, nothing is imported, and the
exit code is 1.

Columns (header row, any order): product_type_code, unit (3-digit 计量单位), currency (ISO 4217),
median, q1, q3 (decimals, q1 <= median <= q3), sample_size (>= 1), window_from, window_to
(YYYY-MM-DD), source (optional). Rows are numbered as a spreadsheet shows them (header = 1).

  --file <path>              the list; .csv (UTF-8) or .xlsx (first worksheet)
  --effective-from <date>    the day the version takes effect (default today, China time)
  --label <text>             the version's label (default import-<date>-<id>)`,
      run: importList,
    },
  },
};
