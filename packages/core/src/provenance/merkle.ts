import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1 Merkle tree over SHA-256, pure and database-free.
 *
 * Storage model: the log keeps, insert-only, the hash of every COMPLETE aligned perfect subtree. A
 * `NodeKey { level, index }` names the subtree over leaves [index·2^level, (index+1)·2^level); level 0
 * is a leaf hash. Such a hash never changes once the subtree is complete, which is why the table can
 * refuse UPDATE. Every other hash the RFC needs (roots of trees that are not a power of two, the
 * ragged right edge of a proof) is computed from the perfect subtrees of its binary decomposition.
 *
 * Producers come in pairs: `xxxKeys(...)` lists every node the caller must fetch (in one query), and
 * `xxx(..., get)` computes the answer from a synchronous getter over those nodes. The verifiers
 * (`verifyInclusion`, `verifyConsistency`) follow RFC 9162 §2.1.3.2 and §2.1.4.2 literally and share
 * nothing with the producers but the two hash functions.
 */

export const HASH_BYTES = 32;

export type NodeKey = { level: number; index: number };
export type StoredNode = NodeKey & { hash: Uint8Array };
/** Returns the stored hash of a complete perfect subtree; `undefined` means the caller did not fetch it. */
export type NodeGetter = (key: NodeKey) => Uint8Array | undefined;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** SHA-256(0x00 ‖ bytes): the hash of a log entry (its canonical bytes). */
export const leafHash = (bytes: Uint8Array): Uint8Array => sha256(LEAF_PREFIX, bytes);
/** SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Uint8Array => sha256(NODE_PREFIX, left, right);
/** The root of the empty tree, SHA-256 of no bytes. */
export const emptyRoot = (): Uint8Array => sha256();

/** A string key for maps and `IN (...)` lists: "level/index". */
export const nodeKeyId = (key: NodeKey): string => `${key.level}/${key.index}`;

// ---------------------------------------------------------------------------------------------------
// Bytes and hex

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

export const toHex = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Hex SHA-256 of `bytes` (plain, no prefix): file digests of a bundle, key ids. */
export const sha256Hex = (bytes: Uint8Array): string => toHex(sha256(bytes));

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** Strict: an even number of hex digits and nothing else (Buffer.from would silently stop at junk). */
export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string' || !HEX.test(hex)) {
    throw new TypeError(`not a hex string of whole bytes: ${JSON.stringify(String(hex).slice(0, 80))}`);
  }
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

// ---------------------------------------------------------------------------------------------------
// Sizes and ranges

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function assertSize(name: string, n: number): void {
  if (!isSize(n)) throw new RangeError(`${name} must be a non-negative safe integer, got ${String(n)}`);
}

function assertHash(name: string, hash: Uint8Array): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_BYTES) {
    throw new TypeError(`${name} must be a ${HASH_BYTES}-byte hash`);
  }
}

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 9162's split point k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/** The level of [start, start+width) if it is a complete aligned perfect subtree, else -1. */
function perfectLevel(start: number, width: number): number {
  if (!isPowerOfTwo(width) || start % width !== 0) return -1;
  return Math.round(Math.log2(width));
}

type Range = readonly [start: number, end: number];

/** The perfect subtrees whose hashes make up MTH(D[start:end]), left to right. */
function rangeKeys(start: number, end: number, out: NodeKey[]): void {
  const width = end - start;
  const level = perfectLevel(start, width);
  if (level >= 0) {
    out.push({ level, index: start / width });
    return;
  }
  const k = splitPoint(width);
  rangeKeys(start, start + k, out);
  rangeKeys(start + k, end, out);
}

function need(get: NodeGetter, key: NodeKey): Uint8Array {
  const hash = get(key);
  if (!hash) throw new Error(`Merkle node ${nodeKeyId(key)} was not supplied by the getter`);
  assertHash(`node ${nodeKeyId(key)}`, hash);
  return hash;
}

/** MTH(D[start:end]) per RFC 9162 §2.1.1, from stored perfect subtrees. */
function rangeHash(start: number, end: number, get: NodeGetter): Uint8Array {
  const width = end - start;
  const level = perfectLevel(start, width);
  if (level >= 0) return need(get, { level, index: start / width });
  const k = splitPoint(width);
  return nodeHash(rangeHash(start, start + k, get), rangeHash(start + k, end, get));
}

