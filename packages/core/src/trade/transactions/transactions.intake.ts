import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx, transactionDocuments } from '@baigou/db';
import type { Principal } from '../../access/access.models';
import type { Evaluation, PriceLibraryService } from '../../price-library';
import { transactionRecordedEvents } from '../../provenance/epcis.events';
import { recordEvents } from '../../provenance/provenance.events';
import type { ReferenceService } from '../../reference/reference.service';
import { registryErrorAt } from '../../registry/registry.errors';
import type { OperatorView } from '../../registry/registry.schemas';
import type { RegistryService } from '../../registry/registry.service';
import { ClientRefTaken } from '../../shared/constraints';
import { chinaDate } from '../../shared/dates';
import { commonErrors, isDomainError, type DomainError } from '../../shared/errors';
import { sumExact, toCents } from '../../shared/money';
import type { ExcludedGoodsService } from '../excluded-goods/excluded-goods.service';
import type { TradeRollups } from '../trade.ports';
import { transactionErrors } from './transactions.errors';
import {
  formatTradingNo,
  intakeStatus,
  lineHsCode,
  linesMissingRemark,
  matchedCandidate,
  priceObservations,
  reviewReasons,
} from './transactions.models';
import { withEnhancedReview, type CreditGate, type CreditTerms } from '../trade.ports';
import * as repository from './transactions.repository';
import type { TransactionInput } from './transactions.schemas';

export interface IntakeDependencies {
  db: Db;
  reference: ReferenceService;
  registry: RegistryService;
  priceLibrary: PriceLibraryService;
  excludedGoods: ExcludedGoodsService;
  rollups: TradeRollups;
  /** Credit consequences at intake (grade D refused, grade C enhanced review); none when absent. */
  credit?: CreditGate;
  clock: () => Date;
}

/** A transaction as intake knows it: what it wrote, or the stored row of an earlier submission. */
export type Recorded = Pick<repository.TransactionRow, 'id' | 'tradingNo' | 'status' | 'clientRef'>;

/** What a submission did: a new transaction, or the one an earlier submission of the same clientRef created. */
export interface Submission {
  outcome: 'created' | 'replayed';
  transaction: Recorded;
}

/**
 * One submission on its way through intake: the parsed input, its fingerprint, its request path
 * (`/body` or `/body/items/N`, for error paths) and, once decided, its outcome.
 */
export interface IntakeItem {
  readonly base: string;
  readonly input: TransactionInput;
  readonly hash: string;
  outcome?: Submission | DomainError;
}

/** An item whose parties and codes passed: the operator it is recorded for. */
interface Cleared {
  item: IntakeItem;
  operatorId: string;
}

/** An item matched and price-checked by the price library. */
interface Evaluated extends Cleared {
  evaluation: Evaluation;
}

/** An evaluated item with the rows it writes. */
interface Draft extends Evaluated {
  transaction: ReturnType<typeof transactionRow>;
}

/** A draft with its lines and documents, ready for the statements that follow the transactions. */
interface Written extends Draft {
  lines: repository.NewLine[];
  documents: (typeof transactionDocuments.$inferInsert)[];
}

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

function replayOrRefuse(existing: repository.TransactionRow, item: IntakeItem): Submission {
  if (existing.requestHash === item.hash) return { outcome: 'replayed', transaction: existing };
  throw transactionErrors.clientRefReused({
    detail: `clientRef ${existing.clientRef} is transaction ${existing.tradingNo}, submitted with different content`,
    fields: [{ path: `${item.base}/clientRef`, message: 'already used for another transaction' }],
    extra: { tradingNo: existing.tradingNo, transactionId: existing.id },
  });
}

const matchInputs = ({ input }: IntakeItem) =>
  input.lines.map((line) => ({
    description: line.description,
    unitPrice: line.unitPrice,
    unit: line.unit,
    currency: input.currency,
    lineDate: input.tradeDate,
  }));

/** The lines excluded goods are screened on: the declared code and the best candidate's, whichever exist. */
const screenedLines = ({ item, evaluation }: Evaluated) =>
  item.input.lines.map((line, index) => ({
    description: line.description,
    spec: line.spec,
    hsCodes: [line.hsCode, evaluation.results[index]!.candidates[0]?.hsCode].filter((code): code is string =>
      Boolean(code),
    ),
  }));

function assertRemarks({ item, evaluation }: Evaluated) {
  const missing = linesMissingRemark(
    evaluation.results,
    item.input.lines.map((line) => line.remark),
  );
  if (missing.length) {
    throw commonErrors.validation({
      detail: 'a line priced outside the soft band needs a remark explaining the price',
      fields: missing.map((index) => ({
        path: `${item.base}/lines/${index}/remark`,
        message: `required: ${evaluation.results[index]!.priceCheck!.explanation}`,
      })),
    });
  }
}

