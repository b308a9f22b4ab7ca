import type { Db, DbOrTx } from '@baigou/db';
import type { Principal } from '../../access/access.models';
import { fetchTenantPage, tenantScope } from '../../access/tenant-scope';
import { declarationCreatedEvent, declarationStatusEvent } from '../../provenance/epcis.events';
import { recordEvents } from '../../provenance/provenance.events';
import { writeOutbox } from '../../shared/outbox';
import type { ExchangeRatesService } from '../../exchange-rates/exchange-rates.service';
import { cnyPerUnit } from '../../exchange-rates/exchange-rates.service';
import { chinaDate, monthOf } from '../../shared/dates';
import { commonErrors } from '../../shared/errors';
import type { Page } from '../../shared/pagination';
import { consolidationErrors } from '../consolidations/consolidations.errors';
import * as consolidationsRepository from '../consolidations/consolidations.repository';
import { applyEvent, type DeclarationEvent } from './declaration-lifecycle';
import {
  buildDeclarationLines,
  declarationRates,
  priceGoods,
  splitByLines,
  transactionValuesUsd,
  type ConsolidatedLine,
  type SimplifiedDeclaration,
  type SourcedGoodsLine,
} from './declaration.models';
import { declarationErrors } from './declarations.errors';
import type { ExcludedGoodsService } from '../excluded-goods/excluded-goods.service';
import * as repository from './declarations.repository';
import type {
  CustomsEventInput,
  DeclarationInput,
  DeclarationListQuery,
  DeclarationSummaryView,
  DeclarationView,
} from './declarations.schemas';
import { declarationSummaryView, declarationView } from './declarations.views';
import { sumExact } from '../../shared/money';
import { checkValueCap, proposeSplit, type ValueCapCheck } from './value-cap';
import type { CreditGate, TradeRollups } from '../trade.ports';

export interface DeclarationsDependencies {
  db: Db;
  exchangeRates: ExchangeRatesService;
  /** Says which goods may not be merged by simplified declaration (export duty, inspection, customs-excluded). */
  excludedGoods: ExcludedGoodsService;
  /** Statistics that move with a declaration's state, in the same transaction. */
  rollups: TradeRollups;
  /** Credit consequences: a firm graded D is refused new declarations; none when absent. */
  credit?: CreditGate;
  clock?: () => Date;
}

/** The consolidation's lines, each with its HS code; a line without one refuses the declaration. */
function withHsCodes(rows: Awaited<ReturnType<typeof repository.goodsOf>>): (ConsolidatedLine & GoodsRowFacts)[] {
  const missingHs = rows.filter((row) => !row.hsCode);
  if (missingHs.length) {
    throw declarationErrors.missingHsCode({
      detail: `lines without HS code: ${missingHs.map((row) => `${row.tradingNo}/${row.lineNo}`).join(', ')}`,
    });
  }
  return rows.flatMap((row) => (row.hsCode ? [{ ...row, hsCode: row.hsCode }] : []));
}

/** What the provenance event of a new declaration names besides its lines. */
interface GoodsRowFacts {
  merchantId: string;
  purchaserId: string;
}

/** Over the USD cap: refused, with a split of the transactions into declarations that each fit. */
function refuseOverCap(cap: Extract<ValueCapCheck, { ok: false }>, month: string, goods: readonly SourcedGoodsLine[]) {
  if (cap.reason === 'over_value_cap') {
    return declarationErrors.overValueCap({
      detail: `total USD ${cap.totalUsd} exceeds the cap of USD ${cap.capUsd} by ${cap.excessUsd}`,
      extra: {
        totalUsd: cap.totalUsd,
        capUsd: cap.capUsd,
        excessUsd: cap.excessUsd,
        rateMonth: month,
        proposedSplit: proposeSplit(transactionValuesUsd(goods)),
      },
    });
  }
  return new Error(`unexpected value cap result: ${cap.reason}`);
}

/** Lines that cannot make one declaration: too many (with a split by lines), or of mixed currencies. */
function refuseUnbuildable(built: Extract<SimplifiedDeclaration, { ok: false }>, goods: readonly SourcedGoodsLine[]) {
  if (built.reason === 'too_many_lines') {
    return declarationErrors.tooManyLines({
      detail: `${built.lineCount} lines, at most ${built.maxLines}`,
      extra: {
        lineCount: built.lineCount,
        maxLines: built.maxLines,
        proposedSplit: { ok: true, groups: splitByLines(goods) },
      },
    });
  }
  if (built.reason === 'mixed_currencies')
    return declarationErrors.mixedCurrencies({ extra: { currencies: built.currencies } });
  return new Error(`cannot build declaration lines: ${built.reason}`);
}

/** A declaration ready to be written: its consolidation, priced goods, cap check and declared lines. */
interface DeclarationDraft {
  consolidation: { id: string; operatorId: string };
  lines: readonly (ConsolidatedLine & GoodsRowFacts)[];
  goods: readonly SourcedGoodsLine[];
  totalUsd: string;
  built: Extract<SimplifiedDeclaration, { ok: true }>;
  month: string;
  rates: Record<string, string>;
  simplify: boolean;
}

