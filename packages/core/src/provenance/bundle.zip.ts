import { crc32 } from 'node:zlib';
import { zipSync, type ZipOptions } from 'fflate';

/**
 * The evidence bundle's ZIP profile: entries STORED (uncompressed), no extra fields, no comments, no
 * data descriptors, no zip64, local and central headers identical, nothing before, between or after.
 *
 * Why so strict: every byte of the archive is then either checked structure or content whose SHA-256
 * is in the signed manifest, so no byte can change unnoticed; and no two unzip tools can disagree on
 * what the archive holds (a name differing between local and central header, a file hidden in a gap,
 * a comment shown by one tool only). Deflate was refused on purpose: padding bits after a deflate
 * stream's last block can be flipped without changing what inflates. Events compress well, but
 * bundles of a declaration are a few megabytes at most.
 */

export type ZipEntry = { name: string; bytes: Uint8Array };

export class ZipProfileError extends Error {
  override readonly name = 'ZipProfileError';
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_BYTES = 22;
const VERSION = 20;
const UTF8_FLAG = 0x800;
const MAX_ENTRIES = 65_534;

/** Writes entries in the given order with fflate, stored, stamped with `mtime` (1980–2099). */
export function writeBundleZip(entries: readonly ZipEntry[], mtime: Date): Uint8Array {
  const options: ZipOptions = { level: 0, mtime, os: 0, attrs: 0 };
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const { name, bytes } of entries) {
    if (Object.hasOwn(files, name)) throw new Error(`duplicate zip entry ${name}`);
    files[name] = [bytes, options];
  }
  return zipSync(files, options);
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function fail(message: string): never {
  throw new ZipProfileError(message);
}

type CentralEntry = {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  localOffset: number;
};

function decodeName(nameBytes: Uint8Array, flags: number, where: string): string {
  const ascii = nameBytes.every((byte) => byte < 0x80);
  // fflate sets the UTF-8 flag exactly when the name is not plain ASCII.
  if (ascii === ((flags & UTF8_FLAG) !== 0)) fail(`${where}: UTF-8 flag does not match the name`);
  try {
    return strictUtf8.decode(nameBytes);
  } catch {
    return fail(`${where}: name is not valid UTF-8`);
  }
}

function readCentralEntry(zip: Uint8Array, at: number, end: number, ordinal: number): [CentralEntry, number] {
  const where = `central directory entry ${ordinal}`;
  if (at + CENTRAL_HEADER_BYTES > end) fail(`${where}: truncated`);
  if (u32(zip, at) !== CENTRAL_SIGNATURE) fail(`${where}: bad signature`);
  if (u16(zip, at + 4) !== VERSION || u16(zip, at + 6) !== VERSION) fail(`${where}: unexpected version field`);
  const flags = u16(zip, at + 8);
  if ((flags & ~UTF8_FLAG) !== 0) fail(`${where}: unexpected flags 0x${flags.toString(16)}`);
  if (u16(zip, at + 10) !== 0) fail(`${where}: entries must be stored uncompressed`);
  const size = u32(zip, at + 20);
  if (u32(zip, at + 24) !== size) fail(`${where}: compressed and original sizes differ`);
  const nameLength = u16(zip, at + 28);
  if (u16(zip, at + 30) !== 0 || u16(zip, at + 32) !== 0) fail(`${where}: extra field or comment present`);
  if (u16(zip, at + 34) !== 0 || u16(zip, at + 36) !== 0 || u32(zip, at + 38) !== 0) {
    fail(`${where}: unexpected disk number or attributes`);
  }
  const nameEnd = at + CENTRAL_HEADER_BYTES + nameLength;
  if (nameLength === 0 || nameEnd > end) fail(`${where}: bad name length`);
  const nameBytes = zip.subarray(at + CENTRAL_HEADER_BYTES, nameEnd);
  const entry: CentralEntry = {
    name: decodeName(nameBytes, flags, where),
    nameBytes,
    flags,
    time: u16(zip, at + 12),
    date: u16(zip, at + 14),
    crc: u32(zip, at + 16),
    size,
    localOffset: u32(zip, at + 42),
  };
  return [entry, nameEnd];
}

function readLocalEntry(zip: Uint8Array, at: number, central: CentralEntry, limit: number): [Uint8Array, number] {
  const where = `entry ${central.name}`;
  if (central.localOffset !== at) fail(`${where}: local header is not where the archive's layout puts it`);
  if (at + LOCAL_HEADER_BYTES > limit) fail(`${where}: truncated local header`);
  if (u32(zip, at) !== LOCAL_SIGNATURE) fail(`${where}: bad local header signature`);
  const same =
    u16(zip, at + 4) === VERSION &&
    u16(zip, at + 6) === central.flags &&
    u16(zip, at + 8) === 0 &&
    u16(zip, at + 10) === central.time &&
    u16(zip, at + 12) === central.date &&
    u32(zip, at + 14) === central.crc &&
    u32(zip, at + 18) === central.size &&
    u32(zip, at + 22) === central.size &&
    u16(zip, at + 26) === central.nameBytes.length &&
    u16(zip, at + 28) === 0;
  if (!same) fail(`${where}: local header differs from the central directory`);
  const nameEnd = at + LOCAL_HEADER_BYTES + central.nameBytes.length;
  const dataEnd = nameEnd + central.size;
  if (dataEnd > limit) fail(`${where}: data runs past the central directory`);
  if (!Buffer.from(zip.subarray(at + LOCAL_HEADER_BYTES, nameEnd)).equals(central.nameBytes)) {
    fail(`${where}: local name differs from the central directory`);
  }
  const bytes = zip.subarray(nameEnd, dataEnd);
  if (crc32(bytes) !== central.crc) fail(`${where}: CRC-32 does not match the data`);
  return [bytes, dataEnd];
}

/** Reads an archive written by `writeBundleZip`; throws ZipProfileError naming the first deviation. */
export function readBundleZip(zip: Uint8Array): ZipEntry[] {
  if (!(zip instanceof Uint8Array) || zip.length < END_BYTES) fail('too short to be a zip archive');
  const endAt = zip.length - END_BYTES;
  if (u32(zip, endAt) !== END_SIGNATURE)
    fail('no end-of-central-directory record at the end (trailing bytes or comment?)');
  const count = u16(zip, endAt + 10);
  if (u16(zip, endAt + 4) !== 0 || u16(zip, endAt + 6) !== 0 || u16(zip, endAt + 8) !== count) {
    fail('multi-disk archives are not bundles');
  }
  if (count === 0 || count > MAX_ENTRIES) fail(`unexpected entry count ${count}`);
  const centralSize = u32(zip, endAt + 12);
  const centralAt = u32(zip, endAt + 16);
  if (u16(zip, endAt + 20) !== 0) fail('archive comment present');
  if (centralAt + centralSize !== endAt) fail('central directory is not directly before the end record');

  const centrals: CentralEntry[] = [];
  let at = centralAt;
  for (let i = 0; i < count; i++) {
    const [entry, next] = readCentralEntry(zip, at, endAt, i + 1);
    centrals.push(entry);
    at = next;
  }
  if (at !== endAt) fail('bytes between the central directory and the end record');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let offset = 0;
  for (const central of centrals) {
    if (names.has(central.name)) fail(`duplicate entry ${central.name}`);
    names.add(central.name);
    const [bytes, next] = readLocalEntry(zip, offset, central, centralAt);
    entries.push({ name: central.name, bytes });
    offset = next;
  }
  if (offset !== centralAt) fail('bytes between the last entry and the central directory');
  return entries;
}
