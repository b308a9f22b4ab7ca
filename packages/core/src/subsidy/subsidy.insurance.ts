import {
  isUniqueViolation,
  subsidyInsurancePolicies,
  subsidyInsuredFirms,
  subsidyPolicyClaims,
  type Db,
  type DbOrTx,
} from '@baigou/db';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import { recordEvents } from '../provenance/provenance.events';
import { subsidyErrors } from './subsidy.errors';
import { subsidyEvent } from './subsidy.events';
import type { InsuranceCoverFact } from './subsidy.evaluation';
import type { OperatorFact, SubsidyRegistryFacts } from './subsidy.ports';

/**
 * 信保: export credit insurance policies, the firms they insure and claims when a buyer defaults. An
 * insured firm must be a registered, approved operator; one that is not is still recorded as the
 * insurer listed it, marked, and counted against the insurance accuracy (投保准确率).
 */

export interface PolicyInput {
  insurer: string;
  policyNo: string;
  coverFrom: string;
  coverTo: string;
  fundShare: string;
  insured: { uscc: string; name: string; coverFrom: string; coverTo: string; premiumCny: string }[];
}

export interface PolicyClaimInput {
  insuredUscc: string;
  buyerName: string;
  buyerCountry: string;
  defaultedOn: string;
  currency: string;
  lossAmount: string;
}

const matchWhy = {
  matched: { zh: '已备案且审核通过的经营主体', en: 'a registered, approved operator' },
  not_registered: { zh: '未在平台备案为经营主体', en: 'not registered on the platform as an operator' },
  not_approved: { zh: '已备案但未审核通过', en: 'registered as an operator but not approved' },
} as const;

export interface InsuranceDeps {
  db: Db;
  registry: SubsidyRegistryFacts;
  clock: () => Date;
}

async function get(deps: InsuranceDeps, id: string) {
  const { db } = deps;
  const [policy] = await db.select().from(subsidyInsurancePolicies).where(eq(subsidyInsurancePolicies.id, id));
  if (!policy) throw subsidyErrors.notFound({ detail: `no insurance policy ${id}` });
  const insured = await db.select().from(subsidyInsuredFirms).where(eq(subsidyInsuredFirms.policyId, id));
  const claims = await db.select().from(subsidyPolicyClaims).where(eq(subsidyPolicyClaims.policyId, id));
  return {
    ...policy,
    createdAt: policy.createdAt.toISOString(),
    insured: insured.map((firm) => ({
      id: firm.id,
      uscc: firm.uscc,
      name: firm.name,
      operatorOrgId: firm.operatorOrgId,
      match: firm.match,
      why: matchWhy[firm.match],
      coverFrom: firm.coverFrom,
      coverTo: firm.coverTo,
      premiumCny: firm.premiumCny,
    })),
    claims: claims.map((claim) => ({ ...claim, createdAt: claim.createdAt.toISOString() })),
  };
}

async function record(deps: InsuranceDeps, principal: Principal, input: PolicyInput) {
  const { db, registry, clock } = deps;
  // One after another: under a POST, `db` is the request's transaction, one connection.
  const matched: (OperatorFact | null)[] = [];
  for (const firm of input.insured) matched.push(await registry.operatorByUscc(db, firm.uscc));
  const id = await db.transaction(async (tx) => {
    let policy;
    try {
      [policy] = await tx
        .insert(subsidyInsurancePolicies)
        .values({ ...input, createdByOrgId: principal.orgId })
        .returning();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw subsidyErrors.labelTaken({
        detail: `policy ${input.policyNo} is already recorded`,
        fields: [{ path: '/body/policyNo', message: 'already recorded' }],
      });
    }
    const rows = input.insured.map((firm, i) => {
      const operator = matched[i] ?? null;
      const match = !operator ? 'not_registered' : operator.status === 'approved' ? 'matched' : 'not_approved';
      return {
        ...firm,
        policyId: policy!.id,
        operatorId: operator?.operatorId ?? null,
        operatorOrgId: operator?.operatorOrgId ?? null,
        match: match as 'matched' | 'not_registered' | 'not_approved',
      };
    });
    if (rows.length > 0) await tx.insert(subsidyInsuredFirms).values(rows);
    await recordEvents(tx, [
      subsidyEvent({
        kind: 'insurance_policy',
        id: policy!.id,
        action: 'insurance_policy.recorded',
        related: rows.flatMap((row) => (row.operatorOrgId ? [row.operatorOrgId] : [])),
        actorOrgId: principal.orgId,
        at: clock(),
        detail: {
          insurer: input.insurer,
          policyNo: input.policyNo,
          insured: rows.length,
          fundShare: input.fundShare,
        },
      }),
    ]);
    return policy!.id;
  });
  return get(deps, id);
}

