/** The README.md written into every evidence bundle: how to check it by hand, without our software. */
export function bundleReadme(facts: {
  subject: { kind: string; id: string; label?: string };
  log: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  eventCount: number;
  attachments: readonly string[];
}): string {
  const subject = `${facts.subject.kind} ${facts.subject.id}${facts.subject.label ? ` (${facts.subject.label})` : ''}`;
  const attachments = facts.attachments.length
    ? facts.attachments.map(
        (path) =>
          `- \`${path}\`: a view of the same events for people and other systems; it is covered by the manifest signature, not by the Merkle log.`,
      )
    : ['- (none)'];
  return `# 证据包 · Evidence bundle: ${subject}

This archive is the evidence, from the Baigou market-procurement platform's append-only provenance
log, for ${subject}: ${facts.eventCount} event(s), each with a proof that it is in the log as signed
at checkpoint tree size ${facts.treeSize} (${facts.timestamp}, log "${facts.log}").
You can check everything below offline, without trusting the platform, with the platform's public key.

## Quick check

    pnpm cli verify-bundle <this.zip> --key-id ${facts.keyId}

It prints one line per check and exits 0 only when every check passes. Compare the key id with the one
the platform publishes (GET /v1/trace/checkpoints/latest and its public-key endpoint), not only with
the one inside this archive: a forger can make a self-consistent bundle with his own key.

## Files

- \`events.jsonl\`: the events, one per line (each line ends with a newline, LF), in increasing leaf
  index. Each line is exactly the bytes stored in the log: the RFC 8785 (JCS) canonical JSON of the
  event, UTF-8. Types, empty arrays and empty objects are part of those bytes.
- \`proofs.json\`: a JSON array with one object per line, in the same order as events.jsonl:
  \`{"leafIndex": i, "treeSize": n, "hashes": [hex, ...]}\`, an RFC 9162 inclusion proof of that event
  in the tree of size n.
- \`checkpoint.json\`: the signed tree head \`{log, treeSize, rootHash, timestamp, keyId, signature}\`.
- \`public-key.json\`: \`{"algorithm": "Ed25519", "keyId": hex, "publicKey": base64 of the raw 32 bytes}\`.
${attachments.join('\n')}
- \`manifest.json\`: the subject, the checkpoint and the SHA-256 and size of every other file.
- \`manifest.sig\`: the raw 64-byte Ed25519 signature over the exact bytes of manifest.json.

## Checking by hand

1. Key: keyId = lowercase hex SHA-256 of the 32 raw public-key bytes; it must equal the published id.
2. Manifest: verify manifest.sig over manifest.json with the key (Ed25519, RFC 8032), e.g.
   \`openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in manifest.json -sigfile manifest.sig\`
   after writing the key as PEM (SPKI prefix 302a300506032b6570032100, then the 32 bytes).
   Then check that the SHA-256 of every file matches the manifest and that no file is missing or extra.
3. Checkpoint: the signed message is the JCS form of exactly
   \`{"log":…,"rootHash":…,"timestamp":…,"treeSize":…}\` (keys in that sorted order, no spaces);
   verify the base64 \`signature\` over those bytes with the key.
4. Each event: leaf hash = SHA-256(0x00 ‖ line bytes, without the newline); node hash =
   SHA-256(0x01 ‖ left ‖ right). Verify its proof with the algorithm of RFC 9162 §2.1.3.2 (leaf index,
   tree size, the hashes in order) and compare the result with checkpoint.rootHash; the proof's tree
   size must be the checkpoint's treeSize. Leaf indices must increase strictly.
5. Consistency with a later checkpoint (proving the log was only appended to since) comes from
   GET /v1/trace/consistency?from=${facts.treeSize}&to=<later size>, checked per RFC 9162 §2.1.4.2.

## Archive format

Entries are stored uncompressed, without comments or extra fields, and the verifier refuses any other
ZIP layout, so that every byte of the archive is either checked structure or signed content. Unzip it
to read it; do not re-zip it.
`;
}
