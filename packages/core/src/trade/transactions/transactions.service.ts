import { randomUUID } from 'node:crypto';
import { isUniqueViolation, pgConstraint, type Db, type DbOrTx } from '@baigou/db';
import type { Principal } from '../../access/access.models';
import type { Evaluation, PriceLibraryService } from '../../price-library';
import type { ReferenceService } from '../../reference/reference.service';
import { registryErrors } from '../../registry/registry.errors';
import type { RegistryService } from '../../registry/registry.service';
import { recordEvents } from '../../provenance/provenance.events';
import { transactionRecordedEvents, transactionReviewedEvent } from '../../provenance/epcis.events';
import { chinaDate } from '../../shared/dates';
import { commonErrors, isDomainError, type DomainError, type FieldIssue } from '../../shared/errors';
import { decodeCursor, toPage, type Page } from '../../shared/pagination';
import type { ExcludedGoodsService } from '../excluded-goods/excluded-goods.service';
import { withEnhancedReview, type CreditGate } from '../credit.port';
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
import { applyIntakeRisk, applyTransactionStatusChange } from '../../statistics/statistics.rollups';

export interface TransactionsDependencies {
  db: Db;
  reference: ReferenceService;
  registry: RegistryService;
  priceLibrary: PriceLibraryService;
  excludedGoods: ExcludedGoodsService;
  /** Credit consequences at intake (grade D refused, grade C enhanced review); none when absent. */
  credit?: CreditGate;
  clock?: () => Date;
}

/** A transaction as intake knows it: what it wrote, or the stored row of an earlier submission. */
type Recorded = Pick<repository.TransactionRow, 'id' | 'tradingNo' | 'status' | 'clientRef'>;

/** What a submission did: a new transaction, or the one an earlier submission of the same clientRef created. */
export interface Submission {
  outcome: 'created' | 'replayed';
  transaction: Recorded;
}

/** A batch item's result; `error` is the domain error the item was refused with. */
export type BatchOutcome = Omit<BatchItemResult, 'problem'> & { error?: DomainError };

/** Operators see their own organisation's transactions; staff, customs and auditors see all. */
const ownerScope = (principal: Principal) => (principal.role === 'operator' ? principal.orgId : undefined);

/** The same error with the request path it concerns, so a client knows which field to fix. */
function atPath(error: unknown, path: string): never {
  if (isDomainError(error) && !error.fields) {
    const factory =
      error.code === registryErrors.notApproved.code
        ? registryErrors.notApproved
        : error.code === registryErrors.notFound.code
          ? registryErrors.notFound
          : null;
    if (factory) throw factory({ detail: error.message, fields: [{ path, message: error.title }], cause: error });
  }
  throw error;
}

/** A zod issue path (`['lines', 0, 'amount']`) under a request base (`/body/items/3`). */
function zodFields(
  base: string,
  issues: readonly { path: readonly PropertyKey[]; message: string; code: string; keys?: readonly string[] }[],
): FieldIssue[] {
  return issues.flatMap((issue) => {
    const path = [base, ...issue.path.map(String)].join('/');
    return issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ path: `${path}/${key}`, message: 'unknown field' }))
      : [{ path, message: issue.message }];
  });
}

/** A parsed submission on its way through intake; `base` is its request path, for error paths. */
interface Pending {
  base: string;
  input: TransactionInput;
  hash: string;
}

/** A submission that passed every check: what it writes. */
interface Evaluated extends Pending {
  operatorId: string;
  evaluation: Evaluation;
}

type ObservableLine = Pick<repository.LineRow, 'id' | 'unit' | 'currency' | 'unitPrice'> & {
  productTypeCode?: string | null;
};

