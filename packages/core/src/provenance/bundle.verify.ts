import type { KeyObject } from 'node:crypto';
import { canonicalString, isCanonical } from './canonical';
import {
  checkpointFieldProblem,
  checkpointProblem,
  fromBase64,
  keyIdOf,
  publicKeyFromRaw,
  SIGNATURE_ALGORITHM,
  verifyBytes,
  type SignedCheckpoint,
} from './checkpoint';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  REQUIRED_BUNDLE_FILES,
  type BundleCheck,
  type BundleManifest,
  type BundleVerification,
} from './bundle.format';
import { readZip, withoutEnclosingFolder } from './bundle.unzip';
import { readBundleZip, type ZipEntry } from './bundle.zip';
import { fromHex, HASH_BYTES, leafHash, sha256Hex, verifyInclusion } from './merkle';

/**
 * Offline verification of an evidence bundle. Every check is reported, passed or failed, under a precise
 * item name ("events.jsonl line 7 (leaf 1234)", "manifest.json: sha256 of proofs.json", …); hostile
 * input never throws, it fails checks.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Checks = {
  list: BundleCheck[];
  pass(item: string): void;
  fail(item: string, problem: string): void;
  /** Records the outcome: a problem string fails the item, undefined passes it. */
  record(item: string, problem: string | undefined): boolean;
};

function createChecks(): Checks {
  const list: BundleCheck[] = [];
  const checks: Checks = {
    list,
    pass: (item) => void list.push({ item, ok: true }),
    fail: (item, problem) => void list.push({ item, ok: false, problem }),
    record: (item, problem) => {
      if (problem === undefined) checks.pass(item);
      else checks.fail(item, problem);
      return problem === undefined;
    },
  };
  return checks;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const HEX64 = /^[0-9a-f]{64}$/;

function parseJson(bytes: Uint8Array | undefined, name: string): { value?: unknown; problem?: string } {
  if (!bytes) return { problem: `${name} is missing` };
  try {
    return { value: JSON.parse(strictUtf8.decode(bytes)) as unknown };
  } catch (error) {
    return { problem: `${name} is not valid UTF-8 JSON: ${messageOf(error)}` };
  }
}

type Key = { keyId: string; publicKey: KeyObject };

function checkPublicKey(files: Map<string, Uint8Array>, checks: Checks, expectedKeyId?: string): Key | undefined {
  const item = `public key (${BUNDLE_FILES.publicKey})`;
  const { value, problem } = parseJson(files.get(BUNDLE_FILES.publicKey), BUNDLE_FILES.publicKey);
  if (problem) return void checks.fail(item, problem);
  if (!isRecord(value) || value.algorithm !== SIGNATURE_ALGORITHM || typeof value.publicKey !== 'string') {
    return void checks.fail(item, `expected {"algorithm": "${SIGNATURE_ALGORITHM}", "keyId", "publicKey"}`);
  }
  let key: Key;
  try {
    const raw = fromBase64(value.publicKey);
    key = { keyId: keyIdOf(raw), publicKey: publicKeyFromRaw(raw) };
  } catch (error) {
    return void checks.fail(item, `publicKey is not a base64 raw Ed25519 key: ${messageOf(error)}`);
  }
  if (value.keyId !== key.keyId) {
    return void checks.fail(item, `keyId ${String(value.keyId)} is not SHA-256 of the key (${key.keyId})`);
  }
  checks.pass(item);
  if (expectedKeyId !== undefined) {
    const expected = expectedKeyId.toLowerCase();
    // A mismatch fails the bundle; the other checks still run with the bundled key, to say what else holds.
    checks.record(
      'public key: the expected key id',
      expected === key.keyId ? undefined : `bundle is signed by key ${key.keyId}, not ${expected}`,
    );
  }
  return key;
}

function manifestShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'not a JSON object';
  if (value.format !== BUNDLE_FORMAT) return `format is not "${BUNDLE_FORMAT}"`;
  const subject = value.subject;
  if (!isRecord(subject) || typeof subject.kind !== 'string' || typeof subject.id !== 'string')
    return 'subject must be {kind, id}';
  if (subject.label !== undefined && typeof subject.label !== 'string') return 'subject.label must be a string';
  if (!isRecord(value.checkpoint)) return 'checkpoint missing';
  if (!Array.isArray(value.files)) return 'files must be an array';
  for (const [i, file] of value.files.entries()) {
    const ok =
      isRecord(file) &&
      typeof file.path === 'string' &&
      typeof file.sha256 === 'string' &&
      HEX64.test(file.sha256) &&
      Number.isSafeInteger(file.size);
    if (!ok) return `files[${i}] must be {path, sha256 (64 lowercase hex), size}`;
  }
  return undefined;
}

