import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statisticsCsv, statisticsXlsx } from './statistics.export';
import type { FigureView, MonthlyStatisticsView } from './statistics.schemas';

/**
 * The statistics files opened by a real spreadsheet program, LibreOffice Calc (headless), where it
 * (`soffice` on PATH; Debian package libreoffice-calc-nogui, which .ci/run installs): the CSV with its
 * encoding left for Calc to detect from the BOM, the workbook as Calc reads it. Calc then saves what it
 * read as XLSX, which is read back here. Without `soffice` the tests fail, saying what to install: a
 * skipped check looks like a passed one in a summary.
 */

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

const figure = (
  name: string,
  label: string,
  kind: FigureView['kind'],
  month: string,
  lastYear: string,
  yoyPct: string | null,
): FigureView => ({
  figure: name,
  label,
  kind,
  month,
  ytd: month,
  lastYear,
  ytdLastYear: lastYear,
  yoyPct,
  ytdYoyPct: yoyPct,
});

const merchants: MonthlyStatisticsView = {
  month: '2026-10',
  dimension: 'merchant',
  basis: 'export figures by release date',
  status: 'published',
  version: 2,
  periods: { month: '2026-10', ytd: '2026-01..2026-10', lastYear: '2025-10', ytdLastYear: '2025-01..2025-10' },
  rows: [
    {
      key: 'm-1',
      name: '白沟新城 晓丽箱包商行',
      subtotal: false,
      figures: [
        figure('valueUsd', '出口额(美元)', 'money', '1234567.89', '1000000.00', '23.46'),
        figure('transactions', '交易笔数', 'count', '42', '50', '-16.00'),
      ],
    },
    {
      key: 'm-2',
      name: '=HYPERLINK("http://example.com","点我")',
      subtotal: false,
      figures: [figure('valueUsd', '出口额(美元)', 'money', '-12.34', '0.00', null)],
    },
  ],
};
const countries: MonthlyStatisticsView = {
  ...merchants,
  dimension: 'country',
  rows: [
    {
      key: 'RUS',
      name: '俄罗斯联邦',
      subtotal: false,
      figures: [figure('valueUsd', '出口额(美元)', 'money', '3644188.28', '0.00', null)],
    },
  ],
};

describe('statistics files in LibreOffice Calc', () => {
  beforeAll(() => {
    if (!soffice) throw new Error('soffice not found: install LibreOffice Calc (Debian: libreoffice-calc-nogui)');
  });
  const dir = mkdtempSync(join(tmpdir(), 'baigou-calc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Calc opens `file` (with `infilter`, its import options, if given) and saves what it read as XLSX, read back here. */
  async function throughCalc(file: string, infilter?: string) {
    const out = join(dir, `out-${file}`);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        ...(infilter ? [`--infilter=${infilter}`] : []),
        '--convert-to',
        'xlsx',
        '--outdir',
        out,
        join(dir, file),
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, readdirSync(out)[0]!));
    return workbook;
  }

  const text = (value: ExcelJS.CellValue) =>
    value && typeof value === 'object' && 'richText' in value
      ? value.richText.map((part) => part.text).join('')
      : value;

  it('opens the CSV with Chinese intact, figures as numbers and a formula-like name as text', async () => {
    writeFileSync(join(dir, 'merchants.csv'), statisticsCsv([merchants]));
    // Comma, double quote, character set left empty: Calc detects it (here from the BOM).
    const sheet = (await throughCalc('merchants.csv', 'CSV:44,34,,1')).worksheets[0]!;
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text)).toEqual([
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
    ]);
    expect(text(sheet.getRow(2).getCell(4).value)).toBe('白沟新城 晓丽箱包商行');
    expect(sheet.getRow(2).getCell(6).value).toBe(1234567.89);
    expect(sheet.getRow(3).getCell(6).value).toBe(42);
    expect(sheet.getRow(3).getCell(10).value).toBe(-16);
    const injected = sheet.getRow(4);
    expect(text(injected.getCell(4).value)).toBe(`'=HYPERLINK("http://example.com","点我")`);
    expect(injected.getCell(4).formula).toBeUndefined();
    expect(injected.getCell(6).value).toBe(-12.34);
  });

  it('opens the workbook with a sheet per dimension, typed numeric cells and the 说明 sheet', async () => {
    writeFileSync(join(dir, 'report.xlsx'), await statisticsXlsx([countries, merchants]));
    const workbook = await throughCalc('report.xlsx');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['2026-10 国别(地区)', '2026-10 商户', '说明']);
    const rus = workbook.getWorksheet('2026-10 国别(地区)')!.getRow(2);
    expect(text(rus.getCell(4).value)).toBe('俄罗斯联邦');
    expect(rus.getCell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(rus.getCell(6).value).toBe(3644188.28);
    const injected = workbook.getWorksheet('2026-10 商户')!.getRow(4);
    expect(text(injected.getCell(4).value)).toBe('=HYPERLINK("http://example.com","点我")');
    expect(injected.getCell(4).formula).toBeUndefined();
    expect(text(workbook.getWorksheet('说明')!.getRow(3).getCell(2).value)).toBe('已发布 第2版');
  });
});
