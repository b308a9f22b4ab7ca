import {
  ledgerAccounts,
  ledgerTransfers,
  payoutBatches,
  payoutClawbacks,
  payoutPayments,
  payoutReconciliations,
  type Db,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import { inTenantScope, tenantScope } from '../access/tenant-scope';
import { fundYearFigures } from '../ledger/ledger.fund-figures';
import type { Transfer } from '../ledger/ledger.models';
import { afterPosition, fetchPage } from '../shared/pagination';
import { csvDocument, csvLines, xlsxWorkbook, type Cell } from '../shared/tabular';
import { payoutErrors } from './payout.errors';
import { fenToCny } from '../shared/money';
import * as repository from './payout.repository';
import type { PaymentRow } from './payout.repository';
import type { ReconciliationDifference } from './payout.reconcile';
import type { PaymentListQuery, PaymentView, TransferView } from './payout.schemas';

export function paymentView(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    claimId: row.claimId,
    attempt: row.attempt,
    batchId: row.batchId,
    operatorOrgId: row.operatorOrgId,
    periodId: row.periodId,
    year: row.year,
    amountCny: fenToCny(row.amountFen),
    status: row.status,
    instructionId: row.instructionId,
    payee:
      row.payeeAccountNumber && row.payeeName && row.payeeBankName
        ? { accountNumber: row.payeeAccountNumber, name: row.payeeName, bankName: row.payeeBankName }
        : null,
    stuckAt: row.stuckAt,
    stuckReason: row.stuckReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const transferView = (row: Transfer): TransferView => ({
  id: row.id,
  kind: row.kind,
  debitAccountId: row.debitAccountId,
  creditAccountId: row.creditAccountId,
  amountCny: fenToCny(row.amount),
  pendingId: row.pendingId,
  expiresAt: row.expiresAt,
  reference: row.reference,
  reason: row.reason,
  createdAt: row.createdAt,
});

export const accountView = (row: typeof ledgerAccounts.$inferSelect) => ({
  id: row.id,
  code: row.code,
  kind: row.kind,
  debitsPostedCny: fenToCny(row.debitsPosted),
  creditsPostedCny: fenToCny(row.creditsPosted),
  debitsPendingCny: fenToCny(row.debitsPending),
  creditsPendingCny: fenToCny(row.creditsPending),
});

/** A payment visible to the principal (another firm's answers 404, like a missing one). */
export async function visiblePayment(db: DbOrTx, principal: Principal, id: string) {
  const row = await repository.findPayment(db, id);
  if (!row || !inTenantScope(principal, row.operatorOrgId)) throw payoutErrors.notFound({ detail: `no payment ${id}` });
  return row;
}

/** The payment with its history, its instruction's send record, its ledger transfers and any clawback. */
export async function paymentDetail(db: Db, principal: Principal, id: string) {
  const row = await visiblePayment(db, principal, id);
  const events = await repository.eventsOf(db, id);
  const instruction = await repository.findInstruction(db, row.instructionId);
  const transfers = await db
    .select()
    .from(ledgerTransfers)
    .where(
      or(
        eq(ledgerTransfers.id, row.reservationId),
        eq(ledgerTransfers.pendingId, row.reservationId),
        eq(ledgerTransfers.reference, row.instructionId),
        eq(ledgerTransfers.reference, `reservation:${row.reservationId}`),
      ),
    )
    .orderBy(asc(ledgerTransfers.createdAt), asc(ledgerTransfers.id));
  const [clawback] = await db.select().from(payoutClawbacks).where(eq(payoutClawbacks.paymentId, id));
  const clawbackTransfer = clawback
    ? await db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, clawback.transferId))
    : [];
  return {
    ...paymentView(row),
    history: events.map((event) => ({
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      detail: event.detail,
      actorOrgId: event.actorOrgId,
      at: event.createdAt,
    })),
    instruction: instruction
      ? {
          sendAttempts: instruction.sendAttempts,
          lastOutcome: instruction.lastOutcome,
          lastDetail: instruction.lastDetail,
          bankReference: instruction.bankReference,
          lastSentAt: instruction.lastSentAt,
        }
      : null,
    transfers: [...transfers, ...clawbackTransfer].map(transferView),
    clawback: clawback ? { reason: clawback.reason, transferId: clawback.transferId, at: clawback.createdAt } : null,
  };
}

