import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contentHash,
  diffDocuments,
  evaluate,
  maxScore,
  pointsFor,
  validateScorecard,
  type Characteristic,
  type ScorecardDocument,
} from './credit.models';
import { ScorecardDocumentSchema } from './credit.schemas';
import { seedScorecard } from './credit.scorecard.seed';

const doc = seedScorecard;
const byKey = new Map(doc.characteristics.map((c) => [c.key, c]));

/** A value for a characteristic: null (no data) or a decimal in a range covering every bin. */
const valueOf = (c: Characteristic) => {
  const numbers =
    c.unit === 'share'
      ? fc.integer({ min: 0, max: 1_000_000 }).map((n) => (n / 1_000_000).toString())
      : c.unit === 'level'
        ? fc.constantFrom(...(c.levels ?? []).map((level) => String(level.value)))
        : c.unit === 'usd'
          ? fc.integer({ min: 0, max: 3_000_000 }).map(String)
          : fc.integer({ min: 0, max: 400 }).map(String);
  return fc.option(numbers, { nil: null });
};

const valuesArbitrary = fc.record(
  Object.fromEntries(doc.characteristics.map((c) => [c.key, valueOf(c)])) as Record<
    string,
    fc.Arbitrary<string | null>
  >,
);

/** A value at least as good as `value` for the characteristic's direction. */
function improved(c: Characteristic, value: string, step: number): string {
  const v = Number(value);
  if (c.unit === 'level') {
    const levels = (c.levels ?? []).map((level) => level.value).filter((level) => level >= v);
    return String(levels[Math.min(step, levels.length - 1)]);
  }
  const moved = c.direction === 'higher_is_better' ? v + step : Math.max(0, v - step);
  return c.unit === 'share' ? String(Math.min(1, Math.max(0, moved))) : String(moved);
}

