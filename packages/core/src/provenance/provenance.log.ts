import type { KeyObject } from 'node:crypto';
import { provenanceCheckpoints, provenanceLeaves, provenanceSigningKeys, type Db, type DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import { columnList } from '../shared/sql';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint';
import {
  appendLeaves,
  consistencyProof,
  consistencyProofKeys,
  frontierKeys,
  inclusionProof,
  inclusionProofKeys,
  nodeKeyId,
  rootFrom,
  rootKeys,
  toHex,
  type NodeKey,
} from './merkle';
import { insertLeaves, insertNodes, nodesOf, takePending } from './provenance.sql';

/** The log's name, part of every signed checkpoint. */
export const LOG_NAME = 'baigou-mpt-1039-provenance';
/** pg_advisory_xact_lock key of the sequencer: one appender at a time, across processes. */
const SEQUENCER_LOCK = 1_039_000_001;
const SEQUENCE_BATCH = 5_000;

export interface ProvenanceSigner {
  keyId: string;
  publicKeyRaw: Uint8Array;
  privateKey: KeyObject;
}

/** A stored checkpoint as served and bundled: the signed tree head itself. */
export type CheckpointView = SignedCheckpoint;

export interface InclusionProofView {
  leafIndex: number;
  treeSize: number;
  hashes: string[];
}

const checkpoints = provenanceCheckpoints;
const signingKeys = provenanceSigningKeys;

const bytes = (value: unknown) => (Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array));

type NodeRow = { level: number; index: string | number; hash: Buffer } & Record<string, unknown>;

/** Reads the perfect-subtree hashes named by `keys`, in one query; answers a synchronous getter. */
export async function fetchNodes(db: DbOrTx, keys: readonly NodeKey[]) {
  const unique = [...new Map(keys.map((key) => [nodeKeyId(key), key])).values()];
  const found = new Map<string, Uint8Array>();
  if (unique.length) {
    const { rows } = await db.execute<NodeRow>(nodesOf(unique));
    for (const row of rows)
      found.set(nodeKeyId({ level: Number(row.level), index: Number(row.index) }), bytes(row.hash));
  }
  return (key: NodeKey) => found.get(nodeKeyId(key));
}

function checkpointView(row: Record<string, unknown>): CheckpointView {
  return {
    log: LOG_NAME,
    treeSize: Number(row.tree_size),
    rootHash: toHex(bytes(row.root_hash)),
    timestamp: new Date(row.issued_at as string | Date).toISOString(),
    keyId: row.key_id as string,
    signature: bytes(row.signature).toString('base64'),
  };
}

/** Appends up to `limit` pending events to the log; answers how many. Another process sequencing → 0. */
async function sequenceBatch(db: Db, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows: lock } = await tx.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) as locked`,
    );
    if (!lock[0]?.locked) return 0;
    const { rows: pending } = await tx.execute<{ event_id: string; leaf_hash: Buffer }>(takePending(limit));
    if (pending.length === 0) return 0;
    const size = await treeSizeOf(tx);
    const frontier = await fetchNodes(tx, frontierKeys(size));
    const appended = appendLeaves(
      size,
      frontier,
      pending.map((row) => bytes(row.leaf_hash)),
    );
    await tx.execute(
      insertLeaves(
        size,
        pending.map((row) => row.event_id),
      ),
    );
    await tx.execute(insertNodes(appended.nodes));
    return pending.length;
  });
}

async function treeSizeOf(tx: DbOrTx): Promise<number> {
  const { rows } = await tx.execute<{ size: string }>(
    sql`select coalesce(max(${provenanceLeaves.leafIndex}) + 1, 0) as size from ${provenanceLeaves}`,
  );
  return Number(rows[0]!.size);
}

async function latestCheckpointOf(tx: DbOrTx): Promise<CheckpointView | null> {
  const { rows } = await tx.execute(sql`select * from ${checkpoints} order by ${checkpoints.treeSize} desc limit 1`);
  return rows[0] ? checkpointView(rows[0]) : null;
}

/** Signs a checkpoint of the whole log when it has grown since the last one; answers the latest. */
async function checkpointIfGrown(db: Db, active: ProvenanceSigner, clock: () => Date): Promise<CheckpointView | null> {
  return db.transaction(async (tx) => {
    // The sequencer's lock: the size read here cannot move until this checkpoint is stored.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`);
    const size = await treeSizeOf(tx);
    const last = await latestCheckpointOf(tx);
    if (size === 0 || (last && last.treeSize >= size)) return last;
    const root = rootFrom(size, await fetchNodes(tx, rootKeys(size)));
    const signed = signCheckpoint(
      { log: LOG_NAME, treeSize: size, rootHash: toHex(root), timestamp: clock().toISOString() },
      active.privateKey,
    );
    const { rows } = await tx.execute(sql`
      insert into ${checkpoints} (${columnList([checkpoints.treeSize, checkpoints.rootHash, checkpoints.issuedAt, checkpoints.keyId, checkpoints.signature])})
      values (${size}, ${Buffer.from(root)}, ${signed.timestamp}, ${signed.keyId}, ${Buffer.from(signed.signature, 'base64')})
      returning *`);
    return checkpointView(rows[0]!);
  });
}

