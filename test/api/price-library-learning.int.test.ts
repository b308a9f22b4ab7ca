import { ensurePriceLibrarySeed } from '@baigou/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { expectProblem } from '../support/http-assertions';
import { tradeHelpers, type TradeOperator } from '../support/trade';

/**
 * Learning from confirmed codes, end to end: firms declare codes the matcher did not give, staff
 * propose the aliases those lines teach as a version, the diff shows them, approval makes matching
 * use them, and a match made before approval still replays as it was made.
 */
describe('price library: aliases learnt from confirmed codes (POST /v1/price-library/alias-proposals)', () => {
  const api = useTestApi();
  const { post, get, submitSale, cast } = tradeHelpers(api);
  let staff: string;
  let operatorA: TradeOperator;
  let unitPrice: string;
  const title = '彩色小风车 儿童';

  beforeAll(async () => {
    await ensurePriceLibrarySeed(api.env.database.db);
    ({ staff, operatorA, unitPrice } = await cast(['Learning Operator A', 'Learning Operator B'], [710, 711]));
  });

  it('answers 422 and proposes nothing while no confirmed line teaches an alias', async () => {
    const before = (await get(staff, '/v1/price-library/versions')).json().items.length as number;
    expectProblem(await post(staff, '/v1/price-library/alias-proposals', {}), 422, 'price_library.nothing_learnt');
    expect((await get(staff, '/v1/price-library/versions')).json().items).toHaveLength(before);
  });

  it('refuses firms: only staff propose versions', async () => {
    expect((await post(operatorA.key, '/v1/price-library/alias-proposals', {})).statusCode).toBe(403);
  });

  it('proposes the alias two declared lines teach, diffs it, and approval makes matching use it', async () => {
    const unknown = await post(operatorA.key, '/v1/price-library/match', { items: [{ description: title }] });
    expect(unknown.json().items[0]).toMatchObject({ abstained: true });
    const matchBefore = unknown.json().items[0].matchId as string;
    for (const description of [title, '小风车 塑料 户外']) {
      await submitSale(operatorA, unitPrice, [{ quantity: '10', description, hsCode: '95030089' }]);
    }

    const res = await post(staff, '/v1/price-library/alias-proposals', { minEvidence: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.proposals).toContainEqual(
      expect.objectContaining({ productTypeCode: 'PT-95030089', alias: '小风车', evidence: 2 }),
    );
    expect(body.version).toMatchObject({ status: 'proposed', source: 'catalogue' });

    const active = (await get(staff, '/v1/price-library/versions?status=active')).json().items[0].id as string;
    const diff = await get(staff, `/v1/price-library/versions/${body.version.id}/diff?against=${active}`);
    expect(diff.json().productTypes.aliasesChanged).toContainEqual({
      code: 'PT-95030089',
      aliasesAdded: expect.arrayContaining(['小风车']),
      aliasesRemoved: [],
    });

    expect((await post(staff, `/v1/price-library/versions/${body.version.id}/approve`, {})).statusCode).toBe(200);
    const after = await post(operatorA.key, '/v1/price-library/match', { items: [{ description: title }] });
    expect(after.json().items[0].candidates[0]).toMatchObject({ hsCode: '95030089' });
    expect(after.json().items[0].candidates[0].matchedTerms).toContain('小风车');

    const replay = await post(operatorA.key, `/v1/price-library/matches/${matchBefore}/replay`, {});
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ identical: true });
  });

  describe('staff corrections in review (POST /v1/price-library/matches/:id/corrections)', () => {
    let matchId: string;
    beforeAll(async () => {
      const res = await post(operatorA.key, '/v1/price-library/match', {
        items: [{ description: '竹蜻蜓 儿童 手搓' }],
      });
      matchId = res.json().items[0].matchId as string;
    });

    it('refuses firms, an unknown match and a code the version does not have', async () => {
      const body = { hsCode: '95030089', reason: 'a toy' };
      expect((await post(operatorA.key, `/v1/price-library/matches/${matchId}/corrections`, body)).statusCode).toBe(
        403,
      );
      expectProblem(
        await post(staff, '/v1/price-library/matches/6f1c2d1e-0000-4000-8000-000000000001/corrections', body),
        404,
        'price_library.match_not_found',
      );
      expectProblem(
        await post(staff, `/v1/price-library/matches/${matchId}/corrections`, { ...body, hsCode: '01012100' }),
        422,
        'price_library.unknown_hs_code',
      );
    });

    it('records the correction, which counts twice and teaches the next proposal', async () => {
      const res = await post(staff, `/v1/price-library/matches/${matchId}/corrections`, {
        hsCode: '95030089',
        reason: '竹蜻蜓 is a hand-spun toy',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ matchId, hsCode: '95030089', description: '竹蜻蜓 儿童 手搓' });
      const proposal = await post(staff, '/v1/price-library/alias-proposals', { minEvidence: 2 });
      expect(proposal.statusCode, proposal.body).toBe(201);
      expect(proposal.json().proposals).toContainEqual(
        // 竹 is read as the material (bamboo), so the goods word is 蜻蜓.
        expect.objectContaining({ productTypeCode: 'PT-95030089', alias: '蜻蜓', evidence: 2 }),
      );
    });

    it('keeps corrections as history: the database refuses to change one', async () => {
      await expect(
        api.env.database.db.execute(sql`update price_match_corrections set hs_code = '95030021'`),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    });
  });
});
