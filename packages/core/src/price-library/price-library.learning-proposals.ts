import { randomUUID } from 'node:crypto';
import type { Principal } from '../access/access.models';
import { chinaDate } from '../shared/dates';
import type { VersionCache } from './price-library.cache';
import type { MatcherFactory, ProductType } from './price-library.catalogue';
import { priceLibraryErrors } from './price-library.errors';
import {
  checkAgainstConfirmations,
  learnAliases,
  withLearnedAliases,
  type AliasProposal,
  type ConfirmedCode,
} from './price-library.learning';
import type { ConfirmedCodes } from './price-library.ports';
import type { createProposals } from './price-library.proposals';
import * as repository from './price-library.repository';
import type { Db } from '@baigou/db';

export interface LearningInput {
  minEvidence: number;
  label?: string | undefined;
}

interface LearningDeps {
  db: Db;
  versions: VersionCache;
  confirmedCodes: ConfirmedCodes;
  createMatcher: MatcherFactory;
  proposals: ReturnType<typeof createProposals>;
  clock: () => Date;
}

const topCode = (deps: LearningDeps, types: readonly ProductType[]) => {
  const matcher = deps.createMatcher([...types]);
  return (description: string) => {
    const result = matcher.match(description, 1);
    return result.abstained ? undefined : result.candidates[0]?.hsCode.slice(0, 8);
  };
};

/** Staff corrections in review: confirmations that count twice; fixed when the matcher said otherwise. */
async function staffCorrections(deps: LearningDeps): Promise<ConfirmedCode[]> {
  const rows = await repository.findLatestCorrections(deps.db);
  return rows.map((row) => {
    const result = row.result as { abstained?: boolean; candidates?: { hsCode?: string }[] };
    const answered = result.abstained ? undefined : result.candidates?.[0]?.hsCode?.slice(0, 8);
    return {
      description: row.description,
      hsCode: row.hsCode,
      source: 'staff-correction' as const,
      fixed: answered !== row.hsCode.slice(0, 8),
    };
  });
}

/**
 * Staff: correct the code of a stored match (review). Recorded as history; it teaches nothing
 * until an alias proposal built from it is approved. The code must name a product type of the
 * version the match used.
 */
async function correctMatch(
  deps: LearningDeps,
  principal: Principal,
  matchId: string,
  input: { hsCode: string; reason: string },
) {
  const record = await repository.findMatchRecord(deps.db, matchId, undefined);
  if (!record) throw priceLibraryErrors.matchNotFound();
  const version = await deps.versions.get(record.versionId);
  if (![...version.types.values()].some((type) => type.hs8 === input.hsCode.slice(0, 8))) {
    throw priceLibraryErrors.unknownHsCode({
      detail: `no product type of version ${version.label} has HS code ${input.hsCode}`,
      fields: [{ path: '/body/hsCode', message: 'not a code of the version the match used' }],
    });
  }
  const row = await repository.insertMatchCorrection(deps.db, {
    matchRecordId: record.id,
    hsCode: input.hsCode,
    reason: input.reason,
    correctedByOrgId: principal.orgId,
    correctedByKeyId: principal.keyId,
  });
  return {
    id: row.id,
    matchId: record.id,
    description: record.description,
    hsCode: row.hsCode,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}

async function proposeLearnedAliases(deps: LearningDeps, principal: Principal | null, input: LearningInput) {
  const active = await repository.findActiveVersion(deps.db);
  if (!active) throw priceLibraryErrors.noActiveVersion();
  const types = [...(await deps.versions.get(active.id)).types.values()];
  const confirmations = [...(await deps.confirmedCodes.confirmedCodes()), ...(await staffCorrections(deps))];
  const learnt = learnAliases(types, confirmations, { minEvidence: input.minEvidence });
  const { kept, dropped } = checkAgainstConfirmations(types, confirmations, learnt, (types) => topCode(deps, types));
  if (kept.length === 0) {
    throw priceLibraryErrors.nothingLearnt({
      detail: `${confirmations.length} confirmed lines (${confirmations.filter((c) => c.fixed).length} fixed by hand) teach no alias with evidence ≥ ${input.minEvidence}`,
    });
  }
  const version = await deps.proposals.proposeCatalogueVersion(principal, {
    types: withLearnedAliases(types, kept),
    bands: [],
    label: input.label ?? `aliases-${chinaDate(deps.clock())}-${randomUUID().slice(0, 8)}`,
  });
  const view = (p: AliasProposal) => ({ ...p });
  return { version, proposals: kept.map(view), dropped: dropped.map(view), confirmations: confirmations.length };
}

/**
 * Staff: propose the next version with the aliases that confirmed codes teach. The proposal is an
 * ordinary version (a catalogue proposal from the active one): it is diffed (aliases added per
 * type), approved or rejected like any other, and matches record the version they used, so a
 * match made before or after approval replays as it was made. Nothing is learnt silently.
 */
export function createLearningProposals(deps: LearningDeps) {
  return {
    proposeLearnedAliases: (principal: Principal | null, input: LearningInput) =>
      proposeLearnedAliases(deps, principal, input),
    correctMatch: (principal: Principal, matchId: string, input: { hsCode: string; reason: string }) =>
      correctMatch(deps, principal, matchId, input),
  };
}
