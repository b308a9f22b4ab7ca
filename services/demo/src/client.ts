/**
 * The demo's HTTP client: what a client firm's integration does — a bearer key per organisation,
 * an Idempotency-Key on every POST (derived from the business operation, so a retry replays),
 * and patience with 429/503. Problems (RFC 9457) come back as values, not exceptions, so each
 * phase decides what a refusal means.
 */

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; problem: Problem };

export class DemoApiError extends Error {
  constructor(
    readonly what: string,
    readonly problem: Problem,
  ) {
    super(
      `${what}: ${problem.status} ${problem.code}${problem.detail ? ` — ${problem.detail}` : ''}${problem.errors ? ` ${JSON.stringify(problem.errors.slice(0, 3))}` : ''}`,
    );
    this.name = 'DemoApiError';
  }
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const MAX_ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Api {
  readonly baseUrl: string;
  get<T>(key: string, path: string): Promise<ApiResult<T>>;
  post<T>(key: string, path: string, body: unknown, idempotencyKey: string): Promise<ApiResult<T>>;
  /** GET answering raw bytes (evidence bundles, goods lists). */
  getBytes(key: string, path: string): Promise<ApiResult<Buffer>>;
  /** Requests sent so far, for the final summary. */
  readonly requestCount: () => number;
}

export function createApi(baseUrl: string): Api {
  let requests = 0;

  async function send(
    key: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<Response> {
    for (let attempt = 1; ; attempt += 1) {
      requests += 1;
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!RETRYABLE.has(response.status) || attempt === MAX_ATTEMPTS) return response;
      // Same Idempotency-Key on the retry: the platform answers the first result if it did commit.
      const retryAfterSeconds = Number(response.headers.get('retry-after'));
      await response.arrayBuffer();
      await sleep(
        Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 200 * attempt,
      );
    }
  }

  async function result<T>(response: Response): Promise<ApiResult<T>> {
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (response.ok) return { ok: true, status: response.status, body: parsed as T };
    const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
    return {
      ok: false,
      status: response.status,
      problem: { ...problem, status: response.status, code: problem.code ?? `http.${response.status}` },
    };
  }

  return {
    baseUrl,
    get: async (key, path) => result(await send(key, 'GET', path)),
    post: async (key, path, body, idempotencyKey) => result(await send(key, 'POST', path, body, idempotencyKey)),
    async getBytes(key, path) {
      const response = await send(key, 'GET', path);
      if (!response.ok) return result(response);
      return { ok: true, status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    },
    requestCount: () => requests,
  };
}

/** The body of a successful answer, or an error naming what failed and why. */
export function expectOk<T>(what: string, answer: ApiResult<T>): T {
  if (!answer.ok) throw new DemoApiError(what, answer.problem);
  return answer.body;
}

/** Every item of a cursor-paginated list. */
export async function listAll<T>(api: Api, key: string, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = expectOk(
      `GET ${path}`,
      await api.get(key, `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Runs `work` over `items` with at most `concurrency` in flight; answers results in input order. */
export async function inParallel<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(runners);
  return results;
}

/** A queue that runs at most `concurrency` tasks at once, e.g. one actor's requests beside another's. */
export function createLimiter(concurrency: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}