/** Inclusion proofs of many leaves against one tree size, from one node query. */
async function inclusionProofsOf(
  db: DbOrTx,
  leafIndices: readonly number[],
  size: number,
): Promise<Map<number, InclusionProofView>> {
  const get = await fetchNodes(
    db,
    leafIndices.flatMap((leafIndex) => inclusionProofKeys(leafIndex, size)),
  );
  return new Map(
    leafIndices.map((leafIndex) => [
      leafIndex,
      { leafIndex, treeSize: size, hashes: inclusionProof(leafIndex, size, get).map(toHex) },
    ]),
  );
}

async function publicKeysOf(db: DbOrTx) {
  const { rows } = await db.execute<{ key_id: string; algorithm: string; public_key: Buffer; created_at: Date }>(
    sql`select ${signingKeys.keyId}, ${signingKeys.algorithm}, ${signingKeys.publicKey}, ${signingKeys.createdAt} from ${signingKeys} order by ${signingKeys.createdAt}, ${signingKeys.keyId}`,
  );
  return rows.map((row) => ({
    keyId: row.key_id,
    algorithm: row.algorithm,
    publicKey: bytes(row.public_key).toString('base64'),
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

/**
 * The RFC 9162 log over the provenance events. Writers only insert events (provenance.events.ts); the
 * sequencer gives each committed event the next leaf index, stores every newly completed perfect
 * subtree, and the checkpointer signs `{treeSize, rootHash, timestamp}` with Ed25519 whenever the tree
 * has grown. Proofs are computed from the stored subtrees, so any checkpoint can be proved against.
 */
export function createProvenanceLog({
  db,
  signer,
  clock = () => new Date(),
}: {
  db: Db;
  signer?: ProvenanceSigner;
  clock?: () => Date;
}) {
  let keyRegistered = false;

  /** Appends up to SEQUENCE_BATCH pending events; answers how many. Another process sequencing → 0. */
  const sequence = (limit = SEQUENCE_BATCH) => sequenceBatch(db, limit);

  async function registerKey(active: ProvenanceSigner) {
    if (keyRegistered) return;
    await db.execute(
      sql`insert into ${signingKeys} (${columnList([signingKeys.keyId, signingKeys.publicKey])}) values (${active.keyId}, ${Buffer.from(active.publicKeyRaw)}) on conflict (${columnList([signingKeys.keyId])}) do nothing`,
    );
    keyRegistered = true;
  }

  function requireSigner(): ProvenanceSigner {
    if (!signer) throw new Error('this process has no provenance signing key');
    return signer;
  }

  /** Signs a checkpoint of the whole log when it has grown since the last one; answers the latest. */
  async function checkpoint(): Promise<CheckpointView | null> {
    const active = requireSigner();
    await registerKey(active);
    return checkpointIfGrown(db, active, clock);
  }

  /** Sequences everything pending, then signs a checkpoint if the tree grew. */
  async function sequenceAndCheckpoint(): Promise<CheckpointView | null> {
    while ((await sequence()) === SEQUENCE_BATCH);
    return checkpoint();
  }

  async function checkpointOf(size: number): Promise<CheckpointView | null> {
    const { rows } = await db.execute(sql`select * from ${checkpoints} where ${checkpoints.treeSize} = ${size}`);
    return rows[0] ? checkpointView(rows[0]) : null;
  }

  return {
    sequence,
    sequenceAndCheckpoint,
    checkpoint,
    latestCheckpoint: (tx: DbOrTx = db) => latestCheckpointOf(tx),
    checkpointOf,
    inclusionProofs: (leafIndices: readonly number[], size: number) => inclusionProofsOf(db, leafIndices, size),
    consistency: async (from: number, to: number): Promise<string[]> =>
      consistencyProof(from, to, await fetchNodes(db, consistencyProofKeys(from, to))).map(toHex),
    treeSize: (tx: DbOrTx = db) => treeSizeOf(tx),
    publicKeys: () => publicKeysOf(db),
    registerKey: () => registerKey(requireSigner()),
  };
}

export type ProvenanceLog = ReturnType<typeof createProvenanceLog>;
