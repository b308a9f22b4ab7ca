/**
 * `pnpm bench:credit`: seeds a scratch database with COPY (pg-copy-streams) — BENCH_CREDIT_OPERATORS
 * approved operators (default 1,000) and BENCH_CREDIT_LINES goods lines (default 5,000,000) over the
 * last 11 months, with the transactions, documents, review histories, consolidations, declarations
 * and their lifecycle events, FX receipts and allocations, and staff credit facts they imply — then,
 * in one run, prints:
 * - the same characteristics as one plain SQL aggregate: the fact-count statement wrapped in SQL that
 *   computes every ratio, for all operators (what the database alone needs);
 * - a full credit run over every operator (credit.scoring.startRun + processRun: the fact counts, the
 *   scoring in JS, 1,000 decisions with snapshots, hashes, reasons and provenance events committed in
 *   chunks, progress, distribution, migration and PSI against the previous run);
 * - the ratio between the two, against the targets: within 2× of the aggregate and under 60 s.
 * A first run is scored before the timings so the measured run has a previous run to compare with.
 *
 * Seeding runs with session_replication_role = replica (foreign-key and append-only triggers off, in
 * the scratch database only). Knobs: BENCH_CREDIT_OPERATORS, BENCH_CREDIT_LINES, BENCH_CREDIT_LINES_PER_TX (10).
 */
import { availableParallelism, loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createAccessService,
  createCreditService,
  createReferenceService,
  createRegistryService,
  ensureCreditSeed,
  factCountsSql,
  windowEnding,
  type Principal,
} from '@baigou/core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openBenchEnvironment } from './bench-environment';
import { fixed, printTable, seconds } from './bench-support';

const OPERATORS = Number(process.env.BENCH_CREDIT_OPERATORS ?? 1_000);
const LINES = Number(process.env.BENCH_CREDIT_LINES ?? 5_000_000);
const LINES_PER_TX = Number(process.env.BENCH_CREDIT_LINES_PER_TX ?? 10);
const TX_PER_DECL = 4;
const TRANSACTIONS = Math.ceil(LINES / LINES_PER_TX);
const DECLARATIONS = Math.ceil(TRANSACTIONS / TX_PER_DECL);
const TARGET_RATIO = 2;
const TARGET_SECONDS = 60;
const NOW = Date.now();
const DAY_MS = 86_400_000;

