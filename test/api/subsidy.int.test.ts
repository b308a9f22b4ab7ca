import { createHash, randomUUID } from 'node:crypto';
import {
  accountCodes,
  addDays,
  chinaDate,
  createLedgerService,
  ensureSubsidySeed,
  verifyBundle,
  type ProgrammeDocument,
} from '@baigou/core';
import { pgErrorCode } from '@baigou/db';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { makeUscc } from '../support/fixtures';
import { expectProblem } from '../support/http-assertions';
import { cents, divHalfUp, money, subsidyHelpers } from '../support/subsidy';
import { tradeHelpers, type TradeOperator } from '../support/trade';

/**
 * The special fund end to end through the REST API: a programme proposed and approved, a policy, a
 * period built from real trade facts (firms eligible on each item, firms failing each condition, a
 * cancelled declaration, a downgraded firm), every line checked to the fen against figures computed
 * here from the declarations' CNY values, then corrections, double funding, the claim lifecycle,
 * audit, budget and exports.
 */

const CNY_PER_USD_CENTS = 710n; // the demo customs rate of the month, 7.10
const today = chinaDate(new Date());
const monthStart = `${today.slice(0, 8)}01`;
const monthEnd = (() => {
  let day = monthStart;
  while (addDays(day, 1).slice(0, 7) === monthStart.slice(0, 7)) day = addDays(day, 1);
  return day;
})();

const programme: ProgrammeDocument = {
  nameZh: '测试方案',
  nameEn: 'Test programme',
  currency: 'CNY',
  usdValueRule: 'release_month_customs_rate',
  annualBudgetCny: '1000000.00',
  capPerFirmPerYearCny: '200000.00',
  noticeWorkingDays: 5,
  items: [
    {
      type: 'export_usd_tiered',
      code: 'export-reward',
      nameZh: '出口奖励',
      nameEn: 'Export reward',
      tiers: [
        { fromUsd: '0', cnyPerUsd: '0.05' },
        { fromUsd: '1000', cnyPerUsd: '0.08' },
      ],
    },
    {
      type: 'new_operator_one_off',
      code: 'new-operator',
      nameZh: '新主体',
      nameEn: 'New operator',
      thresholdUsd: '1500',
      rewardCny: '5000.00',
    },
    { type: 'per_container', code: 'container', nameZh: '集装箱', nameEn: 'Container', cnyPerContainer: '300.00' },
    { type: 'per_rail_container', code: 'rail', nameZh: '中欧班列', nameEn: 'Rail', cnyPerContainer: '1000.00' },
    {
      type: 'insurance_premium_share',
      code: 'credit-insurance',
      nameZh: '信保',
      nameEn: 'Insurance',
      maxShare: '0.8',
      budgetCny: '8000.00',
    },
  ],
  conditions: {
    countedOn: 'released',
    fxCollectedMinShare: '0.8',
    excludedCreditGrades: ['C', 'D'],
    noOpenHardBandReview: true,
    minRegisteredDays: 60,
  },
};

/** USD cents of a CNY value at 7.10, half-up; the export reward in fen for a USD-cent total. */
const usdCents = (totalValue: string) => divHalfUp(cents(totalValue) * 100n, CNY_PER_USD_CENTS);
const exportRewardFen = (usd: bigint) => {
  const tier1 = usd < 100_000n ? usd : 100_000n;
  const tier2 = usd > 100_000n ? usd - 100_000n : 0n;
  // cents × (CNY per USD × 100) = fen × 100
  return divHalfUp(tier1 * 5n + tier2 * 8n, 100n);
};

interface ClaimLine {
  id: string;
  itemCode: string;
  amountCny: string;
  sources: { kind: string; id: string; fxReceipts?: { currency: string; amount: string; bankReference: string }[] }[];
}
interface Claim {
  id: string;
  operatorOrgId: string;
  status: string;
  amountCny: string;
  draftedCny: string;
  lines: ClaimLine[];
  differences: {
    itemCode: string;
    draftedCny: string;
    recomputedCny: string;
    detail: { reasons: { code: string }[] };
  }[];
}
interface Coverage {
  items: {
    operatorOrgId: string;
    outcome: string;
    claimId: string | null;
    reasons: { code: string; value: unknown; zh: string; en: string }[];
  }[];
}

