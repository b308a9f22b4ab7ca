import { readFile } from 'node:fs/promises';
import { verifyBundle } from '@baigou/core';
import { output, parseFlags, UsageError, type Command } from './cli.support';

/**
 * `pnpm cli verify-bundle <zip> [--key-id <hex>]`: checks an evidence bundle completely offline.
 * No configuration, no database, no network: everything it needs is in the archive and on the command
 * line, so a customs officer can run it on a machine that has never seen the platform.
 */

const KEY_ID = /^[0-9a-fA-F]{64}$/;

/** A bundle that did not verify: exit 1 (the checks themselves are already on stdout). */
export class BundleRejectedError extends Error {
  override readonly name = 'BundleRejectedError';
}

async function readBundle(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new UsageError(`cannot read ${path}: ${String(code)}`);
    }
    throw error;
  }
}

async function run(args: string[]) {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: { 'key-id': { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError(`expected exactly one bundle file, got ${positionals.length}`);
  const keyId = values['key-id'];
  if (keyId !== undefined && !KEY_ID.test(keyId))
    throw new UsageError('--key-id must be 64 hex digits (SHA-256 of the raw public key)');
  const path = positionals[0]!;
  const result = verifyBundle(await readBundle(path), { expectedKeyId: keyId?.toLowerCase() });

  if (values.json) {
    output.result(JSON.stringify({ file: path, ...result }));
  } else {
    for (const check of result.checks) {
      output.result(check.ok ? `✓ ${check.item}` : `✗ ${check.item}: ${check.problem ?? 'failed'}`);
    }
  }
  const failed = result.checks.filter((check) => !check.ok).length;
  const subject = result.subject ? `${result.subject.kind} ${result.subject.id}` : 'the bundle';
  if (!values.json) {
    output.result(
      failed > 0
        ? `FAILED: ${failed} of ${result.checks.length} checks failed for ${subject} (${path})`
        : `OK: all ${result.checks.length} checks passed for ${subject} at tree size ${result.treeSize}, key ${result.keyId}`,
    );
  }
  if (failed > 0) throw new BundleRejectedError(`${path} did not verify`);
  if (keyId === undefined) {
    output.progress(`note: no --key-id given; compare key ${result.keyId} with the key the platform publishes.`);
  }
}

export const verifyBundleCommand: Command = {
  summary: 'verify an evidence bundle offline (no database, no network)',
  usage: [
    'Usage: pnpm cli verify-bundle <bundle.zip> [--key-id <hex>] [--json]',
    '',
    'Checks every file hash against the signed manifest, the checkpoint signature, that every event',
    'line is RFC 8785 canonical JSON, and its RFC 9162 inclusion proof against the checkpoint root.',
    'Prints one line per check (✓ or ✗ with the problem) and a summary. The bundle may have been',
    'unzipped and zipped again (zip, Python zipfile, a file manager, files inside one folder): what is',
    'checked is the files against the signed manifest, not how the archive is laid out.',
    '',
    '  --key-id <hex>  the published key id (SHA-256 of the raw Ed25519 key) the bundle must be signed with',
    '  --json          one JSON line with every check instead of the list',
    '',
    'Exit codes: 0 every check passed, 1 a check failed, 2 usage error.',
  ].join('\n'),
  run,
};
