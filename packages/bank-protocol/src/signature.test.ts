import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCallback } from './callback';
import { signatureHeadersFor, signBody, verifySignature } from './signature';

const secret = 'test-secret-0123456789';
const now = new Date('2026-12-05T08:00:00Z');
const body = JSON.stringify({
  instructionId: 'pay-1',
  bankReference: 'BSIM2026120500000002',
  status: 'paid',
  reason: null,
  amountFen: '123456',
  currency: 'CNY',
  paidAt: '2026-12-05T07:59:59.000Z',
  sequence: 2,
});

describe('callback signature (HMAC-SHA256 over timestamp.body)', () => {
  it('verifies a body signed with the shared secret', () => {
    const headers = signatureHeadersFor(secret, body, now);
    expect(headers['bank-timestamp']).toBe('1796457600');
    expect(verifySignature({ rawBody: body, headers, secrets: secret, now })).toEqual({
      valid: true,
      timestampSeconds: 1796457600,
    });
  });

  it('signs exactly `${timestamp}.${body}`', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', secret).update(`1796457600.${body}`).digest('hex');
    expect(signBody(secret, body, 1796457600)).toBe(`v1=${expected}`);
  });

  it('fails when any byte of the body changes', () => {
    const headers = signatureHeadersFor(secret, body, now);
    fc.assert(
      fc.property(fc.nat(body.length - 1), fc.integer({ min: 1, max: 255 }), (index, flip) => {
        const tampered = Buffer.from(body);
        tampered[index] = tampered[index]! ^ flip;
        const verdict = verifySignature({ rawBody: tampered, headers, secrets: secret, now });
        expect(verdict).toEqual({ valid: false, reason: 'bad_signature' });
      }),
    );
  });

  it('fails with another secret, and passes while a rotated secret is still listed', () => {
    const headers = signatureHeadersFor(secret, body, now);
    expect(verifySignature({ rawBody: body, headers, secrets: 'another-secret-0123', now }).valid).toBe(false);
    expect(verifySignature({ rawBody: body, headers, secrets: ['another-secret-0123', secret], now }).valid).toBe(true);
  });

  it('refuses a timestamp outside the tolerance, so a captured callback cannot be replayed later', () => {
    const headers = signatureHeadersFor(secret, body, now);
    const later = new Date(now.getTime() + 301_000);
    expect(verifySignature({ rawBody: body, headers, secrets: secret, now: later })).toEqual({
      valid: false,
      reason: 'stale_timestamp',
    });
  });

  it('refuses a callback without its headers or with a malformed timestamp', () => {
    expect(verifySignature({ rawBody: body, headers: {}, secrets: secret, now }).valid).toBe(false);
    const headers = { ...signatureHeadersFor(secret, body, now), 'bank-timestamp': '17649e5' };
    expect(verifySignature({ rawBody: body, headers, secrets: secret, now })).toEqual({
      valid: false,
      reason: 'malformed_timestamp',
    });
  });

  it('opens an authentic callback and refuses a signed body that is not a callback', () => {
    const opened = openCallback({
      rawBody: body,
      headers: signatureHeadersFor(secret, body, now),
      secrets: secret,
      now,
    });
    expect(opened).toMatchObject({ accepted: true, callback: { instructionId: 'pay-1', status: 'paid' } });
    const junk = '{"status":"paid"}';
    expect(
      openCallback({ rawBody: junk, headers: signatureHeadersFor(secret, junk, now), secrets: secret, now }),
    ).toEqual({ accepted: false, reason: 'malformed_body' });
  });
});
