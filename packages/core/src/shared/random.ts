/**
 * mulberry32: a seeded 32-bit pseudo-random source, uniform on [0, 1). Not for secrets; for runs
 * that must replay from a printed seed (the demo month, seeded benches, the tamper test).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
