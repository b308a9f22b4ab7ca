import type { DbOrTx } from '@baigou/db';
import { sql, type SQL } from 'drizzle-orm';

export interface BalanceDifference {
  accountId: string;
  code: string;
  column: 'debits_posted' | 'credits_posted' | 'debits_pending' | 'credits_pending';
  materialised: string;
  recomputed: string;
}

export interface LedgerVerification {
  ok: boolean;
  accounts: number;
  transfers: number;
  /** Materialised balances that differ from the sum of the account's transfers. */
  differences: BalanceDifference[];
  /** Σ over all accounts; debits and credits must agree, posted and pending each. */
  totals: { debitsPosted: string; creditsPosted: string; debitsPending: string; creditsPending: string };
  /** Posts and voids whose accounts or amount differ from their pending transfer's (or name a non-pending). */
  mismatchedResolutions: string[];
}

const COLUMNS = ['debits_posted', 'credits_posted', 'debits_pending', 'credits_pending'] as const;

type Recomputed = { id: string; code: string } & Record<
  (typeof COLUMNS)[number] | `r_${(typeof COLUMNS)[number]}`,
  string
>;

/** Only some accounts: their balances against their own transfers (a check after each step of a test). */
export interface LedgerScope {
  accountIds: readonly string[];
}

/** `and (<column> in (…) or …)` for a scope (nothing without one; an empty scope matches nothing). */
function within(scope: LedgerScope | undefined, ...columns: string[]): SQL {
  if (!scope) return sql``;
  if (scope.accountIds.length === 0) return sql`and false`;
  const ids = sql.join(
    scope.accountIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return sql`and (${sql.join(
    columns.map((column) => sql`${sql.raw(column)} in (${ids})`),
    sql` or `,
  )})`;
}

/**
 * Recomputes every account's balances from its transfers (a post or void carries its pending's accounts
 * and amount, so pending = Σ pending − Σ post/void) and compares them with the materialised columns.
 */
async function recompute(db: DbOrTx, scope?: LedgerScope): Promise<Recomputed[]> {
  const { rows } = await db.execute<Recomputed>(sql`
    with moves as (
      select debit_account_id as account_id, 'd' as side, kind, amount from ledger_transfers
        where true ${within(scope, 'debit_account_id')}
      union all
      select credit_account_id, 'c', kind, amount from ledger_transfers
        where true ${within(scope, 'credit_account_id')}
    ), sums as (
      select account_id,
        sum(amount) filter (where side = 'd' and kind in ('posted', 'post_pending')) as dp,
        sum(amount) filter (where side = 'c' and kind in ('posted', 'post_pending')) as cp,
        sum(case when kind = 'pending' then amount when kind in ('post_pending', 'void_pending') then -amount end)
          filter (where side = 'd') as dq,
        sum(case when kind = 'pending' then amount when kind in ('post_pending', 'void_pending') then -amount end)
          filter (where side = 'c') as cq
      from moves group by account_id
    )
    select a.id, a.code,
      a.debits_posted::text, a.credits_posted::text, a.debits_pending::text, a.credits_pending::text,
      coalesce(s.dp, 0)::text as r_debits_posted, coalesce(s.cp, 0)::text as r_credits_posted,
      coalesce(s.dq, 0)::text as r_debits_pending, coalesce(s.cq, 0)::text as r_credits_pending
    from ledger_accounts a left join sums s on s.account_id = a.id
    where true ${within(scope, 'a.id')}
    order by a.id`);
  return rows;
}

/**
 * Checks the ledger end to end; `ok` only when nothing differs. Read-only, safe to run at any time.
 * With a scope, only those accounts and the transfers touching them: their totals need not balance
 * (money moved to accounts outside the scope), so `ok` then asks equal balances and resolutions only.
 */
export async function verifyLedger(db: DbOrTx, scope?: LedgerScope): Promise<LedgerVerification> {
  const rows = await recompute(db, scope);
  const differences: BalanceDifference[] = rows.flatMap((row) =>
    COLUMNS.filter((column) => row[column] !== row[`r_${column}`]).map((column) => ({
      accountId: row.id,
      code: row.code,
      column,
      materialised: row[column],
      recomputed: row[`r_${column}`],
    })),
  );
  const { rows: resolution } = await db.execute<{ id: string }>(sql`
    select r.id from ledger_transfers r left join ledger_transfers p on p.id = r.pending_id
    where r.pending_id is not null and (p.kind is distinct from 'pending' or p.amount <> r.amount
      or p.debit_account_id <> r.debit_account_id or p.credit_account_id <> r.credit_account_id)
      ${within(scope, 'r.debit_account_id', 'r.credit_account_id')}`);
  const { rows: counts } = await db.execute<{ transfers: number }>(
    sql`select count(*)::int as transfers from ledger_transfers where true
      ${within(scope, 'debit_account_id', 'credit_account_id')}`,
  );
  const total = (column: (typeof COLUMNS)[number]) =>
    rows.reduce((sum, row) => sum + BigInt(row[column]), 0n).toString();
  const totals = {
    debitsPosted: total('debits_posted'),
    creditsPosted: total('credits_posted'),
    debitsPending: total('debits_pending'),
    creditsPending: total('credits_pending'),
  };
  const balanced =
    scope !== undefined ||
    (totals.debitsPosted === totals.creditsPosted && totals.debitsPending === totals.creditsPending);
  return {
    ok: differences.length === 0 && resolution.length === 0 && balanced,
    accounts: rows.length,
    transfers: counts[0]?.transfers ?? 0,
    differences,
    totals,
    mismatchedResolutions: resolution.map((row) => row.id),
  };
}