function transactionRow(principal: Principal, tradingNo: string, { item, operatorId, evaluation }: Evaluated) {
  const { input } = item;
  return {
    id: randomUUID(),
    tradingNo,
    operatorOrgId: principal.orgId,
    operatorId,
    clientRef: input.clientRef,
    requestHash: item.hash,
    merchantId: input.merchantId,
    purchaserId: input.purchaserId,
    tradeDate: input.tradeDate,
    settlementMethod: input.settlementMethod as 'bank_transfer' | 'cross_border_rmb',
    currency: input.currency,
    totalAmount: toCents(sumExact(input.lines.map((line) => line.amount))),
    lineCount: input.lines.length,
    remark: input.remark ?? null,
    status: intakeStatus(evaluation.results),
    createdByKeyId: principal.keyId,
  } satisfies repository.NewTransaction;
}

function lineRows({ item, evaluation, transaction }: Draft, matchIds: readonly string[]): repository.NewLine[] {
  return item.input.lines.map((line, index) => {
    const result = evaluation.results[index]!;
    return {
      id: randomUUID(),
      transactionId: transaction.id,
      lineNo: index + 1,
      description: line.description,
      spec: line.spec ?? null,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      amount: line.amount,
      currency: item.input.currency,
      ...lineHsCode(line.hsCode, result),
      productTypeCode: matchedCandidate(result)?.productTypeCode ?? null,
      candidates: [...result.candidates],
      priceCheck: { ...result.priceCheck },
      priceLibraryVersionId: evaluation.versionId,
      matchRecordId: matchIds[index]!,
      remark: line.remark ?? null,
    };
  });
}

function intakeHistory(principal: Principal, { evaluation, transaction }: Written) {
  const reasons = reviewReasons(evaluation.results);
  return {
    transactionId: transaction.id,
    fromStatus: null,
    toStatus: transaction.status,
    reason: reasons.length
      ? `price check: line(s) ${reasons.map((reason) => reason.lineNo).join(', ')} need staff review`
      : null,
    actorOrgId: principal.orgId,
    actorKeyId: principal.keyId,
  };
}

/**
 * Lookups shared by the items of one intake: the caller's operator registration and each
 * merchant or purchaser are read once however many items name them (the answers are the same
 * for every item; an error is re-pathed per item).
 */
function intakeContext(deps: IntakeDependencies, principal: Principal) {
  const { registry, clock } = deps;
  let operator: Promise<OperatorView> | undefined;
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
  let credit: Promise<CreditTerms | null> | undefined;
  return {
    deps,
    today: chinaDate(clock()),
    operator: () => (operator ??= registry.requireApprovedOperator(principal)),
    party,
    credit: () => (credit ??= deps.credit?.admit(principal.orgId, clock()) ?? Promise.resolve(null)),
  };
}
type IntakeContext = ReturnType<typeof intakeContext>;

/** The checks of one submission that come before its lines are matched, in the order they refuse. */
async function checkParties(context: IntakeContext, item: IntakeItem): Promise<Cleared> {
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
  await context
    .party('merchant', input.merchantId)
    .catch((error: unknown) => registryErrorAt(error, `${base}/merchantId`));
  await context
    .party('purchaser', input.purchaserId)
    .catch((error: unknown) => registryErrorAt(error, `${base}/purchaserId`));
  // Codes must be in the lists in force now: the declaration built from this sale is made now.
  await context.deps.reference.assertCodes([
    { list: 'currency', code: input.currency, path: `${base}/currency` },
    ...input.lines.flatMap((line, index) => [
      { list: 'unit' as const, code: line.unit, path: `${base}/lines/${index}/unit` },
      // A declared code that is not in the tariff is refused, not silently replaced by a guess.
      ...(line.hsCode
        ? [{ list: 'hs8' as const, code: line.hsCode.slice(0, 8), path: `${base}/lines/${index}/hsCode` }]
        : []),
    ]),
  ]);
  return { item, operatorId: operator.id };
}

/** Parties and codes of each item in turn; a refused item gets its outcome, the others go on. */
async function clearEach(context: IntakeContext, items: readonly IntakeItem[]): Promise<Cleared[]> {
  const cleared: Cleared[] = [];
  for (const item of items) {
    const outcome = await outcomeOf(() => checkParties(context, item));
    if (isDomainError(outcome)) item.outcome = outcome;
    else cleared.push(outcome);
  }
  return cleared;
}

/**
 * Matches and price-checks the lines of all items in one evaluation (one version, one rate
 * lookup), then hands each item its own slice. Should the joint call be refused, each item is
 * evaluated on its own so that each gets the error it would have got alone.
 */
