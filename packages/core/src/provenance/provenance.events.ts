import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import { canonicalBytes } from './canonical';
import { EPCIS_CONTEXT, MPT_CONTEXT, type ProvenanceEventInput } from './epcis.events';
import { leafHash } from './merkle';

export interface RecordedEvent {
  id: string;
  canonical: Buffer;
}

/** The full EPCIS event as hashed: JSON-LD context, `urn:uuid` eventID, then the builder's fields. */
export function completeEvent(id: string, input: ProvenanceEventInput) {
  return { '@context': [EPCIS_CONTEXT, MPT_CONTEXT], eventID: `urn:uuid:${id}`, ...input.event };
}

/**
 * Records provenance events in the caller's database transaction, so an event exists if and only if
 * the state change it describes committed. Each event is stored as its RFC 8785 canonical bytes with
 * its RFC 9162 leaf hash, and queued for the sequencer, which gives it the next leaf index of the log
 * (an insert here never waits on other writers). Two statements, whatever the number of events.
 */
export async function recordEvents(tx: DbOrTx, inputs: readonly ProvenanceEventInput[]): Promise<RecordedEvent[]> {
  return insertPreparedEvents(tx, prepareEvents(inputs));
}

/** An event with its id, canonical bytes and leaf hash, ready to insert. */
export interface PreparedEvent {
  id: string;
  input: ProvenanceEventInput;
  canonical: Buffer;
  leaf: Buffer;
}

/**
 * recordEvents in two halves, for a writer that has the CPU-bound half (canonical bytes, hashes) run
 * while its database is busy with an earlier statement: prepare, then insert in the transaction.
 */
export const prepareEvents = (inputs: readonly ProvenanceEventInput[]): PreparedEvent[] =>
  inputs.map((input) => {
    const id = randomUUID();
    const canonical = Buffer.from(canonicalBytes(completeEvent(id, input)));
    return { id, input, canonical, leaf: Buffer.from(leafHash(canonical)) };
  });

export async function insertPreparedEvents(tx: DbOrTx, rows: readonly PreparedEvent[]): Promise<RecordedEvent[]> {
  if (rows.length === 0) return [];
  const related = rows.map((row) => `{${row.input.related.join(',')}}`);
  await tx.execute(sql`
    with inserted as (
      insert into provenance_events (id, event_type, action, subject_kind, subject_id, related_ids, event_time, canonical, leaf_hash)
      select e.id, e.event_type, e.action, e.subject_kind, e.subject_id, e.related::uuid[], e.event_time, e.canonical, e.leaf_hash
      from unnest(
        ${sql.param(rows.map((row) => row.id))}::uuid[], ${sql.param(rows.map((row) => row.input.event.type))}::text[],
        ${sql.param(rows.map((row) => row.input.action))}::text[], ${sql.param(rows.map((row) => row.input.subject.kind))}::text[],
        ${sql.param(rows.map((row) => row.input.subject.id))}::uuid[], ${sql.param(related)}::text[],
        ${sql.param(rows.map((row) => row.input.event.eventTime))}::timestamptz[],
        ${sql.param(rows.map((row) => row.canonical))}::bytea[], ${sql.param(rows.map((row) => row.leaf))}::bytea[]
      ) as e(id, event_type, action, subject_kind, subject_id, related, event_time, canonical, leaf_hash)
      returning id, seq
    )
    insert into provenance_pending (event_id, seq) select id, seq from inserted`);
  return rows.map((row) => ({ id: row.id, canonical: row.canonical }));
}
