import { addDays, chinaDate, type ProgrammeDocument } from '@baigou/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { expectProblem } from '../support/http-assertions';
import { subsidyHelpers } from '../support/subsidy';
import { tradeHelpers, type TradeOperator } from '../support/trade';

/**
 * Budget before money moves, through the REST API: an approval for payment that would take a firm
 * past its annual cap, or the fund past its annual budget, answers 422 with the figures (the limit,
 * what is already approved, the claim) and writes nothing — the claim stays in notice, no event, no
 * provenance, no approved total raised. The programme pays 700.00 per container only, so each
 * claim's amount is its containers × 700.00.
 */

const today = chinaDate(new Date());
const monthStart = `${today.slice(0, 8)}01`;
const threeWeeksAgo = addDays(today, -21);
const year = Number(today.slice(0, 4));

const programme: ProgrammeDocument = {
  nameZh: '限额测试方案',
  nameEn: 'Limits test programme',
  currency: 'CNY',
  usdValueRule: 'declared',
  // P (3 containers, 2,100.00) fits the budget but not the cap; Q and R (2 containers, 1,400.00 each)
  // fit the cap, and R no longer fits the budget once Q is approved.
  annualBudgetCny: '2200.00',
  capPerFirmPerYearCny: '1500.00',
  noticeWorkingDays: 5,
  items: [
    { type: 'per_container', code: 'container', nameZh: '集装箱', nameEn: 'Container', cnyPerContainer: '700.00' },
  ],
  conditions: { countedOn: 'released', excludedCreditGrades: [], noOpenHardBandReview: false, minRegisteredDays: 0 },
};

describe('special fund limits at approval for payment', () => {
  const api = useTestApi();
  const { post, get, approvedOperator, handbagMedian } = tradeHelpers(api);
  const subsidy = subsidyHelpers(api);
  let staff: string;
  const firms: Record<string, TradeOperator> = {};
  const claimIds: Record<string, string> = {};
  const step = (key: string, claimId: string, body: Record<string, unknown>) =>
    post(key, `/v1/subsidy/claims/${claimId}/events`, body);

  /** What an approval writes, counted: claim events, provenance events, approved totals. */
  const written = async () =>
    (
      await api.env.database.db.execute(sql`
        select (select count(*) from subsidy_claim_events)::int as claim_events,
          (select count(*) from provenance_events)::int as provenance_events,
          (select coalesce(sum(approved_cny), 0)::text from subsidy_budgets) as budgets,
          (select coalesce(sum(approved_cny), 0)::text from subsidy_firm_caps) as caps,
          (select count(*) from subsidy_firm_caps)::int as cap_rows`)
    ).rows[0];

  beforeAll(async () => {
    ({ key: staff } = await api.key('Baigou Trade Service Center', 'center', 'staff'));
    const { key: customs } = await api.key('Baoding Customs', 'customs', 'customs');
    const unitPrice = (await handbagMedian()).toFixed(2);
    for (const [i, [name, containers]] of (
      [
        ['P', 3],
        ['Q', 2],
        ['R', 2],
      ] as const
    ).entries()) {
      firms[name] = await approvedOperator(`Limits Firm ${name}`, 410 + i, staff);
      for (let n = 0; n < containers; n += 1) await subsidy.exportSale(firms[name]!, customs, unitPrice, '20');
    }
    const proposed = await post(staff, '/v1/subsidy/programme-versions', {
      label: 'limits-1',
      effectiveFrom: monthStart,
      document: programme,
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const approved = await post(staff, `/v1/subsidy/programme-versions/${proposed.json().id}/approve`, {
      reason: 'committee',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const period = await post(staff, '/v1/subsidy/periods', { label: `L-${monthStart}`, from: monthStart, to: today });
    expect(period.statusCode, period.body).toBe(201);
    expect((await subsidy.run(staff, period.json().id)).outcome).toBe('drafted:3');
    const page = (await get(staff, `/v1/subsidy/periods/${period.json().id}/claims?limit=10`)).json<{
      items: { id: string; operatorOrgId: string; amountCny: string }[];
    }>();
    for (const [name, firm] of Object.entries(firms)) {
      const claim = page.items.find((item) => item.operatorOrgId === firm.orgId)!;
      claimIds[name] = claim.id;
      expect(claim.amountCny).toBe(name === 'P' ? '2100.00' : '1400.00');
      // Through every step up to the end of a public notice that began three weeks ago.
      expect((await step(firm.key, claim.id, { type: 'confirm' })).statusCode).toBe(200);
      for (const body of [
        { type: 'preliminaryPass' },
        { type: 'auditPass' },
        { type: 'committeeApprove', decisionRef: '专项资金会议 L-1' },
        { type: 'startNotice', from: threeWeeksAgo },
      ]) {
        const res = await step(staff, claim.id, body);
        expect(res.statusCode, res.body).toBe(200);
      }
    }
  });

  it("refuses an approval beyond the firm's annual cap with 422 and the figures, writing nothing", async () => {
    const before = await written();
    const refused = expectProblem(await step(staff, claimIds['P']!, { type: 'approve' }), 422, 'subsidy.over_firm_cap');
    expect(refused).toMatchObject({ year, capCny: '1500.00', approvedCny: '0.00', claimCny: '2100.00' });
    expect(await written()).toEqual(before);
    expect((await get(staff, `/v1/subsidy/claims/${claimIds['P']}`)).json().status).toBe('in_notice');
  });

  it('refuses an approval beyond the annual budget with 422 and the figures, writing nothing', async () => {
    const q = await step(staff, claimIds['Q']!, { type: 'approve' });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json()).toMatchObject({ status: 'approved_for_payment', amountCny: '1400.00' });
    const before = await written();
    const refused = expectProblem(await step(staff, claimIds['R']!, { type: 'approve' }), 422, 'subsidy.over_budget');
    expect(refused).toMatchObject({
      year,
      itemCode: '*',
      budgetCny: '2200.00',
      approvedCny: '1400.00',
      claimCny: '1400.00',
    });
    expect(await written()).toEqual(before);
    expect((await get(staff, `/v1/subsidy/claims/${claimIds['R']}`)).json().status).toBe('in_notice');
    const budget = (await get(staff, '/v1/subsidy/budget')).json<{
      budgets: { itemCode: string; approvedCny: string }[];
    }>();
    expect(budget.budgets).toContainEqual({ itemCode: '*', budgetCny: '2200.00', approvedCny: '1400.00' });
  });
});
