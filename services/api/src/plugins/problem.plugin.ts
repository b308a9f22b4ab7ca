import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { commonErrors, isDomainError, type FieldIssue } from '@baigou/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { problemType, type ProblemBody } from '../http/problem';

/** Fastify's own request errors, by code, to our stable problem codes. */
const frameworkErrors: Record<string, { code: string; status: number; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'request.malformed_json', status: 400, title: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'request.empty_body', status: 400, title: 'The JSON body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'request.body_too_large',
    status: 413,
    title: 'The request body exceeds the size limit',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'request.unsupported_media_type',
    status: 415,
    title: 'Send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'request.invalid_content_length',
    status: 400,
    title: 'Content-Length does not match the body',
  },
  FST_ERR_BAD_URL: {
    code: 'request.malformed_url',
    status: 400,
    title: 'The URL has a malformed percent-encoding',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'request.path_parameter_too_long',
    status: 414,
    title: 'A path parameter is longer than any identifier the API uses',
  },
  FST_ERR_ASYNC_CONSTRAINT: {
    code: 'route.not_found',
    status: 404,
    title: 'No such route',
  },
};

/**
 * Errors Fastify's router raises before any route or hook runs (a bad percent-encoding, an over-long path
 * parameter): the same problem+json as every other error. Passed as the `frameworkErrors` option.
 */
export const frameworkErrorHandler: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  const known = frameworkErrors[error.code] ?? frameworkErrors.FST_ERR_BAD_URL!;
  return send(reply, request, { code: known.code, status: known.status, title: known.title, detail: error.message });
};

/** What Node's HTTP parser refuses, by its error code: status, problem code and title. */
function clientProblem(code: string | undefined): { status: number; code: string; title: string } {
  if (code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, code: 'request.headers_too_large', title: 'The request headers exceed the size limit' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { status: 408, code: 'request.timeout', title: 'The request was not received in time' };
  return { status: 400, code: 'request.malformed_http', title: 'The request is not valid HTTP/1.1' };
}

/**
 * Requests Node's HTTP parser refuses (a NUL in the request line, conflicting Content-Length and
 * Transfer-Encoding, 20 KB of headers) never reach Fastify: answer them on the socket as problem+json too,
 * then close it, since the stream can no longer be trusted. Passed as the `clientErrorHandler` option.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const problem = clientProblem(error.code);
    const body = JSON.stringify({
      type: problemType(problem.code),
      ...problem,
      detail: error.code ?? error.message,
      requestId: randomUUID(),
    });
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

interface ProblemInput {
  code: string;
  status: number;
  title: string;
  detail?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

function send(reply: FastifyReply, request: FastifyRequest, problem: ProblemInput) {
  const body: ProblemBody = {
    type: problemType(problem.code),
    ...problem,
    instance: request.url,
    requestId: String(request.id),
  };
  return reply.code(problem.status).type('application/problem+json').send(body);
}

function zodIssues(error: FastifyError): FieldIssue[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).flatMap((issue) => {
    // The zod provider reports the root of the validated part as "/".
    const base = `/${context}${issue.instancePath === '/' ? '' : issue.instancePath}`;
    const keys = (issue.params as { keys?: unknown }).keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({ path: `${base}/${String(key)}`, message: 'unknown field' }));
    }
    return [{ path: base, message: issue.message ?? 'invalid' }];
  });
}

/**
 * A failed drizzle query carries its bound values (resident IDs, account numbers, names) in its message,
 * its stack and `params`, and PostgreSQL's `detail` can quote the whole row. What a 5xx logs instead:
 * the SQL, the database's own message and codes, and the stack frames.
 */
function loggable(error: Error): Error {
  const { query, cause } = error as { query?: unknown; cause?: unknown };
  if (typeof query !== 'string' || !(cause instanceof Error)) return error;
  const { code, constraint, table, column } = cause as {
    code?: string;
    constraint?: string;
    table?: string;
    column?: string;
  };
  const safe = new Error(`Failed query: ${cause.message}`);
  safe.name = error.name;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  safe.stack = [`${safe.name}: ${safe.message}`, ...frames].join('\n');
  return Object.assign(safe, { query, sqlState: code, constraint, table, column });
}

async function problemPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      if (error.statusCode >= 500) request.log.error({ err: error }, 'domain error');
      return send(reply, request, {
        code: error.code,
        status: error.statusCode,
        title: error.title,
        detail: error.message,
        ...(error.fields ? { errors: [...error.fields] } : {}),
        ...error.extra,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const failure = commonErrors.validation();
      return send(reply, request, {
        code: failure.code,
        status: 400,
        title: failure.title,
        detail: failure.message,
        errors: zodIssues(error),
      });
    }
    const known = error.code ? frameworkErrors[error.code] : undefined;
    if (known)
      return send(reply, request, {
        code: known.code,
        status: known.status,
        title: known.title,
        detail: error.message,
      });
    if (error.statusCode === 429) {
      return send(reply, request, {
        code: 'request.rate_limited',
        status: 429,
        title: 'Too many requests for this API key',
        detail: error.message,
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, request, {
        code: 'request.bad_request',
        status: error.statusCode,
        title: 'The request cannot be processed',
        detail: error.message,
      });
    }
    // 5xx: the detail stays in the log, keyed by the request id the client receives.
    request.log.error({ err: loggable(error) }, 'unhandled error');
    return send(reply, request, {
      code: 'internal.error',
      status: 500,
      title: 'Internal error',
      detail: `quote request id ${request.id} to support`,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, {
      code: 'route.not_found',
      status: 404,
      title: 'No such route',
      detail: `${request.method} ${request.url}`,
    }),
  );
}

export default fp(problemPlugin, { name: 'problem' });
