import { commonErrors, createErrorFactory, unstorableText, type FieldIssue } from '@baigou/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * What no route takes, refused before validation with a 400 naming the place: JSON nested deeper than any
 * request shape (it would exhaust the stack of every recursive walker after the parser), a body sent to a route
 * that takes none, and text PostgreSQL cannot store (NUL) or that is not Unicode (a lone surrogate) anywhere in
 * the path, the query or the body. Batch items are left to their own validation, so one bad item is refused
 * alone and the valid ones are kept.
 */

/** No request shape nests deeper than 6; 32 leaves room without letting a walker recurse without bound. */
export const MAX_JSON_DEPTH = 32;
const MAX_ISSUES = 20;

export const inputErrors = {
  tooDeep: createErrorFactory({
    code: 'request.nesting_too_deep',
    statusCode: 400,
    title: `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
  }),
  bodyNotAllowed: createErrorFactory({
    code: 'request.body_not_allowed',
    statusCode: 400,
    title: 'This route takes no request body; send none (or {})',
  }),
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body property whose array items the route validates one by one (a batch), e.g. `items`. */
    batchItems?: string;
  }
}

/** True when the JSON text opens more than `max` arrays or objects inside each other (strings are skipped). */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return false;
}

const pointer = (parts: readonly (string | number)[]) =>
  parts.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Every unstorable string (value or property name) under `root`, as `/part/…` paths; stops at MAX_ISSUES. */
export function unstorableStrings(root: unknown, base: string, skip?: (path: string) => boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length && issues.length < MAX_ISSUES) {
    const { value, path } = stack.pop()!;
    const at = `${base}${pointer(path)}`;
    if (skip?.(at)) continue;
    if (typeof value === 'string') {
      const problem = unstorableText(value);
      if (problem) issues.push({ path: at, message: problem });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const problem = unstorableText(key);
        if (problem) issues.push({ path: `${at}/${pointer([key]).slice(1)}`, message: `property name ${problem}` });
        else stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return issues;
}

const isEmptyObject = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

function takesNoBody(request: FastifyRequest): boolean {
  return request.method === 'POST' && !request.routeOptions.schema?.body;
}

async function inputGuardPlugin(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(inputErrors.tooDeep({ fields: [{ path: '/body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` }] }));
      return;
    }
    parseJson(request, body as string, done);
  });

  app.addHook('preValidation', async (request) => {
    if (takesNoBody(request) && request.body !== undefined && request.body !== null && !isEmptyObject(request.body)) {
      throw inputErrors.bodyNotAllowed({ fields: [{ path: '/body', message: 'not allowed on this route' }] });
    }
    const batch = request.routeOptions.config.batchItems;
    const batchItem = batch ? new RegExp(`^/body/${batch}/\\d+(/|$)`) : undefined;
    const issues = [
      ...unstorableStrings(request.params, '/params'),
      ...unstorableStrings(request.query, '/querystring'),
      ...unstorableStrings(request.body, '/body', batchItem ? (path) => batchItem.test(path) : undefined),
    ];
    if (issues.length) throw commonErrors.validation({ fields: issues.slice(0, MAX_ISSUES) });
  });
}

export default fp(inputGuardPlugin, { name: 'input-guard', dependencies: ['problem'] });
