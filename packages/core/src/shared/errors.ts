/**
 * Domain errors carry their own stable code and HTTP status from creation, so the single
 * error handler in the API maps them to RFC 9457 problem details without an instanceof ladder.
 */
export interface FieldIssue {
  /** JSON pointer style path into the request, e.g. `/body/uscc`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly title: string;
  readonly fields: readonly FieldIssue[] | undefined;
  readonly extra: Readonly<Record<string, unknown>> | undefined;

  constructor(args: {
    code: string;
    statusCode: number;
    title: string;
    detail?: string;
    fields?: readonly FieldIssue[];
    extra?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(args.detail ?? args.title, { cause: args.cause });
    this.name = 'DomainError';
    this.code = args.code;
    this.statusCode = args.statusCode;
    this.title = args.title;
    this.fields = args.fields;
    this.extra = args.extra;
  }
}

export interface ErrorOptions {
  detail?: string;
  fields?: readonly FieldIssue[];
  extra?: Record<string, unknown>;
  cause?: unknown;
}

export type ErrorFactory = ((options?: ErrorOptions) => DomainError) & {
  readonly code: string;
  readonly statusCode: number;
};

/** `createErrorFactory({ code: 'declaration.over_value_cap', statusCode: 422, title: '...' })`. */
export function createErrorFactory(spec: { code: string; statusCode: number; title: string }): ErrorFactory {
  const factory = (options: ErrorOptions = {}) =>
    new DomainError({ ...spec, ...options, detail: options.detail ?? spec.title });
  return Object.assign(factory, { code: spec.code, statusCode: spec.statusCode });
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/** Errors every context may raise. Context-specific ones live in `<context>.errors.ts`. */
export const commonErrors = {
  validation: createErrorFactory({
    code: 'request.validation_failed',
    statusCode: 400,
    title: 'The request is invalid; see errors for the failing fields',
  }),
  notFound: createErrorFactory({
    code: 'resource.not_found',
    statusCode: 404,
    title: 'The resource does not exist or is not visible to you',
  }),
  invalidCursor: createErrorFactory({
    code: 'request.invalid_cursor',
    statusCode: 400,
    title: 'The pagination cursor is malformed or belongs to another query',
  }),
  illegalTransition: createErrorFactory({
    code: 'state.illegal_transition',
    statusCode: 409,
    title: 'The requested state change is not allowed from the current state',
  }),
  invalidReference: createErrorFactory({
    code: 'reference.unknown_code',
    statusCode: 400,
    title: 'A value is not in the current official code list',
  }),
};
