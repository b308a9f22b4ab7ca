import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { gatewayErrors, type GatewayError } from './errors';

/** Parses a request part against its schema, naming every failing field as a JSON pointer. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: 'body' | 'query' | 'params',
): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw gatewayErrors.validation(
    undefined,
    result.error.issues.map((issue) => ({
      path: `/${[part, ...issue.path.map(String)].join('/')}`,
      message: issue.message,
    })),
  );
}

/** RFC 9457 problem details; a 5xx says nothing of its cause (the log does). */
export function sendProblem(reply: FastifyReply, error: GatewayError): FastifyReply {
  const hidden = error.statusCode >= 500;
  return reply
    .code(error.statusCode)
    .type('application/problem+json')
    .send({
      type: `urn:baigou:bank-sim:problem:${error.code}`,
      title: error.title,
      status: error.statusCode,
      code: error.code,
      ...(hidden || error.message === error.title ? {} : { detail: error.message }),
      ...(error.fields ? { errors: error.fields } : {}),
      instance: reply.request.url,
    });
}