const uuid = (prefix: string, n: number) =>
  `${prefix.padEnd(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CENTER = uuid('c9', 0);
const VERSION = uuid('0f', 0);
const MATCH = uuid('0f', 1);
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString();
const day = (daysAgo: number) => at(daysAgo).slice(0, 10);

const declOfTx = (t: number) => Math.floor(t / TX_PER_DECL);
const operatorOfDecl = (d: number) => d % OPERATORS;
/** Days before now a declaration's transactions were recorded: 30..329, so every export lies in the window. */
const daysAgoOfDecl = (d: number) => 30 + ((d * 7_919) % 300);
const lineCount = (t: number) => Math.max(0, Math.min(LINES_PER_TX, LINES - t * LINES_PER_TX));

const orgRow = (o: number) => [uuid('c0', o), `bench operator ${o}`, 'operator'].join('\t');
const operatorRow = (o: number) =>
  [
    uuid('c1', o),
    uuid('c0', o),
    `USCC${o}`,
    `CC${o}`,
    `运营商${o}`,
    `Operator ${o}`,
    '张三',
    '13800000000',
    '白沟',
    'approved',
  ].join('\t');
const approvalRow = (o: number) =>
  ['operator', uuid('c1', o), 'submitted', 'approved', CENTER, at(40 + ((o * 37) % 900))].join('\t');

const transactionRow = (t: number) => {
  const d = declOfTx(t);
  const o = operatorOfDecl(d);
  return [
    uuid('a2', t),
    `BGC${String(t).padStart(10, '0')}`,
    uuid('c0', o),
    uuid('c1', o),
    `bench-${t}`,
    'x',
    uuid('b2', (t * 7_919) % 20_000),
    uuid('b3', t % 5_000),
    day(daysAgoOfDecl(d)),
    'bank_transfer',
    'CNY',
    '4500.00',
    lineCount(t),
    t % 200 === 0 ? 'rejected' : 'submitted',
    at(daysAgoOfDecl(d)),
  ].join('\t');
};
const documentRow = (t: number) =>
  [uuid('a2', t), t.toString(16).padStart(64, '0'), `slip-${t}.jpg`, t % 37 === 0 ? 'other' : 'sales_slip'].join('\t');
const historyRow = (t: number) => {
  if (t % 50) return null;
  const when = at(daysAgoOfDecl(declOfTx(t)));
  const o = uuid('c0', operatorOfDecl(declOfTx(t)));
  const review = [uuid('a2', t), '\\N', 'in_review', o, when].join('\t');
  return t % 200 ? review : `${review}\n${[uuid('a2', t), 'in_review', 'rejected', CENTER, when].join('\t')}`;
};
const lineRow = (i: number) => {
  const t = Math.floor(i / LINES_PER_TX);
  const check =
    t % 50 === 0 && i % LINES_PER_TX === 0
      ? '{"severity":"review","status":"high"}'
      : i % 29 === 0
        ? '{"severity":"warning","status":"low"}'
        : i % 97 === 0
          ? '{"severity":"review","status":"no_reference"}'
          : '{"severity":"none","status":"ok"}';
  return [
    uuid('a1', i),
    uuid('a2', t),
    (i % LINES_PER_TX) + 1,
    'PU女士手提包 大容量',
    '10',
    '007',
    '45.00',
    '450.00',
    'CNY',
    '42022200',
    'declared',
    'PT-42022200-PU-HANDBAG',
    '[]',
    check,
    VERSION,
    MATCH,
    uuid('a3', declOfTx(t)),
    at(daysAgoOfDecl(declOfTx(t))),
  ].join('\t');
};
const consolidationRow = (d: number) => {
  const rail = d % 7 === 0;
  const o = operatorOfDecl(d);
  return [
    uuid('a3', d),
    uuid('c0', o),
    uuid('c1', o),
    `cons-${d}`,
    'RUS',
    rail ? '3' : '2',
    rail,
    '天津新港',
    4,
    40,
    100,
    '1000.000',
    '900.000',
    '{}',
    at(daysAgoOfDecl(d) - 1),
  ].join('\t');
};
const consolidationTxRow = (t: number) => [uuid('a3', declOfTx(t)), uuid('a2', t), 10, '100.000', '90.000'].join('\t');
const declValue = (d: number) => 18_000 + (d % 1_000);
const declarationRow = (d: number) => {
  const o = operatorOfDecl(d);
  const value = declValue(d);
  const refused = d % 40 === 0;
  return [
    uuid('a4', d),
    uuid('a3', d),
    uuid('c0', o),
    uuid('c1', o),
    '1039',
    'CNY',
    `${value}.00`,
    (value / 7.1).toFixed(2),
    '2026-01',
    '7.100000',
    '1.000000',
    false,
    false,
    10,
    '[]',
    refused ? 'rejected' : 'exported',
    refused ? '{"status":"rejected"}' : '{"status":"exported"}',
    at(daysAgoOfDecl(d) - 2),
  ].join('\t');
};
const eventRows = (d: number) => {
  const id = uuid('a4', d);
  const o = uuid('c0', operatorOfDecl(d));
  const ago = daysAgoOfDecl(d);
  const rows = [[id, '{"type":"create"}', '\\N', 'draft', o, at(ago - 2)]];
  if (d % 40 === 0) rows.push([id, '{"type":"reject","reason":"x"}', 'submitted', 'rejected', CENTER, at(ago - 3)]);
  else rows.push([id, `{"type":"export","at":"${at(ago - 4)}"}`, 'released', 'exported', CENTER, at(ago - 4)]);
  if (d % 333 === 1) rows.push([id, '{"type":"cancel","reason":"x"}', 'exported', 'withdrawn', CENTER, at(ago - 6)]);
  return rows.map((row) => row.join('\t')).join('\n');
};
const receiptRow = (d: number) => {
  if (d % 2 || d % 40 === 0) return null;
  const o = operatorOfDecl(d);
  return [
    uuid('a5', d),
    uuid('c0', o),
    uuid('c1', o),
    `fx-${d}`,
    '中国银行白沟支行',
    `BOC-${d}`,
    'Buyer',
    'RUS',
    'CNY',
    `${declValue(d)}.00`,
    day(daysAgoOfDecl(d) - 4 - (d % 25)),
    true,
    '[]',
  ].join('\t');
};
const allocationRow = (d: number) =>
  d % 2 || d % 40 === 0
    ? null
    : [uuid('a6', d), uuid('a5', d), '\\N', uuid('a4', d), 'CNY', `${Math.floor(declValue(d) * 0.9)}.00`].join('\t');
const factRow = (o: number) => {
  const facts: string[][] = [];
  const base = [uuid('c0', o)];
  if (o % 20 === 0) facts.push([...base, 'customs_tier', 'certified']);
  if (o % 50 === 0) facts.push([...base, 'tax_grade', 'A']);
  if (o % 31 === 0) facts.push([...base, 'customs_penalty', '\\N']);
  if (o % 97 === 0) facts.push([...base, 'smuggling_case', '\\N']);
  if (!facts.length) return null;
  return facts.map((fact) => [...fact, day(60), '海关', '[]', CENTER, at(60)].join('\t')).join('\n');
};

const COPIES: { table: string; columns: string; count: number; row: (n: number) => string | null; range?: number[] }[] =
  [
    { table: 'organisations', columns: 'id, name, kind', count: OPERATORS, row: orgRow },
    {
      table: 'operators',
      columns: 'id, org_id, uscc, customs_code, name_zh, name_en, contact_name, contact_phone, address, status',
      count: OPERATORS,
      row: operatorRow,
    },
    {
      table: 'party_status_history',
      columns: 'party_type, party_id, from_status, to_status, actor_org_id, created_at',
      count: OPERATORS,
      row: approvalRow,
    },
    {
      table: 'credit_facts',
      columns: 'operator_org_id, kind, value, effective_from, source, evidence, created_by_org_id, created_at',
      count: OPERATORS,
      row: factRow,
    },
    {
      table: 'transactions',
      columns:
        'id, trading_no, operator_org_id, operator_id, client_ref, request_hash, merchant_id, purchaser_id, trade_date, settlement_method, currency, total_amount, line_count, status, created_at',
      count: TRANSACTIONS,
      row: transactionRow,
    },
    {
      table: 'transaction_documents',
      columns: 'transaction_id, sha256, filename, kind',
      count: TRANSACTIONS,
      row: documentRow,
    },
    {
      table: 'transaction_status_history',
      columns: 'transaction_id, from_status, to_status, actor_org_id, created_at',
      count: TRANSACTIONS,
      row: historyRow,
    },
    {
      table: 'consolidations',
      columns:
        'id, operator_org_id, operator_id, client_ref, destination_country, transport_mode, china_europe_rail, exit_port, transaction_count, line_count, total_cartons, total_gross_weight_kg, total_net_weight_kg, value_totals, created_at',
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
      table: 'declarations',
      columns:
        'id, consolidation_id, operator_org_id, operator_id, supervision_mode, currency, total_value, total_value_usd, rate_month, cny_per_usd, cny_per_unit, simplify_requested, simplified, line_count, correspondence, status, state, created_at',
      count: DECLARATIONS,
      row: declarationRow,
    },
    {
      table: 'declaration_events',
      columns: 'declaration_id, event, from_status, to_status, actor_org_id, created_at',
      count: DECLARATIONS,
      row: eventRows,
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
    ...[0, 1].map((half) => ({
      table: 'transaction_lines',
      columns:
        'id, transaction_id, line_no, description, quantity, unit, unit_price, amount, currency, hs_code, hs_code_source, product_type_code, candidates, price_check, price_library_version_id, match_record_id, consolidation_id, consolidated_at',
      count: LINES,
      range: half === 0 ? [0, Math.floor(LINES / 2)] : [Math.floor(LINES / 2), LINES],
      row: lineRow,
    })),
  ];

function rows(from: number, to: number, row: (n: number) => string | null, progress: { done: number }) {
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

async function seed(databaseUrl: string) {
  const progress = COPIES.map(() => ({ done: 0 }));
  const started = performance.now();
  const timer = setInterval(() => {
    const lines = progress.filter((_, i) => COPIES[i]!.table === 'transaction_lines').reduce((n, p) => n + p.done, 0);
    console.info(
      `  seeding… ${seconds(started).toFixed(0)} s: ${lines.toLocaleString('en')} / ${LINES.toLocaleString('en')} goods lines`,
    );
  }, 15_000);
  try {
    const queue = COPIES.map((copy, index) => ({ copy, index }));
    const worker = async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        // Scratch database only: no foreign-key or append-only triggers while seeding.
        await client.query('set session_replication_role = replica');
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [from, to] = next.copy.range ?? [0, next.copy.count];
          await pipeline(
            rows(from!, to!, next.copy.row, progress[next.index]!),
            client.query(copyFrom(`copy ${next.copy.table} (${next.copy.columns}) from stdin`)),
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
  return seconds(started);
}

/** The characteristics as one plain SQL aggregate: the fact counts with every ratio computed in SQL. */
function plainAggregate(asOf: Date) {
  const share = (num: string, den: string) => sql.raw(`round(${num}::numeric / nullif(${den}, 0), 6)`);
  return sql`select c.org_id,
      ${share('c.outside_soft', 'c.priced')} as price_outside_soft_share, ${share('c.outside_hard', 'c.priced')} as price_outside_hard_share,
      ${share('c.review_rejected', 'c.reviewed')} as review_rejected_share, ${share('c.documented', 'c.transactions')} as document_completeness,
      ${share('c.refused', 'c.declarations')} as declaration_refused_share, c.cancelled, ${share('c.collected_usd', 'c.exported_usd')} as fx_collected_ratio,
      ${share('c.collected_days_usd', 'c.collected_usd')} as fx_collection_days,
      (extract(year from age(${asOf.toISOString()}::timestamptz, c.approved_at)) * 12 + extract(month from age(${asOf.toISOString()}::timestamptz, c.approved_at)))::int as tenure_months,
      c.exported_usd, c.merchants, c.rail, c.customs_tier, c.penalties, c.smuggling, c.tax_grade, c.safe_category, c.listings, c.fraud
    from (${factCountsSql(windowEnding(asOf, 12))}) c`;
}

async function main() {
  const { databaseUrl, database, cleanups } = await openBenchEnvironment('bench-credit');
  try {
    console.info(
      `bench:credit — ${OPERATORS.toLocaleString('en')} operators, ${LINES.toLocaleString('en')} goods lines, ${TRANSACTIONS.toLocaleString('en')} transactions, ${DECLARATIONS.toLocaleString('en')} declarations; ${availableParallelism()} cores, load ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
    );
    console.info(`seeded by COPY in ${(await seed(databaseUrl)).toFixed(1)} s`);
    let started = performance.now();
    await database.db.execute(sql`vacuum (analyze)`);
    console.info(`vacuum (analyze) in ${seconds(started).toFixed(1)} s`);

    const { db } = database;
    const key = await createAccessService({ db }).createKey({
      orgName: 'Baigou Trade Service Center',
      kind: 'center',
      role: 'staff',
    });
    const staff: Principal = { keyId: key.keyId, orgId: key.orgId, orgKind: 'center', role: 'staff' };
    const credit = createCreditService({
      db,
      registry: createRegistryService({ db, reference: createReferenceService({ db }) }),
    });
    await ensureCreditSeed(db);
    const [proposal] = (await credit.scorecards.list({ limit: 5 })).items;
    await credit.scorecards.approve(staff, proposal!.id, 'bench');

    const runAt = async (asOf: Date) => {
      const run = await credit.scoring.startRun(staff, {
        kind: 'on_demand',
        sourceRef: `bench:${asOf.toISOString()}`,
        asOf,
      });
      await credit.scoring.processRun(run.id);
      return credit.scoring.getRun(run.id);
    };
    // A previous run (a month earlier), so the measured run reports migration and PSI as in production.
    await runAt(new Date(NOW - 30 * DAY_MS));

    const asOf = new Date(NOW);
    if (process.env.BENCH_CREDIT_EXPLAIN) {
      const plan = await db.execute(sql`explain (analyze, buffers) ${plainAggregate(asOf)}`);
      console.info(plan.rows.map((row) => String(row['QUERY PLAN'])).join('\n'));
    }
    started = performance.now();
    // Same session settings as the run's fact read (JIT off: it compiles for seconds and never pays off here).
    const aggregate = await db.transaction(async (tx) => {
      await tx.execute(sql`set local jit = off`);
      return tx.execute(plainAggregate(asOf));
    });
    const aggregateSeconds = seconds(started);
    started = performance.now();
    const run = await runAt(asOf);
    const runSeconds = seconds(started);

    const ratio = runSeconds / aggregateSeconds;
    printTable(
      ['what', 'operators', 'seconds'],
      [
        ['characteristics as one plain SQL aggregate', String(aggregate.rows.length), fixed(aggregateSeconds, 2)],
        ['full credit run (facts, scoring, decisions, events, report)', String(run.scoredCount), fixed(runSeconds, 2)],
      ],
    );
    console.info(
      `ratio run / aggregate: ${fixed(ratio, 2)}× (target ≤ ${TARGET_RATIO}×); run ${fixed(runSeconds, 1)} s (target < ${TARGET_SECONDS} s)`,
    );
    console.info(`run timings (ms): ${JSON.stringify(run.summary?.timings)}`);
    console.info(
      `distribution: ${JSON.stringify(run.summary?.distribution)}; PSI flagged: ${JSON.stringify(run.summary?.psiFlagged)}`,
    );
    console.info(`migration vs previous run: ${JSON.stringify(run.summary?.migration)}`);
    if (run.scoredCount !== OPERATORS || aggregate.rows.length !== OPERATORS)
      throw new Error('not every operator was scored');
    if (ratio > TARGET_RATIO || runSeconds >= TARGET_SECONDS) process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error(error));
  }
}

await main();
