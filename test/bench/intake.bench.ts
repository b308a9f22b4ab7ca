import { openBenchEnvironment, startBenchApi } from './bench-environment';
import { percentile } from './bench-support';
/**
 * `pnpm bench:intake`: ours against a bare COPY of the same rows, in one run, with the ratio.
 *
 * Ours: transactions through POST /v1/transactions/batch on the real API (auth, rate limit,
 * idempotency, full validation, reference codes, matching and price check, excluded goods, and
 * persistence in one PG transaction per batch: trading numbers, transactions, lines, documents,
 * match records, status history, price observations, intake statistics and one provenance event per
 * transaction) over HTTP on 127.0.0.1, for BENCH_DURATION_S (default 60) from BENCH_CLIENTS
 * (default 3) clients, after a short warm-up.
 *
 * Then, in the same run, bare COPYs (pg-copy-streams) of as many transactions as the API created,
 * each a copy of one API-written transaction's rows with new ids, trading numbers, clientRefs and
 * document hashes: first the same rows into the same tables, every table the API writes for a
 * transaction (transactions, price_match_records, transaction_lines, transaction_documents,
 * transaction_status_history, price_observations, provenance_events, provenance_pending), which the
 * ≥ 25 % target is judged against; then, for reference, only the sale and its provenance (no match
 * records, status history or price observations). The rows the API wrote per table in the measured
 * run are printed beside the COPY's, so the two can be compared.
 *
 * The API runs in this process (startApi), so process.memoryUsage() is the API's memory plus the few
 * clients'; it is sampled raw (start, end, peak), and after a forced full GC at start, every
 * TRAIL_SECONDS and at the end; the start and end after GC decide "memory flat", the trail shows
 * whether retained memory keeps climbing (a leak) or rises and falls back (allocator high-water).
 *
 * DATABASE_URL (any database on the server; a scratch one is cloned from the test template and dropped)
 * and REDIS_URL as for the tests; BENCH_BATCH_TRANSACTIONS (default 50) and BENCH_LINES (default 8).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { chinaDate, createAccessService, ensurePriceLibrarySeed } from '@baigou/core';
import type { Database } from '@baigou/db';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { merchantBody, operatorBody, purchaserBody } from '../support/fixtures';
import { saleItem } from './bench-goods';

const durationSeconds = Number(process.env.BENCH_DURATION_S ?? 60);
const clients = Number(process.env.BENCH_CLIENTS ?? 3);
const batchTransactions = Number(process.env.BENCH_BATCH_TRANSACTIONS ?? 50);
const linesPerTransaction = Number(process.env.BENCH_LINES ?? 8);
/**
 * Long enough for the process to reach its working set under this load (matcher built, V8 heap and
 * the allocator grown to their sizes), so "memory flat" compares steady states, not a cold start.
 */
const warmUpSeconds = Number(process.env.BENCH_WARMUP_S ?? 15);
const DOCUMENTS_PER_TRANSACTION = 2;
/** The COPY rate this intake path should reach at least a quarter of. */
const TARGET_RATIO = 0.25;
/** "Memory flat": RSS and heap at the end within this fraction of the start (after warm-up). */
const FLAT_TOLERANCE = 0.25;
/** How often retained memory is sampled (a forced full GC, ~0.1 s) during the measured run. */
const TRAIL_SECONDS = 15;

interface Party {
  key: string;
  merchantId: string;
  purchaserId: string;
}

interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
}

