/**
 * `pnpm bench:subsidy`: seeds a scratch database with COPY — BENCH_SUBSIDY_OPERATORS approved operators
 * (default 1,000) and BENCH_SUBSIDY_LINES goods lines (default 1,000,000) in 10-line transactions, 4
 * per declaration, all released in this month, each consolidation one container (a third of the rail
 * ones on the China–Europe train), FX allocated to most declarations in full and to some in part —
 * then in one run prints:
 * - the period run (subsidy.runs.runPeriod, the function the worker's `subsidy.period-run` calls):
 *   facts through the ports (grades from the real credit context, one decision per firm, asked once),
 *   every firm evaluated, claims, lines, sources, coverage and events written;
 * - one plain SQL aggregate of the same figures (USD at the release month's rate, containers, rail
 *   containers, FX collected, per operator) over the same tables;
 * - the ratio between the two, against the target of ≤ 3×, and a re-run of the period (differences only).
 * Seeding runs with session_replication_role = replica (scratch database only). Both the run and the
 * aggregate are timed on a warm cache: an untimed pass of the aggregate first reads the tables.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  chinaDate,
  createCreditService,
  createExchangeRatesService,
  createReferenceService,
  createRegistryService,
  createSubsidyService,
  creditAsSubsidyGrades,
  ensureCreditSeed,
  exchangeRatesAsSubsidyRates,
  registrySubsidyFacts,
  seedProgramme,
  tradeSubsidyFacts,
  type Principal,
} from '@baigou/core';
import type { Db } from '@baigou/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { makeUscc } from '../support/fixtures';
import { openBenchEnvironment } from './bench-environment';
import { copyRow, fixed, printTable, seconds } from './bench-support';

const OPERATORS = Number(process.env.BENCH_SUBSIDY_OPERATORS ?? 1_000);
const LINES = Number(process.env.BENCH_SUBSIDY_LINES ?? 1_000_000);
const LINES_PER_TX = 10;
const TX_PER_DECL = 4;
const TRANSACTIONS = Math.ceil(LINES / LINES_PER_TX);
const DECLARATIONS = Math.ceil(TRANSACTIONS / TX_PER_DECL);
const TARGET_RATIO = 3;
const MONTH = chinaDate(new Date()).slice(0, 7);
const uuid = (prefix: string, n: number) =>
  `${prefix.padEnd(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const cents = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const STAFF_ORG = uuid('c0', 0);
const MERCHANT = uuid('c1', 0);
const PURCHASER = uuid('c2', 0);
const VERSION = uuid('c3', 0);
const MATCH = uuid('c4', 0);

const org = (d: number) => d % OPERATORS;
const quantity = (i: number) => 10 + ((i * 31) % 190);
const priceFen = (i: number) => [4_500, 3_600, 9_800, 880][i % 4]!;
const lineFen = (i: number) => quantity(i) * priceFen(i);
const txFen = (t: number) => {
  let sum = 0;
  for (let i = t * LINES_PER_TX; i < Math.min(LINES, (t + 1) * LINES_PER_TX); i += 1) sum += lineFen(i);
  return sum;
};
const declFen = (d: number) => {
  let sum = 0;
  for (let t = d * TX_PER_DECL; t < Math.min(TRANSACTIONS, (d + 1) * TX_PER_DECL); t += 1) sum += txFen(t);
  return sum;
};
const day = (d: number) => `${MONTH}-${String(1 + (d % 27)).padStart(2, '0')}`;
const rail = (d: number) => d % 3 === 0;

type Field = string | number | boolean | null;
const COPIES: { table: string; columns: string; count: number; row: (n: number) => Field[] | null }[] = [
  {
    table: 'organisations',
    columns: 'id, name, kind',
    count: OPERATORS,
    row: (o) => [uuid('b0', o), `bench firm ${o}`, 'operator'],
  },
  {
    table: 'operators',
    columns: 'id, org_id, uscc, customs_code, name_zh, name_en, contact_name, contact_phone, address, status',
    count: OPERATORS,
    row: (o) => [
      uuid('b1', o),
      uuid('b0', o),
      makeUscc(500_000 + o),
      `13${String(o).padStart(8, '0')}`,
      `白沟外贸${o}`,
      `Firm ${o}`,
      '李明',
      '0312',
      '白沟',
      'approved',
    ],
  },
  {
    table: 'party_status_history',
    columns: 'party_type, party_id, from_status, to_status, actor_org_id, created_at',
    count: OPERATORS,
    row: (o) => [
      'operator',
      uuid('b1', o),
      'submitted',
      'approved',
      STAFF_ORG,
      new Date(Date.now() - 200 * 86_400_000).toISOString(),
    ],
  },
  {
    table: 'transactions',
    columns:
      'id, trading_no, operator_org_id, operator_id, client_ref, request_hash, merchant_id, purchaser_id, trade_date, settlement_method, currency, total_amount, line_count, status',
    count: TRANSACTIONS,
    row: (t) => {
      const d = Math.floor(t / TX_PER_DECL);
      // One firm in 50 has a sale waiting in hard-band review.
      const status = t % TX_PER_DECL === 0 && d % 50 === 7 ? 'in_review' : 'submitted';
      return [
        uuid('a2', t),
        `BGS${String(t).padStart(10, '0')}`,
        uuid('b0', org(d)),
        uuid('b1', org(d)),
        `b-${t}`,
        'x',
        MERCHANT,
        PURCHASER,
        day(d),
        'bank_transfer',
        'CNY',
        cents(txFen(t)),
        LINES_PER_TX,
        status,
      ];
    },
  },
  {
    table: 'transaction_lines',
    columns:
      'id, transaction_id, line_no, description, quantity, unit, unit_price, amount, currency, hs_code, hs_code_source, product_type_code, candidates, price_check, price_library_version_id, match_record_id, consolidation_id, consolidated_at',
    count: LINES,
    row: (i) => {
      const t = Math.floor(i / LINES_PER_TX);
      return [
        uuid('a1', i),
        uuid('a2', t),
        (i % LINES_PER_TX) + 1,
        'PU女士手提包',
        quantity(i),
        '007',
        cents(priceFen(i)),
        cents(lineFen(i)),
        'CNY',
        '42022200',
        'declared',
        'PT-42022200-PU-HANDBAG',
        '[]',
        '{"severity":"none","status":"ok"}',
        VERSION,
        MATCH,
        uuid('a3', Math.floor(t / TX_PER_DECL)),
        `${day(Math.floor(t / TX_PER_DECL))} 12:00:00+08`,
      ];
    },
  },
  {
    table: 'consolidations',
    columns:
      'id, operator_org_id, operator_id, client_ref, destination_country, transport_mode, china_europe_rail, exit_port, transaction_count, line_count, total_cartons, total_gross_weight_kg, total_net_weight_kg, value_totals',
    count: DECLARATIONS,
    row: (d) => [
      uuid('a3', d),
      uuid('b0', org(d)),
      uuid('b1', org(d)),
      `c-${d}`,
      rail(d) ? 'POL' : 'KAZ',
      rail(d) ? '3' : '4',
      rail(d),
      '满洲里',
      TX_PER_DECL,
      40,
      100,
      '1000.000',
      '900.000',
      '{}',
    ],
  },
  {
    table: 'consolidation_transactions',
    columns: 'consolidation_id, transaction_id, cartons, gross_weight_kg, net_weight_kg',
    count: TRANSACTIONS,
    row: (t) => [uuid('a3', Math.floor(t / TX_PER_DECL)), uuid('a2', t), 10, '100.000', '90.000'],
  },
  {
    table: 'consolidation_containers',
    columns: 'consolidation_id, position, number, type, seal_no',
    count: DECLARATIONS,
    row: (d) => [uuid('a3', d), 0, `BGUU${String(d % 10_000_000).padStart(7, '0')}`, '22', `S${d}`],
  },
  {
    table: 'declarations',
    columns:
      'id, consolidation_id, operator_org_id, operator_id, supervision_mode, currency, total_value, total_value_usd, rate_month, cny_per_usd, cny_per_unit, simplify_requested, simplified, line_count, correspondence, status, state',
    count: DECLARATIONS,
    row: (d) => {
      const fen = declFen(d);
      const state = {
        status: 'released',
        entryNumber: `0401${MONTH.slice(0, 4)}0${String(d).padStart(9, '0')}`,
        releasedAt: `${day(d)}T10:00:00+08:00`,
      };
      return [
        uuid('a4', d),
        uuid('a3', d),
        uuid('b0', org(d)),
        uuid('b1', org(d)),
        '1039',
        'CNY',
        cents(fen),
        cents(Math.round((fen * 100) / 710)),
        MONTH,
        '7.100000',
        '1.000000',
        false,
        false,
        10,
        '[]',
        'released',
        JSON.stringify(state),
      ];
    },
  },
  {
    table: 'fx_receipts',
    columns:
      'id, operator_org_id, operator_id, client_ref, bank_name, bank_reference, payer_name, payer_country, currency, amount, value_date, agency_receipt, flags',
    count: DECLARATIONS,
    row: (d) => [
      uuid('a5', d),
      uuid('b0', org(d)),
      uuid('b1', org(d)),
      `fx-${d}`,
      '中国银行',
      `BOC-${d}`,
      'Buyer',
      'RUS',
      'CNY',
      cents(declFen(d)),
      day(d),
      true,
      '[]',
    ],
  },
  {
    table: 'fx_allocations',
    columns: 'id, receipt_id, declaration_id, currency, amount',
    count: DECLARATIONS,
    // Firms whose number ends in 3 collected only half of one declaration in two.
    row: (d) => [
      uuid('a6', d),
      uuid('a5', d),
      uuid('a4', d),
      'CNY',
      cents(org(d) % 10 === 3 && Math.floor(d / OPERATORS) % 2 === 0 ? Math.floor(declFen(d) / 2) : declFen(d)),
    ],
  },
];

function stream(count: number, row: (n: number) => Field[] | null) {
  return Readable.from(
    (function* () {
      let chunk = '';
      for (let n = 0; n < count; n += 1) {
        const fields = row(n);
        if (fields) chunk += copyRow(fields);
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
  );
}

async function seed(databaseUrl: string) {
  const queue = [...COPIES];
  const worker = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('set session_replication_role = replica');
      for (let copy = queue.shift(); copy; copy = queue.shift())
        await pipeline(
          stream(copy.count, copy.row),
          client.query(copyFrom(`copy ${copy.table} (${copy.columns}) from stdin`)),
        );
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
}

/**
 * Every firm graded A by a credit decision a month old (as after the monthly credit run), so the
 * period run reads real grades; A keeps every firm eligible, so the totals still match the aggregate.
 */
