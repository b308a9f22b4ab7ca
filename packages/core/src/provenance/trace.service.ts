import type { Db } from '@baigou/db';
import { decodeCursor, encodeCursor } from '../shared/pagination';
import { csvDocument, csvLines, type Cell } from '../shared/tabular';
import { buildBundle } from './bundle';
import { signBytes } from './checkpoint';
import { EPCIS_CONTEXT, MPT_CONTEXT } from './epcis.events';
import { fromHex, leafHash, toHex } from './merkle';
import type { CheckpointView, InclusionProofView, ProvenanceLog, ProvenanceSigner } from './provenance.log';
import { provenanceErrors } from './provenance.errors';
import * as repository from './trace.repository';

/** The steps of the chain, in the order customs reads it (来源可溯、去向可查、责任可究). */
export const traceStages = ['registration', 'transaction', 'consolidation', 'declaration', 'customs', 'fx'] as const;
export type TraceStage = (typeof traceStages)[number];

const stageOf = (action: string, subjectKind: string): TraceStage => {
  if (['operator', 'merchant', 'purchaser'].includes(subjectKind)) return 'registration';
  if (subjectKind === 'transaction') return 'transaction';
  if (subjectKind === 'consolidation') return 'consolidation';
  if (subjectKind === 'fx_receipt') return 'fx';
  return action === 'declaration.created' ? 'declaration' : 'customs';
};

export interface TraceEventView {
  stage: TraceStage;
  eventId: string;
  eventType: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  eventTime: string;
  /** Index in the log; null while the sequencer has not reached the event. */
  leafIndex: number | null;
  /** The RFC 8785 canonical JSON that was hashed (leaf hash = SHA-256(0x00 ‖ UTF-8 bytes)). */
  canonical: string;
  leafHash: string;
  /** Inclusion proof against the returned checkpoint; null when the event is newer than it. */
  proof: InclusionProofView | null;
}

export interface TraceChainView {
  declaration: { id: string; entryNumber: string | null; status: string; createdAt: string };
  events: TraceEventView[];
}

export interface TracePageView {
  checkpoint: CheckpointView | null;
  items: TraceChainView[];
  nextCursor: string | null;
}

export interface TraceConsistencyView {
  fromSize: number;
  toSize: number;
  /** The checkpoint signed at `fromSize`, or null when none was signed at that size. */
  from: CheckpointView | null;
  to: CheckpointView | null;
  /** Hex, in RFC 9162 §2.1.4.1 order. */
  hashes: string[];
}

const ENTRY_NUMBER = /^\d{18}$/;

function parsed(canonical: string): unknown[] {
  try {
    return [JSON.parse(canonical)];
  } catch {
    return [];
  }
}

