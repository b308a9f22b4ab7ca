import { readFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countedMonth, monthsAffectedBy, periodsOf, ratio, TEU_BY_CONTAINER_TYPE, yoyPct } from './statistics.models';

const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
const cents = fc
  .bigInt({ min: -(10n ** 14n), max: 10n ** 14n })
  .map((n) => new Exact(n.toString()).div(100).toFixed(2));

describe('statistics rules', () => {
  it('gives every container type of the official list its TEU: 2*标准箱 (L) are 2, 标准箱 (S) are 1', () => {
    const rows = readFileSync(
      new URL('../../../db/reference-data/cn_customs_container_types.csv', import.meta.url),
      'utf8',
    )
      .trim()
      .split('\n')
      .slice(1);
    const fromList = Object.fromEntries(
      rows.map((row) => row.split(',')).map(([code, name]) => [code, name!.includes('2*标准箱') ? 2 : 1]),
    );
    expect(TEU_BY_CONTAINER_TYPE).toEqual(fromList);
  });

  it('counts a declaration in the China month of its release, and not before release or after cancellation', () => {
    const released = {
      status: 'released',
      entryNumber: '040120260000000001',
      releasedAt: '2026-08-31T16:30:00Z',
    } as const;
    expect(countedMonth(released)).toEqual({ month: '2026-09', exportDate: '2026-09-01' });
    expect(countedMonth({ ...released, status: 'exported', exportedAt: '2026-10-02T01:00:00Z' })).toEqual({
      month: '2026-09',
      exportDate: '2026-09-01',
    });
    expect(countedMonth({ status: 'accepted', entryNumber: '040120260000000001' })).toBeNull();
    expect(
      countedMonth({
        status: 'withdrawn',
        reason: '删单',
        withdrawnFrom: 'released',
        entryNumber: '040120260000000001',
        releasedAt: released.releasedAt,
      }),
    ).toBeNull();
  });

  it('names the four periods and the published months a change reaches', () => {
    expect(periodsOf('2026-03')).toEqual({
      month: '2026-03',
      ytdFrom: '2026-01',
      lastYear: '2025-03',
      ytdLastYearFrom: '2025-01',
    });
    expect(monthsAffectedBy('2026-03')).toEqual({
      sameYear: { from: '2026-03', to: '2026-12' },
      nextYear: { from: '2027-03', to: '2027-12' },
    });
  });

  it('computes YoY % and ratios exactly, rounded half up to 2 decimals, as decimal.js does', () => {
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const expectedYoy = new Exact(b).isZero() ? null : new Exact(a).minus(b).div(b).mul(100).toFixed(2);
        const expectedRatio = new Exact(b).isZero() ? null : new Exact(a).div(b).mul(100).toFixed(2);
        const normal = (value: string | null) => (value === '-0.00' ? '0.00' : value);
        expect(normal(yoyPct(a, b))).toBe(normal(expectedYoy));
        expect(normal(ratio(a, b, 100))).toBe(normal(expectedRatio));
      }),
    );
    expect(yoyPct('150.00', '100.00')).toBe('50.00');
    expect(yoyPct('1.00', '3.00')).toBe('-66.67');
    expect(ratio('1.00', '8.00', 100)).toBe('12.50');
    expect(ratio('10.00', '0.00')).toBeNull();
  });
});
