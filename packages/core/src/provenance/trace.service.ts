import type { Db } from '@baigou/db';
import { decodeCursor, encodeCursor } from '../shared/pagination';
import { buildBundle } from './bundle';
import { signBytes } from './checkpoint';
import { fromHex } from './merkle';
import type { CheckpointView, ProvenanceLog, ProvenanceSigner } from './provenance.log';
import { provenanceErrors } from './provenance.errors';
import { chainView, csvOf, epcisOf, filterOf, type TraceChainView, type TracePageView } from './trace.models';
import * as repository from './trace.repository';
import { ENTRY_NUMBER, type TraceConsistencyView, type TraceQuery } from './trace.schemas';

export type { TraceChainView, TraceEventView, TracePageView } from './trace.models';

interface TraceDeps {
  db: Db;
  log: ProvenanceLog;
  signer: ProvenanceSigner;
  clock: () => Date;
}

/** A declaration's chain, every event the checkpoint covers with its inclusion proof. */
async function chainOf(
  { db, log }: TraceDeps,
  head: repository.DeclarationHead,
  checkpoint: CheckpointView | null,
): Promise<TraceChainView> {
  const rows = await repository.eventsOf(db, await repository.chainSubjects(db, head));
  const size = checkpoint?.treeSize ?? 0;
  const proved = rows.flatMap((row) =>
    row.leaf_index !== null && Number(row.leaf_index) < size ? [Number(row.leaf_index)] : [],
  );
  return chainView(head, rows, await log.inclusionProofs(proved, size));
}

/** The latest checkpoint, or the signed one of `treeSize`; `missing` is the error when there is none of that size. */
async function checkpointFor(
  log: ProvenanceLog,
  treeSize: number | undefined,
  missing: () => Error,
): Promise<CheckpointView | null> {
  if (treeSize === undefined) return log.latestCheckpoint();
  const pinned = await log.checkpointOf(treeSize);
  if (!pinned) throw missing();
  return pinned;
}

/** Chains of the declarations matching `filter`, a page at a time, all proved against one checkpoint. */
async function tracePage(
  deps: TraceDeps,
  filter: repository.TraceFilter,
  page: { cursor?: string | undefined; limit: number },
): Promise<TracePageView> {
  const fingerprint = JSON.stringify(filter);
  // The cursor pins the checkpoint of the first page (its tree size), so later pages prove against the same tree.
  const position = page.cursor ? decodeCursor(page.cursor, fingerprint) : undefined;
  if (position && position.pin === undefined)
    throw provenanceErrors.invalidCursor({ fields: [{ path: '/querystring/cursor', message: 'invalid cursor' }] });
  const checkpoint = await checkpointFor(deps.log, position?.pin, () =>
    provenanceErrors.invalidCursor({
      fields: [{ path: '/querystring/cursor', message: 'its checkpoint does not exist' }],
    }),
  );
  const heads = await repository.findDeclarations(deps.db, filter, position, page.limit + 1);
  // The chains are independent reads: assembled concurrently, their queries overlap instead of queueing.
  const items: TraceChainView[] = await Promise.all(
    heads.slice(0, page.limit).map((head) => chainOf(deps, head, checkpoint)),
  );
  const last = heads.length > page.limit ? heads[page.limit - 1] : undefined;
  return {
    checkpoint,
    items,
    nextCursor: last
      ? encodeCursor(
          { createdAt: last.created_at.toISOString(), id: last.id, pin: checkpoint?.treeSize ?? 0 },
          fingerprint,
        )
      : null,
  };
}

/** The declaration a reference names (platform id or 18-digit customs entry number); not found otherwise. */
async function headOf(db: Db, ref: string) {
  const [head] = await repository.findDeclarations(
    db,
    ENTRY_NUMBER.test(ref) ? { entryNumber: ref } : { declarationId: ref },
    undefined,
    1,
  );
  if (!head) throw provenanceErrors.declarationNotFound();
  return head;
}

/** Brings the log up to date, then answers the declaration's chain proved against a checkpoint covering all of it. */
async function provedNow(deps: TraceDeps, ref: string) {
  const checkpoint = await deps.log.sequenceAndCheckpoint();
  if (!checkpoint) throw new Error('the provenance log is empty');
  const head = await headOf(deps.db, ref);
  return { head, checkpoint, chain: await chainOf(deps, head, checkpoint) };
}

/**
 * 证据包: a signed ZIP of the chain's canonical events, their inclusion proofs, the checkpoint, the
 * public key, the EPCIS document and the CSV, that `pnpm cli verify-bundle` checks offline.
 */