function checkManifest(
  files: Map<string, Uint8Array>,
  key: Key | undefined,
  checks: Checks,
): BundleManifest | undefined {
  const manifestBytes = files.get(BUNDLE_FILES.manifest);
  const signature = files.get(BUNDLE_FILES.signature);
  const sigItem = `${BUNDLE_FILES.signature}: signature over ${BUNDLE_FILES.manifest}`;
  if (!manifestBytes || !signature) {
    checks.fail(sigItem, `${!manifestBytes ? BUNDLE_FILES.manifest : BUNDLE_FILES.signature} is missing`);
  } else if (!key) {
    checks.fail(sigItem, 'no usable public key to check it with');
  } else {
    checks.record(
      sigItem,
      verifyBytes(manifestBytes, signature, key.publicKey) ? undefined : 'Ed25519 signature does not verify',
    );
  }
  const { value, problem } = parseJson(manifestBytes, BUNDLE_FILES.manifest);
  const shapeProblem = problem ?? manifestShapeProblem(value);
  checks.record(`${BUNDLE_FILES.manifest}: format`, shapeProblem);
  return shapeProblem ? undefined : (value as BundleManifest);
}

function checkFileHashes(files: Map<string, Uint8Array>, manifest: BundleManifest, checks: Checks): void {
  const listed = new Set<string>();
  for (const { path, sha256, size } of manifest.files) {
    const item = `${BUNDLE_FILES.manifest}: sha256 of ${path}`;
    const bytes = files.get(path);
    let problem: string | undefined;
    if (listed.has(path)) problem = 'listed twice';
    else if (path === BUNDLE_FILES.manifest || path === BUNDLE_FILES.signature)
      problem = 'the manifest cannot list itself or its signature';
    else if (!bytes) problem = 'file is missing from the archive';
    else if (bytes.length !== size) problem = `size is ${bytes.length}, manifest says ${size}`;
    else if (sha256Hex(bytes) !== sha256) problem = `sha256 is ${sha256Hex(bytes)}, manifest says ${sha256}`;
    checks.record(item, problem);
    listed.add(path);
  }
  for (const path of REQUIRED_BUNDLE_FILES) {
    if (!listed.has(path)) checks.fail(`${BUNDLE_FILES.manifest}: sha256 of ${path}`, 'required file is not listed');
  }
  for (const name of files.keys()) {
    if (!listed.has(name) && name !== BUNDLE_FILES.manifest && name !== BUNDLE_FILES.signature) {
      checks.fail(`archive: unlisted file ${name}`, 'not in the signed manifest');
    }
  }
}

function checkCheckpoint(
  files: Map<string, Uint8Array>,
  key: Key | undefined,
  manifest: BundleManifest | undefined,
  checks: Checks,
): SignedCheckpoint | undefined {
  const item = 'checkpoint signature';
  const { value, problem } = parseJson(files.get(BUNDLE_FILES.checkpoint), BUNDLE_FILES.checkpoint);
  if (problem) return void checks.fail(item, problem);
  if (manifest) {
    let same: boolean;
    try {
      same = canonicalString(value) === canonicalString(manifest.checkpoint);
    } catch {
      same = false;
    }
    checks.record(
      `${BUNDLE_FILES.manifest}: checkpoint equals ${BUNDLE_FILES.checkpoint}`,
      same ? undefined : 'they differ',
    );
  }
  const fieldProblem = checkpointFieldProblem(value);
  if (fieldProblem) return void checks.fail(item, fieldProblem);
  checks.record(item, key ? checkpointProblem(value, key.publicKey) : 'no usable public key to check it with');
  return value as SignedCheckpoint;
}

type ProofLine = { leafIndex: number; treeSize: number; hashes: string[] };

function parseProofs(files: Map<string, Uint8Array>, checks: Checks): ProofLine[] | undefined {
  const item = BUNDLE_FILES.proofs;
  const { value, problem } = parseJson(files.get(item), item);
  if (problem) return void checks.fail(item, problem);
  if (!Array.isArray(value)) return void checks.fail(item, 'not a JSON array');
  for (const [i, proof] of value.entries()) {
    const ok =
      isRecord(proof) &&
      Number.isSafeInteger(proof.leafIndex) &&
      Number.isSafeInteger(proof.treeSize) &&
      Array.isArray(proof.hashes) &&
      proof.hashes.every((hash) => typeof hash === 'string' && HEX64.test(hash));
    if (!ok) return void checks.fail(item, `entry ${i + 1} must be {leafIndex, treeSize, hashes: [64 lowercase hex]}`);
  }
  checks.pass(item);
  return value as ProofLine[];
}

