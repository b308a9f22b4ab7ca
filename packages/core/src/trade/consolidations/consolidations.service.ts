import type { Db, DbOrTx } from '@baigou/db';
import type { Principal } from '../../access/access.models';
import { fetchTenantPage, tenantScope } from '../../access/tenant-scope';
import { consolidationEvents } from '../../provenance/epcis.events';
import { recordEvents } from '../../provenance/provenance.events';
import type { ReferenceService } from '../../reference/reference.service';
import type { RegistryService } from '../../registry/registry.service';
import { ClientRefTaken } from '../../shared/constraints';
import type { Page } from '../../shared/pagination';
import { consolidationErrors } from './consolidations.errors';
import * as repository from './consolidations.repository';
import type {
  ConsolidationInput,
  ConsolidationListQuery,
  ConsolidationSummaryView,
  ConsolidationView,
} from './consolidations.schemas';
import { consolidationSummaryView, consolidationView } from './consolidations.views';
import { transactionErrors } from '../transactions/transactions.errors';
import { roundHalfUp, sumExact } from '../../shared/money';

export interface ConsolidationsDependencies {
  db: Db;
  reference: ReferenceService;
  registry: RegistryService;
}

const sumWeights = (weights: readonly string[]) => roundHalfUp(sumExact(weights), 3);

/** Totals of a consolidation: the sums over its transactions (DOMAIN §10 rule 9); values per currency. */
export function consolidationTotals(
  members: readonly { currency: string; totalAmount: string; lineCount: number }[],
  packing: readonly { cartons: number; grossWeightKg: string; netWeightKg: string }[],
) {
  const byCurrency = new Map<string, string[]>();
  for (const member of members)
    byCurrency.set(member.currency, [...(byCurrency.get(member.currency) ?? []), member.totalAmount]);
  return {
    lineCount: members.reduce((total, member) => total + member.lineCount, 0),
    totalCartons: packing.reduce((total, entry) => total + entry.cartons, 0),
    totalGrossWeightKg: sumWeights(packing.map((entry) => entry.grossWeightKg)),
    totalNetWeightKg: sumWeights(packing.map((entry) => entry.netWeightKg)),
    valueTotals: Object.fromEntries(
      [...byCurrency.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([currency, amounts]) => [currency, sumExact(amounts)]),
    ),
  };
}

function refuseClientRef(existing: repository.ConsolidationRow): never {
  throw consolidationErrors.clientRefReused({
    detail: `clientRef ${existing.clientRef} is consolidation ${existing.id}`,
    fields: [{ path: '/body/clientRef', message: 'already used for another consolidation' }],
    extra: { consolidationId: existing.id },
  });
}

/**
 * The caller's transactions, locked in id order, in request order; refused when one is not the
 * caller's, not submitted, or already consolidated.
 */
async function lockMembers(tx: DbOrTx, principal: Principal, transactionIds: readonly string[]) {
  const locked = await repository.lockTransactions(tx, transactionIds);
  const byId = new Map(locked.filter((row) => row.operatorOrgId === principal.orgId).map((row) => [row.id, row]));
  const missing = transactionIds.flatMap((transactionId, index) => (byId.has(transactionId) ? [] : [index]));
  if (missing.length) {
    throw transactionErrors.notFound({
      fields: missing.map((index) => ({
        path: `/body/transactionIds/${index}`,
        message: 'no such transaction of yours',
      })),
    });
  }
  const members = transactionIds.map((transactionId) => byId.get(transactionId)!);
  const notSubmitted = members.flatMap((row, index) => (row.status === 'submitted' ? [] : [index]));
  if (notSubmitted.length) {
    throw consolidationErrors.transactionNotConsolidatable({
      fields: notSubmitted.map((index) => ({
        path: `/body/transactionIds/${index}`,
        message: `transaction ${members[index]!.tradingNo} is ${members[index]!.status}`,
      })),
    });
  }
  const consolidated = new Set(await repository.consolidatedAmong(tx, transactionIds));
  if (consolidated.size) {
    throw consolidationErrors.alreadyConsolidated({
      fields: members.flatMap((member, index) =>
        consolidated.has(member.id)
          ? [
              {
                path: `/body/transactionIds/${index}`,
                message: `transaction ${member.tradingNo} is already consolidated`,
              },
            ]
          : [],
      ),
    });
  }
  return members;
}
type Member = Awaited<ReturnType<typeof lockMembers>>[number];

