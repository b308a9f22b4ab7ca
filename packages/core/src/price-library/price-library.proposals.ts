import { createHash, randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import type { ExchangeRatesService } from '../exchange-rates/exchange-rates.service';
import type { ReferenceService } from '../reference/reference.service';
import { commonErrors } from '../shared/errors';
import { addDays, chinaDate, monthOf } from '../shared/dates';
import type { VersionCache } from './price-library.cache';
import { type CatalogueSource, currentTitleModelId, type DemoBand, type ProductType } from './price-library.catalogue';
import { priceLibraryErrors } from './price-library.errors';
import { checkPriceList, readPriceList, type ImportFormat } from './price-library.import';
import {
  adjustBands,
  bandKey,
  initialBandPolicies,
  type Band,
  type BandPolicies,
  type LoadedVersion,
} from './price-library.models';
import * as repository from './price-library.repository';
import { ProposalTaken } from './price-library.repository';
import type { BandPoliciesInput } from './price-library.schemas';
import { versionView } from './price-library.views';

export const SEED_LABEL = 'demo-1';
const SEED_NOTE =
  'Demo reference bands, generated deterministically from the catalogue: no open price data exists. ' +
  'Replace them by a staff price-list import or by the dynamic adjustment from accepted transactions.';

export type AdjustOutcome = 'proposed' | 'already-proposed' | 'no-change';

export interface ImportInput {
  filename: string;
  format: ImportFormat;
  content: Buffer;
  effectiveFrom?: string | undefined;
  label?: string | undefined;
  bandPolicies?: BandPoliciesInput | undefined;
  /** Where the list came in, kept in the version summary. */
  via: 'api' | 'cli';
}

export interface CatalogueVersionInput {
  types: readonly ProductType[];
  bands: readonly DemoBand[];
  label?: string | undefined;
}

export interface ProposalDependencies {
  db: Db;
  reference: ReferenceService;
  exchangeRates: ExchangeRatesService;
  versions: VersionCache;
  catalogue: CatalogueSource;
  clock: () => Date;
}

export interface AdjustmentInput {
  asOf?: string | undefined;
  windowDays: number;
  minSampleSize: number;
}

const toBand = (band: DemoBand): Band => ({
  productTypeCode: band.productTypeCode,
  unit: band.unit,
  currency: band.currency,
  median: band.median,
  q1: band.q1,
  q3: band.q3,
  sampleSize: band.sampleSize,
  windowFrom: band.windowFrom,
  windowTo: band.windowTo,
  source: band.source,
});

/** The window a scheduled run covers ends the day before its firing, in China (the last day of the month before). */
export const scheduledAdjustmentAsOf = (firedAt: Date) => addDays(chinaDate(firedAt), -1);

const allBands = (version: LoadedVersion) => [...version.bands.values()].flat();

const adjustmentRef = (asOf: string) => `adjustment:${asOf}`;

function mergePolicies(base: BandPolicies, input: BandPoliciesInput | undefined): BandPolicies {
  return { default: input?.default ?? base.default, byCategory: input?.byCategory ?? base.byCategory };
}

async function requireActive(tx: DbOrTx) {
  const active = await repository.findActiveVersion(tx);
  if (!active) throw priceLibraryErrors.noActiveVersion();
  return active;
}

async function insertProposal(
  tx: DbOrTx,
  args: {
    principal: Principal | null;
    base: LoadedVersion;
    label: string;
    source: 'import' | 'adjustment' | 'catalogue';
    demo: boolean;
    effectiveFrom: string;
    policies: BandPolicies;
    sourceRef?: string;
    summary: Record<string, unknown>;
    types: readonly ProductType[];
    bands: readonly Band[];
  },
) {
  return repository.insertVersion(
    tx,
    {
      label: args.label,
      status: 'proposed',
      source: args.source,
      demo: args.demo,
      effectiveFrom: args.effectiveFrom,
      bandPolicies: args.policies.byCategory,
      defaultBandPolicy: args.policies.default,
      baseVersionId: args.base.id,
      sourceRef: args.sourceRef ?? null,
      summary: { ...args.summary, titleModel: currentTitleModelId() },
      productTypeCount: args.types.length,
      bandCount: args.bands.length,
      createdByOrgId: args.principal?.orgId ?? null,
      createdByKeyId: args.principal?.keyId ?? null,
    },
    args.types,
    args.bands,
  );
}

/**
 * On a database without any version: the demo version `demo-1`, active at once, from the
 * catalogue and its deterministic demo bands. Safe to call from every process at start-up.
 */
async function ensureSeedVersion({
  db,
  catalogue,
  clock,
}: ProposalDependencies): Promise<{ outcome: 'created' | 'exists' }> {
  if ((await repository.countVersions(db)) > 0) return { outcome: 'exists' };
  return db.transaction(async (tx) => {
    // Processes starting together queue here; the first seeds, the rest find its version.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('price_library.seed'))`);
    if ((await repository.countVersions(tx)) > 0) return { outcome: 'exists' as const };
    const types = catalogue.loadCatalogue();
    const bands = catalogue.demoReferenceBands(types).map(toBand);
    const now = clock();
    await repository.insertVersion(
      tx,
      {
        label: SEED_LABEL,
        status: 'active',
        source: 'seed-demo',
        demo: true,
        effectiveFrom: chinaDate(now),
        bandPolicies: initialBandPolicies.byCategory,
        defaultBandPolicy: initialBandPolicies.default,
        summary: {
          note: SEED_NOTE,
          productTypes: types.length,
          bands: bands.length,
          titleModel: currentTitleModelId(),
        },
        productTypeCount: types.length,
        bandCount: bands.length,
        decidedAt: now,
        decisionReason: 'demo seed at installation',
      },
      types,
      bands,
    );
    return { outcome: 'created' as const };
  });
}

/**
 * A staff price list: every row checked against the active version and the official code
 * lists; all valid → one proposed version with the listed bands replacing or adding to the
 * active ones; any invalid → a report of every bad row, and nothing is written.
 */
async function importPriceList(
  { db, reference, versions, clock }: ProposalDependencies,
  principal: Principal | null,
  input: ImportInput,
  onProgress?: (checked: number, total: number) => void,
) {
  const table = await readPriceList(input.content, input.format);
  const active = await requireActive(db);
  const base = await versions.get(active.id);
  const effectiveFrom = input.effectiveFrom ?? chinaDate(clock());
  const [units, currencies] = await Promise.all([reference.list('unit'), reference.list('currency')]);
  const unitCodes = new Set(units.codes.map((code) => code.code));
  const currencyCodes = new Set(currencies.codes.map((code) => code.code));
  const checked = checkPriceList(
    table,
    {
      types: base.types,
      isOfficialUnit: (code) => unitCodes.has(code),
      isKnownCurrency: (code) => currencyCodes.has(code),
      effectiveFrom,
      defaultSource: `import: ${input.filename}`,
    },
    onProgress,
  );
  if (checked.reports.length) {
    throw priceLibraryErrors.importRejected({
      detail: `${checked.reports.length} of ${table.rows.length} rows are invalid; nothing was imported`,
      extra: { rows: checked.reports },
    });
  }
  const listed = new Map(checked.bands.map((band) => [bandKey(band), band]));
  const baseBands = allBands(base);
  const bands = [...baseBands.filter((band) => !listed.has(bandKey(band))), ...checked.bands];
  const bandsReplaced = baseBands.length + checked.bands.length - bands.length;
  const row = await insertProposal(db, {
    principal,
    base,
    label: input.label ?? `import-${effectiveFrom}-${randomUUID().slice(0, 8)}`,
    source: 'import',
    // Bands the list does not cover are carried over; from a demo version they are still demo values.
    demo: active.demo && bandsReplaced < baseBands.length,
    effectiveFrom,
    policies: mergePolicies(base.policies, input.bandPolicies),
    summary: {
      filename: input.filename,
      format: input.format,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      rows: table.rows.length,
      bandsReplaced,
      bandsAdded: checked.bands.length - bandsReplaced,
      via: input.via,
    },
    types: [...base.types.values()],
    bands,
  });
  return {
    version: versionView(row),
    rows: table.rows.length,
    bandsReplaced,
    bandsAdded: checked.bands.length - bandsReplaced,
  };
}

/** The window's bands recomputed from observations; `null` when no band would change. */
async function computeAdjustment(
  { db, exchangeRates, versions }: ProposalDependencies,
  input: AdjustmentInput & { asOf: string },
) {
  const active = await requireActive(db);
  const base = await versions.get(active.id);
  const windowFrom = addDays(input.asOf, -(input.windowDays - 1));
  const observations = await repository.findObservations(db, windowFrom, input.asOf);
  const rates = await exchangeRates.ratesFor(observations.map((observation) => monthOf(observation.observedOn)));
  const adjusted = adjustBands({
    types: [...base.types.values()],
    bands: allBands(base),
    observations,
    rates,
    parameters: { windowFrom, windowTo: input.asOf, minSampleSize: input.minSampleSize },
  });
  if (adjusted.recomputed + adjusted.added === 0) return null;
  const { bands, ...counts } = adjusted;
  return {
    active,
    base,
    bands,
    summary: {
      asOf: input.asOf,
      windowDays: input.windowDays,
      windowFrom,
      windowTo: input.asOf,
      minSampleSize: input.minSampleSize,
      trimming: 'Tukey fences: observations outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR] dropped, one pass',
      bandsRecomputed: counts.recomputed,
      bandsKept: counts.kept,
      bandsAdded: counts.added,
      observationsInWindow: observations.length,
      observationsUsed: counts.observationsUsed,
      observationsTrimmed: counts.observationsTrimmed,
      observationsUnconvertible: counts.observationsUnconvertible,
    },
    kept: counts.kept,
  };
}

async function insertAdjustment(
  tx: DbOrTx,
  principal: Principal | null,
  computed: NonNullable<Awaited<ReturnType<typeof computeAdjustment>>>,
) {
  const asOf = computed.summary.asOf;
  return insertProposal(tx, {
    principal,
    base: computed.base,
    label: `adjustment-${asOf}`,
    source: 'adjustment',
    demo: computed.active.demo && computed.kept > 0,
    effectiveFrom: addDays(asOf, 1),
    policies: computed.base.policies,
    sourceRef: adjustmentRef(asOf),
    summary: computed.summary,
    types: [...computed.base.types.values()],
    bands: computed.bands,
  });
}

function resolveAsOf(clock: () => Date, asOf: string | undefined): string {
  const today = chinaDate(clock());
  const resolved = asOf ?? addDays(today, -1);
  if (resolved >= today) {
    throw commonErrors.validation({
      detail: 'asOf must be a past day: the window ends on a complete day',
      fields: [{ path: '/body/asOf', message: `must be before ${today}` }],
    });
  }
  return resolved;
}

/** Staff: propose an adjustment now. One proposal per asOf date. */
async function proposeAdjustment(deps: ProposalDependencies, principal: Principal | null, input: AdjustmentInput) {
  const { db } = deps;
  const asOf = resolveAsOf(deps.clock, input.asOf);
  const existing = await repository.findVersionBySourceRef(db, adjustmentRef(asOf));
  if (existing)
    throw priceLibraryErrors.adjustmentExists({
      detail: `version ${existing.label} was proposed as of ${asOf}`,
      extra: { versionId: existing.id },
    });
  const computed = await computeAdjustment(deps, { ...input, asOf });
  if (!computed)
    throw priceLibraryErrors.adjustmentNoChange({
      detail: `no band has ${input.minSampleSize} usable observations between ${addDays(asOf, -(input.windowDays - 1))} and ${asOf}`,
    });
  try {
    return versionView(await insertAdjustment(db, principal, computed));
  } catch (error) {
    if (!(error instanceof ProposalTaken)) throw error;
    throw priceLibraryErrors.adjustmentExists({
      detail: `an adjustment as of ${asOf} was proposed concurrently`,
      cause: error.cause,
    });
  }
}

/**
 * The scheduled job: exactly one effect per asOf date. The processed_jobs key is claimed in the
 * transaction that writes the proposal (or records that nothing changed), so a redelivered job,
 * a rerun or a concurrent copy finds the claim and changes nothing.
 */
async function runScheduledAdjustment(
  deps: ProposalDependencies,
  input: AdjustmentInput & { asOf: string },
): Promise<AdjustOutcome> {
  const { db } = deps;
  const jobKey = `price-library.adjust:${input.asOf}`;
  const existing = await repository.findVersionBySourceRef(db, adjustmentRef(input.asOf));
  if (existing) {
    if (existing.summary.windowDays !== input.windowDays) {
      throw priceLibraryErrors.jobKeyReused({
        detail: `the adjustment as of ${input.asOf} used a ${String(existing.summary.windowDays)}-day window`,
        extra: { jobKey },
      });
    }
    return 'already-proposed';
  }
  const claimed = await repository.findProcessedJob(db, jobKey);
  if (claimed) return claimed.outcome === 'proposed' ? 'already-proposed' : 'no-change';
  const computed = await computeAdjustment(deps, input);
  try {
    return await db.transaction(async (tx) => {
      const outcome: AdjustOutcome = computed ? 'proposed' : 'no-change';
      await repository.claimAdjustmentJob(tx, jobKey, outcome);
      if (computed) await insertAdjustment(tx, null, computed);
      return outcome;
    });
  } catch (error) {
    // A concurrent copy of the job (or a staff proposal for the same date) committed first.
    if (error instanceof ProposalTaken) return 'already-proposed';
    throw error;
  }
}

/**
 * A proposed version with a new product-type list (a catalogue release): bands of types that
 * stay are carried over; new types get the given bands (e.g. the catalogue's demo bands).
 */
async function proposeCatalogueVersion(
  { db, versions, clock }: ProposalDependencies,
  principal: Principal | null,
  input: CatalogueVersionInput,
) {
  const active = await requireActive(db);
  const base = await versions.get(active.id);
  const codes = new Set(input.types.map((type) => type.code));
  const carried = allBands(base).filter((band) => codes.has(band.productTypeCode));
  const covered = new Set(carried.map((band) => band.productTypeCode));
  const added = input.bands
    .map(toBand)
    .filter((band) => codes.has(band.productTypeCode) && !covered.has(band.productTypeCode));
  const row = await insertProposal(db, {
    principal,
    base,
    label: input.label ?? `catalogue-${chinaDate(clock())}-${randomUUID().slice(0, 8)}`,
    source: 'catalogue',
    demo: active.demo || added.length > 0,
    effectiveFrom: chinaDate(clock()),
    policies: base.policies,
    summary: {
      productTypes: input.types.length,
      productTypesAdded: [...codes].filter((code) => !base.types.has(code)).length,
      productTypesRemoved: [...base.types.keys()].filter((code) => !codes.has(code)).length,
      bandsCarried: carried.length,
      bandsAdded: added.length,
    },
    types: input.types,
    bands: [...carried, ...added],
  });
  return versionView(row);
}

/** The catalogue this build carries, proposed as a new version. */
async function proposeCatalogueRefresh(deps: ProposalDependencies, principal: Principal | null) {
  const types = deps.catalogue.loadCatalogue();
  return proposeCatalogueVersion(deps, principal, { types, bands: deps.catalogue.demoReferenceBands(types) });
}

/**
 * Everything that creates a version: the demo seed, staff imports, the dynamic adjustment and
 * catalogue refreshes. Each proposal is a complete snapshot derived from the active version.
 */
export function createProposals(deps: ProposalDependencies) {
  return {
    ensureSeedVersion: () => ensureSeedVersion(deps),
    importPriceList: (
      principal: Principal | null,
      input: ImportInput,
      onProgress?: (checked: number, total: number) => void,
    ) => importPriceList(deps, principal, input, onProgress),
    proposeAdjustment: (principal: Principal | null, input: AdjustmentInput) =>
      proposeAdjustment(deps, principal, input),
    runScheduledAdjustment: (input: AdjustmentInput & { asOf: string }) => runScheduledAdjustment(deps, input),
    proposeCatalogueVersion: (principal: Principal | null, input: CatalogueVersionInput) =>
      proposeCatalogueVersion(deps, principal, input),
    proposeCatalogueRefresh: (principal: Principal | null) => proposeCatalogueRefresh(deps, principal),
  };
}
