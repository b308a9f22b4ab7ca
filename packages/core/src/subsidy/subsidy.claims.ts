import {
  subsidyAuditFindings,
  subsidyClaimEvents,
  subsidyClaimLines,
  subsidyClaims,
  subsidyObjections,
  subsidyPeriods,
  subsidyProgrammeVersions,
  type Db,
  type DbOrTx,
} from '@baigou/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import { tenantScope } from '../access/tenant-scope';
import { recordEvents } from '../provenance/provenance.events';
import { chinaDate } from '../shared/dates';
import { ExactDecimal, sumExact } from '../shared/money';
import { amountsByItem, budgetView, reserveBudget } from './subsidy.budget';
import { subsidyErrors } from './subsidy.errors';
import { subsidyEvent } from './subsidy.events';
import { addWorkingDays, applyClaimEvent, eventActor, type ClaimEvent, type ClaimState } from './subsidy.lifecycle';
import type { SubsidyPayouts } from './subsidy.ports';
import { ProgrammeDocument } from './subsidy.programme';
import { claimSummaryView, claimView, listClaimRows, type ClaimRow } from './subsidy.views';

/** What a caller sends; the service completes what it computes itself (notice end, audited amount, instant). */
export type ClaimEventInput =
  | Exclude<ClaimEvent, { type: 'startNotice' } | { type: 'auditPass' } | { type: 'approve' }>
  | { type: 'startNotice'; from: string }
  | { type: 'auditPass' }
  | { type: 'approve' };

/** Lines' amounts after the latest audit finding on each (adjusted → its amount, rejected → 0). */
async function auditedLines(tx: DbOrTx, claimId: string) {
  const { rows } = await tx.execute<{ item_code: string; amount_cny: string }>(sql`
    select l.item_code, coalesce(
      (select case f.outcome when 'rejected' then 0 when 'adjusted' then f.adjusted_cny else l.amount_cny end
       from ${subsidyAuditFindings} f where f.line_id = l.id order by f.created_at desc limit 1),
      l.amount_cny)::numeric(18,2)::text as amount_cny
    from ${subsidyClaimLines} l where l.claim_id = ${claimId} order by l.line_no`);
  return rows.map((row) => ({ itemCode: row.item_code, amountCny: row.amount_cny }));
}

