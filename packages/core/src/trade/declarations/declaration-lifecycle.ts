/**
 * Lifecycle of one customs declaration on the platform (DOMAIN §4.1, §10 rules 13 and 16):
 *
 *   draft ─submit→ submitted ─accept{entryNumber}→ accepted ─release{at}→ released ─export{at}→ exported
 *   draft, submitted ─withdraw{reason}→ withdrawn        (the operator pulls it before customs accepts it)
 *   submitted, accepted ─reject{reason}→ rejected         (退单 before acceptance; after acceptance
 *                                                          customs can still cancel it until release)
 *   released, exported ─cancel{reason}→ withdrawn          (customs only: 撤销/删单 after release; the
 *                                                          statistics of its month are restated)
 *
 * After release the operator can neither reject nor withdraw: only customs cancels, with a reason,
 * and the cancelled state keeps the entry number and dates it had. Rejected and withdrawn are final;
 * the operator starts a new draft.
 *
 * Idempotence: an event equal to the one that produced the current state (same type and payload)
 * returns `unchanged`, so a redelivered customs receipt is harmless. The same event type with a
 * different payload, or an event that produced an earlier state, is an illegal transition.
 * Pure: the caller persists the state and the audit entry.
 */

export type DeclarationStatus = 'draft' | 'submitted' | 'accepted' | 'released' | 'exported' | 'rejected' | 'withdrawn';

export type DeclarationState =
  | { status: 'draft' }
  | { status: 'submitted' }
  | { status: 'accepted'; entryNumber: string }
  | { status: 'released'; entryNumber: string; releasedAt: string }
  | { status: 'exported'; entryNumber: string; releasedAt: string; exportedAt: string }
  | { status: 'rejected'; reason: string; rejectedFrom: 'submitted' | 'accepted'; entryNumber?: string }
  | { status: 'withdrawn'; reason: string; withdrawnFrom: 'draft' | 'submitted' }
  | {
      status: 'withdrawn';
      reason: string;
      withdrawnFrom: 'released' | 'exported';
      entryNumber: string;
      releasedAt: string;
      exportedAt?: string;
    };

export type DeclarationEvent =
  | { type: 'submit' }
  | { type: 'accept'; entryNumber: string }
  | { type: 'release'; at: string }
  | { type: 'export'; at: string }
  | { type: 'reject'; reason: string }
  | { type: 'withdraw'; reason: string }
  | { type: 'cancel'; reason: string };

export type TransitionResult =
  | { outcome: 'applied'; state: DeclarationState }
  | { outcome: 'unchanged'; state: DeclarationState }
  | {
      outcome: 'illegal';
      code: 'declaration.illegal_transition';
      from: DeclarationStatus;
      event: DeclarationEvent['type'];
      detail: string;
    }
  | { outcome: 'invalid'; code: 'declaration.invalid_event'; event: DeclarationEvent['type']; detail: string };

export type EntryNumberVerdict = { ok: true } | { ok: false; reason: string };

/** The first year of the 18-digit customs entry number in its current form (the 2000s). */
const FIRST_ENTRY_YEAR = 2000;

/**
 * 报关单海关编号 (customs entry number), assigned by customs on acceptance: 18 digits, of which
 * 1–4 are the accepting customs office (关区代码) and 5–8 the year of acceptance. Per the form-filling
 * rules [M], digit 9 is the import/export flag (0 export) and 10–18 a sequence; those are not
 * enforced until confirmed with Baoding customs. The year must lie between 2000 and `today`'s year.
 */
