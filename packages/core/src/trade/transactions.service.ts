import { isUniqueViolation, pgConstraint, type Db, type DbOrTx } from '@baigou/db';
import type { Principal } from '../access/access.models';
import type { Evaluation, PriceLibraryService } from '../price-library';
import type { ReferenceService } from '../reference/reference.service';
import { registryErrors } from '../registry/registry.errors';
import type { RegistryService } from '../registry/registry.service';
import { chinaDate } from '../shared/dates';
import { commonErrors, isDomainError, type DomainError, type FieldIssue } from '../shared/errors';
import { decodeCursor, toPage, type Page } from '../shared/pagination';
import type { ExcludedGoodsService } from './excluded-goods.service';
import { transactionErrors } from './transactions.errors';
import {
  formatTradingNo,
  intakeStatus,
  linesMissingRemark,
  observable,
  requestHash,
  reviewReasons,
  reviewRules,
  sumAmounts,
  type ReviewDecision,
  type TransactionStatus,
} from './transactions.models';
import * as repository from './transactions.repository';
import {
  TransactionInput,
  type BatchItemResult,
  type TransactionListQuery,
  type TransactionSummaryView,
  type TransactionView,
} from './transactions.schemas';
import { summaryView, transactionView } from './transactions.views';

export interface TransactionsDependencies {
  db: Db;
  reference: ReferenceService;
  registry: RegistryService;
  priceLibrary: PriceLibraryService;
  excludedGoods: ExcludedGoodsService;
  clock?: () => Date;
}

/** What a submission did: a new transaction, or the one an earlier submission of the same clientRef created. */
export interface Submission {
  outcome: 'created' | 'replayed';
  transaction: repository.TransactionRow;
}

/** A batch item's result; `error` is the domain error the item was refused with. */
export type BatchOutcome = Omit<BatchItemResult, 'problem'> & { error?: DomainError };

/** Operators see their own organisation's transactions; staff, customs and auditors see all. */
const ownerScope = (principal: Principal) => (principal.role === 'operator' ? principal.orgId : undefined);

/** The same error with the request path it concerns, so a client knows which field to fix. */
function atPath(error: unknown, path: string): never {
  if (isDomainError(error) && !error.fields) {
    const factory = error.code === registryErrors.notApproved.code ? registryErrors.notApproved : error.code === registryErrors.notFound.code ? registryErrors.notFound : null;
    if (factory) throw factory({ detail: error.message, fields: [{ path, message: error.title }], cause: error });
  }
  throw error;
}

/** A zod issue path (`['lines', 0, 'amount']`) under a request base (`/body/items/3`). */
function zodFields(base: string, issues: readonly { path: readonly PropertyKey[]; message: string; code: string; keys?: readonly string[] }[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    const path = [base, ...issue.path.map(String)].join('/');
    return issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ path: `${path}/${key}`, message: 'unknown field' }))
      : [{ path, message: issue.message }];
  });
}

/**
 * 交易登记: recording sales. Each submission is checked (operator, parties, settlement, codes,
 * excluded goods), every line matched and price-checked by the price library, and written in one
 * PG transaction with its match records, documents, status history and price observations.
 */
