import { crc32 } from 'node:zlib';
import { inflateSync } from 'fflate';
import type { ZipEntry } from './bundle.zip';

/**
 * Reads any ordinary ZIP archive of a bundle: as the platform wrote it, or unzipped and zipped again
 * with `zip`, Python's zipfile, a file manager. What is verified is the signed manifest and the files
 * it lists, not the archive's layout, so timestamps, attributes, extra fields, entry order, deflate
 * and data descriptors are all accepted.
 *
 * What is still refused, because two unzip tools could then disagree on what the archive holds
 * (and a file could hide from the verifier while another tool shows it): a name that differs between
 * the local header and the central directory, a name twice, bytes between or before the entries
 * (streaming unzippers read those), an entry whose CRC-32 or size does not match its data. zip64,
 * encryption and compression methods other than stored and deflate are refused as unsupported.
 */

export class ZipReadError extends Error {
  override readonly name = 'ZipReadError';
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const ENCRYPTED_FLAG = 0x1;
const DESCRIPTOR_FLAG = 0x8;
const STORED = 0;
const DEFLATE = 8;
/** Far beyond any bundle (a declaration's is a few megabytes); bounds what a zip bomb can allocate. */
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function fail(message: string): never {
  throw new ZipReadError(message);
}

type Central = {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

/** The end-of-central-directory record: the last one whose comment runs exactly to the end of the file. */
function findEnd(zip: Uint8Array): number {
  const lowest = Math.max(0, zip.length - END_BYTES - MAX_COMMENT_BYTES);
  for (let at = zip.length - END_BYTES; at >= lowest; at--) {
    if (u32(zip, at) === END_SIGNATURE && at + END_BYTES + u16(zip, at + 20) === zip.length) return at;
  }
  return fail('no end-of-central-directory record: not a zip archive, or cut short, or bytes after its end');
}

function readCentral(zip: Uint8Array, at: number, limit: number, ordinal: number): [Central, number] {
  const where = `central directory entry ${ordinal}`;
  if (at + CENTRAL_HEADER_BYTES > limit || u32(zip, at) !== CENTRAL_SIGNATURE) fail(`${where}: missing or truncated`);
  const nameLength = u16(zip, at + 28);
  const next = at + CENTRAL_HEADER_BYTES + nameLength + u16(zip, at + 30) + u16(zip, at + 32);
  if (nameLength === 0 || next > limit) fail(`${where}: bad name, extra field or comment length`);
  const nameBytes = zip.subarray(at + CENTRAL_HEADER_BYTES, at + CENTRAL_HEADER_BYTES + nameLength);
  let name: string;
  try {
    name = strictUtf8.decode(nameBytes);
  } catch {
    return fail(`${where}: name is not UTF-8`);
  }
  const central: Central = {
    name,
    nameBytes,
    flags: u16(zip, at + 8),
    method: u16(zip, at + 10),
    crc: u32(zip, at + 16),
    compressedSize: u32(zip, at + 20),
    size: u32(zip, at + 24),
    localOffset: u32(zip, at + 42),
  };
  if (central.flags & ENCRYPTED_FLAG) fail(`entry ${name}: encrypted entries are not supported`);
  if (central.method !== STORED && central.method !== DEFLATE) {
    fail(`entry ${name}: compression method ${central.method} is not supported (only stored and deflate)`);
  }
  if ([central.compressedSize, central.size, central.localOffset].includes(0xffffffff)) {
    fail(`entry ${name}: zip64 archives are not supported`);
  }
  return [central, next];
}

/** The entry's stored bytes and where the entry (with its data descriptor, if any) ends. */
function readLocal(zip: Uint8Array, central: Central, limit: number): [Uint8Array, number] {
  const where = `entry ${central.name}`;
  const at = central.localOffset;
  if (at + LOCAL_HEADER_BYTES > limit || u32(zip, at) !== LOCAL_SIGNATURE) fail(`${where}: no local header`);
  const nameLength = u16(zip, at + 26);
  const dataAt = at + LOCAL_HEADER_BYTES + nameLength + u16(zip, at + 28);
  const localName = zip.subarray(at + LOCAL_HEADER_BYTES, at + LOCAL_HEADER_BYTES + nameLength);
  if (!Buffer.from(localName).equals(central.nameBytes))
    fail(`${where}: local name differs from the central directory`);
  if (u16(zip, at + 8) !== central.method)
    fail(`${where}: local compression method differs from the central directory`);
  const described = (u16(zip, at + 6) & DESCRIPTOR_FLAG) !== 0;
  if (!described && (u32(zip, at + 14) !== central.crc || u32(zip, at + 18) !== central.compressedSize)) {
    fail(`${where}: local CRC-32 or size differs from the central directory`);
  }
  const dataEnd = dataAt + central.compressedSize;
  if (dataEnd > limit) fail(`${where}: data runs past the central directory`);
  let end = dataEnd;
  if (described) end += (dataEnd + 4 <= limit && u32(zip, dataEnd) === DESCRIPTOR_SIGNATURE ? 4 : 0) + 12;
  return [zip.subarray(dataAt, dataEnd), end];
}

function contentOf(central: Central, data: Uint8Array): Uint8Array {
  const where = `entry ${central.name}`;
  let bytes = data;
  if (central.method === DEFLATE) {
    try {
      bytes = inflateSync(data, { out: new Uint8Array(central.size) });
    } catch (error) {
      fail(`${where}: deflate data is corrupt (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (bytes.length !== central.size) fail(`${where}: holds ${bytes.length} bytes, the directory says ${central.size}`);
  if (crc32(bytes) !== central.crc) fail(`${where}: CRC-32 does not match the data`);
  return bytes;
}

/** Every file of the archive (directory entries left out), in central-directory order; throws ZipReadError. */
export function readZip(zip: Uint8Array): ZipEntry[] {
  if (!(zip instanceof Uint8Array) || zip.length < END_BYTES) fail('too short to be a zip archive');
  const endAt = findEnd(zip);
  const count = u16(zip, endAt + 10);
  const centralSize = u32(zip, endAt + 12);
  const centralAt = u32(zip, endAt + 16);
  if (u16(zip, endAt + 4) !== 0 || u16(zip, endAt + 6) !== 0 || u16(zip, endAt + 8) !== count) {
    fail('multi-disk archives are not supported');
  }
  if (count === 0xffff || centralAt === 0xffffffff) fail('zip64 archives are not supported');
  if (count === 0) fail('the archive is empty');
  if (centralAt + centralSize !== endAt) fail('the central directory is not directly before its end record');

  const centrals: Central[] = [];
  let at = centralAt;
  for (let i = 0; i < count; i++) {
    const [central, next] = readCentral(zip, at, endAt, i + 1);
    centrals.push(central);
    at = next;
  }
  if (at !== endAt) fail('bytes between the central directory and its end record');
  const names = new Set<string>();
  let total = 0;
  for (const central of centrals) {
    if (names.has(central.name)) fail(`entry ${central.name} appears twice`);
    names.add(central.name);
    total += central.size;
    if (total > MAX_TOTAL_BYTES) fail('the archive unpacks to more than 1 GiB');
  }

  // Entries must tile the space before the central directory, in any order, with nothing in between.
  const located = centrals
    .map((central) => ({ central, local: readLocal(zip, central, centralAt) }))
    .sort((a, b) => a.central.localOffset - b.central.localOffset);
  let expected = 0;
  for (const { central, local } of located) {
    if (central.localOffset !== expected) {
      fail(`${central.localOffset - expected} unaccounted byte(s) before entry ${central.name}, or entries overlap`);
    }
    expected = local[1];
  }
  if (expected !== centralAt) fail('unaccounted bytes between the last entry and the central directory');

  const bytesOf = new Map(located.map(({ central, local }) => [central, local[0]]));
  return centrals
    .filter((central) => !(central.name.endsWith('/') && central.size === 0))
    .map((central) => ({ name: central.name, bytes: contentOf(central, bytesOf.get(central)!) }));
}

/**
 * Archives made by zipping the unpacked folder itself hold every file under that folder's name
 * (`bundle/manifest.json`); the bundle is what is inside it.
 */
export function withoutEnclosingFolder(entries: readonly ZipEntry[], marker: string): ZipEntry[] {
  if (entries.some((entry) => entry.name === marker)) return [...entries];
  const folder = entries[0]?.name.split('/')[0];
  if (!folder || !entries.every((entry) => entry.name.startsWith(`${folder}/`))) return [...entries];
  return entries.map((entry) => ({ name: entry.name.slice(folder.length + 1), bytes: entry.bytes }));
}
