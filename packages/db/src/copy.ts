import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DbOrTx } from './client';

/**
 * COPY … FROM STDIN on the connection of a drizzle transaction, for the few writes of tens of
 * thousands of rows (a subsidy period's claim-line sources): several times faster than an INSERT of
 * the same rows, and still inside the caller's transaction, so it commits or rolls back with it.
 * Statement triggers (with their transition tables), constraints and indexes apply as to an INSERT.
 */

export type CopyValue = string | number | boolean | null;

const SPECIAL = /[\\\t\n\r]/;

/** A field of COPY text format: `\N` for null, backslash, tab and line breaks escaped. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A bytea value (`\x…`), for copyRow (which escapes the backslash). */
export const copyBytes = (bytes: Uint8Array) =>
  `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;

export const copyRow = (fields: readonly CopyValue[]) => `${fields.map(copyField).join('\t')}\n`;

/**
 * The pg connection behind a drizzle transaction (drizzle-orm 0.45's node-postgres session keeps it
 * as `session.client`). A pool is refused: COPY must run on the transaction's own connection.
 */
function connectionOf(tx: DbOrTx): pg.PoolClient {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as
    (pg.PoolClient & { totalCount?: unknown }) | undefined;
  if (!client || typeof client.query !== 'function' || 'totalCount' in client)
    throw new Error('copyRows needs a transaction (db.transaction), not the pool');
  return client;
}

const ROWS_PER_CHUNK = 2_000;

/** Copies `rows` (values in `columns` order) into `table` on the transaction's connection. */
export async function copyRows(
  tx: DbOrTx,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const client = connectionOf(tx);
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const target = `${quoted(table)} (${columns.map(quoted).join(', ')})`;
  await pipeline(Readable.from(chunks(rows)), client.query(copyFrom(`copy ${target} from stdin`)));
}

function* chunks(rows: readonly (readonly CopyValue[])[]) {
  for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
    let text = '';
    for (const row of rows.slice(start, start + ROWS_PER_CHUNK)) text += copyRow(row);
    yield text;
  }
}
