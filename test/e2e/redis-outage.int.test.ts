import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createAccessService } from '@baigou/core';
import { createDatabase, type Database } from '@baigou/db';
import { dropTestDatabase } from '@baigou/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { merchantBody, operatorBody } from '../support/fixtures';
import { freePort, redisServerBinary, startRedisServer, stopProcess, waitFor } from '../support/processes';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('Redis outage while the platform runs', () => {
  // A missing redis-server fails the file rather than skipping it (.ci/run installs the Debian package).
  beforeAll(() => {
    if (!redisServerBinary) throw new Error('redis-server not found: install it (Debian: redis-server)');
  });
  const { postgresUrl } = inject('services');
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.pathname = `/baigou_e2e_${randomBytes(4).toString('hex')}`;
  const children: ChildProcess[] = [];
  let database: Database | undefined;

  afterAll(async () => {
    for (const child of children) await stopProcess(child, 'SIGKILL');
    await database?.close();
    await dropTestDatabase(postgresUrl, databaseUrl.toString());
  });

  it('answers /readyz 503 while Redis is down, 200 after, and delivers the outbox written meanwhile', async () => {
    const redisPort = await freePort();
    let redis = await startRedisServer(redisPort);
    children.push(redis);
    const port = await freePort();
    let output = '';
    const platform = spawn(process.execPath, ['--import', 'tsx', 'services/platform/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '200',
        OUTBOX_RECONCILE_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(platform);
    platform.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    platform.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    const readyz = async () => (await fetch(`${base}/readyz`)).status;
    await waitFor(async () => (await readyz()) === 200, 60_000, `platform ready (output: ${output.slice(-2000)})`);

    database = createDatabase(databaseUrl.toString(), { max: 2 });
    const access = createAccessService({ db: database.db });
    const operator = await access.createKey({ orgName: 'Outage Trading', kind: 'operator', role: 'operator' });
    const staff = await access.createKey({ orgName: 'Center', kind: 'center', role: 'staff' });
    const call = async (key: string, path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { id: string; status: string } };
    };
    const notifications = async () =>
      Number(
        (
          await database!.db.execute<{ n: string }>(
            sql`select count(*) as n from notifications where org_id = ${operator.orgId}`,
          )
        ).rows[0]!.n,
      );

    expect((await call(operator.key, '/v1/operators', operatorBody(1))).status).toBe(201);
    const merchant = await call(operator.key, '/v1/merchants', merchantBody(1));
    expect((await call(staff.key, `/v1/merchants/${merchant.body.id}/approve`, {})).status).toBe(200);
    await waitFor(async () => (await notifications()) === 1, 20_000, 'first notification');

    await stopProcess(redis, 'SIGKILL');
    await waitFor(async () => (await readyz()) === 503, 10_000, '/readyz 503');
    const readiness = (await (await fetch(`${base}/readyz`)).json()) as { checks: unknown };
    expect(readiness.checks).toEqual({ postgres: 'ok', migrations: 'ok', redis: 'failing' });

    // PostgreSQL is the source of truth: the API keeps accepting work while Redis is away.
    const suspended = await call(staff.key, `/v1/merchants/${merchant.body.id}/suspend`, {
      reason: 'documents missing',
    });
    expect(suspended.status).toBe(200);
    const pending = await database.db.execute<{ n: string }>(
      sql`select count(*) as n from outbox where completed_at is null`,
    );
    expect(Number(pending.rows[0]!.n)).toBe(1);

    // The platform's watcher says so at its first failed reconnection; wait for it, so a quick
    // restart cannot come before the outage was noticed at all.
    await waitFor(async () => output.includes('is unreachable'), 20_000, 'the outage to be reported');
    redis = await startRedisServer(redisPort);
    children.push(redis);
    await waitFor(async () => (await readyz()) === 200, 20_000, '/readyz 200 again');
    await waitFor(
      async () => (await notifications()) === 2,
      30_000,
      `notification written during the outage (output: ${output.slice(-2000)})`,
    );
    expect(platform.exitCode).toBeNull();

    // The console during all this: the outage said once, its end once, nothing else above info (the
    // development signing key aside); no client without an error listener.
    expect(output).not.toContain('Unhandled error event');
    const warnings = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string; err?: unknown })
      .filter((line) => line.level >= 40 && !line.msg.startsWith('no PROVENANCE_SIGNING_KEY'));
    // A failure shows each warning's error too, so an unexpected one says what the client saw.
    expect(
      warnings.map((line) => line.msg),
      JSON.stringify(warnings.map(({ msg, err }) => ({ msg, err }))),
    ).toEqual([
      expect.stringMatching(
        /^Redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable \(.+\)\. Still working: .+ Waiting: .+/,
      ),
      expect.stringMatching(/^Redis at redis:\/\/127\.0\.0\.1:\d+ is reachable again after \d+ s/),
    ]);
  }, 120_000);
});
