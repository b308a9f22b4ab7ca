import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createProvenanceLog,
  fetchNodes,
  fromBase64,
  fromHex,
  leafHash,
  loadProvenanceSigner,
  publicKeyFromRaw,
  rootFrom,
  rootKeys,
  verifyBundle,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type CheckpointView,
  type ProvenanceLog,
} from '@baigou/core';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../services/cli/src/cli.testing';
import { useTestApi } from '../support/api';
import { expectProblem } from '../support/http-assertions';
import { sharedDataFile } from '../support/shared-data';
import { containerNumber, tradeHelpers, type TradeOperator } from '../support/trade';

/**
 * Customs traceability end to end through the REST API: a declaration's whole chain (registrations →
 * transactions with documents and price checks → consolidation and container → declaration with its
 * merged-line mapping → customs status → FX), every event proved against a signed checkpoint, the
 * EPCIS 2.0 export valid against GS1's schema, and the evidence bundle verified offline by the CLI.
 */

interface TraceEvent {
  stage: string;
  eventId: string;
  eventType: string;
  action: string;
  subjectId: string;
  leafIndex: number | null;
  canonical: string;
  leafHash: string;
  proof: { leafIndex: number; treeSize: number; hashes: string[] } | null;
}
type Checkpoint = CheckpointView;
interface TracePage {
  checkpoint: Checkpoint | null;
  items: { declaration: { id: string; entryNumber: string | null; status: string }; events: TraceEvent[] }[];
  nextCursor: string | null;
}

