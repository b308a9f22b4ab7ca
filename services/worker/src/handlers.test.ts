import { describe, expect, it } from 'vitest';
import { assertHandlersComplete } from './handlers';

const handle = async () => 'done';

describe('worker start-up check of job handlers', () => {
  const complete = {
    'registry.decision-notify': handle,
    'statistics.restatement-notify': handle,
    'price-library.adjust': handle,
    'provenance.checkpoint': handle,
    'credit.run': handle,
    'credit.rescore': handle,
    'subsidy.period-run': handle,
    'payout.send': handle,
    'payout.sweep': handle,
    'payout.notify': handle,
    'payout.reconcile': handle,
  };

  it('accepts a map with exactly one handler for every job in the queue contract', () => {
    expect(() => assertHandlersComplete(complete)).not.toThrow();
  });

  it('refuses to start when a job in the contract has no handler', () => {
    expect(() => assertHandlersComplete({})).toThrow(
      /no handler for registry\.decision-notify, statistics\.restatement-notify, price-library\.adjust, provenance\.checkpoint/,
    );
    expect(() => assertHandlersComplete({ 'registry.decision-notify': handle })).toThrow(
      /no handler for statistics\.restatement-notify, price-library\.adjust, provenance\.checkpoint/,
    );
  });

  it('refuses to start when a handler names a job that is not in the contract', () => {
    expect(() => assertHandlersComplete({ ...complete, 'registry.decision-notfy': handle })).toThrow(
      /handler for unknown job registry\.decision-notfy/,
    );
  });

  it('refuses a job whose handler entry is not a function', () => {
    expect(() => assertHandlersComplete({ ...complete, 'registry.decision-notify': 'recordDecision' })).toThrow(
      /no handler for registry\.decision-notify/,
    );
  });
});
