import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { createDatabase, type Db } from './client';
import { referenceCodes, referenceListVersions } from './schema';

export const referenceDataFolder = fileURLToPath(new URL('../reference-data', import.meta.url));

export interface ReferenceListSpec {
  list: string;
  file: string;
  version: string;
  effectiveFrom: string;
  codeColumn: string;
  nameZhColumn?: string;
  nameEnColumn?: string;
  attributes: string[];
  where?: Record<string, string>;
  source: string;
  license: string;
}

export async function readManifest(): Promise<ReferenceListSpec[]> {
  const manifest = JSON.parse(await readFile(`${referenceDataFolder}/manifest.json`, 'utf8')) as {
    lists: ReferenceListSpec[];
  };
  return manifest.lists;
}

type LoadOutcome = 'loaded' | 'unchanged';
const BATCH_ROWS = 1_000;

/** Loads one list version; an identical file already loaded is a no-op, a changed file under the same version an error. */
export async function loadReferenceList(
  db: Db,
  spec: ReferenceListSpec,
  progress: (message: string) => void = () => {},
): Promise<LoadOutcome> {
  const bytes = await readFile(`${referenceDataFolder}/${spec.file}`);
  const checksum = createHash('sha256').update(bytes).digest('hex');
  const [existing] = await db
    .select()
    .from(referenceListVersions)
    .where(and(eq(referenceListVersions.list, spec.list), eq(referenceListVersions.version, spec.version)));
  if (existing) {
    if (existing.checksum !== checksum) {
      throw new Error(
        `reference list ${spec.list} version ${spec.version} is loaded with different content; give the new file a new version`,
      );
    }
    return 'unchanged';
  }
  const records = (parse(bytes, { columns: true, skip_empty_lines: true }) as Record<string, string>[]).filter((row) =>
    Object.entries(spec.where ?? {}).every(([column, value]) => row[column] === value),
  );
  await db.transaction(async (tx) => {
    const [version] = await tx
      .insert(referenceListVersions)
      .values({
        list: spec.list,
        version: spec.version,
        effectiveFrom: spec.effectiveFrom,
        source: spec.source,
        license: spec.license,
        checksum,
        rowCount: records.length,
      })
      .returning({ id: referenceListVersions.id });
    for (let start = 0; start < records.length; start += BATCH_ROWS) {
      const batch = records.slice(start, start + BATCH_ROWS).map((row) => ({
        versionId: version!.id,
        code: requireColumn(row, spec.codeColumn, spec),
        nameZh: spec.nameZhColumn ? (row[spec.nameZhColumn] ?? null) : null,
        nameEn: spec.nameEnColumn ? (row[spec.nameEnColumn] ?? null) : null,
        attributes: Object.fromEntries(spec.attributes.map((column) => [column, row[column] ?? ''])),
      }));
      await tx.insert(referenceCodes).values(batch);
      progress(`  ${spec.list}: ${Math.min(start + BATCH_ROWS, records.length)}/${records.length} rows`);
    }
  });
  return 'loaded';
}

function requireColumn(row: Record<string, string>, column: string, spec: ReferenceListSpec): string {
  const value = row[column];
  if (!value) throw new Error(`${spec.file}: a row has no ${column}`);
  return value;
}

export async function loadAllReferenceData(url: string, progress: (message: string) => void = () => {}): Promise<void> {
  const database = createDatabase(url, { max: 1, applicationName: 'baigou-reference-load' });
  try {
    for (const spec of await readManifest()) {
      const outcome = await loadReferenceList(database.db, spec, progress);
      progress(`reference list ${spec.list} ${spec.version}: ${outcome}`);
    }
  } finally {
    await database.close();
  }
}
