import type { DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import type { OperatorFact, SubsidyRegistryFacts } from '../subsidy/subsidy.ports';

/** The register's answer to the subsidy context's read port: operators and when staff first approved them. */

interface OperatorRow extends Record<string, unknown> {
  id: string;
  org_id: string;
  uscc: string;
  name_zh: string;
  name_en: string;
  status: string;
  approved_at: Date | string | null;
}

const fact = (row: OperatorRow): OperatorFact => ({
  operatorId: row.id,
  operatorOrgId: row.org_id,
  uscc: row.uscc,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  status: row.status,
  approvedAt: row.approved_at === null ? null : new Date(row.approved_at),
});

const selectOperators = sql`
  select o.id, o.org_id, o.uscc, o.name_zh, o.name_en, o.status,
    (select min(h.created_at) from party_status_history h
     where h.party_type = 'operator' and h.party_id = o.id and h.to_status = 'approved') as approved_at
  from operators o`;

async function operatorsByOrg(db: DbOrTx, operatorOrgIds: readonly string[]): Promise<Map<string, OperatorFact>> {
  if (operatorOrgIds.length === 0) return new Map();
  const { rows } = await db.execute<OperatorRow>(
    sql`${selectOperators} where o.org_id = any(${sql.param([...operatorOrgIds])}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.org_id, fact(row)]));
}

async function operatorByUscc(db: DbOrTx, uscc: string): Promise<OperatorFact | null> {
  const { rows } = await db.execute<OperatorRow>(sql`${selectOperators} where o.uscc = ${uscc}`);
  return rows[0] ? fact(rows[0]) : null;
}

export const registrySubsidyFacts: SubsidyRegistryFacts = { operatorsByOrg, operatorByUscc };
