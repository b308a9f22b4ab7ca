import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Callback signatures: HMAC-SHA256 over the exact body bytes, bound to a timestamp.
 *
 *   bank-timestamp: 1764921600                       (Unix seconds when the callback was sent)
 *   bank-signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>
 *
 * The receiver recomputes the HMAC over the bytes it received (before any JSON parsing), compares in
 * constant time and refuses a timestamp more than `toleranceSeconds` away from its own clock, so a
 * captured callback cannot be replayed later. Several `v1=` values separated by commas are allowed
 * while a key is being rotated; any one matching a configured secret is enough.
 */
export const signatureHeaders = { timestamp: 'bank-timestamp', signature: 'bank-signature' } as const;

export const defaultToleranceSeconds = 300;

export function signBody(secret: string, rawBody: string | Buffer, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestampSeconds}.`);
  mac.update(rawBody);
  return `v1=${mac.digest('hex')}`;
}

/** The two headers a signed callback carries. */
export function signatureHeadersFor(
  secret: string,
  rawBody: string | Buffer,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [signatureHeaders.timestamp]: String(timestamp),
    [signatureHeaders.signature]: signBody(secret, rawBody, timestamp),
  };
}

export type SignatureVerdict =
  | { valid: true; timestampSeconds: number }
  | { valid: false; reason: 'missing_headers' | 'malformed_timestamp' | 'stale_timestamp' | 'bad_signature' };

export interface VerifySignatureInput {
  rawBody: string | Buffer;
  /** Header values as a Node request exposes them (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** The current secret, or several while rotating keys. */
  secrets: string | readonly string[];
  now?: Date;
  toleranceSeconds?: number;
}

export function verifySignature(input: VerifySignatureInput): SignatureVerdict {
  const timestampHeader = single(input.headers[signatureHeaders.timestamp]);
  const signatureHeader = single(input.headers[signatureHeaders.signature]);
  if (timestampHeader === undefined || signatureHeader === undefined)
    return { valid: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestampHeader)) return { valid: false, reason: 'malformed_timestamp' };
  const timestampSeconds = Number(timestampHeader);
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestampSeconds) > (input.toleranceSeconds ?? defaultToleranceSeconds)) {
    return { valid: false, reason: 'stale_timestamp' };
  }
  const offered = signatureHeader.split(',').map((part) => Buffer.from(part.trim()));
  const secrets = typeof input.secrets === 'string' ? [input.secrets] : input.secrets;
  for (const secret of secrets) {
    const expected = Buffer.from(signBody(secret, input.rawBody, timestampSeconds));
    if (offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) {
      return { valid: true, timestampSeconds };
    }
  }
  return { valid: false, reason: 'bad_signature' };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
