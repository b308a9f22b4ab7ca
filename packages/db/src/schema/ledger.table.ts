import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, fen, id, instant } from './columns';

const at = instant;
/** Amounts in fen (分) as int8: whole minor units, exact, and JS reads them as bigint. */

export const ledgerAccountKinds = [
  'appropriation',
  'fund_budget',
  'reserved',
  'payable',
  'paid',
  'clawback_receivable',
] as const;
export const ledgerTransferKinds = ['posted', 'pending', 'post_pending', 'void_pending'] as const;

/**
 * Fund ledger accounts (TigerBeetle style). The four balances are materialised and moved only in the
 * transaction that inserts the transfer; the limit flags are CHECK constraints on the row, so a
 * budget can never go negative whatever the code above does.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: id(),
    /** Stable business key, e.g. `fund_budget:2026` or `payable:<operator org id>`. */
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: ledgerAccountKinds }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    debitsMustNotExceedCredits: boolean('debits_must_not_exceed_credits').notNull().default(false),
    creditsMustNotExceedDebits: boolean('credits_must_not_exceed_debits').notNull().default(false),
    debitsPosted: fen('debits_posted')
      .notNull()
      .default(sql`0`),
    creditsPosted: fen('credits_posted')
      .notNull()
      .default(sql`0`),
    debitsPending: fen('debits_pending')
      .notNull()
      .default(sql`0`),
    creditsPending: fen('credits_pending')
      .notNull()
      .default(sql`0`),
    createdAt: createdAt(),
  },
  (table) => [
    check('ledger_accounts_cny', sql`${table.currency} = 'CNY'`),
    check(
      'ledger_accounts_non_negative',
      sql`${table.debitsPosted} >= 0 and ${table.creditsPosted} >= 0 and ${table.debitsPending} >= 0 and ${table.creditsPending} >= 0`,
    ),
    check(
      'ledger_accounts_debits_within_credits',
      sql`not ${table.debitsMustNotExceedCredits} or ${table.debitsPosted} + ${table.debitsPending} <= ${table.creditsPosted}`,
    ),
    check(
      'ledger_accounts_credits_within_debits',
      sql`not ${table.creditsMustNotExceedDebits} or ${table.creditsPosted} + ${table.creditsPending} <= ${table.debitsPosted}`,
    ),
    check(
      'ledger_accounts_one_limit',
      sql`not (${table.debitsMustNotExceedCredits} and ${table.creditsMustNotExceedDebits})`,
    ),
  ],
);

/**
 * Transfers: immutable (trigger), one debit and one credit of the same amount, so balanced by
 * construction. The id is the client's idempotency key. A post or void names its pending transfer;
 * the unique index on pending_id lets a pending transfer be resolved at most once.
 */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ledgerTransferKinds }).notNull(),
    debitAccountId: uuid('debit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    creditAccountId: uuid('credit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: fen('amount').notNull(),
    pendingId: uuid('pending_id').references((): AnyPgColumn => ledgerTransfers.id),
    /** Pending only: how long the reservation holds, counted by the database clock. */
    timeoutMs: integer('timeout_ms'),
    expiresAt: at('expires_at'),
    /** What the transfer is for, e.g. a claim id; the ledger knows claims only by id. */
    reference: text('reference'),
    /** Why a void happened: 'expired' when ledger_expire_pending() wrote it. */
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('ledger_transfers_pending_resolved_once').on(table.pendingId),
    index('ledger_transfers_debit_idx').on(table.debitAccountId),
    index('ledger_transfers_credit_idx').on(table.creditAccountId),
    index('ledger_transfers_open_pending_idx')
      .on(table.expiresAt)
      .where(sql`${table.kind} = 'pending'`),
    check('ledger_transfers_positive', sql`${table.amount} > 0`),
    check('ledger_transfers_two_accounts', sql`${table.debitAccountId} <> ${table.creditAccountId}`),
    check(
      'ledger_transfers_pending_shape',
      sql`(${table.kind} = 'pending') = (${table.timeoutMs} is not null and ${table.expiresAt} is not null)
        and (${table.timeoutMs} is null or ${table.timeoutMs} > 0)`,
    ),
    check(
      'ledger_transfers_resolution_shape',
      sql`(${table.kind} in ('post_pending', 'void_pending')) = (${table.pendingId} is not null)`,
    ),
  ],
);
