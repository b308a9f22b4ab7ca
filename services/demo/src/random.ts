/** A seeded pseudo-random source (mulberry32), so a run can be replayed from its printed seed. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
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