async function evaluateEach(priceLibrary: PriceLibraryService, cleared: readonly Cleared[]): Promise<Evaluated[]> {
  const joint = await outcomeOf(() => priceLibrary.evaluate(cleared.flatMap(({ item }) => matchInputs(item))));
  if (!isDomainError(joint)) {
    let offset = 0;
    return cleared.map((entry) => {
      const end = offset + entry.item.input.lines.length;
      const evaluation = {
        ...joint,
        items: joint.items.slice(offset, end),
        results: joint.results.slice(offset, end),
      };
      offset = end;
      return { ...entry, evaluation };
    });
  }
  const alone = await Promise.all(
    cleared.map(async (entry) => ({
      entry,
      evaluation: await outcomeOf(() => priceLibrary.evaluate(matchInputs(entry.item))),
    })),
  );
  return alone.flatMap(({ entry, evaluation }) => {
    if (!isDomainError(evaluation)) return [{ ...entry, evaluation }];
    entry.item.outcome = evaluation;
    return [];
  });
}

/** Excluded goods over all items' lines at once; only when one is hit are the items screened one by one. */
async function screenEach(context: IntakeContext, evaluated: readonly Evaluated[]): Promise<Evaluated[]> {
  if (evaluated.length === 0) return [];
  // The suspension in force when the sale is recorded decides: the goods leave after today.
  // Each distinct line once: a batch of the same goods is screened as one line.
  const distinct = new Map(
    evaluated.flatMap(screenedLines).map((line) => [JSON.stringify([line.description, line.spec, line.hsCodes]), line]),
  );
  const { excludedGoods } = context.deps;
  const joint = await outcomeOf(() => excludedGoods.assertAllowed([...distinct.values()], context.today));
  if (!isDomainError(joint)) return [...evaluated];
  const screened = await Promise.all(
    evaluated.map(async (entry) => ({
      entry,
      refusal: await outcomeOf(() =>
        excludedGoods.assertAllowed(screenedLines(entry), context.today, `${entry.item.base}/lines`),
      ),
    })),
  );
  return screened.flatMap(({ entry, refusal }) => {
    if (!isDomainError(refusal)) return [entry];
    entry.item.outcome = refusal;
    return [];
  });
}

/** The remark a line priced outside the soft band owes; an item without it is refused. */
function remarked(evaluated: readonly Evaluated[]): Evaluated[] {
  return evaluated.filter((entry) => {
    try {
      assertRemarks(entry);
      return true;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      entry.item.outcome = error;
      return false;
    }
  });
}

/**
 * Everything that can refuse each submission before anything is written, in the order a single
 * submission is checked: parties and codes, then matching, excluded goods and remarks. A refused
 * item gets its error as outcome; answers the items that may be written.
 */
async function checkAll(context: IntakeContext, items: readonly IntakeItem[]): Promise<Evaluated[]> {
  const cleared = await clearEach(context, items);
  if (cleared.length === 0) return [];
  const enhanced = (await context.credit())?.enhancedReview ?? false;
  const evaluated = (await evaluateEach(context.deps.priceLibrary, cleared)).map((entry) =>
    enhanced ? { ...entry, evaluation: withEnhancedReview(entry.evaluation) } : entry,
  );
  return remarked(await screenEach(context, evaluated));
}

/**
 * Match records of several items, one insert per library version, in line order: each item's
 * match record ids.
 */
async function recordMatches(
  priceLibrary: PriceLibraryService,
  tx: DbOrTx,
  principal: Principal,
  drafts: readonly Draft[],
): Promise<Map<Draft, string[]>> {
  const ids = new Map<Draft, string[]>();
  for (const versionId of new Set(drafts.map((draft) => draft.evaluation.versionId))) {
    const members = drafts.filter((draft) => draft.evaluation.versionId === versionId);
    const joint: Evaluation = {
      ...members[0]!.evaluation,
      items: members.flatMap((draft) => draft.evaluation.items),
      results: members.flatMap((draft) => draft.evaluation.results),
    };
    const recorded = await priceLibrary.recordMatches(tx, principal, joint);
    let offset = 0;
    for (const draft of members) {
      const count = draft.evaluation.items.length;
      ids.set(draft, recorded.slice(offset, offset + count));
      offset += count;
    }
  }
  return ids;
}

/**
 * Writes the checked items in one PG transaction: trading numbers from one sequence call, then
 * per table one multi-row statement (transactions, match records, lines, documents, status
 * history, price observations, provenance events). Answers each item's transaction, in order.
 */
