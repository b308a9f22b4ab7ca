import { createHash } from 'node:crypto';
import { canonicalJson, type ItemResult } from '../../price-library';
import { ExactDecimal, toCents } from '../../shared/money';

/** Pure rules of transaction intake (交易登记). No I/O. */

export type TransactionStatus = 'submitted' | 'in_review' | 'rejected';

/** quantity × unitPrice, rounded half-up to the cent (the rounding of a paper sales slip), as a 2-decimal string. */
export function lineAmount(quantity: string, unitPrice: string): string {
  return toCents(new ExactDecimal(quantity).mul(unitPrice));
}

/**
 * `BG` + the China date of acceptance (yyyymmdd) + the platform sequence, at least 6 digits.
 * The sequence is platform-wide and never resets, so a number can never repeat; past 999,999 it
 * simply grows a digit instead of wrapping.
 */
export function formatTradingNo(acceptedOn: string, sequence: bigint | number | string): string {
  return `BG${acceptedOn.replaceAll('-', '')}${String(sequence).padStart(6, '0')}`;
}

/**
 * Fingerprint of a submission: the same clientRef with the same content is a retry (replayed);
 * with other content it is a different sale under a reused reference (refused).
 */
export const requestHash = (input: unknown) => createHash('sha256').update(canonicalJson(input)).digest('hex');

/** The lines whose price check asks for staff review (hard band, no reference, unsure match, unit mismatch). */
export function reviewReasons(results: readonly ItemResult[]) {
  return results.flatMap((result, index) =>
    result.priceCheck?.severity === 'review'
      ? [{ lineNo: index + 1, status: result.priceCheck.status, explanation: result.priceCheck.explanation }]
      : [],
  );
}

/** The candidate a line is matched to: the best one, unless the matcher abstained. */
export const matchedCandidate = (result: Pick<ItemResult, 'abstained' | 'candidates'>) =>
  result.abstained ? undefined : result.candidates[0];

export type HsCodeSource = 'declared' | 'matched';

/**
 * Which HS code a transaction line gets: the code the firm declared (checked against the tariff,
 * never replaced by a guess), else the code of the product type it was matched to with confidence,
 * else none (a declaration then refuses the line until it has one). Says where the code came from.
 */
export function lineHsCode(
  declared: string | undefined,
  result: Pick<ItemResult, 'abstained' | 'candidates'>,
): { hsCode: string | null; hsCodeSource: HsCodeSource | null } {
  const hsCode = declared ?? matchedCandidate(result)?.hsCode ?? null;
  return { hsCode, hsCodeSource: declared ? 'declared' : hsCode ? 'matched' : null };
}

/** A transaction with any line for review waits for staff; otherwise it is accepted as submitted. */
export const intakeStatus = (results: readonly ItemResult[]): TransactionStatus =>
  reviewReasons(results).length > 0 ? 'in_review' : 'submitted';

/** Indexes of lines outside the soft band without the remark the firm owes (DOMAIN §10 rule 7). */
export const linesMissingRemark = (results: readonly ItemResult[], remarks: readonly (string | undefined)[]) =>
  results.flatMap((result, index) => (result.priceCheck?.severity === 'warning' && !remarks[index] ? [index] : []));

export const reviewDecisions = ['approve-review', 'reject'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

/**
 * Staff decisions. A line under review is approved into `submitted`; a transaction is rejected
 * from review, or from `submitted` while none of its lines is consolidated (a shipped sale is
 * corrected by a new record, never by rejecting it). `rejected` is final.
 */
export const reviewRules: Record<ReviewDecision, { from: readonly TransactionStatus[]; to: TransactionStatus }> = {
  'approve-review': { from: ['in_review'], to: 'submitted' },
  reject: { from: ['in_review', 'submitted'], to: 'rejected' },
};

/**
 * Observations the price library's dynamic adjustment learns from: only lines accepted at a
 * price staff or the bands vouch for (a confident match, no review pending), so a hard-band
 * outlier does not pull the band toward itself before anyone looked at it.
 */
export const observable = (status: TransactionStatus, productTypeCode: string | null) =>
  status === 'submitted' && productTypeCode !== null;

/** What a price observation needs of a stored or new transaction line. */
export interface ObservableLine {
  id: string;
  unit: string;
  currency: string;
  unitPrice: string;
  productTypeCode?: string | null;
}

/**
 * Accepted lines become price observations for the library's dynamic adjustment, written in the
 * same PG transaction as the status that makes the lines observable.
 */
export const priceObservations = (
  transaction: { status: TransactionStatus; tradeDate: string },
  lines: readonly ObservableLine[],
) =>
  lines.flatMap((line) => {
    const productTypeCode = line.productTypeCode ?? null;
    if (productTypeCode === null || !observable(transaction.status, productTypeCode)) return [];
    const { unit, currency, unitPrice } = line;
    return [
      {
        productTypeCode,
        unit,
        currency,
        unitPrice,
        observedOn: transaction.tradeDate,
        source: 'transaction' as const,
        sourceRef: line.id,
      },
    ];
  });
