import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountsByItem } from './subsidy.budget';
import { tieredRewardCny } from './subsidy.evaluation';
import { splitWindow } from './subsidy.facts';
import { diffProgrammes, programmeContent, ProgrammeDocument, seedProgramme } from './subsidy.programme';
import { stratifiedSample } from './subsidy.sampling';

const tiers = [
  { fromUsd: '0', cnyPerUsd: '0.02' },
  { fromUsd: '1000000', cnyPerUsd: '0.03' },
];

describe('subsidy models', () => {
  it('cuts a period window into consecutive parts with no gap and no overlap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 1, max: 400 * 86_400_000 }),
        fc.integer({ min: 1, max: 8 }),
        (from, length, n) => {
          const window = { fromInstant: new Date(from), toInstant: new Date(from + length) };
          const parts = splitWindow(window, n);
          expect(parts).toHaveLength(n);
          expect(parts[0]!.fromInstant.getTime()).toBe(from);
          expect(parts.at(-1)!.toInstant.getTime()).toBe(from + length);
          for (let i = 1; i < n; i += 1)
            expect(parts[i]!.fromInstant.getTime()).toBe(parts[i - 1]!.toInstant.getTime());
          for (const part of parts) expect(part.toInstant.getTime()).toBeGreaterThanOrEqual(part.fromInstant.getTime());
        },
      ),
    );
  });

  it('prices progressive tiers: each rate on the USD of its own band, rounded to the fen once', () => {
    expect(tieredRewardCny('0', tiers)).toBe('0.00');
    expect(tieredRewardCny('1000000', tiers)).toBe('20000.00');
    expect(tieredRewardCny('1000000.50', tiers)).toBe('20000.02'); // 0.015 rounds half-up
    expect(tieredRewardCny('2000000', tiers)).toBe('50000.00');
  });

  it('never lets a larger export earn less (monotone tiers), for any USD value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), (base, extra) => {
        const usd = (cents: bigint) => `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
        const low = Number(tieredRewardCny(usd(base), tiers));
        const high = Number(tieredRewardCny(usd(base + extra), tiers));
        return high >= low;
      }),
    );
  });

  it('hashes the canonical document: key order does not matter, content does', () => {
    const reordered = ProgrammeDocument.parse(Object.fromEntries(Object.entries(seedProgramme).reverse()));
    expect(programmeContent(reordered).contentHash).toBe(programmeContent(seedProgramme).contentHash);
    const changed = { ...seedProgramme, annualBudgetCny: '9000000.00' };
    expect(programmeContent(changed).contentHash).not.toBe(programmeContent(seedProgramme).contentHash);
    expect(diffProgrammes(seedProgramme, changed)).toEqual([
      { path: '/annualBudgetCny', from: '10000000.00', to: '9000000.00' },
    ]);
  });

  it('refuses a programme with two items of one type (a source funds one line of a type)', () => {
    const twice = { ...seedProgramme, items: [...seedProgramme.items, { ...seedProgramme.items[2]!, code: 'box-2' }] };
    expect(ProgrammeDocument.safeParse(twice).success).toBe(false);
  });

  it('samples the same lines for the same seed, stratified by value', () => {
    const lines = Array.from({ length: 90 }, (_, i) => ({
      lineId: `l${String(i).padStart(3, '0')}`,
      amountCny: `${i * 10}.00`,
    }));
    const first = stratifiedSample(lines, 9, 42);
    expect(stratifiedSample([...lines].reverse(), 9, 42)).toEqual(first);
    expect(first.map((line) => line.stratum)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(stratifiedSample(lines, 9, 43)).not.toEqual(first);
  });

  it('takes a claim reduction from its last lines first when splitting the approval by item', () => {
    const lines = [
      { itemCode: 'export-reward', amountCny: '100.00' },
      { itemCode: 'container', amountCny: '30.00' },
    ];
    expect(amountsByItem(lines, '110.00')).toEqual([
      { itemCode: 'export-reward', amountCny: '100.00' },
      { itemCode: 'container', amountCny: '10.00' },
    ]);
    expect(amountsByItem(lines, '50.00')).toEqual([
      { itemCode: 'export-reward', amountCny: '50.00' },
      { itemCode: 'container', amountCny: '0.00' },
    ]);
  });
});
