import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumExact } from '../../shared/money';
import { checkValueCap, proposeSplit, toUsd, USD_VALUE_CAP } from './value-cap';

const rates = { CNY: '1', USD: '7.1', EUR: '7.75', JPY: '0.047912' };

describe('USD value cap of one declaration', () => {
  it('accepts a declaration of 149,999.99 USD and of exactly 150,000.00 USD', () => {
    expect(checkValueCap([{ lineId: 'a', valueUsd: '149999.99' }])).toEqual({
      ok: true,
      totalUsd: '149999.99',
      capUsd: '150000.00',
      headroomUsd: '0.01',
    });
    expect(
      checkValueCap([
        { lineId: 'a', valueUsd: '100000.00' },
        { lineId: 'b', valueUsd: '50000' },
      ]),
    ).toMatchObject({ ok: true, totalUsd: '150000.00', headroomUsd: '0.00' });
  });

  it('rejects a declaration whose USD value exceeds 150,000 by one cent', () => {
    expect(
      checkValueCap([
        { lineId: 'a', valueUsd: '149999.99' },
        { lineId: 'b', valueUsd: '0.02' },
      ]),
    ).toEqual({
      ok: false,
      reason: 'over_value_cap',
      totalUsd: '150000.01',
      capUsd: '150000.00',
      excessUsd: '0.01',
    });
  });

  it('adds many cent amounts without floating-point drift', () => {
    // 0.1 + 0.2 in binary floating point is 0.30000000000000004; 1,500,000 × 0.10 must be exactly the cap.
    const lines = Array.from({ length: 1_500_000 / 1000 }, (_, i) => ({ lineId: `l${i}`, valueUsd: '100.00' }));
    expect(checkValueCap(lines)).toMatchObject({ ok: true, totalUsd: USD_VALUE_CAP });
    expect(sumExact(['0.1', '0.2'])).toBe('0.3');
  });

  it('refuses USD amounts finer than a cent, so that totals stay additive', () => {
    expect(checkValueCap([{ transactionId: 't1', valueUsd: '1.005' }])).toEqual({
      ok: false,
      reason: 'invalid_amount',
      itemId: 't1',
      valueUsd: '1.005',
    });
    expect(checkValueCap([{ valueUsd: '-1' }])).toMatchObject({ reason: 'invalid_amount', itemId: '#0' });
  });
});

describe('conversion to USD at the customs monthly rate', () => {
  it('converts CNY at CNY per USD and rounds half-up to cents once, at the end', () => {
    // 1,065,000 / 7.1 = 150,000 exactly.
    expect(toUsd('1065000.00', 'CNY', rates)).toEqual({ ok: true, valueUsd: '150000.00' });
    // 100 / 7.1 = 14.0845… → 14.08; 0.355 / 7.1 = 0.05 exactly; 0.0355 / 7.1 = 0.005 → 0.01 (half-up).
    expect(toUsd('100', 'CNY', rates)).toEqual({ ok: true, valueUsd: '14.08' });
    expect(toUsd('0.355', 'CNY', rates)).toEqual({ ok: true, valueUsd: '0.05' });
    expect(toUsd('0.0355', 'CNY', rates)).toEqual({ ok: true, valueUsd: '0.01' });
  });

  it('crosses other currencies through CNY without an intermediate rounding', () => {
    // 1000 EUR × 7.75 / 7.1 = 1091.5492957…
    expect(toUsd('1000', 'EUR', rates)).toEqual({ ok: true, valueUsd: '1091.55' });
    // 20 JPY × 0.047912 / 7.1 = 0.13496…: 0.13. Rounding to CNY cents first (0.96) would give 0.14.
    expect(toUsd('20', 'JPY', rates)).toEqual({ ok: true, valueUsd: '0.13' });
    expect(toUsd('123.455', 'USD', rates)).toEqual({ ok: true, valueUsd: '123.46' });
  });

  it('reports a missing rate or a malformed amount', () => {
    expect(toUsd('1', 'GBP', rates)).toEqual({ ok: false, reason: 'missing_rate', currency: 'GBP' });
    expect(toUsd('1', 'CNY', { CNY: '1' })).toEqual({ ok: false, reason: 'missing_rate', currency: 'USD' });
    expect(toUsd('1e3', 'CNY', rates)).toEqual({ ok: false, reason: 'invalid_amount', value: '1e3' });
  });

  it('is within half a cent of the exact quotient for any amount', () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((n) => new Decimal(n.toString()).div(1000).toFixed(3));
    fc.assert(
      fc.property(amount, (value) => {
        const result = toUsd(value, 'CNY', rates);
        if (!result.ok) throw new Error('conversion failed');
        const exact = new Decimal(value).div('7.1');
        expect(new Decimal(result.valueUsd).minus(exact).abs().lte('0.005')).toBe(true);
        expect(result.valueUsd).toMatch(/^\d+\.\d{2}$/);
      }),
    );
  });
});

