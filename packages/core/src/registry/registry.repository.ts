import {
  isUniqueViolation,
  merchants,
  operators,
  partyStatusHistory,
  pgConstraint,
  purchasers,
  type DbOrTx,
} from '@baigou/db';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { afterPosition, type CursorPosition } from '../shared/pagination';
import { registryErrors } from './registry.errors';
import type { PartyStatus, PartyType } from './registry.models';

/** Plain drizzle queries over the three party tables; the rules live in registry.service.ts. */

export type OperatorRow = typeof operators.$inferSelect;
export type MerchantRow = typeof merchants.$inferSelect;
export type PurchaserRow = typeof purchasers.$inferSelect;
export type PartyRow = { operator: OperatorRow; merchant: MerchantRow; purchaser: PurchaserRow };

const tables = { operator: operators, merchant: merchants, purchaser: purchasers } as const;

/** The organisation that owns (registered) a party: an operator owns itself. */
const ownerColumn = {
  operator: operators.orgId,
  merchant: merchants.operatorOrgId,
  purchaser: purchasers.operatorOrgId,
} as const;

export interface PartyFilter {
  ownerOrgId?: string | undefined;
  q?: string | undefined;
  status?: PartyStatus | undefined;
  uscc?: string | undefined;
  idNumber?: string | undefined;
  countryCode?: string | undefined;
  marketName?: string | undefined;
}

