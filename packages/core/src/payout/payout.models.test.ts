import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPaymentEvent,
  finalStatuses,
  ledgerEffect,
  paymentStatuses,
  payoutIds,
  uuidV5,
  type PaymentEvent,
  type PaymentStatus,
} from './payout.models';

const events: PaymentEvent[] = [
  { type: 'sendAccepted', bankReference: 'B1' },
  { type: 'sendRejected', reason: 'instruction.invalid_account' },
  { type: 'settledPaid', bankReference: 'B1', paidAt: null },
  { type: 'settledFailed', reason: 'invalid_account' },
  { type: 'staffRetry', reason: 'account corrected' },
  { type: 'staffCancel', reason: 'firm withdrew' },
];

describe('payment status machine', () => {
  it('pays: created → sent → paid, and the callback can overtake the send job', () => {
    expect(applyPaymentEvent('created', events[0]!)).toEqual({ outcome: 'applied', to: 'sent' });
    expect(applyPaymentEvent('sent', events[2]!)).toEqual({ outcome: 'applied', to: 'paid' });
    expect(applyPaymentEvent('created', events[2]!)).toEqual({ outcome: 'applied', to: 'paid' });
    // The send job learns of the acceptance after the callback settled the payment: a repeat.
    expect(applyPaymentEvent('paid', events[0]!)).toEqual({ outcome: 'unchanged', to: 'paid' });
  });

  it('fails and leaves the decision to staff: retry or cancel, each once', () => {
    expect(applyPaymentEvent('created', events[1]!)).toEqual({ outcome: 'applied', to: 'failed' });
    expect(applyPaymentEvent('sent', events[3]!)).toEqual({ outcome: 'applied', to: 'failed' });
    expect(applyPaymentEvent('failed', events[4]!)).toEqual({ outcome: 'applied', to: 'retried' });
    expect(applyPaymentEvent('failed', events[5]!)).toEqual({ outcome: 'applied', to: 'cancelled' });
    expect(applyPaymentEvent('retried', events[5]!).outcome).toBe('illegal');
    expect(applyPaymentEvent('cancelled', events[4]!).outcome).toBe('illegal');
  });

  it('never fails a paid payment, nor pays a failed one', () => {
    expect(applyPaymentEvent('paid', events[3]!).outcome).toBe('illegal');
    expect(applyPaymentEvent('failed', events[2]!).outcome).toBe('illegal');
    expect(applyPaymentEvent('sent', events[4]!).outcome).toBe('illegal');
  });

  it('repeating any event that applied changes nothing; a final status is never left', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...paymentStatuses),
        fc.array(fc.constantFrom(...events), { maxLength: 12 }),
        (start: PaymentStatus, sequence) => {
          let status = start;
          for (const event of sequence) {
            const result = applyPaymentEvent(status, event);
            if (result.outcome === 'illegal') continue;
            if (finalStatuses.includes(status)) expect(result.to).toBe(status);
            status = result.to;
            expect(applyPaymentEvent(status, event).outcome).not.toBe('applied');
          }
        },
      ),
      { seed: 14, numRuns: 500 },
    );
  });

  it('moves money only when the bank paid (post) or the payment failed (void)', () => {
    expect(events.map((event) => ledgerEffect(event.type))).toEqual(['none', 'void', 'post', 'void', 'none', 'none']);
  });
});

describe('payout ids and amounts', () => {
  it('derives RFC 4122 v5 ids (the RFC test vector) and stable payout ids', () => {
    // uuid v5 of "www.example.com" in the DNS namespace (RFC 4122 appendix / uuid package tests).
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    const payment = payoutIds.payment('0b6f0e1c-0000-4000-8000-000000000001', 1);
    expect(payoutIds.payment('0b6f0e1c-0000-4000-8000-000000000001', 1)).toBe(payment);
    expect(payoutIds.payment('0b6f0e1c-0000-4000-8000-000000000001', 2)).not.toBe(payment);
    expect(payoutIds.instruction(payment)).toMatch(/^BGP-[0-9a-f]{32}$/);
  });
});
