import { describe, expect, it } from 'vitest';
import { statisticsCsv } from './statistics.export';
import { zeroValues, type RawFigure } from './statistics.models';
import { hsNamesOf } from './statistics.names';
import type { MonthlyStatisticsView } from './statistics.schemas';
import { dimensionRows, FigureIndex } from './statistics.views';

const usd = (dimension: RawFigure['dimension'], member: string, month: string): RawFigure => ({
  dimension,
  member,
  figure: 'valueUsd',
  values: { ...zeroValues(), month },
});

const index = new FigureIndex([
  usd('totals', '', '300.00'),
  usd('product_type', 'PT-42022200', '200.00'),
  usd('product_type', 'PT-39269090', '100.00'),
  usd('chapter', '42', '200.00'),
  usd('transport', '3', '250.00'),
  usd('transport', '2', '50.00'),
  usd('rail', 'china_europe_rail', '250.00'),
]);

const monthOf = (row: { figures: { figure: string; month: string | null }[] }) =>
  Number(row.figures.find((figure) => figure.figure === 'valueUsd')!.month);

describe('subtotal (其中) rows of the statistics tables', () => {
  it('marks the chapter 42 and China–Europe rail rows as subtotals, so the member rows alone add up to the total', () => {
    for (const dimension of ['product_type', 'transport'] as const) {
      const rows = dimensionRows(dimension, index, new Map());
      const members = rows.filter((row) => !row.subtotal);
      const subtotals = rows.filter((row) => row.subtotal);
      expect(subtotals.map((row) => row.key)).toEqual([dimension === 'transport' ? 'china_europe_rail' : 'chapter:42']);
      expect(members.reduce((sum, row) => sum + monthOf(row), 0)).toBe(300);
      expect(rows.reduce((sum, row) => sum + monthOf(row), 0)).toBeGreaterThan(300);
    }
    for (const dimension of ['totals', 'chapter', 'country', 'fx', 'risk'] as const) {
      expect(dimensionRows(dimension, index, new Map()).every((row) => row.subtotal === false)).toBe(true);
    }
  });

  it('marks them in the CSV (and so the XLSX, same rows) in a 其中项 column', () => {
    const view: MonthlyStatisticsView = {
      month: '2026-10',
      dimension: 'transport',
      basis: 'export figures by release date',
      status: 'live',
      version: null,
      periods: { month: '2026-10', ytd: '2026-01..2026-10', lastYear: '2025-10', ytdLastYear: '2025-01..2025-10' },
      rows: dimensionRows('transport', index, new Map()),
    };
    const [header, ...lines] = statisticsCsv([view]).slice(1).trimEnd().split('\r\n');
    expect(header!.split(',').at(-1)).toBe('其中项');
    const marks = new Map(lines.map((line) => [line.split(',')[2], line.split(',').at(-1)]));
    expect(Object.fromEntries(marks)).toEqual({ '3': '', '2': '', china_europe_rail: '是' });
  });
});

describe('names of HS chapters and headings', () => {
  it('carries the Chinese name of every chapter and of the headings the market trades', () => {
    const names = hsNamesOf(['42', '4202', '39', '3926', '61', '6109', '95', '9503', '0000']);
    expect(names.get('42')).toMatch(/^皮革制品；鞍具及挽具；旅行用物品、手提袋及类似容器/);
    expect(names.get('4202')).toMatch(/^衣箱、手提箱/);
    expect(names.get('3926')).toMatch(/塑料/);
    expect(names.has('0000')).toBe(false);
    const chapters = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '77');
    expect(hsNamesOf(chapters).size).toBe(96);
  });
});
