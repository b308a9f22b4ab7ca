import { parse } from 'csv-parse/sync';
import { ExactDecimal } from '../shared/money';
import ExcelJS from 'exceljs';
import { isCalendarDate } from '../shared/dates';
import type { ProductType } from './price-library.catalogue';
import { priceLibraryErrors } from './price-library.errors';
import { bandKey, type Band } from './price-library.models';
import { unitFactor } from './units';

/**
 * Staff price lists (CSV or XLSX): one reference band per row. Every row is checked and every
 * problem reported; a list with any bad row is refused whole, so nothing of it is imported.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1, the first band row 2.
 */
export const importColumns = [
  'product_type_code',
  'unit',
  'currency',
  'median',
  'q1',
  'q3',
  'sample_size',
  'window_from',
  'window_to',
  'source',
] as const;
type ImportColumn = (typeof importColumns)[number];
const optionalColumns: readonly ImportColumn[] = ['source'];

/** A list larger than this is refused before its rows are checked. */
export const MAX_IMPORT_ROWS = 50_000;

export type ImportFormat = 'csv' | 'xlsx';

export interface RowIssue {
  column: string;
  message: string;
}

export interface RowReport {
  row: number;
  errors: RowIssue[];
}

export interface RawTable {
  header: string[];
  rows: { row: number; cells: string[] }[];
}

export async function readPriceList(content: Buffer, format: ImportFormat): Promise<RawTable> {
  const records = format === 'csv' ? readCsv(content) : await readXlsx(content);
  const [header, ...rows] = records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  if (!header) throw priceLibraryErrors.importUnreadable({ detail: 'the file has no header row' });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw priceLibraryErrors.importUnreadable({
      detail: `the file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} are accepted per import`,
    });
  }
  return { header: header.cells.map((cell) => cell.trim().toLowerCase()), rows };
}

function readCsv(content: Buffer): { row: number; cells: string[] }[] {
  try {
    const records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    return records.map((cells, index) => ({ row: index + 1, cells }));
  } catch (error) {
    throw priceLibraryErrors.importUnreadable({
      detail: `the file is not readable CSV: ${(error as Error).message}`,
      cause: error,
    });
  }
}

async function readXlsx(content: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; a Node Buffer is a view on one, so hand it the bytes it views.
    await workbook.xlsx.load(new Uint8Array(content).buffer);
  } catch (error) {
    throw priceLibraryErrors.importUnreadable({ detail: 'the file is not a readable XLSX workbook', cause: error });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw priceLibraryErrors.importUnreadable({ detail: 'the workbook has no worksheet' });
  const records: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    records.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return records;
}

/** A cell as text: numbers in their shortest exact form, dates as YYYY-MM-DD, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

export interface ImportContext {
  /** Product types of the version the list is applied to. */
  types: ReadonlyMap<string, ProductType>;
  isOfficialUnit(code: string): boolean;
  isKnownCurrency(code: string): boolean;
  effectiveFrom: string;
  defaultSource: string;
}

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

function checkHeader(header: readonly string[]): RowIssue[] {
  const issues: RowIssue[] = [];
  const known = new Set<string>(importColumns);
  header.forEach((column, index) => {
    if (!known.has(column))
      issues.push({
        column: column || `column ${index + 1}`,
        message: `unknown column; expected ${importColumns.join(', ')}`,
      });
    else if (header.indexOf(column) !== index) issues.push({ column, message: 'column appears twice' });
  });
  for (const column of importColumns) {
    if (!optionalColumns.includes(column) && !header.includes(column))
      issues.push({ column, message: 'required column is missing' });
  }
  return issues;
}

/** The problems of one price cell, or the decimal. */
function price(value: string, column: string, issues: RowIssue[]): ExactDecimal | null {
  if (!DECIMAL.test(value)) {
    issues.push({ column, message: `"${value}" is not a decimal with at most 12 integer digits and 6 decimals` });
    return null;
  }
  const decimal = new ExactDecimal(value);
  if (decimal.lte(0)) {
    issues.push({ column, message: 'must be greater than zero' });
    return null;
  }
  return decimal;
}

function checkUnit(unit: string, type: ProductType | undefined, context: ImportContext, issues: RowIssue[]) {
  if (!context.isOfficialUnit(unit)) {
    issues.push({ column: 'unit', message: `"${unit}" is not in the official unit list (3-digit 计量单位 code)` });
    return;
  }
  if (!type) return;
  const typeUnits = [type.defaultUnit, type.unit1, ...(type.unit2 ? [type.unit2] : [])];
  if (!typeUnits.some((typeUnit) => unitFactor(unit, typeUnit) !== null)) {
    issues.push({
      column: 'unit',
      message: `unit ${unit} does not convert to the product type's units (${[...new Set(typeUnits)].join(', ')})`,
    });
  }
}