const keysOf = (ranges: readonly Range[]): NodeKey[] => {
  const out: NodeKey[] = [];
  for (const [start, end] of ranges) rangeKeys(start, end, out);
  return out;
};

// ---------------------------------------------------------------------------------------------------
// Roots and appends

/** The perfect subtrees of the binary decomposition of `size`, largest (leftmost) first. */
export function frontierKeys(size: number): NodeKey[] {
  assertSize('size', size);
  return size === 0 ? [] : keysOf([[0, size]]);
}

/** The nodes `rootFrom` reads: the same binary decomposition as the frontier. */
export const rootKeys = (size: number): NodeKey[] => frontierKeys(size);

/** MTH of the first `size` leaves. */
export function rootFrom(size: number, get: NodeGetter): Uint8Array {
  assertSize('size', size);
  return size === 0 ? emptyRoot() : rangeHash(0, size, get);
}

export type AppendResult = { nodes: StoredNode[]; root: Uint8Array; size: number };

/**
 * Appends leaf hashes to a tree of `oldSize` leaves whose frontier (`frontierKeys(oldSize)`) the getter
 * supplies. Returns every node to store, in order: each new leaf as a level-0 node (the leaf hash
 * itself), followed by the perfect subtrees of level ≥ 1 that this leaf completes. Storing all of them
 * keeps the invariant "every complete perfect subtree is stored"; nothing returned is ever re-returned
 * by a later append.
 */
export function appendLeaves(oldSize: number, frontier: NodeGetter, leafHashes: readonly Uint8Array[]): AppendResult {
  assertSize('oldSize', oldSize);
  const stack: StoredNode[] = frontierKeys(oldSize).map((key) => ({ ...key, hash: need(frontier, key) }));
  const nodes: StoredNode[] = [];
  let size = oldSize;
  for (const leaf of leafHashes) {
    assertHash(`leaf hash ${size}`, leaf);
    let node: StoredNode = { level: 0, index: size, hash: leaf };
    nodes.push(node);
    // A binary counter: equal levels on top of the stack are left and right siblings.
    while (stack.length > 0 && stack[stack.length - 1]!.level === node.level) {
      const left = stack.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      nodes.push(node);
    }
    stack.push(node);
    size += 1;
  }
  assertSize('new size', size);
  let root = stack.length === 0 ? emptyRoot() : stack[stack.length - 1]!.hash;
  for (let i = stack.length - 2; i >= 0; i--) root = nodeHash(stack[i]!.hash, root);
  return { nodes, root, size };
}

// ---------------------------------------------------------------------------------------------------
// Inclusion proofs (RFC 9162 §2.1.3.1)

/** The sibling ranges of PATH(m, D[n]), in proof order (nearest the leaf first). */
function inclusionRanges(leafIndex: number, treeSize: number): Range[] {
  assertSize('leafIndex', leafIndex);
  assertSize('treeSize', treeSize);
  if (leafIndex >= treeSize) throw new RangeError(`leafIndex ${leafIndex} is not below treeSize ${treeSize}`);
  const ranges: Range[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (leafIndex < start + k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
    }
  }
  return ranges.reverse();
}

/** Every node `inclusionProof(leafIndex, treeSize, get)` reads. */
export const inclusionProofKeys = (leafIndex: number, treeSize: number): NodeKey[] =>
  keysOf(inclusionRanges(leafIndex, treeSize));

export const inclusionProof = (leafIndex: number, treeSize: number, get: NodeGetter): Uint8Array[] =>
  inclusionRanges(leafIndex, treeSize).map(([start, end]) => rangeHash(start, end, get));

// ---------------------------------------------------------------------------------------------------
// Consistency proofs (RFC 9162 §2.1.4.1)

/** The ranges of SUBPROOF(m, D[n], true), in proof order; empty when m is 0 or m equals n. */
function consistencyRanges(m: number, n: number): Range[] {
  assertSize('m', m);
  assertSize('n', n);
  if (m > n) throw new RangeError(`consistency from ${m} to ${n}: the first size exceeds the second`);
  if (m === 0 || m === n) return [];
  const ranges: Range[] = [];
  let start = 0;
  let end = n;
  let startsTree = true;
  for (;;) {
    if (m === end) {
      // SUBPROOF(m, D[m], b): nothing when D[m] is the old tree itself, else MTH(D[m]).
      if (!startsTree) ranges.push([start, end]);
      break;
    }
    const k = splitPoint(end - start);
    if (m - start <= k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
      startsTree = false;
    }
  }
  return ranges.reverse();
}

