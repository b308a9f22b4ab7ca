import { merchants, operators, partyStatusHistory, purchasers, type DbOrTx } from '@baigou/db';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { afterPosition, type CursorPosition } from '../shared/pagination';
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

export async function findParties<T extends PartyType>(
  db: DbOrTx,
  type: T,
  filter: PartyFilter,
  after: CursorPosition | undefined,
  limit: number,
): Promise<PartyRow[T][]> {
  const table = tables[type];
  const rows = await db
    .select()
    .from(table as typeof merchants)
    .where(and(...conditions(type, filter), afterPosition(table, after)))
    .orderBy(asc(table.createdAt), asc(table.id))
    .limit(limit);
  return rows as unknown as PartyRow[T][];
}

export async function findParty<T extends PartyType>(
  db: DbOrTx,
  type: T,
  id: string,
  ownerOrgId?: string,
): Promise<PartyRow[T] | undefined> {
  const table = tables[type];
  const where = [eq(table.id, id), ...(ownerOrgId ? [eq(ownerColumn[type], ownerOrgId)] : [])];
  const [row] = await db
    .select()
    .from(table as typeof merchants)
    .where(and(...where));
  return row as unknown as PartyRow[T] | undefined;
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
  const table = tables[type] as typeof merchants;
  const [row] = await tx
    .update(table)
    .set({ status: to, statusReason: reason, version: sql`${table.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(table.id, id), eq(table.status, from)))
    .returning();
  return row as unknown as PartyRow[T] | undefined;
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
