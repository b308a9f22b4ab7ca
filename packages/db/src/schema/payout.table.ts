import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, fen, id, instant, updatedAt } from './columns';
import { subsidyClaims, subsidyPeriods } from './subsidy.table';

/**
 * 资金拨付 (payout): approved fund claims become payments through the treasury gateway. The ledger
 * (ledger.table.ts) holds the money; these tables hold the workflow: who is paid, which instruction
 * the bank was given, what the bank said, and every transition as an append-only event.
 */

const at = instant;

export const payoutPaymentStatuses = ['created', 'sent', 'paid', 'failed', 'retried', 'cancelled'] as const;

/**
 * The account a firm is paid into. Kept by the platform (not the register, which has none for an
 * operator), append-only: the latest row is in force; a payment copies it when it is reserved.
 */
export const payoutPayeeAccounts = pgTable(
  'payout_payee_accounts',
  {
    id: id(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    accountNumber: text('account_number').notNull(),
    accountName: text('account_name').notNull(),
    bankName: text('bank_name').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('payout_payee_accounts_org_idx').on(table.operatorOrgId, table.createdAt)],
);

/** A payment batch per subsidy period, as the treasury takes them; totals and state are derived. */
export const payoutBatches = pgTable('payout_batches', {
  id: id(),
  periodId: uuid('period_id')
    .notNull()
    .unique('payout_batches_period_unique')
    .references(() => subsidyPeriods.id),
  year: integer('year').notNull(),
  createdAt: createdAt(),
});

/**
 * One payment of a claim: one reservation (a pending ledger transfer) and one instruction. A failed
 * payment retried by staff gets a new payment (attempt + 1) with a new reservation and instruction.
 */
export const payoutPayments = pgTable(
  'payout_payments',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => subsidyClaims.id),
    attempt: integer('attempt').notNull(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => payoutBatches.id),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    periodId: uuid('period_id')
      .notNull()
      .references(() => subsidyPeriods.id),
    year: integer('year').notNull(),
    amountFen: fen('amount_fen').notNull(),
    /** The pending ledger transfer that reserves the amount (its id is derived from the payment id). */
    reservationId: uuid('reservation_id').notNull().unique('payout_payments_reservation_unique'),
    /** The bank instruction id, fixed when the payment is created, so every send repeats it. */
    instructionId: text('instruction_id').notNull().unique('payout_payments_instruction_unique'),
    payeeAccountNumber: text('payee_account_number'),
    payeeName: text('payee_name'),
    payeeBankName: text('payee_bank_name'),
    status: text('status', { enum: payoutPaymentStatuses }).notNull(),
    /** When the sweeper found it not terminal within the bound; null while within it. */
    stuckAt: at('stuck_at'),
    stuckReason: text('stuck_reason'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('payout_payments_claim_attempt_unique').on(table.claimId, table.attempt),
    // At most one successful payment per claim, and at most one still being worked on.
    uniqueIndex('payout_payments_one_paid_per_claim')
      .on(table.claimId)
      .where(sql`${table.status} = 'paid'`),
    uniqueIndex('payout_payments_one_open_per_claim')
      .on(table.claimId)
      .where(sql`${table.status} in ('created', 'sent', 'failed')`),
    index('payout_payments_period_idx').on(table.periodId, table.status, table.createdAt, table.id),
    index('payout_payments_org_idx').on(table.operatorOrgId, table.createdAt, table.id),
    index('payout_payments_open_idx')
      .on(table.updatedAt)
      .where(sql`${table.status} in ('created', 'sent')`),
    check('payout_payments_positive', sql`${table.amountFen} > 0`),
    check('payout_payments_attempt', sql`${table.attempt} >= 1`),
  ],
);

/**
 * What was sent to the bank under an instruction id: written and committed before the bank is
 * called; its send counters move, its request never (the bank compares it on every repeat).
 */
export const payoutInstructions = pgTable('payout_instructions', {
  id: text('id').primaryKey(),
  paymentId: uuid('payment_id')
    .notNull()
    .unique('payout_instructions_payment_unique')
    .references(() => payoutPayments.id),
  request: jsonb('request').$type<Record<string, unknown>>().notNull(),
  sendAttempts: integer('send_attempts').notNull().default(0),
  lastOutcome: text('last_outcome', { enum: ['accepted', 'rejected', 'unknown'] }),
  lastDetail: text('last_detail'),
  bankReference: text('bank_reference'),
  lastSentAt: at('last_sent_at'),
  createdAt: createdAt(),
});

/** Every transition of a payment (append-only), with who or what caused it. */
export const payoutPaymentEvents = pgTable(
  'payout_payment_events',
  {
    id: id(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payoutPayments.id),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    actorOrgId: uuid('actor_org_id').references(() => organisations.id),
    createdAt: createdAt(),
  },
  (table) => [index('payout_payment_events_payment_idx').on(table.paymentId, table.createdAt)],
);

/**
 * Bank callbacks as received (append-only), one per (instruction, sequence): a repeat with the same
 * bytes' content is acknowledged and changes nothing; the same key with other content is refused.
 */
export const payoutCallbacks = pgTable(
  'payout_callbacks',
  {
    instructionId: text('instruction_id').notNull(),
    sequence: bigint('sequence', { mode: 'number' }).notNull(),
    contentHash: text('content_hash').notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    outcome: text('outcome').notNull(),
    receivedAt: createdAt(),
  },
  (table) => [primaryKey({ name: 'payout_callbacks_pk', columns: [table.instructionId, table.sequence] })],
);

/** A reconciliation of a statement range against the ledger: figures and every difference (append-only). */
export const payoutReconciliations = pgTable('payout_reconciliations', {
  id: id(),
  jobKey: text('job_key').notNull().unique('payout_reconciliations_job_key_unique'),
  fromDate: text('from_date').notNull(),
  toDate: text('to_date').notNull(),
  matched: integer('matched').notNull(),
  differences: jsonb('differences').$type<unknown[]>().notNull(),
  summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
});

/** A paid claim clawed back (fraud found in audit): the correcting transfer and the reason (append-only). */
export const payoutClawbacks = pgTable('payout_clawbacks', {
  id: id(),
  paymentId: uuid('payment_id')
    .notNull()
    .unique('payout_clawbacks_payment_unique')
    .references(() => payoutPayments.id),
  transferId: uuid('transfer_id').notNull(),
  reason: text('reason').notNull(),
  actorOrgId: uuid('actor_org_id').references(() => organisations.id),
  createdAt: createdAt(),
});
