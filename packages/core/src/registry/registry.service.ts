import type { Db, DbOrTx } from '@baigou/db';
import type { Principal } from '../access/access.models';
import { fetchTenantPage, tenantScope } from '../access/tenant-scope';
import type { ReferenceService } from '../reference/reference.service';
import { commonErrors } from '../shared/errors';
import { writeOutbox } from '../shared/outbox';
import { partyRegistrationEvent } from '../provenance/epcis.events';
import { recordEvents } from '../provenance/provenance.events';
import type { Page } from '../shared/pagination';
import { registryErrors } from './registry.errors';
import { decisionRules, maskPersonalId, type Decision, type PartyStatus, type PartyType } from './registry.models';
import * as repository from './registry.repository';
import type {
  MerchantRegistration,
  MerchantView,
  OperatorRegistration,
  OperatorView,
  PurchaserView,
  PartyListQuery,
  PurchaserRegistration,
} from './registry.schemas';
import { merchantView, operatorView, purchaserView } from './registry.views';

type Views = { operator: OperatorView; merchant: MerchantView; purchaser: PurchaserView };
type View<T extends PartyType> = Views[T];
const views: { [K in PartyType]: (row: repository.PartyRow[K]) => View<K> } = {
  operator: operatorView,
  merchant: merchantView,
  purchaser: purchaserView,
};

function toView<T extends PartyType>(type: T, row: repository.PartyRow[T]): View<T> {
  return views[type](row);
}

/**
 * How the provenance log names a party: the USCC of a firm (public), a natural person's ID number
 * masked (an immutable, exported log must not carry it whole; the register keeps it).
 */
function partyIdentifier(row: repository.PartyRow[PartyType]): string | null {
  if ('idNumber' in row) return `${row.idType}:${maskPersonalId(row.idNumber)}`;
  if ('residentId' in row && !row.uscc) return row.residentId ? maskPersonalId(row.residentId) : null;
  return row.uscc ?? null;
}

/** The provenance event of a party's registration or of a decision on it, in its new state. */
function partyEvent(
  type: PartyType,
  row: repository.PartyRow[PartyType],
  change: { fromStatus: string | null; reason: string | null; actorOrgId: string },
) {
  return partyRegistrationEvent({
    type,
    id: row.id,
    name: 'name' in row ? row.name : row.nameZh,
    identifier: partyIdentifier(row),
    fromStatus: change.fromStatus,
    toStatus: row.status,
    reason: change.reason,
    actorOrgId: change.actorOrgId,
    at: row.updatedAt,
  });
}

export interface RegistryDependencies {
  db: Db;
  reference: ReferenceService;
}

async function recordSubmission<T extends PartyType>(
  tx: DbOrTx,
  type: T,
  row: repository.PartyRow[T],
  principal: Principal,
) {
  await repository.appendHistory(tx, {
    partyType: type,
    partyId: row.id,
    fromStatus: null,
    toStatus: 'submitted',
    actorOrgId: principal.orgId,
    actorKeyId: principal.keyId,
  });
  await recordEvents(tx, [partyEvent(type, row, { fromStatus: null, reason: null, actorOrgId: principal.orgId })]);
}

async function requireActiveOperator(db: Db, principal: Principal) {
  const operator = await repository.findOperatorByOrg(db, principal.orgId);
  if (!operator || operator.status === 'rejected' || operator.status === 'suspended') {
    throw registryErrors.operatorNotRegistered();
  }
}

async function registerOperator(db: Db, principal: Principal, input: OperatorRegistration) {
  return db.transaction(async (tx) => {
    const row = await repository.insertParty(tx, 'operator', {
      ...input,
      contactEmail: input.contactEmail ?? null,
      orgId: principal.orgId,
    });
    await recordSubmission(tx, 'operator', row, principal);
    return operatorView(row);
  });
}

