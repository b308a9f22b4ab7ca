import type { Api, ApiResult } from './client';
import type { Output } from './progress';

/**
 * The month's two closing steps: the statistics report center staff send to the commerce
 * department, and the offline verification of one declaration's evidence bundle. Both APIs are
 * newer than the rest of the platform: a platform without them answers 404 (route not found) and
 * the demo says so instead of failing.
 */

/** Dimensions printed after the month, in this order; member dimensions show their first rows. */
export const STATISTICS_DIMENSIONS = ['totals', 'country', 'chapter', 'transport', 'fx', 'risk'] as const;
const MEMBER_ROWS = 10;
const MEMBER_FIGURES = 5;

/** The platform's answer to a path it has no route for (not to a missing record). */
const routeMissing = (answer: ApiResult<unknown>) =>
  !answer.ok && answer.status === 404 && answer.problem.code === 'route.not_found';

type Row = Record<string, unknown>;

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** Display width: CJK characters take two columns. */
const width = (text: string) =>
  [...text].reduce(
    (sum, char) =>
      sum +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char)
        ? 2
        : 1),
    0,
  );
const pad = (text: string, size: number, right: boolean) =>
  right ? ' '.repeat(Math.max(0, size - width(text))) + text : text + ' '.repeat(Math.max(0, size - width(text)));

/** A plain-text table of `rows`, numbers right-aligned. */
export function formatTable(rows: readonly Row[]): string[] {
  if (!rows.length) return ['  (no rows)'];
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((column) => cell(row[column])));
  const sizes = columns.map((column, index) => Math.max(width(column), ...cells.map((line) => width(line[index]!))));
  const numeric = columns.map((_, index) =>
    cells.every((line) => line[index] === '' || /^[-+]?[\d,.]+%?$/.test(line[index]!)),
  );
  const render = (line: string[]) =>
    `  ${line.map((text, index) => pad(text, sizes[index]!, numeric[index]!)).join('  ')}`;
  return [render(columns), `  ${sizes.map((size) => '─'.repeat(size)).join('  ')}`, ...cells.map(render)];
}

interface Figure {
  figure: string;
  label: string;
  month: string | null;
  ytd: string | null;
  lastYear: string | null;
  yoyPct: string | null;
}

interface StatisticsAnswer {
  rows?: { key: string; name: string | null; figures: Figure[] }[];
}

/**
 * Tables of one dimension: a single-member dimension (totals, FX, risk) as one line per figure
 * with month, year to date, same month last year and year-on-year; a member dimension (country,
 * chapter …) as one line per member with the month value of its first figures.
 */
export function statisticsTable(body: unknown): Row[] {
  const rows = (body as StatisticsAnswer | null)?.rows;
  if (!Array.isArray(rows))
    return Array.isArray(body) ? (body as Row[]) : body && typeof body === 'object' ? [body as Row] : [];
  if (rows.length === 1 && !rows[0]!.key) {
    return rows[0]!.figures.map((figure) => ({
      指标: figure.label,
      本月: figure.month,
      本年累计: figure.ytd,
      去年同月: figure.lastYear,
      '同比%': figure.yoyPct,
    }));
  }
  return rows.slice(0, MEMBER_ROWS).map((row) => ({
    [rows.length > MEMBER_ROWS ? `成员 (${MEMBER_ROWS}/${rows.length})` : '成员']: row.name
      ? `${row.key} ${row.name}`
      : row.key,
    ...Object.fromEntries(row.figures.slice(0, MEMBER_FIGURES).map((figure) => [figure.label, figure.month])),
  }));
}

/** Prints the month's statistics table per dimension; answers false when the API is not there yet. */
export async function printMonthlyStatistics(
  api: Api,
  staffKey: string,
  month: string,
  output: Output,
): Promise<boolean> {
  output.line('');
  output.line(
    `Statistics of ${month}, by customs release date (GET /v1/statistics/monthly): declarations released or exported, counted in the month customs released them (海关放行日期, China time); risk figures by trade date`,
  );
  for (const dimension of STATISTICS_DIMENSIONS) {
    const answer = await api.get<unknown>(staffKey, `/v1/statistics/monthly?month=${month}&by=${dimension}`);
    if (routeMissing(answer)) {
      output.line('  statistics: not available yet on this platform (GET /v1/statistics/monthly answers 404)');
      return false;
    }
    output.line('');
    output.line(`  by ${dimension}`);
    if (!answer.ok) {
      output.line(
        `  ${answer.problem.status} ${answer.problem.code}${answer.problem.detail ? `: ${answer.problem.detail}` : ''}`,
      );
      continue;
    }
    for (const line of formatTable(statisticsTable(answer.body))) output.line(line);
  }
  return true;
}

type VerifyBundle = (zip: Uint8Array) => unknown;

/** `verifyBundle` from @baigou/core's provenance module, once that module exists. */
async function loadVerifyBundle(): Promise<VerifyBundle | null> {
  const core: Record<string, unknown> = await import('@baigou/core');
  return typeof core.verifyBundle === 'function' ? (core.verifyBundle as VerifyBundle) : null;
}

/** Downloads one declaration's evidence bundle as customs would and verifies it offline. */
export async function verifyDeclarationProvenance(
  api: Api,
  customsKey: string,
  declaration: { id: string; label: string },
  output: Output,
): Promise<boolean | null> {
  output.line('');
  output.line(`Provenance of declaration ${declaration.label} (GET /v1/trace/declarations/${declaration.id}/bundle)`);
  const answer = await api.getBytes(customsKey, `/v1/trace/declarations/${declaration.id}/bundle`);
  if (routeMissing(answer)) {
    output.line('  provenance: not available yet on this platform (the trace API answers 404)');
    return null;
  }
  if (!answer.ok) {
    output.line(
      `  bundle refused: ${answer.problem.status} ${answer.problem.code}${answer.problem.detail ? `: ${answer.problem.detail}` : ''}`,
    );
    return false;
  }
  const verifyBundle = await loadVerifyBundle();
  if (!verifyBundle) {
    output.line(`  bundle downloaded (${answer.body.length} bytes); verifyBundle is not available yet in @baigou/core`);
    return null;
  }
  const verdict = (await verifyBundle(new Uint8Array(answer.body))) as {
    ok?: unknown;
    treeSize?: number;
    subject?: { label?: string };
    checks?: { item: string; ok: boolean }[];
  } | null;
  const ok = verdict?.ok === true;
  const checks = Array.isArray(verdict?.checks) ? verdict.checks : [];
  output.line(
    `  evidence bundle of ${answer.body.length} bytes${verdict?.subject?.label ? ` for ${verdict.subject.label}` : ''} verified offline: ${ok ? 'OK' : 'FAILED'}`,
  );
  if (checks.length)
    output.line(
      `  ${checks.filter((check) => check.ok).length}/${checks.length} checks passed${verdict?.treeSize ? ` against a log of ${verdict.treeSize} events` : ''}`,
    );
  for (const check of checks.filter((each) => !each.ok)) output.line(`  failed: ${check.item}`);
  return ok;
}
