import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/**
 * Request generation for the OpenAPI-driven fuzz test: values shaped by each operation's JSON Schema,
 * then broken one place at a time (wrong types, missing and unknown fields, NUL bytes, lone surrogates,
 * huge strings, dates outside any calendar PostgreSQL keeps, deep nesting, bad percent-encodings).
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** What one generated request is made of; `payload` is raw text (or bytes) so malformed JSON can be sent. */
export interface FuzzRequest {
  method: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
}

/** Marker replaced by raw JSON text after serialisation (deep nesting cannot be built as an object safely). */
const RAW = '\u0001raw\u0001';

export const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
export const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

export const oddStrings = [
  '\u0000',
  'PU\u0000包',
  'PU\ud800',
  '\udc00tail',
  '\ud83d',
  '',
  ' ',
  '\u202e\u200b\ufeff',
  '💼'.repeat(600),
  'x'.repeat(70_000),
  '0000-01-01',
  '0001-01-01',
  '-000001-01-01',
  '9999-12-31',
  '275760-09-14',
  '2026-02-30',
  '0000-01',
  '0000-01-01T00:00:00Z',
  '1e309',
  'NaN',
  '-1',
  "' or 1=1 --",
  '../../etc/passwd',
  '%00',
  '\\',
];

const oddJson: (unknown | { raw: string })[] = [
  ...oddStrings,
  null,
  true,
  0,
  -1,
  1e308,
  2 ** 53 + 1,
  0.5,
  {},
  [],
  [null],
  { raw: deepArray(20_000) },
  { raw: deepObject(5_000) },
];

const oddJsonArbitrary = fc.constantFrom(...oddJson);

/** Percent-encoded (UTF-8, or deliberately broken) forms for query and path values. */
export const oddUrlValues = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  '%zz',
  '%',
  '%C0%AF',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '0000-01',
  'x'.repeat(5_000),
  encodeURIComponent('💼'.repeat(50)),
  '-1',
  '1e309',
  '[]',
];

const CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function createSchemaValues(document: OpenApiDocument, idPool: () => string[]) {
  const resolve = (schema: JsonSchema): JsonSchema => {
    let current = schema;
    for (let hops = 0; current.$ref && hops < 20; hops += 1) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = document.components?.schemas?.[name] ?? {};
    }
    return current;
  };

  const uuid = () =>
    fc.oneof(
      fc.constant(null).map(() => randomUUID()),
      fc.constant(null).map(() => {
        const pool = idPool();
        return pool.length ? pool[Math.floor(Math.random() * pool.length)]! : randomUUID();
      }),
    );

  function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
    switch (schema.format) {
      case 'uuid':
        return uuid();
      case 'date':
        return fc.constantFrom('2026-05-01', '2025-12-31', '2026-01-15');
      case 'date-time':
        return fc.constantFrom('2026-05-01T00:00:00Z', '2026-05-01T08:00:00+08:00');
      case 'email':
        return fc.constant('a@example.cn');
    }
    if (schema.pattern) {
      try {
        return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= 300);
      } catch {
        // A pattern JavaScript cannot compile falls through to plain text.
      }
    }
    const min = schema.minLength ?? 1;
    const max = Math.max(min, Math.min(schema.maxLength ?? 20, 40));
    return fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...CHARACTERS) });
  }

  /** A value shaped by `schema` (valid as far as types, enums, formats and patterns go). */
  function valueFor(input: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const schema = resolve(input);
    if (depth > 6) return fc.constant(null);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices?.length) return fc.oneof(...choices.map((choice) => valueFor(choice, depth + 1)));
    if (schema.allOf?.length) return valueFor(schema.allOf[0]!, depth + 1);
    const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
    switch (type) {
      case 'string':
        return stringFor(schema);
      case 'integer':
        return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 1_000_000) });
      case 'number':
        return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(valueFor(schema.items ?? {}, depth + 1), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
        });
      case 'object':
      default: {
        const properties = schema.properties ?? {};
        const required = new Set(schema.required ?? []);
        const entries = Object.entries(properties).map(([name, property]) => {
          const value = valueFor(property, depth + 1);
          return [name, required.has(name) ? value : fc.option(value, { nil: undefined })] as const;
        });
        return fc
          .record(Object.fromEntries(entries))
          .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
      }
    }
  }

  return { valueFor, resolve };
}

/** Paths of every value inside `value` (objects and arrays), the root included as []. */
export function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, index) => leafPaths(item, [...prefix, index]))];
  if (value && typeof value === 'object') {
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...prefix, key]))];
  }
  return [prefix];
}

function setAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  parent[path.at(-1)!] = replacement;
  return copy;
}

function deleteAt(root: unknown, path: (string | number)[]): unknown {
  if (path.length === 0) return undefined;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
  else delete parent[path.at(-1)!];
  return copy;
}

/** Serialises a body in which one value may be raw JSON text. */
export function serialise(body: unknown): string {
  let raw: string | undefined;
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (value && typeof value === 'object' && 'raw' in value && typeof value.raw === 'string') {
      raw = value.raw;
      return RAW;
    }
    return value;
  });
  return raw === undefined ? text : text.replace(JSON.stringify(RAW), raw);
}

export type Mutation = 'valid' | 'odd-value' | 'missing' | 'unknown-field' | 'whole-body';

/** A body for the operation, broken in one way. */
export function mutatedBody(base: unknown, mutation: Mutation, pick: number, odd: unknown): unknown {
  const paths = leafPaths(base);
  const path = paths[pick % paths.length]!;
  switch (mutation) {
    case 'valid':
      return base;
    case 'odd-value':
      return setAt(base, path, odd);
    case 'missing':
      return deleteAt(base, path.length ? path : ['?']) ?? {};
    case 'unknown-field':
      return base && typeof base === 'object' && !Array.isArray(base) ? { ...base, ['\u0000x']: odd } : base;
    case 'whole-body':
      return odd;
  }
}

export const oddBodyPayloads: { payload: string | Buffer; contentType?: string }[] = [
  { payload: deepArray(100_000) },
  { payload: deepObject(50_000) },
  { payload: '{"a":' },
  { payload: '' },
  { payload: 'null' },
  { payload: '"\\u0000"' },
  { payload: '{"x":"\\ud800"}' },
  { payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { payload: '{"a":1}', contentType: 'text/plain' },
  { payload: '{"a":1}', contentType: 'application/json; charset=latin1' },
  { payload: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}' },
];

export { oddJsonArbitrary };