async function bundleOf(deps: TraceDeps, ref: string) {
  const { signer } = deps;
  const { head, checkpoint, chain } = await provedNow(deps, ref);
  const unproved = chain.events.filter((event) => !event.proof);
  if (unproved.length)
    throw new Error(
      `events ${unproved.map((event) => event.eventId).join(', ')} are not covered by checkpoint ${checkpoint.treeSize}`,
    );
  if (checkpoint.keyId !== signer.keyId)
    throw new Error(
      `checkpoint ${checkpoint.treeSize} is signed by key ${checkpoint.keyId}, not this process's key ${signer.keyId}`,
    );
  const zip = buildBundle({
    events: chain.events.map((event) => ({
      leafIndex: event.leafIndex!,
      canonical: Buffer.from(event.canonical, 'utf8'),
      proof: event.proof!.hashes.map(fromHex),
    })),
    checkpoint,
    publicKeyRaw: signer.publicKeyRaw,
    attachments: [
      { path: 'epcis.jsonld', bytes: Buffer.from(`${JSON.stringify(epcisOf(chain, deps.clock()), null, 2)}\n`) },
      { path: 'trace.csv', bytes: Buffer.from(csvOf(chain)) },
    ],
    subject: {
      kind: 'declaration',
      id: head.id,
      ...(head.entry_number ? { label: `报关单 ${head.entry_number}` } : {}),
    },
    sign: (bytes) => signBytes(bytes, signer.privateKey),
  });
  return { declarationId: head.id, zip };
}

/**
 * An RFC 9162 consistency proof between any two tree sizes up to the latest signed checkpoint, as a
 * CT log serves them (get-sth-consistency), with the checkpoints signed at either size where there
 * are. The tree beyond the latest checkpoint is not yet committed to by a signature, so it is refused.
 */
async function consistencyOf(log: ProvenanceLog, fromSize: number, toSize: number): Promise<TraceConsistencyView> {
  const latest = await log.latestCheckpoint();
  if (!latest || toSize > latest.treeSize) {
    const signed = latest
      ? `the latest signed checkpoint has tree size ${latest.treeSize}`
      : 'no checkpoint is signed yet';
    throw provenanceErrors.checkpointNotFound({
      detail: `proofs are served between any sizes 1 ≤ from ≤ to ≤ the latest checkpoint; ${signed}`,
      fields: [{ path: '/querystring/to', message: signed }],
    });
  }
  const [from, to, hashes] = await Promise.all([
    log.checkpointOf(fromSize),
    toSize === latest.treeSize ? latest : log.checkpointOf(toSize),
    log.consistency(fromSize, toSize),
  ]);
  return { fromSize, toSize, from, to, hashes };
}

/**
 * Customs traceability (海关溯源查询): the whole chain behind declarations — parties, transactions with
 * their documents and price checks, consolidation and containers, the declaration with its merged-line
 * mapping, customs status, FX receipts — as the log's canonical events, each with an inclusion proof
 * against one signed checkpoint; and the log's signed checkpoints and keys themselves.
 */
export function createTraceService({
  db,
  log,
  signer,
  clock = () => new Date(),
}: {
  db: Db;
  log: ProvenanceLog;
  signer: ProvenanceSigner;
  clock?: () => Date;
}) {
  const deps: TraceDeps = { db, log, signer, clock };
  return {
    /** Chains of the declarations matching all criteria of `query`, a page at a time, all proved against one checkpoint. */
    async trace(query: TraceQuery): Promise<TracePageView> {
      const { cursor, limit, ...criteria } = query;
      return tracePage(deps, filterOf(criteria), { cursor, limit });
    },

    /**
     * One declaration's chain (platform id or 18-digit customs entry number), proved against the latest
     * checkpoint or against the signed checkpoint of `treeSize` (events newer than it come without a proof).
     */
    async declaration(ref: string, treeSize?: number): Promise<TracePageView> {
      const head = await headOf(db, ref);
      const checkpoint = await checkpointFor(log, treeSize, () =>
        provenanceErrors.checkpointNotFound({
          fields: [{ path: '/querystring/treeSize', message: 'no signed checkpoint of this size' }],
        }),
      );
      return { checkpoint, items: [await chainOf(deps, head, checkpoint)], nextCursor: null };
    },

    /** GS1 EPCIS 2.0 JSON-LD document of a declaration's chain: the stored events, unchanged. */
    epcisDocument: async (ref: string) => epcisOf((await provedNow(deps, ref)).chain, clock()),

    /** The chain as a table for officers (CSV, UTF-8 BOM). */
    async csv(ref: string) {
      const { head, chain } = await provedNow(deps, ref);
      return { declarationId: head.id, csv: csvOf(chain) };
    },

    bundle: (ref: string) => bundleOf(deps, ref),

    /** The latest signed checkpoint; not found while the log has none. */
    async latestCheckpoint(): Promise<CheckpointView> {
      const checkpoint = await log.latestCheckpoint();
      if (!checkpoint) throw provenanceErrors.checkpointNotFound({ detail: 'the log has no checkpoint yet' });
      return checkpoint;
    },

    /** The signed checkpoint of a tree size; not found when none was signed at that size. */
    async checkpoint(treeSize: number): Promise<CheckpointView> {
      const signed = await log.checkpointOf(treeSize);
      if (!signed) throw provenanceErrors.checkpointNotFound();
      return signed;
    },

    consistency: (fromSize: number, toSize: number) => consistencyOf(log, fromSize, toSize),

    /** Every key that has signed checkpoints or bundles. */
    publicKeys: async () => ({ items: await log.publicKeys() }),
  };
}

export type TraceService = ReturnType<typeof createTraceService>;
