import { addDays, chinaDate, ensurePriceLibrarySeed } from '@baigou/core';
import { priceLibraryVersions, priceObservations, processedJobs } from '@baigou/db';
import { createQueues, jobSchedules, type Queues } from '@baigou/queues';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../../services/worker/src';
import { useTestEnvironment } from '../support/services';
import { silentLogger, testWorkerConfig, waitFor } from './worker.support';

const TROLLEY = 'PT-42021210-ABS-TROLLEY';

describe('the monthly price-library adjustment job (价格库动态调整)', () => {
  const env = useTestEnvironment();
  let queues: Queues;
  const workers: RunningWorker[] = [];
  const asOf = addDays(chinaDate(new Date()), -1);

  beforeAll(async () => {
    await ensurePriceLibrarySeed(env.database.db);
    await env.database.db.insert(priceObservations).values(
      Array.from({ length: 12 }, (_, index) => ({
        productTypeCode: TROLLEY,
        unit: '007',
        currency: 'CNY',
        unitPrice: String(140 + index),
        observedOn: addDays(asOf, -index),
        source: 'transaction' as const,
        sourceRef: `worker-test-line-${index}`,
      })),
    );
    queues = createQueues({ url: env.redisUrl, maxRetriesPerRequest: null }, env.redisPrefix);
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await queues?.close();
  });

  const start = async () => {
    const worker = await startWorker({ config: testWorkerConfig(env), database: env.database, logger: silentLogger });
    workers.push(worker);
    await worker.schedules.ready;
    return worker;
  };

  async function outcomeOf(jobKey: string): Promise<unknown> {
    let outcome: unknown;
    await waitFor(async () => {
      const job = await queues.getJob('price-library.adjust', jobKey);
      outcome = job?.returnvalue;
      return Boolean(outcome);
    }, `job ${jobKey} to complete`);
    return outcome;
  }

  it('schedules the job monthly under one fixed id, however often the worker starts', async () => {
    await (await start()).close();
    await start();
    const schedulers = await queues.queues['price-library'].getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({
        key: 'price-library.adjust-monthly',
        name: 'price-library.adjust',
        pattern: jobSchedules[0]!.pattern,
        tz: 'Asia/Shanghai',
      }),
    ]);
    expect(schedulers[0]!.next).toBeGreaterThan(Date.now());
  });

  it('proposes once per asOf date: a second job for the same date is already-proposed', async () => {
    const payload = { asOf, windowDays: 30, minSampleSize: 10 };
    await queues.add('price-library.adjust', payload, 'price-library.adjust:test-first');
    expect(await outcomeOf('price-library.adjust:test-first')).toBe('proposed');
    await queues.add('price-library.adjust', payload, 'price-library.adjust:test-rerun');
    expect(await outcomeOf('price-library.adjust:test-rerun')).toBe('already-proposed');
    const proposals = await env.database.db
      .select()
      .from(priceLibraryVersions)
      .where(eq(priceLibraryVersions.sourceRef, `adjustment:${asOf}`));
    expect(proposals).toEqual([
      expect.objectContaining({ status: 'proposed', source: 'adjustment', createdByOrgId: null }),
    ]);
  });

  it('runs a scheduled firing as of the day before it fires in China, the same date on every retry', async () => {
    // The firing of 1 October 2026, 03:00 Beijing time: its window ends on 30 September.
    const firedAt = Date.parse('2026-10-01T03:00:00+08:00');
    const jobKey = `repeat:price-library.adjust-monthly:${firedAt}`;
    await queues.add('price-library.adjust', { windowDays: 30, minSampleSize: 10 }, jobKey);
    expect(await outcomeOf(jobKey)).toBe('no-change');
    const [claim] = await env.database.db
      .select()
      .from(processedJobs)
      .where(eq(processedJobs.jobKey, 'price-library.adjust:2026-09-30'));
    expect(claim).toMatchObject({ jobName: 'price-library.adjust', outcome: 'no-change' });
  });
});
