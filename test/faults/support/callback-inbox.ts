import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The bank simulator's callbacks, held by the test instead of answered at once: each waits (its HTTP
 * request open) until the run delivers it to the platform's callback handler, in the order the run
 * chooses, and the bank gets the platform's answer. Every callback received is kept, so the run can
 * deliver it again later (a duplicate, or a late one after the sweeper settled the payment).
 */

export interface HeldCallback {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  instructionId: string;
}

interface Waiting extends HeldCallback {
  response: ServerResponse;
}

/** What the platform answers a callback: an HTTP status (2xx acknowledges). */
export type CallbackHandler = (callback: HeldCallback) => Promise<number>;

export interface CallbackInbox {
  url: string;
  /** Callbacks waiting for an answer. */
  waiting(): number;
  /** Delivers every waiting callback in the order given by `order` (indices into the waiting list, cycled). */
  deliverWaiting(handler: CallbackHandler, order?: (count: number) => number[]): Promise<number[]>;
  /** Every callback ever received (also those already answered), for replays. */
  history(): readonly HeldCallback[];
  /** Answers every waiting callback 503 (the platform's endpoint was down); the bank retries. */
  refuseWaiting(): number;
  close(): Promise<void>;
}

const instructionIdOf = (rawBody: Buffer): string => {
  try {
    const parsed = JSON.parse(rawBody.toString()) as { instructionId?: unknown };
    return typeof parsed.instructionId === 'string' ? parsed.instructionId : '';
  } catch {
    return '';
  }
};

export async function startCallbackInbox(): Promise<CallbackInbox> {
  let waiting: Waiting[] = [];
  const history: HeldCallback[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const held = { rawBody, headers: request.headers, instructionId: instructionIdOf(rawBody) };
      history.push(held);
      waiting.push({ ...held, response });
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const answer = (entry: Waiting, status: number) => {
    if (!entry.response.writableEnded && !entry.response.destroyed) entry.response.writeHead(status).end();
  };
  return {
    url: `http://127.0.0.1:${port}/v1/bank/callbacks`,
    waiting: () => waiting.length,
    async deliverWaiting(handler, order) {
      const taken = waiting;
      waiting = [];
      const indices = order ? order(taken.length) : taken.map((_, index) => index);
      const statuses: number[] = [];
      for (const index of indices) {
        const entry = taken[index]!;
        const status = await handler(entry);
        answer(entry, status);
        statuses.push(status);
      }
      return statuses;
    },
    history: () => history,
    refuseWaiting() {
      const taken = waiting;
      waiting = [];
      for (const entry of taken) answer(entry, 503);
      return taken.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const entry of waiting) answer(entry, 503);
        waiting = [];
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A permutation of 0..count-1 from a seed (Fisher–Yates over a small LCG), for reordered delivery. */
export function permutation(count: number, seed: number): number[] {
  const indices = Array.from({ length: count }, (_, index) => index);
  let state = seed >>> 0 || 1;
  for (let index = count - 1; index > 0; index -= 1) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const other = state % (index + 1);
    [indices[index], indices[other]] = [indices[other]!, indices[index]!];
  }
  return indices;
}
