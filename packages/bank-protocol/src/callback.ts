import { PaymentCallback } from './instructions.schemas';
import { verifySignature, type VerifySignatureInput } from './signature';

export type CallbackVerdict =
  | { accepted: true; callback: PaymentCallback }
  | {
      accepted: false;
      reason: 'missing_headers' | 'malformed_timestamp' | 'stale_timestamp' | 'bad_signature' | 'malformed_body';
    };

/**
 * What a callback receiver does first: authenticate the exact bytes, then parse them. Nothing from an
 * unauthenticated body is looked at, not even its instruction id.
 */
export function openCallback(input: VerifySignatureInput): CallbackVerdict {
  const signature = verifySignature(input);
  if (!signature.valid) return { accepted: false, reason: signature.reason };
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody.toString());
  } catch {
    return { accepted: false, reason: 'malformed_body' };
  }
  const parsed = PaymentCallback.safeParse(json);
  return parsed.success ? { accepted: true, callback: parsed.data } : { accepted: false, reason: 'malformed_body' };
}
