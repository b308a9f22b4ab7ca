import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, id, money } from './columns';
import { merchants, operators, purchasers } from './registry.table';
import { declarations, transactions } from './trade.table';

/**
 * 收汇 (FX receipt) recorded by the operator (DOMAIN §3, §10 rule 14): who paid, through which bank,
 * how much and to whom (a merchant, or the operator itself collecting on the merchants' behalf,
 * 代理收汇). Flags are warnings, not refusals. Receipts are append-only (trigger).
 */
export const fxReceipts = pgTable(
  'fx_receipts',
  {
    id: id(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id),
    clientRef: text('client_ref').notNull(),
    bankName: text('bank_name').notNull(),
    bankReference: text('bank_reference').notNull(),
    payerName: text('payer_name').notNull(),
    payerCountry: text('payer_country').notNull(),
    payerPurchaserId: uuid('payer_purchaser_id').references(() => purchasers.id),
    currency: text('currency').notNull(),
    amount: money('amount', 20).notNull(),
    valueDate: date('value_date', { mode: 'string' }).notNull(),
    agencyReceipt: boolean('agency_receipt').notNull(),
    merchantId: uuid('merchant_id').references(() => merchants.id),
    flags: jsonb('flags').$type<string[]>().notNull().default([]),
    createdByKeyId: uuid('created_by_key_id'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('fx_receipts_operator_client_ref_uq').on(t.operatorOrgId, t.clientRef),
    unique('fx_receipts_bank_reference_uq').on(t.bankName, t.bankReference),
    check('fx_receipts_amount_check', sql`${t.amount} > 0`),
    check(
      'fx_receipts_receiver_check',
      sql`(${t.agencyReceipt} and ${t.merchantId} is null) or (not ${t.agencyReceipt} and ${t.merchantId} is not null)`,
    ),
    index('fx_receipts_operator_created_idx').on(t.operatorOrgId, t.createdAt, t.id),
    index('fx_receipts_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * A part of a receipt matched to one transaction or one declaration, in the target's currency.
 * No double use: per receipt the allocations never exceed its amount and per target never exceed
 * its total (service locks + the fx_allocations_no_double_use constraint trigger). Append-only.
 */
export const fxAllocations = pgTable(
  'fx_allocations',
  {
    id: id(),
    receiptId: uuid('receipt_id')
      .notNull()
      .references(() => fxReceipts.id),
    transactionId: uuid('transaction_id').references(() => transactions.id),
    declarationId: uuid('declaration_id').references(() => declarations.id),
    currency: text('currency').notNull(),
    amount: money('amount', 20).notNull(),
    createdByKeyId: uuid('created_by_key_id'),
    createdAt: createdAt(),
  },
  (t) => [
    check('fx_allocations_amount_check', sql`${t.amount} > 0`),
    check('fx_allocations_target_check', sql`(${t.transactionId} is null) <> (${t.declarationId} is null)`),
    index('fx_allocations_receipt_idx').on(t.receiptId, t.createdAt, t.id),
    index('fx_allocations_transaction_idx').on(t.transactionId),
    index('fx_allocations_declaration_idx').on(t.declarationId),
  ],
);
