import { subsidyClaimLines, subsidyClaimLineSources, subsidyClaims, type DbOrTx, type SnapshotRead } from '@baigou/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { groupBy } from '../shared/collections';
import { addDays, chinaMonth } from '../shared/dates';
import type { FirmFacts, SourceKind } from './subsidy.evaluation';
import { coversInPeriod } from './subsidy.insurance';
import type { ProgrammeDocument } from './subsidy.programme';
import type { SubsidyCreditGrades, SubsidyRates, SubsidyRegistryFacts, SubsidyTradeFacts } from './subsidy.ports';

/**
 * Gathers, through the ports, every fact a period run decides on: one set-based read per context,
 * then grouped per firm. Nothing here decides; subsidy.evaluation.ts does.
 */

export interface FactPorts {
  trade: SubsidyTradeFacts;
  registry: SubsidyRegistryFacts;
  credit: SubsidyCreditGrades;
  rates: SubsidyRates;
}

export interface PeriodFacts {
  firms: FirmFacts[];
  rate: (month: string, currency: string) => string | null;
  /** The instant grades are asked at: the end of the period's last day, China time. */
  asOf: Date;
}

/** [from 00:00, day after `to` 00:00) in China time. */
export const periodWindow = (period: { from: string; to: string }) => ({
  fromInstant: new Date(`${period.from}T00:00:00+08:00`),
  toInstant: new Date(`${addDays(period.to, 1)}T00:00:00+08:00`),
});

/** The window cut into `parts` consecutive windows of equal length. */
export function splitWindow(window: { fromInstant: Date; toInstant: Date }, parts: number) {
  const from = window.fromInstant.getTime();
  const step = (window.toInstant.getTime() - from) / parts;
  return Array.from({ length: parts }, (_, i) => ({
    fromInstant: new Date(i === 0 ? from : Math.round(from + i * step)),
    toInstant: i === parts - 1 ? window.toInstant : new Date(Math.round(from + (i + 1) * step)),
  }));
}

/** The period's declarations, the window's two halves read at once. */
async function declarationsOf(
  read: SnapshotRead,
  ports: FactPorts,
  window: { fromInstant: Date; toInstant: Date },
  countedOn: ProgrammeDocument['conditions']['countedOn'],
) {
  const parts = await Promise.all(
    splitWindow(window, 2).map((part) =>
      read((reader) => ports.trade.declarationsInWindow(reader, { ...part, countedOn })),
    ),
  );
  // Each part in the port's order (operator organisation, then declaration); sorting their
  // concatenation merges the runs.
  return parts
    .flat()
    .sort((a, b) => byText(a.operatorOrgId, b.operatorOrgId) || byText(a.declarationId, b.declarationId));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every fact of the period, read in one snapshot of the run's transaction (`read`), on connections of
 * their own and at once where one read does not need another's answer; rates and grades through their
 * ports, meanwhile.
 */
export async function gatherFacts(
  read: SnapshotRead,
  ports: FactPorts,
  period: { from: string; to: string },
  programme: ProgrammeDocument,
): Promise<PeriodFacts> {
  const window = periodWindow(period);
  const declarations = await declarationsOf(read, ports, window, programme.conditions.countedOn);
  const byOrg = groupBy(declarations, (declaration) => declaration.operatorOrgId);
  const orgIds = [...byOrg.keys()];
  const asOf = new Date(window.toInstant.getTime() - 1);
  const months = [...new Set(declarations.map((declaration) => chinaMonth(declaration.releasedAt)))];
  const [operators, reviews, covers, rate, grades] = await Promise.all([
    read((reader) => ports.registry.operatorsByOrg(reader, orgIds)),
    read((reader) => ports.trade.openHardBandReviews(reader, orgIds)),
    read((reader) => coversInPeriod(reader, period)),
    ports.rates.cnyPerUnit(months),
    ports.credit.gradesInForce(orgIds, asOf),
  ]);
  const firms = orgIds.map((orgId) => ({
    operatorOrgId: orgId,
    operator: operators.get(orgId) ?? null,
    declarations: byOrg.get(orgId) ?? [],
    openReviews: reviews.get(orgId) ?? 0,
    grade: grades.get(orgId) ?? null,
    covers: covers.get(orgId) ?? [],
  }));
  return { firms, rate, asOf };
}

export const sourceKey = (itemType: string, kind: SourceKind, id: string) => `${itemType}|${kind}|${id}`;

/**
 * Which claim each candidate source already funds (any period), keyed by sourceKey: a join on the
 * candidates as a set, not `= any(array)`, so it hashes; sent as one JSON text (some 50,000 ids),
 * which node-postgres writes several times faster than an array parameter.
 */
export async function fundedSources(db: DbOrTx, firms: readonly FirmFacts[]): Promise<Map<string, string>> {
  const ids = firms.flatMap((firm) => [
    ...(firm.operator ? [firm.operator.operatorId] : []),
    ...firm.covers.map((cover) => cover.coverId),
    ...firm.declarations.flatMap((declaration) => [
      declaration.declarationId,
      ...declaration.containers.map((container) => container.sourceId),
    ]),
  ]);
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{
    item_type: string;
    source_kind: SourceKind;
    source_id: string;
    claim_id: string;
  }>(sql`
    select s.item_type, s.source_kind, s.source_id, l.claim_id
    from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as candidate(id)
    join ${subsidyClaimLineSources} s on s.source_id = candidate.id
    join ${subsidyClaimLines} l on l.id = s.line_id`);
  return new Map(rows.map((row) => [sourceKey(row.item_type, row.source_kind, row.source_id), row.claim_id]));
}

export interface ExistingClaim {
  id: string;
  operatorOrgId: string;
  lines: { itemCode: string; amountCny: string }[];
}

export async function existingClaims(db: DbOrTx, periodId: string): Promise<Map<string, ExistingClaim>> {
  const claims = await db
    .select({ id: subsidyClaims.id, operatorOrgId: subsidyClaims.operatorOrgId })
    .from(subsidyClaims)
    .where(eq(subsidyClaims.periodId, periodId));
  const lines = claims.length
    ? await db
        .select({
          claimId: subsidyClaimLines.claimId,
          itemCode: subsidyClaimLines.itemCode,
          amountCny: subsidyClaimLines.amountCny,
        })
        .from(subsidyClaimLines)
        .where(
          inArray(
            subsidyClaimLines.claimId,
            claims.map((claim) => claim.id),
          ),
        )
    : [];
  const linesOf = new Map<string, ExistingClaim['lines']>(claims.map((claim) => [claim.id, []]));
  for (const { claimId, ...line } of lines) linesOf.get(claimId)?.push(line);
  return new Map(claims.map((claim) => [claim.operatorOrgId, { ...claim, lines: linesOf.get(claim.id) ?? [] }]));
}
