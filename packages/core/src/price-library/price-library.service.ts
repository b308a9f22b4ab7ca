import type { Db } from '@baigou/db';
import type { Principal } from '../access/access.models';
import type { ExchangeRatesService } from '../exchange-rates/exchange-rates.service';
import type { ReferenceService } from '../reference/reference.service';
import { chinaDate } from '../shared/dates';
import { commonErrors } from '../shared/errors';
import { fetchKeyPage, fetchPage, filterOf, type Page } from '../shared/pagination';
import { createVersionCache, type VersionCache } from './price-library.cache';
import {
  defaultCatalogue,
  defaultMatcherFactory,
  type CatalogueSource,
  type MatcherFactory,
} from './price-library.catalogue';
import { priceLibraryErrors } from './price-library.errors';
import { createMatching } from './price-library.matching';
import { createLearningProposals } from './price-library.learning-proposals';
import { canonicalJson, diffAliases, diffBands, diffCodes, groupBands } from './price-library.models';
import { noConfirmedCodes, type ConfirmedCodes } from './price-library.ports';
import { createProposals } from './price-library.proposals';
import * as repository from './price-library.repository';
import type { ProductTypeQuery, VersionListQuery, VersionView } from './price-library.schemas';
import { productTypeView, versionRef, versionView } from './price-library.views';

export interface PriceLibraryDependencies {
  db: Db;
  reference: ReferenceService;
  exchangeRates: ExchangeRatesService;
  /** The product-type catalogue and its demo bands (default: the one this build carries). */
  catalogue?: CatalogueSource;
  createMatcher?: MatcherFactory;
  /** Trade's confirmed codes, which the alias learning reads (default: none). */
  confirmedCodes?: ConfirmedCodes;
  clock?: () => Date;
  /** Versions kept built in memory (the active one and recent ones replays asked for). */
  cacheCapacity?: number;
}

/** What the version decisions and reads need. */
interface Core {
  db: Db;
  clock: () => Date;
  versions: VersionCache;
}

async function requireVersion(db: Db, id: string, path?: string) {
  const row = await repository.findVersion(db, id);
  if (!row) {
    throw priceLibraryErrors.versionNotFound({
      detail: `version ${id} does not exist`,
      ...(path ? { fields: [{ path, message: 'no such version' }] } : {}),
    });
  }
  return row;
}

async function listVersions(db: Db, query: VersionListQuery): Promise<Page<VersionView>> {
  const filter = filterOf(query);
  return fetchPage(
    query,
    JSON.stringify(['price-library-versions', filter]),
    (after, take) => repository.listVersions(db, filter, after, take),
    versionView,
  );
}

/**
 * Staff approve a proposal: it becomes the active version and the previous active one is
 * superseded, in one transaction. Only a proposal made from the version now active may be
 * approved, so approving cannot silently undo a change approved in between.
 */
async function approve({ db, clock, versions }: Core, principal: Principal, id: string, reason: string | undefined) {
  const now = clock();
  const today = chinaDate(now);
  const approved = await db.transaction(async (tx) => {
    const version = await repository.findVersion(tx, id, { forUpdate: true });
    if (!version) throw priceLibraryErrors.versionNotFound();
    if (version.status !== 'proposed') {
      throw commonErrors.illegalTransition({
        detail: `cannot approve a version that is ${version.status}`,
        extra: { currentStatus: version.status, allowedFrom: ['proposed'] },
      });
    }
    if (version.effectiveFrom > today)
      throw priceLibraryErrors.notYetEffective({
        detail: `version ${version.label} takes effect on ${version.effectiveFrom}`,
      });
    const active = await repository.findActiveVersion(tx, { forUpdate: true });
    if (active && version.baseVersionId !== active.id) {
      throw priceLibraryErrors.baseSuperseded({
        detail: `version ${version.label} was made from another version than the active ${active.label}`,
        extra: { activeVersionId: active.id },
      });
    }
    if (active)
      await repository.updateVersionStatus(tx, active.id, 'active', {
        status: 'superseded',
        effectiveTo: today,
        supersededAt: now,
      });
    const updated = await repository.updateVersionStatus(tx, id, 'proposed', {
      status: 'active',
      decidedAt: now,
      decidedByOrgId: principal.orgId,
      decidedByKeyId: principal.keyId,
      decisionReason: reason ?? null,
    });
    return updated!;
  });
  // Build the new version's matcher now, so the next match does not wait for it.
  void (await versions.get(approved.id)).matcher.size;
  return versionView(approved);
}

