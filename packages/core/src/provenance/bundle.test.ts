import { zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FILES, buildBundle, verifyBundle, type BundleVerification } from './bundle';
import {
  bundleInput,
  buildTestBundle,
  bytesOf,
  createTestLog,
  repackAsIs,
  repackSigned,
  testSubject,
  text,
  unpack,
} from './bundle.testing';
import { readBundleZip } from './bundle.zip';
import { canonicalBytes } from './canonical';
import { generateSigningKey, keyIdOf, signCheckpoint } from './checkpoint';
import { toHex } from './merkle';

const log = createTestLog(40);
const leaves = [3, 7, 8, 21, 39];
const valid = buildTestBundle(log, leaves);
const keyId = keyIdOf(log.publicKey);

const prefixed = (files: Record<string, Uint8Array>, folder: string) =>
  Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`${folder}${name}`, bytes]));

const failures = (result: BundleVerification) => result.checks.filter((check) => !check.ok);
const failedItems = (result: BundleVerification) => failures(result).map((check) => check.item);

/** Edits one file and re-signs the manifest with the real key, so only the log's own checks can object. */
function editSigned(edit: (files: Map<string, Uint8Array>) => void): BundleVerification {
  const files = unpack(valid);
  edit(files);
  return verifyBundle(repackSigned(files, log.sign), { expectedKeyId: keyId });
}

const eventLines = (files: Map<string, Uint8Array>) => text(files.get(BUNDLE_FILES.events)).split('\n').slice(0, -1);
const setEventLines = (files: Map<string, Uint8Array>, lines: string[]) =>
  files.set(BUNDLE_FILES.events, bytesOf(lines.map((line) => `${line}\n`).join('')));
type Proof = { leafIndex: number; treeSize: number; hashes: string[] };
const proofsOf = (files: Map<string, Uint8Array>) => JSON.parse(text(files.get(BUNDLE_FILES.proofs))) as Proof[];
const setProofs = (files: Map<string, Uint8Array>, proofs: Proof[]) =>
  files.set(BUNDLE_FILES.proofs, bytesOf(JSON.stringify(proofs)));

