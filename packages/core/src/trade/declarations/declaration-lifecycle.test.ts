import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  type DeclarationEvent,
  type DeclarationState,
  type DeclarationStatus,
  validateCustomsEntryNumber,
} from './declaration-lifecycle';

const today = new Date('2026-11-20T00:00:00Z');
const ENTRY = '040120260000123456';
const RELEASED_AT = '2026-11-18T09:30:00+08:00';
const EXPORTED_AT = '2026-11-19T14:00:00+08:00';

const states: Record<DeclarationStatus, DeclarationState> = {
  draft: { status: 'draft' },
  submitted: { status: 'submitted' },
  accepted: { status: 'accepted', entryNumber: ENTRY },
  released: { status: 'released', entryNumber: ENTRY, releasedAt: RELEASED_AT },
  exported: { status: 'exported', entryNumber: ENTRY, releasedAt: RELEASED_AT, exportedAt: EXPORTED_AT },
  rejected: { status: 'rejected', reason: 'HS code does not match the goods', rejectedFrom: 'submitted' },
  withdrawn: { status: 'withdrawn', reason: 'buyer cancelled', withdrawnFrom: 'draft' },
};

const events: Record<DeclarationEvent['type'], DeclarationEvent> = {
  submit: { type: 'submit' },
  accept: { type: 'accept', entryNumber: ENTRY },
  release: { type: 'release', at: RELEASED_AT },
  export: { type: 'export', at: EXPORTED_AT },
  reject: { type: 'reject', reason: 'HS code does not match the goods' },
  withdraw: { type: 'withdraw', reason: 'buyer cancelled' },
  cancel: { type: 'cancel', reason: '删单: 申报要素错误' },
};

/** The whole transition table: the status each event leads to, `=` when unchanged, `-` when illegal. */
const table: Record<DeclarationStatus, Record<DeclarationEvent['type'], DeclarationStatus | '=' | '-'>> = {
  draft: {
    submit: 'submitted',
    accept: '-',
    release: '-',
    export: '-',
    reject: '-',
    withdraw: 'withdrawn',
    cancel: '-',
  },
  submitted: {
    submit: '=',
    accept: 'accepted',
    release: '-',
    export: '-',
    reject: 'rejected',
    withdraw: 'withdrawn',
    cancel: '-',
  },
  accepted: {
    submit: '-',
    accept: '=',
    release: 'released',
    export: '-',
    reject: 'rejected',
    withdraw: '-',
    cancel: '-',
  },
  released: {
    submit: '-',
    accept: '-',
    release: '=',
    export: 'exported',
    reject: '-',
    withdraw: '-',
    cancel: 'withdrawn',
  },
  exported: { submit: '-', accept: '-', release: '-', export: '=', reject: '-', withdraw: '-', cancel: 'withdrawn' },
  rejected: { submit: '-', accept: '-', release: '-', export: '-', reject: '=', withdraw: '-', cancel: '-' },
  withdrawn: { submit: '-', accept: '-', release: '-', export: '-', reject: '-', withdraw: '=', cancel: '-' },
};

const apply = (state: DeclarationState, event: DeclarationEvent) => applyEvent(state, event, { today });