function checkDates(cells: Record<ImportColumn, string>, context: ImportContext, issues: RowIssue[]) {
  const from = cells.window_from;
  const to = cells.window_to;
  const fromOk = isCalendarDate(from);
  const toOk = isCalendarDate(to);
  if (!fromOk) issues.push({ column: 'window_from', message: `"${from}" is not a date written YYYY-MM-DD` });
  if (!toOk) issues.push({ column: 'window_to', message: `"${to}" is not a date written YYYY-MM-DD` });
  if (fromOk && toOk && from > to) issues.push({ column: 'window_from', message: 'the window starts after it ends' });
  if (toOk && to > context.effectiveFrom) {
    issues.push({
      column: 'window_to',
      message: `the window ends after the version takes effect (${context.effectiveFrom})`,
    });
  }
}

/** Checks one row; returns its band or its problems. */
export function checkRow(
  cells: Record<ImportColumn, string>,
  context: ImportContext,
): { band: Band } | { issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const type = context.types.get(cells.product_type_code);
  if (!cells.product_type_code) issues.push({ column: 'product_type_code', message: 'required' });
  else if (!type)
    issues.push({
      column: 'product_type_code',
      message: `"${cells.product_type_code}" is not a product type of the base version`,
    });
  checkUnit(cells.unit, type, context, issues);
  if (!context.isKnownCurrency(cells.currency)) {
    issues.push({ column: 'currency', message: `"${cells.currency}" is not an active ISO 4217 currency code` });
  }
  const median = price(cells.median, 'median', issues);
  const q1 = price(cells.q1, 'q1', issues);
  const q3 = price(cells.q3, 'q3', issues);
  if (median && q1 && q1.gt(median)) issues.push({ column: 'q1', message: 'q1 is above the median' });
  if (median && q3 && q3.lt(median)) issues.push({ column: 'q3', message: 'q3 is below the median' });
  const sampleSize = /^\d{1,9}$/.test(cells.sample_size) ? Number(cells.sample_size) : Number.NaN;
  if (!(sampleSize >= 1))
    issues.push({ column: 'sample_size', message: `"${cells.sample_size}" is not a whole number of at least 1` });
  checkDates(cells, context, issues);
  if (cells.source.length > 500) issues.push({ column: 'source', message: 'at most 500 characters' });
  if (issues.length) return { issues };
  return {
    band: {
      productTypeCode: cells.product_type_code,
      unit: cells.unit,
      currency: cells.currency,
      median: median!.toFixed(6),
      q1: q1!.toFixed(6),
      q3: q3!.toFixed(6),
      sampleSize,
      windowFrom: cells.window_from,
      windowTo: cells.window_to,
      source: cells.source || context.defaultSource,
    },
  };
}

/**
 * Checks the header and every row; reports each bad row with every problem in it. A band listed
 * twice (same product type and unit) is an error on its later row.
 */
export function checkPriceList(
  table: RawTable,
  context: ImportContext,
  onProgress: (checked: number, total: number) => void = () => {},
): { bands: Band[]; reports: RowReport[] } {
  const headerIssues = checkHeader(table.header);
  if (headerIssues.length) return { bands: [], reports: [{ row: 1, errors: headerIssues }] };
  const reports: RowReport[] = [];
  const bands: Band[] = [];
  const firstRowOf = new Map<string, number>();
  table.rows.forEach(({ row, cells }, index) => {
    const issues: RowIssue[] = [];
    if (cells.length > table.header.length && cells.slice(table.header.length).some((cell) => cell.trim() !== '')) {
      issues.push({
        column: '(row)',
        message: `the row has ${cells.length} cells; the header has ${table.header.length}`,
      });
    }
    const byColumn = Object.fromEntries(
      importColumns.map((column) => {
        const at = table.header.indexOf(column);
        return [column, at >= 0 ? (cells[at] ?? '').trim() : ''];
      }),
    ) as Record<ImportColumn, string>;
    const checked = checkRow(byColumn, context);
    if ('issues' in checked) issues.push(...checked.issues);
    else {
      const key = bandKey(checked.band);
      const first = firstRowOf.get(key);
      if (first !== undefined)
        issues.push({
          column: 'product_type_code',
          message: `the band (${checked.band.productTypeCode}, ${checked.band.unit}) is already given in row ${first}`,
        });
      else {
        firstRowOf.set(key, row);
        bands.push(checked.band);
      }
    }
    if (issues.length) reports.push({ row, errors: issues });
    onProgress(index + 1, table.rows.length);
  });
  if (table.rows.length === 0)
    reports.push({ row: 2, errors: [{ column: '(row)', message: 'the list has no band rows' }] });
  return { bands: reports.length ? [] : bands, reports };
}
