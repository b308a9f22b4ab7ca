import { describe, expect, it } from 'vitest';
import { groupBy } from './collections';

describe('groupBy', () => {
  it('keeps the items of each group in order, groups in order of first appearance', () => {
    const grouped = groupBy(['b1', 'a1', 'b2', 'a2', 'c1'], (item) => item[0]);
    expect([...grouped]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ]);
  });

  it('maps each item to the value it keeps', () => {
    expect(
      groupBy(
        [{ k: 1, v: 'x' }],
        (item) => item.k,
        (item) => item.v,
      ),
    ).toEqual(new Map([[1, ['x']]]));
  });
});
