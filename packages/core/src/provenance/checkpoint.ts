import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes } from './canonical';
import { sha256Hex } from './merkle';

/**
 * Signed checkpoints (tree heads) with Ed25519 from node:crypto. The signed message is the JCS form of
 * exactly `{ log, treeSize, rootHash, timestamp }`, so anyone with the public key can check it with any
 * JCS implementation and any Ed25519 library. The key id is the hex SHA-256 of the raw 32-byte key.
 */

export type Checkpoint = {
  /** Which log this tree head belongs to, e.g. "baigou-provenance". */
  log: string;
  treeSize: number;
  /** Lowercase hex SHA-256 root (RFC 9162 MTH). */
  rootHash: string;
  /** RFC 3339 UTC, e.g. 2026-11-26T21:00:00.000Z. */
  timestamp: string;
};

export type SignedCheckpoint = Checkpoint & {
  keyId: string;
  /** Base64 Ed25519 signature over `checkpointMessage`. */
  signature: string;
};

export const SIGNATURE_ALGORITHM = 'Ed25519';

// ---------------------------------------------------------------------------------------------------
// Base64 (strict: canonical padding, no whitespace, standard alphabet)

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const toBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function fromBase64(text: string): Uint8Array {
  const bytes = typeof text === 'string' && BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
  // Re-encoding catches non-zero padding bits, which Node would otherwise accept and ignore.
  if (!bytes || bytes.toString('base64') !== text) {
    throw new TypeError(`not canonical base64: ${JSON.stringify(String(text).slice(0, 80))}`);
  }
  return new Uint8Array(bytes);
}

// ---------------------------------------------------------------------------------------------------
// Keys

const RAW_PUBLIC_KEY_BYTES = 32;

function assertEd25519(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`${what} must be an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  }
}

export function generateSigningKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

export function publicKeyToRaw(publicKey: KeyObject): Uint8Array {
  const key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  assertEd25519(key, 'public key');
  const { x } = key.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(x!, 'base64url'));
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (!(raw instanceof Uint8Array) || raw.length !== RAW_PUBLIC_KEY_BYTES) {
    throw new TypeError(`an Ed25519 public key is ${RAW_PUBLIC_KEY_BYTES} raw bytes`);
  }
  const x = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** Hex SHA-256 of the raw 32-byte public key (accepts the private key too, using its public half). */
export function keyIdOf(publicKey: KeyObject | Uint8Array): string {
  const raw = publicKey instanceof Uint8Array ? publicKey : publicKeyToRaw(publicKey);
  return sha256Hex(raw);
}

/** An Ed25519 private key from PEM (PKCS#8) or from base64 of its PKCS#8 DER, as kept in configuration. */
export function privateKeyFromText(pemOrBase64Pkcs8: string): KeyObject {
  const text = pemOrBase64Pkcs8.trim();
  const key = text.startsWith('-----BEGIN')
    ? createPrivateKey(text)
    : createPrivateKey({ key: Buffer.from(fromBase64(text)), format: 'der', type: 'pkcs8' });
  assertEd25519(key, 'signing key');
  return key;
}

/** Base64 of the PKCS#8 DER: the form `privateKeyFromText` reads back (one line, fit for an env var). */
export const privateKeyToText = (privateKey: KeyObject): string =>
  (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');

// ---------------------------------------------------------------------------------------------------
// Signatures

export function signBytes(bytes: Uint8Array, privateKey: KeyObject): Uint8Array {
  assertEd25519(privateKey, 'signing key');
  return new Uint8Array(sign(null, bytes, privateKey));
}

/** Never throws: a malformed key or signature is simply not valid. */
export function verifyBytes(bytes: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  try {
    if (publicKey.asymmetricKeyType !== 'ed25519' || signature.length !== 64) return false;
    return verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Checkpoints

const ROOT_HASH = /^[0-9a-f]{64}$/;
const KEY_ID = ROOT_HASH;
const RFC3339_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

function isRfc3339Utc(text: string): boolean {
  const match = RFC3339_UTC.exec(text);
  if (!match) return false;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/** What is wrong with the checkpoint's fields, or undefined when they are well formed. */
export function checkpointFieldProblem(cp: unknown): string | undefined {
  if (typeof cp !== 'object' || cp === null || Array.isArray(cp)) return 'checkpoint is not an object';
  const { log, treeSize, rootHash, timestamp } = cp as Record<string, unknown>;
  if (typeof log !== 'string' || log.length === 0) return 'log must be a non-empty string';
  if (typeof treeSize !== 'number' || !Number.isSafeInteger(treeSize) || treeSize < 0) {
    return 'treeSize must be a non-negative integer';
  }
  if (typeof rootHash !== 'string' || !ROOT_HASH.test(rootHash)) return 'rootHash must be 64 lowercase hex digits';
  if (typeof timestamp !== 'string' || !isRfc3339Utc(timestamp)) return 'timestamp must be an RFC 3339 UTC time';
  return undefined;
}

/** The signed message: JCS bytes of exactly { log, treeSize, rootHash, timestamp }. */
export function checkpointMessage(cp: Checkpoint): Uint8Array {
  const problem = checkpointFieldProblem(cp);
  if (problem) throw new TypeError(`invalid checkpoint: ${problem}`);
  const { log, treeSize, rootHash, timestamp } = cp;
  return canonicalBytes({ log, treeSize, rootHash, timestamp });
}

export function signCheckpoint(cp: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  const message = checkpointMessage(cp);
  const { log, treeSize, rootHash, timestamp } = cp;
  const signature = toBase64(signBytes(message, privateKey));
  return { log, treeSize, rootHash, timestamp, keyId: keyIdOf(privateKey), signature };
}

/** Why the signed checkpoint does not verify under `publicKey`, or undefined when it does. Never throws. */
export function checkpointProblem(signed: unknown, publicKey: KeyObject): string | undefined {
  const fieldProblem = checkpointFieldProblem(signed);
  if (fieldProblem) return fieldProblem;
  const { keyId, signature } = signed as Record<string, unknown>;
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) return 'keyId must be 64 lowercase hex digits';
  let expectedKeyId: string;
  try {
    expectedKeyId = keyIdOf(publicKey);
  } catch {
    return 'the public key is not an Ed25519 key';
  }
  if (keyId !== expectedKeyId) return `keyId ${keyId} is not the id of the public key (${expectedKeyId})`;
  let signatureBytes: Uint8Array;
  try {
    signatureBytes = fromBase64(signature as string);
  } catch {
    return 'signature is not base64';
  }
  if (!verifyBytes(checkpointMessage(signed as Checkpoint), signatureBytes, publicKey)) {
    return 'Ed25519 signature does not verify';
  }
  return undefined;
}

export const verifyCheckpoint = (signed: SignedCheckpoint, publicKey: KeyObject): boolean =>
  checkpointProblem(signed, publicKey) === undefined;
