/**
 * Lifecycle of a subsidy claim (DOMAIN §6 workflow):
 *
 *   draft ─confirm→ confirmed ─preliminaryPass→ preliminary_reviewed ─auditPass{amountCny}→ audited
 *     │                                                                                        │
 *     └─object{reason}→ objected ─reopen{reason}→ draft                        committeeApprove{ref}
 *                                                                                              ▼
 *   approved_for_payment ←approve── in_notice{from, endsOn} ←startNotice{from}── committee_approved
 *
 *   reject{reason}    from any state but approved_for_payment and rejected → rejected (final)
 *   withdrawApproval{reason}  approved_for_payment → rejected: the payout context's, when staff cancel
 *                     the claim's failed payment for good (never sent by a person through the claims API)
 *   reduce{amountCny, reason}  from confirmed … in_notice: same state, a lower amount
 *
 * The firm confirms or objects (确认/异议); the center does the rest. `approve` also needs the notice
 * period over and every objection decided, which the service checks against the database. Pure:
 * the caller persists the state, the event row and the provenance event.
 *
 * Idempotence: an event equal to the one that produced the current state returns `unchanged`, so
 * a retried request is harmless; anything else out of order is illegal (409).
 */

export type ClaimStatus =
  | 'draft'
  | 'objected'
  | 'confirmed'
  | 'preliminary_reviewed'
  | 'audited'
  | 'committee_approved'
  | 'in_notice'
  | 'approved_for_payment'
  | 'rejected';

export type ClaimState =
  | { status: 'draft' }
  | { status: 'objected'; reason: string }
  | { status: 'confirmed' }
  | { status: 'preliminary_reviewed'; note: string | null }
  | { status: 'audited'; auditedCny: string }
  | { status: 'committee_approved'; decisionRef: string }
  | { status: 'in_notice'; from: string; endsOn: string; decisionRef: string }
  | { status: 'approved_for_payment'; at: string }
  | { status: 'rejected'; reason: string; rejectedFrom: ClaimStatus };

export type ClaimEvent =
  | { type: 'confirm' }
  | { type: 'object'; reason: string }
  | { type: 'reopen'; reason: string }
  | { type: 'preliminaryPass'; note?: string | undefined }
  | { type: 'auditPass'; auditedCny: string }
  | { type: 'committeeApprove'; decisionRef: string }
  | { type: 'startNotice'; from: string; endsOn: string }
  | { type: 'approve'; at: string }
  | { type: 'reject'; reason: string }
  | { type: 'withdrawApproval'; reason: string }
  | { type: 'reduce'; amountCny: string; reason: string };

export type ClaimEventType = ClaimEvent['type'];

/** Who may send each event: the firm its confirmation or objection, the center the rest. */
export const eventActor: Record<ClaimEventType, 'operator' | 'staff'> = {
  confirm: 'operator',
  object: 'operator',
  reopen: 'staff',
  preliminaryPass: 'staff',
  auditPass: 'staff',
  committeeApprove: 'staff',
  startNotice: 'staff',
  approve: 'staff',
  reject: 'staff',
  withdrawApproval: 'staff',
  reduce: 'staff',
};

export type ClaimTransition =
  | { outcome: 'applied'; state: ClaimState }
  | { outcome: 'unchanged'; state: ClaimState }
  | { outcome: 'illegal'; from: ClaimStatus; event: ClaimEventType; detail: string };

const REDUCIBLE: readonly ClaimStatus[] = [
  'confirmed',
  'preliminary_reviewed',
  'audited',
  'committee_approved',
  'in_notice',
];

function producedBy(state: ClaimState, event: ClaimEvent): boolean {
  switch (event.type) {
    case 'confirm':
      return state.status === 'confirmed';
    case 'object':
      return state.status === 'objected' && state.reason === event.reason;
    case 'preliminaryPass':
      return state.status === 'preliminary_reviewed';
    case 'auditPass':
      return state.status === 'audited' && state.auditedCny === event.auditedCny;
    case 'committeeApprove':
      return state.status === 'committee_approved' && state.decisionRef === event.decisionRef;
    case 'startNotice':
      return state.status === 'in_notice' && state.from === event.from;
    case 'approve':
      return state.status === 'approved_for_payment';
    case 'reject':
    case 'withdrawApproval':
      return state.status === 'rejected' && state.reason === event.reason;
    case 'reopen':
    case 'reduce':
      return false;
  }
}

function transition(state: ClaimState, event: ClaimEvent): ClaimState | string {
  switch (event.type) {
    case 'confirm':
      return state.status === 'draft' ? { status: 'confirmed' } : 'only a draft claim can be confirmed by the firm';
    case 'object':
      return state.status === 'draft'
        ? { status: 'objected', reason: event.reason }
        : 'only a draft claim can be objected to by the firm';
    case 'reopen':
      return state.status === 'objected' ? { status: 'draft' } : 'only an objected claim can be reopened';
    case 'preliminaryPass':
      return state.status === 'confirmed'
        ? { status: 'preliminary_reviewed', note: event.note ?? null }
        : 'only a confirmed claim goes to preliminary review';
    case 'auditPass':
      return state.status === 'preliminary_reviewed'
        ? { status: 'audited', auditedCny: event.auditedCny }
        : 'only a claim past preliminary review can pass the third-party audit';
    case 'committeeApprove':
      return state.status === 'audited'
        ? { status: 'committee_approved', decisionRef: event.decisionRef }
        : 'only an audited claim goes to the committee';
    case 'startNotice':
      return state.status === 'committee_approved'
        ? { status: 'in_notice', from: event.from, endsOn: event.endsOn, decisionRef: state.decisionRef }
        : 'only a committee-approved claim is publicly noticed';
    case 'approve':
      return state.status === 'in_notice'
        ? { status: 'approved_for_payment', at: event.at }
        : 'only a claim in public notice can be approved for payment';
    case 'reject':
      return state.status === 'approved_for_payment' || state.status === 'rejected'
        ? `a claim ${state.status} can no longer be rejected`
        : { status: 'rejected', reason: event.reason, rejectedFrom: state.status };
    case 'withdrawApproval':
      return state.status === 'approved_for_payment'
        ? { status: 'rejected', reason: event.reason, rejectedFrom: state.status }
        : 'only a claim approved for payment can have its approval withdrawn';
    case 'reduce':
      return REDUCIBLE.includes(state.status) ? state : `a claim ${state.status} cannot be reduced`;
  }
}

/** Applies one event to a claim's state. */
export function applyClaimEvent(state: ClaimState, event: ClaimEvent): ClaimTransition {
  if (producedBy(state, event)) return { outcome: 'unchanged', state };
  const next = transition(state, event);
  if (typeof next === 'string')
    return { outcome: 'illegal', from: state.status, event: event.type, detail: `${next} (state is ${state.status})` };
  return { outcome: 'applied', state: next };
}

/** The date `days` working days (Monday to Friday) after `from`; public holidays are not known here. */
export function addWorkingDays(from: string, days: number): string {
  const at = new Date(`${from}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return at.toISOString().slice(0, 10);
}
