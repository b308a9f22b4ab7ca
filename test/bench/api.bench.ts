import { openBenchEnvironment, startBenchApi } from './bench-environment';
/**
 * `pnpm bench:api`: POST /v1/merchants on the real API (PostgreSQL, Redis, auth, rate limit, idempotency,
 * validation, one transaction) against a bare Fastify server that answers the same requests with a
 * canned 201, both over HTTP on 127.0.0.1 in the same run. Every request is a distinct valid merchant
 * with its own Idempotency-Key, so the API does the full work each time.
 *
 * DATABASE_URL (any database on the server; a scratch one is cloned from the test template and dropped)
 * and REDIS_URL as for the tests; BENCH_DURATION_S (default 10) and BENCH_CONNECTIONS (default 20).
 */
import { randomUUID } from 'node:crypto';
import { createAccessService, residentIdCheckDigit } from '@baigou/core';
import type { Database } from '@baigou/db';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { merchantBody, operatorBody } from '../support/fixtures';

const durationSeconds = Number(process.env.BENCH_DURATION_S ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const warmUpSeconds = 2;

/** A valid resident ID per n, unique for n below 10 million: 1,000 sequence numbers on each day from 1950. */
function residentId(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1_000) * 86_400_000);
  const first17 = `130681${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(n % 1_000).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17)!;
}

interface Figures {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  status2xx: number;
  other: number;
  errors: number;
}

/** Runs autocannon against POST /v1/merchants, each request a new merchant with a new Idempotency-Key. */
async function hammer(
  name: string,
  url: string,
  apiKey: string,
  seconds: number,
  counter: { n: number },
): Promise<Figures> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/merchants',
        setupRequest: (request) => {
          counter.n += 1;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${apiKey}`,
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify(merchantBody(counter.n, { residentId: residentId(counter.n) })),
          };
        },
      },
    ],
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result['2xx'] + result.non2xx,
    status2xx: result['2xx'],
    other: result.non2xx,
    errors: result.errors,
  };
}

/** The same route shape with no work behind it: parse JSON, answer 201 with a merchant-sized body. */
async function startBareServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  const canned = {
    id: randomUUID(),
    status: 'submitted',
    statusReason: null,
    version: 1,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    operatorOrgId: randomUUID(),
    kind: 'individual_business',
    uscc: null,
    residentIdMasked: '130681**********1X',
    nameZh: '白沟1号箱包店',
    nameEn: null,
    ownerName: '王芳',
    contactPhone: '13900000000',
    marketName: '和道国际箱包城',
    boothNo: 'A-1',
    goodsCategories: ['42'],
    fxAccount: { bankName: '中国银行白沟支行', accountName: '王芳', accountNoMasked: '6217********0001' },
  };
  app.post('/v1/merchants', async (_request, reply) => reply.code(201).send(canned));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

function printTable(rows: Figures[]) {
  const header = ['server', 'req/s', 'p50 ms', 'p99 ms', 'requests', '2xx', 'non-2xx', 'errors'];
  const lines = rows.map((row) => [
    row.name,
    fixed(row.requestsPerSecond),
    fixed(row.p50Ms, 0),
    fixed(row.p99Ms, 0),
    String(row.total),
    String(row.status2xx),
    String(row.other),
    String(row.errors),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  console.log(format(header));
  console.log(
    `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
  );
  for (const line of lines) console.log(format(line));
}

async function main() {
  const { databaseUrl, database, redisPrefix, cleanups } = await openBenchEnvironment('bench');
  try {
    const { api, config } = await startBenchApi({ databaseUrl, database, redisPrefix, cleanups });
    const bare = await startBareServer();
    cleanups.unshift(() => bare.close());

    const { key } = await createAccessService({ db: database.db }).createKey({
      orgName: 'Bench Trading',
      kind: 'operator',
      role: 'operator',
    });
    const registered = await fetch(`${api.url}/v1/operators`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify(operatorBody(1)),
    });
    if (registered.status !== 201)
      throw new Error(`operator registration failed: ${registered.status} ${await registered.text()}`);

    console.log(
      `POST /v1/merchants, ${connections} connections, ${durationSeconds} s each after a ${warmUpSeconds} s warm-up; API pool ${config.DB_POOL_MAX}, log level ${config.LOG_LEVEL}; latency resolution 1 ms`,
    );
    const counter = { n: 0 };
    await hammer('warm-up', bare.url, key, warmUpSeconds, counter);
    const bareFigures = await hammer('bare Fastify (canned 201)', bare.url, key, durationSeconds, counter);
    await hammer('warm-up', api.url, key, warmUpSeconds, counter);
    // Requests still in flight when autocannon stops finish on the server after it returns.
    await settle();
    const merchantsBefore = await countMerchants(database);
    const apiFigures = await hammer('API (register merchant)', api.url, key, durationSeconds, counter);
    await settle();
    const written = (await countMerchants(database)) - merchantsBefore;

    console.log('');
    printTable([bareFigures, apiFigures]);
    console.log('');
    console.log(
      `API / bare throughput: ${fixed((apiFigures.requestsPerSecond / bareFigures.requestsPerSecond) * 100)} %`,
    );
    console.log(
      `API / bare latency:    p50 ×${fixed(apiFigures.p50Ms / bareFigures.p50Ms)}, p99 ×${fixed(apiFigures.p99Ms / bareFigures.p99Ms)}`,
    );
    console.log(`merchants written during the API run: ${written} (2xx responses: ${apiFigures.status2xx})`);
    // A request in flight when autocannon stops (at most one per connection) is written but not counted.
    const unaccounted = written - apiFigures.status2xx;
    if (apiFigures.other > 0 || apiFigures.errors > 0 || unaccounted < 0 || unaccounted > connections) {
      process.exitCode = 1;
      console.error(
        'the API answered some requests with an error or wrote a different number of merchants: the figures are not comparable',
      );
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

async function countMerchants(database: Database): Promise<number> {
  const { rows } = await database.db.execute<{ count: number }>(sql`select count(*)::int as count from merchants`);
  return rows[0]!.count;
}

await main();
