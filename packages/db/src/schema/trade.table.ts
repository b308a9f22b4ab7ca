import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
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
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, decimal6, id, money, updatedAt, weight } from './columns';
import { priceLibraryVersions, priceMatchRecords } from './price-library.table';
import { merchants, operators, purchasers } from './registry.table';

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
/** What an entry of the excluded-goods list keeps goods out of: the 1039 mode altogether, or simplified declaration only. */
export const modeExclusionKinds = ['prohibited', 'restricted', 'suspended'] as const;
export const simplificationExclusionKinds = ['export_duty', 'inspection', 'customs_excluded'] as const;
export const excludedGoodsKinds = [...modeExclusionKinds, ...simplificationExclusionKinds] as const;

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
    consolidationId: uuid('consolidation_id').references((): AnyPgColumn => consolidations.id),
    consolidatedAt: timestamp('consolidated_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('transaction_lines_transaction_line_no_uq').on(t.transactionId, t.lineNo),
    check('transaction_lines_quantity_check', sql`${t.quantity} > 0`),
    check('transaction_lines_unit_price_check', sql`${t.unitPrice} > 0`),
    check('transaction_lines_amount_check', sql`${t.amount} > 0`),
    check('transaction_lines_hs_source_check', sql`(${t.hsCode} is null) = (${t.hsCodeSource} is null)`),
    check('transaction_lines_consolidation_check', sql`(${t.consolidationId} is null) = (${t.consolidatedAt} is null)`),
    index('transaction_lines_consolidation_idx').on(t.consolidationId),
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
 * export, and ad-hoc suspensions — refused at intake; and goods that may use it but not simplified
 * declaration (DOMAIN §1.4: export duty, inspection and quarantine, excluded by customs) — always
 * itemised on the declaration. An entry names an HS prefix, a keyword, or both (either hits),
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
    check(
      'excluded_goods_kind_check',
      sql`${t.kind} in ('prohibited','restricted','suspended','export_duty','inspection','customs_excluded')`,
    ),
    check('excluded_goods_criterion_check', sql`${t.hsPrefix} is not null or ${t.keyword} is not null`),
    check('excluded_goods_hs_prefix_check', sql`${t.hsPrefix} is null or ${t.hsPrefix} ~ '^[0-9]{2,10}$'`),
    check('excluded_goods_dates_check', sql`${t.effectiveTo} is null or ${t.effectiveFrom} <= ${t.effectiveTo}`),
    index('excluded_goods_effective_idx').on(t.effectiveFrom, t.effectiveTo),
    index('excluded_goods_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * 组货单 (consolidation order, DOMAIN §1.6, §10 rules 8–9): submitted transactions of one operator
 * bound for one destination country, with the containers they are stuffed into. Append-only
 * (trigger); the totals are the sums over its transactions, computed once when it is written.
 */
export const consolidations = pgTable(
  'consolidations',
  {
    id: id(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id),
    clientRef: text('client_ref').notNull(),
    destinationCountry: text('destination_country').notNull(),
    transportMode: text('transport_mode').notNull(),
    chinaEuropeRail: boolean('china_europe_rail').notNull().default(false),
    exitPort: text('exit_port').notNull(),
    transactionCount: integer('transaction_count').notNull(),
    lineCount: integer('line_count').notNull(),
    totalCartons: integer('total_cartons').notNull(),
    totalGrossWeightKg: weight('total_gross_weight_kg').notNull(),
    totalNetWeightKg: weight('total_net_weight_kg').notNull(),
    /** Goods value per currency, `{ "CNY": "1250.00" }`: transactions in different currencies are not added up. */
    valueTotals: jsonb('value_totals').$type<Record<string, string>>().notNull(),
    createdByKeyId: uuid('created_by_key_id'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('consolidations_operator_client_ref_uq').on(t.operatorOrgId, t.clientRef),
    // 中欧班列 is a rail service: the flag only makes sense with transport mode 3 (铁路运输).
    check('consolidations_china_europe_rail_check', sql`not ${t.chinaEuropeRail} or ${t.transportMode} = '3'`),
    check('consolidations_weights_check', sql`${t.totalNetWeightKg} <= ${t.totalGrossWeightKg}`),
    index('consolidations_operator_created_idx').on(t.operatorOrgId, t.createdAt, t.id),
    index('consolidations_created_idx').on(t.createdAt, t.id),
  ],
);

/** The transactions of a consolidation with their packing; a transaction is consolidated once (unique). */
export const consolidationTransactions = pgTable(
  'consolidation_transactions',
  {
    consolidationId: uuid('consolidation_id')
      .notNull()
      .references(() => consolidations.id),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => transactions.id),
    cartons: integer('cartons').notNull(),
    grossWeightKg: weight('gross_weight_kg').notNull(),
    netWeightKg: weight('net_weight_kg').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.consolidationId, t.transactionId] }),
    unique('consolidation_transactions_transaction_uq').on(t.transactionId),
    check('consolidation_transactions_cartons_check', sql`${t.cartons} > 0`),
    check(
      'consolidation_transactions_weights_check',
      sql`${t.netWeightKg} > 0 and ${t.netWeightKg} <= ${t.grossWeightKg}`,
    ),
  ],
);

