import type { DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import { verifyLedger, type LedgerVerification } from '../ledger/ledger.verify';

export interface PayoutVerification {
  ok: boolean;
  /** Each broken invariant, named, with the ids that break it. */
  violations: { invariant: string; ids: string[] }[];
  ledger: LedgerVerification;
}

const ids = async (db: DbOrTx, query: ReturnType<typeof sql>) =>
  (await db.execute<{ id: string }>(query)).rows.map((row) => String(row.id));

/**
 * The payout invariants, read-only and safe at any moment (the fault-injection suite calls it after
 * every step): at most one paid payment per claim; every paid payment has its ledger post and its
 * disbursement, and nothing else is posted; every failed, retried or cancelled payment's reservation
 * is voided and never posted; Σ posted + Σ pending ≤ budget per year; every approved claim has a
 * payment in a known state; and the ledger itself verifies (balanced, balances = Σ entries).
 */
export async function verifyPayouts(db: DbOrTx): Promise<PayoutVerification> {
  const checks: [string, ReturnType<typeof sql>][] = [
    [
      'at most one paid payment per claim',
      sql`select claim_id as id from payout_payments where status = 'paid' group by claim_id having count(*) > 1`,
    ],
    [
      'every paid payment is posted and disbursed in the ledger',
      sql`select p.id from payout_payments p where p.status = 'paid' and (
            not exists (select 1 from ledger_transfers t where (t.pending_id = p.reservation_id and t.kind = 'post_pending')
              or (t.reference = 'reservation:' || p.reservation_id::text and t.kind = 'posted'))
         or not exists (select 1 from ledger_transfers t where t.reference = p.instruction_id and t.kind = 'posted'))`,
    ],
    [
      'a reservation is posted only for a paid payment',
      sql`select p.id from payout_payments p join ledger_transfers t
            on (t.pending_id = p.reservation_id and t.kind = 'post_pending')
            or (t.reference = 'reservation:' || p.reservation_id::text and t.kind = 'posted')
          where p.status <> 'paid'`,
    ],
    [
      'a failed, retried or cancelled payment has its reservation voided',
      sql`select p.id from payout_payments p where p.status in ('failed', 'retried', 'cancelled') and not exists (
            select 1 from ledger_transfers t where t.pending_id = p.reservation_id and t.kind = 'void_pending')`,
    ],
    [
      'every payment has its reservation',
      sql`select p.id from payout_payments p left join ledger_transfers t on t.id = p.reservation_id
          where t.id is null or t.kind <> 'pending' or t.amount <> p.amount_fen`,
    ],
    [
      'posted + pending within the budget, per year',
      sql`select id from ledger_accounts where kind = 'fund_budget' and debits_posted + debits_pending > credits_posted`,
    ],
    [
      'every approved claim has a payment in a known state',
      sql`select c.id from subsidy_claims c where c.status = 'approved_for_payment' and not exists (
            select 1 from payout_payments p where p.claim_id = c.id
            and p.status in ('created', 'sent', 'paid', 'failed', 'retried', 'cancelled'))`,
    ],
    [
      'a retried payment has a later attempt',
      sql`select p.id from payout_payments p where p.status = 'retried' and not exists (
            select 1 from payout_payments n where n.claim_id = p.claim_id and n.attempt = p.attempt + 1)`,
    ],
  ];
  const violations: PayoutVerification['violations'] = [];
  for (const [invariant, query] of checks) {
    const broken = await ids(db, query);
    if (broken.length > 0) violations.push({ invariant, ids: broken });
  }
  const ledger = await verifyLedger(db);
  return { ok: violations.length === 0 && ledger.ok, violations, ledger };
}
