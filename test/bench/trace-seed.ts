/**
 * Part 2 of `pnpm bench:trace`, the seed: `lines` goods lines in `declarations` declarations written
 * with COPY (pg-copy-streams) into the trade tables and the provenance log, consistent with each other:
 *
 * - every declaration has its own consolidation (one container, numbers reused across trips), of 1 or 2
 *   transactions of the operator's own merchants and purchasers (skewed: the last of each trades a few
 *   dozen times, the worst case of a trace by party); every line is consolidated
 *   once and declared once (one itemised declared line per goods kind);
 * - every declaration is submitted and accepted (18-digit entry number), a third released, a third
 *   exported too; the rows carry the final state;
 * - the events are built with the real builders (transactionRecordedEvents, consolidationEvents,
 *   declarationCreatedEvent, declarationStatusEvent), canonicalised as recordEvents does (RFC 8785),
 *   with their real leaf hashes; leaves continue the existing log contiguously and the tree nodes are
 *   computed in-process with appendLeaves from the stored frontier; one checkpoint is then signed by
 *   the log's checkpoint() and must equal the root computed here.
 *
 * Ids are deterministic per run (a random run prefix plus counters), so each table's rows are
 * regenerated from the same plan without holding a million lines in memory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  canonicalBytes,
  completeEvent,
  consolidationEvents,
  declarationCreatedEvent,
  declarationStatusEvent,
  fetchNodes,
  frontierKeys,
  appendLeaves,
  leafHash,
  nodeKeyId,
  mulberry32,
  toHex,
  transactionRecordedEvents,
  type ProvenanceEventInput,
  type StoredNode,
} from '@baigou/core';
import type { Database } from '@baigou/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { LineTemplate } from './trace-append';
import { containerNumber } from '../support/fixtures';
import { LINE_REMARK } from './bench-goods';
import type { BenchOperator } from './trace-setup';
import { copyBytes, copyRow } from './bench-support';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const CONTAINER_REUSE = 5;
const CHINA = 8 * HOUR_MS;

export const SEEDED_TABLES = [
  'transactions',
  'transaction_lines',
  'transaction_documents',
  'consolidations',
  'consolidation_transactions',
  'consolidation_containers',
  'declarations',
  'declaration_lines',
  'provenance_events',
  'provenance_leaves',
  'provenance_tree_nodes',
] as const;

export interface SeedOptions {
  lines: number;
  declarations: number;
  operators: readonly BenchOperator[];
  templates: readonly LineTemplate[];
  cnyPerUsd: string;
  /** Declarations are spread over the `spanDays` days ending 3 days ago. */
  spanDays: number;
  /** Show progress this often (rows). */
  onProgress: (message: string) => void;
}

interface PlannedLine {
  id: string;
  lineNo: number;
  template: LineTemplate;
  quantity: number;
  amountCents: number;
}
interface PlannedTransaction {
  id: string;
  n: number;
  merchantId: string;
  purchaserId: string;
  createdAt: Date;
  lines: PlannedLine[];
  totalCents: number;
}
interface PlannedDeclaration {
  d: number;
  id: string;
  consolidationId: string;
  operator: BenchOperator;
  createdAt: Date;
  consolidatedAt: Date;
  transactions: PlannedTransaction[];
  container: string;
  entryNumber: string;
  /** accepted, released or exported. */
  finalStatus: 'accepted' | 'released' | 'exported';
  releasedAt: Date;
  exportedAt: Date;
}

const cents = (value: number) => `${Math.trunc(value / 100)}.${String(value % 100).padStart(2, '0')}`;
const iso = (at: Date) => at.toISOString();
const chinaDay = (at: Date) => new Date(at.getTime() + CHINA).toISOString().slice(0, 10);

/** Share of an operator's sales that go to its last merchant and last purchaser: a few dozen a year. */
const RARE_SHARE = 0.0005;

/** Skewed: the first parties trade a lot, the later ones less, the last one almost never. */
function skewed(ids: readonly string[], random: () => number): string {
  if (ids.length < 2 || random() < RARE_SHARE) return ids.at(-1)!;
  return ids[Math.floor((ids.length - 1) * random() ** 2)]!;
}