/** Containers of a consolidation (ISO 6346 numbers, checked by the service). */
export const consolidationContainers = pgTable(
  'consolidation_containers',
  {
    consolidationId: uuid('consolidation_id')
      .notNull()
      .references(() => consolidations.id),
    position: integer('position').notNull(),
    number: text('number').notNull(),
    type: text('type').notNull(),
    sealNo: text('seal_no').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.consolidationId, t.position] }),
    unique('consolidation_containers_number_uq').on(t.consolidationId, t.number),
    check('consolidation_containers_number_check', sql`${t.number} ~ '^[A-Z]{3}[UJZ][0-9]{7}$'`),
    // Trace by container: a container makes many trips, each in another consolidation.
    index('consolidation_containers_number_idx').on(t.number),
  ],
);

export const declarationStatuses = [
  'draft',
  'submitted',
  'accepted',
  'released',
  'exported',
  'rejected',
  'withdrawn',
] as const;

/**
 * 报关单 (customs declaration) of one consolidation under supervision mode 1039, the operator as
 * consignor (DOMAIN §1.7, §10 rules 10–12). Values are in the goods currency and in USD at the
 * customs monthly rate of the declaration month; `state` is the lifecycle state of
 * declaration-lifecycle.ts (status duplicated in a column for queries). One declaration per
 * consolidation unless withdrawn (partial unique index).
 */
export const declarations = pgTable(
  'declarations',
  {
    id: id(),
    consolidationId: uuid('consolidation_id')
      .notNull()
      .references(() => consolidations.id),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    /** Consignor (境内发货人): the operator. */
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id),
    supervisionMode: text('supervision_mode').notNull().default('1039'),
    currency: text('currency').notNull(),
    totalValue: money('total_value', 20).notNull(),
    totalValueUsd: money('total_value_usd', 20).notNull(),
    rateMonth: text('rate_month').notNull(),
    /** CNY per USD and CNY per unit of `currency` used, as they stood when the declaration was built. */
    cnyPerUsd: decimal6('cny_per_usd').notNull(),
    cnyPerUnit: decimal6('cny_per_unit').notNull(),
    simplifyRequested: boolean('simplify_requested').notNull(),
    simplified: boolean('simplified').notNull(),
    lineCount: integer('line_count').notNull(),
    /** The 简化归类清单: merged line → source lines (declaration.models.ts CorrespondenceEntry[]). */
    correspondence: jsonb('correspondence').$type<unknown[]>().notNull(),
    status: text('status', { enum: declarationStatuses }).notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    createdByKeyId: uuid('created_by_key_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('declarations_supervision_mode_check', sql`${t.supervisionMode} = '1039'`),
    check(
      'declarations_status_check',
      sql`${t.status} in ('draft','submitted','accepted','released','exported','rejected','withdrawn')`,
    ),
    check('declarations_cap_check', sql`${t.totalValueUsd} <= 150000.00`),
    uniqueIndex('declarations_consolidation_live_uq')
      .on(t.consolidationId)
      .where(sql`${t.status} <> 'withdrawn'`),
    index('declarations_operator_created_idx').on(t.operatorOrgId, t.createdAt, t.id),
    index('declarations_created_idx').on(t.createdAt, t.id),
    // Consolidation → declaration whatever the status (the unique index above leaves withdrawn ones out), for trace queries.
    index('declarations_consolidation_idx').on(t.consolidationId),
    // Trace by customs entry number (报关单号), which lives in the lifecycle state.
    index('declarations_entry_number_idx').on(sql`(${t.state}->>'entryNumber')`),
  ],
);

/** Declared goods lines (itemised or merged per chapter) with the transaction lines they stand for. */
export const declarationLines = pgTable(
  'declaration_lines',
  {
    declarationId: uuid('declaration_id')
      .notNull()
      .references(() => declarations.id),
    lineNo: integer('line_no').notNull(),
    hsCode: text('hs_code').notNull(),
    name: text('name').notNull(),
    quantity: numeric('quantity', { precision: 24, scale: 6, mode: 'string' }).notNull(),
    unit: text('unit').notNull(),
    value: money('value', 20).notNull(),
    currency: text('currency').notNull(),
    valueUsd: money('value_usd', 20).notNull(),
    merged: boolean('merged').notNull(),
    quantityNote: text('quantity_note'),
    sourceLineIds: uuid('source_line_ids').array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.declarationId, t.lineNo] }),
    check('declaration_lines_line_no_check', sql`${t.lineNo} between 1 and 50`),
  ],
);

/** Append-only: every lifecycle event of a declaration, with the state it led to and who sent it. */
export const declarationEvents = pgTable(
  'declaration_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    declarationId: uuid('declaration_id')
      .notNull()
      .references(() => declarations.id),
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorOrgId: uuid('actor_org_id')
      .notNull()
      .references(() => organisations.id),
    actorKeyId: uuid('actor_key_id'),
    createdAt: createdAt(),
  },
  (t) => [index('declaration_events_declaration_idx').on(t.declarationId, t.id)],
);