describe('declaration lifecycle', () => {
  for (const [status, row] of Object.entries(table) as [DeclarationStatus, (typeof table)[DeclarationStatus]][]) {
    for (const [type, expected] of Object.entries(row) as [DeclarationEvent['type'], DeclarationStatus | '=' | '-'][]) {
      const title =
        expected === '-'
          ? `refuses ${type} on a ${status} declaration`
          : expected === '='
            ? `treats a repeated ${type} on a ${status} declaration as unchanged`
            : `moves a ${status} declaration to ${expected} on ${type}`;
      it(title, () => {
        const result = apply(states[status], events[type]);
        if (expected === '-') {
          expect(result).toMatchObject({
            outcome: 'illegal',
            code: 'declaration.illegal_transition',
            from: status,
            event: type,
          });
        } else if (expected === '=') {
          expect(result).toEqual({ outcome: 'unchanged', state: states[status] });
        } else {
          expect(result).toMatchObject({ outcome: 'applied', state: { status: expected } });
        }
      });
    }
  }

  it('carries the entry number and dates forward through release and export', () => {
    const accepted = apply(states.submitted, events.accept);
    expect(accepted).toEqual({ outcome: 'applied', state: states.accepted });
    expect(apply(states.accepted, events.release)).toEqual({ outcome: 'applied', state: states.released });
    expect(apply(states.released, events.export)).toEqual({ outcome: 'applied', state: states.exported });
  });

  it('records where a rejection or withdrawal came from', () => {
    expect(apply(states.accepted, events.reject)).toEqual({
      outcome: 'applied',
      state: {
        status: 'rejected',
        reason: 'HS code does not match the goods',
        rejectedFrom: 'accepted',
        entryNumber: ENTRY,
      },
    });
    expect(apply(states.submitted, events.withdraw)).toEqual({
      outcome: 'applied',
      state: { status: 'withdrawn', reason: 'buyer cancelled', withdrawnFrom: 'submitted' },
    });
  });

  it('lets customs cancel a released or exported declaration, keeping its entry number and dates', () => {
    const cancelled = apply(states.exported, events.cancel);
    expect(cancelled).toEqual({
      outcome: 'applied',
      state: {
        status: 'withdrawn',
        reason: '删单: 申报要素错误',
        withdrawnFrom: 'exported',
        entryNumber: ENTRY,
        releasedAt: RELEASED_AT,
        exportedAt: EXPORTED_AT,
      },
    });
    expect(apply(states.released, events.cancel)).toEqual({
      outcome: 'applied',
      state: {
        status: 'withdrawn',
        reason: '删单: 申报要素错误',
        withdrawnFrom: 'released',
        entryNumber: ENTRY,
        releasedAt: RELEASED_AT,
      },
    });
    if (cancelled.outcome !== 'applied') throw new Error('not applied');
    expect(apply(cancelled.state, events.cancel)).toEqual({ outcome: 'unchanged', state: cancelled.state });
    expect(apply(cancelled.state, { type: 'cancel', reason: 'another reason' })).toMatchObject({ outcome: 'illegal' });
    expect(apply(cancelled.state, { type: 'withdraw', reason: '删单: 申报要素错误' })).toMatchObject({
      outcome: 'illegal',
    });
    expect(apply(states.released, { type: 'cancel', reason: ' ' })).toMatchObject({ outcome: 'invalid' });
  });

  it('refuses a repeated event with a different payload as a conflict', () => {
    expect(apply(states.accepted, { type: 'accept', entryNumber: '040120260000999999' })).toMatchObject({
      outcome: 'illegal',
      from: 'accepted',
    });
    expect(apply(states.released, { type: 'release', at: '2026-11-18T10:00:00+08:00' })).toMatchObject({
      outcome: 'illegal',
    });
    expect(apply(states.rejected, { type: 'reject', reason: 'another reason' })).toMatchObject({ outcome: 'illegal' });
    expect(apply(states.withdrawn, { type: 'withdraw', reason: 'another reason' })).toMatchObject({
      outcome: 'illegal',
    });
  });

  it('treats the same instant written in another time zone as the same release', () => {
    expect(apply(states.released, { type: 'release', at: '2026-11-18T01:30:00Z' })).toMatchObject({
      outcome: 'unchanged',
    });
  });

  it('refuses an event that produced an earlier state', () => {
    expect(apply(states.released, events.accept)).toMatchObject({
      outcome: 'illegal',
      from: 'released',
      event: 'accept',
    });
    expect(apply(states.exported, events.submit)).toMatchObject({ outcome: 'illegal' });
  });

  it('refuses an export dated before the release', () => {
    expect(apply(states.released, { type: 'export', at: '2026-11-18T09:29:59+08:00' })).toMatchObject({
      outcome: 'illegal',
      detail: expect.stringContaining('export cannot precede release'),
    });
  });

  it('rejects malformed payloads whatever the state', () => {
    expect(apply(states.submitted, { type: 'accept', entryNumber: '0401202600001234' })).toMatchObject({
      outcome: 'invalid',
      code: 'declaration.invalid_event',
    });
    expect(apply(states.accepted, { type: 'release', at: '18/11/2026' })).toMatchObject({ outcome: 'invalid' });
    expect(apply(states.accepted, { type: 'release', at: '2026-11-18T09:30:00' })).toMatchObject({
      outcome: 'invalid',
    });
    expect(apply(states.submitted, { type: 'reject', reason: '  ' })).toMatchObject({ outcome: 'invalid' });
    expect(apply(states.draft, { type: 'withdraw', reason: '' })).toMatchObject({ outcome: 'invalid' });
  });
});

describe('customs entry number', () => {
  it('accepts 18 digits with a plausible year of acceptance', () => {
    expect(validateCustomsEntryNumber(ENTRY, today)).toEqual({ ok: true });
    expect(validateCustomsEntryNumber('040120000000000001', today)).toEqual({ ok: true });
  });

  it('rejects other lengths, non-digits and implausible years', () => {
    expect(validateCustomsEntryNumber('04012026000012345', today)).toEqual({ ok: false, reason: 'must be 18 digits' });
    expect(validateCustomsEntryNumber('04012026000012345X', today).ok).toBe(false);
    expect(validateCustomsEntryNumber('040119990000123456', today)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('year'),
    });
    expect(validateCustomsEntryNumber('040120270000123456', today)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('2000–2026'),
    });
  });
});
