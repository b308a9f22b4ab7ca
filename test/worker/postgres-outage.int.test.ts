import { createServer, connect, type Server, type Socket } from 'node:net';
import { writeOutbox } from '@baigou/core';
import { createDatabase, type Database } from '@baigou/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresOutageReporter, startWorker, type RunningWorker } from '../../services/worker/src';
import { useTestEnvironment } from '../support/services';
import { approvalOf, capturingLogger, completed, createOrg, testWorkerConfig, waitFor } from './worker.support';

/**
 * A TCP relay in front of the real PostgreSQL that the test can cut and restore: to the worker behind
 * it, PostgreSQL goes away (open connections reset, new ones refused) and comes back on the same port.
 */
function postgresRelay(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        const address = server!.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server!.close(() => resolve());
    });
  return {
    open,
    cut,
    url: (databaseUrl: string) => Object.assign(new URL(databaseUrl), { host: `127.0.0.1:${port}` }),
  };
}

describe('PostgreSQL going away and coming back under a running worker', () => {
  const env = useTestEnvironment();
  const log = capturingLogger();
  let relay: ReturnType<typeof postgresRelay>;
  let database: Database | undefined;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    relay = postgresRelay(new URL(env.databaseUrl));
    await relay.open();
    const url = relay.url(env.databaseUrl).toString();
    // Wired as services/worker/src/main.ts wires it: the pool's idle-client errors go to the reporter.
    const postgres = postgresOutageReporter(log.logger, url);
    database = createDatabase(url, { max: 4, onError: (error) => postgres.failed(error) });
    const config = testWorkerConfig(env, { DATABASE_URL: url, PROVENANCE_CHECKPOINT_MS: '200' });
    worker = await startWorker({ config, database, logger: log.logger, outages: { postgres } });
  });

  afterAll(async () => {
    await worker?.close();
    // pg's pool.end() can wait forever on a client whose connection died in the outage (a known pg
    // behaviour, reported in the closing note); the test does not wait on it past five seconds.
    await Promise.race([database?.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await relay?.cut().catch(() => undefined);
  });

  it('says once that PostgreSQL is unreachable and once that it is back, then delivers what waited', async () => {
    const { db } = env.database;
    const orgId = await createOrg(db);
    const before = approvalOf(orgId);
    await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', before.payload, before.jobKey));
    await waitFor(completed(db, before.jobKey), 'delivery before the outage');

    await relay.cut();
    // Written straight to PostgreSQL (the API's own connection) while the worker cannot reach it.
    const during = approvalOf(orgId);
    await db.transaction((tx) => writeOutbox(tx, 'registry.decision-notify', during.payload, during.jobKey));
    await waitFor(async () => log.warnings().some((line) => line.msg.includes('is unreachable')), 'the outage report');
    // Several relay ticks and checkpoints fail meanwhile (polls every 50 ms, checkpoints every 200 ms).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await relay.open();
    await waitFor(completed(db, during.jobKey), 'delivery after PostgreSQL returned', 30_000);

    const warnings = log.warnings().filter((line) => !line.msg.startsWith('no PROVENANCE_SIGNING_KEY'));
    expect(warnings.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^PostgreSQL at postgres:\/\/.+ is unreachable \(.+\)\. Still working: .+ Waiting: .+/),
      expect.stringMatching(/^PostgreSQL at postgres:\/\/.+ is reachable again after \d+ s/),
    ]);
  });
});
