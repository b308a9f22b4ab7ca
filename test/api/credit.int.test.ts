import { randomUUID } from 'node:crypto';
import {
  createCreditService,
  createReferenceService,
  createRegistryService,
  creditAsSubsidyGrades,
  ensureCreditSeed,
  seedScorecard,
} from '@baigou/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../../services/worker/src';
import { useTestApi } from '../support/api';
import { expectProblem } from '../support/http-assertions';
import { sha, tradeHelpers, type TradeOperator } from '../support/trade';
import { silentLogger, testWorkerConfig, waitFor } from '../worker/worker.support';

/**
 * 信用评价 end to end through the REST API and the real worker (outbox → BullMQ → handler): a firm
 * whose facts degrade is downgraded to D by the event path, its next transaction is refused naming
 * the decision, an appeal restores it; an override expires on its date; another firm sees nothing.
 */
const api = useTestApi();
const { post, get, cast, submitSale } = tradeHelpers(api);

let staff: string;
let customs: string;
let auditor: string;
let firm: TradeOperator;
let other: TradeOperator;
let unitPrice: string;
let worker: RunningWorker;

const evidence = [{ sha256: sha(7), filename: 'customs-penalty-notice.pdf', description: '行政处罚决定书' }];
const grade = async (key: string, orgId: string, at?: Date) =>
  (
    await get(key, `/v1/credit/operators/${orgId}/grade${at ? `?at=${encodeURIComponent(at.toISOString())}` : ''}`)
  ).json<{
    grade: string | null;
    source: string;
    decisionId: string | null;
    overrideId: string | null;
    reasons: { kind: string; code: string; textEn: string; textZh: string }[];
  }>();

beforeAll(async () => {
  ({
    staff,
    customs,
    auditor,
    operatorA: firm,
    operatorB: other,
    unitPrice,
  } = await cast(['Credit Firm A', 'Credit Firm B'], [310, 311]));
  await ensureCreditSeed(api.env.database.db);
  worker = await startWorker({ config: testWorkerConfig(api.env), database: api.env.database, logger: silentLogger });
});

afterAll(async () => {
  await worker?.close();
});

