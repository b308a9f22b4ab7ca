import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, id, updatedAt } from './columns';
import { priceLibraryVersions, priceMatchRecords } from './price-library.table';
import { merchants, operators, purchasers } from './registry.table';

/** Unit prices and quantities: numeric(18,6), read and written as strings. */
const decimal6 = (name: string) => numeric(name, { precision: 18, scale: 6, mode: 'string' });
/** Amounts to the cent: numeric(18,2) per line; the head's total has room for 200 maximal lines. */
const money = (name: string, precision = 18) => numeric(name, { precision, scale: 2, mode: 'string' });

/**
 * Feeds the platform trading number `BG` + yyyymmdd + at least 6 digits. One sequence for the
 * whole platform, not one per day: the number never repeats even across days, no daily reset job
 * is needed, and a rolled-back insert only leaves a gap (trading numbers are not gapless invoice
 * numbers; customs never required that).
 */
export const tradingNoSequence = pgSequence('trading_no_seq', { startWith: 1, increment: 1, cache: 1 });

export const transactionStatuses = ['submitted', 'in_review', 'rejected'] as const;
export const settlementMethods = ['bank_transfer', 'cross_border_rmb'] as const;
export const documentKinds = ['sales_slip', 'receipt', 'contract', 'other'] as const;
export const excludedGoodsKinds = ['prohibited', 'restricted', 'suspended'] as const;

/**
 * 交易单 (transaction head): one sale by one market merchant to one purchaser, recorded by the
 * operator that will export it. `client_ref` is the operator's own id of the sale (cf. the
 * Guangzhou message's `tradingId`): unique per operator, so a re-submission never duplicates.
 */
export const transactions = pgTable(
  'transactions',
  {
    id: id(),
    tradingNo: text('trading_no').notNull().unique(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id),
    clientRef: text('client_ref').notNull(),
    /** SHA-256 of the canonical request: the same client_ref with other content is refused, not replayed. */
    requestHash: text('request_hash').notNull(),
    merchantId: uuid('merchant_id')
      .notNull()
      .references(() => merchants.id),
    purchaserId: uuid('purchaser_id')
      .notNull()
      .references(() => purchasers.id),
    tradeDate: date('trade_date').notNull(),
    settlementMethod: text('settlement_method', { enum: settlementMethods }).notNull(),
    currency: text('currency').notNull(),
    totalAmount: money('total_amount', 20).notNull(),
    lineCount: integer('line_count').notNull(),
    remark: text('remark'),
    status: text('status', { enum: transactionStatuses }).notNull(),
    statusReason: text('status_reason'),
    version: integer('version').notNull().default(1),
    createdByKeyId: uuid('created_by_key_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('transactions_operator_client_ref_uq').on(t.operatorOrgId, t.clientRef),
    check('transactions_status_check', sql`${t.status} in ('submitted','in_review','rejected')`),
    // Cash is excluded from the mode (2014 No. 54; platform policy, DOMAIN §1.1, §10 rule 5).
    check('transactions_settlement_check', sql`${t.settlementMethod} in ('bank_transfer','cross_border_rmb')`),
    check('transactions_total_check', sql`${t.totalAmount} > 0`),
    check('transactions_line_count_check', sql`${t.lineCount} between 1 and 200`),
    index('transactions_operator_created_idx').on(t.operatorOrgId, t.createdAt, t.id),
    index('transactions_created_idx').on(t.createdAt, t.id),
    index('transactions_status_created_idx').on(t.status, t.createdAt, t.id),
    index('transactions_merchant_idx').on(t.merchantId, t.tradeDate),
    index('transactions_purchaser_idx').on(t.purchaserId, t.tradeDate),
  ],
);

/**
 * 交易单明细: goods lines with the price-library answer they got at intake (candidates, price
 * check, version and the replayable match record). At national scale this is the table to
 * partition by month of trade (ARCHITECTURE §6); one pilot does not need it yet.
 */
export const transactionLines = pgTable(
  'transaction_lines',
  {
    id: id(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => transactions.id),
    lineNo: integer('line_no').notNull(),
    description: text('description').notNull(),
    spec: text('spec'),
    quantity: decimal6('quantity').notNull(),
    /** 3-digit customs unit of measure (计量单位) the quantity and unit price are in. */
    unit: text('unit').notNull(),
    unitPrice: decimal6('unit_price').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    /** The declared HS code, else the top candidate's; null when the matcher abstained and none was declared. */
    hsCode: text('hs_code'),
    hsCodeSource: text('hs_code_source', { enum: ['declared', 'matched'] }),
    productTypeCode: text('product_type_code'),
    candidates: jsonb('candidates').$type<unknown[]>().notNull(),
    priceCheck: jsonb('price_check').$type<Record<string, unknown>>().notNull(),
    priceLibraryVersionId: uuid('price_library_version_id')
      .notNull()
      .references(() => priceLibraryVersions.id),
    matchRecordId: uuid('match_record_id')
      .notNull()
      .references(() => priceMatchRecords.id),
    remark: text('remark'),
    /**
     * Set by consolidation (组货). `consolidation_id` gets its foreign key and the at-most-once
     * rule (DOMAIN §10 rule 8) with the consolidation table: a line belongs to one consolidation.
     */
    consolidationId: uuid('consolidation_id'),
    consolidatedAt: timestamp('consolidated_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('transaction_lines_transaction_line_no_uq').on(t.transactionId, t.lineNo),
    check('transaction_lines_quantity_check', sql`${t.quantity} > 0`),
    check('transaction_lines_unit_price_check', sql`${t.unitPrice} > 0`),
    check('transaction_lines_amount_check', sql`${t.amount} > 0`),
    check('transaction_lines_hs_source_check', sql`(${t.hsCode} is null) = (${t.hsCodeSource} is null)`),
    index('transaction_lines_product_type_idx').on(t.productTypeCode),
    index('transaction_lines_hs_idx').on(t.hsCode),
  ],
);

/** Original documents (sales slips, receipts), referenced by SHA-256; the file itself is kept elsewhere. */
export const transactionDocuments = pgTable(
  'transaction_documents',
  {
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => transactions.id),
    sha256: text('sha256').notNull(),
    filename: text('filename').notNull(),
    kind: text('kind', { enum: documentKinds }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.transactionId, t.sha256] }),
    check('transaction_documents_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('transaction_documents_kind_check', sql`${t.kind} in ('sales_slip','receipt','contract','other')`),
    // The same receipt behind two sales is a risk signal; this index finds it.
    index('transaction_documents_sha256_idx').on(t.sha256),
  ],
);

