/**
 * A minimal RFC 4180 reader and writer. The catalogue files are small, UTF-8, LF, with a header row;
 * `packages/core` has no CSV dependency and this keeps `loadCatalogue()` synchronous.
 */
export type CsvRow = Record<string, string>;

/** Parses CSV text into rows keyed by the header. Quoted fields may hold commas, quotes and newlines. */
export function parseCsv(text: string): CsvRow[] {
  const records = parseRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records.shift();
  if (!header) return [];
  return records
    .filter((record) => record.length > 1 || record[0] !== '')
    .map((record) => Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])));
}

function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes rows as CSV with the given column order, LF line endings and a trailing newline. */
export function stringifyCsv(columns: readonly string[], rows: readonly CsvRow[]): string {
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(row[c] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}
