import { randomInt } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, buildBundle, verifyBundle, type BundleVerification } from './bundle';
import { bundleInput, bytesOf, createTestLog, repackAsIs, repackSigned, text, unpack } from './bundle.testing';
import { readZip } from './bundle.unzip';
import type { ZipEntry } from './bundle.zip';
import { canonicalBytes } from './canonical';
import { toHex } from './merkle';
import { mulberry32 } from '../shared/random';

/**
 * Seeded random tampering: every mutation of the stored events or of a finished bundle must be caught.
 * Replay a failure with TAMPER_SEED=<seed printed below> npx vitest run <this file>.
 */

const seed = process.env.TAMPER_SEED === undefined ? randomInt(2 ** 32) : Number(process.env.TAMPER_SEED);
if (!Number.isSafeInteger(seed) || seed < 0)
  throw new Error(`TAMPER_SEED must be a non-negative integer, got ${process.env.TAMPER_SEED}`);
console.log(`bundle tamper test: TAMPER_SEED=${seed}`);

type Random = { int(below: number): number; pick<T>(items: readonly T[]): T };

/** mulberry32, seeded per family so each test replays on its own. */
function random(family: number): Random {
  const next = mulberry32(seed ^ Math.imul(family + 1, 0x9e3779b9));
  return { int: (below) => Math.floor(next() * below), pick: (items) => items[Math.floor(next() * items.length)]! };
}

const log = createTestLog(300);

function leafSet(rng: Random): number[] {
  const chosen = new Set<number>();
  const count = 2 + rng.int(14);
  while (chosen.size < count) chosen.add(rng.int(log.checkpoint.treeSize));
  return [...chosen].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------
// Mutations of one event's JSON (semantic) and of its bytes

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Slot = { container: Json[] | { [key: string]: Json }; key: string | number; path: string };

function slotsOf(value: Json, path = '$', out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach(
      (child, i) => (
        out.push({ container: value, key: i, path: `${path}[${i}]` }),
        slotsOf(child, `${path}[${i}]`, out)
      ),
    );
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push({ container: value, key, path: `${path}.${key}` });
      slotsOf(child, `${path}.${key}`, out);
    }
  }
  return out;
}
const containersOf = (
  value: Json,
  path = '$',
  out: { node: Json[] | { [key: string]: Json }; path: string }[] = [],
) => {
  if (value !== null && typeof value === 'object') {
    out.push({ node: value, path });
    for (const [key, child] of Object.entries(value)) containersOf(child, `${path}.${key}`, out);
  }
  return out;
};
const read = (slot: Slot): Json => (slot.container as Record<string | number, Json>)[slot.key]!;
const write = (slot: Slot, value: Json) => ((slot.container as Record<string | number, Json>)[slot.key] = value);

/** Each returns a description, or undefined when it does not apply to the chosen spot. */
const jsonMutations: ((root: Json, rng: Random) => string | undefined)[] = [
  (root, rng) => {
    const { node, path } = rng.pick(containersOf(root));
    const empty: Json = rng.int(2) ? [] : {};
    if (Array.isArray(node)) node.splice(rng.int(node.length + 1), 0, empty);
    else node[`x${rng.int(3)}`] = empty;
    return `insert ${JSON.stringify(empty)} into ${path}`;
  },
  (root, rng) => {
    const slot = rng.pick(slotsOf(root));
    const value = read(slot);
    if (typeof value === 'boolean' || value === null)
      return (write(slot, String(value)), `${slot.path}: ${value} → "${value}"`);
    if (typeof value === 'number') return (write(slot, String(value)), `${slot.path}: ${value} → "${value}"`);
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      return (write(slot, Number(value)), `${slot.path}: "${value}" → ${Number(value)}`);
    }
    return undefined;
  },
  (root, rng) => {
    const slot = rng.pick(slotsOf(root));
    const value = read(slot);
    const replacement: Json = rng.int(2) ? [] : {};
    if (JSON.stringify(value) === JSON.stringify(replacement)) return undefined;
    write(slot, replacement);
    return `${slot.path}: replaced by ${JSON.stringify(replacement)}`;
  },
  (root, rng) => {
    const slot = rng.pick(slotsOf(root));
    if (Array.isArray(slot.container)) slot.container.splice(slot.key as number, 1);
    else delete slot.container[slot.key as string];
    return `${slot.path}: removed`;
  },
  (root, rng) => {
    const slot = rng.pick(slotsOf(root));
    const value = read(slot);
    if (typeof value === 'number') return (write(slot, value + 1), `${slot.path}: ${value} → ${value + 1}`);
    if (typeof value === 'string') return (write(slot, `${value}·`), `${slot.path}: appended a character`);
    if (typeof value === 'boolean') return (write(slot, !value), `${slot.path}: ${value} → ${!value}`);
    return undefined;
  },
  (root, rng) => {
    const arrays = containersOf(root).filter(({ node }) => Array.isArray(node) && node.length >= 2);
    if (arrays.length === 0) return undefined;
    const { node, path } = rng.pick(arrays) as { node: Json[]; path: string };
    node.reverse();
    return `${path}: order reversed`;
  },
];