/** A full collection on demand, so "retained" memory is compared, not whatever garbage the last batch left. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const mb = (bytes: number) => bytes / 1_048_576;
const memory = (): MemorySample => {
  const usage = process.memoryUsage();
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed) };
};

async function call(
  url: string,
  key: string,
  path: string,
  body: unknown,
): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: reported through `text`
  }
  return { status: res.status, json, text };
}

async function expectStatus(
  promise: Promise<{ status: number; json: unknown; text: string }>,
  status: number,
  what: string,
) {
  const res = await promise;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 500)}`);
  return res.json as { id: string };
}

/** An approved operator with one approved merchant and purchaser, registered through the REST API. */
async function setUpParties(url: string, database: Database): Promise<Party> {
  const access = createAccessService({ db: database.db });
  const { key: staff } = await access.createKey({
    orgName: 'Baigou Trade Service Center',
    kind: 'center',
    role: 'staff',
  });
  const { key } = await access.createKey({ orgName: 'Bench Intake Export Co', kind: 'operator', role: 'operator' });
  const operator = await expectStatus(call(url, key, '/v1/operators', operatorBody(1)), 201, 'operator registration');
  await expectStatus(call(url, staff, `/v1/operators/${operator.id}/approve`, {}), 200, 'operator approval');
  const merchant = await expectStatus(call(url, key, '/v1/merchants', merchantBody(2)), 201, 'merchant registration');
  await expectStatus(call(url, staff, `/v1/merchants/${merchant.id}/approve`, {}), 200, 'merchant approval');
  const purchaser = await expectStatus(
    call(url, key, '/v1/purchasers', purchaserBody(3)),
    201,
    'purchaser registration',
  );
  await expectStatus(call(url, staff, `/v1/purchasers/${purchaser.id}/approve`, {}), 200, 'purchaser approval');
  return { key, merchantId: merchant.id, purchaserId: purchaser.id };
}

/** One batch of distinct sales; every line carries a remark so no price warning refuses an item. */
function batchBody(party: Party, batchNo: number, tradeDate: string) {
  return {
    items: Array.from({ length: batchTransactions }, (_, t) => {
      const n = batchNo * batchTransactions + t;
      return saleItem(n, {
        clientRef: `bench-${batchNo}-${t}-${randomBytes(4).toString('hex')}`,
        merchantId: party.merchantId,
        purchaserId: party.purchaserId,
        tradeDate,
        lines: linesPerTransaction,
        quantity: (l) => 10 + ((n * 31 + l * 17) % 190),
      });
    }),
  };
}

interface IntakeFigures {
  batches: number;
  transactions: number;
  lines: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
  firstProblem: string | null;
  memoryStart: MemorySample;
  memoryEnd: MemorySample;
  memoryPeak: MemorySample;
  retainedStart: MemorySample;
  retainedEnd: MemorySample;
  /** Retained memory at start, every TRAIL_SECONDS and at the end: growth that keeps climbing is a leak. */
  retainedTrail: MemorySample[];
}

const retained = (): MemorySample => {
  collectGarbage();
  return memory();
};

/** `clients` loops posting batches until `seconds` pass; a batch in flight at the deadline still counts. */
async function intake(url: string, party: Party, seconds: number, counter: { batch: number }): Promise<IntakeFigures> {
  const tradeDate = chinaDate(new Date());
  const figures: IntakeFigures = {
    batches: 0,
    transactions: 0,
    lines: 0,
    errors: 0,
    seconds: 0,
    latenciesMs: [],
    firstProblem: null,
    retainedStart: retained(),
    retainedEnd: memory(),
    retainedTrail: [],
    memoryStart: memory(),
    memoryEnd: memory(),
    memoryPeak: memory(),
  };
  figures.retainedTrail.push(figures.retainedStart);
  const trail = setInterval(() => figures.retainedTrail.push(retained()), TRAIL_SECONDS * 1_000);
  const sampler = setInterval(() => {
    const now = memory();
    figures.memoryPeak = {
      rssMb: Math.max(figures.memoryPeak.rssMb, now.rssMb),
      heapUsedMb: Math.max(figures.memoryPeak.heapUsedMb, now.heapUsedMb),
    };
  }, 500);
  const started = performance.now();
  const deadline = started + seconds * 1_000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const body = batchBody(party, (counter.batch += 1), tradeDate);
      const sent = performance.now();
      const res = await call(url, party.key, '/v1/transactions/batch', body);
      figures.latenciesMs.push(performance.now() - sent);
      figures.batches += 1;
      if (res.status !== 201) {
        figures.errors += batchTransactions;
        figures.firstProblem ??= `${res.status} ${res.text.slice(0, 500)}`;
        continue;
      }
      const result = res.json as {
        summary: { created: number; error: number };
        items: { status: string; problem?: unknown }[];
      };
      figures.transactions += result.summary.created;
      figures.lines += result.summary.created * linesPerTransaction;
      figures.errors += result.summary.error;
      if (result.summary.error)
        figures.firstProblem ??= JSON.stringify(result.items.find((item) => item.status === 'error')?.problem).slice(
          0,
          500,
        );
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  figures.seconds = (performance.now() - started) / 1_000;
  clearInterval(sampler);
  clearInterval(trail);
  figures.memoryEnd = memory();
  figures.retainedEnd = retained();
  figures.retainedTrail.push(figures.retainedEnd);
  figures.latenciesMs.sort((a, b) => a - b);
  return figures;
}

