import { noFaults } from '@baigou/bank-protocol';
import { describe, expect, it } from 'vitest';
import { createFaultDice } from './faults';

const rolls = (seed: number, count: number) => {
  const dice = createFaultDice({ ...noFaults, duplicateCallback: 0.5 }, seed);
  return Array.from({ length: count }, () => dice.roll('duplicateCallback'));
};

describe('seeded faults', () => {
  it('replays the same decisions from the same seed, and others from another seed', () => {
    expect(rolls(42, 64)).toEqual(rolls(42, 64));
    expect(rolls(42, 64)).not.toEqual(rolls(43, 64));
    expect(rolls(42, 64).filter(Boolean).length).toBeGreaterThan(16);
  });

  it('draws nothing for a disabled fault, so switching one off does not shift the others', () => {
    const dice = createFaultDice({ ...noFaults, duplicateCallback: 0.5 }, 42);
    const interleaved = Array.from({ length: 64 }, () => {
      expect(dice.roll('lostCallback')).toBe(false);
      return dice.roll('duplicateCallback');
    });
    expect(interleaved).toEqual(rolls(42, 64));
  });

  it('always fires a fault at probability 1 and restarts the stream when reseeded', () => {
    const dice = createFaultDice(noFaults, 7);
    expect(dice.update({ lostCallback: 1 }).faults.lostCallback).toBe(1);
    expect(Array.from({ length: 20 }, () => dice.roll('lostCallback')).every(Boolean)).toBe(true);
    dice.update({ seed: 42, lostCallback: 0, duplicateCallback: 0.5 });
    expect(Array.from({ length: 64 }, () => dice.roll('duplicateCallback'))).toEqual(rolls(42, 64));
  });

  it('refuses a probability above 1', () => {
    expect(() => createFaultDice(noFaults, 1).update({ paymentFailure: 2 })).toThrow();
  });
});
