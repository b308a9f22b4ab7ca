import { csvDocument, csvLines, type Cell } from '../shared/tabular';
import { EPCIS_CONTEXT, MPT_CONTEXT } from './epcis.events';
import { leafHash, toHex } from './merkle';
import type { CheckpointView, InclusionProofView } from './provenance.log';
import type { DeclarationHead, EventRow, TraceFilter } from './trace.repository';
import { ENTRY_NUMBER, traceStages, USCC, type TraceQuery, type TraceStage } from './trace.schemas';

/** Pure parts of traceability: what a stored event is shown as, and the EPCIS and CSV renderings of a chain. */

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

const stageOf = (action: string, subjectKind: string): TraceStage => {
  if (['operator', 'merchant', 'purchaser'].includes(subjectKind)) return 'registration';
  if (subjectKind === 'transaction') return 'transaction';
  if (subjectKind === 'consolidation') return 'consolidation';
  if (subjectKind === 'fx_receipt') return 'fx';
  return action === 'declaration.created' ? 'declaration' : 'customs';
};

/** The repository filter of a query: a declaration and a merchant are each named by platform id or by their own number. */
export function filterOf({
  declaration,
  merchant,
  purchaser,
  ...rest
}: Omit<TraceQuery, 'cursor' | 'limit'>): TraceFilter {
  return {
    ...rest,
    purchaserId: purchaser,
    ...(declaration
      ? ENTRY_NUMBER.test(declaration)
        ? { entryNumber: declaration }
        : { declarationId: declaration }
      : {}),
    ...(merchant ? (USCC.test(merchant) ? { merchantUscc: merchant } : { merchantId: merchant }) : {}),
  };
}

/**
 * A declaration's chain from its stored events, in the order customs reads it (stage, then log order),
 * each with its proof among `proofs` (none for events the checkpoint does not cover).
 */
export function chainView(
  head: DeclarationHead,
  rows: readonly EventRow[],
  proofs: ReadonlyMap<number, InclusionProofView>,
): TraceChainView {
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

function parsed(canonical: string): unknown[] {
  try {
    return [JSON.parse(canonical)];
  } catch {
    return [];
  }
}

/** GS1 EPCIS 2.0 JSON-LD document of a chain: the stored events, unchanged. */
export function epcisOf(chain: TraceChainView, creationDate: Date) {
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

/** A chain as a table for officers (CSV, UTF-8 BOM). */
export function csvOf(chain: TraceChainView) {
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
