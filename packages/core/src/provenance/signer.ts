import { createHash, createPrivateKey } from 'node:crypto';
import { keyIdOf, privateKeyFromText, publicKeyToRaw } from './checkpoint';
import type { ProvenanceSigner } from './provenance.log';

/** PKCS#8 DER header of an Ed25519 private key; the 32-byte seed follows (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The development key: derived from a published phrase, so every process of a development or test
 * platform (API, worker, demo) signs with the same key without configuration. It is not a secret and
 * proves nothing outside development; production refuses to start without its own key.
 */
function developmentKey() {
  const seed = createHash('sha256').update('baigou-mpt provenance development key; not a secret').digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/**
 * The Ed25519 key that signs checkpoints and evidence bundles (PROVENANCE_SIGNING_KEY: PKCS#8 PEM or
 * base64 DER). Every key that ever signed is published (provenance_signing_keys, GET /v1/trace/keys).
 */
export function loadProvenanceSigner(
  keyText: string | undefined,
  nodeEnv: string,
): { signer: ProvenanceSigner; development: boolean } {
  if (!keyText && nodeEnv === 'production') throw new Error('PROVENANCE_SIGNING_KEY is required in production');
  const privateKey = keyText ? privateKeyFromText(keyText) : developmentKey();
  const publicKeyRaw = publicKeyToRaw(privateKey);
  return { signer: { keyId: keyIdOf(publicKeyRaw), publicKeyRaw, privateKey }, development: !keyText };
}