async function write(
  { db, priceLibrary, rollups }: IntakeDependencies,
  principal: Principal,
  today: string,
  evaluated: readonly Evaluated[],
): Promise<Recorded[]> {
  return db.transaction(async (tx) => {
    const sequences = await repository.nextTradingSequences(tx, evaluated.length);
    const drafts: Draft[] = evaluated.map((entry, index) => ({
      ...entry,
      transaction: transactionRow(principal, formatTradingNo(today, sequences[index]!), entry),
    }));
    // Rows go in clientRef order, so two batches naming the same clientRefs lock them in the same order.
    const createdAt = await repository.insertTransactions(
      tx,
      drafts.map((draft) => draft.transaction).sort((a, b) => compareText(a.clientRef, b.clientRef)),
    );
    const matchIds = await recordMatches(priceLibrary, tx, principal, drafts);
    const written: Written[] = drafts.map((draft) => ({
      ...draft,
      lines: lineRows(draft, matchIds.get(draft)!),
      documents: draft.item.input.documents.map((document) => ({ transactionId: draft.transaction.id, ...document })),
    }));
    await repository.insertLines(
      tx,
      written.flatMap((entry) => entry.lines),
    );
    await repository.insertDocuments(
      tx,
      written.flatMap((entry) => entry.documents),
    );
    await repository.appendHistories(
      tx,
      written.map((entry) => intakeHistory(principal, entry)),
    );
    await repository.insertObservations(
      tx,
      written.flatMap((entry) => priceObservations(entry.transaction, entry.lines)),
    );
    const recorded = written.map((entry) => ({
      ...entry,
      transaction: { ...entry.transaction, createdAt: createdAt.get(entry.transaction.id)! },
    }));
    // A few hundred events per call bound the canonical bytes one statement carries, whatever the batch size.
    for (let start = 0; start < recorded.length; start += EVENTS_PER_CALL) {
      const facts = recorded
        .slice(start, start + EVENTS_PER_CALL)
        .map(({ transaction, lines, documents }) => ({ transaction, lines, documents }));
      await recordEvents(tx, transactionRecordedEvents(facts));
    }
    // Last: it updates the month's one roll-up row, which concurrent intakes wait for until this commits.
    await rollups.applyIntakeRisk(tx, { transactionIds: drafts.map((draft) => draft.transaction.id) });
    return recorded.map((entry) => entry.transaction);
  });
}

/** One item written alone; if its clientRef was taken concurrently, it is answered as a replay or refused. */
async function writeAlone(
  deps: IntakeDependencies,
  principal: Principal,
  today: string,
  entry: Evaluated,
): Promise<Submission | DomainError> {
  try {
    const [transaction] = await write(deps, principal, today, [entry]);
    return { outcome: 'created', transaction: transaction! };
  } catch (error) {
    if (error instanceof ClientRefTaken) {
      const winner = await repository.findByClientRef(deps.db, principal.orgId, entry.item.input.clientRef);
      if (winner) return outcomeOf(() => replayOrRefuse(winner, entry.item));
    }
    throw error;
  }
}

/** Earlier submissions of the items' clientRefs: each such item is replayed or refused. */
async function replayEach(db: Db, principal: Principal, items: readonly IntakeItem[]): Promise<IntakeItem[]> {
  const clientRefs = items.map((item) => item.input.clientRef);
  const existing = new Map(
    (await repository.findByClientRefs(db, principal.orgId, clientRefs)).map((row) => [row.clientRef, row]),
  );
  const fresh: IntakeItem[] = [];
  for (const item of items) {
    const row = existing.get(item.input.clientRef);
    if (row) item.outcome = await outcomeOf(() => replayOrRefuse(row, item));
    else fresh.push(item);
  }
  return fresh;
}

/**
 * Records items of one caller, setting each one's outcome: the transaction it created, the one
 * an earlier submission of its clientRef created (replayed), or the domain error that refused
 * it. All items that pass the checks are written together in one PG transaction. No two items
 * may share a clientRef (a batch splits them into successive intakes).
 */
async function intake(deps: IntakeDependencies, principal: Principal, items: readonly IntakeItem[]): Promise<void> {
  const fresh = await replayEach(deps.db, principal, items);
  if (fresh.length === 0) return;
  const context = intakeContext(deps, principal);
  const accepted = await checkAll(context, fresh);
  if (accepted.length === 0) return;
  try {
    const transactions = await write(deps, principal, context.today, accepted);
    accepted.forEach(
      (entry, index) => (entry.item.outcome = { outcome: 'created', transaction: transactions[index]! }),
    );
  } catch (error) {
    // A clientRef submitted concurrently: the unique constraint lets one through. Item by item, each learns which.
    if (!(error instanceof ClientRefTaken)) throw error;
    for (const entry of accepted) entry.item.outcome = await writeAlone(deps, principal, context.today, entry);
  }
}

/**
 * The batch-intake pipeline of 交易登记: each submission is checked (operator, parties, settlement,
 * codes, excluded goods), every line matched and price-checked by the price library, and the
 * accepted submissions written in one PG transaction with their match records, documents, status
 * history, price observations and provenance events, one multi-row statement per table.
 */
export function createIntake(deps: IntakeDependencies) {
  return {
    intake: (principal: Principal, items: readonly IntakeItem[]) => intake(deps, principal, items),
  };
}