describe('credit scorecard scoring', () => {
  it('accepts the seeded proposal as a valid, monotone scorecard whose maximum is 100', () => {
    expect(validateScorecard(doc)).toEqual([]);
    expect(ScorecardDocumentSchema.safeParse(doc).success).toBe(true);
    expect(maxScore(doc)).toBe(100);
  });

  it('scores base plus the sum of the points, exactly', () => {
    fc.assert(
      fc.property(valuesArbitrary, (values) => {
        const outcome = evaluate(doc, values);
        const sum = outcome.characteristics.reduce((total, c) => total + c.points, 0);
        expect(outcome.score).toBe(doc.baseScore + sum);
        for (const c of outcome.characteristics)
          expect(c.points).toBe(pointsFor(byKey.get(c.key)!, values[c.key] ?? null));
      }),
    );
  });

  it('never lowers the score when any characteristic improves', () => {
    fc.assert(
      fc.property(
        valuesArbitrary,
        fc.constantFrom(...doc.characteristics.map((c) => c.key)),
        fc.integer({ min: 0, max: 500 }),
        (values, key, step) => {
          const c = byKey.get(key)!;
          const value = values[key];
          if (value === null || value === undefined) return;
          const stepFor = c.unit === 'share' ? step / 500 : step;
          const better = improved(c, value, c.unit === 'level' ? step % 5 : stepFor);
          const before = evaluate(doc, values);
          const after = evaluate(doc, { ...values, [key]: better });
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect('DCBA'.indexOf(after.grade)).toBeGreaterThanOrEqual(
            before.vetoes.length === after.vetoes.length ? 'DCBA'.indexOf(before.grade) : 0,
          );
        },
      ),
    );
  });

  it('forces D with the veto as the first reason whenever a veto rule hits', () => {
    fc.assert(
      fc.property(valuesArbitrary, fc.constantFrom(...doc.vetoes), (values, rule) => {
        const outcome = evaluate(doc, { ...values, [rule.characteristic]: rule.value });
        expect(outcome.grade).toBe('D');
        expect(outcome.vetoes).toContain(rule.code);
        expect(outcome.reasons[0]).toMatchObject({ kind: 'veto' });
        expect(outcome.reasons.some((reason) => reason.code === rule.code)).toBe(true);
        expect(outcome.reasons.find((reason) => reason.code === rule.code)!.textEn).toContain(rule.reasonEn);
      }),
    );
  });

  it('gives every grade below A at least one reason, at most four, never a vague one', () => {
    fc.assert(
      fc.property(valuesArbitrary, (values) => {
        const outcome = evaluate(doc, values);
        if (outcome.grade !== 'A') expect(outcome.reasons.length).toBeGreaterThanOrEqual(1);
        expect(outcome.reasons.length).toBeLessThanOrEqual(4);
        for (const reason of outcome.reasons) {
          expect(reason.code).not.toMatch(/other/i);
          expect(reason.textEn.length).toBeGreaterThan(20);
          expect(reason.textZh.length).toBeGreaterThan(10);
        }
        const lost = outcome.reasons.filter((r) => r.kind === 'points').map((r) => r.pointsLost!);
        expect(lost).toEqual([...lost].sort((a, b) => b - a));
      }),
    );
  });

  it.each([
    // [characteristic, value, points]: each bin boundary and the value just below it.
    ['price_outside_soft_share', '0', 8],
    ['price_outside_soft_share', '0.049999', 8],
    ['price_outside_soft_share', '0.05', 6],
    ['price_outside_soft_share', '0.099999', 6],
    ['price_outside_soft_share', '0.1', 4],
    ['price_outside_soft_share', '0.2', 2],
    ['price_outside_soft_share', '0.349999', 2],
    ['price_outside_soft_share', '0.35', 0],
    ['price_outside_soft_share', '1', 0],
    ['price_outside_hard_share', '0.009999', 8],
    ['price_outside_hard_share', '0.01', 5],
    ['price_outside_hard_share', '0.03', 3],
    ['price_outside_hard_share', '0.08', 1],
    ['price_outside_hard_share', '0.15', 0],
    ['document_completeness', '0.799999', 0],
    ['document_completeness', '0.8', 2],
    ['document_completeness', '0.95', 4],
    ['document_completeness', '0.99', 6],
    ['fx_collected_ratio', '0.499999', 0],
    ['fx_collected_ratio', '0.5', 2],
    ['fx_collected_ratio', '0.8', 5],
    ['fx_collected_ratio', '0.95', 8],
    ['fx_collection_days', '60.9', 4],
    ['fx_collection_days', '61', 3],
    ['fx_collection_days', '121', 1],
    ['fx_collection_days', '181', 0],
    ['declarations_cancelled_after_release', '0', 5],
    ['declarations_cancelled_after_release', '1', 2],
    ['declarations_cancelled_after_release', '3', 0],
    ['tenure_months', '5', 0],
    ['tenure_months', '6', 1],
    ['tenure_months', '24', 3],
    ['export_value_usd', '9999.99', 0],
    ['export_value_usd', '10000', 1],
    ['export_value_usd', '1000000', 3],
    ['customs_tier', '0', 0],
    ['customs_tier', '1', 0],
    ['customs_tier', '2', 5],
    ['customs_tier', '3', 7],
    ['customs_tier', '4', 8],
    ['tax_grade', '1', 0],
    ['tax_grade', '5', 6],
    ['safe_category', '2', 3],
    ['price_outside_soft_share', null, 7],
    ['tax_grade', null, 3],
  ] as const)('maps %s = %s to %i points', (key, value, points) => {
    expect(pointsFor(byKey.get(key)!, value)).toBe(points);
  });

  it('refuses a scorecard whose points are not monotone in its declared direction', () => {
    const broken: ScorecardDocument = structuredClone(doc);
    broken.characteristics[0]!.bins[2]!.points = 9;
    expect(validateScorecard(broken)).toContainEqual({
      path: '/characteristics/0/bins/2/points',
      message: expect.stringContaining('not monotone'),
    });
    const wrongVeto: ScorecardDocument = structuredClone(doc);
    wrongVeto.vetoes[0]!.op = 'at_most';
    expect(validateScorecard(wrongVeto).map((issue) => issue.path)).toContain('/vetoes/0/op');
    const unreachable: ScorecardDocument = structuredClone(doc);
    unreachable.thresholds.A = 101;
    expect(validateScorecard(unreachable).map((issue) => issue.path)).toContain('/thresholds/A');
  });

  it('identifies a document by the hash of its canonical JSON, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    expect(contentHash(reordered)).toBe(contentHash(doc));
    const changed = structuredClone(doc);
    changed.baseScore += 1;
    expect(contentHash(changed)).not.toBe(contentHash(doc));
    expect(diffDocuments(doc, changed)).toEqual([{ path: '/baseScore', from: 20, to: 21 }]);
  });

  it('cites the value and what moves the firm up a grade', () => {
    const values = { price_outside_soft_share: '0.25', price_outside_hard_share: '0.2' };
    const outcome = evaluate(doc, values);
    const soft = outcome.reasons.find((reason) => reason.code === 'price_outside_soft_share')!;
    expect(soft.textEn).toContain('25.0%');
    expect(soft.textEn).toContain('bringing it below 20.0% earns 2 more points');
    expect(soft.textZh).toContain('25.0%');
  });
});
