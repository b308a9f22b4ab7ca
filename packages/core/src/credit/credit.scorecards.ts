import type { Db, DbOrTx } from '@baigou/db';
import { sql } from 'drizzle-orm';
import type { Principal } from '../access/access.models';
import { commonErrors } from '../shared/errors';
import { fetchPage } from '../shared/pagination';
import type { ScorecardRef } from './credit.decisions';
import { creditErrors } from './credit.errors';
import { contentHash, diffDocuments, validateScorecard, type ScorecardDocument } from './credit.models';
import * as repository from './credit.repository';
import { ScorecardDocumentSchema, type ScorecardListQuery, type ScorecardProposal } from './credit.schemas';
import { SEED_SCORECARD_LABEL, seedScorecard } from './credit.scorecard.seed';
import { scorecardView } from './credit.views';

/** A document as the jsonb column takes it. */
const jsonRecord = (value: object): Record<string, unknown> => Object.fromEntries(Object.entries(value));

/** Parsed scorecards by id: documents and their hashes are immutable, so one parse serves the process. */
type ScorecardCache = Map<string, ScorecardRef>;

interface ScorecardDeps {
  db: Db;
  clock: () => Date;
  refs: ScorecardCache;
}

function refOf(refs: ScorecardCache, row: repository.ScorecardRow): ScorecardRef {
  let ref = refs.get(row.id);
  if (!ref) {
    const document: ScorecardDocument = ScorecardDocumentSchema.parse(row.document);
    ref = { id: row.id, contentHash: row.contentHash, document };
    refs.set(row.id, ref);
  }
  return ref;
}

async function byId({ refs }: ScorecardDeps, tx: DbOrTx, id: string): Promise<ScorecardRef> {
  const cached = refs.get(id);
  if (cached) return cached;
  const row = await repository.findScorecard(tx, id);
  if (!row) throw creditErrors.scorecardNotFound();
  return refOf(refs, row);
}

/** The scorecard in force now, or the coded 409 when staff have approved none. */
async function inForce(refs: ScorecardCache, tx: DbOrTx): Promise<ScorecardRef> {
  const row = await repository.findActiveScorecard(tx);
  if (!row) throw creditErrors.noScorecardInForce();
  return refOf(refs, row);
}

async function activeOrNull(refs: ScorecardCache, tx: DbOrTx): Promise<ScorecardRef | null> {
  const row = await repository.findActiveScorecard(tx);
  return row ? refOf(refs, row) : null;
}

async function insert(
  db: Db,
  principal: Principal | null,
  label: string,
  document: ScorecardDocument,
  effectiveFrom: Date,
) {
  const issues = validateScorecard(document);
  if (issues.length)
    throw creditErrors.scorecardInvalid({
      fields: issues.map((issue) => ({ path: `/body/document${issue.path}`, message: issue.message })),
    });
  const active = await repository.findActiveScorecard(db);
  return repository.insertScorecard(db, {
    label,
    status: 'proposed',
    document: jsonRecord(document),
    contentHash: contentHash(document),
    baseScorecardId: active?.id ?? null,
    effectiveFrom,
    createdByOrgId: principal?.orgId ?? null,
    createdByKeyId: principal?.keyId ?? null,
  });
}

