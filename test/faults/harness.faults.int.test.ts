import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBankClient, withLuhnCheckDigit, type BankClient, type InstructionRequest } from '@baigou/bank-protocol';
import { spawnBankSim, type BankSimProcess } from '@baigou/bank-sim/testing';
import { createDatabase, organisations, type Database } from '@baigou/db';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { useTestEnvironment } from '../support/services';
import { readBankTruth, type BankTruth } from './support/bank-truth';
import { permutation, startCallbackInbox, type CallbackInbox } from './support/callback-inbox';
import {
  Crash,
  createStepHook,
  flushRedisDb,
  redisForFaults,
  setBankFaults,
  terminateBackends,
} from './support/injectors';

/**
 * The fault suite's own instruments, checked before they are trusted: each injector does what it
 * claims (a crash and a dropped connection roll the transaction back, FLUSHDB wipes only the suite's
 * Redis database), and the bank witness does see a claim paid twice.
 */
const env = useTestEnvironment();
const secret = 'faults-harness-secret-0123';
const account = withLuhnCheckDigit('62220202000000077');

const instruction = (instructionId: string, reference: string): InstructionRequest => ({
  instructionId,
  payerAccountNumber: '110000000000000001',
  payeeAccountNumber: account,
  payeeName: '白沟箱包有限公司',
  payeeBankName: '中国工商银行白沟支行',
  amountFen: '1000',
  currency: 'CNY',
  purpose: '市场采购贸易专项资金',
  reference,
});

describe('fault injectors', () => {
  let jobs: Database;
  beforeAll(() => {
    jobs = createDatabase(env.databaseUrl, { max: 2, applicationName: 'faults-harness-job' });
  });
  afterAll(() => jobs?.close());

  const orgNamed = async (name: string) =>
    env.database.db.select().from(organisations).where(eq(organisations.name, name));

  it('a crash thrown from the step hook inside a transaction leaves nothing behind', async () => {
    const hook = createStepHook({ dropConnections: async () => 0, flushRedis: async () => undefined });
    hook.arm({ kind: 'crash', step: 'after-insert', occurrence: 1 });
    const name = `faults crash ${Date.now()}`;
    await expect(
      jobs.db.transaction(async (tx) => {
        await tx.insert(organisations).values({ name, kind: 'operator' });
        await hook.step('after-insert');
      }),
    ).rejects.toBeInstanceOf(Crash);
    expect(hook.fired()).toMatchObject({ kind: 'crash', step: 'after-insert' });
    expect(await orgNamed(name)).toEqual([]);
  });

  it('a connection terminated mid-transaction by PostgreSQL rolls the transaction back', async () => {
    const hook = createStepHook({
      dropConnections: () => terminateBackends(env.database.db, 'faults-harness-job'),
      flushRedis: async () => undefined,
    });
    hook.arm({ kind: 'pg-drop', step: 'after-insert', occurrence: 1 });
    const name = `faults pg-drop ${Date.now()}`;
    await expect(
      jobs.db.transaction(async (tx) => {
        await tx.insert(organisations).values({ name, kind: 'operator' });
        await hook.step('after-insert');
        await tx.insert(organisations).values({ name: `${name} second`, kind: 'operator' });
      }),
    ).rejects.toThrow();
    expect(await orgNamed(name)).toEqual([]);
    // The pool replaces the dead connection: the next job works.
    await jobs.db.insert(organisations).values({ name, kind: 'operator' });
    expect(await orgNamed(name)).toHaveLength(1);
  });

  it('a transaction whose BEGIN meets a connection PostgreSQL dropped while idle gives its pool slot back', async () => {
    // Found by the payout fault suite: drizzle-orm 0.45.4 ran BEGIN outside its try/finally, so each such
    // failure leaked a pool client until every job waited for a connection forever (drizzle-orm#6023);
    // patches/drizzle-orm@0.45.4.patch fixes it. One slot, dropped three times: each next job still runs.
    const single = createDatabase(env.databaseUrl, { max: 1, applicationName: 'faults-harness-single' });
    try {
      for (let round = 0; round < 3; round += 1) {
        await single.db.execute(sql`select 1`);
        expect(await terminateBackends(env.database.db, 'faults-harness-single')).toBe(1);
        await single.db.transaction((tx) => tx.execute(sql`select 1`)).catch(() => 'connection lost');
        expect(await single.db.transaction(async (tx) => (await tx.execute(sql`select 2 as two`)).rows)).toEqual([
          { two: 2 },
        ]);
      }
    } finally {
      await single.close();
    }
  });

  it("FLUSHDB of the suite's Redis database wipes it and leaves the other files' database alone", async () => {
    const faults = redisForFaults(env.redisUrl);
    const ours = new Redis(faults.url);
    const shared = new Redis(env.redisUrl);
    try {
      await ours.set(`${env.redisPrefix}:probe`, '1');
      await shared.set(`${env.redisPrefix}:probe`, '1');
      await flushRedisDb(faults.url);
      expect(await ours.get(`${env.redisPrefix}:probe`)).toBeNull();
      expect(await shared.get(`${env.redisPrefix}:probe`)).toBe('1');
    } finally {
      await shared.del(`${env.redisPrefix}:probe`);
      await Promise.all([ours.quit(), shared.quit()]);
    }
  });
});

