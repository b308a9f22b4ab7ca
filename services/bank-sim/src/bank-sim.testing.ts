import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openCallback, type CallbackVerdict } from '@baigou/bank-protocol';
import { freePort, stopProcess, waitFor } from '../../../test/support/processes';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

export interface BankSimProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `pnpm bank:sim` as a real child process on a free port and waits for its health endpoint. */
export async function spawnBankSim(env: Record<string, string>): Promise<BankSimProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env, BANK_SIM_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`bank simulator exited: ${output.slice(-2000)}`);
      return (await fetch(`${url}/healthz`)).ok;
    },
    60_000,
    'the bank simulator',
  );
  return { url, child, output: () => output, stop: (signal) => stopProcess(child, signal) };
}

export interface ReceivedCallback {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  receivedAtMs: number;
  /** What the receiver answered: 204 for an authentic callback, 401 otherwise, 503 while "down". */
  answered: number;
  verdict: CallbackVerdict;
}

export interface CallbackReceiver {
  url: string;
  received: ReceivedCallback[];
  /** Authentic callbacks for one instruction that the receiver acknowledged, in arrival order. */
  acknowledged(instructionId: string): ReceivedCallback[];
  /** Answers 503 to the next `count` callbacks for one instruction, as a receiver that is down. */
  refuseNext(instructionId: string, count: number): void;
  close(): Promise<void>;
}

/** A callback endpoint as the platform will run one: it authenticates the exact bytes before anything else. */
export async function startCallbackReceiver(secret: string): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const refusals = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const verdict = openCallback({ rawBody, headers: request.headers, secrets: secret });
      const instructionId = verdict.accepted ? verdict.callback.instructionId : '';
      const refusalsLeft = refusals.get(instructionId) ?? 0;
      if (refusalsLeft > 0) refusals.set(instructionId, refusalsLeft - 1);
      const answered = refusalsLeft > 0 ? 503 : verdict.accepted ? 204 : 401;
      received.push({ rawBody, headers: request.headers, receivedAtMs: Date.now(), answered, verdict });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/bank/callbacks`,
    received,
    acknowledged: (instructionId) =>
      received.filter(
        (entry) =>
          entry.answered === 204 && entry.verdict.accepted && entry.verdict.callback.instructionId === instructionId,
      ),
    refuseNext: (instructionId, count) => refusals.set(instructionId, count),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
