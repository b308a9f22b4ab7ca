import {
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
import { fetchTenantPage, tenantScope } from '../access/tenant-scope';
import { recordEvents } from '../provenance/provenance.events';
import { chinaDate } from '../shared/dates';
import { ExactDecimal, sumExact } from '../shared/money';
import { amountsByItem, auditedLineAmount, budgetView, releaseBudget, reserveBudget } from './subsidy.budget';
import { subsidyErrors } from './subsidy.errors';
import { subsidyEvent } from './subsidy.events';
import { addWorkingDays, applyClaimEvent, eventActor, type ClaimEvent, type ClaimState } from './subsidy.lifecycle';
import type { SubsidyPayouts, SubsidyTradeFacts } from './subsidy.ports';
import { ProgrammeDocument } from './subsidy.programme';
import { claimSummaryView, claimView, listClaimRows, type ClaimRow } from './subsidy.views';

/** What a caller sends; the service completes what it computes itself (notice end, audited amount, instant). */
export type ClaimEventInput =
  | Exclude<
      ClaimEvent,
      { type: 'startNotice' } | { type: 'auditPass' } | { type: 'approve' } | { type: 'withdrawApproval' }
    >
  | { type: 'startNotice'; from: string }
  | { type: 'auditPass' }
  | { type: 'approve' };

/** Lines' amounts after the latest audit finding on each (adjusted → its amount, rejected → 0). */
async function auditedLines(tx: DbOrTx, claimId: string) {
  const { rows } = await tx.execute<{ item_code: string; amount_cny: string }>(sql`
    select l.item_code, ${auditedLineAmount} as amount_cny
    from ${subsidyClaimLines} l where l.claim_id = ${claimId} order by l.line_no`);
  return rows.map((row) => ({ itemCode: row.item_code, amountCny: row.amount_cny }));
}

interface ClaimsDeps {
  db: Db;
  trade: SubsidyTradeFacts;
  clock: () => Date;
  payouts?: SubsidyPayouts | undefined;
}

async function lockClaim(tx: DbOrTx, principal: Principal | undefined, id: string) {
  const owner = principal && tenantScope(principal);
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
async function complete(
  { clock }: ClaimsDeps,
  tx: DbOrTx,
  claim: ClaimRow,
  input: ClaimEventInput,
): Promise<ClaimEvent> {
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
async function beforeApproval({ clock, payouts }: ClaimsDeps, tx: DbOrTx, claim: ClaimRow, actorOrgId: string) {
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

async function applyEvent(deps: ClaimsDeps, principal: Principal, id: string, input: ClaimEventInput) {
  if (eventActor[input.type] !== principal.role)
    throw subsidyErrors.notYourStep({
      detail: `${input.type} is a step for ${eventActor[input.type]}, not ${principal.role}`,
    });
  return deps.db.transaction(async (tx) => {
    const claim = await lockClaim(tx, principal, id);
    const event = await complete(deps, tx, claim, input);
    const result = applyClaimEvent(claim.state as ClaimState, event);
    if (result.outcome === 'illegal')
      throw subsidyErrors.illegalTransition({
        detail: result.detail,
        extra: { from: result.from, event: result.event },
      });
    if (result.outcome === 'unchanged') return claimView(tx, deps.trade, claim);
    if (event.type === 'approve') await beforeApproval(deps, tx, claim, principal.orgId);
    const updated = await persistTransition(deps, tx, {
      claim,
      event,
      state: result.state,
      actorOrgId: principal.orgId,
    });
    return claimView(tx, deps.trade, updated);
  });
}

async function get({ db, trade }: ClaimsDeps, principal: Principal, id: string) {
  const owner = tenantScope(principal);
  const [row] = await db
    .select()
    .from(subsidyClaims)
    .where(owner ? and(eq(subsidyClaims.id, id), eq(subsidyClaims.operatorOrgId, owner)) : eq(subsidyClaims.id, id));
  if (!row) throw subsidyErrors.notFound({ detail: `no subsidy claim ${id}` });
  return claimView(db, trade, row);
}

/** A period's claims (a firm sees its own), in the order they were drafted, a page at a time. */
function list(
  { db }: ClaimsDeps,
  principal: Principal,
  periodId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  return fetchTenantPage(
    principal,
    'subsidy-claims',
    { ...page, periodId },
    (filter, after, take) => listClaimRows(db, filter, after, take),
    claimSummaryView,
  );
}

async function recordObjection(
  { db, trade, clock }: ClaimsDeps,
  principal: Principal,
  claimId: string,
  input: { objector: string; reason: string },
) {
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
    return claimView(tx, trade, claim);
  });
}

async function decideObjection(
  { db, trade, clock }: ClaimsDeps,
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
    return claimView(tx, trade, claim);
  });
}

