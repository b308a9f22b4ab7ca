/**
 * Part 1 of `pnpm bench:trace`: provenance events appended and covered by a signed checkpoint.
 *
 * `writers` concurrent loops each commit database transactions of `batch` events built with the real
 * builder (transactionRecordedEvents, `lines` goods lines each, price checks as the API wrote them)
 * and stored with the real recordEvents; meanwhile the worker's checkpointer (startCheckpointer over
 * createProvenanceLog, every `intervalMs`) sequences and signs. The clock runs from the first insert
 * until a signed checkpoint covers the last event. Baseline in the same run: as many plain INSERTs of
 * the same canonical bytes, in the same batches from as many writers, into a scratch table with no log.
 */
import { randomUUID } from 'node:crypto';
import {
  canonicalBytes,
  completeEvent,
  recordEvents,
  transactionRecordedEvents,
  type ProvenanceLog,
  type TransactionLineFacts,
} from '@baigou/core';
import type { Database } from '@baigou/db';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { startCheckpointer } from '../../services/worker/src/checkpointer';
import type { BenchOperator } from './trace-setup';
import { percentile } from './bench-support';
import { LINE_REMARK, saleDocuments } from './bench-goods';

export interface LineTemplate {
  hsCode: string;
  hsCodeSource: string | null;
  description: string;
  unit: string;
  unitPrice: string;
  productTypeCode: string | null;
  candidates: string;
  priceCheck: string;
  /** `priceCheck` parsed once: a service has the object in hand when it builds the event. */
  priceCheckValue: Record<string, unknown>;
  priceLibraryVersionId: string;
  matchRecordId: string;
}

export interface AppendFigures {
  events: number;
  batches: number;
  seconds: number;
  lastCommitSeconds: number;
  canonicalBytes: number;
  batchMs: number[];
  checkpoints: number;
  finalTreeSize: number;
  baselineSeconds: number;
  baselineBatchMs: number[];
  /** CPU of canonicalBytes alone per event of this kind, measured after the run on this process. */
  canonicalMsPerEvent: number;
}

/** Milliseconds of canonicalBytes per event (the RFC 8785 step recordEvents runs in the writer's process). */
function canonicalCost(operator: BenchOperator, templates: readonly LineTemplate[], lines: number): number {
  const inputs = transactionRecordedEvents(
    Array.from({ length: 300 }, (_, i) => saleFacts(operator, templates, i, lines, new Date())),
  );
  const events = inputs.map((input) => completeEvent(randomUUID(), input));
  for (const event of events.slice(0, 100)) canonicalBytes(event);
  const started = performance.now();
  for (const event of events.slice(100)) canonicalBytes(event);
  return (performance.now() - started) / 200;
}

/** The facts of one sale of `lines` lines, for the builder. */
export function saleFacts(
  operator: BenchOperator,
  templates: readonly LineTemplate[],
  n: number,
  lines: number,
  at: Date,
) {
  const id = randomUUID();
  const lineFacts: TransactionLineFacts[] = Array.from({ length: lines }, (_, l) => {
    const template = templates[(n * 3 + l * 5) % templates.length]!;
    const quantity = String(10 + ((n * 31 + l * 17) % 190));
    return {
      id: randomUUID(),
      lineNo: l + 1,
      description: template.description,
      spec: null,
      quantity: `${quantity}.000000`,
      unit: template.unit,
      unitPrice: template.unitPrice,
      amount: (Number(quantity) * Number(template.unitPrice)).toFixed(2),
      hsCode: template.hsCode,
      hsCodeSource: template.hsCodeSource,
      productTypeCode: template.productTypeCode,
      priceCheck: template.priceCheckValue,
      priceLibraryVersionId: template.priceLibraryVersionId,
      remark: LINE_REMARK,
    };
  });
  const total = lineFacts.reduce((sum, line) => sum + Number(line.amount), 0).toFixed(2);
  return {
    transaction: {
      id,
      tradingNo: `BG${at.toISOString().slice(0, 10).replaceAll('-', '')}${String(700_000_000 + n)}`,
      operatorOrgId: operator.orgId,
      merchantId: operator.merchants[n % operator.merchants.length]!,
      purchaserId: operator.purchasers[n % operator.purchasers.length]!,
      tradeDate: at.toISOString().slice(0, 10),
      settlementMethod: 'bank_transfer',
      currency: 'CNY',
      totalAmount: total,
      status: 'submitted',
      remark: null,
      createdAt: at,
    },
    lines: lineFacts,
    documents: saleDocuments(n),
  };
}

