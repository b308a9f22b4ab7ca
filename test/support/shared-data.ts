import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Files of the team's shared data folder that the project must not redistribute (GS1's EPCIS
 * schema): tests read them where they are — `SHARED_DATA_DIR`, else `../shared/data` beside the
 * repository, else `/work/shared/data` — and fail, naming the places tried, when none has them.
 */
export function sharedDataFile(relative: string): string {
  const candidates = [
    process.env.SHARED_DATA_DIR,
    resolve(import.meta.dirname, '../../../shared/data'),
    '/work/shared/data',
  ]
    .filter((dir): dir is string => Boolean(dir))
    .map((dir) => resolve(dir, relative));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(
      `${relative} not found in the shared data folder (tried ${candidates.join(', ')}; set SHARED_DATA_DIR)`,
    );
  return found;
}
