import { randomUUID } from 'node:crypto';
import { ensureSubsidySeed } from '@baigou/core';
import {
  operators,
  organisations,
  subsidyClaims,
  subsidyPeriods,
  subsidyProgrammeVersions,
  subsidyRuns,
  type Db,
} from '@baigou/db';
import { makeUscc, operatorBody } from '../../support/fixtures';

/**
 * Cheap fixtures for the fault suite: firms and claims inserted as rows, in the state the subsidy
 * workflow leaves them just before the payout begins. Building them through the trade and subsidy
 * APIs would cost seconds a claim; the suite needs thousands of runs and tests the payout, not the
 * evaluation (which has its own tests).
 */

export interface ClaimFixture {
  claimId: string;
  operatorOrgId: string;
  periodId: string;
  amountFen: bigint;
  amountCny: string;
}

let serial = 900_000 + Math.floor(Math.random() * 50_000) * 1_000;

/** An approved operator firm (organisation + register row). */
export async function insertFirm(db: Db): Promise<{ orgId: string; operatorId: string }> {
  serial += 1;
  const body = operatorBody(serial);
  const [org] = await db
    .insert(organisations)
    .values({ name: `${body.nameZh} ${randomUUID().slice(0, 8)}`, kind: 'operator' })
    .returning({ id: organisations.id });
  const [operator] = await db
    .insert(operators)
    .values({ ...body, uscc: makeUscc(serial), orgId: org!.id, status: 'approved' })
    .returning({ id: operators.id });
  return { orgId: org!.id, operatorId: operator!.id };
}

/** The programme version the claims name (the seeded one). */
export async function programmeVersionId(db: Db): Promise<string> {
  await ensureSubsidySeed(db);
  const [row] = await db.select({ id: subsidyProgrammeVersions.id }).from(subsidyProgrammeVersions).limit(1);
  return row!.id;
}

/** A period with one run, for one fault run's claims. */
export async function insertPeriod(db: Db, programmeId: string, year: number) {
  const [period] = await db
    .insert(subsidyPeriods)
    .values({
      label: `faults ${year} ${randomUUID().slice(0, 8)}`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-03-31`,
    })
    .returning({ id: subsidyPeriods.id });
  const [run] = await db
    .insert(subsidyRuns)
    .values({
      periodId: period!.id,
      jobKey: `faults:${randomUUID()}`,
      programmeVersionId: programmeId,
      programmeHash: '0'.repeat(64),
      factsAsOf: new Date(),
      summary: { fixture: 'fault suite' },
    })
    .returning({ id: subsidyRuns.id });
  return { periodId: period!.id, runId: run!.id };
}

const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

export interface Firm {
  orgId: string;
  operatorId: string;
}

/**
 * Claims of one period, one per firm, in one statement, as the center approved them after the notice
 * period (the state the payout starts from; the test's approval sets approved_for_payment).
 */
export async function insertClaims(
  db: Db,
  args: { programmeId: string; periodId: string; runId: string; claims: { firm: Firm; amountFen: bigint }[] },
): Promise<ClaimFixture[]> {
  const state = { status: 'in_notice', from: '2000-01-01', endsOn: '2000-01-08', decisionRef: 'faults' };
  const rows = await db
    .insert(subsidyClaims)
    .values(
      args.claims.map(({ firm, amountFen }) => ({
        periodId: args.periodId,
        runId: args.runId,
        operatorOrgId: firm.orgId,
        operatorId: firm.operatorId,
        programmeVersionId: args.programmeId,
        draftedCny: yuan(amountFen),
        amountCny: yuan(amountFen),
        status: 'in_notice' as const,
        state,
      })),
    )
    .returning({ id: subsidyClaims.id, operatorOrgId: subsidyClaims.operatorOrgId });
  // One claim per firm in a period, so the firm names the row whatever order RETURNING gives.
  return args.claims.map(({ firm, amountFen }) => ({
    claimId: rows.find((row) => row.operatorOrgId === firm.orgId)!.id,
    operatorOrgId: firm.orgId,
    periodId: args.periodId,
    amountFen,
    amountCny: yuan(amountFen),
  }));
}