export const consistencyProofKeys = (m: number, n: number): NodeKey[] => keysOf(consistencyRanges(m, n));

export const consistencyProof = (m: number, n: number, get: NodeGetter): Uint8Array[] =>
  consistencyRanges(m, n).map(([start, end]) => rangeHash(start, end, get));

// ---------------------------------------------------------------------------------------------------
// Verifiers (RFC 9162 §2.1.3.2 and §2.1.4.2). They never throw: anything malformed is `false`.

const half = (n: number) => Math.floor(n / 2);
const isOdd = (n: number) => n % 2 === 1;
const isHash = (hash: unknown): hash is Uint8Array => hash instanceof Uint8Array && hash.length === HASH_BYTES;
const areHashes = (proof: unknown): proof is Uint8Array[] => Array.isArray(proof) && proof.every(isHash);

export function verifyInclusion(
  leaf: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isHash(leaf) || !isHash(root) || !areHashes(proof)) return false;
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

export function verifyConsistency(
  m: number,
  n: number,
  proof: readonly Uint8Array[],
  rootM: Uint8Array,
  rootN: Uint8Array,
): boolean {
  if (!isHash(rootM) || !isHash(rootN) || !areHashes(proof)) return false;
  if (!isSize(m) || !isSize(n) || m > n) return false;
  if (m === n) return proof.length === 0 && bytesEqual(rootM, rootN);
  // The empty tree is a prefix of every tree; there is nothing to prove beyond its root.
  if (m === 0) return proof.length === 0 && bytesEqual(rootM, emptyRoot());
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(m) ? [rootM, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, rootM) && bytesEqual(sr, rootN);
}

// ---------------------------------------------------------------------------------------------------
// In-memory tree for tests, benches and the verifier's self-checks

/** The same storage model as the database, in a Map: every complete perfect subtree, insert-only. */
export class MemoryTree {
  private readonly nodes = new Map<string, Uint8Array>();
  private leafCount = 0;
  private currentRoot = emptyRoot();

  get size(): number {
    return this.leafCount;
  }

  /** Number of stored perfect-subtree hashes (2·size − popcount(size)). */
  get nodeCount(): number {
    return this.nodes.size;
  }

  readonly get = (key: NodeKey): Uint8Array | undefined => this.nodes.get(nodeKeyId(key));

  /** Appends leaf hashes; returns the nodes stored, exactly as `appendLeaves` reports them. */
  appendLeafHashes(leafHashes: readonly Uint8Array[]): AppendResult {
    const result = appendLeaves(this.leafCount, this.get, leafHashes);
    for (const node of result.nodes) {
      const id = nodeKeyId(node);
      if (this.nodes.has(id)) throw new Error(`node ${id} stored twice`);
      this.nodes.set(id, node.hash);
    }
    this.leafCount = result.size;
    this.currentRoot = result.root;
    return result;
  }

  /** Appends entries by their bytes (hashing each as a leaf); returns their leaf indices. */
  appendEntries(entries: readonly Uint8Array[]): number[] {
    const first = this.leafCount;
    this.appendLeafHashes(entries.map(leafHash));
    return entries.map((_, i) => first + i);
  }

  root(size = this.leafCount): Uint8Array {
    if (size === this.leafCount) return this.currentRoot;
    this.assertWithin(size);
    return rootFrom(size, this.get);
  }

  inclusionProof(leafIndex: number, treeSize = this.leafCount): Uint8Array[] {
    this.assertWithin(treeSize);
    return inclusionProof(leafIndex, treeSize, this.get);
  }

  consistencyProof(m: number, n = this.leafCount): Uint8Array[] {
    this.assertWithin(n);
    return consistencyProof(m, n, this.get);
  }

  private assertWithin(size: number): void {
    assertSize('size', size);
    if (size > this.leafCount) throw new RangeError(`tree size ${size} exceeds the ${this.leafCount} leaves appended`);
  }
}