/**
 * Customs traceability (海关溯源查询): the whole chain behind declarations — parties, transactions with
 * their documents and price checks, consolidation and containers, the declaration with its merged-line
 * mapping, customs status, FX receipts — as the log's canonical events, each with an inclusion proof
 * against one signed checkpoint.
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
  async function chainOf(head: repository.DeclarationHead, checkpoint: CheckpointView | null): Promise<TraceChainView> {
    const rows = await repository.eventsOf(db, await repository.chainSubjects(db, head));
    const size = checkpoint?.treeSize ?? 0;
    const proved = rows.flatMap((row) =>
      row.leaf_index !== null && Number(row.leaf_index) < size ? [Number(row.leaf_index)] : [],
    );
    const proofs = await log.inclusionProofs(proved, size);
    const events = rows.map((row): TraceEventView => {
      const leafIndex = row.leaf_index === null ? null : Number(row.leaf_index);
      const canonical = Buffer.from(row.canonical);
      return {
        stage: stageOf(row.action, row.subject_kind),
        eventId: row.id,
        eventType: row.event_type,
        action: row.action,
        subjectKind: row.subject_kind,
        subjectId: row.subject_id,
        eventTime: new Date(row.event_time).toISOString(),
        leafIndex,
        canonical: canonical.toString('utf8'),
        leafHash: toHex(leafHash(canonical)),
        proof: leafIndex === null ? null : (proofs.get(leafIndex) ?? null),
      };
    });
    events.sort(
      (a, b) =>
        traceStages.indexOf(a.stage) - traceStages.indexOf(b.stage) ||
        (a.leafIndex ?? Infinity) - (b.leafIndex ?? Infinity),
    );
    return {
      declaration: {
        id: head.id,
        entryNumber: head.entry_number,
        status: head.status,
        createdAt: head.created_at.toISOString(),
      },
      events,
    };
  }

  /** The latest checkpoint, or the signed one of `treeSize`; `missing` is the error when there is none of that size. */
  async function checkpointFor(treeSize: number | undefined, missing: () => Error): Promise<CheckpointView | null> {
    if (treeSize === undefined) return log.latestCheckpoint();
    const pinned = await log.checkpointOf(treeSize);
    if (!pinned) throw missing();
    return pinned;
  }

  /** Chains of the declarations matching `filter`, a page at a time, all proved against one checkpoint. */
  async function trace(
    filter: repository.TraceFilter,
    page: { cursor?: string | undefined; limit: number },
  ): Promise<TracePageView> {
    const fingerprint = JSON.stringify(filter);
    // The cursor pins the checkpoint of the first page (its tree size), so later pages prove against the same tree.
    const position = page.cursor ? decodeCursor(page.cursor, fingerprint) : undefined;
    if (position && position.pin === undefined)
      throw provenanceErrors.invalidCursor({ fields: [{ path: '/querystring/cursor', message: 'invalid cursor' }] });
    const checkpoint = await checkpointFor(position?.pin, () =>
      provenanceErrors.invalidCursor({
        fields: [{ path: '/querystring/cursor', message: 'its checkpoint does not exist' }],
      }),
    );
    const heads = await repository.findDeclarations(db, filter, position, page.limit + 1);
    // The chains are independent reads: assembled concurrently, their queries overlap instead of queueing.
    const items: TraceChainView[] = await Promise.all(
      heads.slice(0, page.limit).map((head) => chainOf(head, checkpoint)),
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

  async function headOf(ref: string) {
    const [head] = await repository.findDeclarations(
      db,
      ENTRY_NUMBER.test(ref) ? { entryNumber: ref } : { declarationId: ref },
      undefined,
      1,
    );
    if (!head) throw provenanceErrors.declarationNotFound();
    return head;
  }

  /**
   * One declaration's chain (platform id or 18-digit customs entry number), proved against the latest
   * checkpoint or against the signed checkpoint of `treeSize` (events newer than it come without a proof).
   */
  async function declaration(ref: string, treeSize?: number): Promise<TracePageView> {
    const head = await headOf(ref);
    const checkpoint = await checkpointFor(treeSize, () =>
      provenanceErrors.checkpointNotFound({
        fields: [{ path: '/querystring/treeSize', message: 'no signed checkpoint of this size' }],
      }),
    );
    return { checkpoint, items: [await chainOf(head, checkpoint)], nextCursor: null };
  }

  /** Brings the log up to date, then answers the declaration's chain proved against a checkpoint covering all of it. */
  async function provedNow(ref: string) {
    const checkpoint = await log.sequenceAndCheckpoint();
    if (!checkpoint) throw new Error('the provenance log is empty');
    const head = await headOf(ref);
    return { head, checkpoint, chain: await chainOf(head, checkpoint) };
  }

  function epcisOf(chain: TraceChainView, creationDate: Date) {
    return {
      '@context': [EPCIS_CONTEXT, MPT_CONTEXT],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: creationDate.toISOString(),
      // Stored bytes that no longer parse (a damaged or tampered row) cannot be an EPCIS event; they still
      // go into the bundle's events.jsonl as they are, where verification names them.
      epcisBody: { eventList: chain.events.flatMap((event) => parsed(event.canonical)) },
    };
  }

  /** GS1 EPCIS 2.0 JSON-LD document of a declaration's chain: the stored events, unchanged. */
  async function epcisDocument(ref: string) {
    return epcisOf((await provedNow(ref)).chain, clock());
  }

  const CSV_HEADER: Cell[] = [
    '环节 stage',
    '日志序号 leafIndex',
    '事件时间 eventTime',
    '事件类型 eventType',
    '业务动作 action',
    '对象类型 subjectKind',
    '对象ID subjectId',
    '叶哈希 leafHash',
    '检查点规模 treeSize',
    '事件ID eventId',
  ];

  function csvOf(chain: TraceChainView) {
    const rows: Cell[][] = chain.events.map((event) => [
      event.stage,
      event.leafIndex,
      event.eventTime,
      event.eventType,
      event.action,
      event.subjectKind,
      event.subjectId,
      event.leafHash,
      event.proof?.treeSize ?? null,
      event.eventId,
    ]);
    return csvDocument(csvLines([CSV_HEADER, ...rows]));
  }

  /** The chain as a table for officers (CSV, UTF-8 BOM). */
  async function csv(ref: string) {
    const { head, chain } = await provedNow(ref);
    return { declarationId: head.id, csv: csvOf(chain) };
  }

  /**
   * 证据包: a signed ZIP of the chain's canonical events, their inclusion proofs, the checkpoint, the
   * public key, the EPCIS document and the CSV, that `pnpm cli verify-bundle` checks offline.
   */
  async function bundle(ref: string) {
    const { head, checkpoint, chain } = await provedNow(ref);
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
        { path: 'epcis.jsonld', bytes: Buffer.from(`${JSON.stringify(epcisOf(chain, clock()), null, 2)}\n`) },
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
  async function consistency(from: number, to: number): Promise<TraceConsistencyView> {
    const latest = await log.latestCheckpoint();
    if (!latest || to > latest.treeSize) {
      const signed = latest
        ? `the latest signed checkpoint has tree size ${latest.treeSize}`
        : 'no checkpoint is signed yet';
      throw provenanceErrors.checkpointNotFound({
        detail: `proofs are served between any sizes 1 ≤ from ≤ to ≤ the latest checkpoint; ${signed}`,
        fields: [{ path: '/querystring/to', message: signed }],
      });
    }
    const [fromCheckpoint, toCheckpoint, hashes] = await Promise.all([
      log.checkpointOf(from),
      to === latest.treeSize ? latest : log.checkpointOf(to),
      log.consistency(from, to),
    ]);
    return { fromSize: from, toSize: to, from: fromCheckpoint, to: toCheckpoint, hashes };
  }

  return { trace, declaration, epcisDocument, csv, bundle, consistency };
}

export type TraceService = ReturnType<typeof createTraceService>;
