import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dropTestDatabase } from '@baigou/db/testing';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, stopProcess, waitFor } from '../support/processes';
import { deleteRedisKeys } from '../support/redis';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `pnpm demo` end to end at a small scale, on a database of its own that it creates. */
describe('pnpm demo (the demo month)', () => {
  const { postgresUrl, redisUrl } = inject('services');
  const database = new URL(postgresUrl);
  database.pathname = `/baigou_demo_${randomBytes(4).toString('hex')}`;
  const redisPrefix = `e2e-demo-${randomBytes(4).toString('hex')}`;
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of children) await stopProcess(child, 'SIGKILL');
    await dropTestDatabase(postgresUrl, database.toString());
    await deleteRedisKeys(redisUrl, redisPrefix);
  });

  function startDemo(port: number, env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/demo/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.toString(),
        REDIS_URL: redisUrl,
        REDIS_PREFIX: redisPrefix,
        PORT: String(port),
        DEMO_OPERATORS: '3',
        DEMO_MERCHANTS: '20',
        DEMO_PURCHASERS: '10',
        DEMO_TRANSACTIONS: '150',
        DEMO_CONCURRENCY: '2',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const run = {
      child,
      output: '',
      exit: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
    };
    child.stdout?.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
    return run;
  }

  async function query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: database.toString() });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  const countOf = async (text: string) => Number((await query<{ n: string }>(text))[0]!.n);
  const printed = (output: string, pattern: RegExp) => {
    const match = pattern.exec(output);
    expect(match, `${pattern} in:\n${output}`).not.toBeNull();
    return match!.slice(1).map(Number);
  };

  it('drives a month through the API on a fresh database: parties approved, declarations released or exported, receipts allocated', async () => {
    const run = startDemo(await freePort(), { DEMO_EXIT: 'true' });
    expect(await run.exit, run.output).toBe(0);
    const { output } = run;
    expect(output).toMatch(/registry\s+33\/33 parties/);
    expect(output).toMatch(/transactions\s+150\/150 submitted/);
    expect(output).toMatch(/Staff key:\s+bgk_/);
    for (const label of ['Trading firm', 'Customs', 'Auditor'])
      expect(output).toMatch(new RegExp(`${label} key:\\s+bgk_`));
    expect(output).toMatch(/API docs:\s+http:\/\/127\.0\.0\.1:\d+\/docs/);
    // The console is the demo's account, in lines a person reads: no raw JSON log lines, on stdout or stderr.
    expect(output).not.toMatch(/^\s*\{"level"/m);
    expect(output).toMatch(/Statistics of \d{4}-\d{2}, by customs release date/);
    expect(output).not.toContain('by export date');
    // The closing steps either run or say they cannot yet; neither fails the demo.
    expect(output).toMatch(/by totals|statistics: not available yet/);
    expect(output).toMatch(/verified offline: OK|provenance: not available yet|verifyBundle is not available yet/);
    expect(output).not.toMatch(/verified offline: FAILED/);
    // 信用评价: every firm scored, the distribution printed, and one firm's reasons as it reads them.
    expect(output).toMatch(/\d+ firms scored: A \d+, B \d+, C \d+, D \d+/);
    expect(output).toMatch(/GET \/v1\/credit\/me: grade [ABCD], score \d+/);
    // 试点专项资金: the firms insured (and two the register does not know), a period run with its coverage,
    // its claims through audit, notice and approval for payment, as the database holds them.
    expect(output).toMatch(/policy SINO-BG-\d+: 5 insured firms, 3 registered and approved \(60\.0% 投保准确率\)/);
    const [, claimed] = printed(output, /coverage: (\d+) firms with exports, (\d+) claimed/);
    expect(await countOf(`select count(*) n from subsidy_claims`)).toBe(claimed);
    if (claimed! > 0) {
      const [approved] = printed(output, /approved for payment: (\d+) claims/);
      expect(await countOf(`select count(*) n from subsidy_claims where status = 'approved_for_payment'`)).toBe(
        approved,
      );
      expect(output).toMatch(/audit: \d+ tasks, one of each kind, \d+ claim lines sampled/);
      expect(await countOf(`select count(*) n from subsidy_audit_tasks where status <> 'completed'`)).toBe(0);
      // Paid through the bank simulator (as its own process, with faults), and the day reconciled.
      const [paid, failed] = printed(output, /payout: (\d+) paid, (\d+) failed/);
      expect(paid! + failed!).toBe(approved);
      expect(await countOf(`select count(*) n from payout_payments where status = 'paid'`)).toBe(paid);
      const [, differences] = printed(output, /(\d+) statement lines matched the ledger, (\d+) differences/);
      expect(differences).toBe(0);
    }

    const [declared, largestUsd] = printed(
      output,
      /(\d+) declarations \(largest USD ([\d.]+) of the 150,000 cap\), \d+ containers, \d+ by China–Europe rail/,
    );
    const [exported, released, rejected] = printed(output, /(\d+) exported, (\d+) released, (\d+) rejected/);
    const [, full, partial] = printed(output, /(\d+) receipts: (\d+) fully collected, (\d+) partially/);
    expect(declared).toBeGreaterThan(0);
    expect(largestUsd).toBeLessThanOrEqual(150_000);
    expect(await countOf(`select count(*) n from declarations where status <> 'withdrawn'`)).toBe(declared);
    expect(await countOf(`select count(*) n from operators where status = 'approved'`)).toBe(3);
    expect(await countOf(`select count(*) n from merchants where status = 'approved'`)).toBe(20);
    expect(await countOf(`select count(*) n from purchasers where status = 'approved'`)).toBe(10);
    expect(await countOf(`select count(*) n from transactions`)).toBe(150);
    expect(await countOf(`select count(*) n from declarations where status = 'exported'`)).toBe(exported);
    expect(await countOf(`select count(*) n from declarations where status = 'released'`)).toBe(released);
    expect(await countOf(`select count(*) n from declarations where status = 'rejected'`)).toBe(rejected);
    expect(exported! + released!).toBeGreaterThan(0);
    if (output.includes('by totals')) {
      // The printed month counts the released and exported declarations (by export date), as the database holds them.
      const [declarationsOfMonth] = printed(output, /报关单数\s+(\d+)/);
      expect(declarationsOfMonth).toBe(exported! + released!);
    }
    // Every collected declaration has its receipts allocated: in full (allocated = total) or in part.
    const collected = await query<{ total: string; allocated: string }>(
      `select d.total_value total, sum(a.amount) allocated from declarations d join fx_allocations a on a.declaration_id = d.id group by d.id`,
    );
    expect(collected).toHaveLength(full! + partial!);
    expect(collected.filter((row) => Number(row.allocated) === Number(row.total))).toHaveLength(full!);
    // Sales are bag titles mostly (chapter 42), each matched to a price-library product type.
    const chapters = await query<{ chapter: string; n: string }>(
      `select left(hs_code, 2) chapter, count(*) n from transaction_lines group by 1`,
    );
    const lines = chapters.reduce((sum, row) => sum + Number(row.n), 0);
    expect(Number(chapters.find((row) => row.chapter === '42')?.n ?? 0) / lines).toBeGreaterThan(0.6);
    expect(await countOf(`select count(*) n from transaction_lines where product_type_code is null`)).toBe(0);
  }, 300_000);

  it('runs a second time on the same database and leaves the platform running for a person to explore', async () => {
    const port = await freePort();
    const run = startDemo(port, {});
    await waitFor(
      async () => run.output.includes('The platform keeps running'),
      280_000,
      `the second run to finish (output: ${run.output.slice(-3000)})`,
    );
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const staffKey = /Staff key:\s+(bgk_\S+)/.exec(run.output)![1]!;
    // Every printed command works as printed: staff, a trading firm, customs and an auditor.
    const commands = [
      ...run.output.matchAll(/curl -H "Authorization: Bearer (bgk_\S+)" "(http:\/\/[^"]+)" {3}# (\S+)/g),
    ];
    expect(commands.map((command) => command[3])).toEqual(['staff:', 'trading', 'customs:', 'auditor:']);
    for (const [, key, url] of commands) {
      const answer = await fetch(url!, { headers: { authorization: `Bearer ${key}` } });
      expect(answer.status, `${url}: ${await answer.text()}`).toBe(200);
    }
    const declarations = await fetch(`${base}/v1/declarations?limit=5`, {
      headers: { authorization: `Bearer ${staffKey}` },
    });
    expect(declarations.status).toBe(200);
    const reportUrl = /-o \S+\.xlsx "(http:\/\/\S+)"/.exec(run.output)![1]!;
    const report = await fetch(reportUrl, { headers: { authorization: `Bearer ${staffKey}` } });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    // The same trading firms, a new month's merchants, purchasers and sales.
    expect(await countOf(`select count(*) n from operators`)).toBe(3);
    expect(await countOf(`select count(*) n from merchants where status = 'approved'`)).toBe(40);
    expect(await countOf(`select count(*) n from transactions`)).toBe(300);
    expect(await stopProcess(run.child, 'SIGTERM')).toBe(0);
  }, 300_000);
});
