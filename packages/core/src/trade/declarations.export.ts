import ExcelJS from 'exceljs';
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

const GOODS_HEADERS = ['项号', '商品编号', '商品名称', '数量', '计量单位', '金额', '币制', '美元金额', '是否归并', '数量说明', '来源明细'] as const;
const CORRESPONDENCE_HEADERS = ['归并项号', '章', '归并商品编号', '归并商品名称', '来源明细', '来源商品编号', '来源商品名称', '数量', '计量单位', '净重(千克)', '金额', '美元金额'] as const;

type Cell = string | number;

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

const csvCell = (cell: Cell) => {
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csvLines = (rows: readonly (readonly Cell[])[]) => rows.map((row) => row.map(csvCell).join(','));

/** Declared lines first, then a blank line and the correspondence list; CRLF line ends, BOM first. */
export function goodsListCsv(data: GoodsListData): string {
  const lines = [
    ...csvLines([[...GOODS_HEADERS], ...goodsRows(data)]),
    '',
    '简化归类清单',
    ...csvLines([[...CORRESPONDENCE_HEADERS], ...correspondenceRows(data)]),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Two worksheets, 商品清单 and 简化归类清单; quantities and amounts are numeric cells. */
export async function goodsListXlsx(data: GoodsListData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const goods = workbook.addWorksheet('商品清单');
  goods.addRow([...GOODS_HEADERS]);
  for (const row of goodsRows(data)) goods.addRow(row);
  const correspondence = workbook.addWorksheet('简化归类清单');
  correspondence.addRow([...CORRESPONDENCE_HEADERS]);
  for (const row of correspondenceRows(data)) correspondence.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