async function recordClaim(deps: InsuranceDeps, principal: Principal, policyId: string, input: PolicyClaimInput) {
  const { db } = deps;
  const [firm] = await db
    .select()
    .from(subsidyInsuredFirms)
    .where(and(eq(subsidyInsuredFirms.policyId, policyId), eq(subsidyInsuredFirms.uscc, input.insuredUscc)));
  if (!firm)
    throw subsidyErrors.notFound({
      detail: `policy ${policyId} insures no firm ${input.insuredUscc}`,
      fields: [{ path: '/body/insuredUscc', message: 'not insured by this policy' }],
    });
  const { insuredUscc: _uscc, ...facts } = input;
  await db
    .insert(subsidyPolicyClaims)
    .values({ ...facts, policyId, insuredFirmId: firm.id, createdByOrgId: principal.orgId });
  return get(deps, policyId);
}

/** 投保准确率: insured firm entries that are registered, approved operators, over all entries. */
async function accuracy(deps: InsuranceDeps) {
  const { db } = deps;
  const { rows } = await db.execute<{ match: string; firms: number }>(
    sql`select match, count(*)::int as firms from subsidy_insured_firms group by match`,
  );
  const count = (match: string) => rows.find((row) => row.match === match)?.firms ?? 0;
  const total = rows.reduce((sum, row) => sum + row.firms, 0);
  const mismatches = await db
    .select({ uscc: subsidyInsuredFirms.uscc, name: subsidyInsuredFirms.name, match: subsidyInsuredFirms.match })
    .from(subsidyInsuredFirms)
    .where(sql`${subsidyInsuredFirms.match} <> 'matched'`)
    .limit(1000);
  return {
    insuredEntries: total,
    matched: count('matched'),
    accuracy: total === 0 ? null : (count('matched') / total).toFixed(4),
    mismatches: mismatches.map((row) => ({ ...row, why: matchWhy[row.match] })),
  };
}

export function createInsurance(deps: InsuranceDeps) {
  return {
    record: (principal: Principal, input: PolicyInput) => record(deps, principal, input),
    get: (id: string) => get(deps, id),
    recordClaim: (principal: Principal, policyId: string, input: PolicyClaimInput) =>
      recordClaim(deps, principal, policyId, input),
    accuracy: () => accuracy(deps),
  };
}

/** Matched covers starting in the period, per operator organisation (what the premium item prices). */
export async function coversInPeriod(
  db: DbOrTx,
  period: { from: string; to: string },
): Promise<Map<string, InsuranceCoverFact[]>> {
  const rows = await db
    .select({
      coverId: subsidyInsuredFirms.id,
      operatorOrgId: subsidyInsuredFirms.operatorOrgId,
      policyNo: subsidyInsurancePolicies.policyNo,
      premiumCny: subsidyInsuredFirms.premiumCny,
      fundShare: subsidyInsurancePolicies.fundShare,
    })
    .from(subsidyInsuredFirms)
    .innerJoin(subsidyInsurancePolicies, eq(subsidyInsurancePolicies.id, subsidyInsuredFirms.policyId))
    .where(
      and(
        eq(subsidyInsuredFirms.match, 'matched'),
        gte(subsidyInsuredFirms.coverFrom, period.from),
        lte(subsidyInsuredFirms.coverFrom, period.to),
      ),
    );
  const byOrg = new Map<string, InsuranceCoverFact[]>();
  for (const { operatorOrgId, ...cover } of rows) {
    if (!operatorOrgId) continue;
    byOrg.set(operatorOrgId, [...(byOrg.get(operatorOrgId) ?? []), cover]);
  }
  return byOrg;
}