function mutateEventJson(canonical: Uint8Array, rng: Random): { bytes: Uint8Array; what: string } {
  for (;;) {
    const root = JSON.parse(text(canonical)) as Json;
    const what = rng.pick(jsonMutations)(root, rng);
    if (what) return { bytes: canonicalBytes(root), what };
  }
}

function mutateEventBytes(canonical: Uint8Array, rng: Random): { bytes: Uint8Array; what: string } {
  const bytes = Array.from(canonical);
  const at = rng.int(bytes.length);
  switch (rng.int(4)) {
    case 0:
      bytes[at] = bytes[at]! ^ (1 + rng.int(255));
      return { bytes: Uint8Array.from(bytes), what: `byte ${at} changed` };
    case 1:
      bytes.splice(at, 0, 0x20);
      return { bytes: Uint8Array.from(bytes), what: `space inserted at ${at}` };
    case 2:
      bytes.splice(at, 1);
      return { bytes: Uint8Array.from(bytes), what: `byte ${at} deleted` };
    default:
      bytes.splice(at, 0, bytes[at]!);
      return { bytes: Uint8Array.from(bytes), what: `byte ${at} doubled` };
  }
}

const mutateEvent = (canonical: Uint8Array, rng: Random) =>
  rng.int(10) < 7 ? mutateEventJson(canonical, rng) : mutateEventBytes(canonical, rng);

// ---------------------------------------------------------------------------------------------------
// Book-keeping: every attempted mutation is caught or (identical bytes only) skipped

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(b);
const sameFiles = (a: ZipEntry[], b: ZipEntry[]) =>
  a.length === b.length && a.every((entry, i) => entry.name === b[i]!.name && sameBytes(entry.bytes, b[i]!.bytes));
const failedItems = (result: BundleVerification) =>
  result.checks.filter((check) => !check.ok).map((check) => check.item);
/** A failure the manifest alone cannot explain: the log's own evidence (Merkle proofs, checkpoint) objected. */
const isLogCheck = (item: string) =>
  !item.startsWith('manifest') && !item.startsWith('archive:') && item !== 'zip archive';

const totals = { attempted: 0, caught: 0, skipped: 0 };

function tally(family: string) {
  const missed: string[] = [];
  const counts = { attempted: 0, caught: 0, skipped: 0 };
  return {
    counts,
    missed,
    skip() {
      counts.attempted++;
      counts.skipped++;
    },
    judge(index: number, what: string, result: BundleVerification, mustFail?: (items: string[]) => boolean) {
      counts.attempted++;
      const items = failedItems(result);
      if (!result.ok && (!mustFail || mustFail(items))) counts.caught++;
      else
        missed.push(
          `TAMPER_SEED=${seed} ${family} #${index}: ${what} → ok=${result.ok}, failed: ${items.join('; ') || 'nothing'}`,
        );
    },
    finish(minimum: number) {
      totals.attempted += counts.attempted;
      totals.caught += counts.caught;
      totals.skipped += counts.skipped;
      expect(missed, `TAMPER_SEED=${seed}`).toEqual([]);
      expect(counts.caught + counts.skipped, `TAMPER_SEED=${seed}`).toBe(counts.attempted);
      expect(counts.caught, `TAMPER_SEED=${seed}: too many identical mutations`).toBeGreaterThanOrEqual(minimum);
    },
  };
}

afterAll(() => {
  console.log(
    `bundle tamper test: TAMPER_SEED=${seed}: ${totals.caught} caught, ${totals.skipped} skipped as identical, of ${totals.attempted}`,
  );
});

// ---------------------------------------------------------------------------------------------------

type Proof = { leafIndex: number; treeSize: number; hashes: string[] };
type Files = Map<string, Uint8Array>;
const linesOf = (files: Files) => text(files.get(BUNDLE_FILES.events)).split('\n').slice(0, -1);
const setLines = (files: Files, lines: string[]) =>
  files.set(BUNDLE_FILES.events, bytesOf(lines.map((line) => `${line}\n`).join('')));
