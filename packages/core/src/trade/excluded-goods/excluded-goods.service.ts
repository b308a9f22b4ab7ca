import type { Db } from '@baigou/db';
import type { Principal } from '../../access/access.models';
import { fetchPage, filterOf, type Page } from '../../shared/pagination';
import { excludedGoodsErrors } from './excluded-goods.errors';
import {
  modeExclusions,
  screenLine,
  simplificationExclusions,
  type ExcludedHit,
  type ScreenedLine,
} from './excluded-goods.models';
import * as repository from './excluded-goods.repository';
import type { ExcludedGoodsInput, ExcludedGoodsQuery, ExcludedGoodsView } from './excluded-goods.schemas';

const view = (row: repository.ExcludedGoodsRow): ExcludedGoodsView => ({
  id: row.id,
  kind: row.kind,
  hsPrefix: row.hsPrefix,
  keyword: row.keyword,
  reason: row.reason,
  source: row.source,
  effectiveFrom: row.effectiveFrom,
  effectiveTo: row.effectiveTo,
  createdAt: row.createdAt.toISOString(),
  createdByOrgId: row.createdByOrgId,
});

/**
 * The excluded-goods list (禁止/限制出口, ad-hoc suspensions): staff maintain it; the trade intake
 * screens every line against the entries in force. Read from PG on each screen: the list is a
 * few hundred rows at most, and a staff change applies to the very next submission.
 */
export function createExcludedGoodsService({ db }: { db: Db }) {
  async function add(principal: Principal, input: ExcludedGoodsInput): Promise<ExcludedGoodsView> {
    const row = await repository.insertEntry(db, {
      kind: input.kind,
      hsPrefix: input.hsPrefix ?? null,
      keyword: input.keyword ?? null,
      reason: input.reason,
      source: input.source,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      createdByOrgId: principal.orgId,
      createdByKeyId: principal.keyId,
    });
    return view(row);
  }

  async function list(query: ExcludedGoodsQuery): Promise<Page<ExcludedGoodsView>> {
    const filter = filterOf(query);
    return fetchPage(
      query,
      JSON.stringify(['excluded-goods', filter]),
      (after, take) => repository.listEntries(db, filter, after, take),
      view,
    );
  }

  /**
   * Refuses the lines that hit an entry in force on `day`, naming every such line and its entry
   * (`/body/lines/N`), so the operator sees all of them at once.
   */
  async function assertAllowed(lines: readonly ScreenedLine[], day: string, pathPrefix = '/body/lines'): Promise<void> {
    const entries = modeExclusions(await repository.findInForce(db, day));
    if (entries.length === 0) return;
    const hits = lines.flatMap((line, index) => {
      const hit = screenLine(line, entries);
      return hit ? [{ index, hit }] : [];
    });
    if (hits.length === 0) return;
    throw excludedGoodsErrors.excluded({
      detail: hits.map(({ index, hit }) => `line ${index + 1}: ${hit.entry.kind} — ${hit.entry.reason}`).join('; '),
      fields: hits.map(({ index, hit }) => ({
        path: `${pathPrefix}/${index}`,
        message: `${hit.entry.kind}: ${hit.entry.reason}`,
      })),
      extra: {
        lines: hits.map(({ index, hit }) => ({
          lineIndex: index,
          entryId: hit.entry.id,
          kind: hit.entry.kind,
          reason: hit.entry.reason,
          source: hit.entry.source,
          matchedOn: hit.matchedOn,
        })),
      },
    });
  }

  /**
   * 不适用简化申报: a screen answering, for a goods line, the entry in force on `day` that keeps it out of
   * simplified declaration (export duty, inspection, excluded by customs), or null when it may be merged.
   */
  async function simplificationScreen(day: string): Promise<(line: ScreenedLine) => ExcludedHit | null> {
    const entries = simplificationExclusions(await repository.findInForce(db, day));
    return (line) => (entries.length ? screenLine(line, entries) : null);
  }

  return { add, list, assertAllowed, simplificationScreen };
}

export type ExcludedGoodsService = ReturnType<typeof createExcludedGoodsService>;
