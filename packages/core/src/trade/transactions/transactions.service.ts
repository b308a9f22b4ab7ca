import type { Db } from '@baigou/db';
import type { Principal } from '../../access/access.models';
import { fetchTenantPage, tenantScope } from '../../access/tenant-scope';
import type { PriceLibraryService } from '../../price-library';
import type { ReferenceService } from '../../reference/reference.service';
import type { RegistryService } from '../../registry/registry.service';
import { recordEvents } from '../../provenance/provenance.events';
import { transactionReviewedEvent } from '../../provenance/epcis.events';
import { commonErrors, isDomainError, type DomainError, type FieldIssue } from '../../shared/errors';
import type { Page } from '../../shared/pagination';
import type { ExcludedGoodsService } from '../excluded-goods/excluded-goods.service';
import type { CreditGate, TradeRollups } from '../trade.ports';
import { transactionErrors } from './transactions.errors';
import { createIntake, type IntakeItem, type Submission } from './transactions.intake';
import {
  priceObservations,
  requestHash,
  reviewRules,
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
  rollups: TradeRollups;
  /** Credit consequences at intake (grade D refused, grade C enhanced review); none when absent. */
  credit?: CreditGate;
  clock?: () => Date;
}

/** A batch item's result; `error` is the domain error the item was refused with. */
export type BatchOutcome = Omit<BatchItemResult, 'problem'> & { error?: DomainError };

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

/** The client reference a raw batch item names, if it names one as a string. */
function clientRefOf(raw: unknown): string | null {
  const clientRef = (raw as { clientRef?: unknown }).clientRef;
  return typeof clientRef === 'string' ? clientRef : null;
}

/** A batch item's result from its intake outcome. */
function batchOutcome(index: number, clientRef: string | null, outcome: Submission | DomainError): BatchOutcome {
  return isDomainError(outcome)
    ? { index, clientRef, status: 'error', error: outcome }
    : {
        index,
        clientRef,
        status: outcome.outcome,
        id: outcome.transaction.id,
        tradingNo: outcome.transaction.tradingNo,
        transactionStatus: outcome.transaction.status,
      };
}

type Intake = ReturnType<typeof createIntake>['intake'];

/**
 * Records one transaction, or answers the earlier one of the same clientRef. `base` is the
 * request path of the transaction (`/body`, or `/body/items/N` in a batch) for error paths.
 */
async function submit(
  intake: Intake,
  principal: Principal,
  input: TransactionInput,
  base: string,
): Promise<Submission> {
  const item: IntakeItem = { base, input, hash: requestHash(input) };
  await intake(principal, [item]);
  if (isDomainError(item.outcome)) throw item.outcome;
  return item.outcome!;
}

/**
 * Up to 1,000 transactions, each validated on its own, with a result per item in order; a
 * refused item writes nothing and does not stop the others. The accepted items are written
 * together in one PG transaction. An item repeating an earlier item's clientRef is answered as
 * if submitted after it (replayed or refused), so the batch splits there into successive
 * intakes. A retry of the whole batch with a new Idempotency-Key replays the items already
 * created, by clientRef.
 */
async function submitBatch(intake: Intake, principal: Principal, items: readonly unknown[]): Promise<BatchOutcome[]> {
  const results: BatchOutcome[] = new Array(items.length);
  let run: { index: number; item: IntakeItem }[] = [];
  const inRun = new Set<string>();
  const flush = async () => {
    await intake(
      principal,
      run.map(({ item }) => item),
    );
    for (const { index, item } of run) results[index] = batchOutcome(index, clientRefOf(items[index]), item.outcome!);
    run = [];
    inRun.clear();
  };
  for (const [index, raw] of items.entries()) {
    const base = `/body/items/${index}`;
    const parsed = TransactionInput.safeParse(raw);
    if (!parsed.success) {
      const error = commonErrors.validation({ fields: zodFields(base, parsed.error.issues) });
      results[index] = { index, clientRef: clientRefOf(raw), status: 'error', error };
      continue;
    }
    if (inRun.has(parsed.data.clientRef)) await flush();
    inRun.add(parsed.data.clientRef);
    run.push({ index, item: { base, input: parsed.data, hash: requestHash(parsed.data) } });
  }
  if (run.length) await flush();
  return results;
}

async function get(db: Db, principal: Principal, id: string): Promise<TransactionView> {
  const row = await repository.findTransaction(db, id, { ownerOrgId: tenantScope(principal) });
  if (!row) throw transactionErrors.notFound();
  return transactionView(row, await repository.findDetails(db, id));
}

async function list(db: Db, principal: Principal, query: TransactionListQuery): Promise<Page<TransactionSummaryView>> {
  return fetchTenantPage(
    principal,
    'transactions',
    query,
    (filter, after, take) => repository.listTransactions(db, filter, after, take),
    summaryView,
  );
}

/** Staff decide a transaction under review (approve-review) or reject one; every decision is kept. */
async function decide(
  { db, rollups }: TransactionsDependencies,
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
    await rollups.applyTransactionStatusChange(tx, { transactionId: id, from: current.status, to: updated.status });
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
      const { lines } = await repository.findDetails(tx, id);
      await repository.insertObservations(tx, priceObservations(updated, lines));
    }
  });
  return get(db, principal, id);
}

/**
 * 交易登记: recording sales. Submissions go through the batch-intake pipeline
 * (transactions.intake.ts); this service answers single and batch submissions, reads, and staff
 * decisions on transactions under review.
 */
export function createTransactionsService(deps: TransactionsDependencies) {
  const { db } = deps;
  const { intake } = createIntake({ ...deps, clock: deps.clock ?? (() => new Date()) });
  return {
    /**
     * Records one transaction, or answers the earlier one of the same clientRef. `base` is the
     * request path of the transaction (`/body`, or `/body/items/N` in a batch) for error paths.
     */
    submit: (principal: Principal, input: TransactionInput, base = '/body') => submit(intake, principal, input, base),
    submitBatch: (principal: Principal, items: readonly unknown[]) => submitBatch(intake, principal, items),
    get: (principal: Principal, id: string) => get(db, principal, id),
    list: (principal: Principal, query: TransactionListQuery) => list(db, principal, query),
    decide: (principal: Principal, id: string, decision: ReviewDecision, reason: string) =>
      decide(deps, principal, id, decision, reason),
  };
}

export type TransactionsService = ReturnType<typeof createTransactionsService>;
