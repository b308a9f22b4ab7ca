import { creditDecisions } from '@baigou/db';
import { count, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../../../test/support/services';
import type { Principal } from '../access/access.models';
import { createAccessService } from '../access/access.service';
import { createRegistryService } from '../registry/registry.service';
import { createReferenceService } from '../reference/reference.service';
import { windowEnding, type FactCounts } from './credit.characteristics';
import { composeDecision, replayDecision } from './credit.decisions';
import { evaluate, type ScorecardDocument } from './credit.models';
import * as repository from './credit.repository';
import { seedScorecard } from './credit.scorecard.seed';
import { createCreditService, type CreditService } from './credit.service';

/**
 * Reproducibility (ARCHITECTURE §3.5): 10,000 stored decisions, made under one scorecard, are
 * replayed after two newer scorecards were approved, and each comes out exactly as stored.
 */
const env = useTestEnvironment();
const DECISIONS = 10_000;
const OPERATORS = 100;
let credit: CreditService;
let staff: Principal;
let orgIds: { orgId: string; operatorId: string }[];

/** Deterministic pseudo-random counts (mulberry32), so a failure can be reproduced. */
function counter(seed: number) {
  let state = seed >>> 0;
  return (max: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max + 1));
  };
}

function countsFor(index: number, operator: { orgId: string; operatorId: string }): FactCounts {
  const next = counter(index + 1);
  const lines = next(5_000);
  const transactions = Math.ceil(lines / 8);
  const declarations = next(60);
  const exported = next(2_000_000);
  return {
    operatorOrgId: operator.orgId,
    operatorId: operator.operatorId,
    approvedAt: new Date(Date.UTC(2023, next(30), 1 + next(27))).toISOString(),
    lines,
    linesPriced: lines - next(Math.floor(lines / 10)),
    linesOutsideSoft: next(Math.floor(lines / 3)),
    linesOutsideHard: next(Math.floor(lines / 12)),
    transactions,
    transactionsDocumented: transactions - next(Math.floor(transactions / 5)),
    merchants: next(40),
    reviewed: next(30),
    reviewRejected: next(5),
    declarations,
    declarationsRefused: next(Math.floor(declarations / 4)),
    declarationsCancelled: next(3),
    exportedUsd: `${exported}.${String(next(99)).padStart(2, '0')}`,
    collectedUsd: `${next(exported)}.00`,
    collectedDaysUsd: `${next(exported) * next(200)}.00`,
    railConsolidations: next(3),
    customsTier: [null, 'regular', 'certified', 'advanced_certified', 'dishonest', 'seriously_dishonest'][next(5)]!,
    taxGrade: [null, 'A', 'B', 'M', 'C', 'D'][next(5)]!,
    safeCategory: [null, 'A', 'B', 'C'][next(3)]!,
    customsPenalties: next(3),
    smugglingCases: next(40) === 0 ? 1 : 0,
    dishonestListings: next(50) === 0 ? 1 : 0,
    subsidyFraudCases: next(60) === 0 ? 1 : 0,
  };
}

async function seedOperators(): Promise<{ orgId: string; operatorId: string }[]> {
  const { rows } = await env.database.db.execute<{ org_id: string; operator_id: string }>(sql`
    with orgs as (
      insert into organisations (name, kind)
      select 'replay operator ' || n, 'operator' from generate_series(1, ${OPERATORS}) n
      returning id, name
    )
    insert into operators (org_id, uscc, customs_code, name_zh, name_en, contact_name, contact_phone, address, status)
    select id, 'USCC' || md5(name), 'CC' || md5(name), name, name, '张三', '13800000000', '白沟', 'approved' from orgs
    returning org_id, id as operator_id`);
  return rows.map((row) => ({ orgId: row.org_id, operatorId: row.operator_id }));
}