export function createTransactionsService(deps: TransactionsDependencies) {
  const { db, reference, registry, priceLibrary, excludedGoods } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function requireApprovedOperator(principal: Principal) {
    const operator = await registry.operatorOf(principal.orgId);
    if (!operator || operator.status !== 'approved') {
      throw transactionErrors.operatorNotApproved({ detail: operator ? `your operator registration is ${operator.status}` : 'your organisation has no operator registration (POST /v1/operators)' });
    }
    return operator;
  }

  function replayOrRefuse(existing: repository.TransactionRow, hash: string, base: string): Submission {
    if (existing.requestHash === hash) return { outcome: 'replayed', transaction: existing };
    throw transactionErrors.clientRefReused({
      detail: `clientRef ${existing.clientRef} is transaction ${existing.tradingNo}, submitted with different content`,
      fields: [{ path: `${base}/clientRef`, message: 'already used for another transaction' }],
      extra: { tradingNo: existing.tradingNo, transactionId: existing.id },
    });
  }

  /** Everything that can refuse a submission before anything is written. */
  async function check(principal: Principal, input: TransactionInput, base: string) {
    const operator = await requireApprovedOperator(principal);
    if (input.settlementMethod === 'cash') {
      throw transactionErrors.cashSettlementRefused({ fields: [{ path: `${base}/settlementMethod`, message: 'cash settlement is refused' }] });
    }
    const today = chinaDate(clock());
    if (input.tradeDate > today) {
      throw commonErrors.validation({ detail: 'the trade date is in the future', fields: [{ path: `${base}/tradeDate`, message: `must not be after today in China (${today})` }] });
    }
    await registry.requireApproved(principal, 'merchant', input.merchantId).catch((error: unknown) => atPath(error, `${base}/merchantId`));
    await registry.requireApproved(principal, 'purchaser', input.purchaserId).catch((error: unknown) => atPath(error, `${base}/purchaserId`));
    // Codes must be in the lists in force now: the declaration built from this sale is made now.
    await reference.assertCodes([
      { list: 'currency', code: input.currency, path: `${base}/currency` },
      ...input.lines.flatMap((line, index) => [
        { list: 'unit' as const, code: line.unit, path: `${base}/lines/${index}/unit` },
        // A declared code that is not in the tariff is refused, not silently replaced by a guess.
        ...(line.hsCode ? [{ list: 'hs8' as const, code: line.hsCode.slice(0, 8), path: `${base}/lines/${index}/hsCode` }] : []),
      ]),
    ]);
    const evaluation = await priceLibrary.evaluate(
      input.lines.map((line) => ({ description: line.description, unitPrice: line.unitPrice, unit: line.unit, currency: input.currency, lineDate: input.tradeDate })),
    );
    // The suspension in force when the sale is recorded decides: the goods leave after today.
    await excludedGoods.assertAllowed(
      input.lines.map((line, index) => ({
        description: line.description,
        spec: line.spec,
        hsCodes: [line.hsCode, evaluation.results[index]!.candidates[0]?.hsCode].filter((code): code is string => Boolean(code)),
      })),
      today,
      `${base}/lines`,
    );
    const missing = linesMissingRemark(evaluation.results, input.lines.map((line) => line.remark));
    if (missing.length) {
      throw commonErrors.validation({
        detail: 'a line priced outside the soft band needs a remark explaining the price',
        fields: missing.map((index) => ({ path: `${base}/lines/${index}/remark`, message: `required: ${evaluation.results[index]!.priceCheck!.explanation}` })),
      });
    }
    return { operator, today, evaluation };
  }

  async function write(principal: Principal, input: TransactionInput, hash: string, checked: Awaited<ReturnType<typeof check>>) {
    const { operator, today, evaluation } = checked;
    const status = intakeStatus(evaluation.results);
    return db.transaction(async (tx) => {
      const tradingNo = formatTradingNo(today, await repository.nextTradingSequence(tx));
      const row = await repository.insertTransaction(tx, {
        tradingNo,
        operatorOrgId: principal.orgId,
        operatorId: operator.id,
        clientRef: input.clientRef,
        requestHash: hash,
        merchantId: input.merchantId,
        purchaserId: input.purchaserId,
        tradeDate: input.tradeDate,
        settlementMethod: input.settlementMethod as 'bank_transfer' | 'cross_border_rmb',
        currency: input.currency,
        totalAmount: sumAmounts(input.lines.map((line) => line.amount)),
        lineCount: input.lines.length,
        remark: input.remark ?? null,
        status,
        createdByKeyId: principal.keyId,
      });
      const matchIds = await priceLibrary.recordMatches(tx, principal, evaluation);
      const lines = await repository.insertLines(tx, lineRows(row.id, input, evaluation, matchIds));
      await repository.insertDocuments(tx, input.documents.map((document) => ({ transactionId: row.id, ...document })));
      const reasons = reviewReasons(evaluation.results);
      await repository.appendHistory(tx, {
        transactionId: row.id,
        fromStatus: null,
        toStatus: status,
        reason: reasons.length ? `price check: line(s) ${reasons.map((reason) => reason.lineNo).join(', ')} need staff review` : null,
        actorOrgId: principal.orgId,
        actorKeyId: principal.keyId,
      });
      await recordObservations(tx, row, lines);
      return row;
    });
  }

  function lineRows(transactionId: string, input: TransactionInput, evaluation: Evaluation, matchIds: readonly string[]) {
    return input.lines.map((line, index) => {
      const result = evaluation.results[index]!;
      const top = result.abstained ? undefined : result.candidates[0];
      const hsCode = line.hsCode ?? top?.hsCode ?? null;
      return {
        transactionId,
        lineNo: index + 1,
        description: line.description,
        spec: line.spec ?? null,
        quantity: line.quantity,
        unit: line.unit,
        unitPrice: line.unitPrice,
        amount: line.amount,
        currency: input.currency,
        hsCode,
        hsCodeSource: line.hsCode ? ('declared' as const) : hsCode ? ('matched' as const) : null,
        productTypeCode: top?.productTypeCode ?? null,
        candidates: result.candidates as unknown[],
        priceCheck: (result.priceCheck ?? {}) as unknown as Record<string, unknown>,
        priceLibraryVersionId: evaluation.versionId,
        matchRecordId: matchIds[index]!,
        remark: line.remark ?? null,
      };
    });
  }

  /** Accepted lines become price observations for the library's dynamic adjustment, in the same PG transaction. */
  async function recordObservations(tx: DbOrTx, row: repository.TransactionRow, lines: readonly repository.LineRow[]) {
    await repository.insertObservations(
      tx,
      lines
        .filter((line) => observable(row.status, line.productTypeCode))
        .map((line) => ({
          productTypeCode: line.productTypeCode!,
          unit: line.unit,
          currency: line.currency,
          unitPrice: line.unitPrice,
          observedOn: row.tradeDate,
          source: 'transaction' as const,
          sourceRef: line.id,
        })),
    );
  }

  /**
   * Records one transaction, or answers the earlier one of the same clientRef. `base` is the
   * request path of the transaction (`/body`, or `/body/items/N` in a batch) for error paths.
   */
  async function submit(principal: Principal, input: TransactionInput, base = '/body'): Promise<Submission> {
    const hash = requestHash(input);
    const existing = await repository.findByClientRef(db, principal.orgId, input.clientRef);
    if (existing) return replayOrRefuse(existing, hash, base);
    const checked = await check(principal, input, base);
    try {
      return { outcome: 'created', transaction: await write(principal, input, hash, checked) };
    } catch (error) {
      // The same clientRef submitted concurrently: the unique constraint lets one through.
      if (isUniqueViolation(error) && pgConstraint(error) === 'transactions_operator_client_ref_uq') {
        const winner = await repository.findByClientRef(db, principal.orgId, input.clientRef);
        if (winner) return replayOrRefuse(winner, hash, base);
      }
      throw error;
    }
  }

  /**
   * Up to 1,000 transactions, each validated and written on its own (its own PG transaction), in
   * order; a refused item writes nothing and does not stop the others. A retry of the whole batch
   * with new Idempotency-Key replays the items already created, by clientRef.
   */
  async function submitBatch(principal: Principal, items: readonly unknown[]): Promise<BatchOutcome[]> {
    const results: BatchOutcome[] = [];
    for (const [index, item] of items.entries()) {
      const base = `/body/items/${index}`;
      const rawRef = (item as { clientRef?: unknown }).clientRef;
      const clientRef = typeof rawRef === 'string' ? rawRef : null;
      const parsed = TransactionInput.safeParse(item);
      if (!parsed.success) {
        results.push({ index, clientRef, status: 'error', error: commonErrors.validation({ fields: zodFields(base, parsed.error.issues) }) });
        continue;
      }
      try {
        const { outcome, transaction } = await submit(principal, parsed.data, base);
        results.push({ index, clientRef, status: outcome, id: transaction.id, tradingNo: transaction.tradingNo, transactionStatus: transaction.status });
      } catch (error) {
        if (!isDomainError(error)) throw error;
        results.push({ index, clientRef, status: 'error', error });
      }
    }
    return results;
  }

  async function get(principal: Principal, id: string): Promise<TransactionView> {
    const row = await repository.findTransaction(db, id, { ownerOrgId: ownerScope(principal) });
    if (!row) throw transactionErrors.notFound();
    return transactionView(row, await repository.findDetails(db, id));
  }

  async function list(principal: Principal, query: TransactionListQuery): Promise<Page<TransactionSummaryView>> {
    const { cursor, limit, ...filter } = query;
    const fingerprint = JSON.stringify(['transactions', filter, ownerScope(principal) ?? null]);
    const after = cursor ? decodeCursor(cursor, fingerprint) : undefined;
    const rows = await repository.listTransactions(db, { ...filter, ownerOrgId: ownerScope(principal) }, after, limit + 1);
    const page = toPage(rows, limit, fingerprint);
    return { items: page.items.map(summaryView), nextCursor: page.nextCursor };
  }

  /** Staff decide a transaction under review (approve-review) or reject one; every decision is kept. */
  async function decide(principal: Principal, id: string, decision: ReviewDecision, reason: string): Promise<TransactionView> {
    const rule = reviewRules[decision];
    await db.transaction(async (tx) => {
      const current = await repository.findTransaction(tx, id, { forUpdate: true });
      if (!current) throw transactionErrors.notFound();
      const illegal = (detail: string) => commonErrors.illegalTransition({ detail, extra: { currentStatus: current.status, allowedFrom: rule.from } });
      if (!rule.from.includes(current.status)) throw illegal(`cannot ${decision} a transaction that is ${current.status}`);
      if (decision === 'reject' && (await repository.hasConsolidatedLine(tx, id))) throw illegal('a transaction with consolidated lines cannot be rejected');
      const updated = await repository.updateStatus(tx, id, current.status, rule.to, reason);
      if (!updated) throw illegal('the transaction changed status concurrently; reload and retry');
      await repository.appendHistory(tx, {
        transactionId: id,
        fromStatus: current.status,
        toStatus: updated.status,
        reason,
        actorOrgId: principal.orgId,
        actorKeyId: principal.keyId,
      });
      if (updated.status === ('submitted' satisfies TransactionStatus)) {
        await recordObservations(tx, updated, (await repository.findDetails(tx, id)).lines);
      }
    });
    return get(principal, id);
  }

  return { submit, submitBatch, get, list, decide };
}

export type TransactionsService = ReturnType<typeof createTransactionsService>;
