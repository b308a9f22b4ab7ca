import {
  consolidationContainers,
  consolidationTransactions,
  declarations,
  fxAllocations,
  merchants,
  provenanceEvents,
  provenanceLeaves,
  transactionLines,
  transactions,
  type DbOrTx,
} from '@baigou/db';
import { sql, type SQL } from 'drizzle-orm';

export interface TraceFilter {
  declarationId?: string | undefined;
  entryNumber?: string | undefined;
  merchantId?: string | undefined;
  merchantUscc?: string | undefined;
  purchaserId?: string | undefined;
  hsPrefix?: string | undefined;
  /** Declaration dates (China time), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  container?: string | undefined;
}

export interface DeclarationHead extends Record<string, unknown> {
  id: string;
  created_at: Date;
  consolidation_id: string;
  operator_org_id: string;
  operator_id: string;
  status: string;
  entry_number: string | null;
}

/** Goods of the declaration's consolidation: the transactions behind it, reached through its lines. */
const goodsOfDeclaration = (condition: SQL) => sql`exists (
  select 1 from ${consolidationTransactions} ct join ${transactions} t on t.id = ct.transaction_id
  where ct.consolidation_id = d.consolidation_id and ${condition})`;

/**
 * Declarations matching every given criterion, in (created_at, id) order after `after`. The criteria
 * go through the trade tables: a merchant's, a purchaser's or an HS prefix's declarations are those
 * whose consolidation holds such goods.
 */
export async function findDeclarations(
  db: DbOrTx,
  filter: TraceFilter,
  after: { createdAt: string; id: string } | undefined,
  limit: number,
) {
  const { rows } = await db.execute<DeclarationHead>(traceStatements.declarations(filter, after, limit));
  return rows.map((row) => ({ ...row, created_at: new Date(row.created_at) }));
}

/** The conditions of a declaration search, each over the declaration `d`. */
function declarationConditions(filter: TraceFilter, after: { createdAt: string; id: string } | undefined): SQL[] {
  const conditions: SQL[] = [];
  if (filter.declarationId) conditions.push(sql`d.id = ${filter.declarationId}`);
  if (filter.entryNumber) conditions.push(sql`d.state->>'entryNumber' = ${filter.entryNumber}`);
  if (filter.merchantId) conditions.push(goodsOfDeclaration(sql`t.merchant_id = ${filter.merchantId}`));
  if (filter.merchantUscc)
    conditions.push(
      goodsOfDeclaration(sql`t.merchant_id = (select id from ${merchants} where uscc = ${filter.merchantUscc})`),
    );
  if (filter.purchaserId) conditions.push(goodsOfDeclaration(sql`t.purchaser_id = ${filter.purchaserId}`));
  if (filter.hsPrefix) {
    conditions.push(
      sql`exists (select 1 from ${transactionLines} l where l.consolidation_id = d.consolidation_id and l.hs_code like ${`${filter.hsPrefix}%`})`,
    );
  }
  if (filter.from) conditions.push(sql`d.created_at >= (${filter.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (filter.to) conditions.push(sql`d.created_at < (${filter.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (filter.container)
    conditions.push(
      sql`exists (select 1 from ${consolidationContainers} c where c.consolidation_id = d.consolidation_id and c.number = ${filter.container})`,
    );
  if (after) conditions.push(sql`(d.created_at, d.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return conditions;
}

function declarationsStatement(
  filter: TraceFilter,
  after: { createdAt: string; id: string } | undefined,
  limit: number,
): SQL {
  const conditions = declarationConditions(filter, after);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  return sql`
    select d.id, d.created_at, d.consolidation_id, d.operator_org_id, d.operator_id, d.status, d.state->>'entryNumber' as entry_number
    from ${declarations} d ${where}
    order by d.created_at, d.id
    limit ${limit}`;
}

/** Every platform id whose events make up a declaration's chain. */
export async function chainSubjects(db: DbOrTx, head: DeclarationHead): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(traceStatements.chainSubjects(head));
  return rows.map((row) => row.id);
}

function chainSubjectsStatement(head: Pick<DeclarationHead, 'id' | 'consolidation_id' | 'operator_id'>): SQL {
  return sql`
    with members as (
      select t.id, t.merchant_id, t.purchaser_id from ${consolidationTransactions} ct join ${transactions} t on t.id = ct.transaction_id
      where ct.consolidation_id = ${head.consolidation_id}
    ), receipts as (
      select distinct a.receipt_id as id from ${fxAllocations} a
      where a.declaration_id = ${head.id} or a.transaction_id in (select id from members)
    )
    select ${head.id}::uuid as id union select ${head.consolidation_id}::uuid union select ${head.operator_id}::uuid
    union select id from members union select merchant_id from members union select purchaser_id from members
    union select id from receipts`;
}

export interface EventRow extends Record<string, unknown> {
  id: string;
  seq: string;
  event_type: string;
  action: string;
  subject_kind: string;
  subject_id: string;
  event_time: Date;
  canonical: Buffer;
  leaf_index: string | null;
}

/** The events of the given subjects, with their leaf index when sequenced, in log order (pending ones last). */
export async function eventsOf(db: DbOrTx, subjectIds: readonly string[]): Promise<EventRow[]> {
  if (subjectIds.length === 0) return [];
  const { rows } = await db.execute<EventRow>(traceStatements.eventsOf(subjectIds));
  return rows;
}

/**
 * The trace's hand-written statements, by name. Tables are the drizzle objects (a rename fails the
 * typecheck); the SQL text is pinned by trace.repository.sql.int.test.ts, which snapshots it and
 * plans each statement against the migrated schema, so a renamed column fails a test.
 */
export const traceStatements = {
  declarations: declarationsStatement,
  chainSubjects: chainSubjectsStatement,
  eventsOf: (subjectIds: readonly string[]) => sql`
    select e.id, e.seq, e.event_type, e.action, e.subject_kind, e.subject_id, e.event_time, e.canonical, l.leaf_index
    from ${provenanceEvents} e left join ${provenanceLeaves} l on l.event_id = e.id
    where e.subject_id = any(${sql.param(subjectIds)}::uuid[])
    order by l.leaf_index nulls last, e.seq`,
};
