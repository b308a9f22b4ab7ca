import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBankClient, type BankClient } from '@baigou/bank-protocol';
import { spawnBankSim, type BankSimProcess } from '@baigou/bank-sim/testing';
import { readBankTruth, type BankTruth } from './bank-truth';
import { startCallbackInbox, type CallbackInbox } from './callback-inbox';

export interface FaultBank {
  /** Holds the simulator's callbacks until a command delivers them, in the order it chooses. */
  inbox: CallbackInbox;
  sim: BankSimProcess;
  /** The platform's client: a short timeout, so a hanging gateway is an unknown outcome. */
  bank: BankClient;
  /** The test's own client for faults and status: patient. */
  bankAdmin: BankClient;
  /** The simulator's own JSON-lines ledger, read independently of the platform. */
  truth: BankTruth;
}

/**
 * The fault suites' bank: the simulator as its own process, paying at once, calling back into the
 * test's inbox with quick retries, seeded, its ledger in a file of its own.
 */
export async function startFaultBank(options: {
  tag: string;
  secret: string;
  seed: number;
  timeoutMs: number;
}): Promise<FaultBank> {
  const inbox = await startCallbackInbox();
  const ledgerFile = join(mkdtempSync(join(tmpdir(), `${options.tag}-`)), 'bank.jsonl');
  const sim = await spawnBankSim({
    BANK_SIM_LEDGER_FILE: ledgerFile,
    BANK_SIM_CALLBACK_URL: inbox.url,
    BANK_SIM_CALLBACK_SECRET: options.secret,
    BANK_SIM_SEED: String(options.seed),
    BANK_SIM_PAY_DELAY_MS: '0',
    BANK_SIM_CALLBACK_TIMEOUT_MS: '60000',
    BANK_SIM_CALLBACK_BACKOFF_MS: '10',
    BANK_SIM_CALLBACK_BACKOFF_MAX_MS: '50',
    BANK_SIM_CALLBACK_MAX_ATTEMPTS: '100',
    LOG_LEVEL: 'warn',
  });
  return {
    inbox,
    sim,
    bank: createBankClient({ baseUrl: sim.url, timeoutMs: options.timeoutMs }),
    bankAdmin: createBankClient({ baseUrl: sim.url, timeoutMs: 10_000 }),
    truth: readBankTruth(ledgerFile),
  };
}
