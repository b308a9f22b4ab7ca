import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withLuhnCheckDigit } from '@baigou/bank-protocol';
import { chinaDate } from '@baigou/core';
import { expectOk, inParallel, listAll, type Api } from './client';

/**
 * The demo's payout step: the treasury gateway simulator started as its own process (with a few faults
 * on: duplicated, late and reordered callbacks, a timeout after paying, a 5xx after recording), the
 * demo's approved claims paid through it by the platform's worker (send job, callbacks, sweeper), and
 * the reconciliation of the day's bank statement with the ledger printed.
 *
 * Call `registerPayeeAccounts` before staff approve the claims (a payment takes the account in force
 * when it is reserved), then `payApprovedClaims` once they are approved.
 */

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const bankSimEntry = fileURLToPath(new URL('../../bank-sim/src/main.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A valid account number for the demo firm at `index` (the gateway checks its Luhn check digit). */
export const demoAccountNumber = (index: number) => withLuhnCheckDigit(`62170012${String(index).padStart(10, '0')}`);

/** Each firm records the account the fund pays it into (收款账户). */
export async function registerPayeeAccounts(api: Api, firms: readonly { key: string; name: string }[]) {
  await inParallel(firms, 4, async (firm, index) =>
    expectOk(
      `payee account of ${firm.name}`,
      await api.post(
        firm.key,
        '/v1/payout/payee-account',
        { accountNumber: demoAccountNumber(index + 1), accountName: firm.name, bankName: '中国银行白沟支行' },
        `demo-payee-${encodeURIComponent(firm.name)}`,
      ),
    ),
  );
}

export interface PayoutDemoOptions {
  api: Api;
  staffKey: string;
  /** The platform's BANK_URL: the simulator listens on its port. */
  bankUrl: string;
  /** The platform's BANK_CALLBACK_SECRET. */
  callbackSecret: string;
  log: (line: string) => void;
  /** How long to wait for every payment to be paid or failed (the sweeper runs every minute). */
  timeoutMs?: number;
}

/** Starts `pnpm bank:sim` on the platform's BANK_URL port, calling the API back, with a few faults. */
export async function startDemoBank(options: PayoutDemoOptions): Promise<{ stop(): Promise<void> }> {
  const port = new URL(options.bankUrl).port || '80';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', bankSimEntry], {
    cwd: repoRoot,
    stdio: 'ignore',
    // Its own configuration only (nothing of the demo's environment): the simulator is an outside party.
    env: {
      LOG_LEVEL: 'warn',
      BANK_SIM_PORT: port,
      BANK_SIM_CALLBACK_URL: `${options.api.baseUrl}/v1/payout/bank-callbacks`,
      BANK_SIM_CALLBACK_SECRET: options.callbackSecret,
      BANK_SIM_SEED: '14',
      BANK_SIM_PAY_DELAY_MS: '300',
      BANK_SIM_PAY_JITTER_MS: '500',
      BANK_SIM_FAULT_DUPLICATE_CALLBACK: '0.3',
      BANK_SIM_FAULT_LATE_CALLBACK: '0.2',
      BANK_SIM_LATE_CALLBACK_MS: '2000',
      BANK_SIM_FAULT_REORDER_CALLBACKS: '0.3',
      BANK_SIM_FAULT_TIMEOUT_AFTER_PAY: '0.1',
      BANK_SIM_TIMEOUT_MODE: 'drop',
      BANK_SIM_FAULT_5XX_AFTER_RECORD: '0.1',
    },
  });
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null)
      throw new Error(`the bank simulator exited (${child.exitCode}); is port ${port} free?`);
    if (
      await fetch(`${options.bankUrl}/healthz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    await sleep(250);
  }
  options.log(
    `bank simulator on ${options.bankUrl} (seed 14; duplicated, late and reordered callbacks, timeouts after pay, 5xx)`,
  );
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface PaymentItem {
  id: string;
  status: string;
  amountCny: string;
  instructionId: string;
}
interface Reconciliation {
  jobKey: string;
  matched: number;
  differences: { kind: string; instructionId: string; statementCny: string | null; ledgerCny: string | null }[];
  summary: Record<string, unknown>;
}

/** Waits until no payment is still created or sent; answers the payments. */
async function settled(options: PayoutDemoOptions): Promise<PaymentItem[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    const payments = await listAll<PaymentItem>(options.api, options.staffKey, '/v1/payout/payments');
    const open = payments.filter((payment) => payment.status === 'created' || payment.status === 'sent');
    if (open.length === 0 || Date.now() > deadline) return payments;
    options.log(`payout: ${payments.length - open.length}/${payments.length} payments settled, waiting for the bank`);
    await sleep(2_000);
  }
}

/** Pays the approved claims through the simulator and prints the day's reconciliation; answers the figures. */
export async function payApprovedClaims(options: PayoutDemoOptions) {
  const payments = await settled(options);
  const count = (status: string) => payments.filter((payment) => payment.status === status).length;
  options.log(
    `payout: ${count('paid')} paid, ${count('failed')} failed, ${count('created') + count('sent')} still open (stuck ones are listed at /v1/payout/payments?stuck=true)`,
  );
  const today = chinaDate(new Date());
  const requested = expectOk(
    'reconciliation',
    await options.api.post<{ jobKey: string }>(
      options.staffKey,
      '/v1/payout/reconciliations',
      { from: today, to: today },
      `demo-reconcile-${today}-${Date.now()}`,
    ),
  );
  let report: Reconciliation | undefined;
  for (let attempt = 0; attempt < 60 && !report; attempt += 1) {
    const reports = await listAll<Reconciliation>(options.api, options.staffKey, '/v1/payout/reconciliations');
    report = reports.find((entry) => entry.jobKey === requested.jobKey);
    if (!report) await sleep(1_000);
  }
  if (!report) throw new Error('the reconciliation job did not report within a minute');
  options.log(
    `reconciliation of ${today}: ${report.matched} statement lines matched the ledger, ${report.differences.length} differences`,
  );
  for (const difference of report.differences)
    options.log(
      `  ${difference.kind} ${difference.instructionId}: statement ${difference.statementCny ?? '—'}, ledger ${difference.ledgerCny ?? '—'}`,
    );
  return {
    paid: count('paid'),
    failed: count('failed'),
    matched: report.matched,
    differences: report.differences.length,
  };
}