/** The value `run` answers, or the domain error it threw; any other error propagates. */
async function outcomeOf<T>(run: () => T | Promise<T>): Promise<T | DomainError> {
  try {
    return await run();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Transactions per provenance call: each event carries all its lines, so a call is a few MB at most. */
const EVENTS_PER_CALL = 200;

/**
 * 交易登记: recording sales. Each submission is checked (operator, parties, settlement, codes,
 * excluded goods), every line matched and price-checked by the price library, and written in one
 * PG transaction with its match records, documents, status history, price observations and
 * provenance event; a batch's accepted submissions share that transaction and each statement.
 */
export function createTransactionsService(deps: TransactionsDependencies) {
  const { db, reference, registry, priceLibrary, excludedGoods } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function requireApprovedOperator(principal: Principal) {
    const operator = await registry.operatorOf(principal.orgId);
    if (!operator || operator.status !== 'approved') {
      throw transactionErrors.operatorNotApproved({
        detail: operator
          ? `your operator registration is ${operator.status}`
          : 'your organisation has no operator registration (POST /v1/operators)',
      });
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

  /**
   * Lookups shared by the items of one intake: the caller's operator registration and each
   * merchant or purchaser are read once however many items name them (the answers are the same
   * for every item; an error is re-pathed per item).
   */
  function intakeContext(principal: Principal) {
    let operator: ReturnType<typeof requireApprovedOperator> | undefined;
    const parties = new Map<string, Promise<unknown>>();
    const party = (type: 'merchant' | 'purchaser', id: string) => {
      const key = `${type} ${id}`;
      let found = parties.get(key);
      if (!found) {
        found = registry.requireApproved(principal, type, id);
        // Each item attaches its own handler; this one only keeps an unused rejection from being reported.
        found.catch(() => undefined);
        parties.set(key, found);
      }
      return found;
    };
    let credit: Promise<Awaited<ReturnType<CreditGate['admit']>> | null> | undefined;
    const creditTerms = () => (credit ??= deps.credit?.admit(principal.orgId, clock()) ?? Promise.resolve(null));
    return {
      today: chinaDate(clock()),
      operator: () => (operator ??= requireApprovedOperator(principal)),
      party,
      credit: creditTerms,
    };
  }
  type IntakeContext = ReturnType<typeof intakeContext>;

  /** The checks of one submission that come before its lines are matched, in the order they refuse. */
  async function checkParties(context: IntakeContext, item: Pending) {
    const { input, base } = item;
    const operator = await context.operator();
    await context.credit();
    if (input.settlementMethod === 'cash') {
      throw transactionErrors.cashSettlementRefused({
        fields: [{ path: `${base}/settlementMethod`, message: 'cash settlement is refused' }],
      });
    }
    if (input.tradeDate > context.today) {
      throw commonErrors.validation({
        detail: 'the trade date is in the future',
        fields: [{ path: `${base}/tradeDate`, message: `must not be after today in China (${context.today})` }],
      });
    }
    await context.party('merchant', input.merchantId).catch((error: unknown) => atPath(error, `${base}/merchantId`));
    await context.party('purchaser', input.purchaserId).catch((error: unknown) => atPath(error, `${base}/purchaserId`));
    // Codes must be in the lists in force now: the declaration built from this sale is made now.
    await reference.assertCodes([
      { list: 'currency', code: input.currency, path: `${base}/currency` },
      ...input.lines.flatMap((line, index) => [
        { list: 'unit' as const, code: line.unit, path: `${base}/lines/${index}/unit` },
        // A declared code that is not in the tariff is refused, not silently replaced by a guess.
        ...(line.hsCode
          ? [{ list: 'hs8' as const, code: line.hsCode.slice(0, 8), path: `${base}/lines/${index}/hsCode` }]
          : []),
      ]),
    ]);
    return operator;
  }

  const matchInputs = (input: TransactionInput) =>
    input.lines.map((line) => ({
      description: line.description,
      unitPrice: line.unitPrice,
      unit: line.unit,
      currency: input.currency,
      lineDate: input.tradeDate,
    }));

  const screenedLines = (input: TransactionInput, evaluation: Evaluation) =>
    input.lines.map((line, index) => ({
      description: line.description,
      spec: line.spec,
      hsCodes: [line.hsCode, evaluation.results[index]!.candidates[0]?.hsCode].filter((code): code is string =>
        Boolean(code),
      ),
    }));

  /**
   * Matches and price-checks the lines of all items in one evaluation (one version, one rate
   * lookup), then hands each item its own slice. Should the joint call be refused, each item is
   * evaluated on its own so that each gets the error it would have got alone.
   */
  async function evaluateEach(items: readonly Pending[]): Promise<(Evaluation | DomainError)[]> {
    const joint = await outcomeOf(() => priceLibrary.evaluate(items.flatMap((item) => matchInputs(item.input))));
    if (isDomainError(joint))
      return Promise.all(items.map((item) => outcomeOf(() => priceLibrary.evaluate(matchInputs(item.input)))));
    let offset = 0;
    return items.map((item) => {
      const end = offset + item.input.lines.length;
      const slice = { ...joint, items: joint.items.slice(offset, end), results: joint.results.slice(offset, end) };
      offset = end;
      return slice;
    });
  }

  /** Excluded goods over all items' lines at once; only when one is hit are the items screened one by one. */
  async function screenEach(context: IntakeContext, items: readonly Evaluated[]): Promise<(DomainError | null)[]> {
    // The suspension in force when the sale is recorded decides: the goods leave after today.
    // Each distinct line once: a batch of the same goods is screened as one line.
    const distinct = new Map(
      items
        .flatMap((item) => screenedLines(item.input, item.evaluation))
        .map((line) => [JSON.stringify([line.description, line.spec, line.hsCodes]), line]),
    );
    const joint = await outcomeOf(() => excludedGoods.assertAllowed([...distinct.values()], context.today));
    if (!isDomainError(joint)) return items.map(() => null);
    return Promise.all(
      items.map(async (item) => {
        const outcome = await outcomeOf(() =>
          excludedGoods.assertAllowed(screenedLines(item.input, item.evaluation), context.today, `${item.base}/lines`),
        );
        return isDomainError(outcome) ? outcome : null;
      }),
    );
  }

  function assertRemarks({ input, base, evaluation }: Evaluated) {
    const missing = linesMissingRemark(
      evaluation.results,
      input.lines.map((line) => line.remark),
    );
    if (missing.length) {
      throw commonErrors.validation({
        detail: 'a line priced outside the soft band needs a remark explaining the price',
        fields: missing.map((index) => ({
          path: `${base}/lines/${index}/remark`,
          message: `required: ${evaluation.results[index]!.priceCheck!.explanation}`,
        })),
      });
    }
  }

  /**
   * Everything that can refuse each submission before anything is written, in the order a single
   * submission is checked: parties and codes, then matching, excluded goods and remarks.
   * Answers, per item, what it may write or the error it is refused with.
   */
  async function checkAll(context: IntakeContext, items: readonly Pending[]): Promise<(Evaluated | DomainError)[]> {
    const outcomes: (Evaluated | DomainError)[] = new Array(items.length);
    const open: { at: number; item: Pending; operatorId: string }[] = [];
    for (const [at, item] of items.entries()) {
      const operator = await outcomeOf(() => checkParties(context, item));
      if (isDomainError(operator)) outcomes[at] = operator;
      else open.push({ at, item, operatorId: operator.id });
    }
    if (open.length === 0) return outcomes;
    const evaluations = await evaluateEach(open.map(({ item }) => item));
    const enhanced = (await context.credit())?.enhancedReview ?? false;
    const evaluated: { at: number; item: Evaluated }[] = [];
    open.forEach(({ at, item, operatorId }, index) => {
      const evaluation = evaluations[index]!;
      if (isDomainError(evaluation)) outcomes[at] = evaluation;
      else
        evaluated.push({
          at,
          item: { ...item, operatorId, evaluation: enhanced ? withEnhancedReview(evaluation) : evaluation },
        });
    });
    const screened = evaluated.length
      ? await screenEach(
          context,
          evaluated.map(({ item }) => item),
        )
      : [];
    for (const [index, { at, item }] of evaluated.entries()) {
      outcomes[at] =
        screened[index] ??
        (await outcomeOf(() => {
          assertRemarks(item);
          return item;
        }));
    }
    return outcomes;
  }

  /**
   * Writes the checked items in one PG transaction: trading numbers from one sequence call, then
   * per table one multi-row statement (transactions, match records, lines, documents, status
   * history, price observations, provenance events). Rows answer in item order.
   */
  async function write(principal: Principal, today: string, items: readonly Evaluated[]): Promise<Recorded[]> {
    return db.transaction(async (tx) => {
      const sequences = await repository.nextTradingSequences(tx, items.length);
      const rows = items.map(({ input, hash, operatorId, evaluation }, index) => ({
        id: randomUUID(),
        tradingNo: formatTradingNo(today, sequences[index]!),
        operatorOrgId: principal.orgId,
        operatorId,
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
        status: intakeStatus(evaluation.results),
        createdByKeyId: principal.keyId,
      }));
      // Rows go in clientRef order, so two batches naming the same clientRefs lock them in the same order.
      const createdAt = await repository.insertTransactions(
        tx,
        [...rows].sort((a, b) => compareText(a.clientRef, b.clientRef)),
      );
      const matchIds = await recordMatchesOf(
        tx,
        principal,
        items.map((item) => item.evaluation),
      );
      const lines = items.map((item, index) =>
        lineRows(rows[index]!.id, item.input, item.evaluation, matchIds[index]!),
      );
      const documents = items.map((item, index) =>
        item.input.documents.map((document) => ({ transactionId: rows[index]!.id, ...document })),
      );
      await repository.insertLines(tx, lines.flat());
      await repository.insertDocuments(tx, documents.flat());
      await repository.appendHistories(
        tx,
        items.map((item, index) => {
          const reasons = reviewReasons(item.evaluation.results);
          return {
            transactionId: rows[index]!.id,
            fromStatus: null,
            toStatus: rows[index]!.status,
            reason: reasons.length
              ? `price check: line(s) ${reasons.map((reason) => reason.lineNo).join(', ')} need staff review`
              : null,
            actorOrgId: principal.orgId,
            actorKeyId: principal.keyId,
          };
        }),
      );
      await repository.insertObservations(
        tx,
        rows.flatMap((row, index) => observationsOf(row, lines[index]!)),
      );
      const recorded = rows.map((row) => ({ ...row, createdAt: createdAt.get(row.id)! }));
      // A few hundred events per call bound the canonical bytes one statement carries, whatever the batch size.
      for (let start = 0; start < recorded.length; start += EVENTS_PER_CALL) {
        const facts = recorded.slice(start, start + EVENTS_PER_CALL).map((transaction, offset) => ({
          transaction,
          lines: lines[start + offset]!,
          documents: documents[start + offset]!,
        }));
        await recordEvents(tx, transactionRecordedEvents(facts));
      }
      // Last: it updates the month's one roll-up row, which concurrent intakes wait for until this commits.
      await applyIntakeRisk(tx, { transactionIds: rows.map((row) => row.id) });
      return recorded;
    });
  }

  /** Match records of several evaluations, one insert per library version; ids per evaluation, in line order. */
  async function recordMatchesOf(
    tx: DbOrTx,
    principal: Principal,
    evaluations: readonly Evaluation[],
  ): Promise<string[][]> {
    const ids: string[][] = evaluations.map(() => []);
    for (const versionId of new Set(evaluations.map((evaluation) => evaluation.versionId))) {
      const members = evaluations.flatMap((evaluation, index) => (evaluation.versionId === versionId ? [index] : []));
      const joint: Evaluation = {
        ...evaluations[members[0]!]!,
        items: members.flatMap((index) => evaluations[index]!.items),
        results: members.flatMap((index) => evaluations[index]!.results),
      };
      const recorded = await priceLibrary.recordMatches(tx, principal, joint);
      let offset = 0;
      for (const index of members) {
        const count = evaluations[index]!.items.length;
        ids[index] = recorded.slice(offset, offset + count);
        offset += count;
      }
    }
    return ids;
  }

  function lineRows(
    transactionId: string,
    input: TransactionInput,
    evaluation: Evaluation,
    matchIds: readonly string[],
  ): repository.NewLine[] {
    return input.lines.map((line, index) => {
      const result = evaluation.results[index]!;
      const top = result.abstained ? undefined : result.candidates[0];
      const hsCode = line.hsCode ?? top?.hsCode ?? null;
      return {
        id: randomUUID(),
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

  /**
   * Accepted lines become price observations for the library's dynamic adjustment, written in the
   * same PG transaction as the status that makes the lines observable.
   */
  const observationsOf = (
    row: Pick<repository.TransactionRow, 'status' | 'tradeDate'>,
    lines: readonly ObservableLine[],
  ) =>
    lines
      .filter((line) => observable(row.status, line.productTypeCode ?? null))
      .map((line) => ({
        productTypeCode: line.productTypeCode!,
        unit: line.unit,
        currency: line.currency,
        unitPrice: line.unitPrice,
        observedOn: row.tradeDate,
        source: 'transaction' as const,
        sourceRef: line.id,
      }));

  /**
   * Records items of one caller: each is answered with the transaction it created, the one an
   * earlier submission of its clientRef created (replayed), or the domain error that refused it.
   * All items that pass the checks are written together in one PG transaction. No two items may
   * share a clientRef (the batch splits them into successive intakes).
   */
  async function intake(principal: Principal, items: readonly Pending[]): Promise<(Submission | DomainError)[]> {
    const outcomes: (Submission | DomainError)[] = new Array(items.length);
    const existing = new Map(
      (
        await repository.findByClientRefs(
          db,
          principal.orgId,
          items.map((item) => item.input.clientRef),
        )
      ).map((row) => [row.clientRef, row]),
    );
    const fresh: { at: number; item: Pending }[] = [];
    for (const [at, item] of items.entries()) {
      const row = existing.get(item.input.clientRef);
      if (row) outcomes[at] = await outcomeOf(() => replayOrRefuse(row, item.hash, item.base));
      else fresh.push({ at, item });
    }
    if (fresh.length === 0) return outcomes;
    const context = intakeContext(principal);
    const checked = await checkAll(
      context,
      fresh.map(({ item }) => item),
    );
    const accepted: { at: number; item: Evaluated }[] = [];
    checked.forEach((outcome, index) => {
      if (isDomainError(outcome)) outcomes[fresh[index]!.at] = outcome;
      else accepted.push({ at: fresh[index]!.at, item: outcome });
    });
    if (accepted.length === 0) return outcomes;
    try {
      const rows = await write(
        principal,
        context.today,
        accepted.map(({ item }) => item),
      );
      accepted.forEach(({ at }, index) => (outcomes[at] = { outcome: 'created', transaction: rows[index]! }));
    } catch (error) {
      // A clientRef submitted concurrently: the unique constraint lets one through. Item by item, each learns which.
      if (!(isUniqueViolation(error) && pgConstraint(error) === 'transactions_operator_client_ref_uq')) throw error;
      for (const { at, item } of accepted) outcomes[at] = await writeAlone(principal, context.today, item);
    }
    return outcomes;
  }

  async function writeAlone(principal: Principal, today: string, item: Evaluated): Promise<Submission | DomainError> {
    try {
      const [row] = await write(principal, today, [item]);
      return { outcome: 'created', transaction: row! };
    } catch (error) {
      if (isUniqueViolation(error) && pgConstraint(error) === 'transactions_operator_client_ref_uq') {
        const winner = await repository.findByClientRef(db, principal.orgId, item.input.clientRef);
        if (winner) return outcomeOf(() => replayOrRefuse(winner, item.hash, item.base));
      }
      throw error;
    }
  }

  /**
   * Records one transaction, or answers the earlier one of the same clientRef. `base` is the
   * request path of the transaction (`/body`, or `/body/items/N` in a batch) for error paths.
   */
  async function submit(principal: Principal, input: TransactionInput, base = '/body'): Promise<Submission> {
    const [outcome] = await intake(principal, [{ base, input, hash: requestHash(input) }]);
    if (isDomainError(outcome)) throw outcome;
    return outcome!;
  }

  /**
   * Up to 1,000 transactions, each validated on its own, with a result per item in order; a
   * refused item writes nothing and does not stop the others. The accepted items are written
   * together in one PG transaction. An item repeating an earlier item's clientRef is answered as
   * if submitted after it (replayed or refused), so the batch splits there into successive
   * intakes. A retry of the whole batch with a new Idempotency-Key replays the items already
   * created, by clientRef.
   */
  async function submitBatch(principal: Principal, items: readonly unknown[]): Promise<BatchOutcome[]> {
    const results: BatchOutcome[] = new Array(items.length);
    const clientRefOf = (index: number) => {
      const rawRef = (items[index] as { clientRef?: unknown }).clientRef;
      return typeof rawRef === 'string' ? rawRef : null;
    };
    let run: { index: number; item: Pending }[] = [];
    const flush = async () => {
      const outcomes = await intake(
        principal,
        run.map(({ item }) => item),
      );
      run.forEach(({ index }, at) => {
        const outcome = outcomes[at]!;
        const clientRef = clientRefOf(index);
        results[index] = isDomainError(outcome)
          ? { index, clientRef, status: 'error', error: outcome }
          : {
              index,
              clientRef,
              status: outcome.outcome,
              id: outcome.transaction.id,
              tradingNo: outcome.transaction.tradingNo,
              transactionStatus: outcome.transaction.status,
            };
      });
      run = [];
    };
    const inRun = new Set<string>();
    for (const [index, item] of items.entries()) {
      const base = `/body/items/${index}`;
      const parsed = TransactionInput.safeParse(item);
      if (!parsed.success) {
        results[index] = {
          index,
          clientRef: clientRefOf(index),
          status: 'error',
          error: commonErrors.validation({ fields: zodFields(base, parsed.error.issues) }),
        };
        continue;
      }
      if (inRun.has(parsed.data.clientRef)) {
        await flush();
        inRun.clear();
      }
      inRun.add(parsed.data.clientRef);
      run.push({ index, item: { base, input: parsed.data, hash: requestHash(parsed.data) } });
    }
    if (run.length) await flush();
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
    const rows = await repository.listTransactions(
      db,
      { ...filter, ownerOrgId: ownerScope(principal) },
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, fingerprint);
    return { items: page.items.map(summaryView), nextCursor: page.nextCursor };
  }

  /** Staff decide a transaction under review (approve-review) or reject one; every decision is kept. */
  async function decide(
    principal: Principal,
    id: string,
    decision: ReviewDecision,
    reason: string,
  ): Promise<TransactionView> {
    const rule = reviewRules[decision];
    await db.transaction(async (tx) => {
      const current = await repository.findTransaction(tx, id, { forUpdate: true });
      if (!current) throw transactionErrors.notFound();
      const illegal = (detail: string) =>
        commonErrors.illegalTransition({ detail, extra: { currentStatus: current.status, allowedFrom: rule.from } });
      if (!rule.from.includes(current.status))
        throw illegal(`cannot ${decision} a transaction that is ${current.status}`);
      if (decision === 'reject' && (await repository.hasConsolidatedLine(tx, id)))
        throw illegal('a transaction with consolidated lines cannot be rejected');
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
      await applyTransactionStatusChange(tx, { transactionId: id, from: current.status, to: updated.status });
      await recordEvents(tx, [
        transactionReviewedEvent({
          transaction: updated,
          fromStatus: current.status,
          toStatus: updated.status,
          reason,
          reviewerOrgId: principal.orgId,
          at: updated.updatedAt,
        }),
      ]);
      if (updated.status === ('submitted' satisfies TransactionStatus)) {
        await repository.insertObservations(tx, observationsOf(updated, (await repository.findDetails(tx, id)).lines));
      }
    });
    return get(principal, id);
  }

  return { submit, submitBatch, get, list, decide };
}

export type TransactionsService = ReturnType<typeof createTransactionsService>;
