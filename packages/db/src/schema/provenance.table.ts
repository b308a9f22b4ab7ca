import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Raw bytes (canonical event JSON, SHA-256 hashes, signatures) as Node Buffers. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 }).notNull().defaultNow();

/**
 * 溯源事件: one state change with GS1 EPCIS 2.0 meaning, stored as its RFC 8785 canonical bytes, the
 * bytes that are hashed into the Merkle log (leaf hash = SHA-256(0x00 ‖ canonical)). `subject_*` and
 * `related_ids` index what the event concerns for trace queries; they are not part of what is hashed
 * (the canonical event names the same entities). Append-only (trigger).
 */
export const provenanceEvents = pgTable(
  'provenance_events',
  {
    id: uuid('id').primaryKey(),
    /** Arrival order; gaps are possible. The log order is the leaf index, given by the sequencer. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique('provenance_events_seq_uq'),
    eventType: text('event_type').notNull(),
    /** What happened, in the platform's words: 'transaction.recorded', 'declaration.released', … */
    action: text('action').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    relatedIds: uuid('related_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    eventTime: timestamp('event_time', { withTimezone: true, precision: 3 }).notNull(),
    canonical: bytea('canonical').notNull(),
    leafHash: bytea('leaf_hash').notNull(),
    recordedAt: at('recorded_at'),
  },
  (t) => [
    index('provenance_events_subject_idx').on(t.subjectId, t.seq),
    index('provenance_events_related_idx').using('gin', t.relatedIds),
    check('provenance_events_leaf_hash_check', sql`octet_length(${t.leafHash}) = 32`),
  ],
);

/** Events recorded but not yet given a leaf index: the sequencer's work queue (rows are deleted when sequenced). */
export const provenancePending = pgTable('provenance_pending', {
  eventId: uuid('event_id')
    .primaryKey()
    .references(() => provenanceEvents.id),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

/** The log: leaf index → event, contiguous from 0, never reused (primary key + contiguity trigger). Append-only. */
export const provenanceLeaves = pgTable('provenance_leaves', {
  leafIndex: bigint('leaf_index', { mode: 'number' }).primaryKey(),
  eventId: uuid('event_id')
    .notNull()
    .unique('provenance_leaves_event_uq')
    .references(() => provenanceEvents.id),
  sequencedAt: at('sequenced_at'),
});

/**
 * Hash of every complete, aligned perfect subtree of the RFC 9162 tree: (level, index) covers leaves
 * [index·2^level, (index+1)·2^level); level 0 holds the leaf hashes. Complete subtrees never change, so
 * any root and any inclusion or consistency proof is computed from these rows. Append-only.
 */
export const provenanceTreeNodes = pgTable(
  'provenance_tree_nodes',
  {
    level: smallint('level').notNull(),
    index: bigint('index', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ name: 'provenance_tree_nodes_pk', columns: [t.level, t.index] })],
);

/** Ed25519 public keys that have signed checkpoints or bundles; published at /v1/trace/keys. Append-only. */
export const provenanceSigningKeys = pgTable('provenance_signing_keys', {
  keyId: text('key_id').primaryKey(),
  algorithm: text('algorithm').notNull().default('Ed25519'),
  publicKey: bytea('public_key').notNull(),
  createdAt: at('created_at'),
});

/** Signed tree heads {treeSize, rootHash, timestamp}. Append-only. */
export const provenanceCheckpoints = pgTable(
  'provenance_checkpoints',
  {
    treeSize: bigint('tree_size', { mode: 'number' }).primaryKey(),
    rootHash: bytea('root_hash').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, precision: 3 }).notNull(),
    keyId: text('key_id')
      .notNull()
      .references(() => provenanceSigningKeys.keyId),
    signature: bytea('signature').notNull(),
  },
  (t) => [index('provenance_checkpoints_issued_idx').on(t.issuedAt)],
);
