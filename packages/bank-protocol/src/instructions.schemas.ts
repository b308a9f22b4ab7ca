import { z } from 'zod';
import { accountNumberPattern } from './account-number';

/**
 * The wire format of the treasury payment gateway (国库集中支付) as the platform and the simulator speak
 * it. Money is an integer number of fen in a string (`amountFen: "1234567"` is CNY 12,345.67), never a
 * float; a request may instead give exact decimal yuan (`amountCny: "12345.67"`), which the gateway
 * turns into fen before anything else, so both spellings of one amount are the same instruction.
 */

export const InstructionId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, '1–64 letters, digits, . _ : -');
export const AmountFen = z.string().regex(/^[1-9]\d{0,15}$/, 'a positive integer number of fen, as a string');
export const AmountCny = z.string().regex(/^\d{1,14}(\.\d{1,2})?$/, 'decimal yuan with at most 2 decimals');
const text = (max: number) => z.string().trim().min(1).max(max);

export const InstructionRequest = z
  .strictObject({
    instructionId: InstructionId,
    payerAccountNumber: z.string().regex(accountNumberPattern, '12–30 digits'),
    /** Checked by the gateway (see account-number.ts); a bad one is refused or fails the payment. */
    payeeAccountNumber: z.string().min(1).max(40),
    payeeName: text(100),
    payeeBankName: text(100),
    amountFen: AmountFen.optional(),
    amountCny: AmountCny.optional(),
    currency: z.literal('CNY'),
    purpose: text(140),
    /** The platform's own reference, e.g. the fund claim id; printed on the statement. */
    reference: text(64),
  })
  .refine((request) => (request.amountFen === undefined) !== (request.amountCny === undefined), {
    message: 'give exactly one of amountFen and amountCny',
    path: ['amountFen'],
  })
  .refine((request) => request.amountCny === undefined || /[1-9]/.test(request.amountCny), {
    message: 'the amount must be positive',
    path: ['amountCny'],
  });
export type InstructionRequest = z.infer<typeof InstructionRequest>;

/** An instruction after the gateway normalised its amount: what idempotency compares. */
export type NormalizedInstruction = Omit<InstructionRequest, 'amountFen' | 'amountCny'> & { amountFen: string };

export const PaymentStatus = z.enum(['accepted', 'paid', 'failed']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const InstructionState = z.object({
  instructionId: InstructionId,
  bankReference: z.string(),
  status: PaymentStatus,
  /** Why a payment failed (`invalid_account`, `payee_bank_rejected`); null otherwise. */
  reason: z.string().nullable(),
  amountFen: AmountFen,
  currency: z.literal('CNY'),
  payeeAccountNumber: z.string(),
  payeeName: z.string(),
  reference: z.string(),
  acceptedAt: z.iso.datetime(),
  paidAt: z.iso.datetime().nullable(),
  failedAt: z.iso.datetime().nullable(),
  /** Set when the payee bank returned a paid amount (a reversal line on the statement). */
  reversedAt: z.iso.datetime().nullable(),
  /** The gateway's sequence number of this payment's latest event. */
  sequence: z.number().int().nonnegative(),
});
export type InstructionState = z.infer<typeof InstructionState>;

/** The body of a signed callback: one per settled payment (repeats carry the same sequence). */
export const PaymentCallback = z.strictObject({
  instructionId: InstructionId,
  bankReference: z.string(),
  status: z.enum(['paid', 'failed']),
  reason: z.string().nullable(),
  amountFen: AmountFen,
  currency: z.literal('CNY'),
  paidAt: z.iso.datetime().nullable(),
  sequence: z.number().int().nonnegative(),
});
export type PaymentCallback = z.infer<typeof PaymentCallback>;

export const StatementLine = z.object({
  kind: z.enum(['payment', 'reversal']),
  /** debit: money left the payer account; credit: a reversal brought it back. */
  direction: z.enum(['debit', 'credit']),
  bankReference: z.string(),
  instructionId: InstructionId,
  reference: z.string(),
  payeeAccountNumber: z.string(),
  payeeName: z.string(),
  payeeBankName: z.string(),
  amountFen: AmountFen,
  /** The booking day in China Standard Time (UTC+8), YYYY-MM-DD. */
  valueDate: z.iso.date(),
  bookedAt: z.iso.datetime(),
  sequence: z.number().int().nonnegative(),
});
export type StatementLine = z.infer<typeof StatementLine>;

export const Statement = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  lines: z.array(StatementLine),
  debitFen: z.string().regex(/^\d+$/),
  creditFen: z.string().regex(/^\d+$/),
});
export type Statement = z.infer<typeof Statement>;

/** RFC 9457 problem details, as the gateway answers every error. */
export const BankProblem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type BankProblem = z.infer<typeof BankProblem>;

/** Exact decimal yuan to integer fen, by string arithmetic: "12.3" → "1230". */
export function cnyToFen(amountCny: string): string {
  const [whole = '0', fraction = ''] = AmountCny.parse(amountCny).split('.');
  return (BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'))).toString();
}

/** Integer fen to decimal yuan with two decimals: "1230" → "12.30". */
export function fenToCny(amountFen: string): string {
  const fen = BigInt(amountFen);
  return `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
}

export function normalizeInstruction(request: InstructionRequest): NormalizedInstruction {
  const { amountFen, amountCny, ...rest } = request;
  return { ...rest, amountFen: amountFen ?? cnyToFen(amountCny ?? '0') };
}
