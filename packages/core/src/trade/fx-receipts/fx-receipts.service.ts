import type { Db, DbOrTx } from '@baigou/db';
import type { Principal } from '../../access/access.models';
import { fetchTenantPage, tenantScope } from '../../access/tenant-scope';
import { fxAllocationEvent, fxReceiptEvent } from '../../provenance/epcis.events';
import { recordEvents } from '../../provenance/provenance.events';
import type { ReferenceService } from '../../reference/reference.service';
import type { RegistryService } from '../../registry/registry.service';
import { registryErrorAt } from '../../registry/registry.errors';
import { chinaDate } from '../../shared/dates';
import { commonErrors } from '../../shared/errors';
import { ExactDecimal, toCents } from '../../shared/money';
import { ClientRefTaken } from '../../shared/constraints';
import type { Page } from '../../shared/pagination';
import { declarationErrors } from '../declarations/declarations.errors';
import { fxErrors } from './fx-receipts.errors';
import * as repository from './fx-receipts.repository';
import type {
  FxAllocationInput,
  FxAllocationResultView,
  FxAllocationView,
  FxReceiptInput,
  FxReceiptListQuery,
  FxReceiptView,
  FxTargetStatusView,
} from './fx-receipts.schemas';
import { transactionErrors } from '../transactions/transactions.errors';
import type { TradeRollups } from '../trade.ports';

export interface FxTolerance {
  /** Share of the target total, e.g. '0.005' (0.5 %). */
  ratio: string;
  /** Absolute amount in the target currency, e.g. '1.00'. */
  absolute: string;
}

export const DEFAULT_FX_TOLERANCE: FxTolerance = { ratio: '0.005', absolute: '1.00' };

export interface FxReceiptsDependencies {
  db: Db;
  reference: ReferenceService;
  registry: RegistryService;
  rollups: TradeRollups;
  tolerance?: FxTolerance;
  now?: () => Date;
}

export const receiptView = (row: repository.FxReceiptRow, allocated: string): FxReceiptView => ({
  id: row.id,
  clientRef: row.clientRef,
  operatorOrgId: row.operatorOrgId,
  bankName: row.bankName,
  bankReference: row.bankReference,
  payerName: row.payerName,
  payerCountry: row.payerCountry,
  payerPurchaserId: row.payerPurchaserId,
  currency: row.currency,
  amount: row.amount,
  allocated: toCents(allocated),
  unallocated: toCents(new ExactDecimal(row.amount).minus(allocated)),
  valueDate: row.valueDate,
  merchantId: row.merchantId,
  agencyReceipt: row.agencyReceipt,
  flags: row.flags,
  createdAt: row.createdAt.toISOString(),
});

export const allocationView = (row: repository.FxAllocationRow): FxAllocationView => ({
  id: row.id,
  receiptId: row.receiptId,
  transactionId: row.transactionId,
  declarationId: row.declarationId,
  currency: row.currency,
  amount: row.amount,
  createdAt: row.createdAt.toISOString(),
});

interface Core {
  db: Db;
  reference: ReferenceService;
  registry: RegistryService;
  rollups: TradeRollups;
  tolerance: FxTolerance;
  now: () => Date;
}

function targetStatus(
  tolerance: FxTolerance,
  target: { type: 'transaction' | 'declaration'; id: string; currency: string; total: string },
  allocated: string,
): FxTargetStatusView {
  const total = new ExactDecimal(target.total);
  const outstanding = total.minus(allocated);
  const allowance = ExactDecimal.max(new ExactDecimal(tolerance.absolute), total.times(tolerance.ratio));
  return {
    type: target.type,
    id: target.id,
    currency: target.currency,
    total: toCents(total),
    allocated: toCents(allocated),
    outstanding: toCents(outstanding),
    fullyReceived: outstanding.lte(allowance),
  };
}

function refuseClientRef(existing: repository.FxReceiptRow): never {
  throw fxErrors.clientRefReused({
    detail: `clientRef ${existing.clientRef} is FX receipt ${existing.id}`,
    fields: [{ path: '/body/clientRef', message: 'already used for another FX receipt' }],
    extra: { receiptId: existing.id },
  });
}

const refuseBankReference = () =>
  fxErrors.bankReferenceReused({
    fields: [{ path: '/body/bankReference', message: 'already recorded for this bank' }],
  });