describe('the bank witness', () => {
  const ledgerFile = join(mkdtempSync(join(tmpdir(), 'faults-harness-')), 'bank.jsonl');
  let sim: BankSimProcess;
  let bank: BankClient;
  let truth: BankTruth;
  let inbox: CallbackInbox;

  beforeAll(async () => {
    inbox = await startCallbackInbox();
    sim = await spawnBankSim({
      BANK_SIM_LEDGER_FILE: ledgerFile,
      BANK_SIM_CALLBACK_URL: inbox.url,
      BANK_SIM_CALLBACK_SECRET: secret,
      BANK_SIM_PAY_DELAY_MS: '0',
      LOG_LEVEL: 'warn',
    });
    bank = createBankClient({ baseUrl: sim.url, timeoutMs: 2_000 });
    truth = readBankTruth(ledgerFile);
  });
  afterAll(async () => {
    await sim?.stop();
    await inbox?.close();
  });

  it('sees a reference paid by two instructions, and a dropped answer after the bank paid', async () => {
    await setBankFaults(bank, [], 7);
    expect(await bank.submitInstruction(instruction('H-1', 'claim-once'))).toMatchObject({ outcome: 'accepted' });
    expect(await bank.submitInstruction(instruction('H-2', 'claim-twice'))).toMatchObject({ outcome: 'accepted' });
    await setBankFaults(bank, ['timeoutAfterPay'], 8);
    expect(await bank.submitInstruction(instruction('H-3', 'claim-twice'))).toMatchObject({ outcome: 'unknown' });
    await waitFor(
      async () => {
        truth.refresh();
        return ['H-1', 'H-2', 'H-3'].every((id) => truth.payment(id)?.status === 'paid');
      },
      10_000,
      'the three payments to settle',
    );
    expect(truth.paidTwice(['claim-once', 'claim-twice'])).toEqual([
      { reference: 'claim-twice', instructionIds: ['H-2', 'H-3'] },
    ]);
    expect(truth.paidFen('claim-twice')).toBe(2000n);
  });

  it('holds callbacks until the run delivers them, in the order it picks', async () => {
    await waitFor(async () => inbox.waiting() >= 3, 10_000, 'three callbacks');
    const seen: string[] = [];
    const order = permutation(inbox.waiting(), 3);
    await inbox.deliverWaiting(
      async (callback) => {
        seen.push(callback.instructionId);
        return 204;
      },
      () => order,
    );
    expect([...seen].sort()).toEqual(['H-1', 'H-2', 'H-3']);
    expect(inbox.waiting()).toBe(0);
    expect(inbox.history().length).toBeGreaterThanOrEqual(3);
  });
});
