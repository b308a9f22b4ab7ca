import { canonicalString } from '../provenance/canonical';
import { valuesOf, type FactCounts, type Window } from './credit.characteristics';
import {
  binIndex,
  contentHash,
  evaluate,
  grades,
  type CharacteristicResult,
  type Grade,
  type Outcome,
  type ScorecardDocument,
} from './credit.models';

/**
 * From fact counts to a stored decision, from a stored decision back to a replay, and what a run
 * reports (distribution, migration, PSI). Pure: no I/O, no clock.
 */

export interface ScorecardRef {
  id: string;
  contentHash: string;
  document: ScorecardDocument;
}

/** The canonical input of one decision: what the platform knew, and the values read from it. */
export interface InputSnapshot {
  schema: 'baigou.credit.input/1';
  operatorOrgId: string;
  operatorId: string;
  asOf: string;
  windowFrom: string;
  counts: Omit<FactCounts, 'operatorOrgId' | 'operatorId'>;
  values: Record<string, string | null>;
}

export interface ComposedDecision {
  operatorOrgId: string;
  operatorId: string;
  asOf: Date;
  scorecardId: string;
  scorecardHash: string;
  inputSnapshot: InputSnapshot;
  snapshotHash: string;
  score: number;
  grade: Grade;
  customsTier: string | null;
  vetoes: string[];
  characteristics: CharacteristicResult[];
  reasons: Outcome['reasons'];
}

export function composeDecision(scorecard: ScorecardRef, counts: FactCounts, window: Window): ComposedDecision {
  const { operatorOrgId, operatorId, ...rest } = counts;
  const inputSnapshot: InputSnapshot = {
    schema: 'baigou.credit.input/1',
    operatorOrgId,
    operatorId,
    asOf: window.asOf.toISOString(),
    windowFrom: window.from.toISOString(),
    counts: rest,
    values: valuesOf(counts, window.asOf),
  };
  const outcome = evaluate(scorecard.document, inputSnapshot.values);
  return {
    operatorOrgId,
    operatorId,
    asOf: window.asOf,
    scorecardId: scorecard.id,
    scorecardHash: scorecard.contentHash,
    inputSnapshot,
    snapshotHash: contentHash(inputSnapshot),
    customsTier: counts.customsTier,
    ...outcome,
  };
}

export interface StoredOutcome {
  scorecardHash: string;
  inputSnapshot: unknown;
  snapshotHash: string;
  score: number;
  grade: string;
  vetoes: readonly string[];
  characteristics: unknown;
  reasons: unknown;
}

export interface ReplayResult {
  snapshotHashMatches: boolean;
  scorecardHashMatches: boolean;
  identical: boolean;
  differences: { path: string; stored: unknown; replayed: unknown }[];
}

/** Recomputes a stored decision from its snapshot and scorecard document, and lists every difference. */
export function replayDecision(stored: StoredOutcome, document: ScorecardDocument): ReplayResult {
  const snapshot = stored.inputSnapshot as InputSnapshot;
  const replayed = evaluate(document, snapshot.values);
  const snapshotHashMatches = contentHash(stored.inputSnapshot) === stored.snapshotHash;
  const scorecardHashMatches = contentHash(document) === stored.scorecardHash;
  const fields: [string, unknown, unknown][] = [
    ['/score', stored.score, replayed.score],
    ['/grade', stored.grade, replayed.grade],
    ['/vetoes', stored.vetoes, replayed.vetoes],
    ['/characteristics', stored.characteristics, replayed.characteristics],
    ['/reasons', stored.reasons, replayed.reasons],
  ];
  const differences = fields
    .filter(([, a, b]) => canonicalString(a) !== canonicalString(b))
    .map(([path, a, b]) => ({ path, stored: a, replayed: b }));
  if (!snapshotHashMatches)
    differences.push({
      path: '/snapshotHash',
      stored: stored.snapshotHash,
      replayed: contentHash(stored.inputSnapshot),
    });
  if (!scorecardHashMatches)
    differences.push({ path: '/scorecardHash', stored: stored.scorecardHash, replayed: contentHash(document) });
  return { snapshotHashMatches, scorecardHashMatches, identical: differences.length === 0, differences };
}

// --- run reports ------------------------------------------------------------------------------

export interface RunMember {
  org: string;
  grade: string;
  characteristics: unknown;
}

export const PSI_FLAG = 0.25;
/** Bucket share floor, so an empty bucket on one side gives a large but finite PSI. */
const PSI_FLOOR = 0.0001;

export function distribution(members: readonly RunMember[]): Record<Grade, number> {
  const counts = Object.fromEntries(grades.map((grade) => [grade, 0])) as Record<Grade, number>;
  for (const member of members) counts[member.grade as Grade] += 1;
  return counts;
}

/** previous grade → current grade → firms, over the firms in both runs. */
export function migration(previous: readonly RunMember[], current: readonly RunMember[]) {
  const before = new Map(previous.map((member) => [member.org, member.grade]));
  const matrix: Record<string, Record<string, number>> = {};
  for (const member of current) {
    const from = before.get(member.org);
    if (!from) continue;
    matrix[from] ??= {};
    matrix[from][member.grade] = (matrix[from][member.grade] ?? 0) + 1;
  }
  return matrix;
}

/** The bucket of a characteristic's value under the scorecard's bins; `missing` when null. */
function bucketOf(document: ScorecardDocument, key: string, value: string | null): string {
  const characteristic = document.characteristics.find((c) => c.key === key);
  if (!characteristic || value === null) return 'missing';
  return String(binIndex(characteristic, value));
}

const valuesOfMember = (member: RunMember) =>
  new Map((member.characteristics as CharacteristicResult[]).map((c) => [c.key, c.value]));

/**
 * Population stability index per characteristic between two runs, over the current scorecard's
 * bins (plus a bucket for "no data"): Σ (a − e) · ln(a / e). Above 0.25 the population moved
 * enough that the bins should be looked at again.
 */
export function psi(document: ScorecardDocument, previous: readonly RunMember[], current: readonly RunMember[]) {
  const shares = (members: readonly RunMember[], key: string) => {
    const counts = new Map<string, number>();
    for (const member of members) {
      const bucket = bucketOf(document, key, valuesOfMember(member).get(key) ?? null);
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
    return counts;
  };
  return document.characteristics.map((c) => {
    const expected = shares(previous, c.key);
    const actual = shares(current, c.key);
    let index = 0;
    for (const bucket of new Set([...expected.keys(), ...actual.keys()])) {
      const e = Math.max((expected.get(bucket) ?? 0) / Math.max(previous.length, 1), PSI_FLOOR);
      const a = Math.max((actual.get(bucket) ?? 0) / Math.max(current.length, 1), PSI_FLOOR);
      index += (a - e) * Math.log(a / e);
    }
    const rounded = Math.round(index * 10_000) / 10_000;
    return { characteristic: c.key, psi: rounded, flagged: rounded > PSI_FLAG };
  });
}