function conditions<T extends PartyType>(type: T, filter: PartyFilter): SQL[] {
  const table = tables[type];
  const where: (SQL | undefined)[] = [
    filter.ownerOrgId ? eq(ownerColumn[type], filter.ownerOrgId) : undefined,
    filter.status ? eq(table.status, filter.status) : undefined,
  ];
  if (type === 'operator') {
    where.push(
      filter.q
        ? or(ilike(operators.nameZh, `%${escapeLike(filter.q)}%`), ilike(operators.nameEn, `%${escapeLike(filter.q)}%`))
        : undefined,
    );
    where.push(filter.uscc ? eq(operators.uscc, filter.uscc) : undefined);
  }
  if (type === 'merchant') {
    where.push(
      filter.q
        ? or(
            ilike(merchants.nameZh, `%${escapeLike(filter.q)}%`),
            ilike(merchants.nameEn, `%${escapeLike(filter.q)}%`),
            ilike(merchants.boothNo, `%${escapeLike(filter.q)}%`),
          )
        : undefined,
    );
    where.push(filter.uscc ? eq(merchants.uscc, filter.uscc) : undefined);
    where.push(filter.idNumber ? eq(merchants.residentId, filter.idNumber) : undefined);
    where.push(filter.marketName ? eq(merchants.marketName, filter.marketName) : undefined);
  }
  if (type === 'purchaser') {
    where.push(filter.q ? ilike(purchasers.name, `%${escapeLike(filter.q)}%`) : undefined);
    where.push(filter.idNumber ? eq(purchasers.idNumber, filter.idNumber) : undefined);
    where.push(filter.uscc ? and(eq(purchasers.idType, 'uscc'), eq(purchasers.idNumber, filter.uscc)) : undefined);
    where.push(filter.countryCode ? eq(purchasers.countryCode, filter.countryCode) : undefined);
  }
  return where.filter((condition): condition is SQL => condition !== undefined);
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/*
 * One query per table, typed by party type: the generic functions below pick the one of their
 * type, so each answers the row type of its table without a cast.
 */
const selectRows: {
  [K in PartyType]: (db: DbOrTx, where: SQL | undefined, limit: number) => Promise<PartyRow[K][]>;
} = {
  operator: (db, where, limit) =>
    db.select().from(operators).where(where).orderBy(asc(operators.createdAt), asc(operators.id)).limit(limit),
  merchant: (db, where, limit) =>
    db.select().from(merchants).where(where).orderBy(asc(merchants.createdAt), asc(merchants.id)).limit(limit),
  purchaser: (db, where, limit) =>
    db.select().from(purchasers).where(where).orderBy(asc(purchasers.createdAt), asc(purchasers.id)).limit(limit),
};

/** The status change of a decision, for the table's update. */
const statusChange = (table: (typeof tables)[PartyType], to: PartyStatus, reason: string | null) => ({
  status: to,
  statusReason: reason,
  version: sql`${table.version} + 1`,
  updatedAt: sql`now()`,
});

const updateRows: {
  [K in PartyType]: (
    tx: DbOrTx,
    where: SQL | undefined,
    to: PartyStatus,
    reason: string | null,
  ) => Promise<PartyRow[K][]>;
} = {
  operator: (tx, where, to, reason) =>
    tx
      .update(operators)
      .set(statusChange(operators, to, reason))
      .where(where)
      .returning(),
  merchant: (tx, where, to, reason) =>
    tx
      .update(merchants)
      .set(statusChange(merchants, to, reason))
      .where(where)
      .returning(),
  purchaser: (tx, where, to, reason) =>
    tx
      .update(purchasers)
      .set(statusChange(purchasers, to, reason))
      .where(where)
      .returning(),
};

export async function findParties<T extends PartyType>(
  db: DbOrTx,
  type: T,
  filter: PartyFilter,
  after: CursorPosition | undefined,
  limit: number,
): Promise<PartyRow[T][]> {
  return selectRows[type](db, and(...conditions(type, filter), afterPosition(tables[type], after)), limit);
}

export async function findParty<T extends PartyType>(
  db: DbOrTx,
  type: T,
  id: string,
  ownerOrgId?: string,
): Promise<PartyRow[T] | undefined> {
  const where = [eq(tables[type].id, id), ...(ownerOrgId ? [eq(ownerColumn[type], ownerOrgId)] : [])];
  const [row] = await selectRows[type](db, and(...where), 1);
  return row;
}

/** Unique constraint → the request field that collided. */
const duplicateFields: Record<string, string> = {
  operators_uscc_unique: '/body/uscc',
  operators_customs_code_unique: '/body/customsCode',
  merchants_uscc_unique: '/body/uscc',
  merchants_resident_id_unique: '/body/residentId',
  purchasers_identity_uq: '/body/idNumber',
};

function translateDuplicate(error: unknown): never {
  if (!isUniqueViolation(error)) throw error;
  const constraint = pgConstraint(error) ?? '';
  if (constraint === 'operators_org_id_unique') throw registryErrors.operatorAlreadyRegistered();
  const path = duplicateFields[constraint];
  throw registryErrors.duplicateParty({
    cause: error,
    ...(path ? { fields: [{ path, message: 'already registered' }] } : {}),
  });
}

type NewParty = {
  operator: typeof operators.$inferInsert;
  merchant: typeof merchants.$inferInsert;
  purchaser: typeof purchasers.$inferInsert;
};

const insertRows: { [K in PartyType]: (tx: DbOrTx, values: NewParty[K]) => Promise<PartyRow[K][]> } = {
  operator: (tx, values) => tx.insert(operators).values(values).returning(),
  merchant: (tx, values) => tx.insert(merchants).values(values).returning(),
  purchaser: (tx, values) => tx.insert(purchasers).values(values).returning(),
};

/** A new registration; an identifier registered before is registry.duplicate_party (or operator_already_registered). */
export async function insertParty<T extends PartyType>(tx: DbOrTx, type: T, values: NewParty[T]): Promise<PartyRow[T]> {
  try {
    const [row] = await insertRows[type](tx, values);
    return row!;
  } catch (error) {
    translateDuplicate(error);
  }
}

/** Compare-and-set on status: concurrent decisions on one party cannot both win. */
export async function updateStatus<T extends PartyType>(
  tx: DbOrTx,
  type: T,
  id: string,
  from: PartyStatus,
  to: PartyStatus,
  reason: string | null,
): Promise<PartyRow[T] | undefined> {
  const table = tables[type];
  const [row] = await updateRows[type](tx, and(eq(table.id, id), eq(table.status, from)), to, reason);
  return row;
}

export async function appendHistory(tx: DbOrTx, entry: typeof partyStatusHistory.$inferInsert): Promise<void> {
  await tx.insert(partyStatusHistory).values(entry);
}

export async function findHistory(db: DbOrTx, type: PartyType, id: string) {
  return db
    .select()
    .from(partyStatusHistory)
    .where(and(eq(partyStatusHistory.partyType, type), eq(partyStatusHistory.partyId, id)))
    .orderBy(asc(partyStatusHistory.id));
}

export async function findOperatorByOrg(db: DbOrTx, orgId: string): Promise<OperatorRow | undefined> {
  const [row] = await db.select().from(operators).where(eq(operators.orgId, orgId));
  return row;
}
