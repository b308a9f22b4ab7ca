import { subsidyBudgets, subsidyFirmCaps, type DbOrTx } from '@baigou/db';
import { and, eq, sql } from 'drizzle-orm';
import { ExactDecimal } from '../shared/money';
import { subsidyErrors } from './subsidy.errors';
import type { ProgrammeDocument } from './subsidy.programme';

/**
 * Budget before money moves (DOMAIN §10 rule 18: caps per enterprise and period). An approval for
 * payment raises the approved totals of the fund's annual budget ('*'), of each item with its own
 * budget, and of the firm's annual cap, each by a conditional UPDATE that only succeeds within the
 * limit; the row's check constraint backs it. Two approvals racing for the last yuan cannot both pass.
 */

export const TOTAL = '*';

/**
 * The amount of claim line `l` after its latest audit finding (adjusted → its amount, rejected → 0,
 * confirmed or none → as drafted), as numeric(18,2) text: what approval reserves and statistics report.
 */
export const auditedLineAmount = sql`coalesce(
  (select case f.outcome when 'rejected' then 0 when 'adjusted' then f.adjusted_cny else l.amount_cny end
   from subsidy_audit_findings f where f.line_id = l.id order by f.created_at desc limit 1),
  l.amount_cny)::numeric(18,2)::text`;

/**
 * A claim's approved amount per item: the lines' amounts after audit findings, and a reduction of
 * the claim taken from its last lines first (so an item's total never goes below zero).
 */
export function amountsByItem(lines: readonly { itemCode: string; amountCny: string }[], claimCny: string) {
  let excess = lines.reduce((sum, line) => sum.plus(line.amountCny), new ExactDecimal(0)).minus(claimCny);
  const amounts = lines.map((line) => ({ ...line, amount: new ExactDecimal(line.amountCny) }));
  for (let i = amounts.length - 1; i >= 0 && excess.gt(0); i -= 1) {
    const take = ExactDecimal.min(excess, amounts[i]!.amount);
    amounts[i]!.amount = amounts[i]!.amount.minus(take);
    excess = excess.minus(take);
  }
  const byItem = new Map<string, ExactDecimal>();
  for (const line of amounts)
    byItem.set(line.itemCode, (byItem.get(line.itemCode) ?? new ExactDecimal(0)).plus(line.amount));
  return [...byItem].map(([itemCode, amount]) => ({ itemCode, amountCny: amount.toFixed(2) }));
}

async function raise(tx: DbOrTx, year: number, itemCode: string, amountCny: string) {
  const rows = await tx
    .update(subsidyBudgets)
    .set({ approvedCny: sql`${subsidyBudgets.approvedCny} + ${amountCny}::numeric` })
    .where(
      and(
        eq(subsidyBudgets.year, year),
        eq(subsidyBudgets.itemCode, itemCode),
        sql`${subsidyBudgets.approvedCny} + ${amountCny}::numeric <= ${subsidyBudgets.budgetCny}`,
      ),
    )
    .returning({ year: subsidyBudgets.year });
  if (rows.length === 1) return;
  const [row] = await tx
    .select()
    .from(subsidyBudgets)
    .where(and(eq(subsidyBudgets.year, year), eq(subsidyBudgets.itemCode, itemCode)));
  const scope = itemCode === TOTAL ? 'the annual budget' : `the budget of item ${itemCode}`;
  throw subsidyErrors.overBudget({
    detail: `${amountCny} CNY would exceed ${scope} of ${year}: ${row?.approvedCny} of ${row?.budgetCny} CNY already approved / 超出${year}年度预算`,
    extra: { year, itemCode, budgetCny: row?.budgetCny, approvedCny: row?.approvedCny, claimCny: amountCny },
  });
}

