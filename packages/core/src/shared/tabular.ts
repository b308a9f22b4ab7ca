import ExcelJS from 'exceljs';

/**
 * Tables a person opens in a spreadsheet (ARCHITECTURE §5): CSV in UTF-8 with a BOM (so Excel reads
 * the Chinese headers) and CRLF line ends, or XLSX whose numbers are numeric cells.
 */

export type Cell = string | number | null;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab or CR first: CSV injection, OWASP) gets
 * a leading apostrophe, so a merchant named `=HYPERLINK(…)` shows as text. Plain numbers such as
 * `-12.34` are left alone: they are figures, not formulas.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;
const inert = (text: string) => (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text);

const csvCell = (cell: Cell) => {
  const text = cell === null ? '' : typeof cell === 'number' ? String(cell) : inert(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Rows as CSV lines (no BOM, no line ends): for documents of several tables. */
export const csvLines = (rows: readonly (readonly Cell[])[]) => rows.map((row) => row.map(csvCell).join(','));

/** A CSV document of `lines` (from csvLines, blank lines or captions between tables): BOM first, CRLF. */
export const csvDocument = (lines: readonly string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;

/** A workbook of named sheets, each a header row and rows; numbers stay numbers. */
export async function xlsxWorkbook(
  sheets: readonly { name: string; rows: readonly (readonly Cell[])[] }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) worksheet.addRow([...row]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