/** One table the COPY writes: the sample transaction's rows in it, and what each copy gets anew. */
interface CopyTable {
  table: string;
  /** The sample transaction's rows, given its id (a uuid the bench read, so inlining it is safe). */
  rowsOf: (sampleId: string) => string;
  /** Columns left to their defaults (serial numbers). */
  omit?: readonly string[];
  /** Column → new value for one copy; `renew` gives a copied row's id a new one, `follow` a reference to it. */
  fresh: (row: Record<string, string>, copy: CopyIds) => Record<string, string>;
}

interface CopyIds {
  /** Unique over all COPYs of a run. */
  index: number;
  transactionId: string;
  renew: (old: string) => string;
  follow: (old: string) => string;
}

/** Trading numbers far beyond what the API's sequence reaches in a run. */
const copyTradingNo = (day: string, index: number) => `BG${day}${String(900_000_000 + index)}`;

/**
 * Every table POST /v1/transactions/batch writes for a transaction, in foreign-key order. Ids are
 * renewed; a reference follows the renewed id when its target table is copied too, and otherwise
 * keeps pointing at the sample's row.
 */
const COPY_TABLES: Record<string, CopyTable> = {
  transactions: {
    table: 'transactions',
    rowsOf: (id) => `select * from transactions where id = '${id}'`,
    fresh: (row, copy) => ({
      id: copy.transactionId,
      trading_no: copyTradingNo(row.trading_no!.slice(2, 10), copy.index),
      client_ref: `copy-${copy.index}-${copy.transactionId.slice(0, 8)}`,
    }),
  },
  price_match_records: {
    table: 'price_match_records',
    rowsOf: (id) =>
      `select * from price_match_records where id in (select match_record_id from transaction_lines where transaction_id = '${id}')`,
    fresh: (row, copy) => ({ id: copy.renew(row.id!) }),
  },
  transaction_lines: {
    table: 'transaction_lines',
    rowsOf: (id) => `select * from transaction_lines where transaction_id = '${id}' order by line_no`,
    fresh: (row, copy) => ({
      id: copy.renew(row.id!),
      transaction_id: copy.transactionId,
      match_record_id: copy.follow(row.match_record_id!),
    }),
  },
  transaction_documents: {
    table: 'transaction_documents',
    rowsOf: (id) => `select * from transaction_documents where transaction_id = '${id}'`,
    fresh: () => ({ sha256: randomBytes(32).toString('hex') }),
  },
  transaction_status_history: {
    table: 'transaction_status_history',
    rowsOf: (id) => `select * from transaction_status_history where transaction_id = '${id}'`,
    omit: ['id'],
    fresh: () => ({}),
  },
  price_observations: {
    table: 'price_observations',
    rowsOf: (id) =>
      `select * from price_observations where source_ref in (select id::text from transaction_lines where transaction_id = '${id}')`,
    omit: ['id'],
    fresh: (row, copy) => ({ source_ref: copy.follow(row.source_ref!) }),
  },
  provenance_events: {
    table: 'provenance_events',
    rowsOf: (id) => `select * from provenance_events where subject_id = '${id}'`,
    omit: ['seq'],
    fresh: (row, copy) => ({ id: copy.renew(row.id!), subject_id: copy.transactionId }),
  },
  provenance_pending: {
    table: 'provenance_pending',
    rowsOf: (id) =>
      `select * from provenance_pending where event_id in (select id from provenance_events where subject_id = '${id}')`,
    fresh: (row, copy) => ({ event_id: copy.follow(row.event_id!) }),
  },
};