describe('an evidence bundle built from the log', () => {
  it('verifies offline, check by check, and reports its key, tree size and subject', () => {
    const result = verifyBundle(valid, { expectedKeyId: keyId });
    expect(failures(result)).toEqual([]);
    expect(result).toMatchObject({ ok: true, keyId, treeSize: 40, subject: testSubject });
    expect(result.checks.map((check) => check.item)).toEqual([
      'zip archive',
      'public key (public-key.json)',
      'public key: the expected key id',
      'manifest.sig: signature over manifest.json',
      'manifest.json: format',
      'manifest.json: sha256 of README.md',
      'manifest.json: sha256 of events.jsonl',
      'manifest.json: sha256 of proofs.json',
      'manifest.json: sha256 of checkpoint.json',
      'manifest.json: sha256 of public-key.json',
      'manifest.json: sha256 of trace.csv',
      'manifest.json: checkpoint equals checkpoint.json',
      'checkpoint signature',
      'events.jsonl',
      'proofs.json',
      'events.jsonl / proofs.json: count',
      'events.jsonl line 1 (leaf 3)',
      'events.jsonl line 2 (leaf 7)',
      'events.jsonl line 3 (leaf 8)',
      'events.jsonl line 4 (leaf 21)',
      'events.jsonl line 5 (leaf 39)',
    ]);
  });

  it('holds the stored canonical bytes line by line in leaf order, whatever order the events came in', () => {
    const files = unpack(buildTestBundle(log, [39, 3, 21, 8, 7]));
    expect(eventLines(files)).toEqual(leaves.map((i) => text(log.events[i])));
    expect(proofsOf(files).map((proof) => proof.leafIndex)).toEqual(leaves);
    expect(proofsOf(files)[0]!.hashes).toEqual(log.tree.inclusionProof(3).map(toHex));
    expect(text(files.get(BUNDLE_FILES.readme))).toMatch(/^# 证据包 · Evidence bundle: declaration 131020261000012345/);
    expect(text(files.get(BUNDLE_FILES.readme))).toContain(`pnpm cli verify-bundle <this.zip> --key-id ${keyId}`);
    expect(JSON.parse(text(files.get(BUNDLE_FILES.publicKey)))).toMatchObject({ algorithm: 'Ed25519', keyId });
  });

  it('is byte-for-byte the same when built twice from the same input', () => {
    expect(Buffer.from(buildTestBundle(log, leaves)).equals(valid)).toBe(true);
  });

  it('verifies with no events at all (nothing to prove, nothing hidden)', () => {
    expect(verifyBundle(buildTestBundle(log, [])).ok).toBe(true);
  });

  it('fails only the key-id check when the caller expects another key', () => {
    const result = verifyBundle(valid, { expectedKeyId: 'ab'.repeat(32) });
    expect(result.ok).toBe(false);
    expect(failedItems(result)).toEqual(['public key: the expected key id']);
  });

  it('lets a forger with his own key build a self-consistent bundle, which only the expected key id exposes', () => {
    const forger = generateSigningKey();
    const forgedLog = createTestLog(40, forger);
    const forged = buildTestBundle(forgedLog, leaves);
    expect(verifyBundle(forged).ok).toBe(true);
    expect(failedItems(verifyBundle(forged, { expectedKeyId: keyId }))).toContain('public key: the expected key id');
  });
});

describe('a bundle edited by someone holding the signing key', () => {
  it('names the event line whose bytes changed', () => {
    const result = editSigned((files) => {
      const lines = eventLines(files);
      lines[1] = text(canonicalBytes({ ...(JSON.parse(lines[1]!) as object), 'baigou:ext': { note: '' } }));
      setEventLines(files, lines);
    });
    expect(failures(result)).toEqual([
      {
        item: 'events.jsonl line 2 (leaf 7)',
        ok: false,
        problem: expect.stringMatching(/inclusion proof does not lead/) as unknown,
      },
    ]);
  });

  it('names a line that is no longer canonical JSON', () => {
    const result = editSigned((files) => {
      const lines = eventLines(files);
      lines[2] = lines[2]!.replace('{"action"', '{ "action"');
      setEventLines(files, lines);
    });
    expect(failures(result)).toEqual([
      {
        item: 'events.jsonl line 3 (leaf 8)',
        ok: false,
        problem: expect.stringMatching(/not RFC 8785 canonical/) as unknown,
      },
    ]);
  });

  it('names the line whose proof hash, leaf index or tree size changed', () => {
    const hashChanged = editSigned((files) => {
      const proofs = proofsOf(files);
      proofs[3]!.hashes[1] = '00'.repeat(32);
      setProofs(files, proofs);
    });
    expect(failedItems(hashChanged)).toEqual(['events.jsonl line 4 (leaf 21)']);

    const indexChanged = editSigned((files) => {
      const proofs = proofsOf(files);
      proofs[3]!.leafIndex = 22;
      setProofs(files, proofs);
    });
    expect(failedItems(indexChanged)).toEqual(['events.jsonl line 4 (leaf 22)']);

    const sizeChanged = editSigned((files) => {
      const proofs = proofsOf(files);
      proofs[0]!.treeSize = 41;
      setProofs(files, proofs);
    });
    expect(failures(sizeChanged)).toEqual([
      { item: 'events.jsonl line 1 (leaf 3)', ok: false, problem: 'proof is for tree size 41, checkpoint is 40' },
    ]);
  });

  it('catches a deleted line by the count, and swapped lines by their proofs', () => {
    const deleted = editSigned((files) =>
      setEventLines(
        files,
        eventLines(files).filter((_, i) => i !== 2),
      ),
    );
    expect(failedItems(deleted)).toContain('events.jsonl / proofs.json: count');

    const swapped = editSigned((files) => {
      const lines = eventLines(files);
      setEventLines(files, [lines[1]!, lines[0]!, ...lines.slice(2)]);
    });
    expect(failedItems(swapped)).toEqual(['events.jsonl line 1 (leaf 3)', 'events.jsonl line 2 (leaf 7)']);

    const bothSwapped = editSigned((files) => {
      const lines = eventLines(files);
      const proofs = proofsOf(files);
      setEventLines(files, [lines[1]!, lines[0]!, ...lines.slice(2)]);
      setProofs(files, [proofs[1]!, proofs[0]!, ...proofs.slice(2)]);
    });
    expect(failures(bothSwapped)).toEqual([
      {
        item: 'events.jsonl line 2 (leaf 3)',
        ok: false,
        problem: 'leaf index 3 does not follow 7 (indices must increase strictly)',
      },
    ]);
  });

  it('catches a checkpoint whose fields were changed or swapped', () => {
    const rootChanged = editSigned((files) => {
      const checkpoint = JSON.parse(text(files.get(BUNDLE_FILES.checkpoint))) as Record<string, unknown>;
      [checkpoint.rootHash, checkpoint.keyId] = [checkpoint.keyId, checkpoint.rootHash];
      files.set(BUNDLE_FILES.checkpoint, bytesOf(JSON.stringify(checkpoint)));
    });
    expect(failedItems(rootChanged)).toContain('checkpoint signature');
    expect(failedItems(rootChanged)).toContain('events.jsonl line 1 (leaf 3)');

    const resigned = signCheckpoint(
      { ...log.checkpoint, timestamp: '2027-01-01T00:00:00.000Z' },
      generateSigningKey().privateKey,
    );
    const otherKey = editSigned((files) => files.set(BUNDLE_FILES.checkpoint, bytesOf(JSON.stringify(resigned))));
    expect(failures(otherKey)).toEqual([
      {
        item: 'checkpoint signature',
        ok: false,
        problem: expect.stringMatching(/not the id of the public key/) as unknown,
      },
    ]);
  });
});

describe('a bundle edited without the key', () => {
  it('names the file whose hash no longer matches the signed manifest', () => {
    const files = unpack(valid);
    files.set('trace.csv', bytesOf('\ufeffleafIndex,type\n1,forged\n'));
    const result = verifyBundle(repackAsIs(files));
    expect(failures(result)).toEqual([
      {
        item: 'manifest.json: sha256 of trace.csv',
        ok: false,
        problem: expect.stringMatching(/^size is \d+, manifest says \d+$/) as unknown,
      },
    ]);
  });

  it('refuses an edited manifest, a missing signature and an unlisted file', () => {
    const files = unpack(valid);
    files.set(
      BUNDLE_FILES.manifest,
      bytesOf(text(files.get(BUNDLE_FILES.manifest)).replace('131020261000012345', '131020261000099999')),
    );
    expect(failedItems(verifyBundle(repackAsIs(files)))).toEqual(['manifest.sig: signature over manifest.json']);

    const unsigned = unpack(valid);
    unsigned.delete(BUNDLE_FILES.signature);
    expect(failures(verifyBundle(repackAsIs(unsigned)))).toEqual([
      { item: 'manifest.sig: signature over manifest.json', ok: false, problem: 'manifest.sig is missing' },
    ]);

    const extra = unpack(valid);
    extra.set('notes.txt', bytesOf('trust me'));
    expect(failedItems(verifyBundle(repackAsIs(extra)))).toEqual(['archive: unlisted file notes.txt']);
  });

  it('refuses a replaced public key even when everything else is consistent with it', () => {
    const files = unpack(valid);
    const other = generateSigningKey();
    const raw = bundleInput(createTestLog(1, other), []).publicKeyRaw;
    files.set(
      BUNDLE_FILES.publicKey,
      bytesOf(
        JSON.stringify({ algorithm: 'Ed25519', keyId: keyIdOf(raw), publicKey: Buffer.from(raw).toString('base64') }),
      ),
    );
    const result = verifyBundle(repackAsIs(files));
    expect(failedItems(result)).toEqual([
      'manifest.sig: signature over manifest.json',
      'manifest.json: sha256 of public-key.json',
      'checkpoint signature',
    ]);
  });

  it('refuses archives that cannot be read: flipped data bytes, trailing bytes, garbage', () => {
    const flipped = Uint8Array.from(valid);
    flipped[200]! ^= 0x01;
    expect(verifyBundle(flipped).checks).toEqual([
      { item: 'zip archive', ok: false, problem: expect.any(String) as unknown },
    ]);
    expect(verifyBundle(Buffer.concat([valid, Buffer.from([0])])).checks[0]).toMatchObject({
      item: 'zip archive',
      ok: false,
    });
    expect(verifyBundle(new Uint8Array()).checks[0]).toMatchObject({
      item: 'zip archive',
      ok: false,
      problem: 'not a readable zip archive: too short to be a zip archive',
    });
    expect(readBundleZip(valid).map((entry) => entry.name)).toContain(BUNDLE_FILES.events);
  });

  it('accepts a bundle re-packed with compression, in another order, inside a folder, with directory entries', () => {
    const files = Object.fromEntries(unpack(valid));
    const mtime = new Date('2030-01-02T03:04:05Z');
    const deflated = zipSync(files, { level: 6, mtime });
    const reversed = zipSync(Object.fromEntries(Object.entries(files).reverse()), { level: 9, mtime });
    const foldered = zipSync({ 'bundle/': new Uint8Array(), ...prefixed(files, 'bundle/') }, { level: 1, mtime });
    for (const zip of [deflated, reversed, foldered]) {
      const result = verifyBundle(zip);
      expect(result.ok, JSON.stringify(result.checks.filter((check) => !check.ok))).toBe(true);
      expect(result.checks[0]!.item).toMatch(
        /^zip archive \(re-packed, not as the platform wrote it: .+; its files are checked below\)$/,
      );
    }
    expect(verifyBundle(valid).checks[0]).toEqual({ item: 'zip archive', ok: true });
  });

  it('says which file failed when a re-packed bundle holds an edited or an extra file', () => {
    const files = Object.fromEntries(unpack(valid));
    const edited = zipSync({ ...files, [BUNDLE_FILES.checkpoint]: bytesOf('{}') }, { level: 6 });
    expect(
      verifyBundle(edited)
        .checks.filter((check) => !check.ok)
        .map((check) => check.item),
    ).toContain(`manifest.json: sha256 of ${BUNDLE_FILES.checkpoint}`);
    const extra = zipSync({ ...files, 'notes.txt': bytesOf('hi') }, { level: 6 });
    expect(verifyBundle(extra).checks.filter((check) => !check.ok)).toEqual([
      { item: 'archive: unlisted file notes.txt', ok: false, problem: 'not in the signed manifest' },
    ]);
  });

  it('never throws on hostile input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(), (noise, cut) => {
        for (const input of [
          noise,
          valid.subarray(0, cut % valid.length),
          Buffer.concat([noise, valid]),
          Buffer.concat([valid.subarray(0, cut % valid.length), noise]),
        ]) {
          const result = verifyBundle(input);
          if (Buffer.from(input).equals(valid)) continue;
          expect(result.ok).toBe(false);
          expect(result.checks.some((check) => !check.ok)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('buildBundle input checks', () => {
  it('refuses unsafe attachment paths, duplicate leaves and malformed checkpoints', () => {
    for (const path of ['../etc/passwd', '/abs', 'manifest.json', 'a//b', '', 'dir/../x']) {
      expect(
        () => buildBundle(bundleInput(log, [1], { attachments: [{ path, bytes: new Uint8Array() }] })),
        path,
      ).toThrow(/attachment path/);
    }
    expect(() => buildTestBundle(log, [1, 1])).toThrow(/appears twice/);
    expect(() => buildBundle(bundleInput(log, [1], { checkpoint: { ...log.checkpoint, rootHash: 'xyz' } }))).toThrow(
      /rootHash/,
    );
    expect(() => buildBundle(bundleInput(log, [1], { sign: () => new Uint8Array(10) }))).toThrow(/64-byte/);
  });

  it('packages a tampered stored event as it is, for the verifier to catch', () => {
    const input = bundleInput(log, leaves);
    input.events = input.events.map((event, i) =>
      i === 4 ? { ...event, canonical: bytesOf(text(event.canonical).replace('true', '"true"')) } : event,
    );
    expect(failedItems(verifyBundle(buildBundle(input)))).toEqual(['events.jsonl line 5 (leaf 39)']);
  });
});