const proofsOf = (files: Files) => JSON.parse(text(files.get(BUNDLE_FILES.proofs))) as Proof[];
const setProofs = (files: Files, proofs: Proof[]) => files.set(BUNDLE_FILES.proofs, bytesOf(JSON.stringify(proofs)));
const otherHex = (hex: string, rng: Random) => {
  const at = rng.int(hex.length);
  const digit = rng.pick([...'0123456789abcdef'].filter((d) => d !== hex[at]));
  return hex.slice(0, at) + digit + hex.slice(at + 1);
};
const swap = <T>(items: T[], i: number, j: number) => ([items[i], items[j]] = [items[j]!, items[i]!]);

/** Edits of a finished bundle by an insider who re-signs the manifest; each returns what it did. */
const bundleEdits: ((files: Files, rng: Random) => string | undefined)[] = [
  (files, rng) => {
    const lines = linesOf(files);
    const i = rng.int(lines.length);
    const { bytes, what } = mutateEvent(bytesOf(lines[i]!), rng);
    lines[i] = text(bytes);
    setLines(files, lines);
    return `events line ${i + 1}: ${what}`;
  },
  (files, rng) => {
    const lines = linesOf(files);
    const i = rng.int(lines.length);
    lines.splice(i, 1);
    setLines(files, lines);
    return `events line ${i + 1} deleted`;
  },
  (files, rng) => {
    const lines = linesOf(files);
    const proofs = proofsOf(files);
    if (lines.length < 2) return undefined;
    const i = rng.int(lines.length);
    const j = (i + 1 + rng.int(lines.length - 1)) % lines.length;
    swap(lines, i, j);
    setLines(files, lines);
    if (rng.int(2)) {
      swap(proofs, i, j);
      setProofs(files, proofs);
      return `events lines and proofs ${i + 1} ↔ ${j + 1} reordered`;
    }
    return `events lines ${i + 1} ↔ ${j + 1} reordered`;
  },
  (files, rng) => {
    const lines = linesOf(files);
    const proofs = proofsOf(files);
    const i = rng.int(lines.length);
    lines.splice(i, 0, lines[i]!);
    proofs.splice(i, 0, proofs[i]!);
    setLines(files, lines);
    setProofs(files, proofs);
    return `events line and proof ${i + 1} duplicated`;
  },
  (files, rng) => {
    const proofs = proofsOf(files);
    const proof = rng.pick(proofs);
    const was = JSON.stringify(proof);
    switch (rng.int(5)) {
      case 0:
        if (proof.hashes.length === 0) return undefined;
        proof.hashes[rng.int(proof.hashes.length)] = otherHex(rng.pick(proof.hashes), rng);
        break;
      case 1:
        proof.leafIndex = rng.pick([
          proof.leafIndex + 1,
          proof.leafIndex - 1,
          rng.int(300),
          proof.leafIndex + 2 ** rng.int(9),
        ]);
        break;
      case 2:
        proof.treeSize = rng.pick([proof.treeSize + 1, proof.treeSize - 1, rng.int(600)]);
        break;
      case 3:
        if (proof.hashes.length === 0) return undefined;
        proof.hashes.splice(rng.int(proof.hashes.length), 1);
        break;
      default:
        proof.hashes.splice(rng.int(proof.hashes.length + 1), 0, toHex(log.tree.root(1 + rng.int(300))));
    }
    // A random index or size can land on the value it replaces: the proof is then unchanged, only reformatted.
    if (JSON.stringify(proof) === was) return undefined;
    setProofs(files, proofs);
    return `proof of leaf ${proof.leafIndex} edited`;
  },
  (files, rng) => {
    const proofs = proofsOf(files);
    proofs.splice(rng.int(proofs.length), 1);
    setProofs(files, proofs);
    return 'a proof deleted';
  },
  (files, rng) => {
    const checkpoint = JSON.parse(text(files.get(BUNDLE_FILES.checkpoint))) as Record<string, unknown>;
    const fields = ['log', 'treeSize', 'rootHash', 'timestamp', 'keyId', 'signature'];
    const a = rng.pick(fields);
    const b = rng.pick(fields.filter((field) => field !== a));
    if (rng.int(2)) {
      [checkpoint[a], checkpoint[b]] = [checkpoint[b], checkpoint[a]];
    } else {
      const values: Record<string, unknown> = {
        log: 'baigou-provenance-test',
        treeSize: (checkpoint.treeSize as number) + rng.pick([-1, 1, 100]),
        rootHash: toHex(log.tree.root(1 + rng.int(299))),
        timestamp: '2026-11-26T21:00:01.000Z',
        keyId: otherHex(checkpoint.keyId as string, rng),
        signature: Buffer.from(log.sign(bytesOf('another message'))).toString('base64'),
      };
      checkpoint[a] = values[a];
      files.set(BUNDLE_FILES.checkpoint, bytesOf(JSON.stringify(checkpoint)));
      return `checkpoint ${a} changed`;
    }
    files.set(BUNDLE_FILES.checkpoint, bytesOf(JSON.stringify(checkpoint)));
    return `checkpoint ${a} ↔ ${b} swapped`;
  },
];