async function create(
  { db, reference, registry, now }: Core,
  principal: Principal,
  input: FxReceiptInput,
): Promise<FxReceiptView> {
  const operator = await registry.requireApprovedOperator(principal);
  const existing = await repository.findByClientRef(db, principal.orgId, input.clientRef);
  if (existing) refuseClientRef(existing);
  if (input.valueDate > chinaDate(now())) {
    throw commonErrors.validation({
      detail: 'the value date is in the future',
      fields: [{ path: '/body/valueDate', message: `after today (${chinaDate(now())}, China time)` }],
    });
  }
  await reference.assertCodes([
    { list: 'country', code: input.payerCountry, path: '/body/payerCountry' },
    { list: 'currency', code: input.currency, path: '/body/currency' },
  ]);
  if (input.payerPurchaserId)
    await registry
      .requireApproved(principal, 'purchaser', input.payerPurchaserId)
      .catch((error: unknown) => registryErrorAt(error, '/body/payerPurchaserId'));
  if (input.merchantId)
    await registry
      .requireApproved(principal, 'merchant', input.merchantId)
      .catch((error: unknown) => registryErrorAt(error, '/body/merchantId'));
  if (await repository.findByBankReference(db, input.bankName, input.bankReference)) throw refuseBankReference();
  const flags = input.payerPurchaserId ? [] : ['payer_not_registered'];
  try {
    const row = await db.transaction(async (tx) => {
      const inserted = await repository.insertReceipt(tx, {
        operatorOrgId: principal.orgId,
        operatorId: operator.id,
        clientRef: input.clientRef,
        bankName: input.bankName,
        bankReference: input.bankReference,
        payerName: input.payerName,
        payerCountry: input.payerCountry,
        payerPurchaserId: input.payerPurchaserId ?? null,
        currency: input.currency,
        amount: input.amount,
        valueDate: input.valueDate,
        agencyReceipt: input.agencyReceipt,
        merchantId: input.merchantId ?? null,
        flags,
        createdByKeyId: principal.keyId,
      });
      await recordEvents(tx, [fxReceiptEvent({ ...inserted, at: inserted.createdAt })]);
      return inserted;
    });
    return receiptView(row, '0');
  } catch (error) {
    if (error instanceof ClientRefTaken) {
      const winner = await repository.findByClientRef(db, principal.orgId, input.clientRef);
      if (winner) refuseClientRef(winner);
    }
    throw error;
  }
}

async function get(db: Db, principal: Principal, id: string): Promise<FxReceiptView> {
  const row = await repository.findReceipt(db, id, { ownerOrgId: tenantScope(principal) });
  if (!row) throw fxErrors.notFound();
  return receiptView(row, await repository.allocatedToReceipt(db, id));
}

async function list(db: Db, principal: Principal, query: FxReceiptListQuery): Promise<Page<FxReceiptView>> {
  const page = await fetchTenantPage(
    principal,
    'fx-receipts',
    query,
    (filter, after, take) => repository.listReceipts(db, filter, after, take),
    (row) => row,
  );
  const allocated = await repository.allocatedByReceipts(
    db,
    page.items.map((row) => row.id),
  );
  return {
    items: page.items.map((row) => receiptView(row, allocated.get(row.id) ?? '0')),
    nextCursor: page.nextCursor,
  };
}

async function allocations(db: Db, principal: Principal, id: string): Promise<{ items: FxAllocationView[] }> {
  const receipt = await repository.findReceipt(db, id, { ownerOrgId: tenantScope(principal) });
  if (!receipt) throw fxErrors.notFound();
  return { items: (await repository.listAllocations(db, id)).map(allocationView) };
}

/** Targets that can be paid for: a sale not rejected, a declaration not withdrawn or rejected. */
const ALLOCATABLE: Record<'transaction' | 'declaration', readonly string[]> = {
  transaction: ['submitted', 'in_review'],
  declaration: ['draft', 'submitted', 'accepted', 'released', 'exported'],
};

const targetNotFound = (input: FxAllocationInput) =>
  input.transactionId
    ? transactionErrors.notFound({
        fields: [{ path: '/body/transactionId', message: 'no such transaction of yours' }],
      })
    : declarationErrors.notFound({
        fields: [{ path: '/body/declarationId', message: 'no such declaration of yours' }],
      });

/** The caller's receipt and target, locked in this order (so concurrent allocations cannot deadlock) and checked. */
async function lockPair(tx: DbOrTx, principal: Principal, id: string, input: FxAllocationInput) {
  const receipt = await repository.findReceipt(tx, id, { ownerOrgId: principal.orgId, lock: true });
  if (!receipt) throw fxErrors.notFound();
  const target = await repository.findTarget(tx, input, principal.orgId, true);
  if (!target) throw targetNotFound(input);
  const path = input.transactionId ? '/body/transactionId' : '/body/declarationId';
  if (target.currency !== receipt.currency) {
    throw fxErrors.currencyMismatch({
      detail: `the receipt is in ${receipt.currency}, the ${target.type} in ${target.currency}`,
      fields: [{ path, message: `currency ${target.currency} is not the receipt currency ${receipt.currency}` }],
    });
  }
  if (!ALLOCATABLE[target.type].includes(target.status)) {
    throw fxErrors.targetNotAllocatable({
      detail: `the ${target.type} is ${target.status}`,
      fields: [{ path, message: `a ${target.status} ${target.type} takes no FX receipts` }],
    });
  }
  return { receipt, target };
}
type LockedPair = Awaited<ReturnType<typeof lockPair>>;