/** Append-only: every status a transaction took, with actor and reason (UPDATE/DELETE refused by trigger). */
export const transactionStatusHistory = pgTable(
  'transaction_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => transactions.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    actorOrgId: uuid('actor_org_id')
      .notNull()
      .references(() => organisations.id),
    actorKeyId: uuid('actor_key_id'),
    createdAt: createdAt(),
  },
  (t) => [index('transaction_status_history_transaction_idx').on(t.transactionId, t.id)],
);

/**
 * Goods that may not use the 1039 mode (DOMAIN §1.1, §10 rule 4): prohibited or restricted for
 * export, and ad-hoc suspensions. An entry names an HS prefix, a keyword, or both (either hits),
 * and is in force from `effective_from` through `effective_to` (inclusive; null = open). Rows are
 * never deleted; the only change allowed is closing an open entry (trigger).
 */
export const excludedGoods = pgTable(
  'excluded_goods',
  {
    id: id(),
    kind: text('kind', { enum: excludedGoodsKinds }).notNull(),
    hsPrefix: text('hs_prefix'),
    keyword: text('keyword'),
    reason: text('reason').notNull(),
    source: text('source').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    createdAt: createdAt(),
    /** Null for entries the platform seeded in a migration. */
    createdByOrgId: uuid('created_by_org_id').references(() => organisations.id),
    createdByKeyId: uuid('created_by_key_id'),
  },
  (t) => [
    check('excluded_goods_kind_check', sql`${t.kind} in ('prohibited','restricted','suspended')`),
    check('excluded_goods_criterion_check', sql`${t.hsPrefix} is not null or ${t.keyword} is not null`),
    check('excluded_goods_hs_prefix_check', sql`${t.hsPrefix} is null or ${t.hsPrefix} ~ '^[0-9]{2,10}$'`),
    check('excluded_goods_dates_check', sql`${t.effectiveTo} is null or ${t.effectiveFrom} <= ${t.effectiveTo}`),
    index('excluded_goods_effective_idx').on(t.effectiveFrom, t.effectiveTo),
    index('excluded_goods_created_idx').on(t.createdAt, t.id),
  ],
);
