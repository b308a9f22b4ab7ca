import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopProcess } from '../../support/processes';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const entry = fileURLToPath(new URL('../../../services/worker/src/main.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** kill -9: no handler runs, no transaction commits, BullMQ's lock on the active job simply expires. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The production worker (`pnpm start:worker`, services/worker/src/main.ts) as a child process, for the
 * tier that kills it with SIGKILL. Resolves once it logged "worker started".
 */
export async function spawnWorker(env: Record<string, string>, timeoutMs = 60_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${output.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: string) => {
      output += chunk;
      if (output.includes('"worker started"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}: ${output.slice(-2000)}`));
    });
  });
  await started;
  return {
    child,
    output: () => output,
    kill9: async () => void (await stopProcess(child, 'SIGKILL')),
    stop: async () => void (await stopProcess(child, 'SIGTERM')),
  };
}