/** The narrower COPY, for reference: the rows a sale consists of (transaction, lines, documents) and its provenance. */
const SALE_AND_PROVENANCE = [
  'transactions',
  'transaction_lines',
  'transaction_documents',
  'provenance_events',
  'provenance_pending',
];
/** The COPY the target is judged against: everything the API writes per transaction. */
const EVERY_TABLE = Object.keys(COPY_TABLES);

/** Rows per table the COPY mirrors, to show what the API wrote beside what the COPY wrote. */
async function countRows(database: Database): Promise<Record<string, number>> {
  const counts = await Promise.all(
    EVERY_TABLE.map(
      async (table) =>
        [
          table,
          Number((await database.pool.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n),
        ] as const,
    ),
  );
  return Object.fromEntries(counts);
}

const diffCounts = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(Object.keys(after).map((table) => [table, after[table]! - (before[table] ?? 0)]));

/** Columns of a table, in order. */
async function columnsOf(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

/** Rows as COPY text format writes them (one string per row, fields split on tab). */
async function copyOut(client: pg.Client, query: string): Promise<string[][]> {
  const chunks: Buffer[] = [];
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((row) => row !== '')
    .map((row) => row.split('\t'));
}

interface CopyFigures {
  transactions: number;
  lines: number;
  /** Rows written per table. */
  rows: Record<string, number>;
  seconds: number;
}

/** The latest transaction the API wrote with BENCH_LINES lines, picked before any COPY adds look-alikes. */
async function pickSample(database: Database): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>(
    `select id from transactions where line_count = $1 and client_ref like 'bench-%' order by created_at desc, trading_no desc limit 1`,
    [linesPerTransaction],
  );
  if (!rows[0]) throw new Error('the API wrote no transaction to sample');
  return rows[0].id;
}

/**
 * COPYs `transactionCount` transactions into `tables` in one database transaction: each the rows of
 * one API-written sample transaction as the API wrote them,
 * with new ids, trading numbers, clientRefs and document hashes. Provenance events keep the
 * sample's canonical bytes and leaf hash (same size; a bare COPY computes nothing).
 */
async function bareCopy(
  databaseUrl: string,
  sampleId: string,
  transactionCount: number,
  tables: readonly string[],
  firstIndex: number,
): Promise<CopyFigures> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'baigou-bench-copy' });
  await client.connect();
  try {
    const plans: { spec: CopyTable; columns: string[]; list: string; sample: string[][] }[] = [];
    for (const name of tables) {
      const spec = COPY_TABLES[name]!;
      const columns = (await columnsOf(client, spec.table)).filter((column) => !spec.omit?.includes(column));
      const list = columns.map((column) => `"${column}"`).join(', ');
      const sample = await copyOut(client, `select ${list} from (${spec.rowsOf(sampleId)}) as sample`);
      plans.push({ spec, columns, list, sample });
    }
    const copies = Array.from({ length: transactionCount }, (_, index) => {
      const renewed = new Map<string, string>();
      return {
        index: firstIndex + index,
        transactionId: randomUUID(),
        renew: (old: string) => renewed.get(old) ?? renewed.set(old, randomUUID()).get(old)!,
        follow: (old: string) => renewed.get(old) ?? old,
      } satisfies CopyIds;
    });

    function* rowsOf(plan: (typeof plans)[number]): Generator<string> {
      let chunk = '';
      for (const copy of copies) {
        for (const fields of plan.sample) {
          const row = Object.fromEntries(plan.columns.map((column, index) => [column, fields[index]!]));
          const values = { transaction_id: copy.transactionId, ...plan.spec.fresh(row, copy) } as Record<
            string,
            string
          >;
          chunk += `${plan.columns.map((column, index) => (column in values && column in row ? values[column]! : fields[index]!)).join('\t')}\n`;
        }
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }

    const started = performance.now();
    await client.query('begin');
    for (const plan of plans)
      await pipeline(
        Readable.from(rowsOf(plan)),
        client.query(copyFrom(`COPY ${plan.spec.table} (${plan.list}) FROM STDIN`)),
      );
    await client.query('commit');
    const seconds = (performance.now() - started) / 1_000;
    const rows = Object.fromEntries(plans.map((plan) => [plan.spec.table, plan.sample.length * transactionCount]));
    return { transactions: transactionCount, lines: rows.transaction_lines ?? 0, rows, seconds };
  } finally {
    await client.end();
  }
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  console.log(format(header));
  console.log(
    `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
  );
  for (const row of rows) console.log(format(row));
}

async function main() {
  const { databaseUrl, database, redisPrefix, cleanups } = await openBenchEnvironment('bench-intake');
  try {
    // What the platform does at start-up: the demo price library and demo customs rates.
    await ensurePriceLibrarySeed(database.db);
    const { api, config } = await startBenchApi({ databaseUrl, database, redisPrefix, cleanups });
    const party = await setUpParties(api.url, database);

    console.log(
      `POST /v1/transactions/batch: ${clients} clients, ${batchTransactions} transactions × ${linesPerTransaction} lines per batch, ` +
        `${durationSeconds} s after a ${warmUpSeconds} s warm-up; API in this process, pool ${config.DB_POOL_MAX}, log level ${config.LOG_LEVEL}`,
    );
    const counter = { batch: 0 };
    const warmUp = await intake(api.url, party, warmUpSeconds, counter);
    if (warmUp.errors) throw new Error(`warm-up items refused: ${warmUp.firstProblem}`);
    const rowsBefore = await countRows(database);
    const figures = await intake(api.url, party, durationSeconds, counter);
    const apiRows = diffCounts(rowsBefore, await countRows(database));
    // The judged COPY first, on the table sizes the API ended with; then the narrower one.
    const sampleId = await pickSample(database);
    const every = await bareCopy(databaseUrl, sampleId, figures.transactions, EVERY_TABLE, 0);
    const sale = await bareCopy(databaseUrl, sampleId, figures.transactions, SALE_AND_PROVENANCE, figures.transactions);

    const apiLinesPerSecond = figures.lines / figures.seconds;
    const rate = (copy: CopyFigures) => copy.lines / copy.seconds;
    const ratio = apiLinesPerSecond / rate(every);
    const saleRatio = apiLinesPerSecond / rate(sale);
    const copyRow = (label: string, copy: CopyFigures) => [
      label,
      fixed(rate(copy)),
      fixed(copy.transactions / copy.seconds),
      String(copy.lines),
      String(copy.transactions),
      String(copy.rows.transaction_documents ?? 0),
      String(copy.rows.provenance_events ?? 0),
      fixed(copy.seconds, 2),
      '–',
      '–',
      '0',
    ];
    console.log('');
    printTable(
      [
        'path',
        'lines/s',
        'transactions/s',
        'lines',
        'transactions',
        'documents',
        'provenance events',
        'seconds',
        'p50 batch ms',
        'p99 batch ms',
        'errors',
      ],
      [
        [
          'ours: API batch (REST, full validation, provenance)',
          fixed(apiLinesPerSecond),
          fixed(figures.transactions / figures.seconds),
          String(figures.lines),
          String(figures.transactions),
          String(figures.transactions * DOCUMENTS_PER_TRANSACTION),
          String(figures.transactions),
          fixed(figures.seconds),
          fixed(percentile(figures.latenciesMs, 50), 0),
          fixed(percentile(figures.latenciesMs, 99), 0),
          String(figures.errors),
        ],
        copyRow(`bare COPY: the same rows, every table the API writes (${Object.keys(every.rows).length})`, every),
        copyRow(`bare COPY: sale + provenance tables only (${Object.keys(sale.rows).length})`, sale),
      ],
    );
    console.log('');
    printTable(
      ['process memory (API + clients)', 'start', 'end', 'peak', 'end / start'],
      [
        [
          'RSS MB',
          fixed(figures.memoryStart.rssMb),
          fixed(figures.memoryEnd.rssMb),
          fixed(figures.memoryPeak.rssMb),
          fixed(figures.memoryEnd.rssMb / figures.memoryStart.rssMb, 2),
        ],
        [
          'heapUsed MB',
          fixed(figures.memoryStart.heapUsedMb),
          fixed(figures.memoryEnd.heapUsedMb),
          fixed(figures.memoryPeak.heapUsedMb),
          fixed(figures.memoryEnd.heapUsedMb / figures.memoryStart.heapUsedMb, 2),
        ],
        [
          'RSS MB after full GC',
          fixed(figures.retainedStart.rssMb),
          fixed(figures.retainedEnd.rssMb),
          '–',
          fixed(figures.retainedEnd.rssMb / figures.retainedStart.rssMb, 2),
        ],
        [
          'heapUsed MB after full GC',
          fixed(figures.retainedStart.heapUsedMb),
          fixed(figures.retainedEnd.heapUsedMb),
          '–',
          fixed(figures.retainedEnd.heapUsedMb / figures.retainedStart.heapUsedMb, 2),
        ],
      ],
    );
    const trail = (pick: (sample: MemorySample) => number) =>
      figures.retainedTrail.map((sample) => fixed(pick(sample), 0)).join(' → ');
    console.log(
      `after full GC every ${TRAIL_SECONDS} s: RSS MB ${trail((sample) => sample.rssMb)}; heapUsed MB ${trail((sample) => sample.heapUsedMb)}`,
    );
    console.log('');
    const meetsTarget = ratio >= TARGET_RATIO;
    // Judged on memory retained after a full collection: the raw samples include garbage not yet collected.
    const flat =
      figures.retainedEnd.rssMb <= figures.retainedStart.rssMb * (1 + FLAT_TOLERANCE) &&
      figures.retainedEnd.heapUsedMb <= figures.retainedStart.heapUsedMb * (1 + FLAT_TOLERANCE);
    console.log(
      `ours ${fixed(apiLinesPerSecond)} lines/s vs bare COPY of the same rows ${fixed(rate(every))} lines/s: ` +
        `${fixed(ratio * 100)} % (target ≥ ${TARGET_RATIO * 100} %): ${meetsTarget ? 'met' : 'NOT met'}`,
    );
    console.log(
      `ours vs bare COPY of the sale and provenance tables only (no match records, status history, price observations) ${fixed(rate(sale))} lines/s: ` +
        `${fixed(saleRatio * 100)} % (≥ ${TARGET_RATIO * 100} %: ${saleRatio >= TARGET_RATIO ? 'yes' : 'no'})`,
    );
    console.log(
      `memory flat (after full GC, end within +${FLAT_TOLERANCE * 100} % of start, RSS and heapUsed): ${flat ? 'yes' : 'NO'}`,
    );
    const perTable = (rows: Record<string, number>) =>
      EVERY_TABLE.map((table) => `${table} ${rows[table] ?? 0}`).join(', ');
    console.log(`batches: ${figures.batches}; rows the API wrote in the measured run: ${perTable(apiRows)}`);
    console.log(
      `rows the COPY of the same rows wrote (each a copy of transaction ${sampleId}): ${perTable(every.rows)}`,
    );
    if (figures.errors) {
      process.exitCode = 1;
      console.error(`${figures.errors} item(s) refused; first: ${figures.firstProblem}`);
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

await main();
