import { createHash } from 'node:crypto';
import { canonicalSha256 } from '../provenance/canonical';

/**
 * A payment's lifecycle (pure; the caller persists the status, the event row and the provenance event):
 *
 *   created ─sendAccepted→ sent ─settledPaid→ paid (final; a clawback is a later correction, not a status)
 *      │                    └──settledFailed→ failed ─staffRetry→ retried (final; a new payment takes over)
 *      ├─sendRejected→ failed                    └───staffCancel→ cancelled (final)
 *      └─settledPaid / settledFailed (the bank's answer can overtake the send job's, e.g. a timeout after pay)
 *
 * The bank's word is final in one direction only: a payment it reported paid is never failed (the gateway
 * never goes paid → failed), so a later `failed` for a paid payment is a contradiction, refused.
 * Repeats are harmless: an event that produced the current status answers `unchanged`.
 */

export const paymentStatuses = ['created', 'sent', 'paid', 'failed', 'retried', 'cancelled'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export type PaymentEvent =
  | { type: 'sendAccepted'; bankReference: string }
  | { type: 'sendRejected'; reason: string }
  | { type: 'settledPaid'; bankReference: string; paidAt: string | null }
  | { type: 'settledFailed'; reason: string }
  | { type: 'staffRetry'; reason: string }
  | { type: 'staffCancel'; reason: string };
export type PaymentEventType = PaymentEvent['type'];

export type PaymentTransition =
  | { outcome: 'applied'; to: PaymentStatus }
  | { outcome: 'unchanged'; to: PaymentStatus }
  | { outcome: 'illegal'; from: PaymentStatus; event: PaymentEventType; detail: string };

/** Statuses in which the payment is still being worked on by the workflow (not waiting for staff). */
export const inFlight: readonly PaymentStatus[] = ['created', 'sent'];
/** Statuses the workflow never leaves. */
export const finalStatuses: readonly PaymentStatus[] = ['paid', 'retried', 'cancelled'];

const rules: Record<
  PaymentEventType,
  { from: readonly PaymentStatus[]; to: PaymentStatus; repeatOf: PaymentStatus[] }
> = {
  sendAccepted: { from: ['created'], to: 'sent', repeatOf: ['sent', 'paid', 'failed'] },
  sendRejected: { from: ['created'], to: 'failed', repeatOf: ['failed', 'retried', 'cancelled'] },
  settledPaid: { from: ['created', 'sent'], to: 'paid', repeatOf: ['paid'] },
  settledFailed: { from: ['created', 'sent'], to: 'failed', repeatOf: ['failed', 'retried', 'cancelled'] },
  staffRetry: { from: ['failed'], to: 'retried', repeatOf: ['retried'] },
  staffCancel: { from: ['failed'], to: 'cancelled', repeatOf: ['cancelled'] },
};

/**
 * Applies one event to a payment's status. A late `sendAccepted` after the callback already settled the
 * payment is a repeat (the bank accepted what it then settled); a failure after `paid` is illegal.
 */
export function applyPaymentEvent(from: PaymentStatus, event: PaymentEvent): PaymentTransition {
  const rule = rules[event.type];
  if (rule.from.includes(from)) return { outcome: 'applied', to: rule.to };
  if (rule.repeatOf.includes(from)) return { outcome: 'unchanged', to: from };
  return {
    outcome: 'illegal',
    from,
    event: event.type,
    detail: `${event.type} cannot apply to a ${from} payment / 付款状态 ${from} 不允许 ${event.type}`,
  };
}

/**
 * What the ledger must do for a transition: post the reservation when the bank paid, void it when the
 * payment failed. Why void at once and not keep it for staff: money the bank did not pay is back in
 * the budget at once, so the fund's figures never count a failed payment as spent, and a staff retry
 * reserves anew against the budget as it then stands (it may be refused, with the figures).
 * 付款失败即作废预留: 未付出的资金立即回到预算, 重付须重新预留.
 */
export function ledgerEffect(event: PaymentEventType): 'post' | 'void' | 'none' {
  if (event === 'settledPaid') return 'post';
  if (event === 'settledFailed' || event === 'sendRejected') return 'void';
  return 'none';
}

/** RFC 4122 version-5 UUID (SHA-1, name-based): the same name always gives the same id. */
export function uuidV5(name: string, namespace: string = PAYOUT_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The payout context's namespace for its derived ids (a fixed random UUID). */
export const PAYOUT_NAMESPACE = '6f1f4c1e-8d3a-4f8e-9a52-2b7c0d9e4a11';

/** Every id the workflow derives, so a retry of any step writes the same rows (idempotent by key). */
export const payoutIds = {
  payment: (claimId: string, attempt: number) => uuidV5(`payment:${claimId}:${attempt}`),
  reservation: (paymentId: string) => uuidV5(`reserve:${paymentId}`),
  post: (paymentId: string) => uuidV5(`post:${paymentId}`),
  /** The bank paid after the reservation expired: the amount posted directly (payout.transitions.ts). */
  latePost: (paymentId: string) => uuidV5(`late-post:${paymentId}`),
  void: (paymentId: string) => uuidV5(`void:${paymentId}`),
  disburse: (paymentId: string) => uuidV5(`disburse:${paymentId}`),
  clawback: (paymentId: string) => uuidV5(`clawback:${paymentId}`),
  funding: (year: number, programmeVersionId: string) => uuidV5(`fund:${year}:${programmeVersionId}`),
  /** ≤ 64 characters of [A-Za-z0-9._:-], as the gateway requires. */
  instruction: (paymentId: string) => `BGP-${paymentId.replace(/-/g, '')}`,
};

/** A stable digest of a callback's content (what idempotency by (instruction, sequence) compares). */
export const callbackContentHash = canonicalSha256;

/**
 * A payment is stuck when it is still in flight `stuckAfterMs` after it was created: the bound within
 * which every approved claim must reach paid or failed. 超时未达终态即为"卡住", 交人工处理.
 */
export const isStuck = (status: PaymentStatus, createdAt: Date, now: Date, stuckAfterMs: number) =>
  inFlight.includes(status) && now.getTime() - createdAt.getTime() >= stuckAfterMs;
