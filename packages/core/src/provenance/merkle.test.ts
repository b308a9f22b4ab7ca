import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendLeaves,
  consistencyProof,
  consistencyProofKeys,
  emptyRoot,
  frontierKeys,
  fromHex,
  inclusionProof,
  inclusionProofKeys,
  leafHash,
  MemoryTree,
  nodeHash,
  nodeKeyId,
  rootFrom,
  rootKeys,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type NodeGetter,
  type NodeKey,
} from './merkle';

type Vectors = {
  leaves_hex: string[];
  roots: { tree_size: number; root_hex: string }[];
  inclusion: { tree_size: number; leaf_index: number; root_hex: string; proof_hex: string[] }[];
  consistency: { size1: number; size2: number; root1_hex: string; root2_hex: string; proof_hex: string[] }[];
};

// A verbatim copy of shared/data/merkle-rfc9162-vectors.json (see testdata/README.md).
const vectors = JSON.parse(
  readFileSync(new URL('./testdata/merkle-rfc9162-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

const vectorTree = new MemoryTree();
vectorTree.appendEntries(vectors.leaves_hex.map(fromHex));
const vectorLeaf = (index: number) => leafHash(fromHex(vectors.leaves_hex[index]!));

// ---------------------------------------------------------------------------------------------------
// A reference written straight from RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 over a range [start, end) of
// an array of leaf hashes, sharing no code with the producers under test (memoised, so it is fast).

const splitOf = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
type Reference = {
  mth(start: number, end: number): Uint8Array;
  path(m: number, start: number, end: number): Uint8Array[];
  subproof(m: number, start: number, end: number, complete: boolean): Uint8Array[];
};
function reference(leaves: readonly Uint8Array[]): Reference {
  const memo = new Map<string, Uint8Array>();
  const ref: Reference = {
    mth(start, end) {
      const n = end - start;
      if (n === 0) return new Uint8Array(createHash('sha256').digest());
      if (n === 1) return leaves[start]!;
      const id = `${start}:${end}`;
      let hash = memo.get(id);
      if (!hash) {
        const k = splitOf(n);
        memo.set(id, (hash = nodeHash(ref.mth(start, start + k), ref.mth(start + k, end))));
      }
      return hash;
    },
    path(m, start, end) {
      if (end - start <= 1) return [];
      const k = splitOf(end - start);
      return m < k
        ? [...ref.path(m, start, start + k), ref.mth(start + k, end)]
        : [...ref.path(m - k, start + k, end), ref.mth(start, start + k)];
    },
    subproof(m, start, end, complete) {
      const n = end - start;
      if (m === n) return complete ? [] : [ref.mth(start, end)];
      const k = splitOf(n);
      return m <= k
        ? [...ref.subproof(m, start, start + k, complete), ref.mth(start + k, end)]
        : [...ref.subproof(m - k, start + k, end, false), ref.mth(start, start + k)];
    },
  };
  return ref;
}

// One large tree, built once; any smaller tree size is a prefix of it, and its store holds every
// perfect subtree any prefix needs, exactly as the database does.
const BIG = 10_000;
const bigLeaves = Array.from({ length: BIG }, (_, i) => leafHash(new TextEncoder().encode(`event ${i}`)));
const bigTree = new MemoryTree();
bigTree.appendLeafHashes(bigLeaves);
const rfc = reference(bigLeaves);
const bigRoot = (size: number) => rfc.mth(0, size);

const flipBit = (hash: Uint8Array, bit: number) => {
  const copy = Uint8Array.from(hash);
  copy[(bit >> 3) % copy.length]! ^= 1 << (bit & 7);
  return copy;
};

/** A getter over exactly the listed keys of a store: proves the producer reads nothing else. */
function restrictedGetter(store: NodeGetter, keys: NodeKey[]): NodeGetter {
  const allowed = new Map(keys.map((key) => [nodeKeyId(key), store(key)]));
  return (key) => {
    if (!allowed.has(nodeKeyId(key))) throw new Error(`read ${nodeKeyId(key)}, which the key list did not name`);
    return allowed.get(nodeKeyId(key));
  };
}

describe('RFC 9162 vectors', () => {
  it('computes every root, including the empty tree', () => {
    expect(toHex(emptyRoot())).toBe(vectors.roots.find((r) => r.tree_size === 0)!.root_hex);
    for (const { tree_size, root_hex } of vectors.roots) {
      expect(toHex(vectorTree.root(tree_size)), `size ${tree_size}`).toBe(root_hex);
      expect(toHex(rootFrom(tree_size, vectorTree.get)), `size ${tree_size}`).toBe(root_hex);
    }
    expect(vectors.roots).toHaveLength(9);
  });

  it('produces and verifies every inclusion proof', () => {
    for (const { tree_size, leaf_index, root_hex, proof_hex } of vectors.inclusion) {
      const label = `leaf ${leaf_index} of ${tree_size}`;
      expect(vectorTree.inclusionProof(leaf_index, tree_size).map(toHex), label).toEqual(proof_hex);
      expect(
        verifyInclusion(vectorLeaf(leaf_index), leaf_index, tree_size, proof_hex.map(fromHex), fromHex(root_hex)),
        label,
      ).toBe(true);
    }
    expect(vectors.inclusion).toHaveLength(36);
  });

  it('produces and verifies every consistency proof', () => {
    for (const { size1, size2, root1_hex, root2_hex, proof_hex } of vectors.consistency) {
      const label = `${size1} → ${size2}`;
      expect(vectorTree.consistencyProof(size1, size2).map(toHex), label).toEqual(proof_hex);
      expect(
        verifyConsistency(size1, size2, proof_hex.map(fromHex), fromHex(root1_hex), fromHex(root2_hex)),
        label,
      ).toBe(true);
    }
    expect(vectors.consistency).toHaveLength(36);
  });
});

describe('perfect-subtree store', () => {
  it('stores 2n − popcount(n) nodes and each complete aligned subtree once', () => {
    const popcount = (n: number) => n.toString(2).replaceAll('0', '').length;
    expect(bigTree.nodeCount).toBe(2 * BIG - popcount(BIG));
    expect(frontierKeys(BIG)).toEqual([
      { level: 13, index: 0 },
      { level: 10, index: 8 },
      { level: 9, index: 18 },
      { level: 8, index: 38 },
      { level: 4, index: 624 },
    ]);
    expect(rootKeys(0)).toEqual([]);
  });

  it('names in its key lists every node the proof functions read, and only complete subtrees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: BIG }), fc.nat(), fc.nat(), (n, a, b) => {
        const leafIndex = a % n;
        const m = 1 + (b % n);
        const keySets = [
          [inclusionProofKeys(leafIndex, n), (get: NodeGetter) => inclusionProof(leafIndex, n, get)],
          [consistencyProofKeys(m, n), (get: NodeGetter) => consistencyProof(m, n, get)],
          [rootKeys(n), (get: NodeGetter) => [rootFrom(n, get)]],
        ] as const;
        for (const [keys, produce] of keySets) {
          for (const { level, index } of keys) expect((index + 1) * 2 ** level).toBeLessThanOrEqual(n);
          expect(new Set(keys.map(nodeKeyId)).size).toBe(keys.length);
          expect(produce(restrictedGetter(bigTree.get, keys))).toEqual(produce(bigTree.get));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses to compute from a node the caller did not supply', () => {
    expect(() => inclusionProof(3, 8, () => undefined)).toThrow(/was not supplied/);
    expect(() => inclusionProof(8, 8, bigTree.get)).toThrow(RangeError);
    expect(() => consistencyProof(9, 8, bigTree.get)).toThrow(RangeError);
    expect(() => bigTree.inclusionProof(0, BIG + 1)).toThrow(RangeError);
  });

  it('gives the same nodes and roots whether leaves arrive one batch or in random chunks', () => {
    const same = (x: Uint8Array | undefined, y: Uint8Array | undefined) => !!x && !!y && Buffer.from(x).equals(y);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }),
        (n, chunkSizes) => {
          const leaves = bigLeaves.slice(0, n);
          const store = new Map<string, Uint8Array>();
          const problems: string[] = [];
          let size = 0;
          for (let chunk = 0; size < n || chunk === 0; chunk++) {
            const take = Math.min(chunkSizes[chunk % chunkSizes.length]!, n - size);
            const asked: string[] = [];
            const result = appendLeaves(
              size,
              (key) => (asked.push(nodeKeyId(key)), store.get(nodeKeyId(key))),
              leaves.slice(size, size + take),
            );
            if (asked.join() !== frontierKeys(size).map(nodeKeyId).join())
              problems.push(`size ${size}: asked ${asked.join()}`);
            for (const node of result.nodes) {
              if (store.has(nodeKeyId(node))) problems.push(`node ${nodeKeyId(node)} returned twice`);
              store.set(nodeKeyId(node), node.hash);
            }
            size = result.size;
            if (!same(result.root, bigRoot(size))) problems.push(`root at size ${size}`);
            if (take === 0) break;
          }
          const oneShot = appendLeaves(0, () => undefined, leaves);
          if (oneShot.nodes.length !== store.size)
            problems.push(`${oneShot.nodes.length} nodes one-shot, ${store.size} chunked`);
          for (const node of oneShot.nodes) {
            if (!same(store.get(nodeKeyId(node)), node.hash)) problems.push(`node ${nodeKeyId(node)} differs`);
          }
          if (!same(oneShot.root, bigRoot(n))) problems.push('one-shot root');
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('returns each leaf as a level-0 node, followed by the subtrees it completes', () => {
    const result = appendLeaves(3, vectorTree.get, [vectorLeaf(3)]);
    expect(result.nodes.map(({ level, index }) => ({ level, index }))).toEqual([
      { level: 0, index: 3 },
      { level: 1, index: 1 },
      { level: 2, index: 0 },
    ]);
    expect(result.nodes[0]!.hash).toEqual(vectorLeaf(3));
    expect(result.root).toEqual(vectorTree.root(4));
    expect(result.size).toBe(4);
  });
});

describe('inclusion proofs from the store (property)', () => {
  const sizeAndLeaf = fc
    .integer({ min: 1, max: BIG })
    .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })));

  it('match the RFC recursion for random trees up to 10,000 leaves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: BIG }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))),
        ([n, m]) => {
          expect(bigTree.inclusionProof(m, n)).toEqual(rfc.path(m, 0, n));
          expect(bigTree.root(n)).toEqual(bigRoot(n));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('verify, and fail when a hash, the index, the size or the root is altered', () => {
    fc.assert(
      fc.property(
        sizeAndLeaf,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: BIG }),
        ([n, m], which, bit, otherSize) => {
          const leaf = bigLeaves[m]!;
          const proof = bigTree.inclusionProof(m, n);
          const root = bigRoot(n);
          expect(verifyInclusion(leaf, m, n, proof, root)).toBe(true);
          if (proof.length > 0) {
            const i = which % proof.length;
            const altered = proof.map((hash, j) => (j === i ? flipBit(hash, bit) : hash));
            expect(verifyInclusion(leaf, m, n, altered, root)).toBe(false);
            expect(verifyInclusion(leaf, m, n, proof.slice(0, -1), root)).toBe(false);
          }
          expect(verifyInclusion(leaf, m, n, [...proof, root], root)).toBe(false);
          expect(verifyInclusion(flipBit(leaf, bit), m, n, proof, root)).toBe(false);
          expect(verifyInclusion(leaf, m, n, proof, flipBit(root, bit))).toBe(false);
          const otherIndex = (m + 1 + (which % n)) % n;
          if (otherIndex !== m) expect(verifyInclusion(leaf, otherIndex, n, proof, root)).toBe(false);
          // The size is bound to the root by the signed checkpoint; against the other size's own root the proof fails.
          if (otherSize !== n && m < otherSize)
            expect(verifyInclusion(leaf, m, otherSize, proof, bigRoot(otherSize))).toBe(false);
          expect(verifyInclusion(leaf, m, m, proof, root)).toBe(false);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('leaves the tree size to the checkpoint, as RFC 9162 does: the same path fits sizes 5 to 8', () => {
    const proof = vectorTree.inclusionProof(0, 5);
    expect(verifyInclusion(vectorLeaf(0), 0, 6, proof, vectorTree.root(5))).toBe(true);
    expect(verifyInclusion(vectorLeaf(0), 0, 6, proof, vectorTree.root(6))).toBe(false);
  });

  it('answers false, never throws, on malformed input', () => {
    const proof = vectorTree.inclusionProof(2, 5);
    const root = vectorTree.root(5);
    const leaf = vectorLeaf(2);
    for (const [index, size] of [
      [-1, 5],
      [2.5, 5],
      [2, 5.5],
      [Number.NaN, 5],
      [2, Number.POSITIVE_INFINITY],
      [5, 5],
      [0, 0],
    ]) {
      expect(verifyInclusion(leaf, index!, size!, proof, root)).toBe(false);
    }
    expect(verifyInclusion(leaf, 2, 5, [proof[0]!.subarray(1), ...proof.slice(1)], root)).toBe(false);
    expect(verifyInclusion(leaf.subarray(0, 31), 2, 5, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, 2, 5, 'nope' as unknown as Uint8Array[], root)).toBe(false);
  });
});

describe('consistency proofs from the store (property)', () => {
  const sizes = fc.integer({ min: 1, max: BIG }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

  it('match the RFC recursion for random trees up to 10,000 leaves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: BIG }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        ([m, n]) => {
          expect(bigTree.consistencyProof(m, n)).toEqual(rfc.subproof(m, 0, n, true));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('verify, and fail when a hash, either size or either root is altered', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), fc.integer({ min: 1, max: BIG }), ([m, n], which, bit, other) => {
        const proof = bigTree.consistencyProof(m, n);
        const rootM = bigRoot(m);
        const rootN = bigRoot(n);
        expect(verifyConsistency(m, n, proof, rootM, rootN)).toBe(true);
        if (proof.length > 0) {
          const i = which % proof.length;
          expect(
            verifyConsistency(
              m,
              n,
              proof.map((h, j) => (j === i ? flipBit(h, bit) : h)),
              rootM,
              rootN,
            ),
          ).toBe(false);
          expect(verifyConsistency(m, n, proof.slice(1), rootM, rootN)).toBe(false);
        }
        expect(verifyConsistency(m, n, [...proof, rootN], rootM, rootN)).toBe(false);
        expect(verifyConsistency(m, n, proof, flipBit(rootM, bit), rootN)).toBe(false);
        expect(verifyConsistency(m, n, proof, rootM, flipBit(rootN, bit))).toBe(false);
        if (other !== m && other <= n) expect(verifyConsistency(other, n, proof, bigRoot(other), rootN)).toBe(false);
        if (other !== n && other >= m) expect(verifyConsistency(m, other, proof, rootM, bigRoot(other))).toBe(false);
        if (m !== n) expect(verifyConsistency(n, m, proof, rootN, rootM)).toBe(false);
      }),
      { numRuns: 250 },
    );
  });

  it('treats the empty tree as a prefix of every tree, with an empty proof', () => {
    expect(consistencyProof(0, 5, vectorTree.get)).toEqual([]);
    expect(verifyConsistency(0, 5, [], emptyRoot(), vectorTree.root(5))).toBe(true);
    expect(verifyConsistency(0, 5, [], vectorTree.root(1), vectorTree.root(5))).toBe(false);
    expect(verifyConsistency(0, 5, [vectorTree.root(5)], emptyRoot(), vectorTree.root(5))).toBe(false);
    expect(verifyConsistency(3, 5, [], vectorTree.root(3), vectorTree.root(5))).toBe(false);
  });
});

describe('hex', () => {
  it('round-trips bytes and accepts either case', () => {
    expect(toHex(fromHex('00ff10AB'))).toBe('00ff10ab');
    expect(fromHex('')).toEqual(new Uint8Array());
  });

  it('refuses odd lengths, prefixes, spaces and non-hex digits', () => {
    for (const bad of ['0', 'abc', '0x00', 'zz', '00 11', ' 00', '00\n', 'éé']) {
      expect(() => fromHex(bad), JSON.stringify(bad)).toThrow(TypeError);
    }
  });
});
