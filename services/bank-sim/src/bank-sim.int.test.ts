import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBankClient,
  noFaults,
  openCallback,
  withLuhnCheckDigit,
  type BankClient,
  type InstructionRequest,
} from '@baigou/bank-protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/processes';
import { spawnBankSim, startCallbackReceiver, type BankSimProcess, type CallbackReceiver } from './bank-sim.testing';
import { valueDateOf } from './statements';

const secret = 'int-test-callback-secret';
const goodAccount = withLuhnCheckDigit('622202020000000123');
const badAccount = goodAccount.slice(0, -1) + String((Number(goodAccount.at(-1)) + 1) % 10);

const instruction = (instructionId: string, overrides: Partial<InstructionRequest> = {}): InstructionRequest => ({
  instructionId,
  payerAccountNumber: '110000000000000001',
  payeeAccountNumber: goodAccount,
  payeeName: '白沟箱包有限公司',
  payeeBankName: '中国工商银行白沟支行',
  amountFen: '1234500',
  currency: 'CNY',
  purpose: '市场采购贸易专项资金',
  reference: `claim-${instructionId}`,
  ...overrides,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('bank simulator as a separate process', () => {
  const ledgerFile = join(mkdtempSync(join(tmpdir(), 'bank-sim-int-')), 'ledger.jsonl');
  const env = {
    BANK_SIM_LEDGER_FILE: ledgerFile,
    BANK_SIM_CALLBACK_SECRET: secret,
    BANK_SIM_SEED: '20261205',
    BANK_SIM_PAY_DELAY_MS: '50',
    BANK_SIM_CALLBACK_BACKOFF_MS: '50',
    BANK_SIM_CALLBACK_BACKOFF_MAX_MS: '400',
  };
  let receiver: CallbackReceiver;
  let sim: BankSimProcess;
  let client: BankClient;
  const submitted = new Set<string>();

  const start = async () => {
    sim = await spawnBankSim({ ...env, BANK_SIM_CALLBACK_URL: receiver.url });
    client = createBankClient({ baseUrl: sim.url, timeoutMs: 2_000 });
  };
  const submit = async (request: InstructionRequest, via: BankClient = client) => {
    submitted.add(request.instructionId);
    return via.submitInstruction(request);
  };
  const untilAcknowledged = (instructionId: string, count = 1) =>
    waitFor(
      async () => receiver.acknowledged(instructionId).length >= count,
      10_000,
      `${count} callback(s) for ${instructionId}`,
    );

  beforeAll(async () => {
    receiver = await startCallbackReceiver(secret);
    await start();
  });
  beforeEach(async () => {
    await client.setFaults({ ...noFaults, payDelayMs: 50 });
  });
  afterAll(async () => {
    await sim?.stop('SIGKILL');
    await receiver?.close();
  });

  it('pays each instruction exactly once although every callback arrives twice, the repeat after a status query', async () => {
    await client.setFaults({ duplicateCallback: 1, duplicateDelayMs: 2_000 });
    const ids = ['dup-1', 'dup-2', 'dup-3', 'dup-4', 'dup-5'];
    for (const id of ids) expect(await submit(instruction(id))).toMatchObject({ outcome: 'accepted', replayed: false });
    for (const id of ids) await untilAcknowledged(id);
    const states = await Promise.all(ids.map((id) => client.getInstruction(id)));
    const queriedAtMs = Date.now();
    expect(states.map((state) => state?.status)).toEqual(ids.map(() => 'paid'));
    for (const id of ids) {
      await untilAcknowledged(id, 2);
      const [first, repeat] = receiver.acknowledged(id);
      expect(repeat!.rawBody.equals(first!.rawBody)).toBe(true);
      expect(repeat!.receivedAtMs).toBeGreaterThan(queriedAtMs);
      expect(first!.verdict).toMatchObject({ accepted: true, callback: { status: 'paid', amountFen: '1234500' } });
    }
  });

  it('refuses the same instruction id with other parameters (422) and changes nothing', async () => {
    await submit(instruction('conflict-1'));
    // Settled first, so the comparison below is not raced by the settlement.
    await untilAcknowledged('conflict-1');
    const before = await client.getInstruction('conflict-1');
    const outcome = await submit(instruction('conflict-1', { amountFen: '1234501' }));
    expect(outcome).toMatchObject({
      outcome: 'rejected',
      problem: { status: 422, code: 'instruction.idempotency_conflict', detail: 'differs in: amountFen' },
    });
    expect(await client.getInstruction('conflict-1')).toEqual(before);
    // The same amount spelled in yuan is the same instruction.
    const inYuan = instruction('conflict-1', { amountFen: undefined, amountCny: '12345.00' });
    expect(await submit(inYuan)).toMatchObject({ outcome: 'accepted', replayed: true });
  });

  it('signs callbacks: the shared secret verifies them, a tampered body or another secret does not', async () => {
    await submit(instruction('signed-1'));
    await untilAcknowledged('signed-1');
    const [callback] = receiver.acknowledged('signed-1');
    const { rawBody, headers } = callback!;
    expect(openCallback({ rawBody, headers, secrets: secret })).toMatchObject({ accepted: true });
    const tampered = Buffer.from(rawBody.toString().replace('"amountFen":"1234500"', '"amountFen":"9234500"'));
    expect(tampered.equals(rawBody)).toBe(false);
    expect(openCallback({ rawBody: tampered, headers, secrets: secret })).toEqual({
      accepted: false,
      reason: 'bad_signature',
    });
    expect(openCallback({ rawBody, headers, secrets: 'some-other-secret-123' })).toEqual({
      accepted: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a bad payee account synchronously (422), or accepts it and fails the payment', async () => {
    expect(await submit(instruction('bad-sync', { payeeAccountNumber: badAccount }))).toMatchObject({
      outcome: 'rejected',
      problem: { status: 422, code: 'instruction.invalid_account' },
    });
    expect(await client.getInstruction('bad-sync')).toBeNull();

    await client.setFaults({ badAccountMode: 'async' });
    expect(await submit(instruction('bad-async', { payeeAccountNumber: badAccount }))).toMatchObject({
      outcome: 'accepted',
      state: { status: 'accepted' },
    });
    await untilAcknowledged('bad-async');
    expect(receiver.acknowledged('bad-async')[0]!.verdict).toMatchObject({
      callback: { status: 'failed', reason: 'invalid_account', paidAt: null },
    });
    expect(await client.getInstruction('bad-async')).toMatchObject({ status: 'failed', reason: 'invalid_account' });
  });

  it('times out after paying; the retry with the same id returns the recorded payment and pays nothing twice', async () => {
    await client.setFaults({ timeoutAfterPay: 1, timeoutMode: 'hang', hangMs: 5_000 });
    const impatient = createBankClient({ baseUrl: sim.url, timeoutMs: 500 });
    expect(await submit(instruction('timeout-1'), impatient)).toMatchObject({ outcome: 'unknown' });
    await client.setFaults({ timeoutMode: 'drop' });
    expect(await submit(instruction('timeout-2'), impatient)).toMatchObject({ outcome: 'unknown' });

    await client.setFaults({ timeoutAfterPay: 0 });
    for (const id of ['timeout-1', 'timeout-2']) {
      await untilAcknowledged(id);
      const retry = await submit(instruction(id));
      expect(retry).toMatchObject({ outcome: 'accepted', replayed: true, state: { status: 'paid' } });
    }
    await sleep(300);
    expect(receiver.acknowledged('timeout-1')).toHaveLength(1);
    expect(receiver.acknowledged('timeout-2')).toHaveLength(1);
  });

  it('answers 5xx before recording (nothing held) or after recording (the payment goes ahead)', async () => {
    await client.setFaults({ error5xxBeforeRecord: 1 });
    expect(await submit(instruction('5xx-before'))).toEqual({ outcome: 'unknown', cause: 'HTTP 503' });
    expect(await client.getInstruction('5xx-before')).toBeNull();

    await client.setFaults({ error5xxBeforeRecord: 0, error5xxAfterRecord: 1 });
    expect(await submit(instruction('5xx-after'))).toEqual({ outcome: 'unknown', cause: 'HTTP 500' });
    expect(await client.getInstruction('5xx-after')).not.toBeNull();
    await client.setFaults({ error5xxAfterRecord: 0 });
    expect(await submit(instruction('5xx-before'))).toMatchObject({ outcome: 'accepted', replayed: false });
    expect(await submit(instruction('5xx-after'))).toMatchObject({ outcome: 'accepted', replayed: true });
  });

  it('retries a callback with backoff while the receiver is down', async () => {
    receiver.refuseNext('down-1', 3);
    await submit(instruction('down-1'));
    await untilAcknowledged('down-1');
    const attempts = receiver.received.filter(
      (entry) => entry.verdict.accepted && entry.verdict.callback.instructionId === 'down-1',
    );
    expect(attempts.map((entry) => entry.answered)).toEqual([503, 503, 503, 204]);
    // Each retry waits at least its backoff (50, 100, 200 ms) after the previous refusal arrived.
    const gaps = attempts.slice(1).map((entry, index) => entry.receivedAtMs - attempts[index]!.receivedAtMs);
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(50 * 2 ** index - 2));
  });

  it('reorders callbacks of different payments, and sends a late one late', async () => {
    await client.setFaults({ reorderCallbacks: 1, reorderWindowMs: 5_000 });
    await submit(instruction('order-a'));
    await waitFor(async () => (await client.getInstruction('order-a'))?.status === 'paid', 5_000, 'order-a paid');
    await sleep(200);
    expect(receiver.acknowledged('order-a')).toHaveLength(0);
    await client.setFaults({ reorderCallbacks: 0 });
    await submit(instruction('order-b'));
    await untilAcknowledged('order-a');
    await untilAcknowledged('order-b');
    const arrival = (id: string) => receiver.received.indexOf(receiver.acknowledged(id)[0]!);
    expect(arrival('order-b')).toBeLessThan(arrival('order-a'));
    const sequence = (id: string) => {
      const verdict = receiver.acknowledged(id)[0]!.verdict;
      return verdict.accepted ? verdict.callback.sequence : -1;
    };
    expect(sequence('order-a')).toBeLessThan(sequence('order-b'));

    await client.setFaults({ lateCallback: 1, lateCallbackMs: 1_500 });
    await submit(instruction('late-1'));
    await waitFor(async () => (await client.getInstruction('late-1'))?.status === 'paid', 5_000, 'late-1 paid');
    await sleep(500);
    expect(receiver.acknowledged('late-1')).toHaveLength(0);
    await untilAcknowledged('late-1');
  });

  it('lists each paid instruction once on the statement (JSON and CSV), and no failed one', async () => {
    const states = await Promise.all([...submitted].map((id) => client.getInstruction(id)));
    const paid = states.filter((state) => state?.status === 'paid').map((state) => state!.instructionId);
    const today = valueDateOf(new Date().toISOString());
    const statement = await client.getStatement({ from: today, to: today });
    expect(statement.lines.map((line) => line.instructionId).sort()).toEqual(paid.sort());
    expect(statement.lines.map((line) => line.instructionId)).not.toContain('bad-async');
    expect(BigInt(statement.debitFen)).toBe(1_234_500n * BigInt(paid.length));
    const csv = await (await fetch(`${sim.url}/statements?date=${today}&format=csv`)).text();
    expect(csv.trimEnd().split('\r\n')).toHaveLength(paid.length + 1);
  });

  it('books a reversal of a paid payment once, as a credit line on the statement', async () => {
    const reverse = () =>
      fetch(`${sim.url}/admin/instructions/signed-1/reverse`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'payee account closed' }),
      });
    const first = await reverse();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'paid', reversedAt: expect.any(String) });
    expect((await reverse()).status).toBe(409);
    const today = valueDateOf(new Date().toISOString());
    const lines = (await client.getStatement({ from: today, to: today })).lines.filter(
      (line) => line.instructionId === 'signed-1',
    );
    expect(lines.map((line) => [line.kind, line.direction, line.amountFen])).toEqual([
      ['payment', 'debit', '1234500'],
      ['reversal', 'credit', '1234500'],
    ]);
  });

  it('keeps every payment across a restart: same states, same statement, a retried id is not paid again', async () => {
    const ids = [...submitted].sort();
    const settled = async () => (await Promise.all(ids.map((id) => client.getInstruction(id)))).filter(Boolean);
    // Every callback of the earlier steps is in, so any callback after the restart would be a new one.
    await waitFor(
      async () => (await settled()).every((state) => receiver.acknowledged(state!.instructionId).length > 0),
      10_000,
      'every callback acknowledged',
    );
    const before = await Promise.all(ids.map((id) => client.getInstruction(id)));
    const today = valueDateOf(new Date().toISOString());
    const statementBefore = await client.getStatement({ from: today, to: today });
    const callbacksBefore = receiver.received.length;

    expect(await sim.stop('SIGTERM')).toBe(0);
    await start();
    expect(await Promise.all(ids.map((id) => client.getInstruction(id)))).toEqual(before);
    expect(await client.getStatement({ from: today, to: today })).toEqual(statementBefore);
    expect(await submit(instruction('dup-1'))).toMatchObject({
      outcome: 'accepted',
      replayed: true,
      state: { status: 'paid' },
    });
    await sleep(500);
    expect(receiver.received.length).toBe(callbacksBefore);
  });

  it('after a kill -9, pays an instruction it had only accepted and sends a callback it had lost, each once', async () => {
    await client.setFaults({ lostCallback: 1 });
    await submit(instruction('lost-1'));
    await waitFor(async () => (await client.getInstruction('lost-1'))?.status === 'paid', 5_000, 'lost-1 paid');
    await client.setFaults({ lostCallback: 0, payDelayMs: 60_000 });
    expect(await submit(instruction('killed-1'))).toMatchObject({ outcome: 'accepted', state: { status: 'accepted' } });
    await sleep(300);
    expect(receiver.acknowledged('lost-1')).toHaveLength(0);

    await sim.stop('SIGKILL');
    await start();
    await untilAcknowledged('killed-1');
    await untilAcknowledged('lost-1');
    expect(await client.getInstruction('killed-1')).toMatchObject({ status: 'paid' });
    await sleep(300);
    expect(receiver.acknowledged('killed-1')).toHaveLength(1);
    expect(receiver.acknowledged('lost-1')).toHaveLength(1);
    const today = valueDateOf(new Date().toISOString());
    const lines = (await client.getStatement({ from: today, to: today })).lines;
    expect(lines.filter((line) => line.instructionId === 'killed-1')).toHaveLength(1);
    expect(lines.filter((line) => line.instructionId === 'lost-1')).toHaveLength(1);
  });

  it('never reported two outcomes or two bank references for one payment over the whole run', () => {
    const outcomes = new Map<string, Set<string>>();
    for (const entry of receiver.received) {
      expect(entry.verdict.accepted).toBe(true);
      if (!entry.verdict.accepted) continue;
      const { instructionId, status, bankReference, sequence } = entry.verdict.callback;
      const seen = outcomes.get(instructionId) ?? new Set<string>();
      outcomes.set(instructionId, seen.add(`${status} ${bankReference} ${sequence}`));
    }
    expect(outcomes.size).toBeGreaterThan(15);
    for (const [instructionId, seen] of outcomes)
      expect({ instructionId, outcomes: seen.size }).toEqual({ instructionId, outcomes: 1 });
  });
});
