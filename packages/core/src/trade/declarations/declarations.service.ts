import { isUniqueViolation, pgConstraint, type Db } from '@baigou/db';
import type { Principal } from '../../access/access.models';
import { declarationCreatedEvent, declarationStatusEvent } from '../../provenance/epcis.events';
import { recordEvents } from '../../provenance/provenance.events';
import { writeOutbox } from '../../shared/outbox';
import type { ExchangeRatesService } from '../../exchange-rates/exchange-rates.service';
import { cnyPerUnit } from '../../exchange-rates/exchange-rates.service';
import { chinaDate, monthOf } from '../../shared/dates';
import { commonErrors } from '../../shared/errors';
import { decodeCursor, toPage, type Page } from '../../shared/pagination';
import { consolidationErrors } from '../consolidations/consolidations.errors';
import * as consolidationsRepository from '../consolidations/consolidations.repository';
import { applyEvent, type DeclarationEvent, type DeclarationState } from './declaration-lifecycle';
import { buildDeclarationLines, type GoodsLine } from './declaration.models';
import { declarationErrors } from './declarations.errors';
import type { ExcludedGoodsService } from '../excluded-goods/excluded-goods.service';
import type { CreditGate } from '../credit.port';
import * as repository from './declarations.repository';
import type {
  CustomsEventInput,
  DeclarationInput,
  DeclarationListQuery,
  DeclarationSummaryView,
  DeclarationView,
} from './declarations.schemas';
import { declarationSummaryView, declarationView } from './declarations.views';
import { checkValueCap, ExactDecimal, proposeSplit, sumExact, toUsd } from './value-cap';
import { applyDeclarationStatusChange } from '../../statistics/statistics.rollups';
import { MAX_DECLARATION_LINES } from './declaration.models';

export interface DeclarationsDependencies {
  db: Db;
  exchangeRates: ExchangeRatesService;
  /** Says which goods may not be merged by simplified declaration (export duty, inspection, customs-excluded). */
  excludedGoods: ExcludedGoodsService;
  /** Credit consequences: a firm graded D is refused new declarations; none when absent. */
  credit?: CreditGate;
  clock?: () => Date;
}

/** Operators see their own organisation's declarations; staff, customs and auditors see all. */
const ownerScope = (principal: Principal) => (principal.role === 'operator' ? principal.orgId : undefined);

/** Groups of whole transactions, in trading order, each with at most 50 source lines (so each fits itemised). */
function splitByLines(goods: readonly { transactionId: string }[]) {
  const counts = new Map<string, number>();
  for (const line of goods) counts.set(line.transactionId, (counts.get(line.transactionId) ?? 0) + 1);
  const groups: { transactionIds: string[]; lineCount: number }[] = [];
  for (const [transactionId, count] of counts) {
    const last = groups.at(-1);
    if (last && last.lineCount + count <= MAX_DECLARATION_LINES) {
      last.transactionIds.push(transactionId);
      last.lineCount += count;
    } else groups.push({ transactionIds: [transactionId], lineCount: count });
  }
  return groups;
}

/**
 * 报关: builds the 1039 declaration of a consolidation. Each line's value is converted to USD at
 * the customs monthly rate of the declaration month (toUsd), the total is held against the USD
 * 150,000 cap (checkValueCap, with a proposeSplit proposal when over), and the declared lines come
 * from buildDeclarationLines. The lifecycle follows applyEvent; every event is kept.
 */
