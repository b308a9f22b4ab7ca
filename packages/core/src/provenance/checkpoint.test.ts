import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkpointMessage,
  checkpointProblem,
  fromBase64,
  generateSigningKey,
  keyIdOf,
  privateKeyFromText,
  privateKeyToText,
  publicKeyFromRaw,
  publicKeyToRaw,
  signBytes,
  signCheckpoint,
  toBase64,
  verifyBytes,
  verifyCheckpoint,
  type Checkpoint,
} from './checkpoint';
import { fromHex, toHex } from './merkle';

// RFC 8032 §7.1, TEST 1: the key pair and the signature of the empty message.
const RFC8032_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC8032_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC8032_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';
const rfcPrivateKey = privateKeyFromText(toBase64(fromHex(PKCS8_ED25519_PREFIX + RFC8032_SECRET)));

const checkpoint: Checkpoint = {
  log: 'baigou-provenance',
  treeSize: 3,
  rootHash: 'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  timestamp: '2026-11-26T21:00:00.000Z',
};

describe('Ed25519 keys and signatures', () => {
  it('reproduces the RFC 8032 test vector from a base64 PKCS#8 key', () => {
    expect(toHex(publicKeyToRaw(rfcPrivateKey))).toBe(RFC8032_PUBLIC);
    expect(toHex(signBytes(new Uint8Array(), rfcPrivateKey))).toBe(RFC8032_SIGNATURE);
    const publicKey = publicKeyFromRaw(fromHex(RFC8032_PUBLIC));
    expect(verifyBytes(new Uint8Array(), fromHex(RFC8032_SIGNATURE), publicKey)).toBe(true);
    expect(keyIdOf(publicKey)).toBe(createHash('sha256').update(fromHex(RFC8032_PUBLIC)).digest('hex'));
    expect(keyIdOf(rfcPrivateKey)).toBe(keyIdOf(publicKey));
    expect(keyIdOf(fromHex(RFC8032_PUBLIC))).toBe(keyIdOf(publicKey));
  });

  it('reads a private key back from PEM and from its own text form', () => {
    const { privateKey } = generateSigningKey();
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(keyIdOf(privateKeyFromText(pem))).toBe(keyIdOf(privateKey));
    expect(keyIdOf(privateKeyFromText(` ${privateKeyToText(privateKey)}\n`))).toBe(keyIdOf(privateKey));
  });

  it('refuses keys that are not Ed25519 and text that is not a key', () => {
    const { privateKey: ecKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => privateKeyFromText(ecKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow(/Ed25519/);
    expect(() => privateKeyFromText('not a key')).toThrow();
    expect(() => publicKeyFromRaw(new Uint8Array(31))).toThrow(/32 raw bytes/);
    expect(() => signBytes(new Uint8Array(), ecKey)).toThrow(/Ed25519/);
  });

  it('says no, without throwing, to a wrong or malformed signature', () => {
    const { privateKey, publicKey } = generateSigningKey();
    const message = new TextEncoder().encode('manifest');
    const signature = signBytes(message, privateKey);
    expect(verifyBytes(message, signature, publicKey)).toBe(true);
    expect(verifyBytes(new TextEncoder().encode('manifesT'), signature, publicKey)).toBe(false);
    expect(verifyBytes(message, signature.subarray(1), publicKey)).toBe(false);
    expect(verifyBytes(message, signature, generateSigningKey().publicKey)).toBe(false);
  });

  it('reads strict base64 only', () => {
    expect(fromBase64(toBase64(Uint8Array.of(1, 2, 3, 4)))).toEqual(Uint8Array.of(1, 2, 3, 4));
    for (const bad of ['AQID BA==', 'AQIDBA', 'AQIDBB==', 'AQ-D', 'AQIDBA==\n']) {
      expect(() => fromBase64(bad), bad).toThrow(/base64/);
    }
  });
});

describe('signed checkpoints', () => {
  it('signs the JCS bytes of exactly log, rootHash, timestamp and treeSize', () => {
    expect(new TextDecoder().decode(checkpointMessage({ ...checkpoint, extra: 'ignored' } as Checkpoint))).toBe(
      `{"log":"baigou-provenance","rootHash":"${checkpoint.rootHash}","timestamp":"2026-11-26T21:00:00.000Z","treeSize":3}`,
    );
    const signed = signCheckpoint(checkpoint, rfcPrivateKey);
    expect(Object.keys(signed)).toEqual(['log', 'treeSize', 'rootHash', 'timestamp', 'keyId', 'signature']);
    expect(signed.keyId).toBe(keyIdOf(rfcPrivateKey));
    expect(
      verifyBytes(
        checkpointMessage(checkpoint),
        fromBase64(signed.signature),
        publicKeyFromRaw(fromHex(RFC8032_PUBLIC)),
      ),
    ).toBe(true);
  });

  it('verifies with the signing key and with nothing else', () => {
    const { privateKey, publicKey } = generateSigningKey();
    const signed = signCheckpoint(checkpoint, privateKey);
    expect(verifyCheckpoint(signed, publicKey)).toBe(true);
    expect(checkpointProblem(signed, generateSigningKey().publicKey)).toMatch(/not the id of the public key/);
  });

  it('fails when any signed field, the key id or the signature changes', () => {
    const { privateKey, publicKey } = generateSigningKey();
    const signed = signCheckpoint(checkpoint, privateKey);
    const otherSignature = signCheckpoint({ ...checkpoint, treeSize: 4 }, privateKey).signature;
    const tampered: [Record<string, unknown>, RegExp][] = [
      [{ log: 'baigou-provenance-2' }, /does not verify/],
      [{ treeSize: 4 }, /does not verify/],
      [{ treeSize: '3' }, /treeSize/],
      [{ rootHash: checkpoint.rootHash.replace('a', 'b') }, /does not verify/],
      [{ rootHash: checkpoint.rootHash.toUpperCase() }, /rootHash/],
      [{ timestamp: '2026-11-26T21:00:00.001Z' }, /does not verify/],
      [{ timestamp: '2026-11-27T05:00:00.000+08:00' }, /timestamp/],
      [{ timestamp: '2026-02-30T21:00:00Z' }, /timestamp/],
      [{ keyId: keyIdOf(generateSigningKey().publicKey) }, /not the id/],
      [{ signature: otherSignature }, /does not verify/],
      [{ signature: signed.signature.slice(1) }, /base64/],
      [{ signature: undefined }, /base64/],
    ];
    for (const [change, problem] of tampered) {
      const label = JSON.stringify(change);
      expect(checkpointProblem({ ...signed, ...change }, publicKey), label).toMatch(problem);
    }
    expect(checkpointProblem(null, publicKey)).toMatch(/not an object/);
  });

  it('refuses to sign a malformed checkpoint', () => {
    const { privateKey } = generateSigningKey();
    expect(() => signCheckpoint({ ...checkpoint, treeSize: -1 }, privateKey)).toThrow(/treeSize/);
    expect(() => signCheckpoint({ ...checkpoint, log: '' }, privateKey)).toThrow(/log/);
    expect(() => signCheckpoint({ ...checkpoint, timestamp: '2026-11-26' }, privateKey)).toThrow(/timestamp/);
  });
});
