/** Shared pieces of `pnpm bench:trace`: HTTP calls, percentiles, tables, COPY text fields. */
import { randomUUID } from 'node:crypto';

export interface HttpAnswer {
  status: number;
  json: unknown;
  text: string;
  bytes: Buffer;
}

export async function http(
  url: string,
  key: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<HttpAnswer> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: reported through `text`
    }
  }
  return { status: res.status, json, text, bytes };
}

/** The answer's JSON when the status is the expected one; otherwise throws with the body. */
export async function expectStatus<T = { id: string }>(
  answer: Promise<HttpAnswer>,
  status: number,
  what: string,
): Promise<T> {
  const res = await answer;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 500)}`);
  return res.json as T;
}