function listConditions(principal: Principal, query: Omit<PaymentListQuery, 'cursor' | 'limit'>): SQL | undefined {
  const owner = tenantScope(principal);
  return and(
    owner ? eq(payoutPayments.operatorOrgId, owner) : undefined,
    query.periodId ? eq(payoutPayments.periodId, query.periodId) : undefined,
    query.status ? eq(payoutPayments.status, query.status) : undefined,
    query.stuck === 'true' ? isNotNull(payoutPayments.stuckAt) : undefined,
    query.stuck === 'false' ? sql`${payoutPayments.stuckAt} is null` : undefined,
  );
}

/** Payments by period, status and stuck mark, oldest first; a firm sees its own. */
export function listPayments(db: Db, principal: Principal, query: PaymentListQuery) {
  const { cursor, limit, ...filters } = query;
  const fingerprint = `payout:payments:${tenantScope(principal) ?? '*'}:${filters.periodId ?? '*'}:${filters.status ?? '*'}:${filters.stuck ?? '*'}`;
  return fetchPage(
    { cursor, limit },
    fingerprint,
    (after, take) =>
      db
        .select()
        .from(payoutPayments)
        .where(and(listConditions(principal, filters), afterPosition(payoutPayments, after)))
        .orderBy(asc(payoutPayments.createdAt), asc(payoutPayments.id))
        .limit(take),
    paymentView,
  );
}

/** The period's batch: its payments counted and summed per status, and whether anything is still open. */
export async function batchOfPeriod(db: Db, periodId: string) {
  const [batch] = await db.select().from(payoutBatches).where(eq(payoutBatches.periodId, periodId));
  if (!batch) throw payoutErrors.notFound({ detail: `no payment batch for period ${periodId}` });
  const { rows } = await db.execute<{ status: string; payments: number; fen: string }>(sql`
    select status, count(*)::int as payments, sum(amount_fen)::text as fen from payout_payments
    where batch_id = ${batch.id} group by status order by status`);
  const byStatus = rows.map((row) => ({
    status: row.status,
    payments: row.payments,
    amountCny: fenToCny(BigInt(row.fen)),
  }));
  const sum = (filter: (status: string) => boolean) =>
    fenToCny(rows.filter((row) => filter(row.status)).reduce((total, row) => total + BigInt(row.fen), 0n));
  const open = rows.some((row) => ['created', 'sent', 'failed'].includes(row.status));
  return {
    id: batch.id,
    periodId,
    year: batch.year,
    state: open ? ('open' as const) : ('settled' as const),
    byStatus,
    // A retried payment is replaced by its next attempt: only the others count towards the batch total.
    totalCny: sum((status) => status !== 'retried' && status !== 'cancelled'),
    paidCny: sum((status) => status === 'paid'),
    createdAt: batch.createdAt,
  };
}

const EXPORT_HEADER: Cell[] = [
  'payment_id 付款编号',
  'claim_id 申请编号',
  'attempt 次数',
  'operator_org_id 企业',
  'payee_name 收款人',
  'payee_bank 开户行',
  'payee_account 账号',
  'amount_cny 金额',
  'status 状态',
  'instruction_id 指令编号',
  'stuck_reason 异常',
  'created_at 创建时间',
  'updated_at 更新时间',
];