async function registerMerchant(
  { db, reference }: RegistryDependencies,
  principal: Principal,
  input: MerchantRegistration,
) {
  await requireActiveOperator(db, principal);
  await reference.assertCodes(
    input.goodsCategories.map((chapter, index) => ({
      list: 'hs_chapter' as const,
      code: chapter,
      path: `/body/goodsCategories/${index}`,
    })),
  );
  const { fxAccount, ...merchant } = input;
  return db.transaction(async (tx) => {
    const row = await repository.insertParty(tx, 'merchant', {
      ...merchant,
      uscc: merchant.uscc ?? null,
      residentId: merchant.residentId ?? null,
      nameEn: merchant.nameEn ?? null,
      goodsCategories: [...new Set(merchant.goodsCategories)],
      operatorOrgId: principal.orgId,
      fxBankName: fxAccount.bankName,
      fxAccountName: fxAccount.accountName,
      fxAccountNo: fxAccount.accountNo,
    });
    await recordSubmission(tx, 'merchant', row, principal);
    return merchantView(row);
  });
}

async function registerPurchaser(
  { db, reference }: RegistryDependencies,
  principal: Principal,
  input: PurchaserRegistration,
) {
  await requireActiveOperator(db, principal);
  await reference.assertCodes([{ list: 'country', code: input.countryCode, path: '/body/countryCode' }]);
  return db.transaction(async (tx) => {
    const row = await repository.insertParty(tx, 'purchaser', {
      ...input,
      contactPhone: input.contactPhone ?? null,
      contactEmail: input.contactEmail ?? null,
      address: input.address ?? null,
      operatorOrgId: principal.orgId,
    });
    await recordSubmission(tx, 'purchaser', row, principal);
    return purchaserView(row);
  });
}

async function get<T extends PartyType>(db: Db, principal: Principal, type: T, id: string): Promise<View<T>> {
  const row = await repository.findParty(db, type, id, tenantScope(principal));
  if (!row) throw registryErrors.notFound();
  return toView(type, row);
}

async function list<T extends PartyType>(
  db: Db,
  principal: Principal,
  type: T,
  query: PartyListQuery,
): Promise<Page<View<T>>> {
  return fetchTenantPage(
    principal,
    type,
    query,
    (filter, after, take) => repository.findParties(db, type, filter, after, take),
    (row) => toView(type, row),
  );
}

async function decide<T extends PartyType>(
  db: Db,
  principal: Principal,
  type: T,
  id: string,
  decision: Decision,
  reason: string | undefined,
): Promise<View<T>> {
  const rule = decisionRules[decision];
  if (rule.reasonRequired && !reason) {
    throw commonErrors.validation({
      detail: `a reason is required to ${decision}`,
      fields: [{ path: '/body/reason', message: `required to ${decision}` }],
    });
  }
  return db.transaction(async (tx) => {
    const current = await repository.findParty(tx, type, id);
    if (!current) throw registryErrors.notFound();
    if (!rule.from.includes(current.status)) {
      throw commonErrors.illegalTransition({
        detail: `cannot ${decision} a ${type} that is ${current.status}`,
        extra: { currentStatus: current.status, allowedFrom: rule.from },
      });
    }
    const updated = await repository.updateStatus(tx, type, id, current.status, rule.to, reason ?? null);
    if (!updated) {
      throw commonErrors.illegalTransition({ detail: `the ${type} changed status concurrently; reload and retry` });
    }
    await recordDecision(tx, principal, type, current, updated, reason);
    return toView(type, updated);
  });
}

