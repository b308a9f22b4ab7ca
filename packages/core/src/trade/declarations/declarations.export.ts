import { csvDocument, csvLines, xlsxWorkbook, type Cell } from '../../shared/tabular';
import type { DeclarationRow, DeclaredLineRow } from './declarations.repository';
import type { GoodsListCorrespondence } from './declarations.service';

/**
 * The goods list (商品清单) of a declaration and its correspondence list (简化归类清单) as CSV
 * (UTF-8 with BOM, so Excel opens the Chinese headers correctly) or XLSX (numbers as numeric cells).
 */

export interface GoodsListData {
  declaration: DeclarationRow;
  lines: readonly DeclaredLineRow[];
  correspondence: readonly GoodsListCorrespondence[];
}

const GOODS_HEADERS = [
  '项号',
  '商品编号',
  '商品名称',
  '数量',
  '计量单位',
  '金额',
  '币制',
  '美元金额',
  '是否归并',
  '数量说明',
  '来源明细',
] as const;
const CORRESPONDENCE_HEADERS = [
  '归并项号',
  '章',
  '归并商品编号',
  '归并商品名称',
  '来源明细',
  '来源商品编号',
  '来源商品名称',
  '数量',
  '计量单位',
  '净重(千克)',
  '金额',
  '美元金额',
] as const;

function goodsRows(data: GoodsListData): Cell[][] {
  return data.lines.map((line) => [
    line.lineNo,
    line.hsCode,
    line.name,
    Number(line.quantity),
    line.unit,
    Number(line.value),
    line.currency,
    Number(line.valueUsd),
    line.merged ? '是' : '否',
    line.quantityNote ?? '',
    line.sourceLineIds.join(' '),
  ]);
}

function correspondenceRows(data: GoodsListData): Cell[][] {
  return data.correspondence.flatMap((entry) =>
    entry.sources.map((source) => [
      entry.lineNo,
      entry.chapter,
      entry.hsCode,
      entry.name,
      source.lineId,
      source.hsCode,
      source.name,
      Number(source.quantity),
      source.unit,
      Number(source.netWeightKg),
      Number(source.value),
      Number(source.valueUsd),
    ]),
  );
}

/** Declared lines first, then a blank line and the correspondence list; CRLF line ends, BOM first. */
export function goodsListCsv(data: GoodsListData): string {
  const lines = [
    ...csvLines([[...GOODS_HEADERS], ...goodsRows(data)]),
    '',
    '简化归类清单',
    ...csvLines([[...CORRESPONDENCE_HEADERS], ...correspondenceRows(data)]),
  ];
  return csvDocument(lines);
}

/** Two worksheets, 商品清单 and 简化归类清单; quantities and amounts are numeric cells. */
export async function goodsListXlsx(data: GoodsListData): Promise<Buffer> {
  return xlsxWorkbook([
    { name: '商品清单', rows: [[...GOODS_HEADERS], ...goodsRows(data)] },
    { name: '简化归类清单', rows: [[...CORRESPONDENCE_HEADERS], ...correspondenceRows(data)] },
  ]);
}