function splitLines(bytes: Uint8Array): Uint8Array[] | string {
  if (bytes.length === 0) return [];
  if (bytes[bytes.length - 1] !== 0x0a) return 'the last line does not end with a newline';
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return lines;
}

function eventProblem(
  line: Uint8Array,
  proof: ProofLine,
  previous: number,
  checkpoint: SignedCheckpoint | undefined,
): string | undefined {
  if (line.length === 0) return 'empty line';
  if (!isCanonical(line)) return 'not RFC 8785 canonical JSON (the stored bytes were altered or re-serialised)';
  if (proof.leafIndex <= previous)
    return `leaf index ${proof.leafIndex} does not follow ${previous} (indices must increase strictly)`;
  if (!checkpoint) return 'no valid checkpoint to check the proof against';
  if (proof.treeSize !== checkpoint.treeSize)
    return `proof is for tree size ${proof.treeSize}, checkpoint is ${checkpoint.treeSize}`;
  const hashes = proof.hashes.map(fromHex);
  const root = fromHex(checkpoint.rootHash);
  if (root.length !== HASH_BYTES || !verifyInclusion(leafHash(line), proof.leafIndex, proof.treeSize, hashes, root)) {
    return `inclusion proof does not lead to the checkpoint root (RFC 9162 §2.1.3.2)`;
  }
  return undefined;
}

function checkEvents(files: Map<string, Uint8Array>, checkpoint: SignedCheckpoint | undefined, checks: Checks): void {
  const eventsBytes = files.get(BUNDLE_FILES.events);
  if (!eventsBytes) return void checks.fail(BUNDLE_FILES.events, 'missing');
  const lines = splitLines(eventsBytes);
  if (typeof lines === 'string') return void checks.fail(BUNDLE_FILES.events, lines);
  checks.pass(BUNDLE_FILES.events);
  const proofs = parseProofs(files, checks);
  if (!proofs) return;
  checks.record(
    `${BUNDLE_FILES.events} / ${BUNDLE_FILES.proofs}: count`,
    lines.length === proofs.length ? undefined : `${lines.length} event line(s) but ${proofs.length} proof(s)`,
  );
  let previous = -1;
  for (let i = 0; i < Math.min(lines.length, proofs.length); i++) {
    const proof = proofs[i]!;
    const item = `${BUNDLE_FILES.events} line ${i + 1} (leaf ${proof.leafIndex})`;
    checks.record(item, eventProblem(lines[i]!, proof, previous, checkpoint));
    previous = Math.max(previous, proof.leafIndex);
  }
}

function verifyEntries(entries: ZipEntry[], opts: { expectedKeyId?: string }, checks: Checks): BundleVerification {
  const files = new Map(entries.map(({ name, bytes }) => [name, bytes]));
  const key = checkPublicKey(files, checks, opts.expectedKeyId);
  const manifest = checkManifest(files, key, checks);
  if (manifest) checkFileHashes(files, manifest, checks);
  const checkpoint = checkCheckpoint(files, key, manifest, checks);
  checkEvents(files, checkpoint, checks);
  return {
    ok: checks.list.every((check) => check.ok),
    keyId: key?.keyId,
    treeSize: checkpoint?.treeSize,
    subject: manifest?.subject,
    checks: checks.list,
  };
}

/**
 * The archive's files. A bundle as the platform wrote it passes as 'zip archive'; any other readable
 * ZIP (unzipped and zipped again by the recipient, say) passes under a longer item that says so,
 * because its files are what the signed manifest covers; one that cannot be read fails, saying why.
 */
function readArchive(zip: Uint8Array, checks: Checks): ZipEntry[] | undefined {
  let strictProblem: string;
  try {
    const entries = readBundleZip(zip);
    checks.pass('zip archive');
    return entries;
  } catch (error) {
    strictProblem = messageOf(error);
  }
  try {
    const entries = withoutEnclosingFolder(readZip(zip), BUNDLE_FILES.manifest);
    checks.pass(`zip archive (re-packed, not as the platform wrote it: ${strictProblem}; its files are checked below)`);
    return entries;
  } catch (error) {
    checks.fail('zip archive', `not a readable zip archive: ${messageOf(error)}`);
    return undefined;
  }
}

/** Checks an evidence bundle completely, offline. Never throws: every problem is a failed check. */
export function verifyBundle(zip: Uint8Array, opts: { expectedKeyId?: string } = {}): BundleVerification {
  const checks = createChecks();
  const entries = readArchive(zip, checks);
  if (!entries) return { ok: false, checks: checks.list };
  try {
    return verifyEntries(entries, opts, checks);
  } catch (error) {
    checks.fail('verifier', `unexpected error: ${messageOf(error)}`);
    return { ok: false, checks: checks.list };
  }
}
