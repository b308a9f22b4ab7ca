import { openBenchEnvironment, redisUrl } from './bench-environment';
/**
 * `pnpm bench:intake`: transactions through POST /v1/transactions/batch on the real API (auth, rate limit,
 * idempotency, full validation, reference codes, matching and price check, excluded goods, persistence with
 * trading numbers, status history, match records, price observations) over HTTP on 127.0.0.1, for
 * BENCH_DURATION_S (default 60) from BENCH_CLIENTS (default 3) clients; then, in the same run, a bare COPY
 * (pg-copy-streams) of as many equivalent rows into the same three tables (transactions,
 * transaction_lines, transaction_documents), with new ids, trading numbers and clientRefs.
 *
 * The API runs in this process (startApi), so process.memoryUsage() is the API's memory plus the few
 * clients'; it is sampled raw (start, end, peak) and after a forced full GC at start and end, which
 * decides "memory flat". Provenance is not built yet: no provenance context exists, so neither side writes any.
 *
 * DATABASE_URL (any database on the server; a scratch one is cloned from the test template and dropped)
 * and REDIS_URL as for the tests; BENCH_BATCH_TRANSACTIONS (default 50) and BENCH_LINES (default 8).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { apiConfigSchema } from '@baigou/config';
import { startApi } from '@baigou/api';
import { chinaDate, createAccessService, ensurePriceLibrarySeed } from '@baigou/core';
import type { Database } from '@baigou/db';
import Decimal from 'decimal.js';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { merchantBody, operatorBody, purchaserBody } from '../support/fixtures';

const durationSeconds = Number(process.env.BENCH_DURATION_S ?? 60);
const clients = Number(process.env.BENCH_CLIENTS ?? 3);
const batchTransactions = Number(process.env.BENCH_BATCH_TRANSACTIONS ?? 50);
const linesPerTransaction = Number(process.env.BENCH_LINES ?? 8);
const warmUpSeconds = 3;
const DOCUMENTS_PER_TRANSACTION = 2;
/** The COPY rate this intake path should reach at least a quarter of. */
const TARGET_RATIO = 0.25;
/** "Memory flat": RSS and heap at the end within this fraction of the start (after warm-up). */
const FLAT_TOLERANCE = 0.25;

const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });

