import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './access.table';
import { createdAt, id, updatedAt } from './columns';

const partyStatuses = ['submitted', 'approved', 'rejected', 'suspended'] as const;
const statusCheck = (column: unknown) => sql`${column} in ('submitted','approved','rejected','suspended')`;

/** Registration status, staff's last reason and an optimistic version, shared by every party table. */
const lifecycleColumns = () => ({
  status: text('status', { enum: partyStatuses }).notNull().default('submitted'),
  statusReason: text('status_reason'),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** 市场采購贸易经营者: the exporter of record. One per operator organisation. */
export const operators = pgTable(
  'operators',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .unique()
      .references(() => organisations.id),
    uscc: text('uscc').notNull().unique(),
    customsCode: text('customs_code').notNull().unique(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    contactEmail: text('contact_email'),
    address: text('address').notNull(),
    ...lifecycleColumns(),
  },
  (t) => [check('operators_status_check', statusCheck(t.status)), index('operators_created_idx').on(t.createdAt, t.id)],
);

/** 市场经营户, registered by an operator on the merchant's behalf. */
export const merchants = pgTable(
  'merchants',
  {
    id: id(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: ['individual_business', 'company'] }).notNull(),
    uscc: text('uscc').unique(),
    residentId: text('resident_id').unique(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    ownerName: text('owner_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    marketName: text('market_name').notNull(),
    boothNo: text('booth_no').notNull(),
    goodsCategories: text('goods_categories').array().notNull(),
    fxBankName: text('fx_bank_name').notNull(),
    fxAccountName: text('fx_account_name').notNull(),
    fxAccountNo: text('fx_account_no').notNull(),
    ...lifecycleColumns(),
  },
  (t) => [
    check('merchants_status_check', statusCheck(t.status)),
    check('merchants_kind_check', sql`${t.kind} in ('individual_business','company')`),
    // A company is identified by its USCC; an individual business by its USCC or the owner's resident ID.
    check(
      'merchants_identity_check',
      sql`(${t.uscc} is not null) or (${t.kind} = 'individual_business' and ${t.residentId} is not null)`,
    ),
    index('merchants_operator_created_idx').on(t.operatorOrgId, t.createdAt, t.id),
    index('merchants_created_idx').on(t.createdAt, t.id),
  ],
);

/** 采购商, domestic or foreign. */
export const purchasers = pgTable(
  'purchasers',
  {
    id: id(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: ['individual', 'company'] }).notNull(),
    name: text('name').notNull(),
    countryCode: text('country_code').notNull(),
    idType: text('id_type', {
      enum: ['resident_id', 'passport', 'company_registration', 'uscc'],
    }).notNull(),
    idNumber: text('id_number').notNull(),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    address: text('address'),
    ...lifecycleColumns(),
  },
  (t) => [
    check('purchasers_status_check', statusCheck(t.status)),
    check('purchasers_kind_check', sql`${t.kind} in ('individual','company')`),
    // A person or company is one purchaser however many operators sell to it.
    uniqueIndex('purchasers_identity_uq').on(t.countryCode, t.idType, t.idNumber),
    index('purchasers_operator_created_idx').on(t.operatorOrgId, t.createdAt, t.id),
    index('purchasers_created_idx').on(t.createdAt, t.id),
  ],
);

/** Append-only: every registration decision, with actor and reason (UPDATE/DELETE refused by trigger). */
export const partyStatusHistory = pgTable(
  'party_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partyType: text('party_type', { enum: ['operator', 'merchant', 'purchaser'] }).notNull(),
    partyId: uuid('party_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    actorOrgId: uuid('actor_org_id')
      .notNull()
      .references(() => organisations.id),
    actorKeyId: uuid('actor_key_id'),
    createdAt: createdAt(),
  },
  (t) => [index('party_status_history_party_idx').on(t.partyType, t.partyId, t.id)],
);
