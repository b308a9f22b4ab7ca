/**
 * `pnpm bench:stats`: seeds a scratch database with COPY (pg-copy-streams) — BENCH_STATS_LINES goods
 * lines (default 10,000,000) over 24 months, with the transactions, consolidations, containers,
 * exported declarations, FX receipts and allocations they imply — builds the roll-ups with the staff
 * rebuild (rebuildRollups, the same SQL as the incremental path), then in one run prints:
 * - the monthly report from the roll-ups over HTTP (GET /v1/statistics/monthly on the real API in this
 *   process), p50/p95 over BENCH_STATS_REPEATS (default 30) requests of each of several dimensions;
 * - the same report computed by GROUP BY over the base tables (the lines, transactions, consolidations
 *   and declarations of the report's months), timed per dimension;
 * - the ratio between the two, against the target of ≤ 200 ms for the roll-up report.
 *
 * Seeding runs with session_replication_role = replica (foreign-key and append-only triggers off, in
 * the scratch database only): registry rows, price-library versions and match records are not
 * seeded, only the ids the goods lines carry. Declared lines (declaration_lines) are not seeded: the
 * statistics read source lines. Knobs: BENCH_STATS_LINES, BENCH_STATS_LINES_PER_TX (10),
 * BENCH_STATS_TX_PER_DECL (4), BENCH_STATS_MERCHANTS (2,000), BENCH_STATS_REPEATS (30),
 * BENCH_STATS_BASE_DIMENSIONS (totals,merchant; any of totals, country, chapter, merchant).
 */
