/**
 * The pg_trgm baseline for `match.bench.ts`: product names and aliases in a scratch UTF-8
 * database with a GIN trigram index, each raw title answered by the database alone.
 *
 * Main mode: similarity(term, title) with the indexed `term % title` filter (threshold 0.1) and
 * ORDER BY similarity DESC, best term per HS8, top 3. similarity() divides by the trigrams of
 * both strings, so the title's noise lowers every score, but it is the mode the GIN index
 * serves. word_similarity(term, title) (the best-matching extent of the title) suits short
 * names inside long titles better, but `term <% title` has the indexed column on the wrong
 * side, so PostgreSQL scans every term for every title (~0.4 s per title here); it is measured
 * on a fixed sample of the titles only, as a second reference.
 */
import type { ProductType } from '../../packages/core/src/price-library/catalogue/catalogue';
import { createDatabase } from '@baigou/db';
import type { Prediction, Row, Speed } from './match-report.bench-support';
import { speedFigures } from './match-report.bench-support';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// One scratch database per run, so that two benches on one server do not collide.
const scratchName = `baigou_bench_trgm_${process.pid}`;
const wordSimilaritySampleEvery = 20;
const minTitles = Number(process.env.BENCH_TRGM_TITLES ?? 10_000);

function scratchUrl(): string {
  const url = new URL(serverUrl);
  url.pathname = `/${scratchName}`;
  return url.toString();
}

async function withServer<T>(
  work: (query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<T>,
  url: string,
): Promise<T> {
  const database = createDatabase(url, { max: 1, applicationName: 'baigou-bench-match' });
  try {
    return await work((sql, params) => database.pool.query(sql, params as unknown[]));
  } finally {
    await database.close();
  }
}

async function load(
  query: (sql: string, params?: unknown[]) => Promise<unknown>,
  types: readonly ProductType[],
): Promise<void> {
  await query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await query('CREATE TABLE product_terms (code text NOT NULL, hs8 text NOT NULL, term text NOT NULL)');
  const rows = types.flatMap((t) =>
    [...new Set([t.nameZh, t.nameEn, ...t.aliases])].map((term) => [t.code, t.hs8, term] as const),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await query(
      `INSERT INTO product_terms (code, hs8, term) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [chunk.map((r) => r[0]), chunk.map((r) => r[1]), chunk.map((r) => r[2])],
    );
  }
  await query('CREATE INDEX product_terms_trgm ON product_terms USING gin (term gin_trgm_ops)');
  await query('ANALYZE product_terms');
}

const topThreeSql = (fn: 'similarity' | 'word_similarity', op: '%' | '<%') => `
  SELECT hs8, best FROM (
    SELECT DISTINCT ON (hs8) hs8, ${fn}(term, $1) AS best
    FROM product_terms WHERE term ${op} $1
    ORDER BY hs8, best DESC
  ) per_code ORDER BY best DESC, hs8 LIMIT 3`;

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

async function answer(
  query: Query,
  sql: string,
  rows: readonly Row[],
  minTitles: number,
): Promise<{ predictions: Prediction[]; speed: Speed }> {
  const predictions: Prediction[] = [];
  for (const row of rows) {
    const ranked = (await query(sql, [row.description])).rows.map((r) => String(r.hs8));
    predictions.push({ ranked, abstained: ranked.length === 0 });
  }
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; latencies.length < Math.max(minTitles, rows.length); i += 1) {
    const t0 = performance.now();
    await query(sql, [rows[i % rows.length]!.description]);
    latencies.push(performance.now() - t0);
  }
  return { predictions, speed: speedFigures(latencies, performance.now() - start) };
}

async function probeCjk(query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>): Promise<string[]> {
  const locale = await query(`SELECT datcollate, datctype FROM pg_database WHERE datname = current_database()`);
  const trgm = await query(`SELECT show_trgm('拉杆箱') AS cjk, show_trgm('trolley') AS latin`);
  const cjk = String(trgm.rows[0]?.cjk ?? '');
  return [
    `scratch database ${scratchName}: ENCODING UTF8, collate ${String(locale.rows[0]?.datcollate)}, ctype ${String(locale.rows[0]?.datctype)}`,
    `show_trgm('拉杆箱') = ${cjk}; show_trgm('trolley') = ${String(trgm.rows[0]?.latin)}`,
    cjk === '{}'
      ? 'CJK characters are DROPPED by trigram extraction in this locale'
      : 'CJK characters SURVIVE trigram extraction in this locale',
  ];
}

export interface TrgmRun {
  mode: string;
  rows: readonly Row[];
  predictions: Prediction[];
  speed: Speed;
}

export async function runTrgmBaseline(
  rows: readonly Row[],
  types: readonly ProductType[],
): Promise<{ runs: TrgmRun[]; notes: string[] }> {
  await withServer(async (query) => {
    await query(`DROP DATABASE IF EXISTS ${scratchName}`);
    await query(`CREATE DATABASE ${scratchName} ENCODING 'UTF8' TEMPLATE template0`);
  }, serverUrl);
  try {
    return await withServer(async (query) => {
      await load(query, types);
      const notes = await probeCjk(query);
      await query(`SET pg_trgm.similarity_threshold = 0.1`);
      await query(`SET pg_trgm.word_similarity_threshold = 0.3`);
      const main = await answer(query, topThreeSql('similarity', '%'), rows, minTitles);
      const sample = rows.filter((_, i) => i % wordSimilaritySampleEvery === 0);
      const word = await answer(query, topThreeSql('word_similarity', '<%'), sample, 0);
      return {
        notes,
        runs: [
          { mode: 'similarity, GIN `%`, threshold 0.1', rows, ...main },
          {
            mode: `word_similarity, threshold 0.3, sequential scan, sample of ${sample.length} titles`,
            rows: sample,
            ...word,
          },
        ],
      };
    }, scratchUrl());
  } finally {
    await withServer((query) => query(`DROP DATABASE IF EXISTS ${scratchName}`), serverUrl);
  }
}
