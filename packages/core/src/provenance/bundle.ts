import { keyIdOf, SIGNATURE_ALGORITHM, toBase64, checkpointFieldProblem, type SignedCheckpoint } from './checkpoint';
import { bundleReadme } from './bundle.readme';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  RESERVED_BUNDLE_NAMES,
  type BundleInput,
  type BundleManifest,
  type BundleSubject,
} from './bundle.format';
import { writeBundleZip, type ZipEntry } from './bundle.zip';
import { sha256Hex, toHex } from './merkle';

export * from './bundle.format';
export { verifyBundle } from './bundle.verify';

/**
 * The evidence bundle: a ZIP a customs officer can check offline (README.md inside says how, by hand).
 * `buildBundle` packages what the log stored, as stored: it does not judge the events, so a tampered
 * database yields a bundle that fails verification instead of a bundle that hides the tampering.
 * `verifyBundle` (bundle.verify.ts) is the judge, and never throws on hostile input.
 */

const utf8 = new TextEncoder();
const jsonFile = (value: unknown) => utf8.encode(`${JSON.stringify(value, null, 2)}\n`);
const ATTACHMENT_PATH = /^(?!.*\/\/)[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** ZIP entries carry a DOS date (1980–2099); the checkpoint's time is the natural one to show. */
function zipTime(timestamp: string): Date {
  const date = new Date(timestamp);
  const year = date.getUTCFullYear();
  return year >= 1981 && year <= 2098 ? date : new Date('1981-01-01T00:00:00Z');
}

/** Writes the manifest over `files` (everything but manifest.json and manifest.sig), signs it, zips it all. */
export function assembleBundle(
  files: readonly ZipEntry[],
  subject: BundleSubject,
  checkpoint: SignedCheckpoint,
  sign: (bytes: Uint8Array) => Uint8Array,
): Uint8Array {
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    subject,
    checkpoint,
    files: files.map(({ name, bytes }) => ({ path: name, sha256: sha256Hex(bytes), size: bytes.length })),
  };
  const manifestBytes = jsonFile(manifest);
  const signature = sign(manifestBytes);
  if (!(signature instanceof Uint8Array) || signature.length !== 64) {
    throw new TypeError('sign must return a raw 64-byte Ed25519 signature');
  }
  const entries = [
    ...files,
    { name: BUNDLE_FILES.manifest, bytes: manifestBytes },
    { name: BUNDLE_FILES.signature, bytes: signature },
  ];
  return writeBundleZip(entries, zipTime(checkpoint.timestamp));
}

function assertBundleInput(input: BundleInput): void {
  const problem = checkpointFieldProblem(input.checkpoint);
  if (problem) throw new TypeError(`bundle checkpoint: ${problem}`);
  if (!(input.publicKeyRaw instanceof Uint8Array) || input.publicKeyRaw.length !== 32) {
    throw new TypeError('publicKeyRaw must be the 32 raw bytes of an Ed25519 public key');
  }
  const { kind, id, label } = input.subject;
  if (!kind?.trim() || !id?.trim() || (label !== undefined && typeof label !== 'string')) {
    throw new TypeError('subject needs a non-empty kind and id (and label, if given, a string)');
  }
  const seen = new Set<string>();
  for (const { path } of input.attachments ?? []) {
    if (
      !ATTACHMENT_PATH.test(path) ||
      RESERVED_BUNDLE_NAMES.has(path) ||
      seen.has(path) ||
      path.split('/').includes('..')
    ) {
      throw new TypeError(
        `attachment path ${JSON.stringify(path)} is not a unique relative path of [A-Za-z0-9._-] segments`,
      );
    }
    seen.add(path);
  }
  const indices = new Set<number>();
  for (const { leafIndex } of input.events) {
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0)
      throw new TypeError(`leafIndex ${leafIndex} is not an index`);
    if (indices.has(leafIndex)) throw new TypeError(`leaf ${leafIndex} appears twice`);
    indices.add(leafIndex);
  }
}

/** Builds the evidence bundle ZIP (layout: README.md inside, and BUNDLE_FILES). */
export function buildBundle(input: BundleInput): Uint8Array {
  assertBundleInput(input);
  const { checkpoint, subject } = input;
  const events = [...input.events].sort((a, b) => a.leafIndex - b.leafIndex);
  const attachments = input.attachments ?? [];
  const { log, treeSize, rootHash, timestamp, keyId, signature } = checkpoint;
  const signed: SignedCheckpoint = { log, treeSize, rootHash, timestamp, keyId, signature };
  const proofLines = events.map(({ leafIndex, proof }) =>
    JSON.stringify({ leafIndex, treeSize, hashes: proof.map(toHex) }),
  );
  const files: ZipEntry[] = [
    {
      name: BUNDLE_FILES.readme,
      bytes: utf8.encode(
        bundleReadme({
          subject,
          log,
          treeSize,
          rootHash,
          timestamp,
          keyId: keyIdOf(input.publicKeyRaw),
          eventCount: events.length,
          attachments: attachments.map((a) => a.path),
        }),
      ),
    },
    { name: BUNDLE_FILES.events, bytes: concat(events.flatMap(({ canonical }) => [canonical, utf8.encode('\n')])) },
    { name: BUNDLE_FILES.proofs, bytes: utf8.encode(proofLines.length ? `[\n${proofLines.join(',\n')}\n]\n` : '[]\n') },
    { name: BUNDLE_FILES.checkpoint, bytes: jsonFile(signed) },
    {
      name: BUNDLE_FILES.publicKey,
      bytes: jsonFile({
        algorithm: SIGNATURE_ALGORITHM,
        keyId: keyIdOf(input.publicKeyRaw),
        publicKey: toBase64(input.publicKeyRaw),
      }),
    },
    ...attachments.map(({ path, bytes }) => ({ name: path, bytes })),
  ];
  return assembleBundle(files, subject, signed, input.sign);
}