async function seedGrades(db: Db) {
  await ensureCreditSeed(db);
  await db.execute(sql`
    insert into credit_decisions (operator_org_id, operator_id, trigger, as_of, scorecard_id, scorecard_hash,
      input_snapshot, snapshot_hash, score, grade, vetoes, characteristics, reasons, created_at)
    select o.org_id, o.id, 'manual', now() - interval '30 days', s.id, s.content_hash, '{}', 'bench', 90, 'A',
      '{}', '[]', '[]', now() - interval '30 days'
    from operators o cross join (select id, content_hash from credit_scorecards order by created_at limit 1) s`);
}

/**
 * The plain SQL aggregate of the figures the run prices, per operator, over the same tables: FX and
 * containers summed per table and hash-joined (summing over the whole tables; every declaration of
 * this bench is in the period, so that is the same work).
 */
const plainAggregate = (from: string, to: string) => sql`
  with fx_direct as (select declaration_id as id, sum(amount) as amount from fx_allocations where declaration_id is not null group by 1),
  fx_via_transactions as (
    select ct.consolidation_id, sum(a.amount) as amount from consolidation_transactions ct
    join fx_allocations a on a.transaction_id = ct.transaction_id group by 1
  ),
  boxes as (select consolidation_id, count(*) as n from consolidation_containers group by 1),
  reviews as (select operator_org_id, count(*) as n from transactions where status = 'in_review' group by 1),
  priced as (
    select d.operator_org_id, d.total_value, c.china_europe_rail, coalesce(boxes.n, 0) as boxes,
      round(d.total_value * case when d.currency = 'CNY' then 1 else r.cny_per_unit end / u.cny_per_unit, 2) as usd,
      least(d.total_value, coalesce(fx_direct.amount, 0) + coalesce(fx_via_transactions.amount, 0)) as collected
    from declarations d join consolidations c on c.id = d.consolidation_id
    join customs_exchange_rates u on u.currency = 'USD'
      and u.month = to_char(((d.state->>'releasedAt')::timestamptz at time zone 'Asia/Shanghai'), 'YYYY-MM')
    left join customs_exchange_rates r on r.currency = d.currency and r.month = u.month
    left join fx_direct on fx_direct.id = d.id
    left join fx_via_transactions on fx_via_transactions.consolidation_id = d.consolidation_id
    left join boxes on boxes.consolidation_id = d.consolidation_id
    where d.status in ('released', 'exported') and (d.state->>'releasedAt')::timestamptz >= ${from}::timestamptz
      and (d.state->>'releasedAt')::timestamptz < ${to}::timestamptz
  )
  select p.operator_org_id, sum(p.usd) as usd, sum(p.usd * p.collected / p.total_value) as fx_usd,
    sum(p.boxes) as containers, sum(p.boxes) filter (where p.china_europe_rail) as rail_containers, max(coalesce(r.n, 0)) as reviews
  from priced p left join reviews r using (operator_org_id)
  group by p.operator_org_id`;