describe('credit scorecards', () => {
  it('seeds a proposal, not policy, and lets staff approve it', async () => {
    const list = await get(auditor, '/v1/credit/scorecards');
    expect(list.statusCode).toBe(200);
    const [proposal] = list.json().items;
    expect(proposal).toMatchObject({ label: 'proposal-1', status: 'proposed' });
    expect(proposal.document.note).toMatch(/^PROPOSAL, not policy/);
    expect((await post(other.key, `/v1/credit/scorecards/${proposal.id}/approve`, {})).statusCode).toBe(403);
    const approved = await post(staff, `/v1/credit/scorecards/${proposal.id}/approve`, { reason: 'pilot start' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'active', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses a non-monotone scorecard with the failing field path', async () => {
    const document = structuredClone(seedScorecard);
    document.characteristics[1]!.bins[3]!.points = 7;
    const res = await post(staff, '/v1/credit/scorecards', { label: 'broken', document });
    expectProblem(res, 422, 'credit.scorecard_invalid');
    expect(res.json().errors).toContainEqual({
      path: '/body/document/characteristics/1/bins/3/points',
      message: expect.stringContaining('not monotone'),
    });
  });
});

describe('credit runs, the event path, consequences and appeals', () => {
  let factId: string;
  let vetoDecisionId: string;

  it('scores every operator on a staff run, with progress, distribution and reasons', async () => {
    await submitSale(firm, unitPrice);
    const started = await post(staff, '/v1/credit/runs', {});
    expect(started.statusCode, started.body).toBe(201);
    const runId = started.json().id as string;
    await waitFor(
      async () => (await get(staff, `/v1/credit/runs/${runId}`)).json().status === 'completed',
      'the credit run to complete',
    );
    const run = (await get(staff, `/v1/credit/runs/${runId}`)).json();
    expect(run).toMatchObject({ operatorCount: 2, scoredCount: 2 });
    expect(Object.values(run.summary.distribution as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2);
    const mine = await get(firm.key, '/v1/credit/me');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ source: 'decision', grade: expect.stringMatching(/^[ABC]$/) });
    if (mine.json().grade !== 'A') expect(mine.json().reasons.length).toBeGreaterThanOrEqual(1);
    const decision = (await get(firm.key, `/v1/credit/decisions/${mine.json().decisionId}`)).json();
    const value = (key: string) =>
      (decision.characteristics as { key: string; value: string | null }[]).find((c) => c.key === key)?.value;
    // What the platform recorded of this firm: one sale inside the band, with its sales slip, for one merchant.
    expect(value('price_outside_soft_share')).toBe('0');
    expect(value('document_completeness')).toBe('1');
    expect(value('merchants_served')).toBe('1');
    expect(value('fx_collected_ratio')).toBeNull();
    expect(decision.score).toBe(
      20 + (decision.characteristics as { points: number }[]).reduce((sum, c) => sum + c.points, 0),
    );
  });

  it('never shows a firm another firm’s grade, decisions, facts or reasons (404)', async () => {
    const decisionId = (await grade(firm.key, firm.orgId)).decisionId!;
    expectProblem(await get(other.key, `/v1/credit/operators/${firm.orgId}/grade`), 404, 'credit.operator_not_found');
    expectProblem(await get(other.key, `/v1/credit/operators/${firm.orgId}/facts`), 404, 'credit.operator_not_found');
    expectProblem(await get(other.key, `/v1/credit/decisions/${decisionId}`), 404, 'credit.decision_not_found');
    expectProblem(
      await post(other.key, `/v1/credit/decisions/${decisionId}/replay`, undefined),
      404,
      'credit.decision_not_found',
    );
    const listed = await get(other.key, `/v1/credit/decisions?operatorOrgId=${firm.orgId}`);
    expect(listed.json().items).toEqual([]);
    expect((await get(customs, `/v1/credit/decisions/${decisionId}`)).statusCode).toBe(200);
  });

  it('downgrades the firm to D at once when staff record a veto-class fact (outbox → worker)', async () => {
    expect((await post(firm.key, '/v1/credit/facts', {})).statusCode).toBe(403);
    const recorded = await post(staff, '/v1/credit/facts', {
      operatorOrgId: firm.orgId,
      kind: 'smuggling_case',
      effectiveFrom: '2026-11-20',
      source: '保定海关缉私局',
      evidence,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ rescoreQueued: true });
    factId = recorded.json().id;
    await waitFor(async () => (await grade(firm.key, firm.orgId)).grade === 'D', 'the firm to be graded D');
    const now = await grade(firm.key, firm.orgId);
    expect(now.reasons[0]).toMatchObject({ kind: 'veto', code: 'veto.smuggling' });
    expect(now.reasons[0]!.textZh).toContain('走私');
    vetoDecisionId = now.decisionId!;
  });

  it('refuses the firm’s next transaction with 422 naming the decision', async () => {
    const res = await post(firm.key, '/v1/transactions', {
      clientRef: 'after-veto-1',
      merchantId: firm.merchantId,
      purchaserId: firm.purchaserId,
      tradeDate: '2026-11-30',
      settlementMethod: 'bank_transfer',
      currency: 'CNY',
      documents: [{ sha256: sha(2), filename: 'slip.jpg', kind: 'sales_slip' }],
      lines: [
        {
          description: 'PU女士手提包',
          quantity: '10',
          unit: '007',
          unitPrice,
          amount: (10 * Number(unitPrice)).toFixed(2),
        },
      ],
    });
    expectProblem(res, 422, 'credit.grade_d_refused');
    expect(res.json()).toMatchObject({ decisionId: vetoDecisionId, grade: 'D' });
    expect(res.json().detail).toContain(vetoDecisionId);
  });

  it('replays the veto decision from its snapshot with no difference', async () => {
    const res = await post(auditor, `/v1/credit/decisions/${vetoDecisionId}/replay`, undefined);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      identical: true,
      differences: [],
      snapshotHashMatches: true,
      scorecardHashMatches: true,
    });
  });

  it('restores the firm when staff uphold its appeal (信用修复), and lets it trade again', async () => {
    const filed = await post(firm.key, '/v1/credit/appeals', {
      decisionId: vetoDecisionId,
      statement: '该案件已被撤销,附撤销决定书',
      evidence: [{ sha256: sha(9), filename: 'revocation.pdf' }],
      factIds: [factId],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const appealId = filed.json().id as string;
    expectProblem(await get(other.key, `/v1/credit/appeals/${appealId}`), 404, 'credit.appeal_not_found');
    const decided = await post(staff, `/v1/credit/appeals/${appealId}/decision`, {
      outcome: 'upheld',
      reason: 'the case was revoked by the anti-smuggling bureau',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'upheld', resultDecisionId: expect.any(String) });
    const restored = await grade(firm.key, firm.orgId);
    expect(restored.grade).not.toBe('D');
    expect(restored.decisionId).toBe(decided.json().resultDecisionId);
    const facts = (await get(firm.key, `/v1/credit/operators/${firm.orgId}/facts`)).json().items;
    expect(facts[0]).toMatchObject({ id: factId, retracted: { reason: expect.any(String) } });
    expectProblem(
      await post(staff, `/v1/credit/appeals/${appealId}/decision`, { outcome: 'dismissed', reason: 'again' }),
      409,
      'state.illegal_transition',
    );
    await submitSale(firm, unitPrice);
  });

  it('sends every soft-band deviation of a grade C firm to staff review (enhanced review)', async () => {
    const override = await post(staff, '/v1/credit/overrides', {
      operatorOrgId: other.orgId,
      grade: 'C',
      reason: 'documents found incomplete on inspection',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(override.statusCode, override.body).toBe(201);
    // 40% above the median: outside the soft band (30%), inside the hard band (50%).
    const price = (Number(unitPrice) * 1.4).toFixed(2);
    const res = await post(other.key, '/v1/transactions', {
      clientRef: 'grade-c-1',
      merchantId: other.merchantId,
      purchaserId: other.purchaserId,
      tradeDate: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      settlementMethod: 'bank_transfer',
      currency: 'CNY',
      documents: [{ sha256: sha(3), filename: 'slip.jpg', kind: 'sales_slip' }],
      lines: [
        {
          description: 'PU女士手提包 大容量',
          quantity: '10',
          unit: '007',
          unitPrice: price,
          amount: (10 * Number(price)).toFixed(2),
          remark: '客户定制 加厚款',
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('in_review');
    expect(res.json().lines[0].priceCheck).toMatchObject({
      severity: 'review',
      status: 'high',
      explanation: expect.stringContaining('credit grade C'),
    });
  });

  it('applies a staff override until its expiry, then the decision again', async () => {
    const before = await grade(staff, firm.orgId);
    const expiresAt = new Date(Date.now() + 3_600_000);
    const res = await post(staff, '/v1/credit/overrides', {
      operatorOrgId: firm.orgId,
      grade: 'D',
      reason: 'customs hold pending investigation',
      expiresAt: expiresAt.toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await grade(staff, firm.orgId)).toMatchObject({ grade: 'D', source: 'override' });
    const inAnHalfHour = new Date(Date.now() + 1_800_000);
    expect(await grade(staff, firm.orgId, inAnHalfHour)).toMatchObject({ grade: 'D', source: 'override' });
    const afterExpiry = new Date(expiresAt.getTime() + 1);
    expect(await grade(staff, firm.orgId, afterExpiry)).toMatchObject({ grade: before.grade, source: 'decision' });
    // The subsidy port asks for many firms at once and answers as the grade route does for each.
    const { db } = api.env.database;
    const credit = createCreditService({
      db,
      registry: createRegistryService({ db, reference: createReferenceService({ db }) }),
    });
    const never = randomUUID();
    for (const at of [new Date(), inAnHalfHour, afterExpiry]) {
      const batch = await creditAsSubsidyGrades(credit).gradesInForce([firm.orgId, other.orgId, never], at);
      for (const orgId of [firm.orgId, other.orgId]) {
        const one = await grade(staff, orgId, at);
        expect(batch.get(orgId)).toEqual({ grade: one.grade, decidedBy: one.overrideId ?? one.decisionId });
      }
      expect(batch.has(never)).toBe(false);
    }
    const overrides = (await get(firm.key, `/v1/credit/operators/${firm.orgId}/overrides`)).json().items;
    expect(overrides).toHaveLength(1);
  });

  it('reports the month’s grade distribution and migration for the monthly statistics', async () => {
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const res = await get(auditor, `/v1/credit/statistics/monthly?month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.firms).toBe(2);
    expect(Object.values(body.distribution as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2);
    expectProblem(await get(auditor, '/v1/credit/statistics/monthly?month=2026-13'), 400, 'request.validation_failed');
  });

  it('lets customs and auditors list firms by grade, and refuses operators', async () => {
    const res = await get(customs, '/v1/credit/firms?grade=D');
    expect(res.statusCode).toBe(200);
    expect((await get(auditor, '/v1/credit/firms')).json().items.length).toBe(2);
    expect((await get(firm.key, '/v1/credit/firms')).statusCode).toBe(403);
  });
});
