import { describe, expect, it } from 'vitest';
import { addWorkingDays, applyClaimEvent, type ClaimEvent, type ClaimState } from './subsidy.lifecycle';

const states: ClaimState[] = [
  { status: 'draft' },
  { status: 'objected', reason: 'r' },
  { status: 'confirmed' },
  { status: 'preliminary_reviewed', note: null },
  { status: 'audited', auditedCny: '10.00' },
  { status: 'committee_approved', decisionRef: 'C-1' },
  { status: 'in_notice', from: '2026-11-02', endsOn: '2026-11-09', decisionRef: 'C-1' },
  { status: 'approved_for_payment', at: '2026-11-20T00:00:00Z' },
  { status: 'rejected', reason: 'r', rejectedFrom: 'draft' },
];
const events: ClaimEvent[] = [
  { type: 'confirm' },
  { type: 'object', reason: 'x' },
  { type: 'reopen', reason: 'x' },
  { type: 'preliminaryPass' },
  { type: 'auditPass', auditedCny: '9.00' },
  { type: 'committeeApprove', decisionRef: 'C-2' },
  { type: 'startNotice', from: '2026-11-02', endsOn: '2026-11-09' },
  { type: 'approve', at: '2026-11-20T00:00:00Z' },
  { type: 'reject', reason: 'x' },
  { type: 'reduce', amountCny: '1.00', reason: 'x' },
];

/** The whole table: the state each event leads to from each state, or '409'. */
const allowed: Record<string, Partial<Record<ClaimEvent['type'], string>>> = {
  draft: { confirm: 'confirmed', object: 'objected', reject: 'rejected' },
  objected: { reopen: 'draft', reject: 'rejected' },
  confirmed: { preliminaryPass: 'preliminary_reviewed', reject: 'rejected', reduce: 'confirmed' },
  preliminary_reviewed: { auditPass: 'audited', reject: 'rejected', reduce: 'preliminary_reviewed' },
  audited: { committeeApprove: 'committee_approved', reject: 'rejected', reduce: 'audited' },
  committee_approved: { startNotice: 'in_notice', reject: 'rejected', reduce: 'committee_approved' },
  in_notice: { approve: 'approved_for_payment', reject: 'rejected', reduce: 'in_notice' },
  approved_for_payment: {},
  rejected: {},
};

/** The same event again (a retried request) is answered unchanged, not refused. */
const producing = new Set([
  'confirmed+confirm',
  'preliminary_reviewed+preliminaryPass',
  'in_notice+startNotice',
  'approved_for_payment+approve',
]);

describe('claim lifecycle', () => {
  for (const state of states) {
    for (const event of events) {
      const expected = allowed[state.status]![event.type];
      it(`${state.status} + ${event.type} → ${expected ?? (producing.has(`${state.status}+${event.type}`) ? 'unchanged' : 'illegal (409)')}`, () => {
        const result = applyClaimEvent(state, event);
        if (expected) {
          expect(result.outcome).toBe('applied');
          if (result.outcome === 'applied') expect(result.state.status).toBe(expected);
        } else if (producing.has(`${state.status}+${event.type}`)) {
          expect(result).toEqual({ outcome: 'unchanged', state });
        } else {
          expect(result.outcome).toBe('illegal');
        }
      });
    }
  }

  it('answers unchanged to the event that produced the state (a retried request)', () => {
    expect(applyClaimEvent({ status: 'confirmed' }, { type: 'confirm' }).outcome).toBe('unchanged');
    expect(applyClaimEvent({ status: 'objected', reason: 'x' }, { type: 'object', reason: 'x' }).outcome).toBe(
      'unchanged',
    );
    expect(applyClaimEvent({ status: 'objected', reason: 'x' }, { type: 'object', reason: 'y' }).outcome).toBe(
      'illegal',
    );
  });

  it('counts notice days as working days, skipping weekends', () => {
    expect(addWorkingDays('2026-11-06', 5)).toBe('2026-11-13'); // Friday + 5 → next Friday
    expect(addWorkingDays('2026-11-07', 1)).toBe('2026-11-09'); // Saturday + 1 → Monday
  });
});
