import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '@baigou/db';
import { z } from 'zod';
import type { Principal } from '../access/access.models';
import { staffWideScope } from '../access/tenant-scope';
import type { ExchangeRatesService } from '../exchange-rates/exchange-rates.service';
import type { ReferenceService } from '../reference/reference.service';
import { chinaDate, monthOf } from '../shared/dates';
import type { CodeCheck } from '../reference/reference.service';
import type { VersionCache } from './price-library.cache';
import { priceLibraryErrors } from './price-library.errors';
import { answerItem, canonicalJson, type ItemResult, type LoadedVersion, type MatchItem } from './price-library.models';
import * as repository from './price-library.repository';
import type { MatchItemInput } from './price-library.schemas';
import { matchRecordView } from './price-library.views';

/** The request of a stored match, as recorded: exactly what a replay feeds the matcher again. */
const RecordedItem = z.object({
  description: z.string(),
  unitPrice: z.string().optional(),
  unit: z.string().optional(),
  currency: z.string().optional(),
  lineDate: z.string(),
});

/** Answers to goods lines against one version, not yet recorded. */
export interface Evaluation {
  versionId: string;
  versionLabel: string;
  items: MatchItem[];
  results: ItemResult[];
}

/**
 * The version with a matcher that answers each distinct description once: the lines of one call
 * often repeat a title (a batch of sales of the same goods), and the answer depends on the text only.
 * answerItem copies what it keeps of an answer, so sharing one between lines is safe.
 */
function matchingOnce(version: LoadedVersion): LoadedVersion {
  const { matcher } = version;
  const answers = new Map<string, ReturnType<LoadedVersion['matcher']['match']>>();
  return {
    ...version,
    matcher: {
      size: matcher.size,
      match(description, limit) {
        const key = `${limit ?? ''}\u0000${description}`;
        let answer = answers.get(key);
        if (!answer) {
          answer = matcher.match(description, limit);
          answers.set(key, answer);
        }
        return answer;
      },
    },
  };
}

export interface MatchingDependencies {
  db: Db;
  reference: ReferenceService;
  exchangeRates: ExchangeRatesService;
  versions: VersionCache;
  clock: () => Date;
}

/** Units and currencies must be in the official lists in force on the line's date; every bad one is named. */
async function assertLineCodes(reference: ReferenceService, items: readonly MatchItem[], on?: Date) {
  const checks: CodeCheck[] = items.flatMap((item, index) => [
    ...(item.unit ? [{ list: 'unit' as const, code: item.unit, path: `/body/items/${index}/unit` }] : []),
    ...(item.currency
      ? [{ list: 'currency' as const, code: item.currency, path: `/body/items/${index}/currency` }]
      : []),
  ]);
  await reference.assertCodes(checks, on);
}

/**
 * Answers lines against the active version without recording them: for a caller (the trade
 * intake) that records the answers inside its own transaction with `recordMatches`.
 * Units and currencies are checked against the official lists in force on `codesOn` (default today).
 */
async function evaluate(
  { db, reference, exchangeRates, versions, clock }: MatchingDependencies,
  inputs: readonly MatchItemInput[],
  codesOn?: Date,
): Promise<Evaluation> {
  const today = chinaDate(clock());
  const items: MatchItem[] = inputs.map((input) => ({
    description: input.description,
    ...(input.unitPrice !== undefined
      ? { unitPrice: input.unitPrice, unit: input.unit, currency: input.currency }
      : {}),
    lineDate: input.lineDate ?? today,
  }));
  await assertLineCodes(reference, items, codesOn);
  const active = await repository.findActiveVersion(db);
  if (!active) throw priceLibraryErrors.noActiveVersion();
  const version = matchingOnce(await versions.get(active.id));
  const rates = await exchangeRates.ratesFor(
    items.filter((item) => item.unitPrice !== undefined).map((item) => monthOf(item.lineDate)),
  );
  // answerItem is deterministic in (version, item, rates): identical lines share one answer, which nothing mutates.
  const answers = new Map<string, ItemResult>();
  const answer = (item: MatchItem) => {
    const key = [item.description, item.unitPrice, item.unit, item.currency, item.lineDate].join('\u0000');
    let result = answers.get(key);
    if (!result) {
      result = answerItem(version, item, rates);
      answers.set(key, result);
    }
    return result;
  };
  return { versionId: version.id, versionLabel: version.label, items, results: items.map(answer) };
}

/** Stores the answers of an evaluation (append-only match records), in the caller's transaction; ids in item order. */
async function recordMatches(tx: DbOrTx, principal: Principal, evaluation: Evaluation): Promise<string[]> {
  const ids = evaluation.items.map(() => randomUUID());
  await repository.insertMatchRecords(
    tx,
    evaluation.items.map((item, index) => ({
      id: ids[index]!,
      org_id: principal.orgId,
      version_id: evaluation.versionId,
      description: item.description,
      request: { ...item },
      result: evaluation.results[index]!,
    })),
  );
  return ids;
}

/** Matches up to 1,000 lines against the active version and records each answer. */
async function match(deps: MatchingDependencies, principal: Principal, inputs: readonly MatchItemInput[]) {
  const evaluation = await evaluate(deps, inputs);
  const ids = await deps.db.transaction((tx) => recordMatches(tx, principal, evaluation));
  return {
    versionId: evaluation.versionId,
    versionLabel: evaluation.versionLabel,
    items: evaluation.results.map((result, index) => ({ matchId: ids[index]!, ...result })),
  };
}

async function findRecord(db: Db, principal: Principal, id: string) {
  const record = await repository.findMatchRecord(db, id, staffWideScope(principal));
  if (!record) throw priceLibraryErrors.matchNotFound();
  return record;
}

async function getMatch(db: Db, principal: Principal, id: string) {
  return matchRecordView(await findRecord(db, principal, id));
}

/**
 * Recomputes a stored match with the version it recorded and the customs rates as they stood
 * when it was answered (rates set later are not seen), and says whether the answer is the same.
 */
async function replay({ db, exchangeRates, versions }: MatchingDependencies, principal: Principal, id: string) {
  const record = await findRecord(db, principal, id);
  const item = RecordedItem.parse(record.request);
  const version = await versions.get(record.versionId);
  const rates = await exchangeRates.ratesFor([monthOf(item.lineDate)], record.createdAt);
  const replayed: ItemResult = answerItem(version, item, rates);
  return {
    record: matchRecordView(record),
    replayed,
    identical: canonicalJson(replayed) === canonicalJson(record.result),
  };
}

/**
 * Matching goods lines to the library and checking their prices. Every answer is stored with the
 * version it used, so it can be replayed against that version however many versions follow.
 */
export function createMatching(deps: MatchingDependencies) {
  return {
    evaluate: (inputs: readonly MatchItemInput[], codesOn?: Date) => evaluate(deps, inputs, codesOn),
    recordMatches,
    match: (principal: Principal, inputs: readonly MatchItemInput[]) => match(deps, principal, inputs),
    getMatch: (principal: Principal, id: string) => getMatch(deps.db, principal, id),
    replay: (principal: Principal, id: string) => replay(deps, principal, id),
  };
}