/** On a database without any scorecard: the seeded PROPOSAL (never in force until staff approve it). */
async function ensureSeedScorecard({ db, clock }: ScorecardDeps): Promise<{ outcome: 'created' | 'exists' }> {
  if ((await repository.countScorecards(db)) > 0) return { outcome: 'exists' };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('credit.scorecard.seed'))`);
    if ((await repository.countScorecards(tx)) > 0) return { outcome: 'exists' as const };
    await repository.insertScorecard(tx, {
      label: SEED_SCORECARD_LABEL,
      status: 'proposed',
      document: jsonRecord(seedScorecard),
      contentHash: contentHash(seedScorecard),
      effectiveFrom: clock(),
    });
    return { outcome: 'created' as const };
  });
}

async function propose({ db, clock }: ScorecardDeps, principal: Principal, input: ScorecardProposal) {
  const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : clock();
  return scorecardView(await insert(db, principal, input.label, input.document as ScorecardDocument, effectiveFrom));
}

async function get(db: Db, id: string) {
  const row = await repository.findScorecard(db, id);
  if (!row) throw creditErrors.scorecardNotFound();
  return scorecardView(row);
}

async function list(db: Db, query: ScorecardListQuery) {
  const { cursor, limit, ...filter } = query;
  return fetchPage(
    { cursor, limit },
    JSON.stringify(['credit.scorecards', filter]),
    (after, take) => repository.listScorecards(db, filter, after, take),
    scorecardView,
  );
}

async function diff(deps: ScorecardDeps, id: string, against: string) {
  const [to, from] = await Promise.all([byId(deps, deps.db, id), byId(deps, deps.db, against)]);
  return { from: against, to: id, changes: diffDocuments(from.document, to.document) };
}

async function approve({ db, clock }: ScorecardDeps, principal: Principal, id: string, reason: string | undefined) {
  const now = clock();
  const row = await db.transaction(async (tx) => {
    const scorecard = await repository.findScorecard(tx, id, { forUpdate: true });
    if (!scorecard) throw creditErrors.scorecardNotFound();
    if (scorecard.status !== 'proposed')
      throw commonErrors.illegalTransition({
        detail: `cannot approve a scorecard that is ${scorecard.status}`,
        extra: { currentStatus: scorecard.status, allowedFrom: ['proposed'] },
      });
    if (scorecard.effectiveFrom > now)
      throw creditErrors.scorecardNotYetEffective({
        detail: `effective from ${scorecard.effectiveFrom.toISOString()}`,
      });
    const active = await repository.findActiveScorecard(tx, { forUpdate: true });
    if (active) await repository.updateScorecard(tx, active.id, 'active', { status: 'retired', inForceTo: now });
    const decided = { decidedAt: now, decidedByOrgId: principal.orgId, decidedByKeyId: principal.keyId };
    return repository.updateScorecard(tx, id, 'proposed', {
      status: 'active',
      inForceFrom: now,
      ...decided,
      decisionReason: reason ?? null,
    });
  });
  return scorecardView(row!);
}

/** Reject a proposal, or retire a proposal or the scorecard in force (then none is in force). */
async function close(
  { db, clock }: ScorecardDeps,
  principal: Principal,
  id: string,
  to: 'rejected' | 'retired',
  reason: string | undefined,
) {
  const now = clock();
  const row = await db.transaction(async (tx) => {
    const scorecard = await repository.findScorecard(tx, id, { forUpdate: true });
    if (!scorecard) throw creditErrors.scorecardNotFound();
    const allowed = to === 'rejected' ? ['proposed'] : ['proposed', 'active'];
    if (!allowed.includes(scorecard.status))
      throw commonErrors.illegalTransition({
        detail: `cannot mark a ${scorecard.status} scorecard ${to}`,
        extra: { currentStatus: scorecard.status, allowedFrom: allowed },
      });
    return repository.updateScorecard(tx, id, scorecard.status, {
      status: to,
      ...(scorecard.status === 'active' ? { inForceTo: now } : {}),
      decidedAt: scorecard.decidedAt ?? now,
      decidedByOrgId: scorecard.decidedByOrgId ?? principal.orgId,
      decidedByKeyId: scorecard.decidedByKeyId ?? principal.keyId,
      decisionReason: reason ?? scorecard.decisionReason,
    });
  });
  return scorecardView(row!);
}

/**
 * Scorecard versions, with the discipline of price-library versions: staff propose a document,
 * compare it with another (diff), approve it (it is in force from then, the previous one retired)
 * or reject it. Identity is the SHA-256 of the canonical document; documents never change.
 */
export function createScorecards({ db, clock }: { db: Db; clock: () => Date }) {
  const deps: ScorecardDeps = { db, clock, refs: new Map() };
  return {
    byId: (id: string, tx: DbOrTx = db) => byId(deps, tx, id),
    /** The scorecard in force now, or the coded 409 when staff have approved none. */
    inForce: (tx: DbOrTx = db) => inForce(deps.refs, tx),
    activeOrNull: (tx: DbOrTx = db) => activeOrNull(deps.refs, tx),
    /** On a database without any scorecard: the seeded PROPOSAL (never in force until staff approve it). */
    ensureSeedScorecard: () => ensureSeedScorecard(deps),
    propose: (principal: Principal, input: ScorecardProposal) => propose(deps, principal, input),
    get: (id: string) => get(db, id),
    list: (query: ScorecardListQuery) => list(db, query),
    diff: (id: string, against: string) => diff(deps, id, against),
    approve: (principal: Principal, id: string, reason: string | undefined) => approve(deps, principal, id, reason),
    /** Reject a proposal, or retire a proposal or the scorecard in force (then none is in force). */
    close: (principal: Principal, id: string, to: 'rejected' | 'retired', reason: string | undefined) =>
      close(deps, principal, id, to, reason),
  };
}

export type Scorecards = ReturnType<typeof createScorecards>;

/** Start-up: a fresh installation gets the seeded scorecard PROPOSAL (never in force until approved). */
export const ensureCreditSeed = (db: Db) => createScorecards({ db, clock: () => new Date() }).ensureSeedScorecard();