/** What is allocated to each side so far; refuses an amount above what is left of either. */
async function checkHeadroom(tx: DbOrTx, { receipt, target }: LockedPair, amount: string) {
  const receiptUsed = await repository.allocatedToReceipt(tx, receipt.id);
  const targetUsed = await repository.allocatedToTarget(tx, target.type, target.id);
  const receiptLeft = new ExactDecimal(receipt.amount).minus(receiptUsed);
  // Money is matched to a sale either on the transaction or on the declaration of its consolidation,
  // never both: what is outstanding is also bounded by the consolidation's goods not yet collected.
  const share = await repository.consolidationShare(tx, target, target.currency);
  const ownLeft = new ExactDecimal(target.total).minus(targetUsed);
  const targetLeft = share ? ExactDecimal.min(ownLeft, new ExactDecimal(share.value).minus(share.allocated)) : ownLeft;
  if (new ExactDecimal(amount).gt(receiptLeft) || new ExactDecimal(amount).gt(targetLeft)) {
    throw fxErrors.overAllocation({
      detail: `the receipt has ${toCents(receiptLeft)} ${receipt.currency} left, the ${target.type} ${toCents(targetLeft)} outstanding; ${amount} requested`,
      fields: [{ path: '/body/amount', message: 'exceeds what is left of the receipt or outstanding on the target' }],
      extra: { receiptUnallocated: toCents(receiptLeft), targetOutstanding: toCents(targetLeft) },
    });
  }
  return { receiptUsed, targetUsed };
}

async function allocate(
  { db, rollups, tolerance }: Core,
  principal: Principal,
  id: string,
  input: FxAllocationInput,
): Promise<FxAllocationResultView> {
  return db.transaction(async (tx) => {
    const pair = await lockPair(tx, principal, id, input);
    const { receipt, target } = pair;
    const { receiptUsed, targetUsed } = await checkHeadroom(tx, pair, input.amount);
    const row = await repository.insertAllocation(tx, {
      receiptId: receipt.id,
      transactionId: input.transactionId ?? null,
      declarationId: input.declarationId ?? null,
      currency: target.currency,
      amount: input.amount,
      createdByKeyId: principal.keyId,
    });
    await rollups.applyFxAllocation(tx, { allocationId: row.id });
    await recordEvents(tx, [
      fxAllocationEvent({
        allocationId: row.id,
        receiptId: receipt.id,
        operatorOrgId: principal.orgId,
        target: { kind: target.type, id: target.id },
        currency: row.currency,
        amount: row.amount,
        flags: [],
        at: row.createdAt,
      }),
    ]);
    const receiptAllocated = toCents(new ExactDecimal(receiptUsed).plus(input.amount));
    return {
      ...allocationView(row),
      target: targetStatus(tolerance, target, toCents(new ExactDecimal(targetUsed).plus(input.amount))),
      receipt: receiptView(receipt, receiptAllocated),
    };
  });
}

/**
 * 收汇 ledger (DOMAIN §3, §10 rule 14): receipts recorded by the operator and allocated to its
 * transactions or declarations with no double use. An allocation locks the receipt, then the
 * target (always in this order, so concurrent allocations cannot deadlock), checks both sums and
 * inserts; the fx_allocations_no_double_use constraint trigger re-checks under the same locks.
 */
export function createFxReceiptsService(deps: FxReceiptsDependencies) {
  const core: Core = {
    ...deps,
    tolerance: deps.tolerance ?? DEFAULT_FX_TOLERANCE,
    now: deps.now ?? (() => new Date()),
  };
  const { db } = core;
  return {
    create: (principal: Principal, input: FxReceiptInput) => create(core, principal, input),
    get: (principal: Principal, id: string) => get(db, principal, id),
    list: (principal: Principal, query: FxReceiptListQuery) => list(db, principal, query),
    allocate: (principal: Principal, id: string, input: FxAllocationInput) => allocate(core, principal, id, input),
    allocations: (principal: Principal, id: string) => allocations(db, principal, id),
  };
}

export type FxReceiptsService = ReturnType<typeof createFxReceiptsService>;