export function createClaims({ db, clock, payouts }: { db: Db; clock: () => Date; payouts?: SubsidyPayouts }) {
  async function lockClaim(tx: DbOrTx, principal: Principal, id: string) {
    const owner = tenantScope(principal);
    const [row] = await tx
      .select()
      .from(subsidyClaims)
      .where(owner ? and(eq(subsidyClaims.id, id), eq(subsidyClaims.operatorOrgId, owner)) : eq(subsidyClaims.id, id))
      .for('update');
    if (!row) throw subsidyErrors.notFound({ detail: `no subsidy claim ${id}` });
    return row;
  }

  async function programmeOf(tx: DbOrTx, claim: ClaimRow) {
    const [row] = await tx
      .select({ document: subsidyProgrammeVersions.document })
      .from(subsidyProgrammeVersions)
      .where(eq(subsidyProgrammeVersions.id, claim.programmeVersionId));
    return ProgrammeDocument.parse(row!.document);
  }

  /** Fills in what the service computes, and checks what the pure machine cannot see. */
  async function complete(tx: DbOrTx, claim: ClaimRow, input: ClaimEventInput): Promise<ClaimEvent> {
    const today = chinaDate(clock());
    switch (input.type) {
      case 'startNotice': {
        if (input.from > today)
          throw subsidyErrors.invalidAmount({
            detail: 'the notice cannot start in the future',
            fields: [{ path: '/body/from', message: `after today (${today})` }],
          });
        const programme = await programmeOf(tx, claim);
        return {
          type: 'startNotice',
          from: input.from,
          endsOn: addWorkingDays(input.from, programme.noticeWorkingDays),
        };
      }
      case 'auditPass': {
        const lines = await auditedLines(tx, claim.id);
        const audited = ExactDecimal.min(sumExact(lines.map((line) => line.amountCny)), claim.amountCny);
        return { type: 'auditPass', auditedCny: audited.toFixed(2) };
      }
      case 'approve':
        return { type: 'approve', at: clock().toISOString() };
      case 'reduce':
        if (new ExactDecimal(input.amountCny).gte(claim.amountCny))
          throw subsidyErrors.invalidAmount({
            detail: `a reduction must be below the claimed ${claim.amountCny} CNY`,
            fields: [{ path: '/body/amountCny', message: `not below ${claim.amountCny}` }],
          });
        return input;
      default:
        return input;
    }
  }

  /** Before approval for payment: the notice is over, every objection decided, and the budget holds. */
  async function beforeApproval(tx: DbOrTx, claim: ClaimRow, actorOrgId: string) {
    const state = claim.state as ClaimState;
    if (state.status !== 'in_notice') return;
    const today = chinaDate(clock());
    if (today <= state.endsOn)
      throw subsidyErrors.noticeRunning({
        detail: `the public notice runs until ${state.endsOn} / 公示期至 ${state.endsOn}`,
      });
    const open = await tx
      .select({ id: subsidyObjections.id })
      .from(subsidyObjections)
      .where(and(eq(subsidyObjections.claimId, claim.id), isNull(subsidyObjections.decision)));
    if (open.length > 0)
      throw subsidyErrors.objectionsOpen({
        detail: `${open.length} objections are not decided / ${open.length} 项异议未处理`,
        extra: { objectionIds: open.map((row) => row.id) },
      });
    const [period] = await tx.select().from(subsidyPeriods).where(eq(subsidyPeriods.id, claim.periodId));
    const year = Number(period!.periodTo.slice(0, 4));
    const programme = await programmeOf(tx, claim);
    await reserveBudget(tx, {
      year,
      operatorOrgId: claim.operatorOrgId,
      programme,
      byItem: amountsByItem(await auditedLines(tx, claim.id), claim.amountCny),
      claimCny: claim.amountCny,
    });
    // The money itself: reserved in the fund ledger and queued for payment, in this transaction.
    await payouts?.reserveForPayment(tx, {
      claimId: claim.id,
      operatorOrgId: claim.operatorOrgId,
      periodId: claim.periodId,
      year,
      amountCny: claim.amountCny,
      programmeVersionId: claim.programmeVersionId,
      annualBudgetCny: programme.annualBudgetCny,
      approvedByOrgId: actorOrgId,
    });
  }

  async function applyEvent(principal: Principal, id: string, input: ClaimEventInput) {
    if (eventActor[input.type] !== principal.role)
      throw subsidyErrors.notYourStep({
        detail: `${input.type} is a step for ${eventActor[input.type]}, not ${principal.role}`,
      });
    return db.transaction(async (tx) => {
      const claim = await lockClaim(tx, principal, id);
      const event = await complete(tx, claim, input);
      const result = applyClaimEvent(claim.state as ClaimState, event);
      if (result.outcome === 'illegal')
        throw subsidyErrors.illegalTransition({
          detail: result.detail,
          extra: { from: result.from, event: result.event },
        });
      if (result.outcome === 'unchanged') return claimView(tx, claim);
      if (event.type === 'approve') await beforeApproval(tx, claim, principal.orgId);
      const amountCny =
        event.type === 'reduce' ? event.amountCny : event.type === 'auditPass' ? event.auditedCny : claim.amountCny;
      const [updated] = await tx
        .update(subsidyClaims)
        .set({
          status: result.state.status,
          state: result.state,
          amountCny,
          version: claim.version + 1,
          updatedAt: clock(),
        })
        .where(eq(subsidyClaims.id, id))
        .returning();
      await tx.insert(subsidyClaimEvents).values({
        claimId: id,
        event,
        fromStatus: claim.status,
        toStatus: result.state.status,
        amountCny,
        actorOrgId: principal.orgId,
      });
      await recordEvents(tx, [
        subsidyEvent({
          kind: 'subsidy_claim',
          id,
          action: `subsidy_claim.${event.type}`,
          related: [claim.operatorOrgId, claim.periodId],
          actorOrgId: principal.orgId,
          at: clock(),
          detail: { ...event, fromStatus: claim.status, toStatus: result.state.status, amountCny },
        }),
      ]);
      return claimView(tx, updated!);
    });
  }

  async function get(principal: Principal, id: string) {
    const owner = tenantScope(principal);
    const [row] = await db
      .select()
      .from(subsidyClaims)
      .where(owner ? and(eq(subsidyClaims.id, id), eq(subsidyClaims.operatorOrgId, owner)) : eq(subsidyClaims.id, id));
    if (!row) throw subsidyErrors.notFound({ detail: `no subsidy claim ${id}` });
    return claimView(db, row);
  }

  async function list(principal: Principal, periodId: string, page: { limit: number; after?: string | undefined }) {
    const rows = await listClaimRows(
      db,
      { periodId, ownerOrgId: tenantScope(principal), afterId: page.after },
      page.limit + 1,
    );
    const items = rows.slice(0, page.limit);
    return { items: items.map(claimSummaryView), nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
  }

  async function recordObjection(principal: Principal, claimId: string, input: { objector: string; reason: string }) {
    return db.transaction(async (tx) => {
      const claim = await lockClaim(tx, principal, claimId);
      if (claim.status !== 'in_notice')
        throw subsidyErrors.illegalTransition({
          detail: `objections are recorded during the public notice; the claim is ${claim.status}`,
        });
      const [row] = await tx
        .insert(subsidyObjections)
        .values({ claimId, ...input })
        .returning();
      await recordEvents(tx, [
        subsidyEvent({
          kind: 'subsidy_claim',
          id: claimId,
          action: 'subsidy_claim.objection_recorded',
          related: [claim.operatorOrgId, row!.id],
          actorOrgId: principal.orgId,
          at: clock(),
          detail: { objectionId: row!.id, objector: input.objector, reason: input.reason },
        }),
      ]);
      return claimView(tx, claim);
    });
  }

  async function decideObjection(
    principal: Principal,
    objectionId: string,
    input: { decision: 'upheld' | 'dismissed'; reason: string },
  ) {
    return db.transaction(async (tx) => {
      const [objection] = await tx
        .select()
        .from(subsidyObjections)
        .where(eq(subsidyObjections.id, objectionId))
        .for('update');
      if (!objection) throw subsidyErrors.notFound({ detail: `no objection ${objectionId}` });
      if (objection.decision)
        throw subsidyErrors.illegalTransition({ detail: `the objection is already ${objection.decision}` });
      await tx
        .update(subsidyObjections)
        .set({ decision: input.decision, decisionReason: input.reason, decidedAt: clock() })
        .where(eq(subsidyObjections.id, objectionId));
      const claim = await lockClaim(tx, principal, objection.claimId);
      await recordEvents(tx, [
        subsidyEvent({
          kind: 'subsidy_claim',
          id: claim.id,
          action: 'subsidy_claim.objection_decided',
          related: [claim.operatorOrgId, objectionId],
          actorOrgId: principal.orgId,
          at: clock(),
          detail: { objectionId, decision: input.decision, reason: input.reason },
        }),
      ]);
      return claimView(tx, claim);
    });
  }

  const latestYear = async () => {
    const [row] = await db
      .select({ to: subsidyPeriods.periodTo })
      .from(subsidyPeriods)
      .orderBy(desc(subsidyPeriods.periodTo))
      .limit(1);
    return Number((row?.to ?? chinaDate(clock())).slice(0, 4));
  };

  return {
    applyEvent,
    get,
    list,
    recordObjection,
    decideObjection,
    budget: async (year?: number) => budgetView(db, year ?? (await latestYear())),
  };
}