type Core = Omit<DeclarationsDependencies, 'clock'> & { clock: () => Date };

/** The caller's consolidation and its consolidated lines. */
async function loadGoods({ db, credit, clock }: Core, principal: Principal, consolidationId: string) {
  const consolidation = await consolidationsRepository.findConsolidation(db, consolidationId, {
    ownerOrgId: principal.orgId,
  });
  if (!consolidation)
    throw consolidationErrors.notFound({
      fields: [{ path: '/body/consolidationId', message: 'no such consolidation of yours' }],
    });
  await credit?.admit(principal.orgId, clock());
  return { consolidation, lines: withHsCodes(await repository.goodsOf(db, consolidation.id)) };
}

/** The customs rates of the month for the lines' currencies and USD. */
async function ratesOf(exchangeRates: ExchangeRatesService, month: string, lines: readonly ConsolidatedLine[]) {
  const monthly = await exchangeRates.ratesFor([month]);
  const found = declarationRates(
    lines.map((line) => line.currency),
    (currency) => cnyPerUnit(monthly, month, currency),
  );
  if (!found.ok)
    throw declarationErrors.missingExchangeRate({
      detail: `no customs rate of ${found.currency} for ${month}`,
      extra: { currency: found.currency, month },
    });
  return found.rates;
}

async function create(core: Core, principal: Principal, input: DeclarationInput): Promise<DeclarationView> {
  const { consolidation, lines } = await loadGoods(core, principal, input.consolidationId);
  const today = chinaDate(core.clock());
  const month = monthOf(today);
  const notSimplifiable = await core.excludedGoods.simplificationScreen(today);
  const rates = await ratesOf(core.exchangeRates, month, lines);
  const priced = priceGoods(
    lines,
    rates,
    (line) => notSimplifiable({ description: line.description, hsCodes: [line.hsCode] }) === null,
  );
  if (!priced.ok)
    throw declarationErrors.missingExchangeRate({
      detail: `cannot convert ${priced.currency} to USD for ${month}`,
      extra: { currency: priced.currency, month },
    });
  const { goods } = priced;
  const cap = checkValueCap(goods.map((line) => ({ lineId: line.lineId, valueUsd: line.valueUsd })));
  if (!cap.ok) throw refuseOverCap(cap, month, goods);
  const built = buildDeclarationLines(goods, { simplify: input.simplify, rates });
  if (!built.ok) throw refuseUnbuildable(built, goods);
  // The declared total is the exact conversion rounded once, which can exceed the sum of the
  // per-line cents by a few cents: it must respect the cap as well.
  const declaredCap = checkValueCap([{ valueUsd: built.totalUsd }]);
  if (!declaredCap.ok) throw refuseOverCap(declaredCap, month, goods);
  const draft = {
    consolidation,
    lines,
    goods,
    totalUsd: built.totalUsd,
    built,
    month,
    rates,
    simplify: input.simplify,
  };
  const id = await core.db.transaction((tx) => write(tx, principal, draft));
  return get(core.db, principal, id);
}

/** Writes a new draft declaration with its lines, its first event, its provenance event and a checkpoint request. */
async function write(tx: DbOrTx, principal: Principal, draft: DeclarationDraft): Promise<string> {
  const { consolidation, goods, built, month, rates } = draft;
  const currency = goods[0]!.currency;
  const row = await repository.insertDeclaration(tx, {
    consolidationId: consolidation.id,
    operatorOrgId: principal.orgId,
    operatorId: consolidation.operatorId,
    supervisionMode: '1039',
    currency,
    totalValue: sumExact(goods.map((line) => line.value)),
    totalValueUsd: draft.totalUsd,
    rateMonth: month,
    cnyPerUsd: rates.USD!,
    cnyPerUnit: rates[currency]!,
    simplifyRequested: draft.simplify,
    simplified: built.simplified,
    lineCount: built.lines.length,
    correspondence: built.correspondence,
    status: 'draft',
    state: { status: 'draft' },
    createdByKeyId: principal.keyId,
  });
  await repository.insertLines(
    tx,
    built.lines.map((line) => ({ declarationId: row.id, ...line, quantityNote: line.quantityNote ?? null })),
  );
  await repository.appendEvent(tx, {
    declarationId: row.id,
    event: { type: 'create' },
    fromStatus: null,
    toStatus: 'draft',
    actorOrgId: principal.orgId,
    actorKeyId: principal.keyId,
  });
  await recordEvents(tx, [
    declarationCreatedEvent({
      id: row.id,
      operatorOrgId: principal.orgId,
      consolidationId: consolidation.id,
      simplified: built.simplified,
      currency,
      totalValue: row.totalValue,
      totalValueUsd: row.totalValueUsd,
      month,
      transactionIds: transactionValuesUsd(goods).map((value) => value.transactionId),
      partyIds: draft.lines.flatMap((line) => [line.merchantId, line.purchaserId]),
      lines: built.lines,
      at: row.createdAt,
    }),
  ]);
  // A checkpoint follows each declaration promptly, so its chain can be proved at once.
  await writeOutbox(
    tx,
    'provenance.checkpoint',
    { reason: 'declaration' },
    `provenance.checkpoint:declaration:${row.id}`,
  );
  return row.id;
}

