import type { Db } from '@baigou/db';
import type { Matcher, MatcherFactory } from './price-library.catalogue';
import { priceLibraryErrors } from './price-library.errors';
import { groupBands, type LoadedVersion } from './price-library.models';
import * as repository from './price-library.repository';

/** Versions held built, besides the one being asked for; old ones are rebuilt on demand (replays). */
const DEFAULT_CAPACITY = 4;

/**
 * Built versions (product types, bands, matcher) keyed by version id. A version's snapshot never
 * changes (the database refuses it), so an entry never goes stale: a newly approved version is a
 * new key, and every process finds it by asking which version is active.
 */
export function createVersionCache({
  db,
  createMatcher,
  capacity = DEFAULT_CAPACITY,
}: {
  db: Db;
  createMatcher: MatcherFactory;
  capacity?: number;
}) {
  // Map iteration order is insertion order: re-inserting on use makes the first key the least recently used.
  const entries = new Map<string, Promise<LoadedVersion>>();

  async function build(id: string): Promise<LoadedVersion> {
    const row = await repository.findVersion(db, id);
    if (!row) throw priceLibraryErrors.versionNotFound({ detail: `version ${id} does not exist` });
    const [types, bands] = await Promise.all([repository.findProductTypes(db, id), repository.findBands(db, id)]);
    // Built on first use: proposals and diffs need the snapshot, not the index.
    let matcher: Matcher | undefined;
    return {
      id,
      label: row.label,
      policies: { default: row.defaultBandPolicy, byCategory: row.bandPolicies },
      types: new Map(types.map((type) => [type.code, type])),
      bands: groupBands(bands),
      get matcher() {
        // Matched with the learned second opinion the version recorded, or the rules alone before it had one.
        const titleModel = row.summary['titleModel'];
        matcher ??= createMatcher(types, typeof titleModel === 'string' ? titleModel : null);
        return matcher;
      },
    };
  }

  function get(id: string): Promise<LoadedVersion> {
    const cached = entries.get(id);
    if (cached) {
      entries.delete(id);
      entries.set(id, cached);
      return cached;
    }
    const loading = build(id).catch((error: unknown) => {
      entries.delete(id);
      throw error;
    });
    entries.set(id, loading);
    while (entries.size > capacity) entries.delete(entries.keys().next().value!);
    return loading;
  }

  return { get, has: (id: string) => entries.has(id) };
}

export type VersionCache = ReturnType<typeof createVersionCache>;