/**
 * CPU milliseconds used so far by this process and by the bench database's server sessions (read
 * from /proc, so only where PostgreSQL runs on this machine; `database` null elsewhere). Wall times
 * swing with the load of a shared machine; CPU time swings much less, so the ratio is printed both ways.
 */
async function cpuMs(db: Db): Promise<{ node: number; database: number | null }> {
  const { rows } = await db.execute<{ pid: number }>(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  const { user, system } = process.cpuUsage();
  let database: number | null = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      database += (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in clock ticks of 10 ms
    } catch {
      database = null;
      break;
    }
  }
  return { node: (user + system) / 1_000, database };
}

/** CPU seconds between two readings: this process, the database's sessions, and both. */
function cpuSince(before: Awaited<ReturnType<typeof cpuMs>>, after: Awaited<ReturnType<typeof cpuMs>>) {
  const node = (after.node - before.node) / 1_000;
  const database =
    before.database === null || after.database === null ? null : (after.database - before.database) / 1_000;
  return { node, database, total: database === null ? null : node + database };
}

/** BENCH_SUBSIDY_CPU_PROFILE=<file>: a V8 CPU profile of the first run (open it in Chrome's DevTools). */
async function startProfile() {
  const file = process.env.BENCH_SUBSIDY_CPU_PROFILE;
  if (!file) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

async function main() {
  const { databaseUrl, database, cleanups } = await openBenchEnvironment('bench-subsidy');
  try {
    console.info(
      `bench:subsidy — ${OPERATORS.toLocaleString('en')} operators, ${LINES.toLocaleString('en')} goods lines, ${TRANSACTIONS.toLocaleString('en')} transactions, ${DECLARATIONS.toLocaleString('en')} declarations released in ${MONTH}; ${availableParallelism()} cores, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    let started = performance.now();
    const { db } = database;
    await db.execute(sql`insert into organisations (id, name, kind) values (${STAFF_ORG}, 'bench center', 'center')`);
    await seed(databaseUrl);
    await db.execute(sql`vacuum (analyze)`);
    // The seeding's WAL written out now, so no checkpoint it started runs under the timed steps.
    await db.execute(sql`checkpoint`);
    console.info(`seeded by COPY and analysed in ${fixed(seconds(started))} s`);

    const reference = createReferenceService({ db });
    const exchangeRates = createExchangeRatesService({ db, reference });
    await exchangeRates.ensureDemoRates();
    await seedGrades(db);
    // The credit context as production wires it (worker handlers.ts): the run asks it once for every firm.
    const credit = createCreditService({ db, registry: createRegistryService({ db, reference }) });
    const subsidy = createSubsidyService({
      db,
      trade: tradeSubsidyFacts,
      registry: registrySubsidyFacts,
      credit: creditAsSubsidyGrades(credit),
      rates: exchangeRatesAsSubsidyRates(exchangeRates),
    });
    const staff: Principal = { keyId: randomUUID(), orgId: STAFF_ORG, orgKind: 'center', role: 'staff' };
    const version = await subsidy.programmes.propose(staff, {
      label: 'bench',
      effectiveFrom: `${MONTH}-01`,
      document: seedProgramme,
    });
    await subsidy.programmes.approve(staff, version.id, 'bench');
    const lastDay = new Date(Date.UTC(Number(MONTH.slice(0, 4)), Number(MONTH.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    const period = await subsidy.runs.createPeriod(staff, {
      label: `bench ${MONTH}`,
      from: `${MONTH}-01`,
      to: lastDay,
    });

    const window = {
      from: `${MONTH}-01T00:00:00+08:00`,
      to: new Date(Date.parse(`${lastDay}T00:00:00+08:00`) + 86_400_000).toISOString(),
    };
    // Both are timed on a warm cache: the aggregate once untimed first reads the tables both read (the
    // seeding's COPY and VACUUM leave them out of shared buffers), so neither pays for the other's reads.
    started = performance.now();
    await db.execute(plainAggregate(window.from, window.to));
    console.info(`warm-up (the plain aggregate, untimed): ${fixed(seconds(started), 2)} s`);
    const profiler = await startProfile();
    let cpu = await cpuMs(db);
    started = performance.now();
    const outcome = await subsidy.runs.runPeriod(`subsidy.run:${period.id}:bench-1`, period.id);
    const runSeconds = seconds(started);
    await profiler?.();
    const runCpu = cpuSince(cpu, await cpuMs(db));
    console.info(`period run (first, drafts): ${fixed(runSeconds, 2)} s, ${outcome}`);
    const { rows: summaries } = await db.execute<{ summary: unknown }>(
      sql`select summary from subsidy_runs order by created_at`,
    );
    console.info(`run summary: ${JSON.stringify(summaries[0]?.summary)}`);
    started = performance.now();
    const rerun = await subsidy.runs.runPeriod(`subsidy.run:${period.id}:bench-2`, period.id);
    const rerunSeconds = seconds(started);
    if (process.env.BENCH_SUBSIDY_EXPLAIN) {
      const { rows: plan } = await db.execute<{ 'QUERY PLAN': string }>(
        sql`explain ${plainAggregate(window.from, window.to)}`,
      );
      console.info(plan.map((row) => row['QUERY PLAN']).join('\n'));
    }
    cpu = await cpuMs(db);
    started = performance.now();
    const { rows: aggregate } = await db.execute<{ operator_org_id: string; usd: string }>(
      plainAggregate(window.from, window.to),
    );
    const aggregateSeconds = seconds(started);
    const aggregateCpu = cpuSince(cpu, await cpuMs(db));
    console.info(`plain SQL aggregate: ${fixed(aggregateSeconds, 2)} s`);

    const coverage = await subsidy.reports.coverage(period.id);
    const runUsd = coverage.items.reduce((sum, item) => sum + Number(item.figures['usdValue']), 0);
    const sqlUsd = aggregate.reduce((sum, row) => sum + Number(row.usd), 0);
    const { rows: written } = await db.execute<{ claims: number; lines: number; sources: number }>(sql`
      select (select count(*) from subsidy_claims)::int as claims, (select count(*) from subsidy_claim_lines)::int as lines,
        (select count(*) from subsidy_claim_line_sources)::int as sources`);
    const ratio = runSeconds / aggregateSeconds;
    printTable(
      ['step', 'seconds', 'result'],
      [
        [
          'period run (first: drafts)',
          fixed(runSeconds, 2),
          `${outcome}; ${coverage.firms} firms, ${coverage.claimed} claimed; ${JSON.stringify(written[0])}`,
        ],
        ['period run (again: differences)', fixed(rerunSeconds, 2), rerun],
        ['plain SQL aggregate', fixed(aggregateSeconds, 2), `${aggregate.length} operators`],
        [
          'ratio run / aggregate',
          fixed(ratio, 2),
          ratio <= TARGET_RATIO ? `within ${TARGET_RATIO}×` : `ABOVE the ${TARGET_RATIO}× target`,
        ],
      ],
    );
    console.info(
      runCpu.total === null || aggregateCpu.total === null
        ? `CPU time: this process ${fixed(runCpu.node, 2)} s in the run; the database's not measured (its server is not on this machine)`
        : `CPU time (this process + the database's sessions): run ${fixed(runCpu.total, 2)} s (${fixed(runCpu.node, 2)} + ${fixed(runCpu.database ?? 0, 2)}), aggregate ${fixed(aggregateCpu.total, 2)} s, ratio ${fixed(runCpu.total / aggregateCpu.total, 2)} (wall-time ratio above is the target's measure)`,
    );
    console.info(
      `USD in the period: run ${runUsd.toFixed(2)}, SQL ${sqlUsd.toFixed(2)} (${Math.abs(runUsd - sqlUsd) < 0.01 ? 'agree' : 'DIFFER'})`,
    );
  } finally {
    // BENCH_SUBSIDY_KEEP=1 leaves the scratch database for EXPLAIN ANALYZE in psql (drop it by hand).
    if (process.env.BENCH_SUBSIDY_KEEP) console.info(`kept ${databaseUrl}`);
    for (const cleanup of process.env.BENCH_SUBSIDY_KEEP ? cleanups.slice(1) : cleanups)
      await cleanup().catch((error: unknown) => console.error(error));
  }
}

await main();