async function coveredSize(database: Database): Promise<number> {
  const { rows } = await database.db.execute<{ size: string | null }>(
    sql`select max(tree_size) as size from provenance_checkpoints`,
  );
  return Number(rows[0]?.size ?? 0);
}

export async function appendBench(
  database: Database,
  log: ProvenanceLog,
  operator: BenchOperator,
  templates: readonly LineTemplate[],
  options: { events: number; writers: number; batch: number; lines: number; intervalMs: number },
): Promise<AppendFigures> {
  const { db } = database;
  // Start from an empty queue and a checkpoint covering everything so far.
  await log.sequenceAndCheckpoint();
  const { rows: before } = await db.execute<{ count: string }>(sql`select count(*) as count from provenance_events`);
  const target = Number(before[0]!.count) + options.events;
  const batches = Math.ceil(options.events / options.batch);
  const written: Buffer[][] = Array.from({ length: batches });
  const batchMs: number[] = [];
  let nextBatch = 0;
  let canonicalBytes = 0;

  const checkpointer = startCheckpointer({ log, intervalMs: options.intervalMs, logger: pino({ level: 'warn' }) });
  const started = performance.now();
  try {
    const writer = async () => {
      for (let b = nextBatch++; b < batches; b = nextBatch++) {
        const count = Math.min(options.batch, options.events - b * options.batch);
        const sent = performance.now();
        const recorded = await db.transaction(async (tx) => {
          const at = new Date();
          const sales = Array.from({ length: count }, (_, i) =>
            saleFacts(operator, templates, b * options.batch + i, options.lines, at),
          );
          return recordEvents(tx, transactionRecordedEvents(sales));
        });
        batchMs.push(performance.now() - sent);
        written[b] = recorded.map((event) => event.canonical);
        for (const event of recorded) canonicalBytes += event.canonical.length;
      }
    };
    await Promise.all(Array.from({ length: options.writers }, writer));
    const lastCommitSeconds = (performance.now() - started) / 1_000;
    let size = await coveredSize(database);
    while (size < target) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      size = await coveredSize(database);
    }
    const seconds = (performance.now() - started) / 1_000;
    await checkpointer.stop();
    const { rows: after } = await db.execute<{ count: string }>(
      sql`select count(*) as count from provenance_checkpoints`,
    );

    // Baseline: the same bytes, batches and writers, plain INSERTs into a table without the log.
    await db.execute(sql`create table bench_plain_events (id uuid primary key, canonical bytea not null)`);
    const baselineBatchMs: number[] = [];
    let next = 0;
    const baselineStarted = performance.now();
    const plainWriter = async () => {
      for (let b = next++; b < batches; b = next++) {
        const bytes = written[b]!;
        const sent = performance.now();
        await db.transaction(async (tx) => {
          await tx.execute(sql`insert into bench_plain_events (id, canonical)
            select * from unnest(${sql.param(bytes.map(() => randomUUID()))}::uuid[], ${sql.param(bytes)}::bytea[])`);
        });
        baselineBatchMs.push(performance.now() - sent);
      }
    };
    await Promise.all(Array.from({ length: options.writers }, plainWriter));
    const baselineSeconds = (performance.now() - baselineStarted) / 1_000;
    batchMs.sort((a, b) => a - b);
    baselineBatchMs.sort((a, b) => a - b);
    const canonicalMsPerEvent = canonicalCost(operator, templates, options.lines);
    return {
      events: options.events,
      batches,
      seconds,
      lastCommitSeconds,
      canonicalBytes,
      batchMs,
      checkpoints: Number(after[0]!.count),
      finalTreeSize: size,
      baselineSeconds,
      baselineBatchMs,
      canonicalMsPerEvent,
    };
  } finally {
    await checkpointer.stop();
  }
}

export const batchPercentiles = (sorted: readonly number[]) =>
  [percentile(sorted, 50), percentile(sorted, 95)] as const;