/** A newer scorecard: other weights and thresholds, so replaying under it would change grades. */
function newerDocument(step: number): ScorecardDocument {
  const document = structuredClone(seedScorecard);
  document.title = `${document.title} v${step + 1}`;
  document.baseScore += 5 * step;
  document.thresholds = { A: 92, B: 80 + step, C: 65 };
  document.characteristics[0]!.bins = document.characteristics[0]!.bins.map((bin) => ({
    ...bin,
    points: bin.points * 2,
  }));
  return document;
}

beforeAll(async () => {
  const access = createAccessService({ db: env.database.db });
  const key = await access.createKey({ orgName: 'Baigou Trade Service Center', kind: 'center', role: 'staff' });
  staff = { keyId: key.keyId, orgId: key.orgId, orgKind: 'center', role: 'staff' };
  const registry = createRegistryService({
    db: env.database.db,
    reference: createReferenceService({ db: env.database.db }),
  });
  credit = createCreditService({ db: env.database.db, registry });
  await credit.scorecards.ensureSeedScorecard();
  const [proposal] = (await credit.scorecards.list({ limit: 10 })).items;
  await credit.scorecards.approve(staff, proposal!.id, 'pilot start');
  orgIds = await seedOperators();
});

describe('credit decision replay', () => {
  it('replays 10,000 stored decisions after newer scorecards were approved, with 0 differences', async () => {
    const first = await credit.scorecards.inForce();
    const window = windowEnding(new Date('2026-12-01T00:00:00+08:00'), first.document.windowMonths);
    for (let start = 0; start < DECISIONS; start += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, offset) => {
        const index = start + offset;
        const decision = composeDecision(first, countsFor(index, orgIds[index % OPERATORS]!), window);
        return {
          ...decision,
          inputSnapshot: { ...decision.inputSnapshot },
          runId: null,
          trigger: 'manual' as const,
          triggerRef: `replay-seed:${index}`,
        };
      });
      await repository.insertDecisions(env.database.db, rows);
    }
    for (const step of [1, 2]) {
      const proposed = await credit.scorecards.propose(staff, { label: `v${step + 1}`, document: newerDocument(step) });
      await credit.scorecards.approve(staff, proposed.id, `revision ${step}`);
    }
    const [stored] = await env.database.db.select({ n: count() }).from(creditDecisions);
    expect(stored!.n).toBe(DECISIONS);
    const latest = await credit.scorecards.inForce();
    expect(latest.id).not.toBe(first.id);

    let replayed = 0;
    let differences = 0;
    let wouldDifferUnderLatest = 0;
    // Pages of stored rows in insertion order (the same reads GET /v1/credit/decisions pages through).
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const rows = await repository.listDecisions(env.database.db, {}, after, 1_000);
      if (rows.length === 0) break;
      for (const row of rows) {
        const document = (await credit.scorecards.byId(row.scorecardId)).document;
        const result = replayDecision(row, document);
        replayed += 1;
        differences += result.differences.length;
        const values = (row.inputSnapshot as { values: Record<string, string | null> }).values;
        if (evaluate(latest.document, values).grade !== row.grade) wouldDifferUnderLatest += 1;
      }
      const last = rows.at(-1)!;
      after = { createdAt: last.createdAt.toISOString(), id: last.id };
    }
    expect(replayed).toBe(DECISIONS);
    expect(differences).toBe(0);
    // The test could fail: under the newest scorecard many of these firms would be graded otherwise.
    expect(wouldDifferUnderLatest).toBeGreaterThan(100);
  }, 300_000);

  it('reports the differences of a decision whose snapshot no longer matches what was stored', async () => {
    const [row] = await repository.listDecisions(env.database.db, { grade: 'B' }, undefined, 1);
    const document = (await credit.scorecards.byId(row!.scorecardId)).document;
    const snapshot = structuredClone(row!.inputSnapshot) as { values: Record<string, string | null> };
    snapshot.values.smuggling_cases = '1';
    const result = replayDecision({ ...row!, inputSnapshot: snapshot }, document);
    expect(result.identical).toBe(false);
    expect(result.differences.map((difference) => difference.path)).toEqual(
      expect.arrayContaining(['/grade', '/vetoes', '/snapshotHash']),
    );
  });
});