/** Edits by an outsider without the key: the manifest signature or hashes must catch them. */
const unsignedEdits: ((files: Files, rng: Random) => string)[] = [
  (files, rng) => {
    const name = rng.pick([...files.keys()]);
    const bytes = Uint8Array.from(files.get(name)!);
    if (bytes.length === 0) return (files.set(name, bytesOf(' ')), `${name}: a byte added`);
    bytes[rng.int(bytes.length)]! ^= 1 + rng.int(255);
    files.set(name, bytes);
    return `${name}: a byte changed`;
  },
  (files, rng) => {
    const name = rng.pick([...files.keys()]);
    files.delete(name);
    return `${name} deleted`;
  },
  (files, rng) => {
    files.set(rng.pick(['extra.txt', 'events.jsonl.bak', 'epcis.jsonld']), bytesOf('{}'));
    return 'a file added';
  },
];

describe(`tampering caught by the offline verifier (TAMPER_SEED=${seed})`, () => {
  it('catches events altered in the database before bundling, through their proofs', () => {
    const rng = random(1);
    const count = tally('stored event');
    for (let n = 0; n < 400; n++) {
      const leaves = leafSet(rng);
      const input = bundleInput(log, leaves);
      const position = rng.int(leaves.length);
      const target = input.events[position]!;
      const { bytes, what } = mutateEvent(target.canonical, rng);
      if (sameBytes(bytes, target.canonical)) {
        count.skip();
        continue;
      }
      input.events = input.events.map((event, i) => (i === position ? { ...event, canonical: bytes } : event));
      const item = `events.jsonl line ${position + 1} (leaf ${target.leafIndex})`;
      count.judge(
        n,
        `leaf ${target.leafIndex}: ${what}`,
        verifyBundle(buildBundle(input)),
        (items) => items.includes(item) || items.includes('events.jsonl / proofs.json: count'),
      );
    }
    count.finish(350);
  });

  it('catches byte flips anywhere in a bundle', () => {
    const rng = random(2);
    const count = tally('byte flip');
    const bundles = Array.from({ length: 10 }, () => buildBundle(bundleInput(log, leafSet(rng))));
    for (let n = 0; n < 300; n++) {
      const original = rng.pick(bundles);
      const zip = Uint8Array.from(original);
      const flips = 1 + rng.int(3);
      for (let f = 0; f < flips; f++) zip[rng.int(zip.length)]! ^= 1 + rng.int(255);
      if (sameBytes(zip, original)) {
        count.skip();
        continue;
      }
      const result = verifyBundle(zip);
      // A flip in what no reader shows (a timestamp, an attribute) leaves the archive's files as signed:
      // the bundle is accepted, and must then hold exactly the original files.
      if (result.ok && sameFiles(readZip(zip), readZip(original))) {
        count.skip();
        continue;
      }
      count.judge(n, `${flips} byte flip(s)`, result);
    }
    count.finish(270);
  });

  it('catches re-signed bundles whose events, proofs or checkpoint were edited, by the log checks', () => {
    const rng = random(3);
    const count = tally('re-signed edit');
    const bundles = Array.from({ length: 10 }, () => unpack(buildBundle(bundleInput(log, leafSet(rng)))));
    for (let n = 0; n < 400; n++) {
      const files = new Map(rng.pick(bundles));
      const before = new Map(files);
      const what = rng.pick(bundleEdits)(files, rng);
      if (!what || [...files].every(([name, bytes]) => sameBytes(bytes, before.get(name)!))) {
        count.skip();
        continue;
      }
      count.judge(n, what, verifyBundle(repackSigned(files, log.sign)), (items) => items.some(isLogCheck));
    }
    count.finish(330);
  });

  it('catches bundles edited without the key, by the manifest', () => {
    const rng = random(4);
    const count = tally('unsigned edit');
    const bundles = Array.from({ length: 5 }, () => unpack(buildBundle(bundleInput(log, leafSet(rng)))));
    for (let n = 0; n < 100; n++) {
      const files = new Map(rng.pick(bundles));
      const what = rng.pick(unsignedEdits)(files, rng);
      count.judge(n, what, verifyBundle(repackAsIs(files)));
    }
    count.finish(100);
  });
});
