import { csvDocument, csvLines, xlsxWorkbook, type Cell } from '../shared/tabular';
import type { MonthlyStatisticsView } from './statistics.schemas';

/**
 * A month's statistics tables as CSV (UTF-8 with BOM, Chinese headers) or XLSX (numeric cells): one
 * line per member and figure, with the four periods and both YoY percentages.
 */

const HEADERS = [
  '统计月份',
  '维度',
  '代码',
  '名称',
  '指标',
  '本月',
  '本年累计',
  '上年同月',
  '上年累计',
  '同比(%)',
  '累计同比(%)',
  '其中项',
] as const;

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

/**
 * Marks a 其中 (of which) row in the 其中项 column: its figures are already in the rows above it, so
 * a reader summing the column must leave it out.
 */
const SUBTOTAL_MARK = '是';

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
      row.subtotal ? SUBTOTAL_MARK : '',
    ]),
  );
}

/** One dimension's table, or several (the month's report) in one table told apart by the 维度 column. */
export function statisticsCsv(reports: readonly MonthlyStatisticsView[]): string {
  return csvDocument(csvLines([[...HEADERS], ...reports.flatMap((report) => tableRows(report, false))]));
}

const STATUS_LABELS: Record<MonthlyStatisticsView['status'], string> = { live: '实时(未发布)', published: '已发布' };

/** A sheet per dimension, then 说明: what the figures are counted by, their periods and the version. */
export function statisticsXlsx(reports: readonly MonthlyStatisticsView[]): Promise<Buffer> {
  const first = reports[0]!;
  const about = [
    ['项目', '内容'],
    ['统计月份', first.month],
    [
      '状态',
      first.version === null ? STATUS_LABELS[first.status] : `${STATUS_LABELS[first.status]} 第${first.version}版`,
    ],
    ['本年累计', first.periods.ytd],
    ['上年同月', first.periods.lastYear],
    ['上年累计', first.periods.ytdLastYear],
    ['统计口径', first.basis],
    ['其中项', `其中项列为"${SUBTOTAL_MARK}"的行(其中: …)是上列各行的一部分, 合计时不可与之相加`],
  ];
  return xlsxWorkbook([
    ...reports.map((report) => ({
      name: `${report.month} ${DIMENSION_LABELS[report.dimension]}`,
      rows: [[...HEADERS], ...tableRows(report, true)],
    })),
    { name: '说明', rows: about },
  ]);
}
