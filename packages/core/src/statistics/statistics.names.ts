import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * Chinese names of HS chapters (2 digits) and headings (4 digits) for the statistics tables, from the
 * copy in `data/` (see data/README.md for source and caveats). Read once, on first use.
 */

let cached: ReadonlyMap<string, string> | null = null;

export function hsNames(): ReadonlyMap<string, string> {
  if (cached) return cached;
  const text = readFileSync(new URL('./data/hs_chapters_headings_zh.csv', import.meta.url), 'utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as { hscode: string; name_zh: string }[];
  cached = new Map(rows.filter((row) => row.name_zh !== '').map((row) => [row.hscode, row.name_zh]));
  return cached;
}

/** Names of the given chapter or heading codes that have one. */
export function hsNamesOf(codes: readonly string[]): Map<string, string> {
  const names = hsNames();
  const found = new Map<string, string>();
  for (const code of codes) {
    const name = names.get(code);
    if (name !== undefined) found.set(code, name);
  }
  return found;
}