export function createDeclarationsService(deps: DeclarationsDependencies) {
  const { db, exchangeRates, excludedGoods } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function create(principal: Principal, input: DeclarationInput): Promise<DeclarationView> {
    const consolidation = await consolidationsRepository.findConsolidation(db, input.consolidationId, {
      ownerOrgId: principal.orgId,
    });
    if (!consolidation)
      throw consolidationErrors.notFound({
        fields: [{ path: '/body/consolidationId', message: 'no such consolidation of yours' }],
      });
    await deps.credit?.admit(principal.orgId, clock());
    const rows = await repository.goodsOf(db, consolidation.id);
    const missingHs = rows.filter((row) => !row.hsCode);
    if (missingHs.length) {
      throw declarationErrors.missingHsCode({
        detail: `lines without HS code: ${missingHs.map((row) => `${row.tradingNo}/${row.lineNo}`).join(', ')}`,
      });
    }
    const today = chinaDate(clock());
    const month = monthOf(today);
    const notSimplifiable = await excludedGoods.simplificationScreen(today);
    const monthly = await exchangeRates.ratesFor([month]);
    const currencies = [...new Set(rows.map((row) => row.currency))];
    const rates: Record<string, string> = { CNY: '1' };
    for (const currency of [...currencies, 'USD']) {
      const rate = cnyPerUnit(monthly, month, currency);
      if (rate === null)
        throw declarationErrors.missingExchangeRate({
          detail: `no customs rate of ${currency} for ${month}`,
          extra: { currency, month },
        });
      rates[currency] = rate;
    }
    const goods: (GoodsLine & { transactionId: string })[] = rows.map((row) => {
      const conversion = toUsd(row.amount, row.currency, rates);
      if (!conversion.ok)
        throw declarationErrors.missingExchangeRate({
          detail: `cannot convert ${row.currency} to USD for ${month}`,
          extra: { currency: row.currency, month },
        });
      return {
        lineId: row.lineId,
        transactionId: row.transactionId,
        hsCode: row.hsCode!,
        name: row.description,
        quantity: row.quantity,
        unit: row.unit,
        // Packing gives net weight per transaction; a line gets the share of its value.
        netWeightKg: new ExactDecimal(row.transactionNetWeightKg).mul(row.amount).div(row.transactionTotal).toFixed(3),
        value: row.amount,
        currency: row.currency,
        valueUsd: conversion.valueUsd,
        eligibleForSimplification: notSimplifiable({ description: row.description, hsCodes: [row.hsCode!] }) === null,
      };
    });
    const byTransaction = new Map<string, string[]>();
    for (const line of goods)
      byTransaction.set(line.transactionId, [...(byTransaction.get(line.transactionId) ?? []), line.valueUsd]);
    const transactionValues = [...byTransaction].map(([transactionId, values]) => ({
      transactionId,
      valueUsd: sumExact(values),
    }));
    const cap = checkValueCap(goods.map((line) => ({ lineId: line.lineId, valueUsd: line.valueUsd })));
    if (!cap.ok) {
      if (cap.reason === 'over_value_cap') {
        throw declarationErrors.overValueCap({
          detail: `total USD ${cap.totalUsd} exceeds the cap of USD ${cap.capUsd} by ${cap.excessUsd}`,
          extra: {
            totalUsd: cap.totalUsd,
            capUsd: cap.capUsd,
            excessUsd: cap.excessUsd,
            rateMonth: month,
            proposedSplit: proposeSplit(transactionValues),
          },
        });
      }
      throw new Error(`unexpected value cap result: ${cap.reason}`);
    }
    const built = buildDeclarationLines(goods, { simplify: input.simplify });
    if (!built.ok) {
      if (built.reason === 'too_many_lines') {
        throw declarationErrors.tooManyLines({
          detail: `${built.lineCount} lines, at most ${built.maxLines}`,
          extra: {
            lineCount: built.lineCount,
            maxLines: built.maxLines,
            proposedSplit: { ok: true, groups: splitByLines(goods) },
          },
        });
      }
      if (built.reason === 'mixed_currencies')
        throw declarationErrors.mixedCurrencies({ extra: { currencies: built.currencies } });
      throw new Error(`cannot build declaration lines: ${built.reason}`);
    }
    const currency = goods[0]!.currency;
    const state: DeclarationState = { status: 'draft' };
    try {
      const id = await db.transaction(async (tx) => {
        const row = await repository.insertDeclaration(tx, {
          consolidationId: consolidation.id,
          operatorOrgId: principal.orgId,
          operatorId: consolidation.operatorId,
          supervisionMode: '1039',
          currency,
          totalValue: sumExact(goods.map((line) => line.value)),
          totalValueUsd: cap.totalUsd,
          rateMonth: month,
          cnyPerUsd: rates.USD!,
          cnyPerUnit: rates[currency]!,
          simplifyRequested: input.simplify,
          simplified: built.simplified,
          lineCount: built.lines.length,
          correspondence: built.correspondence,
          status: 'draft',
          state,
          createdByKeyId: principal.keyId,
        });
        await repository.insertLines(
          tx,
          built.lines.map((line) => ({
            declarationId: row.id,
            lineNo: line.lineNo,
            hsCode: line.hsCode,
            name: line.name,
            quantity: line.quantity,
            unit: line.unit,
            value: line.value,
            currency: line.currency,
            valueUsd: line.valueUsd,
            merged: line.merged,
            quantityNote: line.quantityNote ?? null,
            sourceLineIds: line.sourceLineIds,
          })),
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
            transactionIds: [...byTransaction.keys()],
            partyIds: rows.flatMap((goodsRow) => [goodsRow.merchantId, goodsRow.purchaserId]),
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
      });
      return await get(principal, id);
    } catch (error) {
      if (isUniqueViolation(error) && pgConstraint(error) === 'declarations_consolidation_live_uq') {
        throw declarationErrors.alreadyDeclared({
          fields: [{ path: '/body/consolidationId', message: 'already declared; withdraw that declaration first' }],
          cause: error,
        });
      }
      throw error;
    }
  }

  async function find(principal: Principal, id: string) {
    const row = await repository.findDeclaration(db, id, { ownerOrgId: ownerScope(principal) });
    if (!row) throw declarationErrors.notFound();
    return row;
  }

  async function get(principal: Principal, id: string): Promise<DeclarationView> {
    const row = await find(principal, id);
    return declarationView(row, await repository.findDetails(db, id));
  }

  async function list(principal: Principal, query: DeclarationListQuery): Promise<Page<DeclarationSummaryView>> {
    const { cursor, limit, ...filter } = query;
    const fingerprint = JSON.stringify(['declarations', filter, ownerScope(principal) ?? null]);
    const after = cursor ? decodeCursor(cursor, fingerprint) : undefined;
    const rows = await repository.listDeclarations(
      db,
      { ...filter, ownerOrgId: ownerScope(principal) },
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, fingerprint);
    return { items: page.items.map(declarationSummaryView), nextCursor: page.nextCursor };
  }

  /** The goods list and the correspondence list of a declaration, for export. */
  async function goodsList(principal: Principal, id: string) {
    const row = await find(principal, id);
    const { lines } = await repository.findDetails(db, id);
    return { declaration: row, lines, correspondence: row.correspondence as GoodsListCorrespondence[] };
  }

  /**
   * Applies one lifecycle event (applyEvent): 200 with the declaration when applied or when it is
   * a repetition of the event that produced the current state (nothing is recorded again).
   */
  async function applyLifecycleEvent(
    principal: Principal,
    id: string,
    event: DeclarationEvent,
    base = '/body',
  ): Promise<DeclarationView> {
    await db.transaction(async (tx) => {
      const current = await repository.findDeclaration(tx, id, { ownerOrgId: ownerScope(principal), forUpdate: true });
      if (!current) throw declarationErrors.notFound();
      const result = applyEvent(current.state as unknown as DeclarationState, event, { today: clock() });
      if (result.outcome === 'invalid')
        throw commonErrors.validation({ detail: result.detail, fields: [{ path: base, message: result.detail }] });
      if (result.outcome === 'illegal') {
        throw declarationErrors.illegalTransition({
          detail: result.detail,
          extra: { currentStatus: result.from, event: result.event },
        });
      }
      if (result.outcome === 'unchanged') return;
      const updated = await repository.updateState(
        tx,
        current,
        result.state.status,
        result.state as unknown as Record<string, unknown>,
      );
      if (!updated)
        throw declarationErrors.illegalTransition({ detail: 'the declaration changed concurrently; reload and retry' });
      await repository.appendEvent(tx, {
        declarationId: id,
        event: event as unknown as Record<string, unknown>,
        fromStatus: current.status,
        toStatus: result.state.status,
        actorOrgId: principal.orgId,
        actorKeyId: principal.keyId,
      });
      // Statistics move with the state, in this transaction: a release counts it, a cancellation restates.
      await applyDeclarationStatusChange(tx, {
        declarationId: id,
        from: current.state as unknown as DeclarationState,
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
    return get(principal, id);
  }

  const customsEvent = (principal: Principal, id: string, event: CustomsEventInput) =>
    applyLifecycleEvent(principal, id, event);
  const submit = (principal: Principal, id: string) => applyLifecycleEvent(principal, id, { type: 'submit' });
  const withdraw = (principal: Principal, id: string, reason: string) =>
    applyLifecycleEvent(principal, id, { type: 'withdraw', reason });

  return { create, get, list, goodsList, customsEvent, submit, withdraw };
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
