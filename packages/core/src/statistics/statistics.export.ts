import { csvDocument, csvLines, xlsxWorkbook, type Cell } from '../shared/tabular';
import type { MonthlyStatisticsView } from './statistics.schemas';

/**
 * A month's statistics table as CSV (UTF-8 with BOM, Chinese headers) or XLSX (numeric cells): one
 * line per member and figure, with the four periods and both YoY percentages.
 */

const HEADERS = ['统计月份', '维度', '代码', '名称', '指标', '本月', '本年累计', '上年同月', '上年累计', '同比(%)', '累计同比(%)'] as const;

const DIMENSION_LABELS: Record<MonthlyStatisticsView['dimension'], string> = {
  totals: '总量',
  country: '国别(地区)',
  chapter: 'HS章',
  heading: 'HS品目(4位)',
  product_type: '价格库品类',
  operator: '经营者',
  merchant: '商户',
  transport: '运输方式',
  fx: '收汇',
  risk: '风险',
};

const numeric = (value: string | null): Cell => (value === null ? null : Number(value));

function tableRows(report: MonthlyStatisticsView, asNumbers: boolean): Cell[][] {
  const value = asNumbers ? numeric : (text: string | null): Cell => text;
  return report.rows.flatMap((row) =>
    row.figures.map((figure) => [
      report.month,
      DIMENSION_LABELS[report.dimension],
      row.key,
      row.name ?? '',
      figure.label,
      value(figure.month),
      value(figure.ytd),
      value(figure.lastYear),
      value(figure.ytdLastYear),
      value(figure.yoyPct),
      value(figure.ytdYoyPct),
    ]),
  );
}

export function statisticsCsv(report: MonthlyStatisticsView): string {
  return csvDocument(csvLines([[...HEADERS], ...tableRows(report, false)]));
}

export function statisticsXlsx(report: MonthlyStatisticsView): Promise<Buffer> {
  return xlsxWorkbook([{ name: `${report.month} ${DIMENSION_LABELS[report.dimension]}`, rows: [[...HEADERS], ...tableRows(report, true)] }]);
}
