import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJobId, jobKeyProblem, scheduledFiringOf, toJobId } from './job-ids';

describe('BullMQ job ids for outbox keys', () => {
  it('carries a registry decision key, colons and all, without a colon in the job id', () => {
    const key = 'registry.decision:merchant:6f1c2d1e-0000-4000-8000-000000000001:2';
    expect(toJobId(key)).toBe('registry.decision%3Amerchant%3A6f1c2d1e-0000-4000-8000-000000000001%3A2');
    expect(fromJobId(toJobId(key))).toBe(key);
  });

  it('gives back exactly the outbox key for any key, so idempotency keys never collide', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ':', '%', '2', '5', '3', 'A') }), (key) => {
        expect(toJobId(key)).not.toContain(':');
        expect(fromJobId(toJobId(key))).toBe(key);
      }),
    );
  });

  it('flags keys BullMQ reserves for its own numeric ids', () => {
    expect(jobKeyProblem('12345')).toMatch(/integer/);
    expect(jobKeyProblem('')).toMatch(/empty/);
    expect(jobKeyProblem('registry.decision:merchant:1:2')).toBeUndefined();
  });
});

describe('scheduled firings', () => {
  it('reads the firing time from the id of a job scheduler job and nothing from other keys', () => {
    expect(scheduledFiringOf('repeat:price-library.adjust-monthly:1790794800000')?.toISOString()).toBe(
      '2026-09-30T19:00:00.000Z',
    );
    expect(scheduledFiringOf('price-library.adjust:2026-09-30')).toBeUndefined();
    expect(scheduledFiringOf('registry.decision:merchant:6f1c2d1e-0000-4000-8000-000000000001:2')).toBeUndefined();
  });
});