const latestYear = async ({ db, clock }: ClaimsDeps) => {
  const [row] = await db
    .select({ to: subsidyPeriods.periodTo })
    .from(subsidyPeriods)
    .orderBy(desc(subsidyPeriods.periodTo))
    .limit(1);
  return Number((row?.to ?? chinaDate(clock())).slice(0, 4));
};

/** Writes an applied transition: the claim's new state and amount, its event row and its provenance event. */
async function persistTransition(
  { clock }: ClaimsDeps,
  tx: DbOrTx,
  { claim, event, state, actorOrgId }: { claim: ClaimRow; event: ClaimEvent; state: ClaimState; actorOrgId: string },
) {
  const amountCny =
    event.type === 'reduce' ? event.amountCny : event.type === 'auditPass' ? event.auditedCny : claim.amountCny;
  const [updated] = await tx
    .update(subsidyClaims)
    .set({ status: state.status, state, amountCny, version: claim.version + 1, updatedAt: clock() })
    .where(eq(subsidyClaims.id, claim.id))
    .returning();
  await tx.insert(subsidyClaimEvents).values({
    claimId: claim.id,
    event,
    fromStatus: claim.status,
    toStatus: state.status,
    amountCny,
    actorOrgId,
  });
  await recordEvents(tx, [
    subsidyEvent({
      kind: 'subsidy_claim',
      id: claim.id,
      action: `subsidy_claim.${event.type}`,
      related: [claim.operatorOrgId, claim.periodId],
      actorOrgId,
      at: clock(),
      detail: { ...event, fromStatus: claim.status, toStatus: state.status, amountCny },
    }),
  ]);
  return updated!;
}

/**
 * The payout context's answer when staff cancel a claim's failed payment for good (payout port
 * PayoutClaims): in the cancellation's transaction the claim leaves approved_for_payment for rejected
 * with the reason, and the budget's and the firm cap's approved totals give back what its approval
 * raised, so the special fund's budget view and the ledger (whose reservation was voided on failure)
 * agree again. Idempotent: a claim already withdrawn with this reason is left as it is.
 */
async function withdrawApproval(
  deps: ClaimsDeps,
  tx: DbOrTx,
  input: { claimId: string; reason: string; actorOrgId: string },
) {
  const claim = await lockClaim(tx, undefined, input.claimId);
  const event: ClaimEvent = { type: 'withdrawApproval', reason: input.reason };
  const result = applyClaimEvent(claim.state as ClaimState, event);
  if (result.outcome === 'illegal')
    throw subsidyErrors.illegalTransition({ detail: result.detail, extra: { from: result.from, event: result.event } });
  if (result.outcome === 'unchanged') return;
  const [period] = await tx.select().from(subsidyPeriods).where(eq(subsidyPeriods.id, claim.periodId));
  await releaseBudget(tx, {
    year: Number(period!.periodTo.slice(0, 4)),
    operatorOrgId: claim.operatorOrgId,
    byItem: amountsByItem(await auditedLines(tx, claim.id), claim.amountCny),
    claimCny: claim.amountCny,
  });
  await persistTransition(deps, tx, { claim, event, state: result.state, actorOrgId: input.actorOrgId });
}

/** The claims' use cases over their deps (subsidy.service.ts composes them). */
export function createClaims(deps: ClaimsDeps) {
  return {
    applyEvent: (principal: Principal, id: string, input: ClaimEventInput) => applyEvent(deps, principal, id, input),
    get: (principal: Principal, id: string) => get(deps, principal, id),
    list: (principal: Principal, periodId: string, page: { limit: number; cursor?: string | undefined }) =>
      list(deps, principal, periodId, page),
    recordObjection: (principal: Principal, claimId: string, input: { objector: string; reason: string }) =>
      recordObjection(deps, principal, claimId, input),
    decideObjection: (
      principal: Principal,
      objectionId: string,
      input: { decision: 'upheld' | 'dismissed'; reason: string },
    ) => decideObjection(deps, principal, objectionId, input),
    budget: async (year?: number) => budgetView(deps.db, year ?? (await latestYear(deps))),
    /** What the payout context calls when a payment is cancelled for good (its PayoutClaims port). */
    withdrawApproval: (tx: DbOrTx, input: { claimId: string; reason: string; actorOrgId: string }) =>
      withdrawApproval(deps, tx, input),
  };
}