async function recordDecision<T extends PartyType>(
  tx: DbOrTx,
  principal: Principal,
  type: T,
  before: repository.PartyRow[T],
  after: repository.PartyRow[T],
  reason: string | undefined,
) {
  await repository.appendHistory(tx, {
    partyType: type,
    partyId: after.id,
    fromStatus: before.status,
    toStatus: after.status,
    reason: reason ?? null,
    actorOrgId: principal.orgId,
    actorKeyId: principal.keyId,
  });
  await writeOutbox(
    tx,
    'registry.decision-notify',
    {
      recipientOrgId: 'orgId' in after ? after.orgId : after.operatorOrgId,
      partyType: type,
      partyId: after.id,
      partyName: 'name' in after ? after.name : after.nameZh,
      fromStatus: before.status,
      toStatus: after.status,
      reason: reason ?? null,
      decidedAt: after.updatedAt.toISOString(),
    },
    // One notification per (party, version): a retried decision cannot notify twice.
    `registry.decision:${type}:${after.id}:${after.version}`,
  );
  await recordEvents(tx, [
    partyEvent(type, after, { fromStatus: before.status, reason: reason ?? null, actorOrgId: principal.orgId }),
  ]);
}

async function history(db: Db, principal: Principal, type: PartyType, id: string) {
  if (!(await repository.findParty(db, type, id, tenantScope(principal)))) throw registryErrors.notFound();
  const entries = await repository.findHistory(db, type, id);
  return entries.map((entry) => ({
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    reason: entry.reason,
    actorOrgId: entry.actorOrgId,
    at: entry.createdAt.toISOString(),
  }));
}

/** For later contexts (transactions, receipts): the party must exist, be visible and be approved. */
async function requireApproved<T extends PartyType>(
  db: Db,
  principal: Principal,
  type: T,
  id: string,
): Promise<View<T>> {
  const party = await get(db, principal, type, id);
  if ((party.status as PartyStatus) !== 'approved') {
    throw registryErrors.notApproved({ detail: `${type} ${id} is ${party.status}` });
  }
  return party;
}

/** The operator registration an organisation carries, if it registered. */
async function operatorOf(db: Db, orgId: string): Promise<OperatorView | null> {
  const row = await repository.findOperatorByOrg(db, orgId);
  return row ? operatorView(row) : null;
}

/** For the trade contexts: the caller's organisation must hold an approved operator registration. */
async function requireApprovedOperator(db: Db, principal: Principal): Promise<OperatorView> {
  const operator = await operatorOf(db, principal.orgId);
  if (!operator || operator.status !== 'approved') {
    throw registryErrors.operatorNotApproved({
      detail: operator
        ? `your operator registration is ${operator.status}`
        : 'your organisation has no operator registration (POST /v1/operators)',
    });
  }
  return operator;
}

export function createRegistryService(deps: RegistryDependencies) {
  const { db } = deps;
  return {
    registerOperator: (principal: Principal, input: OperatorRegistration) => registerOperator(db, principal, input),
    registerMerchant: (principal: Principal, input: MerchantRegistration) => registerMerchant(deps, principal, input),
    registerPurchaser: (principal: Principal, input: PurchaserRegistration) =>
      registerPurchaser(deps, principal, input),
    get: <T extends PartyType>(principal: Principal, type: T, id: string) => get(db, principal, type, id),
    list: <T extends PartyType>(principal: Principal, type: T, query: PartyListQuery) =>
      list(db, principal, type, query),
    decide: <T extends PartyType>(
      principal: Principal,
      type: T,
      id: string,
      decision: Decision,
      reason: string | undefined,
    ) => decide(db, principal, type, id, decision, reason),
    history: (principal: Principal, type: PartyType, id: string) => history(db, principal, type, id),
    /** For later contexts (transactions, receipts): the party must exist, be visible and be approved. */
    requireApproved: <T extends PartyType>(principal: Principal, type: T, id: string) =>
      requireApproved(db, principal, type, id),
    /** For the trade contexts: the caller's organisation must hold an approved operator registration. */
    requireApprovedOperator: (principal: Principal) => requireApprovedOperator(db, principal),
    /** The operator registration an organisation carries, if it registered. */
    operatorOf: (orgId: string) => operatorOf(db, orgId),
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
