import { type SignedCheckpoint } from './checkpoint';

/** The evidence bundle's file names, format tag and shapes, shared by the builder and the verifier. */

export const BUNDLE_FORMAT = 'baigou-evidence-bundle/1';

export const BUNDLE_FILES = {
  readme: 'README.md',
  events: 'events.jsonl',
  proofs: 'proofs.json',
  checkpoint: 'checkpoint.json',
  publicKey: 'public-key.json',
  manifest: 'manifest.json',
  signature: 'manifest.sig',
} as const;

export const REQUIRED_BUNDLE_FILES = [
  BUNDLE_FILES.readme,
  BUNDLE_FILES.events,
  BUNDLE_FILES.proofs,
  BUNDLE_FILES.checkpoint,
  BUNDLE_FILES.publicKey,
];
export const RESERVED_BUNDLE_NAMES = new Set<string>(Object.values(BUNDLE_FILES));

export type BundleEvent = { leafIndex: number; canonical: Uint8Array; proof: Uint8Array[] };
export type BundleSubject = { kind: string; id: string; label?: string };
export type BundleAttachment = { path: string; bytes: Uint8Array };

export type BundleInput = {
  /** Events with their inclusion proofs against `checkpoint`; any order, written in leafIndex order. */
  events: readonly BundleEvent[];
  checkpoint: SignedCheckpoint;
  publicKeyRaw: Uint8Array;
  /** Extra views of the same events, e.g. epcis.jsonld, trace.csv; covered by the manifest signature only. */
  attachments?: readonly BundleAttachment[];
  subject: BundleSubject;
  /** Ed25519 by the checkpoint's key (the raw 64-byte signature). */
  sign: (bytes: Uint8Array) => Uint8Array;
};

export type BundleManifest = {
  format: typeof BUNDLE_FORMAT;
  subject: BundleSubject;
  checkpoint: SignedCheckpoint;
  files: { path: string; sha256: string; size: number }[];
};

export type BundleCheck = { item: string; ok: boolean; problem?: string };

export type BundleVerification = {
  ok: boolean;
  keyId?: string;
  treeSize?: number;
  subject?: BundleSubject;
  checks: BundleCheck[];
};