import { availableParallelism, loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { addMonths, chinaDate, createAccessService, rebuildRollups } from '@baigou/core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openBenchEnvironment, startBenchApi } from './bench-environment';
import { percentile } from './bench-support';

const LINES = Number(process.env.BENCH_STATS_LINES ?? 10_000_000);
const LINES_PER_TX = Number(process.env.BENCH_STATS_LINES_PER_TX ?? 10);
const TX_PER_DECL = Number(process.env.BENCH_STATS_TX_PER_DECL ?? 4);
const MERCHANTS = Number(process.env.BENCH_STATS_MERCHANTS ?? 2_000);
const REPEATS = Number(process.env.BENCH_STATS_REPEATS ?? 30);
/** Each base-table report scans the report's 22 months of lines: minutes at 10M, so two dimensions by default. */
const BASE_DIMENSIONS = (process.env.BENCH_STATS_BASE_DIMENSIONS ?? 'totals,merchant').split(',') as (
  'totals' | 'country' | 'merchant' | 'chapter'
)[];
const PURCHASERS = 1_000;
const OPERATORS = 60;
const MONTHS = 24;
const TARGET_MS = 200;
const CNY_PER_USD_CENTS = 710; // 7.10 CNY per USD, the declarations' customs rate
const TRANSACTIONS = Math.ceil(LINES / LINES_PER_TX);
const DECLARATIONS = Math.ceil(TRANSACTIONS / TX_PER_DECL);

const THIS_MONTH = chinaDate(new Date()).slice(0, 7);
const months = Array.from({ length: MONTHS }, (_, k) => addMonths(THIS_MONTH, k - MONTHS));
const REPORT_MONTH = months.at(-1)!;

/** HS8, sales-slip title, unit price in fen (CNY cents), price-library product type. */
const GOODS = [
  ['42021210', '牛津布拉杆箱 20寸 万向轮', 9_800, 'PT-42021210-OXFORD-TROLLEY'],
  ['42022200', 'PU女士手提包 大容量', 4_500, 'PT-42022200-PU-HANDBAG'],
  ['42029200', '帆布双肩包 旅行背包', 3_600, 'PT-42029200-CANVAS-BACKPACK'],
  ['42023200', '尼龙零钱包 拉链款', 880, 'PT-42023200-NYLON-PURSE'],
  ['42023100', '真皮钱包 男士短款', 6_800, 'PT-42023100-LEATHER-WALLET'],
  ['39241000', '塑料餐盒 三格便当盒', 720, 'PT-39241000-LUNCHBOX'],
  ['64029929', 'PVC拖鞋 女款 家居防滑', 1_150, 'PT-64029929-PVC-SLIPPER'],
  ['64041990', '帆布鞋 橡胶底 男款', 2_700, 'PT-64041990-CANVAS-SHOE'],
  ['95051000', '圣诞装饰球 塑料 6cm', 900, 'PT-95051000-XMAS-BALL'],
  ['96151100', '塑料发夹 抓夹 大号', 150, 'PT-96151100-HAIR-CLAW'],
] as const;
const COUNTRIES = ['RUS', 'KAZ', 'KGZ', 'UZB', 'POL', 'DEU', 'ARE', 'NGA', 'BRA', 'USA'];
const TRANSPORT = ['3', '4', '2', '4', '3', '5'];

/** Deterministic uuids per table and index. */
const uuid = (prefix: string, n: number) =>
  `${prefix.padEnd(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const ORG = uuid('0e', 0);
const VERSION = uuid('0f', 0);
const MATCH = uuid('0f', 1);
const cents = (value: number) => `${Math.trunc(value / 100)}.${String(value % 100).padStart(2, '0')}`;

const declOfTx = (t: number) => Math.floor(t / TX_PER_DECL);
const monthOfDecl = (d: number) => months[Math.min(MONTHS - 1, Math.floor((d * MONTHS) / DECLARATIONS))]!;
const releaseDay = (d: number) => `${monthOfDecl(d)}-${String(1 + (d % 28)).padStart(2, '0')}`;
const tradeDay = (t: number) => `${monthOfDecl(declOfTx(t))}-${String(1 + (declOfTx(t) % 28)).padStart(2, '0')}`;
const lineCount = (t: number) => Math.max(0, Math.min(LINES_PER_TX, LINES - t * LINES_PER_TX));

function lineOf(i: number) {
  const t = Math.floor(i / LINES_PER_TX);
  const goods = GOODS[(i * 7 + t) % GOODS.length]!;
  const quantity = 10 + ((i * 31) % 190);
  return { t, goods, quantity, amountFen: quantity * goods[2] };
}
const transactionTotal = (t: number) => {
  let sum = 0;
  for (let l = 0; l < lineCount(t); l += 1) sum += lineOf(t * LINES_PER_TX + l).amountFen;
  return sum;
};
/** USD of a line at 7.10, rounded half up to the cent, in cents. */
const usdCents = (amountFen: number) => Math.floor((amountFen * 100 + CNY_PER_USD_CENTS / 2) / CNY_PER_USD_CENTS);

type Row = string;
/** Rows of [from, to) in chunks, as a COPY text stream. */
function rows(from: number, to: number, row: (n: number) => Row | null, progress: { done: number }) {
  return Readable.from(
    (function* () {
      const chunk: string[] = [];
      for (let n = from; n < to; n += 1) {
        const text = row(n);
        if (text !== null) chunk.push(text);
        if (chunk.length === 5_000) {
          progress.done += chunk.length;
          yield `${chunk.join('\n')}\n`;
          chunk.length = 0;
        }
      }
      progress.done += chunk.length;
      if (chunk.length) yield `${chunk.join('\n')}\n`;
    })(),
  );
}

const lineRow = (i: number) => {
  const { t, goods, quantity, amountFen } = lineOf(i);
  const check =
    t % 50 === 0 && i % LINES_PER_TX === 0
      ? '{"severity":"review","status":"high"}'
      : i % 29 === 0
        ? '{"severity":"warning","status":"low"}'
        : '{"severity":"none","status":"ok"}';
  return [
    uuid('a1', i),
    uuid('a2', t),
    (i % LINES_PER_TX) + 1,
    goods[1],
    quantity,
    '007',
    cents(goods[2]),
    cents(amountFen),
    'CNY',
    goods[0],
    'declared',
    goods[3],
    '[]',
    check,
    VERSION,
    MATCH,
    '\\N',
    uuid('a3', declOfTx(t)),
    `${tradeDay(t)} 12:00:00+08`,
  ].join('\t');
};
const transactionRow = (t: number) =>
  [
    uuid('a2', t),
    `BGS${String(t).padStart(10, '0')}`,
    ORG,
    uuid('b1', declOfTx(t) % OPERATORS),
    `bench-${t}`,
    'x',
    uuid('b2', (t * 7919) % MERCHANTS),
    uuid('b3', t % PURCHASERS),
    tradeDay(t),
    'bank_transfer',
    'CNY',
    cents(transactionTotal(t)),
    lineCount(t),
    'submitted',
  ].join('\t');
const txOfDecl = (d: number) =>
  Array.from({ length: TX_PER_DECL }, (_, k) => d * TX_PER_DECL + k).filter((t) => t < TRANSACTIONS);
const consolidationRow = (d: number) => {
  const mode = TRANSPORT[d % TRANSPORT.length]!;
  return [
    uuid('a3', d),
    ORG,
    uuid('b1', d % OPERATORS),
    `cons-${d}`,
    COUNTRIES[d % COUNTRIES.length],
    mode,
    mode === '3' && d % 2 === 0,
    '天津新港',
    txOfDecl(d).length,
    40,
    100,
    '1000.000',
    '900.000',
    '{}',
  ].join('\t');
};
const consolidationTxRow = (t: number) => [uuid('a3', declOfTx(t)), uuid('a2', t), 10, '100.000', '90.000'].join('\t');
const containerRow = (d: number) =>
  [uuid('a3', d), 0, `BGUU${String(d % 10_000_000).padStart(7, '0')}`, d % 3 === 0 ? '11' : '22', `S${d}`].join('\t');
const declarationRow = (d: number) => {
  let fen = 0;
  let usd = 0;
  for (const t of txOfDecl(d)) {
    for (let l = 0; l < lineCount(t); l += 1) {
      const { amountFen } = lineOf(t * LINES_PER_TX + l);
      fen += amountFen;
      usd += usdCents(amountFen);
    }
  }
  const day = releaseDay(d);
  const state = `{"status":"exported","entryNumber":"0401${day.slice(0, 4)}0${String(d).padStart(9, '0')}","releasedAt":"${day}T10:00:00+08:00","exportedAt":"${day}T18:00:00+08:00"}`;
  return [
    uuid('a4', d),
    uuid('a3', d),
    ORG,
    uuid('b1', d % OPERATORS),
    '1039',
    'CNY',
    cents(fen),
    cents(usd),
    THIS_MONTH,
    '7.100000',
    '1.000000',
    false,
    false,
    10,
    '[]',
    'exported',
    state,
  ].join('\t');
};
const receiptRow = (d: number) =>
  d % 2
    ? null
    : [
        uuid('a5', d),
        ORG,
        uuid('b1', d % OPERATORS),
        `fx-${d}`,
        '中国银行白沟支行',
        `BOC-${d}`,
        'Buyer',
        'RUS',
        'CNY',
        '1000000.00',
        releaseDay(d),
        true,
        '[]',
      ].join('\t');
const allocationRow = (d: number) =>
  d % 2
    ? null
    : [
        uuid('a6', d),
        uuid('a5', d),
        '\\N',
        uuid('a4', d),
        'CNY',
        cents(Math.floor(transactionTotal(d * TX_PER_DECL) * 0.8)),
      ].join('\t');
const historyRow = (t: number) => (t % 50 ? null : [uuid('a2', t), '\\N', 'in_review', ORG].join('\t'));

const COPIES = [
  {
    table: 'transactions',
    columns:
      'id, trading_no, operator_org_id, operator_id, client_ref, request_hash, merchant_id, purchaser_id, trade_date, settlement_method, currency, total_amount, line_count, status',
    count: TRANSACTIONS,
    row: transactionRow,
  },
  {
    table: 'consolidations',
    columns:
      'id, operator_org_id, operator_id, client_ref, destination_country, transport_mode, china_europe_rail, exit_port, transaction_count, line_count, total_cartons, total_gross_weight_kg, total_net_weight_kg, value_totals',
    count: DECLARATIONS,
    row: consolidationRow,
  },
  {
    table: 'consolidation_transactions',
    columns: 'consolidation_id, transaction_id, cartons, gross_weight_kg, net_weight_kg',
    count: TRANSACTIONS,
    row: consolidationTxRow,
  },
  {
    table: 'consolidation_containers',
    columns: 'consolidation_id, position, number, type, seal_no',
    count: DECLARATIONS,
    row: containerRow,
  },
  {
    table: 'declarations',
    columns:
      'id, consolidation_id, operator_org_id, operator_id, supervision_mode, currency, total_value, total_value_usd, rate_month, cny_per_usd, cny_per_unit, simplify_requested, simplified, line_count, correspondence, status, state',
    count: DECLARATIONS,
    row: declarationRow,
  },
  {
    table: 'fx_receipts',
    columns:
      'id, operator_org_id, operator_id, client_ref, bank_name, bank_reference, payer_name, payer_country, currency, amount, value_date, agency_receipt, flags',
    count: DECLARATIONS,
    row: receiptRow,
  },
  {
    table: 'fx_allocations',
    columns: 'id, receipt_id, transaction_id, declaration_id, currency, amount',
    count: DECLARATIONS,
    row: allocationRow,
  },
  {
    table: 'transaction_status_history',
    columns: 'transaction_id, from_status, to_status, actor_org_id',
    count: TRANSACTIONS,
    row: historyRow,
  },
  // The goods lines in two streams (this machine has two cores).
  ...[0, 1].map((half) => ({
    table: 'transaction_lines',
    columns:
      'id, transaction_id, line_no, description, quantity, unit, unit_price, amount, currency, hs_code, hs_code_source, product_type_code, candidates, price_check, price_library_version_id, match_record_id, remark, consolidation_id, consolidated_at',
    count: LINES,
    range: half === 0 ? [0, Math.floor(LINES / 2)] : [Math.floor(LINES / 2), LINES],
    row: lineRow,
  })),
] as { table: string; columns: string; count: number; row: (n: number) => Row | null; range?: number[] }[];

async function seed(databaseUrl: string) {
  const progress = COPIES.map(() => ({ done: 0 }));
  const started = performance.now();
  const timer = setInterval(() => {
    const lines = progress.filter((_, i) => COPIES[i]!.table === 'transaction_lines').reduce((n, p) => n + p.done, 0);
    console.info(
      `  seeding… ${((performance.now() - started) / 1000).toFixed(0)} s: ${lines.toLocaleString('en')} / ${LINES.toLocaleString('en')} goods lines; ` +
        COPIES.map((c, i) => (c.table === 'transaction_lines' ? null : `${c.table} ${progress[i]!.done}`))
          .filter(Boolean)
          .join(', '),
    );
  }, 10_000);
  try {
    const queue = COPIES.map((copy, index) => ({ copy, index }));
    const worker = async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        // Scratch database only: no foreign-key or append-only triggers while seeding.
        await client.query('set session_replication_role = replica');
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { copy, index } = next;
          const [from, to] = copy.range ?? [0, copy.count];
          await pipeline(
            rows(from!, to!, copy.row, progress[index]!),
            client.query(copyFrom(`copy ${copy.table} (${copy.columns}) from stdin`)),
          );
        }
      } finally {
        await client.end();
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    clearInterval(timer);
  }
  return (performance.now() - started) / 1000;
}

/** The same report straight from the base tables: counted declarations of the report's months, joined to their lines, grouped. */
function baseReport(dimension: 'totals' | 'country' | 'merchant' | 'chapter') {
  const member = {
    totals: sql`''`,
    country: sql`c.destination_country`,
    merchant: sql`t.merchant_id::text`,
    chapter: sql`left(tl.hs_code, 2)`,
  }[dimension];
  const year = REPORT_MONTH.slice(0, 4);
  const ly = addMonths(REPORT_MONTH, -12);
  const month = sql`to_char(((x.state->>'releasedAt')::timestamptz at time zone 'Asia/Shanghai'), 'YYYY-MM')`;
  return sql`with d as (select x.*, ${month} as month from declarations x where x.status in ('released', 'exported') and ${month} between ${`${ly.slice(0, 4)}-01`} and ${REPORT_MONTH}),
    l as (select d.month, d.id as declaration_id, tl.transaction_id, ${member} as member, round(tl.amount * d.cny_per_unit / d.cny_per_usd, 2) as usd, round(tl.amount * d.cny_per_unit, 2) as cny
          from d join consolidations c on c.id = d.consolidation_id join transaction_lines tl on tl.consolidation_id = d.consolidation_id join transactions t on t.id = tl.transaction_id)
    select member,
      sum(usd) filter (where month = ${REPORT_MONTH}) as usd_month, sum(usd) filter (where month between ${`${year}-01`} and ${REPORT_MONTH}) as usd_ytd,
      sum(usd) filter (where month = ${ly}) as usd_ly, sum(usd) filter (where month <= ${ly}) as usd_ytd_ly,
      sum(cny) filter (where month = ${REPORT_MONTH}) as cny_month, sum(cny) filter (where month between ${`${year}-01`} and ${REPORT_MONTH}) as cny_ytd,
      count(distinct declaration_id) filter (where month = ${REPORT_MONTH}) as declarations, count(distinct transaction_id) filter (where month = ${REPORT_MONTH}) as transactions,
      count(*) filter (where month = ${REPORT_MONTH}) as lines
    from l group by member`;
}

async function main() {
  const { databaseUrl, database, redisPrefix, cleanups } = await openBenchEnvironment('bench-stats');
  try {
    console.info(
      `bench:stats — ${LINES.toLocaleString('en')} goods lines, ${TRANSACTIONS.toLocaleString('en')} transactions, ${DECLARATIONS.toLocaleString('en')} declarations over ${months[0]}..${REPORT_MONTH}; report month ${REPORT_MONTH}`,
    );
    const seedSeconds = await seed(databaseUrl);
    console.info(`seeded by COPY in ${seedSeconds.toFixed(1)} s`);
    let started = performance.now();
    // VACUUM as well as ANALYZE: the autovacuum a fresh 10M-row COPY triggers would otherwise run during the rebuild or the timings.
    await database.db.execute(sql`vacuum (analyze)`);
    console.info(`vacuum (analyze) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    const rebuilt = await rebuildRollups(database.pool, {
      onMonth: (month, done, of) =>
        console.info(
          `  rebuilding… ${month} (${done + 1}/${of}), ${((performance.now() - started) / 1000).toFixed(0)} s`,
        ),
    });
    const rebuildSeconds = (performance.now() - started) / 1000;
    console.info(`roll-ups built by the staff rebuild in ${rebuildSeconds.toFixed(1)} s: ${JSON.stringify(rebuilt)}`);
    await database.db.execute(
      sql`vacuum (analyze) statistics_export_monthly, statistics_monthly_members, statistics_fx_monthly, statistics_risk_monthly`,
    );

    const { api } = await startBenchApi({ databaseUrl, database, redisPrefix, cleanups });
    const { key } = await createAccessService({ db: database.db }).createKey({
      orgName: 'Baigou Trade Service Center',
      kind: 'center',
      role: 'staff',
    });
    const request = async (by: string) => {
      const t0 = performance.now();
      const res = await fetch(`${api.url}/v1/statistics/monthly?month=${REPORT_MONTH}&by=${by}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const body = (await res.json()) as { rows?: unknown[] };
      if (res.status !== 200) throw new Error(`${by}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return { ms: performance.now() - t0, rows: body.rows?.length ?? 0 };
    };

    const dimensions = [
      'totals',
      'country',
      'chapter',
      'heading',
      'product_type',
      'operator',
      'merchant',
      'transport',
      'fx',
      'risk',
    ];
    for (const by of dimensions) await request(by); // warm-up
    const all: number[] = [];
    console.info(
      `\nmonthly report from roll-ups over HTTP, ${REPEATS} requests per dimension (load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')} on ${availableParallelism()} cores):`,
    );
    console.info('dimension      rows   p50 ms   p95 ms');
    const rollupP50 = new Map<string, number>();
    for (const by of dimensions) {
      const times: number[] = [];
      let rowCount = 0;
      for (let r = 0; r < REPEATS; r += 1) {
        const { ms, rows: n } = await request(by);
        times.push(ms);
        rowCount = n;
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      rollupP50.set(by, percentile(times, 50));
      console.info(
        `${by.padEnd(13)} ${String(rowCount).padStart(5)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`,
      );
    }
    all.sort((a, b) => a - b);
    const p50 = percentile(all, 50);
    const p95 = percentile(all, 95);
    console.info(
      `all dimensions: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target ≤ ${TARGET_MS} ms: ${p95 <= TARGET_MS ? 'met' : 'NOT met'})`,
    );

    console.info('\nthe same report by GROUP BY over the base tables (one run each):');
    console.info('dimension      rows    ms      ratio to roll-up p50');
    for (const by of BASE_DIMENSIONS) {
      // The same session settings the rebuild uses (no JIT, 256 MB to sort), so neither side is handicapped.
      const t0 = performance.now();
      const result = await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local jit = off`);
        await tx.execute(sql`set local work_mem = '256MB'`);
        return tx.execute(baseReport(by));
      });
      const ms = performance.now() - t0;
      console.info(
        `${by.padEnd(13)} ${String(result.rows.length).padStart(5)} ${ms.toFixed(0).padStart(8)}   ${(ms / rollupP50.get(by)!).toFixed(0)}×`,
      );
    }
  } finally {
    // BENCH_STATS_KEEP=1 keeps the scratch database for EXPLAIN (its URL is printed); drop it by hand.
    if (process.env.BENCH_STATS_KEEP === '1') {
      console.info(`kept ${databaseUrl}`);
      cleanups.splice(cleanups.length - 3, 1);
    }
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error('cleanup failed', error));
  }
}

await main();