describe('split proposal for a packing list over the cap', () => {
  it('packs first-fit decreasing and reports a transaction that alone exceeds the cap', () => {
    const result = proposeSplit(
      [
        { transactionId: 'T1', valueUsd: '90000.00' },
        { transactionId: 'T2', valueUsd: '70000.00' },
        { transactionId: 'T3', valueUsd: '60000.00' },
        { transactionId: 'T4', valueUsd: '150000.01' },
        { transactionId: 'T5', valueUsd: '0.01' },
      ],
      USD_VALUE_CAP,
    );
    expect(result).toEqual({
      ok: false,
      reason: 'unsplittable',
      unsplittable: [{ transactionId: 'T4', valueUsd: '150000.01' }],
      groups: [
        // T5 no longer fits next to T1 and T3 (150,000.00), so it joins T2.
        { transactionIds: ['T1', 'T3'], totalUsd: '150000.00' },
        { transactionIds: ['T2', 'T5'], totalUsd: '70000.01' },
      ],
    });
  });

  it('fills a group up to exactly the cap', () => {
    expect(
      proposeSplit([
        { transactionId: 'a', valueUsd: '100000' },
        { transactionId: 'b', valueUsd: '50000.00' },
        { transactionId: 'c', valueUsd: '0.01' },
      ]),
    ).toEqual({
      ok: true,
      groups: [
        { transactionIds: ['a', 'b'], totalUsd: '150000.00' },
        { transactionIds: ['c'], totalUsd: '0.01' },
      ],
    });
  });

  it('rejects duplicate transactions and amounts finer than a cent', () => {
    expect(
      proposeSplit([
        { transactionId: 'a', valueUsd: '1' },
        { transactionId: 'a', valueUsd: '1' },
      ]),
    ).toMatchObject({ reason: 'invalid_input', transactionId: 'a' });
    expect(proposeSplit([{ transactionId: 'a', valueUsd: '1.001' }])).toMatchObject({ reason: 'invalid_input' });
  });

  const transactions = fc
    .array(fc.oneof(fc.integer({ min: 0, max: 16_000_000 }), fc.constantFrom(15_000_000, 7_500_000, 5_000_000, 1)), {
      maxLength: 40,
    })
    .map((values) =>
      values.map((cents, i) => ({
        transactionId: `TX${(i * 37) % 101}`,
        valueUsd: new Decimal(cents).div(100).toFixed(2),
      })),
    );

  it('puts every transaction in exactly one group or the unsplittable list, each group within the cap, in any input order', () => {
    fc.assert(
      fc.property(
        transactions.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
        ),
        ([list, shuffled]) => {
          const result = proposeSplit(list);
          if (!result.ok && result.reason === 'invalid_input') throw new Error('unexpected invalid input');
          const groups = result.ok ? result.groups : result.reason === 'unsplittable' ? result.groups : [];
          const unsplittable = !result.ok && result.reason === 'unsplittable' ? result.unsplittable : [];
          const placed = [
            ...groups.flatMap((group) => group.transactionIds),
            ...unsplittable.map((item) => item.transactionId),
          ];
          expect(placed.sort()).toEqual(list.map((item) => item.transactionId).sort());
          const byId = new Map(list.map((item) => [item.transactionId, item.valueUsd]));
          for (const group of groups) {
            expect(group.transactionIds.length).toBeGreaterThan(0);
            expect(new Decimal(group.totalUsd).lte(USD_VALUE_CAP)).toBe(true);
            expect(
              checkValueCap(group.transactionIds.map((id) => ({ transactionId: id, valueUsd: byId.get(id)! }))),
            ).toMatchObject({ ok: true, totalUsd: group.totalUsd });
          }
          for (const item of unsplittable) expect(new Decimal(item.valueUsd).gt(USD_VALUE_CAP)).toBe(true);
          // First fit: no later group's first transaction would have fitted into an earlier group.
          for (let j = 1; j < groups.length; j += 1) {
            const first = new Decimal(byId.get(groups[j]!.transactionIds[0]!)!);
            for (let i = 0; i < j; i += 1)
              expect(new Decimal(groups[i]!.totalUsd).plus(first).gt(USD_VALUE_CAP)).toBe(true);
          }
          expect(proposeSplit(shuffled)).toEqual(result);
        },
      ),
    );
  });
});
