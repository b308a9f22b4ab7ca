/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), written in one pass: object keys sorted by UTF-16 code
 * units (the default sort of JS strings), strings and numbers exactly as ECMAScript's JSON.stringify
 * writes them (which is what RFC 8785 §3.2.2 specifies). On the way it refuses, with the path of the
 * offending value, everything JCS cannot represent instead of letting JSON.stringify drop or coerce it:
 * a dropped `undefined` property or a Map that silently becomes `{}` would make the hashed event say
 * something other than what was meant. Erdtman's reference implementation (`canonicalize`) is the
 * oracle of the property test in canonical.test.ts.
 */

import { createHash } from 'node:crypto';

export class CanonicalJsonError extends TypeError {
  override readonly name = 'CanonicalJsonError';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`cannot canonicalise ${path}: ${problem}`);
  }
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/** `$.a.b[3]["odd key"]`, built only when something fails. */
const pathOf = (trail: readonly (string | number)[]) =>
  trail.reduce<string>(
    (path, step) =>
      typeof step === 'number'
        ? `${path}[${step}]`
        : /^[A-Za-z_$][\w$]*$/.test(step)
          ? `${path}.${step}`
          : `${path}[${JSON.stringify(step)}]`,
    '$',
  );

/** The JCS form of a plain JSON value (null, booleans, finite numbers, strings, arrays, plain objects) as a string. */
export function canonicalString(value: unknown): string {
  let out = '';
  const trail: (string | number)[] = [];
  const ancestors = new Set<object>();
  const fail = (problem: string): never => {
    throw new CanonicalJsonError(pathOf(trail), problem);
  };
  const write = (node: unknown): void => {
    switch (typeof node) {
      case 'boolean':
        out += node ? 'true' : 'false';
        return;
      case 'number':
        if (!Number.isFinite(node)) fail(`${node} is not a finite number`);
        out += JSON.stringify(node); // -0 → "0", 1e21 → "1e+21": ECMAScript Number::toString
        return;
      case 'string':
        if (hasLoneSurrogate(node)) fail('string has a lone UTF-16 surrogate');
        out += JSON.stringify(node);
        return;
      case 'object':
        break;
      default:
        fail(`${typeof node} is not JSON`);
    }
    if (node === null) {
      out += 'null';
      return;
    }
    const object = node as object;
    if (ancestors.has(object)) fail('circular reference');
    ancestors.add(object);
    if (Array.isArray(object)) {
      out += '[';
      for (let i = 0; i < object.length; i++) {
        trail.push(i);
        if (!(i in object)) fail('sparse array hole');
        if (i) out += ',';
        write(object[i]);
        trail.pop();
      }
      out += ']';
    } else {
      const prototype = Object.getPrototypeOf(object) as unknown;
      if (prototype !== Object.prototype && prototype !== null) {
        const kind = (object as { constructor?: { name?: string } }).constructor?.name ?? 'non-plain object';
        fail(`${kind} is not a plain object (convert it first, e.g. a Date with toISOString())`);
      }
      if (Object.getOwnPropertySymbols(object).length > 0) fail('symbol-keyed property');
      const keys = Object.keys(object).sort();
      out += '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        trail.push(key);
        if (hasLoneSurrogate(key)) fail('key has a lone UTF-16 surrogate');
        out += `${i ? ',' : ''}${JSON.stringify(key)}:`;
        write((object as Record<string, unknown>)[key]);
        trail.pop();
      }
      out += '}';
    }
    ancestors.delete(object);
  };
  write(value);
  return out;
}

/** The JCS form of a plain JSON value as UTF-8 bytes: what the log hashes, stores and serves. */
export const canonicalBytes = (value: unknown): Uint8Array => new TextEncoder().encode(canonicalString(value));

/** SHA-256 (hex) of the JCS form: the identity of a document (a scorecard, a callback, a list of sources). */
export const canonicalSha256 = (value: unknown): string =>
  createHash('sha256').update(canonicalString(value)).digest('hex');

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Parses canonical bytes back to a value; throws on invalid UTF-8 or JSON. Does not check canonicity. */
export const parseCanonical = (bytes: Uint8Array): unknown => JSON.parse(strictUtf8.decode(bytes));

/**
 * True when `bytes` are exactly the JCS form of the JSON they contain: valid UTF-8 (no BOM), valid JSON,
 * no duplicate keys, no whitespace, sorted keys, shortest number forms and minimal escapes. Never throws.
 */
export function isCanonical(bytes: Uint8Array): boolean {
  try {
    const recanonical = canonicalBytes(parseCanonical(bytes));
    return Buffer.from(recanonical.buffer, recanonical.byteOffset, recanonical.byteLength).equals(bytes);
  } catch {
    return false;
  }
}
