import { type KeyObject } from 'node:crypto';
import { canonicalBytes } from './canonical';
import { generateSigningKey, publicKeyToRaw, signBytes, signCheckpoint, type SignedCheckpoint } from './checkpoint';
import {
  assembleBundle,
  BUNDLE_FILES,
  buildBundle,
  type BundleInput,
  type BundleManifest,
  type BundleSubject,
} from './bundle';
import { readBundleZip, writeBundleZip, type ZipEntry } from './bundle.zip';
import { MemoryTree, toHex } from './merkle';

/** Test support: a small signed log of EPCIS-shaped events, and ways to take bundles apart and re-sign them. */

const utf8 = new TextEncoder();
const decoder = new TextDecoder();

/** An event with the shapes the tamper tests need: booleans, numbers, Chinese text, empty arrays and objects. */
export function sampleEvent(i: number): Record<string, unknown> {
  const kinds = ['ObjectEvent', 'AggregationEvent', 'TransactionEvent'] as const;
  return {
    type: kinds[i % kinds.length],
    eventTime: new Date(Date.UTC(2026, 10, 1, 8, 0, i)).toISOString(),
    eventTimeZoneOffset: '+08:00',
    action: i % 5 === 0 ? 'ADD' : 'OBSERVE',
    bizStep: ['accepting', 'packing', 'shipping'][i % 3],
    epcList: i % 4 === 0 ? [] : [`urn:epc:id:sgtin:6901234.00${i % 10}.${1000 + i}`],
    quantityList: [{ epcClass: `urn:baigou:hs:420212${i % 100}`, quantity: 12.5 + i, uom: 'KGM' }],
    bizTransactionList: i % 3 === 0 ? [] : [{ type: 'po', bizTransaction: `urn:baigou:tx:${i}` }],
    readPoint: { id: 'urn:baigou:market:baigou-luggage' },
    'baigou:priceCheck': { flagged: i % 2 === 0, deviationPct: (i % 7) - 3.25, libraryVersion: 3 },
    'baigou:merchant': { uscc: `91130600MA0${String(i).padStart(7, '0')}`, name: `白沟箱包商户${i}号` },
    'baigou:ext': {},
    'baigou:declared': i % 6 === 0 ? null : true,
  };
}

export type TestLog = {
  tree: MemoryTree;
  events: Uint8Array[];
  checkpoint: SignedCheckpoint;
  privateKey: KeyObject;
  publicKey: KeyObject;
  sign: (bytes: Uint8Array) => Uint8Array;
};

export function createTestLog(size: number, key = generateSigningKey()): TestLog {
  const tree = new MemoryTree();
  const events = Array.from({ length: size }, (_, i) => canonicalBytes(sampleEvent(i)));
  tree.appendEntries(events);
  const checkpoint = signCheckpoint(
    { log: 'baigou-provenance', treeSize: size, rootHash: toHex(tree.root()), timestamp: '2026-11-26T21:00:00.000Z' },
    key.privateKey,
  );
  return { tree, events, checkpoint, ...key, sign: (bytes) => signBytes(bytes, key.privateKey) };
}

export const testSubject: BundleSubject = { kind: 'declaration', id: '131020261000012345', label: '白沟 1039 报关单' };

export function bundleInput(
  log: TestLog,
  leafIndices: readonly number[],
  extra: Partial<BundleInput> = {},
): BundleInput {
  return {
    events: leafIndices.map((leafIndex) => ({
      leafIndex,
      canonical: log.events[leafIndex]!,
      proof: log.tree.inclusionProof(leafIndex, log.checkpoint.treeSize),
    })),
    checkpoint: log.checkpoint,
    publicKeyRaw: publicKeyToRaw(log.publicKey),
    subject: testSubject,
    attachments: [{ path: 'trace.csv', bytes: utf8.encode('\ufeffleafIndex,type\n') }],
    sign: log.sign,
    ...extra,
  };
}

export const buildTestBundle = (log: TestLog, leafIndices: readonly number[], extra: Partial<BundleInput> = {}) =>
  buildBundle(bundleInput(log, leafIndices, extra));

/** The archive's files by name, in archive order. */
export const unpack = (zip: Uint8Array): Map<string, Uint8Array> =>
  new Map(readBundleZip(zip).map(({ name, bytes }) => [name, bytes]));

const isManifestFile = (name: string) => name === BUNDLE_FILES.manifest || name === BUNDLE_FILES.signature;

/**
 * Re-packs edited files with a freshly computed manifest signed by `sign` (the real key, as an insider
 * with the key would): only the Merkle and checkpoint checks can then catch the edit. The manifest's
 * checkpoint is the (possibly edited) checkpoint.json when it still parses.
 */
export function repackSigned(files: Map<string, Uint8Array>, sign: (bytes: Uint8Array) => Uint8Array): Uint8Array {
  const manifest = JSON.parse(decoder.decode(files.get(BUNDLE_FILES.manifest))) as BundleManifest;
  let checkpoint = manifest.checkpoint;
  try {
    checkpoint = JSON.parse(decoder.decode(files.get(BUNDLE_FILES.checkpoint))) as SignedCheckpoint;
  } catch {
    // An unparseable checkpoint.json keeps the original checkpoint in the manifest.
  }
  const entries: ZipEntry[] = [...files]
    .filter(([name]) => !isManifestFile(name))
    .map(([name, bytes]) => ({ name, bytes }));
  return assembleBundle(entries, manifest.subject, checkpoint, sign);
}

/** Re-packs files as they are, manifest and signature included (an outsider's edit, without the key). */
export const repackAsIs = (files: Map<string, Uint8Array>): Uint8Array =>
  writeBundleZip(
    [...files].map(([name, bytes]) => ({ name, bytes })),
    new Date('2026-11-26T21:00:00.000Z'),
  );

export const text = (bytes: Uint8Array | undefined) => decoder.decode(bytes);
export const bytesOf = (value: string) => utf8.encode(value);
