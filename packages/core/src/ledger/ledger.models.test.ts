import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyTransfer,
  available,
  sameTransfer,
  validateTransfer,
  withinLimits,
  zeroBalances,
  type Transfer,
  type TransferRequest,
} from './ledger.models';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const T = '00000000-0000-4000-8000-000000000001';
const budgetLimits = { debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false };

const stored = (overrides: Partial<Transfer> = {}): Transfer => ({
  id: T,
  kind: 'pending',
  debitAccountId: A,
  creditAccountId: B,
  amount: 500n,
  pendingId: null,
  timeoutMs: 60_000,
  expiresAt: new Date(),
  reference: 'claim-1',
  reason: null,
  createdAt: new Date(),
  ...overrides,
});
const pending: TransferRequest = {
  id: T,
  kind: 'pending',
  debitAccountId: A,
  creditAccountId: B,
  amount: 500n,
  timeoutMs: 60_000,
  reference: 'claim-1',
};

describe('validateTransfer', () => {
  it('accepts a well-formed pending transfer and a post', () => {
    expect(validateTransfer(pending)).toEqual([]);
    expect(validateTransfer({ id: T, kind: 'post_pending', pendingId: A })).toEqual([]);
  });
  it('refuses a zero amount, one account on both sides and a pending without timeout', () => {
    const issues = validateTransfer({ ...pending, amount: 0n, creditAccountId: A, timeoutMs: undefined });
    expect(issues.map((issue) => issue.path).sort()).toEqual(['/amount', '/creditAccountId', '/timeoutMs']);
  });
  it('refuses account ids that are not UUIDs', () => {
    expect(validateTransfer({ ...pending, debitAccountId: 'budget' }).map((issue) => issue.path)).toEqual([
      '/debitAccountId',
    ]);
  });
  it('refuses a timeout on a single-phase transfer', () => {
    expect(validateTransfer({ ...pending, kind: 'posted' }).map((issue) => issue.path)).toEqual(['/timeoutMs']);
  });
});

describe('sameTransfer (idempotency)', () => {
  it('is true for the same fields and false when any field differs', () => {
    expect(sameTransfer(stored(), pending)).toBe(true);
    expect(sameTransfer(stored(), { ...pending, amount: 501n })).toBe(false);
    expect(sameTransfer(stored(), { ...pending, creditAccountId: A, debitAccountId: B })).toBe(false);
    expect(sameTransfer(stored(), { ...pending, timeoutMs: 1 })).toBe(false);
    expect(sameTransfer(stored(), { ...pending, reference: undefined })).toBe(false);
    expect(sameTransfer(stored(), { ...pending, kind: 'posted', timeoutMs: undefined })).toBe(false);
  });
});

describe('balances', () => {
  it('a pending transfer then its post moves pending to posted; a void releases it', () => {
    let debit = { ...zeroBalances(), creditsPosted: 1_000n };
    debit = applyTransfer(debit, 'debit', 'pending', 400n);
    expect(available(debit)).toBe(600n);
    expect(applyTransfer(debit, 'debit', 'post_pending', 400n)).toMatchObject({
      debitsPosted: 400n,
      debitsPending: 0n,
    });
    expect(applyTransfer(debit, 'debit', 'void_pending', 400n)).toMatchObject({ debitsPosted: 0n, debitsPending: 0n });
  });

  it('within the limit exactly when the budget left is not negative (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 10n ** 12n),
        fc.array(fc.bigInt(1n, 10n ** 9n), { maxLength: 20 }),
        (funded, amounts) => {
          let balances = { ...zeroBalances(), creditsPosted: funded };
          for (const amount of amounts) {
            const next = applyTransfer(balances, 'debit', 'pending', amount);
            expect(withinLimits(next, budgetLimits)).toBe(available(next) >= 0n);
            if (withinLimits(next, budgetLimits)) balances = next;
          }
          expect(available(balances)).toBeGreaterThanOrEqual(0n);
        },
      ),
    );
  });
});
