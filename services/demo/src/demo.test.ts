import { describe, expect, it } from 'vitest';
import { containerNumber, residentId, uscc } from './identities';
import { createProgress } from './progress';
import { createRandom } from './random';
import { formatTable, statisticsTable } from './report';
import { planConsolidations, type ShippingContext } from './shipping';
import type { DemoOperator } from './registry';
import type { RecordedTransaction } from './trade';
import { validateContainerNumber, validateResidentId, validateUscc } from '@baigou/core';

const random = createRandom(42);
const silent = createProgress({ line: () => {} }, false);

function operator(index: number, currency: 'CNY' | 'USD'): DemoOperator {
  return {
    index,
    nameZh: `firm ${index}`,
    key: 'k',
    orgId: 'o',
    currency,
    homeMarkets: [],
    merchants: [],
    purchasers: [],
  };
}

function sale(
  id: number,
  owner: DemoOperator,
  country: string,
  totalAmount: number,
  status = 'submitted',
): RecordedTransaction {
  return {
    id: `t${id}`,
    tradingNo: `BG${id}`,
    status,
    operator: owner,
    purchaser: { id: `p-${country}`, country, name: 'buyer' },
    tradeDate: `2026-11-${String((id % 26) + 1).padStart(2, '0')}`,
    currency: owner.currency,
    totalAmount,
    lineCount: 2,
    hasToys: false,
  };
}

describe('demo month planning', () => {
  it('plans each consolidation for one operator and one destination, under the USD 150,000 cap at the month rate', () => {
    const cny = operator(0, 'CNY');
    const usd = operator(1, 'USD');
    const sales = [
      ...Array.from({ length: 300 }, (_, i) => sale(i, cny, i % 3 ? 'RUS' : 'KAZ', 40_000 + (i % 7) * 1_000)),
      ...Array.from({ length: 100 }, (_, i) => sale(1_000 + i, usd, 'ARE', 9_000)),
      sale(5_000, cny, 'RUS', 10_000, 'in_review'),
    ];
    const context: ShippingContext = {
      api: undefined as never,
      random,
      runTag: 1,
      concurrency: 1,
      cnyPerUsd: 7.1,
      transportModes: new Set(['2', '3', '4']),
      phase: silent.phase('x', 'y'),
    };
    const plans = planConsolidations(context, sales);
    const planned = plans.flatMap((plan) => plan.transactions.map((transaction) => transaction.id));
    expect(new Set(planned).size).toBe(400);
    expect(planned).not.toContain('t5000');
    for (const plan of plans) {
      expect(
        new Set(
          plan.transactions.map((transaction) => `${transaction.operator.index}|${transaction.purchaser.country}`),
        ).size,
      ).toBe(1);
      const usdValue = plan.transactions.reduce(
        (sum, each) => sum + (each.currency === 'USD' ? each.totalAmount : each.totalAmount / 7.1),
        0,
      );
      expect(usdValue).toBeLessThanOrEqual(145_000);
    }
  });

  it('makes identifiers with valid check characters', () => {
    expect(validateUscc(uscc('92', '130684', '12345ABCD')).ok).toBe(true);
    expect(validateResidentId(residentId(random)).ok).toBe(true);
    expect(validateContainerNumber(containerNumber('CSN', 123_456)).ok).toBe(true);
  });
});

describe('statistics table', () => {
  const figure = (label: string, month: string) => ({
    figure: label,
    label,
    month,
    ytd: month,
    lastYear: '0',
    yoyPct: null,
  });

  it('shows a single-member dimension as one line per figure with month, year to date, last year and year on year', () => {
    const rows = statisticsTable({
      rows: [{ key: '', name: null, figures: [figure('报关单数', '12'), figure('出口额(美元)', '100.50')] }],
    });
    expect(rows).toEqual([
      { 指标: '报关单数', 本月: '12', 本年累计: '12', 去年同月: '0', '同比%': null },
      { 指标: '出口额(美元)', 本月: '100.50', 本年累计: '100.50', 去年同月: '0', '同比%': null },
    ]);
  });

  it('shows a member dimension as one line per member, and aligns Chinese text by display width', () => {
    const rows = statisticsTable({
      rows: [
        { key: 'RUS', name: '俄罗斯联邦', figures: [figure('报关单数', '7')] },
        { key: 'ARE', name: '阿联酋', figures: [figure('报关单数', '12')] },
      ],
    });
    expect(rows).toEqual([
      { 成员: 'RUS 俄罗斯联邦', 报关单数: '7' },
      { 成员: 'ARE 阿联酋', 报关单数: '12' },
    ]);
    const lines = formatTable(rows);
    // Two columns per CJK character: every line has the same display width, numbers right-aligned.
    expect(lines[2]).toBe('  RUS 俄罗斯联邦         7');
    expect(lines[3]).toBe('  ARE 阿联酋            12');
  });
});
