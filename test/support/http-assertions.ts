import type { Db } from '@baigou/db';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  requestId: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

/**
 * Asserts the response is an RFC 9457 problem with this status and code, in the shape every error
 * of the API has, and that the `x-request-id` header names the same request as the body.
 */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string): ProblemJson {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json\b/);
  const problem = response.json<ProblemJson>();
  expect(problem).toMatchObject({
    type: `urn:baigou:problem:${code}`,
    title: expect.any(String),
    status,
    code,
    requestId: expect.any(String),
  });
  expect(problem.requestId).not.toBe('');
  expect(response.headers['x-request-id']).toBe(problem.requestId);
  return problem;
}

/** The request paths a validation problem names, e.g. `['/body/uscc']`. */
export const problemPaths = (problem: ProblemJson) => (problem.errors ?? []).map((issue) => issue.path);

/** Tables a registration writes to; a refused request must leave every count as it was. */
export const writtenTables = [
  'organisations',
  'api_keys',
  'operators',
  'merchants',
  'purchasers',
  'party_status_history',
  'idempotency_keys',
  'outbox',
] as const;
export type WrittenTable = (typeof writtenTables)[number];

/** Row counts of `tables` in one query (by default the tables a registration writes), to show a refusal wrote nothing. */
export async function countRows<T extends string = WrittenTable>(
  db: Db,
  tables: readonly T[] = writtenTables as unknown as readonly T[],
): Promise<Record<T, number>> {
  const columns = sql.join(
    tables.map((table) => sql`(select count(*) from ${sql.identifier(table)})::int as ${sql.identifier(table)}`),
    sql`, `,
  );
  const { rows } = await db.execute<Record<T, number>>(sql`select ${columns}`);
  return rows[0]!;
}