/** Reserves the claim's amount against the budget and the firm's cap, or refuses with the figures. */
export async function reserveBudget(
  tx: DbOrTx,
  args: {
    year: number;
    operatorOrgId: string;
    programme: ProgrammeDocument;
    byItem: readonly { itemCode: string; amountCny: string }[];
    claimCny: string;
  },
) {
  const { year, programme } = args;
  const limits = [
    { year, itemCode: TOTAL, budgetCny: programme.annualBudgetCny },
    ...programme.items.flatMap((item) =>
      item.budgetCny ? [{ year, itemCode: item.code, budgetCny: item.budgetCny }] : [],
    ),
  ];
  await tx.insert(subsidyBudgets).values(limits).onConflictDoNothing();
  await raise(tx, year, TOTAL, args.claimCny);
  for (const { itemCode, amountCny } of args.byItem)
    if (limits.some((limit) => limit.itemCode === itemCode)) await raise(tx, year, itemCode, amountCny);
  await tx
    .insert(subsidyFirmCaps)
    .values({ year, operatorOrgId: args.operatorOrgId, capCny: programme.capPerFirmPerYearCny })
    .onConflictDoNothing();
  const raised = await tx
    .update(subsidyFirmCaps)
    .set({ approvedCny: sql`${subsidyFirmCaps.approvedCny} + ${args.claimCny}::numeric` })
    .where(
      and(
        eq(subsidyFirmCaps.year, year),
        eq(subsidyFirmCaps.operatorOrgId, args.operatorOrgId),
        sql`${subsidyFirmCaps.approvedCny} + ${args.claimCny}::numeric <= ${subsidyFirmCaps.capCny}`,
      ),
    )
    .returning({ year: subsidyFirmCaps.year });
  if (raised.length === 1) return;
  const [cap] = await tx
    .select()
    .from(subsidyFirmCaps)
    .where(and(eq(subsidyFirmCaps.year, year), eq(subsidyFirmCaps.operatorOrgId, args.operatorOrgId)));
  throw subsidyErrors.overFirmCap({
    detail: `${args.claimCny} CNY would exceed the firm's ${year} cap: ${cap?.approvedCny} of ${cap?.capCny} CNY already approved / 超出企业年度上限`,
    extra: { year, capCny: cap?.capCny, approvedCny: cap?.approvedCny, claimCny: args.claimCny },
  });
}

/**
 * Gives back what an approval raised (a payment cancelled for good): the annual budget's, the items'
 * and the firm cap's approved totals lowered by the claim's amounts. The rows' check constraints keep
 * every total at or above zero.
 */
export async function releaseBudget(
  tx: DbOrTx,
  args: {
    year: number;
    operatorOrgId: string;
    byItem: readonly { itemCode: string; amountCny: string }[];
    claimCny: string;
  },
) {
  const lower = (itemCode: string, amountCny: string) =>
    tx
      .update(subsidyBudgets)
      .set({ approvedCny: sql`${subsidyBudgets.approvedCny} - ${amountCny}::numeric` })
      .where(and(eq(subsidyBudgets.year, args.year), eq(subsidyBudgets.itemCode, itemCode)));
  await lower(TOTAL, args.claimCny);
  for (const { itemCode, amountCny } of args.byItem) await lower(itemCode, amountCny);
  await tx
    .update(subsidyFirmCaps)
    .set({ approvedCny: sql`${subsidyFirmCaps.approvedCny} - ${args.claimCny}::numeric` })
    .where(and(eq(subsidyFirmCaps.year, args.year), eq(subsidyFirmCaps.operatorOrgId, args.operatorOrgId)));
}

/** Approved-for-payment totals against the budget, per item, for a year. */
export async function budgetView(tx: DbOrTx, year: number) {
  const rows = await tx.select().from(subsidyBudgets).where(eq(subsidyBudgets.year, year));
  const { rows: byItem } = await tx.execute<{ item_code: string; approved_cny: string; claims: number }>(sql`
    select l.item_code, sum(l.amount_cny)::numeric(18,2)::text as approved_cny, count(distinct c.id)::int as claims
    from subsidy_claims c join subsidy_claim_lines l on l.claim_id = c.id join subsidy_periods p on p.id = c.period_id
    where c.status = 'approved_for_payment' and extract(year from p.period_to) = ${year}
    group by l.item_code order by l.item_code`);
  return {
    year,
    budgets: rows.map((row) => ({ itemCode: row.itemCode, budgetCny: row.budgetCny, approvedCny: row.approvedCny })),
    approvedClaimLinesByItem: byItem.map((row) => ({
      itemCode: row.item_code,
      linesCny: row.approved_cny,
      claims: row.claims,
    })),
  };
}
