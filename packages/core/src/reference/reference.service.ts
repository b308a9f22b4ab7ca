import { referenceCodes, referenceListVersions, type Db } from '@baigou/db';
import { asc, eq } from 'drizzle-orm';
import { commonErrors, type FieldIssue } from '../shared/errors';

export const referenceLists = [
  'country',
  'currency',
  'unit',
  'transport_mode',
  'supervision_mode',
  'hs8',
  'container_type',
  'package_type',
  'transaction_mode',
  /** Derived from hs8: the 2-digit chapters that have at least one tariff item. */
  'hs_chapter',
] as const;
export type ReferenceList = (typeof referenceLists)[number];

export interface ReferenceCode {
  code: string;
  nameZh: string | null;
  nameEn: string | null;
  attributes: Record<string, string>;
}

interface LoadedVersion {
  id: number;
  version: string;
  effectiveFrom: string;
  codes: Map<string, ReferenceCode>;
}

function deriveChapters(hs8: LoadedVersion): LoadedVersion {
  const chapters = new Map<string, ReferenceCode>();
  for (const item of hs8.codes.values()) {
    const chapter = item.code.slice(0, 2);
    if (!chapters.has(chapter)) chapters.set(chapter, { code: chapter, nameZh: null, nameEn: null, attributes: {} });
  }
  return { ...hs8, codes: chapters };
}

export interface CodeCheck {
  list: ReferenceList;
  code: string;
  /** Request path reported when the code is unknown, e.g. `/body/countryCode`. */
  path: string;
}

/**
 * Effective-dated code lists, held in memory (the largest, HS8, is ~9k rows). A record is
 * checked against the version in force on its own date.
 */
export function createReferenceService({ db }: { db: Db }) {
  let cache: Promise<Map<string, LoadedVersion[]>> | undefined;

  async function load(): Promise<Map<string, LoadedVersion[]>> {
    const versions = await db.select().from(referenceListVersions).orderBy(asc(referenceListVersions.effectiveFrom));
    const byList = new Map<string, LoadedVersion[]>();
    for (const version of versions) {
      const rows = await db.select().from(referenceCodes).where(eq(referenceCodes.versionId, version.id));
      const loaded: LoadedVersion = {
        id: version.id,
        version: version.version,
        effectiveFrom: version.effectiveFrom,
        codes: new Map(rows.map((row) => [row.code, row])),
      };
      byList.set(version.list, [...(byList.get(version.list) ?? []), loaded]);
    }
    byList.set('hs_chapter', (byList.get('hs8') ?? []).map(deriveChapters));
    return byList;
  }

  async function versionAt(list: ReferenceList, on: Date): Promise<LoadedVersion | undefined> {
    cache ??= load().catch((error: unknown) => {
      cache = undefined;
      throw error;
    });
    const day = on.toISOString().slice(0, 10);
    return (await cache)
      .get(list)
      ?.filter((version) => version.effectiveFrom <= day)
      .at(-1);
  }

  async function lookup(list: ReferenceList, code: string, on: Date = new Date()) {
    return (await versionAt(list, on))?.codes.get(code);
  }

  /** Throws one error naming every unknown code, so a client fixes them all at once. */
  async function assertCodes(checks: readonly CodeCheck[], on: Date = new Date()): Promise<void> {
    const issues: FieldIssue[] = [];
    for (const check of checks) {
      if (!(await lookup(check.list, check.code, on))) {
        issues.push({ path: check.path, message: `"${check.code}" is not in the official ${check.list} list` });
      }
    }
    if (issues.length) throw commonErrors.invalidReference({ fields: issues });
  }

  async function list(listName: ReferenceList, on: Date = new Date()) {
    const version = await versionAt(listName, on);
    return {
      version: version?.version ?? null,
      effectiveFrom: version?.effectiveFrom ?? null,
      codes: [...(version?.codes.values() ?? [])].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    };
  }

  return { lookup, assertCodes, list, reload: () => void (cache = undefined) };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