/** The deterministic plan, one declaration at a time, in creation order. */
export function createPlan(
  options: Pick<SeedOptions, 'lines' | 'declarations' | 'operators' | 'templates' | 'spanDays'>,
) {
  const prefix = randomBytes(4).toString('hex').slice(0, 7);
  const id = (kind: number, n: number) => `${prefix}${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const end = Date.now() - 3 * DAY_MS;
  const start = end - options.spanDays * DAY_MS;
  const step = (end - start) / options.declarations;
  const year = new Date().getUTCFullYear();

  function* declarations(): Generator<PlannedDeclaration> {
    let transactionN = 0;
    let lineN = 0;
    for (let d = 0; d < options.declarations; d += 1) {
      const random = mulberry32(0x5eed + d);
      const operator = options.operators[d % options.operators.length]!;
      const createdAt = new Date(Math.floor(start + d * step));
      const lineCount =
        Math.floor(((d + 1) * options.lines) / options.declarations) -
        Math.floor((d * options.lines) / options.declarations);
      const split = lineCount >= 2 && d % 2 === 1 ? [Math.ceil(lineCount / 2), Math.floor(lineCount / 2)] : [lineCount];
      const transactions = split.map((count, t): PlannedTransaction => {
        const n = (transactionN += 1);
        const merchantId = skewed(operator.merchants, random);
        const purchaserId = skewed(operator.purchasers, random);
        const lines = Array.from({ length: count }, (_, l): PlannedLine => {
          const template = options.templates[Math.floor(random() * options.templates.length)]!;
          const quantity = 5 + Math.floor(random() * 60);
          const priceCents = Math.round(Number(template.unitPrice) * 100);
          return { id: id(2, (lineN += 1)), lineNo: l + 1, template, quantity, amountCents: quantity * priceCents };
        });
        return {
          id: id(1, n),
          n,
          merchantId,
          purchaserId,
          createdAt: new Date(createdAt.getTime() - (2 + t + Math.floor(random() * 40)) * HOUR_MS),
          lines,
          totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0),
        };
      });
      const finalStatus = (['accepted', 'released', 'exported'] as const)[d % 3]!;
      yield {
        d,
        id: id(4, d),
        consolidationId: id(3, d),
        operator,
        createdAt,
        consolidatedAt: new Date(createdAt.getTime() - HOUR_MS),
        transactions,
        container: containerNumber(d % Math.max(1, Math.floor(options.declarations / CONTAINER_REUSE)), 'BSU'),
        entryNumber: `1306${Math.min(year, new Date(createdAt.getTime() + CHINA).getUTCFullYear())}0${String(d).padStart(9, '0')}`,
        finalStatus,
        releasedAt: new Date(createdAt.getTime() + DAY_MS),
        exportedAt: new Date(createdAt.getTime() + 2 * DAY_MS),
      };
    }
  }
  return { declarations, declarationId: (d: number) => id(4, d), eventId: (n: number) => id(5, n) };
}

export type SeedPlan = ReturnType<typeof createPlan>;

/** Goods kinds of a declaration, itemised: one declared line per template, in first-seen order. */
function declaredLines(plan: PlannedDeclaration, cnyPerUsd: number) {
  const kinds = new Map<LineTemplate, { quantity: number; cents: number; usdCents: number; sources: string[] }>();
  for (const transaction of plan.transactions) {
    for (const line of transaction.lines) {
      const kind = kinds.get(line.template) ?? { quantity: 0, cents: 0, usdCents: 0, sources: [] };
      kind.quantity += line.quantity;
      kind.cents += line.amountCents;
      kind.sources.push(line.id);
      kinds.set(line.template, kind);
    }
  }
  return [...kinds.entries()].map(([template, kind], index) => ({
    lineNo: index + 1,
    hsCode: template.hsCode,
    name: template.description,
    quantity: `${kind.quantity}.000000`,
    unit: template.unit,
    value: cents(kind.cents),
    valueUsd: cents(Math.round(kind.cents / cnyPerUsd)),
    merged: false,
    sourceLineIds: kind.sources,
  }));
}

/** The events of one declaration's chain, in log order, built by the real builders. */
function eventsOf(plan: PlannedDeclaration, cnyPerUsd: number): ProvenanceEventInput[] {
  const { operator } = plan;
  const events: ProvenanceEventInput[] = transactionRecordedEvents(
    plan.transactions.map((t) => ({
      transaction: {
        id: t.id,
        tradingNo: tradingNo(t),
        operatorOrgId: operator.orgId,
        merchantId: t.merchantId,
        purchaserId: t.purchaserId,
        tradeDate: chinaDay(t.createdAt),
        settlementMethod: 'bank_transfer',
        currency: 'CNY',
        totalAmount: cents(t.totalCents),
        status: 'submitted',
        remark: null,
        createdAt: t.createdAt,
      },
      lines: t.lines.map((line) => ({
        id: line.id,
        lineNo: line.lineNo,
        description: line.template.description,
        spec: null,
        quantity: `${line.quantity}.000000`,
        unit: line.template.unit,
        unitPrice: line.template.unitPrice,
        amount: cents(line.amountCents),
        hsCode: line.template.hsCode,
        hsCodeSource: line.template.hsCodeSource,
        productTypeCode: line.template.productTypeCode,
        priceCheck: line.template.priceCheckValue,
        priceLibraryVersionId: line.template.priceLibraryVersionId,
        remark: LINE_REMARK,
      })),
      documents: documentsOf(t),
    })),
  );
  const totals = packingTotals(plan);
  events.push(
    ...consolidationEvents({
      id: plan.consolidationId,
      operatorOrgId: operator.orgId,
      destinationCountry: 'RUS',
      transportMode: '3',
      chinaEuropeRail: true,
      exitPort: '满洲里',
      totals: {
        cartons: totals.cartons,
        grossWeightKg: totals.gross,
        netWeightKg: totals.net,
        value: { CNY: cents(totals.valueCents) },
      },
      members: plan.transactions.map((t) => ({
        transactionId: t.id,
        tradingNo: tradingNo(t),
        merchantId: t.merchantId,
        purchaserId: t.purchaserId,
        ...packingOf(t),
      })),
      lines: plan.transactions.flatMap((t) =>
        t.lines.map((line) => ({ id: line.id, transactionId: t.id, quantity: `${line.quantity}.000000` })),
      ),
      containers: [{ number: plan.container, type: '45G1', sealNo: `BG-SEAL-${plan.d}` }],
      at: plan.consolidatedAt,
    }),
  );
  const lines = declaredLines(plan, cnyPerUsd);
  events.push(
    declarationCreatedEvent({
      id: plan.id,
      operatorOrgId: operator.orgId,
      consolidationId: plan.consolidationId,
      simplified: false,
      currency: 'CNY',
      totalValue: cents(totals.valueCents),
      totalValueUsd: usdTotal(lines),
      month: chinaDay(plan.createdAt).slice(0, 7),
      transactionIds: plan.transactions.map((t) => t.id),
      partyIds: plan.transactions.flatMap((t) => [t.merchantId, t.purchaserId]),
      lines,
      at: plan.createdAt,
    }),
  );
  const status = (
    fromStatus: string,
    toStatus: string,
    detail: Record<string, string | null>,
    actor: string,
    at: Date,
  ) =>
    declarationStatusEvent({
      declarationId: plan.id,
      operatorOrgId: operator.orgId,
      fromStatus,
      toStatus,
      detail,
      actorOrgId: actor,
      at,
    });
  events.push(status('draft', 'submitted', {}, operator.orgId, new Date(plan.createdAt.getTime() + 600_000)));
  events.push(
    status(
      'submitted',
      'accepted',
      { entryNumber: plan.entryNumber },
      CUSTOMS_ORG,
      new Date(plan.createdAt.getTime() + HOUR_MS),
    ),
  );
  if (plan.finalStatus !== 'accepted')
    events.push(status('accepted', 'released', { at: iso(plan.releasedAt) }, CUSTOMS_ORG, plan.releasedAt));
  if (plan.finalStatus === 'exported')
    events.push(status('released', 'exported', { at: iso(plan.exportedAt) }, CUSTOMS_ORG, plan.exportedAt));
  return events;
}

/** Customs' organisation id in the events; set by seedTrace before the first event is built. */
let CUSTOMS_ORG = '00000000-0000-4000-8000-000000000000';

const tradingNo = (t: PlannedTransaction) =>
  `BG${chinaDay(t.createdAt).replaceAll('-', '')}${String(800_000_000 + t.n)}`;
const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const documentsOf = (t: PlannedTransaction) => [
  { sha256: hex(`${t.id}/slip`), filename: `sales-slip-${t.n}.jpg`, kind: 'sales_slip' },
  { sha256: hex(`${t.id}/receipt`), filename: `receipt-${t.n}.jpg`, kind: 'receipt' },
];
const packingOf = (t: PlannedTransaction) => {
  const cartons = 1 + Math.ceil(t.lines.length / 2);
  return { cartons, grossWeightKg: `${cartons * 12}.500`, netWeightKg: `${cartons * 11}.250` };
};
function packingTotals(plan: PlannedDeclaration) {
  let cartons = 0;
  let gross = 0;
  let net = 0;
  for (const t of plan.transactions) {
    const packing = packingOf(t);
    cartons += packing.cartons;
    gross += Number(packing.grossWeightKg) * 1000;
    net += Number(packing.netWeightKg) * 1000;
  }
  const kg = (grams: number) => `${Math.trunc(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
  return {
    cartons,
    gross: kg(gross),
    net: kg(net),
    valueCents: plan.transactions.reduce((sum, t) => sum + t.totalCents, 0),
  };
}
const usdTotal = (lines: readonly { valueUsd: string }[]) =>
  cents(lines.reduce((sum, line) => sum + Math.round(Number(line.valueUsd) * 100), 0));

function stateOf(plan: PlannedDeclaration) {
  if (plan.finalStatus === 'accepted') return { status: 'accepted', entryNumber: plan.entryNumber };
  if (plan.finalStatus === 'released')
    return { status: 'released', entryNumber: plan.entryNumber, releasedAt: iso(plan.releasedAt) };
  return {
    status: 'exported',
    entryNumber: plan.entryNumber,
    releasedAt: iso(plan.releasedAt),
    exportedAt: iso(plan.exportedAt),
  };
}

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** Rows of one trade table, batched into ~256 KB chunks. */
function* tradeRows(
  table: (typeof SEEDED_TABLES)[number],
  plan: SeedPlan,
  cnyPerUsd: number,
  progress: (count: number) => void,
): Generator<string> {
  let chunk = '';
  let count = 0;
  const cny = cnyPerUsd.toFixed(6);
  for (const p of plan.declarations()) {
    const o = p.operator;
    for (const t of p.transactions) {
      if (table === 'transactions') {
        chunk += copyRow([
          t.id,
          tradingNo(t),
          o.orgId,
          o.operatorId,
          `seed-${t.n}`,
          hex(t.id),
          t.merchantId,
          t.purchaserId,
          chinaDay(t.createdAt),
          'bank_transfer',
          'CNY',
          cents(t.totalCents),
          t.lines.length,
          null,
          'submitted',
          null,
          1,
          o.keyId,
          iso(t.createdAt),
          iso(t.createdAt),
        ]);
        count += 1;
      } else if (table === 'transaction_lines') {
        for (const line of t.lines) {
          const l = line.template;
          chunk += copyRow([
            line.id,
            t.id,
            line.lineNo,
            l.description,
            null,
            `${line.quantity}.000000`,
            l.unit,
            l.unitPrice,
            cents(line.amountCents),
            'CNY',
            l.hsCode,
            l.hsCodeSource,
            l.productTypeCode,
            l.candidates,
            l.priceCheck,
            l.priceLibraryVersionId,
            l.matchRecordId,
            LINE_REMARK,
            p.consolidationId,
            iso(p.consolidatedAt),
            iso(t.createdAt),
          ]);
          count += 1;
        }
      } else if (table === 'transaction_documents') {
        for (const document of documentsOf(t))
          chunk += copyRow([t.id, document.sha256, document.filename, document.kind]);
        count += 1;
      } else if (table === 'consolidation_transactions') {
        const packing = packingOf(t);
        chunk += copyRow([p.consolidationId, t.id, packing.cartons, packing.grossWeightKg, packing.netWeightKg]);
        count += 1;
      }
    }
    if (table === 'consolidations') {
      const totals = packingTotals(p);
      const lineCount = p.transactions.reduce((sum, t) => sum + t.lines.length, 0);
      chunk += copyRow([
        p.consolidationId,
        o.orgId,
        o.operatorId,
        `seed-cons-${p.d}`,
        'RUS',
        '3',
        true,
        '满洲里',
        p.transactions.length,
        lineCount,
        totals.cartons,
        totals.gross,
        totals.net,
        JSON.stringify({ CNY: cents(totals.valueCents) }),
        o.keyId,
        iso(p.consolidatedAt),
      ]);
      count += 1;
    } else if (table === 'consolidation_containers') {
      chunk += copyRow([p.consolidationId, 0, p.container, '45G1', `BG-SEAL-${p.d}`]);
      count += 1;
    } else if (table === 'declarations' || table === 'declaration_lines') {
      const lines = declaredLines(p, cnyPerUsd);
      if (table === 'declarations') {
        const updatedAt =
          p.finalStatus === 'accepted'
            ? new Date(p.createdAt.getTime() + HOUR_MS)
            : p.finalStatus === 'released'
              ? p.releasedAt
              : p.exportedAt;
        const total = packingTotals(p).valueCents;
        chunk += copyRow([
          p.id,
          p.consolidationId,
          o.orgId,
          o.operatorId,
          '1039',
          'CNY',
          cents(total),
          usdTotal(lines),
          chinaDay(p.createdAt).slice(0, 7),
          cny,
          '1.000000',
          false,
          false,
          lines.length,
          '[]',
          p.finalStatus,
          JSON.stringify(stateOf(p)),
          1,
          o.keyId,
          iso(p.createdAt),
          iso(updatedAt),
        ]);
        count += 1;
      } else {
        for (const line of lines) {
          chunk += copyRow([
            p.id,
            line.lineNo,
            line.hsCode,
            line.name,
            line.quantity,
            line.unit,
            line.value,
            'CNY',
            line.valueUsd,
            false,
            null,
            uuidArray(line.sourceLineIds),
          ]);
          count += 1;
        }
      }
    }
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
      progress(count);
    }
  }
  if (chunk) yield chunk;
  progress(count);
}

const COLUMNS: Record<(typeof SEEDED_TABLES)[number], string> = {
  transactions:
    'id, trading_no, operator_org_id, operator_id, client_ref, request_hash, merchant_id, purchaser_id, trade_date, settlement_method, currency, total_amount, line_count, remark, status, status_reason, version, created_by_key_id, created_at, updated_at',
  transaction_lines:
    'id, transaction_id, line_no, description, spec, quantity, unit, unit_price, amount, currency, hs_code, hs_code_source, product_type_code, candidates, price_check, price_library_version_id, match_record_id, remark, consolidation_id, consolidated_at, created_at',
  transaction_documents: 'transaction_id, sha256, filename, kind',
  consolidations:
    'id, operator_org_id, operator_id, client_ref, destination_country, transport_mode, china_europe_rail, exit_port, transaction_count, line_count, total_cartons, total_gross_weight_kg, total_net_weight_kg, value_totals, created_by_key_id, created_at',
  consolidation_transactions: 'consolidation_id, transaction_id, cartons, gross_weight_kg, net_weight_kg',
  consolidation_containers: 'consolidation_id, position, number, type, seal_no',
  declarations:
    'id, consolidation_id, operator_org_id, operator_id, supervision_mode, currency, total_value, total_value_usd, rate_month, cny_per_usd, cny_per_unit, simplify_requested, simplified, line_count, correspondence, status, state, version, created_by_key_id, created_at, updated_at',
  declaration_lines:
    'declaration_id, line_no, hs_code, name, quantity, unit, value, currency, value_usd, merged, quantity_note, source_line_ids',
  provenance_events:
    'id, event_type, action, subject_kind, subject_id, related_ids, event_time, canonical, leaf_hash, recorded_at',
  provenance_leaves: 'leaf_index, event_id, sequenced_at',
  provenance_tree_nodes: 'level, index, hash',
};

/**
 * Yields to the event loop after each chunk: three COPY streams share this thread, and a generator
 * that is always ready (the events one) would otherwise keep the others from ever seeing their
 * socket drain.
 */
async function* fairly(chunks: Iterable<string>): AsyncGenerator<string> {
  for (const chunk of chunks) {
    yield chunk;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface SeedFigures {
  rows: Record<string, number>;
  seconds: Record<string, number>;
  events: number;
  canonicalBytes: number;
  rebuiltIndexes: string[];
  treeSize: number;
  root: string;
  totalSeconds: number;
}

export async function seedTrace(
  database: Database,
  databaseUrl: string,
  options: SeedOptions & { customsOrgId: string },
): Promise<{ plan: SeedPlan; figures: SeedFigures }> {
  CUSTOMS_ORG = options.customsOrgId;
  const plan = createPlan(options);
  const cnyPerUsd = Number(options.cnyPerUsd);
  const figures: SeedFigures = {
    rows: {},
    seconds: {},
    events: 0,
    canonicalBytes: 0,
    rebuiltIndexes: [],
    treeSize: 0,
    root: '',
    totalSeconds: 0,
  };
  // Three connections: the trade heads, the goods lines and the provenance log are COPYed side by side.
  const clients = await Promise.all(
    [0, 1, 2].map(async () => {
      const each = new pg.Client({ connectionString: databaseUrl, application_name: 'baigou-bench-trace-seed' });
      await each.connect();
      return each;
    }),
  );
  const [client, linesClient, logClient] = clients as [pg.Client, pg.Client, pg.Client];
  const allStarted = performance.now();
  try {
    // Nothing may be pending: the seeded leaves continue the log right after what is sequenced.
    const { rows: pending } = await client.query<{ count: string }>('select count(*) as count from provenance_pending');
    if (Number(pending[0]!.count) !== 0) throw new Error('provenance events are pending; sequence them before seeding');
    const { rows: sizeRows } = await client.query<{ size: string }>(
      'select coalesce(max(leaf_index) + 1, 0) as size from provenance_leaves',
    );
    const startSize = Number(sizeRows[0]!.size);
    const frontierGet = await fetchNodes(database.db, frontierKeys(startSize));

    for (const table of SEEDED_TABLES) await client.query(`alter table ${table} disable trigger all`);
    // Bulk-load practice: secondary indexes (not those behind primary keys or unique constraints) are
    // dropped for the COPY and built again after it, from their own definitions.
    const { rows: secondary } = await client.query<{ table: string; name: string; definition: string }>(
      `select i.tablename as table, i.indexname as name, i.indexdef as definition from pg_indexes i
       where i.schemaname = 'public' and i.tablename = any($1::text[])
         and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
       order by i.tablename, i.indexname`,
      [[...SEEDED_TABLES]],
    );
    figures.rebuiltIndexes = secondary.map((index) => index.name);
    for (const index of secondary) await client.query(`drop index ${index.name}`);

    const copy = async (
      via: pg.Client,
      table: (typeof SEEDED_TABLES)[number],
      rows: (progress: (count: number) => void) => Iterable<string>,
      expected: number,
    ) => {
      const started = performance.now();
      let shown = 0;
      let last = 0;
      const progress = (count: number) => {
        last = count;
        if (count >= ((shown + 1) * expected) / 4 && shown < 3) {
          shown = Math.floor((count * 4) / expected);
          options.onProgress(
            `  ${table}: ${count.toLocaleString('en')} rows (${Math.round((count / expected) * 100)} %), ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
        }
      };
      await pipeline(
        Readable.from(fairly(rows(progress))),
        via.query(copyFrom(`COPY ${table} (${COLUMNS[table]}) FROM STDIN`)),
      );
      figures.rows[table] = last;
      figures.seconds[table] = (performance.now() - started) / 1_000;
      options.onProgress(`  ${table}: ${last.toLocaleString('en')} rows in ${figures.seconds[table]!.toFixed(1)} s`);
    };

    const transactionsExpected = Math.ceil(options.declarations * 1.5);
    let root: Uint8Array = new Uint8Array();
    const leafHashes: Uint8Array[] = [];
    const trade = async () => {
      await copy(
        client,
        'transactions',
        (progress) => tradeRows('transactions', plan, cnyPerUsd, progress),
        transactionsExpected,
      );
      await copy(
        client,
        'transaction_documents',
        (progress) => tradeRows('transaction_documents', plan, cnyPerUsd, progress),
        transactionsExpected,
      );
      await copy(
        client,
        'consolidations',
        (progress) => tradeRows('consolidations', plan, cnyPerUsd, progress),
        options.declarations,
      );
      await copy(
        client,
        'consolidation_transactions',
        (progress) => tradeRows('consolidation_transactions', plan, cnyPerUsd, progress),
        transactionsExpected,
      );
      await copy(
        client,
        'consolidation_containers',
        (progress) => tradeRows('consolidation_containers', plan, cnyPerUsd, progress),
        options.declarations,
      );
      await copy(
        client,
        'declarations',
        (progress) => tradeRows('declarations', plan, cnyPerUsd, progress),
        options.declarations,
      );
      await copy(
        client,
        'declaration_lines',
        (progress) => tradeRows('declaration_lines', plan, cnyPerUsd, progress),
        options.lines / 2,
      );
    };
    const goodsLines = async () => {
      await copy(
        linesClient,
        'transaction_lines',
        (progress) => tradeRows('transaction_lines', plan, cnyPerUsd, progress),
        options.lines,
      );
    };
    const provenanceLog = async () => {
      // Events: canonical bytes and leaf hashes, the leaf hashes kept for the tree.
      const eventsExpected = options.declarations * 6;
      await copy(
        logClient,
        'provenance_events',
        function* (progress) {
          let chunk = '';
          for (const p of plan.declarations()) {
            for (const input of eventsOf(p, cnyPerUsd)) {
              const id = plan.eventId(leafHashes.length);
              const event = completeEvent(id, input);
              const canonical = Buffer.from(canonicalBytes(event));
              const leaf = leafHash(canonical);
              leafHashes.push(leaf);
              figures.canonicalBytes += canonical.length;
              chunk += copyRow([
                id,
                input.event.type,
                input.action,
                input.subject.kind,
                input.subject.id,
                uuidArray(input.related),
                input.event.eventTime,
                copyBytes(canonical),
                copyBytes(leaf),
                input.event.eventTime,
              ]);
            }
            if (chunk.length > 512 * 1024) {
              yield chunk;
              chunk = '';
              progress(leafHashes.length);
            }
          }
          if (chunk) yield chunk;
          progress(leafHashes.length);
        },
        eventsExpected,
      );
      figures.events = leafHashes.length;
      const sequencedAt = iso(new Date());
      await copy(
        logClient,
        'provenance_leaves',
        function* (progress) {
          let chunk = '';
          for (let i = 0; i < leafHashes.length; i += 1) {
            chunk += copyRow([startSize + i, plan.eventId(i), sequencedAt]);
            if (chunk.length > 256 * 1024) {
              yield chunk;
              chunk = '';
              progress(i + 1);
            }
          }
          if (chunk) yield chunk;
          progress(leafHashes.length);
        },
        leafHashes.length,
      );
      await copy(
        logClient,
        'provenance_tree_nodes',
        function* (progress) {
          let size = startSize;
          let frontier = new Map(frontierKeys(startSize).map((key) => [nodeKeyId(key), frontierGet(key)!] as const));
          let count = 0;
          const CHUNK_LEAVES = 16_384;
          for (let i = 0; i < leafHashes.length; i += CHUNK_LEAVES) {
            const appended = appendLeaves(
              size,
              (key) => frontier.get(nodeKeyId(key)),
              leafHashes.slice(i, i + CHUNK_LEAVES),
            );
            let chunk = '';
            for (const node of appended.nodes) chunk += copyRow([node.level, node.index, copyBytes(node.hash)]);
            count += appended.nodes.length;
            const known = new Map<string, StoredNode>(appended.nodes.map((node) => [nodeKeyId(node), node]));
            frontier = new Map(
              frontierKeys(appended.size).map(
                (key) => [nodeKeyId(key), known.get(nodeKeyId(key))?.hash ?? frontier.get(nodeKeyId(key))!] as const,
              ),
            );
            size = appended.size;
            root = appended.root;
            yield chunk;
            progress(count);
          }
        },
        leafHashes.length * 2,
      );
    };
    await Promise.all([trade(), goodsLines(), provenanceLog()]);
    figures.treeSize = startSize + leafHashes.length;
    figures.root = toHex(root);

    for (const table of SEEDED_TABLES) await client.query(`alter table ${table} enable trigger all`);
    const indexStarted = performance.now();
    // Largest first, over the three connections.
    const queue = [...secondary].sort(
      (a, b) =>
        Number(b.table === 'provenance_events') - Number(a.table === 'provenance_events') ||
        Number(b.table === 'transaction_lines') - Number(a.table === 'transaction_lines'),
    );
    await Promise.all(
      clients.map(async (each) => {
        for (let index = queue.shift(); index; index = queue.shift()) await each.query(index.definition);
      }),
    );
    figures.seconds.indexes = (performance.now() - indexStarted) / 1_000;
    options.onProgress(
      `  ${secondary.length} secondary indexes built again (${secondary.map((index) => index.name).join(', ')}): ${figures.seconds.indexes.toFixed(1)} s`,
    );
    const analyzeStarted = performance.now();
    // Analysed as autovacuum would after a bulk load, three tables at a time.
    await Promise.all(
      clients.map(async (each, i) => {
        for (const table of SEEDED_TABLES.filter((_, t) => t % clients.length === i))
          await each.query(`analyze ${table}`);
      }),
    );
    figures.seconds.analyze = (performance.now() - analyzeStarted) / 1_000;
    options.onProgress(
      `  analyze (the ${SEEDED_TABLES.length} seeded tables): ${figures.seconds.analyze.toFixed(1)} s`,
    );
  } finally {
    await Promise.all(clients.map((each) => each.end()));
  }
  figures.totalSeconds = (performance.now() - allStarted) / 1_000;
  await checkSeed(database, figures, options.lines);
  return { plan, figures };
}

/** What must hold after the seed (a failure stops the bench). */
async function checkSeed(database: Database, figures: SeedFigures, lines: number) {
  const { rows } = await database.db.execute<Record<string, string>>(sql`
    select
      (select count(*) from transaction_lines where consolidation_id is null) as unconsolidated,
      (select count(*) from transaction_lines) as lines,
      (select count(*) from provenance_leaves) as leaves,
      (select coalesce(max(leaf_index) + 1, 0) from provenance_leaves) as size,
      (select count(*) from provenance_events e where not exists (select 1 from provenance_leaves l where l.event_id = e.id)) as unsequenced`);
  const row = rows[0]!;
  const problems = [
    Number(row.unconsolidated) === 0 ? null : `${row.unconsolidated} lines not consolidated`,
    Number(row.lines) >= lines ? null : `only ${row.lines} lines`,
    Number(row.leaves) === Number(row.size) && Number(row.size) === figures.treeSize
      ? null
      : `leaves ${row.leaves}, size ${row.size}, expected ${figures.treeSize}`,
    Number(row.unsequenced) === 0 ? null : `${row.unsequenced} events without a leaf`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`seed inconsistent: ${problems.join('; ')}`);
}
