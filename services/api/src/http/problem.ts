import { z } from 'zod';

/** RFC 9457 problem details, as every error response of the API is shaped. */
export const Problem = z
  .looseObject({
    type: z.string().describe('URI identifying the problem type'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable code, e.g. registry.duplicate_party'),
    requestId: z.string(),
    errors: z
      .array(
        z.object({ path: z.string().describe('JSON pointer into the request, e.g. /body/uscc'), message: z.string() }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

export type ProblemBody = z.infer<typeof Problem>;

export const problemType = (code: string) => `urn:baigou:problem:${code}`;

/** Response schemas for the error statuses a route can answer. */
export function problems<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((status) => [status, Problem])) as { [K in S[number]]: typeof Problem };
}

/** Every authenticated route can answer these. */
export const authProblems = problems(400, 401, 403, 429);
