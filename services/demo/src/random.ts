import { mulberry32 } from '@baigou/core';

/** A seeded pseudo-random source (mulberry32), so a run can be replayed from its printed seed. */
export function createRandom(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** Picks by weight: `[[item, weight], …]`. */
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = next() * total;
    for (const [item, weight] of entries) {
      draw -= weight;
      if (draw < 0) return item;
    }
    return entries.at(-1)![0];
  };
  /** Approximately normal (mean 0, sd 1): the sum of four uniforms, rescaled. */
  const gaussian = () => (next() + next() + next() + next() - 2) * Math.sqrt(3);
  const chance = (probability: number) => next() < probability;
  return { next, int, pick, weighted, gaussian, chance };
}

export type Random = ReturnType<typeof createRandom>;
