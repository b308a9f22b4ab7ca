import { BankFaultsState, type BankFaultsPatch } from './faults.schemas';
import { BankProblem, InstructionState, Statement, type InstructionRequest } from './instructions.schemas';

/**
 * A small typed client of the payment gateway. `submitInstruction` never throws for an HTTP outcome:
 * it says whether the gateway holds the instruction (`accepted`), refused it for good (`rejected`,
 * do not retry with the same id and parameters), or left it unknown (timeout, dropped connection,
 * 5xx: the gateway may or may not hold it, so retry with the same id or query its status).
 */
export type SubmitOutcome =
  | { outcome: 'accepted'; replayed: boolean; state: InstructionState }
  | { outcome: 'rejected'; problem: BankProblem }
  | { outcome: 'unknown'; cause: string };

export interface BankClientOptions {
  baseUrl: string;
  /** Per request; a gateway slower than this is treated as an unknown outcome. */
  timeoutMs?: number;
}

export interface BankClient {
  submitInstruction(request: InstructionRequest): Promise<SubmitOutcome>;
  /** null when the gateway does not know the id. */
  getInstruction(instructionId: string): Promise<InstructionState | null>;
  getStatement(range: { from: string; to: string }): Promise<Statement>;
  setFaults(patch: BankFaultsPatch): Promise<BankFaultsState>;
}

export class BankGatewayError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'BankGatewayError';
  }
}

export function createBankClient(options: BankClientOptions): BankClient {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const send = (path: string, init: RequestInit = {}) =>
    fetch(new URL(path, options.baseUrl), {
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      signal: AbortSignal.timeout(timeoutMs),
    });

  const readJson = async (response: Response, what: string): Promise<unknown> => {
    if (!response.ok) throw new BankGatewayError(`${what}: HTTP ${response.status}`, response.status);
    return response.json();
  };

  return {
    async submitInstruction(request) {
      let response: Response;
      try {
        response = await send('/instructions', { method: 'POST', body: JSON.stringify(request) });
      } catch (error) {
        return {
          outcome: 'unknown',
          cause: error instanceof Error ? error.name + ': ' + error.message : 'fetch failed',
        };
      }
      if (response.status >= 500) return { outcome: 'unknown', cause: `HTTP ${response.status}` };
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) {
        const replayed = response.headers.get('idempotent-replayed') === 'true';
        return { outcome: 'accepted', replayed, state: InstructionState.parse(body) };
      }
      const problem = BankProblem.safeParse(body);
      if (!problem.success) return { outcome: 'unknown', cause: `HTTP ${response.status} without problem details` };
      return { outcome: 'rejected', problem: problem.data };
    },
    async getInstruction(instructionId) {
      const response = await send(`/instructions/${encodeURIComponent(instructionId)}`);
      if (response.status === 404) return null;
      return InstructionState.parse(await readJson(response, 'status query'));
    },
    async getStatement({ from, to }) {
      const response = await send(`/statements?from=${from}&to=${to}&format=json`);
      return Statement.parse(await readJson(response, 'statement download'));
    },
    async setFaults(patch) {
      const response = await send('/admin/faults', { method: 'POST', body: JSON.stringify(patch) });
      return BankFaultsState.parse(await readJson(response, 'fault update'));
    },
  };
}
