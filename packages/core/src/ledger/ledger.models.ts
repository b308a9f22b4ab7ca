import type { FieldIssue } from '../shared/errors';

/**
 * The fund ledger's pure rules (TigerBeetle's model): a transfer moves one amount from one debit
 * account to one credit account, so every transfer is balanced by construction; a pending transfer
 * holds the amount on both accounts until it is posted (pending → posted) or voided (released).
 * Amounts are whole fen (分) as bigint.
 */
export const accountKinds = [
  'appropriation',
  'fund_budget',
  'reserved',
  'payable',
  'paid',
  'clawback_receivable',
] as const;
export type AccountKind = (typeof accountKinds)[number];
export const transferKinds = ['posted', 'pending', 'post_pending', 'void_pending'] as const;
export type TransferKind = (typeof transferKinds)[number];

export interface Balances {
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
}

export interface AccountLimits {
  debitsMustNotExceedCredits: boolean;
  creditsMustNotExceedDebits: boolean;
}

/** Codes of the fund's accounts: one budget, reservation and paid account per year, payables per firm. */
export const accountCodes = {
  appropriation: (year: number) => `appropriation:${year}`,
  fundBudget: (year: number) => `fund_budget:${year}`,
  reserved: (year: number) => `reserved:${year}`,
  paid: (year: number) => `paid:${year}`,
  payable: (operatorOrgId: string) => `payable:${operatorOrgId}`,
  clawbackReceivable: (operatorOrgId: string) => `clawback_receivable:${operatorOrgId}`,
};

/** A transfer that names its accounts and amount: single-phase posted, or pending (a reservation). */
export interface MovementRequest {
  id: string;
  kind: 'posted' | 'pending';
  debitAccountId: string;
  creditAccountId: string;
  amount: bigint;
  /** Pending only: how long the reservation holds, by the database clock. */
  timeoutMs?: number;
  reference?: string;
}

/** A transfer that posts or voids a pending one; its accounts and amount are the pending transfer's. */
export interface ResolutionRequest {
  id: string;
  kind: 'post_pending' | 'void_pending';
  pendingId: string;
  reference?: string;
}

export type TransferRequest = MovementRequest | ResolutionRequest;

export const isResolution = (request: TransferRequest): request is ResolutionRequest =>
  request.kind === 'post_pending' || request.kind === 'void_pending';

export interface Transfer {
  id: string;
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  amount: bigint;
  pendingId: string | null;
  timeoutMs: number | null;
  expiresAt: Date | null;
  reference: string | null;
  reason: string | null;
  createdAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** int8 holds every fund amount; the bound keeps the sums of four balances inside it too. */
export const MAX_AMOUNT = 2n ** 60n;

/** The request's shape problems, as field issues (empty when valid). */
export function validateTransfer(request: TransferRequest): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!UUID.test(request.id)) issues.push({ path: '/id', message: 'must be a UUID' });
  if (isResolution(request)) {
    if (!UUID.test(request.pendingId)) issues.push({ path: '/pendingId', message: 'must be a UUID' });
    return issues;
  }
  if (request.amount <= 0n || request.amount > MAX_AMOUNT)
    issues.push({ path: '/amount', message: `must be a whole number of fen in 1..${MAX_AMOUNT}` });
  for (const side of ['debitAccountId', 'creditAccountId'] as const)
    if (!UUID.test(request[side])) issues.push({ path: `/${side}`, message: 'must be a UUID' });
  if (request.debitAccountId === request.creditAccountId)
    issues.push({ path: '/creditAccountId', message: 'must differ from the debit account' });
  if (request.kind === 'pending') {
    const timeout = request.timeoutMs;
    if (timeout === undefined || !Number.isInteger(timeout) || timeout <= 0 || timeout > 2_147_483_647)
      issues.push({ path: '/timeoutMs', message: 'a pending transfer needs a positive whole timeout in ms' });
  } else if (request.timeoutMs !== undefined) {
    issues.push({ path: '/timeoutMs', message: 'only a pending transfer has a timeout' });
  }
  return issues;
}

/** Whether a stored transfer is what this request asks for (then a retry returns it unchanged). */
export function sameTransfer(stored: Transfer, request: TransferRequest): boolean {
  if (stored.id !== request.id || stored.kind !== request.kind) return false;
  if ((stored.reference ?? undefined) !== request.reference) return false;
  if (isResolution(request)) return stored.pendingId === request.pendingId;
  return (
    stored.debitAccountId === request.debitAccountId &&
    stored.creditAccountId === request.creditAccountId &&
    stored.amount === request.amount &&
    (stored.timeoutMs ?? undefined) === request.timeoutMs
  );
}

/** How a transfer of this kind moves one side (debit or credit) of an account: posted and pending deltas. */
export function sideDelta(kind: TransferKind, amount: bigint): { posted: bigint; pending: bigint } {
  switch (kind) {
    case 'posted':
      return { posted: amount, pending: 0n };
    case 'pending':
      return { posted: 0n, pending: amount };
    case 'post_pending':
      return { posted: amount, pending: -amount };
    case 'void_pending':
      return { posted: 0n, pending: -amount };
  }
}

/** The balances after a transfer of `kind` touches the account on `side`. */
export function applyTransfer(balances: Balances, side: 'debit' | 'credit', kind: TransferKind, amount: bigint) {
  const delta = sideDelta(kind, amount);
  return side === 'debit'
    ? {
        ...balances,
        debitsPosted: balances.debitsPosted + delta.posted,
        debitsPending: balances.debitsPending + delta.pending,
      }
    : {
        ...balances,
        creditsPosted: balances.creditsPosted + delta.posted,
        creditsPending: balances.creditsPending + delta.pending,
      };
}

/** The account's limits as the database's CHECK constraints state them. */
export function withinLimits(balances: Balances, limits: AccountLimits): boolean {
  const values = [balances.debitsPosted, balances.creditsPosted, balances.debitsPending, balances.creditsPending];
  if (values.some((value) => value < 0n)) return false;
  if (limits.debitsMustNotExceedCredits && balances.debitsPosted + balances.debitsPending > balances.creditsPosted)
    return false;
  return !(
    limits.creditsMustNotExceedDebits && balances.creditsPosted + balances.creditsPending > balances.debitsPosted
  );
}

/** What a debit-limited account (a budget) still holds: credits posted less debits posted and pending. */
export const available = (balances: Balances): bigint =>
  balances.creditsPosted - balances.debitsPosted - balances.debitsPending;

export const zeroBalances = (): Balances => ({
  debitsPosted: 0n,
  creditsPosted: 0n,
  debitsPending: 0n,
  creditsPending: 0n,
});
