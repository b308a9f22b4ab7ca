/**
 * `pnpm bench:trace`: the provenance log and customs traceability, in one run on a scratch database
 * (cloned from the test template, dropped at the end), the API in this process over real HTTP:
 *
 * 1. events/s appended (real builders, real recordEvents, BENCH_TRACE_WRITERS concurrent writers of
 *    BENCH_TRACE_BATCH events per database transaction) and covered by a signed checkpoint (the worker's
 *    checkpointer every BENCH_TRACE_CHECKPOINT_MS), beside plain INSERTs of the same bytes without the log;
 * 2. trace-query p50/p95/max per query kind on a database seeded with COPY to BENCH_TRACE_LINES goods lines
 *    (default 1,000,000) and BENCH_TRACE_DECLARATIONS declarations (default 100,000), with their provenance
 *    events, leaves, tree nodes and one signed checkpoint;
 * 3. the evidence bundle of a 500-line declaration made over REST (GET …/bundle), and its offline verification.
 *
 * DATABASE_URL and REDIS_URL as for the tests. BENCH_TRACE_EVENTS (default 20,000: the
 * checkpointer's tail of up to one interval weighs less), BENCH_TRACE_QUERIES
 * (timed requests per kind, default 40), BENCH_TRACE_BUNDLES (bundle requests, default 5); BENCH_TRACE_KEEP=1 keeps
 * the scratch database (its URL is printed) for EXPLAIN ANALYZE afterwards.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createProvenanceLog, ensurePriceLibrarySeed, loadProvenanceSigner, verifyBundle } from '@baigou/core';
import { sql } from 'drizzle-orm';
import { openBenchEnvironment, startBenchApi } from './bench-environment';
import { appendBench, batchPercentiles, type LineTemplate } from './trace-append';
import { seedTrace, SEEDED_TABLES } from './trace-seed';
import { createBundleDeclaration, setUpCast } from './trace-setup';
import { fixed, percentile, printTable, seconds } from './bench-support';
import { http } from './trace-support';

const env = (name: string, fallback: number) => Number((process.env[name] ?? String(fallback)).replaceAll('_', ''));
const SEED_LINES = env('BENCH_TRACE_LINES', 1_000_000);
const SEED_DECLARATIONS = env('BENCH_TRACE_DECLARATIONS', 100_000);
const APPEND_EVENTS = env('BENCH_TRACE_EVENTS', 20_000);
const WRITERS = env('BENCH_TRACE_WRITERS', 3);
const BATCH = env('BENCH_TRACE_BATCH', 50);
const EVENT_LINES = 8;
const CHECKPOINT_MS = env('BENCH_TRACE_CHECKPOINT_MS', 1_000);
const QUERIES = env('BENCH_TRACE_QUERIES', 40);
const BUNDLES = env('BENCH_TRACE_BUNDLES', 5);
const OPERATORS = 3;
const PARTIES_EACH = 12;
const QUERY_LIMIT = 10;

const TARGET_EVENTS_PER_SECOND = 1_000;
const TARGET_QUERY_P95_MS = 300;
const TARGET_BUNDLE_SECONDS = 2;

const log = (message: string) => console.log(message);
/** The machine is shared: its 1-minute load average beside the figures. */
const loadAverage = () => `${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;

async function main() {
  const runStarted = performance.now();
  const { databaseUrl, database, redisPrefix, cleanups } = await openBenchEnvironment('bench-trace');
  const { db } = database;
  // BENCH_TRACE_KEEP=1 keeps the scratch database for EXPLAIN ANALYZE afterwards (drop it by hand).
  if (process.env.BENCH_TRACE_KEEP === '1') {
    cleanups.shift();
    console.log(`keeping the scratch database ${databaseUrl}`);
  }
  try {
    await ensurePriceLibrarySeed(db);
    const { api, config } = await startBenchApi({ databaseUrl, database, redisPrefix, cleanups });
    const { signer } = loadProvenanceSigner(config.PROVENANCE_SIGNING_KEY, config.NODE_ENV);
    const provenance = createProvenanceLog({ db, signer });

    log(`load average at start ${loadAverage()}`);
    log(
      `bench:trace on a scratch database cloned from the test template; API in this process (pool ${config.DB_POOL_MAX}, log level ${config.LOG_LEVEL}), requests over HTTP on 127.0.0.1`,
    );
    let started = performance.now();
    const cast = await setUpCast(api.url, database, OPERATORS, PARTIES_EACH);
    log(
      `set-up over REST: ${OPERATORS} approved operators with ${PARTIES_EACH} approved merchants and purchasers each, staff and customs keys (${fixed(seconds(started))} s)`,
    );
    const bundleDeclaration = await createBundleDeclaration(api.url, cast, 50, 10);
    log(
      `bundle declaration over REST: 50 transactions × 10 lines (POST /v1/transactions/batch) → 1 consolidation → simplified declaration of ${bundleDeclaration.declaredLines} lines, ` +
        `submitted and accepted (entry number ${bundleDeclaration.entryNumber}) (${fixed(bundleDeclaration.seconds)} s)`,
    );
    const { rows: templateRows } = await db.execute<Record<string, string | null>>(sql`
      select distinct on (description) hs_code, hs_code_source, description, unit, unit_price::text, product_type_code, candidates::text, price_check::text,
        price_library_version_id, match_record_id
      from transaction_lines order by description, created_at`);
    const templates: LineTemplate[] = templateRows.map((row) => ({
      hsCode: row.hs_code!,
      hsCodeSource: row.hs_code_source ?? null,
      description: row.description!,
      unit: row.unit!,
      unitPrice: row.unit_price!,
      productTypeCode: row.product_type_code ?? null,
      candidates: row.candidates!,
      priceCheck: row.price_check!,
      priceCheckValue: JSON.parse(row.price_check!) as Record<string, unknown>,
      priceLibraryVersionId: row.price_library_version_id!,
      matchRecordId: row.match_record_id!,
    }));
    const { rows: rateRows } = await db.execute<{ cny_per_usd: string }>(
      sql`select cny_per_usd::text from declarations where id = ${bundleDeclaration.id}`,
    );
    const cnyPerUsd = rateRows[0]!.cny_per_usd;

    // 1. Append + checkpoint.
    log('');
    log(`## 1. Events appended and covered by a signed checkpoint`);
    log(
      `${APPEND_EVENTS.toLocaleString('en')} ObjectEvents (transactionRecordedEvents, ${EVENT_LINES} lines each, price checks as the API wrote them) through recordEvents, ` +
        `${BATCH} per database transaction from ${WRITERS} concurrent writers; the worker's checkpointer (sequenceAndCheckpoint) every ${CHECKPOINT_MS} ms; ` +
        `clock from the first insert until a signed checkpoint covers the last event`,
    );
    const append = await appendBench(database, provenance, cast.operators[0]!, templates, {
      events: APPEND_EVENTS,
      writers: WRITERS,
      batch: BATCH,
      lines: EVENT_LINES,
      intervalMs: CHECKPOINT_MS,
    });
    const appendRate = append.events / append.seconds;
    const plainRate = append.events / append.baselineSeconds;
    const [p50, p95] = batchPercentiles(append.batchMs);
    const [b50, b95] = batchPercentiles(append.baselineBatchMs);
    printTable(
      ['path', 'events/s', 'events', 'seconds', 'p50 batch ms', 'p95 batch ms', 'MB canonical'],
      [
        [
          'recordEvents + sequencer + signed checkpoint',
          fixed(appendRate),
          String(append.events),
          fixed(append.seconds, 2),
          fixed(p50),
          fixed(p95),
          fixed(append.canonicalBytes / 1_048_576),
        ],
        [
          '  (of which: last insert committed at)',
          fixed(append.events / append.lastCommitSeconds),
          String(append.events),
          fixed(append.lastCommitSeconds, 2),
          '–',
          '–',
          '–',
        ],
        [
          'plain INSERT of the same bytes, no log',
          fixed(plainRate),
          String(append.events),
          fixed(append.baselineSeconds, 2),
          fixed(b50),
          fixed(b95),
          fixed(append.canonicalBytes / 1_048_576),
        ],
      ],
    );
    log(
      `checkpoints signed during the run: ${append.checkpoints}; covering tree size ${append.finalTreeSize.toLocaleString('en')}; ` +
        `log / plain: ${fixed((appendRate / plainRate) * 100)} % of the plain rate; ` +
        `covered ${fixed(append.seconds - append.lastCommitSeconds, 2)} s after the last commit (checkpointer interval ${CHECKPOINT_MS} ms)`,
    );
    log(
      `canonicalBytes alone (RFC 8785, in the writers' process): ${fixed(append.canonicalMsPerEvent, 2)} ms CPU per event of ${fixed(append.canonicalBytes / append.events / 1024)} KB, ` +
        `i.e. at most ${fixed(1_000 / append.canonicalMsPerEvent, 0)} events/s per core for this step; load average ${loadAverage()}`,
    );
    log(
      `events/s covered by a checkpoint: ${fixed(appendRate)} (target ≥ ${TARGET_EVENTS_PER_SECOND}): ${appendRate >= TARGET_EVENTS_PER_SECOND ? 'met' : 'NOT met'}`,
    );

    // 2. Seed with COPY.
    log('');
    log(`## 2. Trace queries on a database seeded with COPY`);
    log(
      `seeding ${SEED_LINES.toLocaleString('en')} goods lines in ${SEED_DECLARATIONS.toLocaleString('en')} declarations with COPY (pg-copy-streams); ` +
        `ALTER TABLE … DISABLE TRIGGER ALL on the ${SEEDED_TABLES.length} seeded tables during the COPY (foreign keys, append-only and leaf-contiguity triggers), enabled again after; ` +
        `their secondary indexes dropped for the COPY and built again after it (primary keys and unique constraints stay):`,
    );
    const { plan, figures } = await seedTrace(database, databaseUrl, {
      lines: SEED_LINES,
      declarations: SEED_DECLARATIONS,
      operators: cast.operators,
      templates,
      cnyPerUsd,
      spanDays: 360,
      customsOrgId: cast.customsOrgId,
      onProgress: log,
    });
    started = performance.now();
    const checkpoint = await provenance.checkpoint();
    if (!checkpoint || checkpoint.treeSize !== figures.treeSize || checkpoint.rootHash !== figures.root) {
      throw new Error(
        `checkpoint ${JSON.stringify(checkpoint)} does not match the seeded tree ${figures.treeSize} ${figures.root}`,
      );
    }
    log(
      `seeded in ${fixed(figures.totalSeconds)} s: ${figures.events.toLocaleString('en')} events (${fixed(figures.canonicalBytes / 1_048_576)} MB canonical), ` +
        `log size ${figures.treeSize.toLocaleString('en')}; canonical bytes from canonicalBytes (RFC 8785), as recordEvents writes them; checkpoint() signed tree size ${checkpoint.treeSize.toLocaleString('en')} in ${fixed(seconds(started), 2)} s, ` +
        `its root (from the stored nodes) equals the root computed while seeding (${checkpoint.rootHash.slice(0, 16)}…)`,
    );
    const { rows: sizes } = await db.execute<{ name: string; bytes: string }>(sql`
      select c.relname as name, pg_total_relation_size(c.oid) as bytes from pg_class c
      where c.relname = any(${sql.param([...SEEDED_TABLES])}::text[]) order by c.relname`);
    log(
      `table sizes (with indexes and TOAST): ${sizes.map((row) => `${row.name} ${fixed(Number(row.bytes) / 1_048_576, 0)} MB`).join(', ')}`,
    );
    log(
      `rows: ${Object.entries(figures.rows)
        .map(([table, count]) => `${table} ${count.toLocaleString('en')}`)
        .join(', ')}`,
    );

    // Query targets, drawn at random from what was seeded.
    const { rows: picks } = await db.execute<{ id: string; entry: string; container: string }>(sql`
      select d.id, d.state->>'entryNumber' as entry, c.number as container
      from declarations d join consolidation_containers c on c.consolidation_id = d.consolidation_id
      where d.id in (select id from declarations tablesample system (5) limit 1000)
      order by random() limit ${QUERIES}`);
    const merchants = cast.operators.flatMap((operator) => operator.merchants);
    const purchasers = cast.operators.flatMap((operator) => operator.purchasers);
    const { rows: span } = await db.execute<{ first: string; last: string }>(sql`
      select (min(created_at) at time zone 'Asia/Shanghai')::date::text as first, (max(created_at) at time zone 'Asia/Shanghai')::date::text as last from declarations`);
    const firstDay = Date.parse(span[0]!.first);
    const days = Math.max(1, (Date.parse(span[0]!.last) - firstDay) / 86_400_000 - 7);
    const pick = <T>(items: readonly T[], i: number) => items[(i * 7919) % items.length]!;
    const window = (i: number) => {
      const from = new Date(firstDay + Math.floor((((i * 7919) % 1000) / 1000) * days) * 86_400_000);
      return `from=${from.toISOString().slice(0, 10)}&to=${new Date(from.getTime() + 6 * 86_400_000).toISOString().slice(0, 10)}`;
    };
    const kinds: { name: string; path: (i: number) => string }[] = [
      { name: 'GET /v1/trace/declarations/:id', path: (i) => `/v1/trace/declarations/${pick(picks, i).id}` },
      {
        name: 'GET /v1/trace/declarations/:entryNumber',
        path: (i) => `/v1/trace/declarations/${pick(picks, i).entry}`,
      },
      { name: '/v1/trace?merchant=', path: (i) => `/v1/trace?merchant=${pick(merchants, i)}&limit=${QUERY_LIMIT}` },
      { name: '/v1/trace?purchaser=', path: (i) => `/v1/trace?purchaser=${pick(purchasers, i)}&limit=${QUERY_LIMIT}` },
      { name: '/v1/trace?hsPrefix=4202', path: () => `/v1/trace?hsPrefix=4202&limit=${QUERY_LIMIT}` },
      { name: '/v1/trace?from=&to= (7 days)', path: (i) => `/v1/trace?${window(i)}&limit=${QUERY_LIMIT}` },
      {
        name: '/v1/trace?container=',
        path: (i) => `/v1/trace?container=${pick(picks, i).container}&limit=${QUERY_LIMIT}`,
      },
    ];
    log(
      `timing ${QUERIES} requests per kind (after 3 untimed), one client, customs key, limit ${QUERY_LIMIT}; declaration ids, entry numbers and containers drawn from the seed, every merchant and purchaser in turn (the last of each operator's trades only a few dozen times), 7-day windows across the year:`,
    );
    const queryRows: string[][] = [];
    const missed: string[] = [];
    for (const kind of kinds) {
      for (let i = 0; i < 3; i += 1) await http(api.url, cast.customs, 'GET', kind.path(QUERIES + i));
      const latencies: number[] = [];
      let chains = 0;
      let events = 0;
      let bytes = 0;
      for (let i = 0; i < QUERIES; i += 1) {
        const sent = performance.now();
        const res = await http(api.url, cast.customs, 'GET', kind.path(i));
        latencies.push(performance.now() - sent);
        if (res.status !== 200) throw new Error(`${kind.name}: ${res.status} ${res.text.slice(0, 300)}`);
        const page = res.json as { items: { events: unknown[] }[] };
        chains += page.items.length;
        events += page.items.reduce((sum, item) => sum + item.events.length, 0);
        bytes += res.bytes.length;
      }
      latencies.sort((a, b) => a - b);
      const p95Ms = percentile(latencies, 95);
      if (p95Ms > TARGET_QUERY_P95_MS) missed.push(kind.name);
      queryRows.push([
        kind.name,
        fixed(percentile(latencies, 50)),
        fixed(p95Ms),
        fixed(latencies.at(-1)!),
        fixed(chains / QUERIES),
        fixed(events / QUERIES),
        fixed(bytes / QUERIES / 1024),
        p95Ms <= TARGET_QUERY_P95_MS ? 'yes' : 'NO',
      ]);
    }
    printTable(
      [
        'query',
        'p50 ms',
        'p95 ms',
        'max ms',
        'chains/answer',
        'events/answer',
        'KB/answer',
        `p95 ≤ ${TARGET_QUERY_P95_MS} ms`,
      ],
      queryRows,
    );
    log(`load average ${loadAverage()}`);
    log(
      `trace-query p95 (target ≤ ${TARGET_QUERY_P95_MS} ms): ${missed.length ? `NOT met by ${missed.join(', ')}` : 'met by every kind'}`,
    );

    // 3. Evidence bundle of the 500-line declaration.
    log('');
    log(
      `## 3. Evidence bundle of a ${bundleDeclaration.lines}-line declaration (${bundleDeclaration.declaredLines} declared lines), on the seeded database`,
    );
    const bundleMs: number[] = [];
    let zip: Buffer = Buffer.alloc(0);
    for (let i = 0; i < BUNDLES; i += 1) {
      const sent = performance.now();
      const res = await http(api.url, cast.customs, 'GET', `/v1/trace/declarations/${bundleDeclaration.id}/bundle`);
      bundleMs.push(performance.now() - sent);
      if (res.status !== 200) throw new Error(`bundle: ${res.status} ${res.text.slice(0, 300)}`);
      zip = res.bytes;
    }
    const verifyStarted = performance.now();
    const verification = verifyBundle(new Uint8Array(zip), { expectedKeyId: signer.keyId });
    const verifyMs = performance.now() - verifyStarted;
    const failed = verification.checks.filter((check) => !check.ok);
    const sortedBundles = [...bundleMs].sort((a, b) => a - b);
    printTable(
      ['evidence bundle', 'first ms', 'p50 ms', 'max ms', 'KB', 'events', 'verifyBundle ms', 'verified'],
      [
        [
          `GET /v1/trace/declarations/:id/bundle ×${BUNDLES}`,
          fixed(bundleMs[0]!),
          fixed(percentile(sortedBundles, 50)),
          fixed(sortedBundles.at(-1)!),
          fixed(zip.length / 1024),
          String(verification.checks.filter((check) => / line \d+ \(leaf /.test(check.item)).length),
          fixed(verifyMs),
          verification.ok ? 'ok' : `FAILED (${failed.length})`,
        ],
      ],
    );
    if (!verification.ok) {
      process.exitCode = 1;
      log(
        `verification problems: ${failed
          .slice(0, 5)
          .map((check) => `${check.item}: ${check.problem}`)
          .join('; ')}`,
      );
    }
    const bundleSeconds = sortedBundles.at(-1)! / 1_000;
    log(
      `bundle time, worst of ${BUNDLES} (target ≤ ${TARGET_BUNDLE_SECONDS} s): ${fixed(bundleSeconds, 2)} s: ${bundleSeconds <= TARGET_BUNDLE_SECONDS ? 'met' : 'NOT met'}`,
    );

    log('');
    log(
      `summary: events/s ${fixed(appendRate)} (≥ ${TARGET_EVENTS_PER_SECOND}: ${appendRate >= TARGET_EVENTS_PER_SECOND ? 'met' : 'NOT met'}); ` +
        `trace p95 worst ${fixed(Math.max(...queryRows.map((row) => Number(row[2]))))} ms over ${SEED_LINES.toLocaleString('en')} lines / ${SEED_DECLARATIONS.toLocaleString('en')} declarations (≤ ${TARGET_QUERY_P95_MS}: ${missed.length ? 'NOT met' : 'met'}); ` +
        `bundle ${fixed(bundleSeconds, 2)} s (≤ ${TARGET_BUNDLE_SECONDS}: ${bundleSeconds <= TARGET_BUNDLE_SECONDS ? 'met' : 'NOT met'}); whole run ${fixed(seconds(runStarted) / 60, 1)} min`,
    );
    if (appendRate < TARGET_EVENTS_PER_SECOND || missed.length || bundleSeconds > TARGET_BUNDLE_SECONDS)
      process.exitCode = 1;
    void plan;
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

await main();
