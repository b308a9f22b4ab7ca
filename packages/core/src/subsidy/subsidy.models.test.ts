import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountsByItem } from './subsidy.budget';
import { tieredRewardCny } from './subsidy.evaluation';
import { diffProgrammes, programmeContent, ProgrammeDocument, seedProgramme } from './subsidy.programme';
import { stratifiedSample } from './subsidy.sampling';

const tiers = [
  { fromUsd: '0', cnyPerUsd: '0.02' },
  { fromUsd: '1000000', cnyPerUsd: '0.03' },
];

describe('subsidy models', () => {
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