/** Writes the consolidation, its members, containers and line marks, and its provenance events. */
async function write(
  tx: DbOrTx,
  principal: Principal,
  operatorId: string,
  input: ConsolidationInput,
  members: readonly Member[],
): Promise<string> {
  const packing = new Map(input.packing.map((entry) => [entry.transactionId, entry]));
  const totals = consolidationTotals(members, input.packing);
  const row = await repository.insertConsolidation(tx, {
    operatorOrgId: principal.orgId,
    operatorId,
    clientRef: input.clientRef,
    destinationCountry: input.destinationCountry,
    transportMode: input.transportMode,
    chinaEuropeRail: input.chinaEuropeRail,
    exitPort: input.exitPort,
    transactionCount: members.length,
    ...totals,
    createdByKeyId: principal.keyId,
  });
  const packed = members.map((member) => {
    const { cartons, grossWeightKg, netWeightKg } = packing.get(member.id)!;
    return { member, cartons, grossWeightKg, netWeightKg };
  });
  await repository.insertMembers(
    tx,
    packed.map(({ member, ...entry }) => ({ consolidationId: row.id, transactionId: member.id, ...entry })),
  );
  await repository.insertContainers(
    tx,
    input.containers.map((container, position) => ({ consolidationId: row.id, position, ...container })),
  );
  const marked = await repository.markLines(tx, row.id, input.transactionIds);
  if (marked.length !== totals.lineCount)
    throw consolidationErrors.alreadyConsolidated({ detail: 'some lines were consolidated concurrently' });
  const order = new Map(input.transactionIds.map((transactionId, index) => [transactionId, index]));
  marked.sort((a, b) => order.get(a.transactionId)! - order.get(b.transactionId)! || a.lineNo - b.lineNo);
  await recordEvents(
    tx,
    consolidationEvents({
      id: row.id,
      operatorOrgId: principal.orgId,
      destinationCountry: row.destinationCountry,
      transportMode: row.transportMode,
      chinaEuropeRail: row.chinaEuropeRail,
      exitPort: row.exitPort,
      totals: {
        cartons: totals.totalCartons,
        grossWeightKg: totals.totalGrossWeightKg,
        netWeightKg: totals.totalNetWeightKg,
        value: totals.valueTotals,
      },
      members: packed.map(({ member, ...entry }) => ({
        transactionId: member.id,
        tradingNo: member.tradingNo,
        merchantId: member.merchantId,
        purchaserId: member.purchaserId,
        ...entry,
      })),
      lines: marked,
      containers: input.containers,
      at: row.createdAt,
    }),
  );
  return row.id;
}

async function create(
  { db, reference, registry }: ConsolidationsDependencies,
  principal: Principal,
  input: ConsolidationInput,
): Promise<ConsolidationView> {
  const operator = await registry.requireApprovedOperator(principal);
  const existing = await repository.findByClientRef(db, principal.orgId, input.clientRef);
  if (existing) refuseClientRef(existing);
  await reference.assertCodes([
    { list: 'country', code: input.destinationCountry, path: '/body/destinationCountry' },
    { list: 'transport_mode', code: input.transportMode, path: '/body/transportMode' },
    ...input.containers.map((container, index) => ({
      list: 'container_type' as const,
      code: container.type,
      path: `/body/containers/${index}/type`,
    })),
  ]);
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const members = await lockMembers(tx, principal, input.transactionIds);
      return write(tx, principal, operator.id, input, members);
    });
  } catch (error) {
    if (error instanceof ClientRefTaken) {
      const winner = await repository.findByClientRef(db, principal.orgId, input.clientRef);
      if (winner) refuseClientRef(winner);
    }
    throw error;
  }
  return get(db, principal, id);
}

async function get(db: Db, principal: Principal, id: string): Promise<ConsolidationView> {
  const row = await repository.findConsolidation(db, id, { ownerOrgId: tenantScope(principal) });
  if (!row) throw consolidationErrors.notFound();
  return consolidationView(row, await repository.findDetails(db, id));
}

async function list(
  db: Db,
  principal: Principal,
  query: ConsolidationListQuery,
): Promise<Page<ConsolidationSummaryView>> {
  return fetchTenantPage(
    principal,
    'consolidations',
    query,
    (filter, after, take) => repository.listConsolidations(db, filter, after, take),
    consolidationSummaryView,
  );
}

/**
 * 组货: an operator groups its submitted transactions bound for one destination country into a
 * consolidation order with containers and packing. Every line of those transactions is marked
 * with the consolidation, once: the transactions are locked in id order, a consolidated line
 * refuses the request (409), a transaction can be a member of one consolidation only (unique
 * constraint), and the line trigger refuses any change of a line's consolidation once set.
 */
export function createConsolidationsService(deps: ConsolidationsDependencies) {
  return {
    create: (principal: Principal, input: ConsolidationInput) => create(deps, principal, input),
    get: (principal: Principal, id: string) => get(deps.db, principal, id),
    list: (principal: Principal, query: ConsolidationListQuery) => list(deps.db, principal, query),
  };
}

export type ConsolidationsService = ReturnType<typeof createConsolidationsService>;