async function reject({ db, clock }: Core, principal: Principal, id: string, reason: string | undefined) {
  if (!reason)
    throw commonErrors.validation({
      detail: 'a reason is required to reject',
      fields: [{ path: '/body/reason', message: 'required to reject' }],
    });
  return db.transaction(async (tx) => {
    const version = await repository.findVersion(tx, id, { forUpdate: true });
    if (!version) throw priceLibraryErrors.versionNotFound();
    if (version.status !== 'proposed') {
      throw commonErrors.illegalTransition({
        detail: `cannot reject a version that is ${version.status}`,
        extra: { currentStatus: version.status, allowedFrom: ['proposed'] },
      });
    }
    const updated = await repository.updateVersionStatus(tx, id, 'proposed', {
      status: 'rejected',
      decidedAt: clock(),
      decidedByOrgId: principal.orgId,
      decidedByKeyId: principal.keyId,
      decisionReason: reason,
    });
    return versionView(updated!);
  });
}

/** What changes going from version `fromId` to version `toId`. */
async function diff(db: Db, toId: string, fromId: string) {
  const [to, from] = [await requireVersion(db, toId), await requireVersion(db, fromId, '/querystring/against')];
  const [toTypes, fromTypes, toBands, fromBands] = await Promise.all([
    repository.findProductTypes(db, to.id),
    repository.findProductTypes(db, from.id),
    repository.findBands(db, to.id),
    repository.findBands(db, from.id),
  ]);
  const policies = (row: typeof to) => canonicalJson({ default: row.defaultBandPolicy, byCategory: row.bandPolicies });
  return {
    from: versionRef(from),
    to: versionRef(to),
    productTypes: {
      ...diffCodes(
        fromTypes.map((type) => type.code),
        toTypes.map((type) => type.code),
      ),
      aliasesChanged: diffAliases(fromTypes, toTypes),
    },
    bands: diffBands(fromBands, toBands),
    policiesChanged: policies(from) !== policies(to),
  };
}

/** Product types of the active (or a given) version by text, HS prefix and category, with their bands. */
async function searchProductTypes(db: Db, query: ProductTypeQuery) {
  const { cursor, limit, versionId, ...filter } = query;
  const version = versionId
    ? await requireVersion(db, versionId, '/querystring/versionId')
    : await repository.findActiveVersion(db);
  if (!version) throw priceLibraryErrors.noActiveVersion();
  const page = await fetchKeyPage(
    { cursor, limit },
    JSON.stringify(['product-types', version.id, filter]),
    (afterCode, take) => repository.searchProductTypes(db, version.id, filter, afterCode, take),
    (type) => type.code,
    (type) => type,
  );
  const bands = groupBands(
    await repository.findBands(
      db,
      version.id,
      page.items.map((type) => type.code),
    ),
  );
  return {
    version: versionRef(version),
    items: page.items.map((type) => productTypeView(type, bands.get(type.code) ?? [])),
    nextCursor: page.nextCursor,
  };
}

/**
 * The price library (价格库): versioned product types and reference bands, matching of goods lines
 * with a price check, staff proposals (import, dynamic adjustment) and their approval.
 */
export function createPriceLibraryService(deps: PriceLibraryDependencies) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const versions = createVersionCache({
    db,
    createMatcher: deps.createMatcher ?? defaultMatcherFactory,
    ...(deps.cacheCapacity ? { capacity: deps.cacheCapacity } : {}),
  });
  const shared = { db, reference: deps.reference, exchangeRates: deps.exchangeRates, versions, clock };
  const core: Core = { db, clock, versions };
  const proposals = createProposals({ ...shared, catalogue: deps.catalogue ?? defaultCatalogue });
  return {
    ...createMatching(shared),
    ...proposals,
    ...createLearningProposals({
      ...shared,
      confirmedCodes: deps.confirmedCodes ?? noConfirmedCodes,
      createMatcher: deps.createMatcher ?? defaultMatcherFactory,
      proposals,
    }),
    listVersions: (query: VersionListQuery) => listVersions(db, query),
    getVersion: async (id: string) => versionView(await requireVersion(db, id)),
    approve: (principal: Principal, id: string, reason: string | undefined) => approve(core, principal, id, reason),
    reject: (principal: Principal, id: string, reason: string | undefined) => reject(core, principal, id, reason),
    diff: (toId: string, fromId: string) => diff(db, toId, fromId),
    searchProductTypes: (query: ProductTypeQuery) => searchProductTypes(db, query),
  };
}

export type PriceLibraryService = ReturnType<typeof createPriceLibraryService>;
