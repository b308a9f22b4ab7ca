import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvDocument, csvLines, xlsxWorkbook } from './tabular';

describe('CSV and XLSX tables', () => {
  it('writes a BOM, CRLF line ends and RFC 4180 quoting, with Chinese intact', () => {
    const csv = csvDocument(
      csvLines([
        ['名称', '备注'],
        ['白沟箱包, 有限公司', 'say "hi"\nbye'],
        [null, 12.5],
      ]),
    );
    expect(csv.startsWith('\uFEFF名称,备注\r\n')).toBe(true);
    expect(csv).toBe('\uFEFF名称,备注\r\n"白沟箱包, 有限公司","say ""hi""\nbye"\r\n,12.5\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x","点我")', `"'=HYPERLINK(""http://x"",""点我"")"`],
    ['+1+cmd|x', "'+1+cmd|x"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
  ])('neutralises the formula %j as text', (text, cell) => {
    expect(csvLines([[text]])).toEqual([cell]);
  });

  it.each(['-12.34', '+5', '0.00', '-7', '白沟 -12', 'a=b'])('leaves %j as it is (a figure or plain text)', (text) => {
    expect(csvLines([[text]])).toEqual([text]);
  });

  it('keeps numbers numeric and formula-like text as text in XLSX', async () => {
    const buffer = await xlsxWorkbook([
      {
        name: '表',
        rows: [
          ['名称', '金额'],
          ['=1+1', 1234.56],
        ],
      },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const row = workbook.getWorksheet('表')!.getRow(2);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(1).value).toBe('=1+1');
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(2).value).toBe(1234.56);
  });
});