describe('provenance log and customs traceability', () => {
  const api = useTestApi();
  const { post, get, cast, submitSale } = tradeHelpers(api);
  let customs: string;
  let staff: string;
  let operator: TradeOperator;
  let unitPrice: string;
  let log: ProvenanceLog;
  let serial = 7_000;
  let entrySeq = 0;

  /** Sells, consolidates (one container), declares, and takes the declaration through customs to export. */
  async function exportedDeclaration(lines: { quantity: string; description?: string; hsCode?: string }[][]) {
    const sales = [];
    for (const saleLines of lines) sales.push(await submitSale(operator, unitPrice, saleLines));
    const container = containerNumber((serial += 1));
    const consolidation = await post(operator.key, '/v1/consolidations', {
      clientRef: `cons-${randomUUID()}`,
      destinationCountry: 'KAZ',
      transportMode: '3',
      chinaEuropeRail: true,
      exitPort: '霍尔果斯',
      transactionIds: sales.map((sale) => sale.id),
      containers: [{ number: container, type: '22', sealNo: `S${serial}` }],
      packing: sales.map((sale) => ({
        transactionId: sale.id,
        cartons: 4,
        grossWeightKg: '40.000',
        netWeightKg: '36.000',
      })),
    });
    expect(consolidation.statusCode, consolidation.body).toBe(201);
    const declared = await post(operator.key, '/v1/declarations', {
      consolidationId: consolidation.json().id,
      simplify: true,
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const id = declared.json().id as string;
    const entryNumber = `0401${new Date().getFullYear()}${String(Date.now() % 10_000_000).padStart(7, '0')}${String((entrySeq += 1)).padStart(3, '0')}`;
    expect((await post(operator.key, `/v1/declarations/${id}/submit`, {})).statusCode).toBe(200);
    for (const event of [
      { type: 'accept', entryNumber },
      { type: 'release', at: new Date().toISOString() },
      { type: 'export', at: new Date().toISOString() },
    ]) {
      const res = await post(customs, `/v1/declarations/${id}/customs-events`, event);
      expect(res.statusCode, res.body).toBe(200);
    }
    return {
      id,
      entryNumber,
      container,
      sales,
      consolidationId: consolidation.json().id as string,
      totalValue: declared.json().totalValue as string,
    };
  }

  const checkpointKey = async () =>
    (await get(customs, '/v1/trace/keys')).json<{ items: { keyId: string; publicKey: string }[] }>().items;

  async function expectProved(page: TracePage) {
    const checkpoint = page.checkpoint!;
    const key = (await checkpointKey()).find((candidate) => candidate.keyId === checkpoint.keyId)!;
    expect(verifyCheckpoint(checkpoint, publicKeyFromRaw(fromBase64(key.publicKey)))).toBe(true);
    for (const item of page.items) {
      for (const event of item.events) {
        expect(event.proof, `${event.action} ${event.eventId} has no proof`).not.toBeNull();
        const leaf = leafHash(Buffer.from(event.canonical, 'utf8'));
        expect(Buffer.from(leaf).toString('hex')).toBe(event.leafHash);
        expect(event.proof!.treeSize).toBe(checkpoint.treeSize);
        expect(
          verifyInclusion(
            leaf,
            event.leafIndex!,
            checkpoint.treeSize,
            event.proof!.hashes.map(fromHex),
            fromHex(checkpoint.rootHash),
          ),
          `${event.action} ${event.eventId}`,
        ).toBe(true);
      }
    }
  }

  let first: Awaited<ReturnType<typeof exportedDeclaration>>;

  beforeAll(async () => {
    ({
      customs,
      staff,
      operatorA: operator,
      unitPrice,
    } = await cast(['Tracing Operator A', 'Tracing Operator B'], [81, 82]));
    log = createProvenanceLog({ db: api.env.database.db, signer: loadProvenanceSigner(undefined, 'test').signer });
    first = await exportedDeclaration([
      [{ quantity: '120' }, { quantity: '30', description: '帆布双肩包 旅行背包', hsCode: '42029200' }],
      [{ quantity: '80' }],
    ]);
    const receipt = await post(operator.key, '/v1/fx-receipts', {
      clientRef: `fx-${randomUUID()}`,
      bankName: '中国银行保定分行',
      bankReference: `BOC${randomUUID().slice(0, 12)}`,
      payerName: 'Tracing Buyer',
      payerCountry: 'KAZ',
      payerPurchaserId: operator.purchaserId,
      currency: 'CNY',
      amount: first.totalValue,
      valueDate: new Date().toISOString().slice(0, 10),
      agencyReceipt: true,
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    const allocation = await post(operator.key, `/v1/fx-receipts/${receipt.json().id}/allocations`, {
      declarationId: first.id,
      amount: first.totalValue,
    });
    expect(allocation.statusCode, allocation.body).toBe(200);
    await log.sequenceAndCheckpoint();
  });

  it('answers the whole chain of a declaration, by platform id and by customs entry number, every event proved against a signed checkpoint', async () => {
    const byId = await get(customs, `/v1/trace/declarations/${first.id}`);
    expect(byId.statusCode, byId.body).toBe(200);
    const page = byId.json<TracePage>();
    const events = page.items[0]!.events;
    expect(new Set(events.map((event) => event.stage))).toEqual(
      new Set(['registration', 'transaction', 'consolidation', 'declaration', 'customs', 'fx']),
    );
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining([
        'merchant.submitted',
        'merchant.approved',
        'purchaser.approved',
        'operator.approved',
        'transaction.recorded',
        'consolidation.packed',
        'declaration.created',
        'declaration.submitted',
        'declaration.accepted',
        'declaration.released',
        'declaration.exported',
        'fx_receipt.recorded',
        'fx_receipt.allocated',
      ]),
    );
    expect(events.filter((event) => event.action === 'transaction.recorded')).toHaveLength(2);
    await expectProved(page);

    const transaction = JSON.parse(
      events.find((event) => event.action === 'transaction.recorded' && event.subjectId === first.sales[0]!.id)!
        .canonical,
    );
    expect(transaction['mpt:transaction'].documents[0]).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      filename: 'sales-slip-001.jpg',
    });
    expect(transaction['mpt:transaction'].lines[0].priceCheck).toMatchObject({ status: expect.any(String) });
    const packed = JSON.parse(events.find((event) => event.action === 'consolidation.packed')!.canonical);
    expect(packed).toMatchObject({
      type: 'AggregationEvent',
      parentID: `urn:baigou-mpt:container:${first.container}`,
      bizStep: 'packing',
    });
    expect(packed.childQuantityList).toHaveLength(3);
    const declared = JSON.parse(events.find((event) => event.action === 'declaration.created')!.canonical);
    const sourceLines = declared['mpt:declaration'].lines.flatMap(
      (line: { sourceLines: string[] }) => line.sourceLines,
    );
    expect(sourceLines.sort()).toEqual(
      packed.childQuantityList.map((child: { epcClass: string }) => child.epcClass).sort(),
    );

    const byEntry = await get(customs, `/v1/trace/declarations/${first.entryNumber}`);
    expect(byEntry.statusCode).toBe(200);
    expect(byEntry.json<TracePage>().items[0]!.declaration).toMatchObject({
      id: first.id,
      entryNumber: first.entryNumber,
      status: 'exported',
    });
  });

  it('finds declarations by merchant (id or USCC), purchaser, HS prefix, date range and container', async () => {
    const { uscc } = (await get(operator.key, `/v1/merchants/${operator.merchantId}`)).json<{ uscc: string | null }>();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const queries = [
      `merchant=${operator.merchantId}`,
      ...(uscc ? [`merchant=${uscc}`] : []),
      `purchaser=${operator.purchaserId}`,
      'hsPrefix=42',
      'hsPrefix=42029200',
      `from=${today}&to=${today}`,
      `container=${first.container}`,
      `declaration=${first.entryNumber}`,
      `merchant=${operator.merchantId}&hsPrefix=4202&container=${first.container}`,
    ];
    for (const query of queries) {
      const res = await get(customs, `/v1/trace?${query}&limit=50`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
      expect(
        res.json<TracePage>().items.map((item) => item.declaration.id),
        query,
      ).toContain(first.id);
    }
    for (const query of [
      'hsPrefix=9999',
      `container=${containerNumber(99_999)}`,
      'from=2001-01-01&to=2001-12-31',
      `purchaser=${randomUUID()}`,
    ]) {
      const res = await get(customs, `/v1/trace?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<TracePage>().items, query).toEqual([]);
    }
  });

  it('keeps later pages proved against the first page’s checkpoint while events are appended', async () => {
    const second = await exportedDeclaration([[{ quantity: '10' }]]);
    await log.sequenceAndCheckpoint();
    const query = `merchant=${operator.merchantId}&limit=1`;
    const pageOne = (await get(customs, `/v1/trace?${query}`)).json<TracePage>();
    expect(pageOne.items).toHaveLength(1);
    const pinned = pageOne.checkpoint!.treeSize;
    // More events and a newer checkpoint arrive between the pages.
    await exportedDeclaration([[{ quantity: '5' }]]);
    const newer = await log.sequenceAndCheckpoint();
    expect(newer!.treeSize).toBeGreaterThan(pinned);
    const pageTwo = (await get(customs, `/v1/trace?${query}&cursor=${pageOne.nextCursor}`)).json<TracePage>();
    expect(pageTwo.checkpoint!.treeSize).toBe(pinned);
    expect(pageTwo.items[0]!.declaration.id).not.toBe(pageOne.items[0]!.declaration.id);
    expect([first.id, second.id]).toContain(pageTwo.items[0]!.declaration.id);
    await expectProved(pageTwo);
    // Events newer than the pinned checkpoint are shown without a proof against it.
    const pageThree = (await get(customs, `/v1/trace?${query}&cursor=${pageTwo.nextCursor}`)).json<TracePage>();
    const unproved = pageThree.items
      .flatMap((item) => item.events)
      .filter((event) => event.leafIndex === null || event.leafIndex >= pinned);
    expect(unproved.length).toBeGreaterThan(0);
    expect(unproved.every((event) => event.proof === null)).toBe(true);
  });

  it('serves the latest checkpoint and consistency proofs between checkpoints', async () => {
    const older = (await get(customs, '/v1/trace/checkpoints/latest')).json<Checkpoint>();
    await exportedDeclaration([[{ quantity: '7' }]]);
    const newer = (await log.sequenceAndCheckpoint())!;
    const res = await get(customs, `/v1/trace/consistency?from=${older.treeSize}&to=${newer.treeSize}`);
    expect(res.statusCode, res.body).toBe(200);
    const { hashes } = res.json<{ hashes: string[] }>();
    expect(
      verifyConsistency(
        older.treeSize,
        newer.treeSize,
        hashes.map(fromHex),
        fromHex(older.rootHash),
        fromHex(newer.rootHash),
      ),
    ).toBe(true);
    expect(
      verifyConsistency(
        older.treeSize,
        newer.treeSize,
        hashes.map(fromHex),
        fromHex(newer.rootHash),
        fromHex(older.rootHash),
      ),
    ).toBe(false);
    expectProblem(
      await get(customs, `/v1/trace/consistency?from=${newer.treeSize}&to=${older.treeSize}`),
      400,
      'request.validation_failed',
    );
    // Any event against any checkpoint: the same chain proved against the older and the newer one.
    for (const checkpoint of [older, newer]) {
      const page = (
        await get(customs, `/v1/trace/declarations/${first.id}?treeSize=${checkpoint.treeSize}`)
      ).json<TracePage>();
      expect(page.checkpoint).toEqual(checkpoint);
      await expectProved(page);
    }
    expectProblem(
      await get(customs, `/v1/trace/declarations/${first.id}?treeSize=${newer.treeSize + 1_000}`),
      404,
      'trace.checkpoint_not_found',
    );
    const beyond = expectProblem(
      await get(customs, `/v1/trace/consistency?from=1&to=${newer.treeSize + 1_000}`),
      404,
      'trace.checkpoint_not_found',
    );
    expect(beyond.detail).toContain(`the latest signed checkpoint has tree size ${newer.treeSize}`);
  });

  it('serves consistency proofs between any two sizes up to the latest checkpoint, as a CT log does', async () => {
    const latest = (await get(customs, '/v1/trace/checkpoints/latest')).json<Checkpoint>();
    expect(latest.treeSize).toBeGreaterThan(3);
    const rootOf = async (size: number) => rootFrom(size, await fetchNodes(api.env.database.db, rootKeys(size)));
    const sizes = [1, 2, 3, latest.treeSize - 1, latest.treeSize];
    for (const from of sizes) {
      for (const to of sizes.filter((size) => size >= from)) {
        const res = await get(customs, `/v1/trace/consistency?from=${from}&to=${to}`);
        expect(res.statusCode, `${from}..${to}: ${res.body}`).toBe(200);
        const body = res.json<{ fromSize: number; toSize: number; to: Checkpoint | null; hashes: string[] }>();
        expect(body).toMatchObject({ fromSize: from, toSize: to });
        if (to === latest.treeSize) expect(body.to).toEqual(latest);
        const proof = body.hashes.map(fromHex);
        expect(verifyConsistency(from, to, proof, await rootOf(from), await rootOf(to)), `${from}..${to}`).toBe(true);
      }
    }
  });

  it('exports the chain as a GS1 EPCIS 2.0 document that validates against the GS1 schema, and as CSV with a BOM', async () => {
    const res = await get(customs, `/v1/trace/declarations/${first.id}/epcis`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const document = res.json<{ epcisBody: { eventList: { type: string }[] } }>();
    expect(new Set(document.epcisBody.eventList.map((event) => event.type))).toEqual(
      new Set(['ObjectEvent', 'AggregationEvent', 'TransactionEvent']),
    );
    const ajv = new Ajv();
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(sharedDataFile('epcis/EPCIS-JSON-Schema.json'), 'utf8')));
    expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The schema really constrains: an event without its time zone offset is refused.
    const broken = structuredClone(document) as { epcisBody: { eventList: Record<string, unknown>[] } };
    delete broken.epcisBody.eventList[0]!.eventTimeZoneOffset;
    expect(validate(broken)).toBe(false);

    const csv = await get(customs, `/v1/trace/declarations/${first.entryNumber}/events.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('环节 stage');
    expect(csv.body).toContain('declaration.exported');
  });

  it('exports a signed evidence bundle that the offline CLI verifies, and catches a tampered copy', async () => {
    const res = await get(customs, `/v1/trace/declarations/${first.id}/bundle`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = res.rawPayload;
    const verification = verifyBundle(new Uint8Array(zip));
    expect(verification.checks.filter((check) => !check.ok)).toEqual([]);
    expect(verification.ok).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    const good = join(dir, 'evidence.zip');
    writeFileSync(good, zip);
    const ok = await runCli(['verify-bundle', good], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(ok.exitCode, ok.stdout + ok.stderr).toBe(0);

    const tampered = Buffer.from(zip);
    const at = tampered.indexOf(Buffer.from('"mpt:transaction"'));
    tampered[at + 40]! ^= 0x01;
    const bad = join(dir, 'tampered.zip');
    writeFileSync(bad, tampered);
    const failed = await runCli(['verify-bundle', bad], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(failed.exitCode, failed.stdout).toBe(1);
  });

  it('catches events altered in the database behind the log: the exported bundle fails verification on that event (seeded)', async () => {
    const { db } = api.env.database;
    const seed = Number(process.env.TAMPER_SEED ?? Date.now() % 1_000_000);
    console.log(`database tamper seed ${seed} (TAMPER_SEED=${seed} replays it)`);
    let state = seed;
    const random = (n: number) => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648), state % n);
    const { rows } = await db.execute<{ id: string; canonical: Buffer }>(
      sql`select e.id, e.canonical from provenance_events e join provenance_leaves l on l.event_id = e.id where e.subject_id = ${first.id} order by l.leaf_index`,
    );
    const mutations: [string, (text: string) => string][] = [
      [
        'flip a byte',
        (text) => {
          const at = random(text.length);
          return `${text.slice(0, at)}${String.fromCharCode(text.charCodeAt(at) ^ 1)}${text.slice(at + 1)}`;
        },
      ],
      ['true → "true"', (text) => text.replace(/:(true|false)/, ':"$1"')],
      ['number → string', (text) => text.replace(/"quantity":(\d+)/, '"quantity":"$1"')],
      ['insert an empty array', (text) => text.replace(/^\{/, '{"mpt:extra":[],')],
      ['insert an empty object', (text) => text.replace(/^\{/, '{"mpt:extra":{},')],
      ['drop the last field', (text) => text.replace(/,"[^"]+":[^,]*}$/, '}')],
    ];
    for (let round = 0; round < 12; round++) {
      const row = rows[random(rows.length)]!;
      const [name, mutate] = mutations[random(mutations.length)]!;
      const original = row.canonical.toString('utf8');
      const forged = mutate(original);
      if (forged === original) continue;
      await db.execute(sql`alter table provenance_events disable trigger provenance_events_append_only`);
      await db.execute(sql`update provenance_events set canonical = ${Buffer.from(forged)} where id = ${row.id}`);
      try {
        const res = await get(customs, `/v1/trace/declarations/${first.id}/bundle`);
        expect(res.statusCode).toBe(200);
        const failed = verifyBundle(new Uint8Array(res.rawPayload)).checks.filter((check) => !check.ok);
        expect(failed.length, `seed ${seed} round ${round}: ${name} of event ${row.id} was not caught`).toBeGreaterThan(
          0,
        );
        expect(
          failed.some((check) => check.item.startsWith('events.jsonl')),
          `seed ${seed} round ${round}: ${JSON.stringify(failed)}`,
        ).toBe(true);
      } finally {
        await db.execute(sql`update provenance_events set canonical = ${row.canonical} where id = ${row.id}`);
        await db.execute(sql`alter table provenance_events enable trigger provenance_events_append_only`);
      }
    }
    expect(
      verifyBundle(new Uint8Array((await get(customs, `/v1/trace/declarations/${first.id}/bundle`)).rawPayload)).ok,
    ).toBe(true);
  });

  it('refuses UPDATE and DELETE on the event log in the database itself', async () => {
    const { db } = api.env.database;
    for (const statement of [
      sql`update provenance_events set action = 'forged' where seq = (select min(seq) from provenance_events)`,
      sql`delete from provenance_events where seq = (select min(seq) from provenance_events)`,
      sql`update provenance_tree_nodes set hash = '\\x00' where level = 0 and index = 0`,
      sql`delete from provenance_leaves where leaf_index = 0`,
      sql`delete from provenance_checkpoints`,
      sql`insert into provenance_leaves (leaf_index, event_id) select 1000000, id from provenance_events limit 1`,
    ]) {
      const refusal = await db.execute(statement).then(
        () => 'accepted',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
      expect(refusal).toMatch(/append-only|not the next index|duplicate key/);
    }
  });

  it('lets customs, staff and auditors trace, not operators, and refuses bad queries with problem+json', async () => {
    expectProblem(await get(operator.key, `/v1/trace/declarations/${first.id}`), 403, 'auth.forbidden_role');
    expect((await get(staff, `/v1/trace/declarations/${first.id}`)).statusCode).toBe(200);
    expectProblem(await get(customs, `/v1/trace/declarations/${randomUUID()}`), 404, 'trace.declaration_not_found');
    expectProblem(await get(customs, '/v1/trace/declarations/123456789012345678'), 404, 'trace.declaration_not_found');
    for (const [query, path] of [
      ['hsPrefix=4', '/querystring/hsPrefix'],
      ['hsPrefix=42a', '/querystring/hsPrefix'],
      ['container=BGUU1234567X', '/querystring/container'],
      ['from=2026-02-30', '/querystring/from'],
      ['from=2026-05-02&to=2026-05-01', '/querystring/to'],
      ['merchant=not-a-merchant', '/querystring/merchant'],
      ['colour=red', '/querystring'],
      ['cursor=garbage', '/querystring/cursor'],
    ] as const) {
      const problem = expectProblem(
        await get(customs, `/v1/trace?${query}`),
        400,
        query.startsWith('cursor') ? 'request.invalid_cursor' : 'request.validation_failed',
      );
      expect(JSON.stringify(problem.errors), query).toContain(path);
    }
  });
});
