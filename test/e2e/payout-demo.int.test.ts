import { startWorker, type RunningWorker } from '../../services/worker/src';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../services/demo/src/client';
import { payApprovedClaims, registerPayeeAccounts, startDemoBank } from '../../services/demo/src/payout';
import { useTestApi } from '../support/api';
import { payoutHelpers, type PayoutFirm } from '../support/payout';
import { freePort } from '../support/processes';
import { silentLogger, testWorkerConfig } from '../worker/worker.support';

const SECRET = 'bank-sim-development-secret';

/**
 * The demo's payout step against the platform as it runs (the API on a port, the real worker with its
 * outbox relay, BullMQ and schedules) and the simulator as its own process with faults on: every
 * approved claim is paid and the day's statement reconciles with the ledger without a difference.
 */
describe('demo payout step', () => {
  const api = useTestApi();
  const helpers = payoutHelpers(api);
  let worker: RunningWorker;
  let bank: { stop(): Promise<void> };
  let bankUrl: string;
  let apiUrl: string;

  beforeAll(async () => {
    apiUrl = await api.app.listen({ host: '127.0.0.1', port: 0 });
    bankUrl = `http://127.0.0.1:${await freePort()}`;
    worker = await startWorker({
      config: testWorkerConfig(api.env, { BANK_URL: bankUrl, PAYOUT_QUERY_AFTER_MS: '3000' }),
      database: api.env.database,
      logger: silentLogger,
    });
  });

  afterAll(async () => {
    await worker?.close();
    await bank?.stop();
  });

  it('pays the approved claims through the simulator with faults and reconciles with no difference', async () => {
    const staff = (await api.key('Demo Payout Center', 'center', 'staff')).key;
    const firms: (PayoutFirm & { name: string })[] = [];
    for (let i = 0; i < 8; i += 1) {
      const name = `Demo Payout Firm ${i}`;
      firms.push({ ...(await helpers.firm(name, 7_000 + i, null)), name });
    }
    const demoApi = createApi(apiUrl);
    const log: string[] = [];
    const options = {
      api: demoApi,
      staffKey: staff,
      bankUrl,
      callbackSecret: SECRET,
      log: (line: string) => log.push(line),
      timeoutMs: 150_000,
    };
    bank = await startDemoBank(options);
    await registerPayeeAccounts(demoApi, firms);
    const period = await helpers.period('demo', { annualBudgetCny: '1000000.00' });
    for (const [i, firm] of firms.entries()) {
      const claimId = await helpers.claimInNotice(period, firm, `${500 + i}.00`);
      expect((await helpers.approve(staff, claimId)).statusCode).toBe(200);
    }
    const figures = await payApprovedClaims(options);
    expect(figures, log.join('\n')).toEqual({ paid: 8, failed: 0, matched: 8, differences: 0 });
    expect(log.at(-1)).toMatch(/8 statement lines matched the ledger, 0 differences/);
  }, 200_000);
});
