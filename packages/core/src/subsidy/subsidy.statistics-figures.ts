import type { DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import { ExactDecimal } from '../shared/money';
import type { FundClaimFigures, FundItemFigure, StatisticsFundClaims } from '../statistics/statistics.ports';
import { amountsByItem, auditedLineAmount } from './subsidy.budget';

/**
 * The special fund's answer to the statistics context's port (statistics/statistics.ports.ts): a
 * month's claims drafted by period runs and approved for payment, in total and by programme item.
 * Months are China months of the claim's creation and of its approval event. An approved claim's
 * amount per item is the one its approval reserved against the budget (subsidy.budget.ts
 * amountsByItem: the lines after audit findings, a reduction taken from the last lines first), so the
 * items add up to the approved amount.
 */

const inMonth = (column: ReturnType<typeof sql.raw>, month: string) =>
  sql`to_char((${column} at time zone 'Asia/Shanghai'), 'YYYY-MM') = ${month}`;

async function drafted(db: DbOrTx, month: string): Promise<FundClaimFigures['drafted']> {
  const { rows } = await db.execute<{ item_code: string; claims: number; amount_cny: string }>(sql`
    select l.item_code, count(distinct c.id)::int as claims, sum(l.amount_cny)::numeric(18,2)::text as amount_cny
    from subsidy_claims c join subsidy_claim_lines l on l.claim_id = c.id
    where ${inMonth(sql.raw('c.created_at'), month)} group by l.item_code order by l.item_code`);
  const { rows: totals } = await db.execute<{ claims: number; amount_cny: string }>(sql`
    select count(*)::int as claims, coalesce(sum(c.drafted_cny), 0)::numeric(18,2)::text as amount_cny
    from subsidy_claims c where ${inMonth(sql.raw('c.created_at'), month)}`);
  return {
    claims: totals[0]?.claims ?? 0,
    amountCny: totals[0]?.amount_cny ?? '0.00',
    byItem: rows.map((row) => ({ itemCode: row.item_code, claims: row.claims, amountCny: row.amount_cny })),
  };
}

interface ApprovedLineRow extends Record<string, unknown> {
  claim_id: string;
  approved_cny: string;
  item_code: string | null;
  amount_cny: string | null;
}

/** Claims approved for payment in the month, each with its lines after the latest audit finding on each. */
async function approved(db: DbOrTx, month: string): Promise<FundClaimFigures['approvedForPayment']> {
  const { rows } = await db.execute<ApprovedLineRow>(sql`
    with approvals as (
      select e.claim_id, e.amount_cny from subsidy_claim_events e
      where e.to_status = 'approved_for_payment' and e.from_status = 'in_notice'
        and ${inMonth(sql.raw('e.created_at'), month)})
    select a.claim_id, a.amount_cny::text as approved_cny, l.item_code, ${auditedLineAmount} as amount_cny
    from approvals a left join subsidy_claim_lines l on l.claim_id = a.claim_id
    order by a.claim_id, l.line_no`);
  const claims = new Map<string, { approvedCny: string; lines: { itemCode: string; amountCny: string }[] }>();
  for (const row of rows) {
    const claim = claims.get(row.claim_id) ?? { approvedCny: row.approved_cny, lines: [] };
    if (row.item_code !== null && row.amount_cny !== null)
      claim.lines.push({ itemCode: row.item_code, amountCny: row.amount_cny });
    claims.set(row.claim_id, claim);
  }
  const byItem = new Map<string, { claims: number; amount: ExactDecimal }>();
  let total = new ExactDecimal(0);
  for (const claim of claims.values()) {
    total = total.plus(claim.approvedCny);
    for (const item of amountsByItem(claim.lines, claim.approvedCny)) {
      const figure = byItem.get(item.itemCode) ?? { claims: 0, amount: new ExactDecimal(0) };
      byItem.set(item.itemCode, { claims: figure.claims + 1, amount: figure.amount.plus(item.amountCny) });
    }
  }
  const items: FundItemFigure[] = [...byItem]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([itemCode, figure]) => ({ itemCode, claims: figure.claims, amountCny: figure.amount.toFixed(2) }));
  return { claims: claims.size, amountCny: total.toFixed(2), byItem: items };
}

export async function fundClaimFigures(db: DbOrTx, month: string): Promise<FundClaimFigures> {
  return { drafted: await drafted(db, month), approvedForPayment: await approved(db, month) };
}

export const subsidyAsStatisticsFund: StatisticsFundClaims = { monthFigures: fundClaimFigures };