async function find(db: DbOrTx, principal: Principal, id: string) {
  const row = await repository.findDeclaration(db, id, { ownerOrgId: tenantScope(principal) });
  if (!row) throw declarationErrors.notFound();
  return row;
}

async function get(db: Db, principal: Principal, id: string): Promise<DeclarationView> {
  const row = await find(db, principal, id);
  return declarationView(row, await repository.findDetails(db, id));
}

async function list(db: Db, principal: Principal, query: DeclarationListQuery): Promise<Page<DeclarationSummaryView>> {
  return fetchTenantPage(
    principal,
    'declarations',
    query,
    (filter, after, take) => repository.listDeclarations(db, filter, after, take),
    declarationSummaryView,
  );
}

/** The goods list and the correspondence list of a declaration, for export. */
async function goodsList(db: Db, principal: Principal, id: string) {
  const row = await find(db, principal, id);
  const { lines } = await repository.findDetails(db, id);
  return { declaration: row, lines, correspondence: row.correspondence as GoodsListCorrespondence[] };
}

/**
 * Applies one lifecycle event (applyEvent): 200 with the declaration when applied or when it is
 * a repetition of the event that produced the current state (nothing is recorded again).
 */
async function applyLifecycleEvent(
  { db, clock, rollups }: Core,
  principal: Principal,
  id: string,
  event: DeclarationEvent,
  base = '/body',
): Promise<DeclarationView> {
  await db.transaction(async (tx) => {
    const current = await repository.findDeclaration(tx, id, { ownerOrgId: tenantScope(principal), forUpdate: true });
    if (!current) throw declarationErrors.notFound();
    const result = applyEvent(current.state, event, { today: clock() });
    if (result.outcome === 'invalid')
      throw commonErrors.validation({ detail: result.detail, fields: [{ path: base, message: result.detail }] });
    if (result.outcome === 'illegal') {
      throw declarationErrors.illegalTransition({
        detail: result.detail,
        extra: { currentStatus: result.from, event: result.event },
      });
    }
    if (result.outcome === 'unchanged') return;
    const updated = await repository.updateState(tx, current, result.state.status, result.state);
    if (!updated)
      throw declarationErrors.illegalTransition({ detail: 'the declaration changed concurrently; reload and retry' });
    await repository.appendEvent(tx, {
      declarationId: id,
      event,
      fromStatus: current.status,
      toStatus: result.state.status,
      actorOrgId: principal.orgId,
      actorKeyId: principal.keyId,
    });
    // Statistics move with the state, in this transaction: a release counts it, a cancellation restates.
    await rollups.applyDeclarationStatusChange(tx, {
      declarationId: id,
      from: current.state,
      to: result.state,
    });
    const { type: _type, ...detail } = event as { type: string } & Record<string, string | null>;
    await recordEvents(tx, [
      declarationStatusEvent({
        declarationId: id,
        operatorOrgId: current.operatorOrgId,
        fromStatus: current.status,
        toStatus: result.state.status,
        detail,
        actorOrgId: principal.orgId,
        at: updated.updatedAt,
      }),
    ]);
  });
  return get(db, principal, id);
}

/**
 * 报关: builds the 1039 declaration of a consolidation. Each line's value is converted to USD at
 * the customs monthly rate of the declaration month (toUsd), the total is held against the USD
 * 150,000 cap (checkValueCap, with a proposeSplit proposal when over), and the declared lines come
 * from buildDeclarationLines. The lifecycle follows applyEvent; every event is kept.
 */
export function createDeclarationsService(deps: DeclarationsDependencies) {
  const core: Core = { ...deps, clock: deps.clock ?? (() => new Date()) };
  const { db } = core;
  return {
    create: (principal: Principal, input: DeclarationInput) => create(core, principal, input),
    get: (principal: Principal, id: string) => get(db, principal, id),
    list: (principal: Principal, query: DeclarationListQuery) => list(db, principal, query),
    /** The goods list and the correspondence list of a declaration, for export. */
    goodsList: (principal: Principal, id: string) => goodsList(db, principal, id),
    customsEvent: (principal: Principal, id: string, event: CustomsEventInput) =>
      applyLifecycleEvent(core, principal, id, event),
    submit: (principal: Principal, id: string) => applyLifecycleEvent(core, principal, id, { type: 'submit' }),
    withdraw: (principal: Principal, id: string, reason: string) =>
      applyLifecycleEvent(core, principal, id, { type: 'withdraw', reason }),
  };
}

export interface GoodsListCorrespondence {
  lineNo: number;
  chapter: string;
  hsCode: string;
  name: string;
  sources: {
    lineId: string;
    hsCode: string;
    name: string;
    quantity: string;
    unit: string;
    netWeightKg: string;
    value: string;
    valueUsd: string;
  }[];
}

export type DeclarationsService = ReturnType<typeof createDeclarationsService>;