describe('pilot special fund (试点专项资金) through the API', () => {
  const api = useTestApi();
  const { post, get, approvedOperator, handbagMedian } = tradeHelpers(api);
  const subsidy = subsidyHelpers(api);
  let staff: string;
  let staffOrg: string;
  let customs: string;
  let auditor: string;
  let auditorOrg: string;
  let unitPrice: string;
  let periodId: string;
  const firms: Record<string, TradeOperator> = {};
  const declarations: Record<string, { id: string; totalValue: string; containerSourceId: string }[]> = {};
  const claims = new Map<string, Claim>();
  let coverage: Coverage;

  const claimOf = (name: string) => claims.get(firms[name]!.orgId)!;
  const lineOf = (claim: Claim, itemCode: string) => claim.lines.find((line) => line.itemCode === itemCode);
  const readClaim = async (key: string, id: string) => (await get(key, `/v1/subsidy/claims/${id}`)).json<Claim>();

  beforeAll(async () => {
    ({ key: staff, orgId: staffOrg } = await api.key('Baigou Trade Service Center', 'center', 'staff'));
    ({ key: customs } = await api.key('Baoding Customs', 'customs', 'customs'));
    ({ key: auditor, orgId: auditorOrg } = await api.key('Audit Firm', 'auditor', 'auditor'));
    unitPrice = (await handbagMedian()).toFixed(2);
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];
    for (const [i, name] of names.entries()) {
      firms[name] = await approvedOperator(`Subsidy Firm ${name}`, 310 + i, staff);
      // F keeps its approval of today, so it has not been registered 60 days by the period's end.
      if (name !== 'F') await subsidy.approvedDaysAgo(firms[name]!.orgId, staffOrg, 100);
    }
    const sale = (name: string, quantity: string, options: { rail?: boolean; fx?: boolean } = {}) =>
      subsidy.exportSale(firms[name]!, customs, unitPrice, quantity, options);
    declarations['A'] = [await sale('A', '300'), await sale('A', '200', { rail: true })];
    declarations['B'] = [await sale('B', '20'), await sale('B', '10')];
    declarations['C'] = [await sale('C', '50', { fx: false })];
    declarations['D'] = [await sale('D', '40')];
    declarations['E'] = [await sale('E', '40')];
    declarations['F'] = [await sale('F', '40')];
    declarations['G'] = [await sale('G', '40')];
    declarations['H'] = [await sale('H', '40')];
    declarations['I'] = [await sale('I', '40')];
    // E: a sale priced far below the band waits in hard-band review.
    const review = await tradeHelpers(api).submitSale(firms['E']!, '0.01');
    expect(review.status).toBe('in_review');
    // G: its only declaration cancelled by customs (撤销) before the run.
    const cancel = await post(customs, `/v1/declarations/${declarations['G']![0]!.id}/customs-events`, {
      type: 'cancel',
      reason: '撤销: 申报要素有误',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    // H: suspended after exporting.
    const [h] = (
      await api.env.database.db.execute<{ id: string }>(
        sql`select id from operators where org_id = ${firms['H']!.orgId}`,
      )
    ).rows;
    expect((await post(staff, `/v1/operators/${h!.id}/suspend`, { reason: '暂停: 资料过期' })).statusCode).toBe(200);
    await subsidy.overrideGrade(staff, firms['D']!.orgId, 'C');
    await subsidy.overrideGrade(staff, firms['I']!.orgId, 'B');
  });

  it('seeds the initial programme as a proposal, and staff propose and approve an effective-dated version with its hash', async () => {
    expect(await ensureSubsidySeed(api.env.database.db)).toEqual({ outcome: 'created' });
    const listed = (await get(staff, '/v1/subsidy/programme-versions')).json<{
      items: { status: string; label: string }[];
      inForce: string | null;
    }>();
    expect(listed.items).toEqual([
      expect.objectContaining({ status: 'proposed', label: expect.stringContaining('proposal') }),
    ]);
    expect(listed.inForce).toBeNull();

    const proposed = await post(staff, '/v1/subsidy/programme-versions', {
      label: 'test-1',
      effectiveFrom: monthStart,
      document: programme,
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ status: 'proposed', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const id = proposed.json().id as string;
    expectProblem(
      await post(firms['A']!.key, `/v1/subsidy/programme-versions/${id}/approve`, {}),
      403,
      'auth.forbidden_role',
    );
    const bad = await post(staff, '/v1/subsidy/programme-versions', {
      label: 'bad',
      effectiveFrom: monthStart,
      document: { ...programme, annualBudgetCny: '1.001' },
    });
    expect(expectProblem(bad, 400, 'request.validation_failed').errors?.map((error) => error.path)).toContain(
      '/body/document/annualBudgetCny',
    );
    const approved = await post(staff, `/v1/subsidy/programme-versions/${id}/approve`, { reason: 'committee 2026-1' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    expectProblem(
      await post(staff, `/v1/subsidy/programme-versions/${id}/approve`, {}),
      409,
      'subsidy.illegal_transition',
    );
    expect((await get(staff, '/v1/subsidy/programme-versions')).json().inForce).toBe(id);
  });

  it('records a credit insurance policy, matching insured firms to approved operators (投保准确率)', async () => {
    const [a, i] = await Promise.all(
      ['A', 'I'].map(
        async (name) =>
          (
            await api.env.database.db.execute<{ uscc: string }>(
              sql`select uscc from operators where org_id = ${firms[name]!.orgId}`,
            )
          ).rows[0]!.uscc,
      ),
    );
    const policy = await post(staff, '/v1/subsidy/insurance-policies', {
      insurer: '中国出口信用保险公司河北分公司',
      policyNo: `SINO-${randomUUID().slice(0, 8)}`,
      coverFrom: monthStart,
      coverTo: addDays(monthStart, 364),
      fundShare: '0.9',
      insured: [
        { uscc: a, name: 'Firm A', coverFrom: monthStart, coverTo: addDays(monthStart, 364), premiumCny: '10000.00' },
        { uscc: i, name: 'Firm I', coverFrom: monthStart, coverTo: addDays(monthStart, 364), premiumCny: '1000.00' },
        {
          uscc: makeUscc(999_001),
          name: '未备案企业',
          coverFrom: monthStart,
          coverTo: addDays(monthStart, 364),
          premiumCny: '500.00',
        },
      ],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    expect(policy.json().insured.map((firm: { match: string }) => firm.match)).toEqual([
      'matched',
      'matched',
      'not_registered',
    ]);
    const accuracy = (await get(auditor, '/v1/subsidy/insurance-accuracy')).json();
    expect(accuracy).toMatchObject({ insuredEntries: 3, matched: 2, accuracy: '0.6667' });
    const claim = await post(staff, `/v1/subsidy/insurance-policies/${policy.json().id}/claims`, {
      insuredUscc: a,
      buyerName: 'ALMATY TRADING LLP',
      buyerCountry: 'KAZ',
      defaultedOn: today,
      currency: 'USD',
      lossAmount: '1200.00',
    });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json().claims).toHaveLength(1);
  });

  it('runs the period: one claim per eligible firm, every line to the fen, and the reason for every firm not claimed', async () => {
    const period = await post(staff, '/v1/subsidy/periods', {
      label: `P-${monthStart}`,
      from: monthStart,
      to: monthEnd,
    });
    expect(period.statusCode, period.body).toBe(201);
    periodId = period.json().id;
    const { outcome } = await subsidy.run(staff, periodId);
    expect(outcome).toBe('drafted:3');

    const page = (await get(staff, `/v1/subsidy/periods/${periodId}/claims?limit=200`)).json<{
      items: { id: string }[];
    }>();
    for (const item of page.items) {
      const claim = await readClaim(staff, item.id);
      claims.set(claim.operatorOrgId, claim);
    }
    expect(new Set(claims.keys())).toEqual(new Set(['A', 'B', 'I'].map((name) => firms[name]!.orgId)));

    const usdA = declarations['A']!.reduce((sum, d) => sum + usdCents(d.totalValue), 0n);
    expect(usdA).toBeGreaterThan(150_000n);
    const a = claimOf('A');
    expect(lineOf(a, 'export-reward')).toMatchObject({ amountCny: money(exportRewardFen(usdA)) });
    expect(lineOf(a, 'new-operator')).toMatchObject({ amountCny: '5000.00' });
    expect(lineOf(a, 'container')).toMatchObject({ amountCny: '600.00' });
    expect(lineOf(a, 'rail')).toMatchObject({ amountCny: '1000.00' });
    expect(lineOf(a, 'credit-insurance')).toMatchObject({ amountCny: '8000.00' });
    expect(
      lineOf(a, 'export-reward')!
        .sources.map((source) => source.id)
        .sort(),
    ).toEqual(declarations['A']!.map((d) => d.id).sort());
    // Each declaration names the FX receipt (收汇) behind it: here one receipt per sale, in full, in CNY.
    for (const source of lineOf(a, 'export-reward')!.sources) {
      const declaration = declarations['A']!.find((d) => d.id === source.id)!;
      expect(source.fxReceipts).toEqual([
        {
          receiptId: expect.any(String),
          bankReference: expect.stringMatching(/^BOC-/),
          currency: 'CNY',
          amount: declaration.totalValue,
        },
      ]);
    }
    expect(lineOf(a, 'rail')!.sources).toEqual([
      expect.objectContaining({ kind: 'container', id: declarations['A']![1]!.containerSourceId }),
    ]);
    const expectedA = exportRewardFen(usdA) + 500_000n + 60_000n + 100_000n + 800_000n;
    expect(a.draftedCny).toBe(money(expectedA));

    const usdB = declarations['B']!.reduce((sum, d) => sum + usdCents(d.totalValue), 0n);
    const b = claimOf('B');
    expect(b.lines.map((line) => [line.itemCode, line.amountCny])).toEqual([
      ['export-reward', money(exportRewardFen(usdB))],
      ['container', '600.00'],
    ]);
    const i = claimOf('I');
    expect(i.lines.map((line) => [line.itemCode, line.amountCny])).toEqual([
      ['export-reward', money(exportRewardFen(usdCents(declarations['I']![0]!.totalValue)))],
      ['container', '300.00'],
      ['credit-insurance', '800.00'],
    ]);

    coverage = (await get(auditor, `/v1/subsidy/periods/${periodId}/coverage`)).json<Coverage>();
    const reasonOf = (name: string) => coverage.items.find((item) => item.operatorOrgId === firms[name]!.orgId)!;
    expect(coverage.items).toHaveLength(9);
    const registeredDays = Math.round((Date.parse(monthEnd) - Date.parse(today)) / 86_400_000);
    const expected: Record<string, { code: string; value: unknown }> = {
      C: { code: 'fx_collected_share', value: '0.0000' },
      D: { code: 'credit_grade', value: 'C' },
      E: { code: 'open_hard_band_review', value: 1 },
      F: { code: 'registered_days', value: registeredDays },
      G: { code: 'no_counted_declaration', value: 1 },
      H: { code: 'operator_not_approved', value: 'suspended' },
    };
    for (const [name, reason] of Object.entries(expected)) {
      const row = reasonOf(name);
      expect(row.outcome, name).toBe('not_claimed');
      // The failed condition, with its value; a passed condition's note (not graded) may follow.
      const failed = row.reasons.filter((each) => each.code !== 'credit_not_graded');
      expect(failed, name).toEqual([
        expect.objectContaining({ ...reason, zh: expect.any(String), en: expect.any(String) }),
      ]);
    }
    // Passed as not graded, and said so.
    expect(reasonOf('A')).toMatchObject({
      outcome: 'claimed',
      reasons: [expect.objectContaining({ code: 'credit_not_graded' })],
    });
  });

  it('exports the claims and the coverage as CSV with a BOM and as XLSX; a firm sees only its own claims', async () => {
    const csv = await get(staff, `/v1/subsidy/periods/${periodId}/coverage?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain('收汇比例');
    const xlsx = await get(staff, `/v1/subsidy/periods/${periodId}/claims?format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const own = await get(firms['B']!.key, `/v1/subsidy/periods/${periodId}/claims?format=csv`);
    expect(own.body.trim().split('\r\n')).toHaveLength(2);
    expect((await get(firms['B']!.key, `/v1/subsidy/periods/${periodId}/claims`)).json().items).toEqual([
      expect.objectContaining({ id: claimOf('B').id }),
    ]);
    expectProblem(await get(firms['B']!.key, `/v1/subsidy/claims/${claimOf('A').id}`), 404, 'subsidy.not_found');
    expectProblem(await get(firms['B']!.key, `/v1/subsidy/periods/${periodId}/coverage`), 403, 'auth.forbidden_role');
  });

  it('re-running is idempotent; a cancellation and a downgrade show as differences, never as a silent change', async () => {
    const { jobKey } = await subsidy.run(staff, periodId);
    expect(await subsidy.runJob(jobKey)).toBe('already-run');
    const cancel = await post(customs, `/v1/declarations/${declarations['B']![1]!.id}/customs-events`, {
      type: 'cancel',
      reason: '撤销',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await subsidy.overrideGrade(staff, firms['I']!.orgId, 'D');
    expect((await subsidy.run(staff, periodId)).outcome).toBe('drafted:0');

    const b = await readClaim(staff, claimOf('B').id);
    expect(b.draftedCny).toBe(claimOf('B').draftedCny);
    expect(b.lines).toEqual(claimOf('B').lines);
    const usdB = usdCents(declarations['B']![0]!.totalValue);
    expect(b.differences.map((d) => [d.itemCode, d.draftedCny, d.recomputedCny])).toEqual([
      ['export-reward', lineOf(claimOf('B'), 'export-reward')!.amountCny, money(exportRewardFen(usdB))],
      ['container', '600.00', '300.00'],
    ]);
    const i = await readClaim(staff, claimOf('I').id);
    expect(i.amountCny).toBe(claimOf('I').amountCny);
    expect(i.differences).toHaveLength(3);
    expect(i.differences.every((d) => d.recomputedCny === '0.00' && d.detail.reasons[0]!.code === 'credit_grade')).toBe(
      true,
    );
  });

  it('never funds a declaration, container or premium twice: concurrent runs of overlapping periods, and in SQL', async () => {
    firms['J'] = await approvedOperator('Subsidy Firm J', 330, staff);
    await subsidy.approvedDaysAgo(firms['J']!.orgId, staffOrg, 100);
    const j = await subsidy.exportSale(firms['J']!, customs, unitPrice, '30');
    const periods = await Promise.all(
      ['X', 'Y'].map(
        async (label) =>
          (
            await post(staff, '/v1/subsidy/periods', { label: `overlap-${label}`, from: monthStart, to: monthEnd })
          ).json().id as string,
      ),
    );
    const keys = await Promise.all(
      periods.map(
        async (id) => (await post(staff, `/v1/subsidy/periods/${id}/runs`, {})).json<{ jobKey: string }>().jobKey,
      ),
    );
    const results = await Promise.allSettled(keys.map((key) => subsidy.runJob(key)));
    // Whichever lost the race either saw the sources funded or met the unique index and retries.
    for (const [n, result] of results.entries())
      if (result.status === 'rejected') expect(await subsidy.runJob(keys[n]!)).toBe('drafted:0');
    const { rows } = await api.env.database.db.execute<{ item_type: string; n: number }>(sql`
      select item_type, count(*)::int as n from subsidy_claim_line_sources
      where source_id in (${j.id}, ${j.containerSourceId}) group by item_type order by item_type`);
    expect(rows).toEqual([
      { item_type: 'export_usd_tiered', n: 1 },
      { item_type: 'per_container', n: 1 },
    ]);
    const premium = lineOf(claimOf('A'), 'credit-insurance')!;
    const duplicate = api.env.database.db.execute(sql`
      insert into subsidy_claim_line_sources (line_id, item_type, source_kind, source_id)
      values (${lineOf(claimOf('B'), 'container')!.id}, 'insurance_premium_share', 'insurance_cover', ${premium.sources[0]!.id})`);
    await expect(
      duplicate.catch((error: unknown) => pgErrorCode((error as { cause?: unknown }).cause ?? error)),
    ).resolves.toBe('23505');
    // A source must name an existing line (checked per statement, as a foreign key would per row).
    const orphan = api.env.database.db.execute(sql`
      insert into subsidy_claim_line_sources (line_id, item_type, source_kind, source_id)
      values (${randomUUID()}, 'per_container', 'container', ${`${randomUUID()}:0`})`);
    await expect(
      orphan.catch((error: unknown) => pgErrorCode((error as { cause?: unknown }).cause ?? error)),
    ).resolves.toBe('23503');
    await expect(
      api.env.database.db.execute(sql`update subsidy_claim_lines set amount_cny = 0 where id = ${premium.id}`),
    ).rejects.toThrow();
    // A claim naming no run is refused.
    const spare = (
      await post(staff, '/v1/subsidy/periods', { label: 'no-run', from: monthStart, to: monthEnd })
    ).json();
    const runless = api.env.database.db.execute(sql`
      insert into subsidy_claims (period_id, run_id, operator_org_id, operator_id, programme_version_id, drafted_cny, amount_cny, status, state)
      select ${spare.id}, ${randomUUID()}, operator_org_id, operator_id, programme_version_id, drafted_cny, amount_cny, status, state
      from subsidy_claims limit 1`);
    await expect(
      runless.catch((error: unknown) => pgErrorCode((error as { cause?: unknown }).cause ?? error)),
    ).resolves.toBe('23503');
  });
  const step = (key: string, claimId: string, body: Record<string, unknown>) =>
    post(key, `/v1/subsidy/claims/${claimId}/events`, body);
  const threeWeeksAgo = addDays(today, -21);

  it('answers 409 to every step out of order, 403 to a step of another role, 404 for another firm', async () => {
    const j = (await get(staff, `/v1/subsidy/periods/${periodId}/coverage`)).json<Coverage>();
    expect(j.items.length).toBeGreaterThan(0);
    const draft = (
      await api.env.database.db.execute<{ id: string }>(
        sql`select id from subsidy_claims where operator_org_id = ${firms['J']!.orgId}`,
      )
    ).rows[0]!.id;
    for (const body of [
      { type: 'preliminaryPass' },
      { type: 'auditPass' },
      { type: 'committeeApprove', decisionRef: 'C-1' },
      { type: 'startNotice', from: today },
      { type: 'approve' },
      { type: 'reopen', reason: 'r' },
      { type: 'reduce', amountCny: '1.00', reason: 'r' },
    ])
      expectProblem(await step(staff, draft, body), 409, 'subsidy.illegal_transition');
    expectProblem(await step(staff, draft, { type: 'confirm' }), 403, 'subsidy.step_not_allowed');
    expectProblem(await step(firms['A']!.key, draft, { type: 'confirm' }), 404, 'subsidy.not_found');
    expect((await step(firms['J']!.key, draft, { type: 'object', reason: '集装箱数有误' })).json().status).toBe(
      'objected',
    );
    expectProblem(await step(firms['J']!.key, draft, { type: 'confirm' }), 409, 'subsidy.illegal_transition');
    expect((await step(staff, draft, { type: 'reopen', reason: '已核对' })).json().status).toBe('draft');
    expect((await step(firms['J']!.key, draft, { type: 'confirm' })).json().status).toBe('confirmed');
    // A repeated confirmation is the same step, answered unchanged.
    expect((await step(firms['J']!.key, draft, { type: 'confirm' })).statusCode).toBe(200);
    expectProblem(
      await step(firms['J']!.key, draft, { type: 'object', reason: 'late' }),
      409,
      'subsidy.illegal_transition',
    );
    const rejected = await step(staff, draft, { type: 'reject', reason: '重复申报' });
    expect(rejected.json().status).toBe('rejected');
    for (const body of [{ type: 'preliminaryPass' }, { type: 'reject', reason: 'again' }, { type: 'approve' }])
      expectProblem(await step(staff, draft, body), 409, 'subsidy.illegal_transition');
  });

  it('audits: every audit kind can be completed, the same seed samples the same lines, findings adjust the claim', async () => {
    const a = claimOf('A');
    for (const name of ['A', 'B', 'I']) {
      expect((await step(firms[name]!.key, claimOf(name).id, { type: 'confirm' })).statusCode).toBe(200);
      expect((await step(staff, claimOf(name).id, { type: 'preliminaryPass', note: '资料齐全' })).statusCode).toBe(200);
    }
    const kinds = (await get(auditor, '/v1/subsidy/audit-kinds')).json<{ code: string; samplesLines: boolean }[]>();
    expect(kinds.length).toBeGreaterThanOrEqual(5);
    const task = async (kindCode: string, extra: Record<string, unknown> = {}) => {
      const res = await post(staff, '/v1/subsidy/audit-tasks', {
        kindCode,
        auditFirmOrgId: auditorOrg,
        periodId,
        ...extra,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{
        id: string;
        sampleSeed: number | null;
        sample: { lineId: string; claimId: string; itemCode: string }[];
      }>();
    };
    const first = await task('tracking', { sampleSize: 4, seed: 42 });
    const again = await task('tracking', { sampleSize: 4, seed: 42 });
    expect(first.sample).toHaveLength(4);
    expect(again.sample.map((line) => line.lineId)).toEqual(first.sample.map((line) => line.lineId));
    const batch = await task('payout_batch_special', { sampleSize: 100, seed: 7 });
    expect(batch.sample.map((line) => line.lineId)).toEqual(expect.arrayContaining(a.lines.map((line) => line.id)));
    expectProblem(
      await post(auditor, `/v1/subsidy/audit-tasks/${batch.id}/complete`, { conclusion: 'x' }),
      409,
      'subsidy.audit_incomplete',
    );
    const tasks = [first, again, batch];
    for (const kind of kinds.filter((each) => !['tracking', 'payout_batch_special'].includes(each.code)))
      tasks.push(await task(kind.code, { sampleSize: 3, seed: 1 }));
    const container = lineOf(a, 'container')!;
    for (const each of tasks) {
      for (const line of each.sample) {
        const adjusted = each.id === batch.id && line.lineId === container.id;
        const finding = adjusted
          ? { lineId: line.lineId, outcome: 'adjusted', adjustedCny: '300.00', reason: '一个集装箱未见提单' }
          : { lineId: line.lineId, outcome: 'confirmed' };
        const res = await post(auditor, `/v1/subsidy/audit-tasks/${each.id}/findings`, finding);
        expect(res.statusCode, res.body).toBe(200);
      }
      const done = await post(auditor, `/v1/subsidy/audit-tasks/${each.id}/complete`, { conclusion: '无重大异常' });
      expect(done.statusCode, done.body).toBe(200);
    }
    const rates = (await get(staff, '/v1/subsidy/audit-completion')).json<{
      items: { kindCode: string; tasks: number; completionRate: string }[];
    }>();
    expect(rates.items).toHaveLength(kinds.length);
    for (const rate of rates.items) expect(rate.completionRate, rate.kindCode).toBe('1.0000');
    expect(rates.items.find((rate) => rate.kindCode === 'tracking')!.tasks).toBe(2);

    const audited = await step(staff, a.id, { type: 'auditPass' });
    expect(audited.json()).toMatchObject({ status: 'audited', amountCny: money(cents(a.draftedCny) - 30_000n) });
    const bundle = await get(auditor, `/v1/subsidy/claims/${a.id}/evidence-bundle`);
    expect(bundle.statusCode).toBe(200);
    expect(verifyBundle(new Uint8Array(bundle.rawPayload)).ok).toBe(true);

    // The drafted event commits to each line's sources: count and SHA-256 of the sorted kind:id list, LF-joined.
    const view = (await get(staff, `/v1/subsidy/claims/${a.id}`)).json<{
      lines: { itemCode: string; sources: { kind: string; id: string }[] }[];
    }>();
    const { rows: drafted } = await api.env.database.db.execute<{ canonical: Buffer }>(sql`
      select canonical from provenance_events where subject_id = ${a.id} and action = 'subsidy_claim.drafted'`);
    const event = JSON.parse(Buffer.from(drafted[0]!.canonical).toString('utf8')) as {
      'mpt:subsidy': { lines: unknown[] };
    };
    const expected = view.lines.map((line) => {
      const ids = line.sources.map((source) => `${source.kind}:${source.id}`).sort();
      const sha = createHash('sha256').update(ids.join('\n')).digest('hex');
      return { amountCny: expect.any(String), itemCode: line.itemCode, sourceCount: ids.length, sourcesSha256: sha };
    });
    expect(event['mpt:subsidy'].lines).toEqual(expected);
  });

  it('decides every objection of the public notice before approval, and refuses an approval over the budget with the figures', async () => {
    const a = claimOf('A');
    expect(
      (await step(staff, a.id, { type: 'committeeApprove', decisionRef: '专项资金会议 2026-3' })).json().status,
    ).toBe('committee_approved');
    const notice = await step(staff, a.id, { type: 'startNotice', from: threeWeeksAgo });
    expect(notice.json().state).toMatchObject({ status: 'in_notice', from: threeWeeksAgo, endsOn: expect.any(String) });
    const objected = await post(staff, `/v1/subsidy/claims/${a.id}/objections`, {
      objector: '匿名',
      reason: '出口额存疑',
    });
    expect(objected.statusCode, objected.body).toBe(200);
    const objectionId = objected.json().objections[0].id as string;
    expectProblem(await step(staff, a.id, { type: 'approve' }), 409, 'subsidy.objections_open');
    const decided = await post(staff, `/v1/subsidy/objections/${objectionId}/decision`, {
      decision: 'dismissed',
      reason: '经核查报关单属实',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expectProblem(
      await post(staff, `/v1/subsidy/objections/${objectionId}/decision`, { decision: 'upheld', reason: 'x' }),
      409,
      'subsidy.illegal_transition',
    );
    const approved = await step(staff, a.id, { type: 'approve' });
    expect(approved.json()).toMatchObject({
      status: 'approved_for_payment',
      amountCny: money(cents(a.draftedCny) - 30_000n),
    });

    // B: the notice started today is still running.
    const b = claimOf('B');
    expectProblem(
      await step(staff, b.id, { type: 'reduce', amountCny: '999999.00', reason: 'x' }),
      422,
      'subsidy.invalid_amount',
    );
    expect(
      (await step(staff, b.id, { type: 'reduce', amountCny: '10.00', reason: '撤销一票报关单' })).json().amountCny,
    ).toBe('10.00');
    await step(staff, b.id, { type: 'auditPass' });
    await step(staff, b.id, { type: 'committeeApprove', decisionRef: 'C-3' });
    await step(staff, b.id, { type: 'startNotice', from: today });
    expectProblem(await step(staff, b.id, { type: 'approve' }), 409, 'subsidy.notice_running');

    // I: its premium share would take the insurance item past its 8,000.00 budget.
    const i = claimOf('I');
    await step(staff, i.id, { type: 'auditPass' });
    await step(staff, i.id, { type: 'committeeApprove', decisionRef: 'C-3' });
    await step(staff, i.id, { type: 'startNotice', from: threeWeeksAgo });
    const over = expectProblem(await step(staff, i.id, { type: 'approve' }), 422, 'subsidy.over_budget');
    expect(over).toMatchObject({ itemCode: 'credit-insurance', budgetCny: '8000.00', approvedCny: '8000.00' });
    expect((await readClaim(staff, i.id)).status).toBe('in_notice');

    const budget = (await get(staff, '/v1/subsidy/budget')).json<{
      budgets: { itemCode: string; approvedCny: string }[];
    }>();
    expect(budget.budgets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemCode: '*', approvedCny: money(cents(a.draftedCny) - 30_000n) }),
        expect.objectContaining({ itemCode: 'credit-insurance', approvedCny: '8000.00' }),
      ]),
    );
    const figures = (await get(staff, `/v1/subsidy/fund-figures?month=${today.slice(0, 7)}`)).json();
    expect(figures.approvedForPayment).toEqual({ claims: 1, amountCny: money(cents(a.draftedCny) - 30_000n) });
    expect(figures.drafted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemCode: 'credit-insurance', claims: 2, amountCny: '8800.00' }),
      ]),
    );
  });

  it('gives the monthly statistics report its fund section: drafted and approved by item, and the ledger year', async () => {
    const month = today.slice(0, 7);
    const year = Number(today.slice(0, 4));
    type Figures = {
      claims: number;
      amountCny: string;
      byItem: { itemCode: string; claims: number; amountCny: string }[];
    };
    type Fund = {
      drafted: Figures;
      approvedForPayment: Figures;
      ledger: Record<string, string | number | boolean> & { budgetCny: string; budgetLeftCny: string };
    };
    const fundOf = async () => {
      const res = await get(staff, `/v1/statistics/monthly/report?month=${month}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ fund: Fund }>().fund;
    };
    const total = (figures: Figures) => money(figures.byItem.reduce((sum, item) => sum + cents(item.amountCny), 0n));
    const fund = await fundOf();
    // Every claim of this file was drafted today: count them in the table, without a month.
    const [all] = (
      await api.env.database.db.execute<{ claims: number; fen: string }>(
        sql`select count(*)::int as claims, coalesce(sum(drafted_cny * 100), 0)::bigint::text as fen from subsidy_claims`,
      )
    ).rows;
    expect(fund.drafted).toMatchObject({ claims: all!.claims, amountCny: money(BigInt(all!.fen)) });
    expect(total(fund.drafted)).toBe(fund.drafted.amountCny);
    // Only A is approved for payment: its amount less the 300.00 its audit took off, per item as reserved.
    const a = claimOf('A');
    const approvedCny = money(cents(a.draftedCny) - 30_000n);
    expect(fund.approvedForPayment).toMatchObject({ claims: 1, amountCny: approvedCny });
    expect(total(fund.approvedForPayment)).toBe(approvedCny);
    expect(fund.approvedForPayment.byItem.map((item) => item.itemCode).sort()).toEqual(
      [...new Set(a.lines.map((line) => line.itemCode))].sort(),
    );
    expect(fund.approvedForPayment.byItem).toContainEqual({
      itemCode: 'credit-insurance',
      claims: 1,
      amountCny: '8000.00',
    });
    // The approval reserved A's amount in the fund ledger (payout/payout.ledger.ts), funding the year's
    // budget from the programme. Then money moves as the payout workflow moves it: a further reservation,
    // one paid, part of it clawed back.
    const fen = (cny: string) => BigInt(cny.replace('.', ''));
    const before = fund.ledger;
    expect(before).toMatchObject({
      year,
      opened: true,
      reservedCny: approvedCny,
      paidCny: '0.00',
      clawedBackCny: '0.00',
    });
    expect(fen(before.budgetLeftCny)).toBe(fen(before.budgetCny) - fen(approvedCny));
    const ledger = createLedgerService({ db: api.env.database.db });
    const accounts = await ledger.openFundYear(year);
    const [payable, receivable] = [
      await ledger.openAccount({ code: accountCodes.payable(firms['A']!.orgId), kind: 'payable' }),
      await ledger.openAccount({
        code: accountCodes.clawbackReceivable(firms['A']!.orgId),
        kind: 'clawback_receivable',
      }),
    ];
    const move = async (from: { id: string }, to: { id: string }, fen: bigint, pending = false) =>
      (
        await ledger.transfer({
          id: randomUUID(),
          kind: pending ? 'pending' : 'posted',
          debitAccountId: from.id,
          creditAccountId: to.id,
          amount: fen,
          ...(pending ? { timeoutMs: 3_600_000 } : {}),
        })
      ).transfer;
    const paidReservation = await move(accounts.budget, payable, 30_000n, true); // 300.00 reserved
    await move(accounts.budget, payable, 50_000n, true); // 500.00 reserved, still pending
    await ledger.transfer({ id: randomUUID(), kind: 'post_pending', pendingId: paidReservation.id });
    await move(payable, accounts.paid, 30_000n); // 300.00 paid
    await move(accounts.paid, receivable, 5_000n); // 50.00 clawed back
    expect((await fundOf()).ledger).toEqual({
      year,
      opened: true,
      budgetCny: before.budgetCny,
      budgetLeftCny: money(fen(before.budgetLeftCny) - 80_000n),
      reservedCny: money(fen(approvedCny) + 50_000n),
      paidCny: '300.00',
      clawedBackCny: '50.00',
    });
  });
});