export function validateCustomsEntryNumber(input: string, today: Date = new Date()): EntryNumberVerdict {
  if (!/^[0-9]{18}$/.test(input)) return { ok: false, reason: 'must be 18 digits' };
  const year = Number(input.slice(4, 8));
  if (year < FIRST_ENTRY_YEAR || year > today.getUTCFullYear()) {
    return {
      ok: false,
      reason: `digits 5 to 8 must be the year of acceptance (${FIRST_ENTRY_YEAR}–${today.getUTCFullYear()})`,
    };
  }
  return { ok: true };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = (at: string): number | null =>
  ISO_INSTANT.test(at) && !Number.isNaN(Date.parse(at)) ? Date.parse(at) : null;
const sameInstant = (a: string, b: string) => instant(a) === instant(b);

/** Why the event's own payload is unusable, whatever the state. */
function payloadProblem(event: DeclarationEvent, today: Date): string | null {
  switch (event.type) {
    case 'accept': {
      const verdict = validateCustomsEntryNumber(event.entryNumber, today);
      return verdict.ok ? null : `entry number ${verdict.reason}`;
    }
    case 'release':
    case 'export':
      return instant(event.at) === null ? 'at must be an ISO 8601 instant with a time zone' : null;
    case 'reject':
    case 'withdraw':
    case 'cancel':
      return event.reason.trim() === '' ? 'a reason is required' : null;
    case 'submit':
      return null;
  }
}

/** True when `event` is the very event that produced `state` (same type and payload). */
function producedBy(state: DeclarationState, event: DeclarationEvent): boolean {
  switch (event.type) {
    case 'submit':
      return state.status === 'submitted';
    case 'accept':
      return state.status === 'accepted' && state.entryNumber === event.entryNumber;
    case 'release':
      return state.status === 'released' && sameInstant(state.releasedAt, event.at);
    case 'export':
      return state.status === 'exported' && sameInstant(state.exportedAt, event.at);
    case 'reject':
      return state.status === 'rejected' && state.reason === event.reason;
    case 'withdraw':
      return (
        state.status === 'withdrawn' &&
        state.reason === event.reason &&
        (state.withdrawnFrom === 'draft' || state.withdrawnFrom === 'submitted')
      );
    case 'cancel':
      return (
        state.status === 'withdrawn' &&
        state.reason === event.reason &&
        (state.withdrawnFrom === 'released' || state.withdrawnFrom === 'exported')
      );
  }
}

/** The next state, or why the event cannot apply to this state. */
function transition(state: DeclarationState, event: DeclarationEvent): DeclarationState | string {
  switch (event.type) {
    case 'submit':
      return state.status === 'draft' ? { status: 'submitted' } : 'only a draft can be submitted';
    case 'accept':
      return state.status === 'submitted'
        ? { status: 'accepted', entryNumber: event.entryNumber }
        : 'only a submitted declaration can be accepted';
    case 'release':
      return state.status === 'accepted'
        ? { status: 'released', entryNumber: state.entryNumber, releasedAt: event.at }
        : 'only an accepted declaration can be released';
    case 'export':
      if (state.status !== 'released') return 'only a released declaration can be exported';
      if (instant(event.at)! < instant(state.releasedAt)!) return 'export cannot precede release';
      return { status: 'exported', entryNumber: state.entryNumber, releasedAt: state.releasedAt, exportedAt: event.at };
    case 'reject':
      if (state.status === 'submitted') return { status: 'rejected', reason: event.reason, rejectedFrom: 'submitted' };
      if (state.status === 'accepted')
        return { status: 'rejected', reason: event.reason, rejectedFrom: 'accepted', entryNumber: state.entryNumber };
      return 'only a submitted or accepted declaration can be rejected';
    case 'withdraw':
      if (state.status === 'draft' || state.status === 'submitted')
        return { status: 'withdrawn', reason: event.reason, withdrawnFrom: state.status };
      return 'only a draft or a submitted declaration not yet accepted can be withdrawn';
    case 'cancel':
      if (state.status === 'released')
        return {
          status: 'withdrawn',
          reason: event.reason,
          withdrawnFrom: 'released',
          entryNumber: state.entryNumber,
          releasedAt: state.releasedAt,
        };
      if (state.status === 'exported') {
        return {
          status: 'withdrawn',
          reason: event.reason,
          withdrawnFrom: 'exported',
          entryNumber: state.entryNumber,
          releasedAt: state.releasedAt,
          exportedAt: state.exportedAt,
        };
      }
      return 'only a released or exported declaration can be cancelled (before release customs reject it)';
  }
}

/**
 * Applies one event to a declaration's state. `today` bounds the entry number's year; pass the
 * service clock's date.
 */
export function applyEvent(
  state: DeclarationState,
  event: DeclarationEvent,
  context: { today?: Date } = {},
): TransitionResult {
  const problem = payloadProblem(event, context.today ?? new Date());
  if (problem) return { outcome: 'invalid', code: 'declaration.invalid_event', event: event.type, detail: problem };
  if (producedBy(state, event)) return { outcome: 'unchanged', state };
  const next = transition(state, event);
  if (typeof next === 'string') {
    return {
      outcome: 'illegal',
      code: 'declaration.illegal_transition',
      from: state.status,
      event: event.type,
      detail: `${next} (state is ${state.status})`,
    };
  }
  return { outcome: 'applied', state: next };
}
