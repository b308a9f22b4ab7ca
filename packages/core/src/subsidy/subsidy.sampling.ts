import { ExactDecimal } from '../shared/money';
import { mulberry32 } from '../shared/random';

/**
 * Audit sampling of claim lines, stratified by value (分层抽样): lines are ordered by amount (then id,
 * so the order is total), cut into `strata` bands of equal count, and each band gives its share of
 * the sample, drawn with a seeded generator. The seed is stored with the task, so the sample can be
 * drawn again by anyone and must come out the same. Pure.
 */

export interface SampleCandidate {
  lineId: string;
  amountCny: string;
}

export interface SampledLine {
  lineId: string;
  stratum: number;
  position: number;
}

const byValue = (a: SampleCandidate, b: SampleCandidate) => {
  const diff = new ExactDecimal(b.amountCny).cmp(a.amountCny);
  if (diff !== 0) return diff;
  return a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0;
};

export function stratifiedSample(
  candidates: readonly SampleCandidate[],
  size: number,
  seed: number,
  strata = 3,
): SampledLine[] {
  const ordered = [...candidates].sort(byValue);
  if (ordered.length <= size) return ordered.map((line, i) => ({ lineId: line.lineId, stratum: 0, position: i }));
  const random = mulberry32(seed);
  const bands = Array.from({ length: strata }, (_, s) =>
    ordered.slice(Math.floor((s * ordered.length) / strata), Math.floor(((s + 1) * ordered.length) / strata)),
  );
  const sampled: SampledLine[] = [];
  let remaining = size;
  bands.forEach((band, s) => {
    // Each band gives its share, rounded up for the higher-value bands (they carry more money).
    const take = Math.min(band.length, remaining, Math.ceil((size * band.length) / ordered.length));
    const pool = [...band];
    for (let i = 0; i < take; i += 1) {
      const pick = Math.floor(random() * pool.length);
      const [line] = pool.splice(pick, 1);
      sampled.push({ lineId: line!.lineId, stratum: s, position: sampled.length });
    }
    remaining -= take;
  });
  return sampled;
}