/** Titles as Baigou sales slips write them, with the HS8 the seller declares and a per-piece price (CNY). */
const GOODS = [
  ['42021210', '牛津布拉杆箱 20寸 万向轮 登机箱', '98.00'],
  ['42021210', 'PC拉杆箱 24寸 铝框 密码锁', '165.00'],
  ['42022200', 'PU女士手提包 大容量 单肩斜挎', '45.00'],
  ['42022200', '帆布手提包 文艺 托特包', '22.50'],
  ['42029200', '帆布双肩包 学生书包 防泼水', '36.00'],
  ['42029200', '涤纶旅行袋 行李袋 大容量', '29.00'],
  ['42021290', '尼龙电脑包 15.6寸 商务', '40.00'],
  ['42023200', '尼龙零钱包 拉链款', '8.80'],
  ['42023100', '真皮钱包 男士短款 头层牛皮', '68.00'],
  ['39241000', '塑料餐盒 三格便当盒', '7.20'],
  ['39269090', '塑料收纳盒 多格 带盖', '8.50'],
  ['64029929', 'PVC拖鞋 女款 家居防滑', '11.50'],
  ['64041990', '帆布鞋 橡胶底 男款', '27.00'],
  ['95051000', '圣诞装饰球 塑料 6cm 12只装', '9.00'],
  ['96151100', '塑料发夹 抓夹 大号', '1.50'],
  ['96032900', '化妆刷 套装 12支', '12.00'],
] as const;

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
const percentile = (sorted: readonly number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

async function call(url: string, key: string, path: string, body: unknown): Promise<{ status: number; json: unknown; text: string }> {
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

async function expectStatus(promise: Promise<{ status: number; json: unknown; text: string }>, status: number, what: string) {
  const res = await promise;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 500)}`);
  return res.json as { id: string };
}

/** An approved operator with one approved merchant and purchaser, registered through the REST API. */
async function setUpParties(url: string, database: Database): Promise<Party> {
  const access = createAccessService({ db: database.db });
  const { key: staff } = await access.createKey({ orgName: 'Baigou Trade Service Center', kind: 'center', role: 'staff' });
  const { key } = await access.createKey({ orgName: 'Bench Intake Export Co', kind: 'operator', role: 'operator' });
  const operator = await expectStatus(call(url, key, '/v1/operators', operatorBody(1)), 201, 'operator registration');
  await expectStatus(call(url, staff, `/v1/operators/${operator.id}/approve`, {}), 200, 'operator approval');
  const merchant = await expectStatus(call(url, key, '/v1/merchants', merchantBody(2)), 201, 'merchant registration');
  await expectStatus(call(url, staff, `/v1/merchants/${merchant.id}/approve`, {}), 200, 'merchant approval');
  const purchaser = await expectStatus(call(url, key, '/v1/purchasers', purchaserBody(3)), 201, 'purchaser registration');
  await expectStatus(call(url, staff, `/v1/purchasers/${purchaser.id}/approve`, {}), 200, 'purchaser approval');
  return { key, merchantId: merchant.id, purchaserId: purchaser.id };
}

/** One batch of distinct sales; every line carries a remark so no price warning refuses an item. */
function batchBody(party: Party, batchNo: number, tradeDate: string) {
  return {
    items: Array.from({ length: batchTransactions }, (_, t) => {
      const n = batchNo * batchTransactions + t;
      return {
        clientRef: `bench-${batchNo}-${t}-${randomBytes(4).toString('hex')}`,
        merchantId: party.merchantId,
        purchaserId: party.purchaserId,
        tradeDate,
        settlementMethod: 'bank_transfer',
        currency: 'CNY',
        documents: [
          { sha256: randomBytes(32).toString('hex'), filename: `sales-slip-${n}.jpg`, kind: 'sales_slip' },
          { sha256: randomBytes(32).toString('hex'), filename: `receipt-${n}.jpg`, kind: 'receipt' },
        ],
        lines: Array.from({ length: linesPerTransaction }, (_, l) => {
          const [hsCode, description, unitPrice] = GOODS[(n * 3 + l * 5) % GOODS.length]!;
          const quantity = String(10 + ((n * 31 + l * 17) % 190));
          return {
            description,
            quantity,
            unit: '007',
            unitPrice,
            amount: new Exact(quantity).mul(unitPrice).toFixed(2, Decimal.ROUND_HALF_UP),
            hsCode,
            remark: '档口批发价, 按件计价, 见销售单',
          };
        }),
      };
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
    memoryStart: memory(),
    memoryEnd: memory(),
    memoryPeak: memory(),
  };
  const sampler = setInterval(() => {
    const now = memory();
    figures.memoryPeak = { rssMb: Math.max(figures.memoryPeak.rssMb, now.rssMb), heapUsedMb: Math.max(figures.memoryPeak.heapUsedMb, now.heapUsedMb) };
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
      const result = res.json as { summary: { created: number; error: number }; items: { status: string; problem?: unknown }[] };
      figures.transactions += result.summary.created;
      figures.lines += result.summary.created * linesPerTransaction;
      figures.errors += result.summary.error;
      if (result.summary.error) figures.firstProblem ??= JSON.stringify(result.items.find((item) => item.status === 'error')?.problem).slice(0, 500);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  figures.seconds = (performance.now() - started) / 1_000;
  clearInterval(sampler);
  figures.memoryEnd = memory();
  figures.retainedEnd = retained();
  figures.latenciesMs.sort((a, b) => a - b);
  return figures;
}

const TABLES = ['transactions', 'transaction_lines', 'transaction_documents'] as const;
type Table = (typeof TABLES)[number];

/** Columns of a table, in order. */
async function columnsOf(client: pg.Client, table: Table): Promise<string[]> {
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
  documents: number;
  seconds: number;
}

/**
 * COPYs `transactionCount` transactions, each with the lines and documents of one API-written sample
 * transaction, into the same tables in one database transaction: the rows as the API wrote them, with
 * new ids, trading numbers, clientRefs and document hashes.
 */
async function bareCopy(databaseUrl: string, transactionCount: number): Promise<CopyFigures> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'baigou-bench-copy' });
  await client.connect();
  try {
    const columns = Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await columnsOf(client, table)] as const))) as Record<Table, string[]>;
    const list = (table: Table) => columns[table].map((column) => `"${column}"`).join(', ');
    const { rows: picked } = await client.query<{ id: string }>(`select id from transactions where line_count = $1 order by created_at desc limit 1`, [linesPerTransaction]);
    const sampleId = picked[0]?.id;
    if (!sampleId) throw new Error('the API wrote no transaction to sample');
    const [sampleTransaction] = await copyOut(client, `select ${list('transactions')} from transactions where id = '${sampleId}'`);
    const sampleLines = await copyOut(client, `select ${list('transaction_lines')} from transaction_lines where transaction_id = '${sampleId}' order by line_no`);
    const sampleDocuments = await copyOut(client, `select ${list('transaction_documents')} from transaction_documents where transaction_id = '${sampleId}'`);
    const at = (table: Table, column: string) => columns[table].indexOf(column);
    const replace = (row: string[], values: Record<number, string>) => row.map((field, index) => (index in values ? values[index]! : field)).join('\t');

    const transactionIds = Array.from({ length: transactionCount }, () => randomUUID());
    const { rows: sequence } = await client.query<{ max: string | null }>(`select max(trading_no) as max from transactions`);
    const day = (sequence[0]?.max ?? `BG${chinaDate(new Date()).replaceAll('-', '')}000000`).slice(2, 10);
    // Trading numbers far beyond what the API's sequence reached in this run.
    const tradingNo = (index: number) => `BG${day}${String(900_000_000 + index)}`;
    const tColumns = { id: at('transactions', 'id'), tradingNo: at('transactions', 'trading_no'), clientRef: at('transactions', 'client_ref') };
    const lColumns = { id: at('transaction_lines', 'id'), transactionId: at('transaction_lines', 'transaction_id') };
    const dColumns = { id: at('transaction_documents', 'id'), transactionId: at('transaction_documents', 'transaction_id'), sha256: at('transaction_documents', 'sha256') };

    function* rowsOf(table: Table): Generator<string> {
      let chunk = '';
      for (let index = 0; index < transactionCount; index += 1) {
        const transactionId = transactionIds[index]!;
        if (table === 'transactions') {
          chunk += `${replace(sampleTransaction!, { [tColumns.id]: transactionId, [tColumns.tradingNo]: tradingNo(index), [tColumns.clientRef]: `copy-${index}-${transactionId.slice(0, 8)}` })}\n`;
        } else if (table === 'transaction_lines') {
          for (const line of sampleLines) chunk += `${replace(line, { ...(lColumns.id >= 0 ? { [lColumns.id]: randomUUID() } : {}), [lColumns.transactionId]: transactionId })}\n`;
        } else {
          for (const document of sampleDocuments) {
            chunk += `${replace(document, { ...(dColumns.id >= 0 ? { [dColumns.id]: randomUUID() } : {}), [dColumns.transactionId]: transactionId, [dColumns.sha256]: randomBytes(32).toString('hex') })}\n`;
          }
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
    for (const table of TABLES) await pipeline(Readable.from(rowsOf(table)), client.query(copyFrom(`COPY ${table} (${list(table)}) FROM STDIN`)));
    await client.query('commit');
    const seconds = (performance.now() - started) / 1_000;
    return { transactions: transactionCount, lines: transactionCount * sampleLines.length, documents: transactionCount * sampleDocuments.length, seconds };
  } finally {
    await client.end();
  }
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(format(row));
}

async function main() {
  const { databaseUrl, database, redisPrefix, cleanups } = await openBenchEnvironment('bench-intake');
  try {
    // What the platform does at start-up: the demo price library and demo customs rates.
    await ensurePriceLibrarySeed(database.db);
    const config = apiConfigSchema.parse({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
    });
    const api = await startApi(config, database);
    cleanups.unshift(() => api.close());
    const party = await setUpParties(api.url, database);

    console.log(
      `POST /v1/transactions/batch: ${clients} clients, ${batchTransactions} transactions × ${linesPerTransaction} lines per batch, ` +
        `${durationSeconds} s after a ${warmUpSeconds} s warm-up; API in this process, pool ${config.DB_POOL_MAX}, log level ${config.LOG_LEVEL}`,
    );
    console.log('provenance: NOT measured — provenance is not built yet (no provenance context exists); neither the API nor the COPY writes any');
    const counter = { batch: 0 };
    const warmUp = await intake(api.url, party, warmUpSeconds, counter);
    if (warmUp.errors) throw new Error(`warm-up items refused: ${warmUp.firstProblem}`);
    const figures = await intake(api.url, party, durationSeconds, counter);
    const copy = await bareCopy(databaseUrl, figures.transactions);

    const apiLinesPerSecond = figures.lines / figures.seconds;
    const copyLinesPerSecond = copy.lines / copy.seconds;
    const ratio = apiLinesPerSecond / copyLinesPerSecond;
    console.log('');
    printTable(
      ['path', 'lines/s', 'transactions/s', 'lines', 'transactions', 'documents', 'seconds', 'p50 batch ms', 'p99 batch ms', 'errors'],
      [
        [
          'API batch (REST, full validation)',
          fixed(apiLinesPerSecond),
          fixed(figures.transactions / figures.seconds),
          String(figures.lines),
          String(figures.transactions),
          String(figures.transactions * DOCUMENTS_PER_TRANSACTION),
          fixed(figures.seconds),
          fixed(percentile(figures.latenciesMs, 50), 0),
          fixed(percentile(figures.latenciesMs, 99), 0),
          String(figures.errors),
        ],
        ['bare COPY (3 tables)', fixed(copyLinesPerSecond), fixed(copy.transactions / copy.seconds), String(copy.lines), String(copy.transactions), String(copy.documents), fixed(copy.seconds, 2), '–', '–', '0'],
      ],
    );
    console.log('');
    printTable(
      ['process memory (API + clients)', 'start', 'end', 'peak', 'end / start'],
      [
        ['RSS MB', fixed(figures.memoryStart.rssMb), fixed(figures.memoryEnd.rssMb), fixed(figures.memoryPeak.rssMb), fixed(figures.memoryEnd.rssMb / figures.memoryStart.rssMb, 2)],
        ['heapUsed MB', fixed(figures.memoryStart.heapUsedMb), fixed(figures.memoryEnd.heapUsedMb), fixed(figures.memoryPeak.heapUsedMb), fixed(figures.memoryEnd.heapUsedMb / figures.memoryStart.heapUsedMb, 2)],
        ['RSS MB after full GC', fixed(figures.retainedStart.rssMb), fixed(figures.retainedEnd.rssMb), '–', fixed(figures.retainedEnd.rssMb / figures.retainedStart.rssMb, 2)],
        ['heapUsed MB after full GC', fixed(figures.retainedStart.heapUsedMb), fixed(figures.retainedEnd.heapUsedMb), '–', fixed(figures.retainedEnd.heapUsedMb / figures.retainedStart.heapUsedMb, 2)],
      ],
    );
    console.log('');
    const meetsTarget = ratio >= TARGET_RATIO;
    // Judged on memory retained after a full collection: the raw samples include garbage not yet collected.
    const flat = figures.retainedEnd.rssMb <= figures.retainedStart.rssMb * (1 + FLAT_TOLERANCE) && figures.retainedEnd.heapUsedMb <= figures.retainedStart.heapUsedMb * (1 + FLAT_TOLERANCE);
    console.log(`API / COPY lines/s: ${fixed(ratio * 100)} % (target ≥ ${TARGET_RATIO * 100} %): ${meetsTarget ? 'met' : 'NOT met'}`);
    console.log(`memory flat (after full GC, end within +${FLAT_TOLERANCE * 100} % of start, RSS and heapUsed): ${flat ? 'yes' : 'NO'}`);
    console.log(`batches: ${figures.batches}; the COPY writes only the three tables (not status history, match records or price observations the API also writes)`);
    if (figures.errors) {
      process.exitCode = 1;
      console.error(`${figures.errors} item(s) refused; first: ${figures.firstProblem}`);
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

await main();
