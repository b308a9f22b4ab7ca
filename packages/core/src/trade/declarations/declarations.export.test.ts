import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { consolidationTotals } from '../consolidations/consolidations.service';
import { goodsListCsv, goodsListXlsx, type GoodsListData } from './declarations.export';

const data = {
  declaration: {} as GoodsListData['declaration'],
  lines: [
    {
      declarationId: 'd',
      lineNo: 1,
      hsCode: '42022200',
      name: '手提包, "大号"',
      quantity: '100.000000',
      unit: '007',
      value: '4500.00',
      currency: 'CNY',
      valueUsd: '633.80',
      merged: false,
      quantityNote: null,
      sourceLineIds: ['a'],
    },
    {
      declarationId: 'd',
      lineNo: 2,
      hsCode: '42029900',
      name: '钱包',
      quantity: '3.500000',
      unit: '035',
      value: '20.10',
      currency: 'CNY',
      valueUsd: '2.83',
      merged: true,
      quantityNote: 'units differ',
      sourceLineIds: ['b', 'c'],
    },
  ],
  correspondence: [
    {
      lineNo: 2,
      chapter: '42',
      hsCode: '42029900',
      name: '钱包',
      sources: [
        {
          lineId: 'b',
          hsCode: '42029900',
          name: '钱包',
          quantity: '10',
          unit: '007',
          netWeightKg: '2.000',
          value: '12.00',
          valueUsd: '1.69',
        },
        {
          lineId: 'c',
          hsCode: '42023200',
          name: '卡包',
          quantity: '1.5',
          unit: '035',
          netWeightKg: '1.500',
          value: '8.10',
          valueUsd: '1.14',
        },
      ],
    },
  ],
} satisfies GoodsListData;

describe('goods list export', () => {
  it('writes CSV with a UTF-8 BOM, Chinese headers, quoted fields and the correspondence list after a blank line', () => {
    const csv = goodsListCsv(data);
    expect(csv.startsWith('\uFEFF项号,商品编号,商品名称')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[1]).toBe('1,42022200,"手提包, ""大号""",100,007,4500,CNY,633.8,否,,a');
    expect(rows[2]).toBe('2,42029900,钱包,3.5,035,20.1,CNY,2.83,是,units differ,b c');
    expect(rows.slice(3, 5)).toEqual(['', '简化归类清单']);
    expect(rows).toHaveLength(9);
  });

  it('writes XLSX with numeric cells for quantities and amounts and text cells for codes', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await goodsListXlsx(data)) as unknown as ArrayBuffer);
    const goods = workbook.getWorksheet('商品清单')!;
    expect(goods.getRow(2).getCell(2).value).toBe('42022200');
    expect(goods.getRow(2).getCell(5).value).toBe('007');
    expect([4, 6, 8].map((column) => goods.getRow(3).getCell(column).value)).toEqual([3.5, 20.1, 2.83]);
    const correspondence = workbook.getWorksheet('简化归类清单')!;
    expect(correspondence.getRow(3).getCell(10).value).toBe(1.5);
  });
});

describe('consolidation totals and simplification eligibility', () => {
  it('sums cartons and weights exactly and values per currency', () => {
    expect(
      consolidationTotals(
        [
          { currency: 'CNY', totalAmount: '0.10', lineCount: 2 },
          { currency: 'USD', totalAmount: '5.00', lineCount: 1 },
          { currency: 'CNY', totalAmount: '0.20', lineCount: 3 },
        ],
        [
          { cartons: 1, grossWeightKg: '0.1', netWeightKg: '0.05' },
          { cartons: 2, grossWeightKg: '0.2', netWeightKg: '0.1' },
        ],
      ),
    ).toEqual({
      lineCount: 6,
      totalCartons: 3,
      totalGrossWeightKg: '0.300',
      totalNetWeightKg: '0.150',
      valueTotals: { CNY: '0.30', USD: '5.00' },
    });
  });
});