/** The period's payments as a table a person opens in a spreadsheet: CSV (UTF-8 BOM) or XLSX. */
export async function exportPeriod(db: Db, periodId: string, format: 'csv' | 'xlsx') {
  const rows = await db
    .select()
    .from(payoutPayments)
    .where(eq(payoutPayments.periodId, periodId))
    .orderBy(asc(payoutPayments.createdAt), asc(payoutPayments.id));
  const table: Cell[][] = [
    EXPORT_HEADER,
    ...rows.map((row) => [
      row.id,
      row.claimId,
      row.attempt,
      row.operatorOrgId,
      row.payeeName,
      row.payeeBankName,
      row.payeeAccountNumber,
      // A number in the workbook, an exact decimal string in the CSV.
      format === 'xlsx' ? Number(fenToCny(row.amountFen)) : fenToCny(row.amountFen),
      row.status,
      row.instructionId,
      row.stuckReason,
      row.createdAt.toISOString(),
      row.updatedAt.toISOString(),
    ]),
  ];
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: csvDocument(csvLines(table)) };
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await xlsxWorkbook([{ name: 'payments', rows: table }]),
  };
}

/** The fund's ledger accounts with their balances, by code. */
export async function listAccounts(db: Db) {
  const rows = await db.select().from(ledgerAccounts).orderBy(asc(ledgerAccounts.code));
  return rows.map(accountView);
}

/** One account's balances and its transfers (either side), oldest first, cursor-paginated. */
export async function accountTransfers(
  db: Db,
  accountId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  const [account] = await db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, accountId));
  if (!account) throw payoutErrors.notFound({ detail: `no ledger account ${accountId}` });
  const transfers = await fetchPage(
    page,
    `payout:ledger:${accountId}`,
    (after, take) =>
      db
        .select()
        .from(ledgerTransfers)
        .where(
          and(
            or(eq(ledgerTransfers.debitAccountId, accountId), eq(ledgerTransfers.creditAccountId, accountId)),
            afterPosition(ledgerTransfers, after),
          ),
        )
        .orderBy(asc(ledgerTransfers.createdAt), asc(ledgerTransfers.id))
        .limit(take),
    transferView,
  );
  return { account: accountView(account), ...transfers };
}

type ReconciliationRow = typeof payoutReconciliations.$inferSelect;
const reconciliationView = (row: ReconciliationRow) => ({
  id: row.id,
  jobKey: row.jobKey,
  from: row.fromDate,
  to: row.toDate,
  matched: row.matched,
  differences: row.differences as ReconciliationDifference[],
  summary: row.summary,
  createdAt: row.createdAt,
});

/** Reconciliation reports, oldest first. */
export const listReconciliations = (db: Db, page: { cursor?: string | undefined; limit: number }) =>
  fetchPage(
    page,
    'payout:reconciliations',
    (after, take) =>
      db
        .select()
        .from(payoutReconciliations)
        .where(afterPosition(payoutReconciliations, after))
        .orderBy(asc(payoutReconciliations.createdAt), asc(payoutReconciliations.id))
        .limit(take),
    reconciliationView,
  );

export async function reconciliation(db: Db, id: string) {
  const [row] = await db.select().from(payoutReconciliations).where(eq(payoutReconciliations.id, id));
  if (!row) throw payoutErrors.notFound({ detail: `no reconciliation ${id}` });
  return reconciliationView(row);
}

/** A reconciliation's differences as a table (CSV with BOM or XLSX), with its figures first. */
export async function exportReconciliation(db: Db, id: string, format: 'csv' | 'xlsx') {
  const report = await reconciliation(db, id);
  const table: Cell[][] = [
    ['from 起', 'to 止', 'matched 相符', 'differences 差异'],
    [report.from, report.to, report.matched, report.differences.length],
    [],
    [
      'kind 差异类型',
      'instruction_id 指令编号',
      'statement_cny 对账单金额',
      'ledger_cny 账簿金额',
      'value_date 起息日',
      'bank_reference 银行流水号',
    ],
    ...report.differences.map((entry) => [
      entry.kind,
      entry.instructionId,
      entry.statementCny,
      entry.ledgerCny,
      entry.valueDate,
      entry.bankReference,
    ]),
  ];
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: csvDocument(csvLines(table)) };
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await xlsxWorkbook([{ name: 'reconciliation', rows: table }]),
  };
}

/** The fund's figures of a year from the ledger (the one reading: ledger/ledger.fund-figures.ts). */
export async function fundFigures(db: Db, year: number) {
  const { opened: _opened, ...figures } = await fundYearFigures(db, year);
  return figures;
}
