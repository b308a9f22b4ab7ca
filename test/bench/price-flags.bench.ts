/**
 * `pnpm bench:match` (second part): how well the price check flags mispriced lines, and how often it
 * flags clean ones. Pure and deterministic: no database, no network; same output on every run.
 *
 * CLEAN LINES. Part A: every product type of the catalogue × its demo reference band
 * (product types × demo bands), DRAWS lines each. Part B (end to end): the titles of
 * ../shared/data/matching/dev.csv, matched by the real matcher, priced from their true type's band.
 *
 * PRICE MODEL. A band's clean prices are log-normal fitted to its quartiles:
 *   ln P ~ Normal(μ, σ), μ = ln(median), σ = (ln q3 − ln q1) / 1.349 (the IQR of a standard normal is 1.349).
 * Draws use a seeded PRNG (mulberry32, seeded by an FNV-1a hash of the type code and draw number)
 * and Box–Muller. A quarter of the lines are quoted per dozen (打, when the band is per piece), a
 * quarter in USD at a fixed demo rate of 7.1 CNY; quotes are rounded as sellers write them
 * (2 decimals, 4 below 1), so unit and currency conversion are exercised too. Part A also reruns
 * with the demo medians but narrower spreads (σ fixed) to show what real survey spreads would give.
 *
 * MISPRICING. Each clean line is copied with its price × f, f ∈ {0.3, 0.4, 0.5, 1.5, 2, 3}: 50% or
 * more off the line's own true price. ×0.8 and ×1.2 (20% off) are shown for contrast only.
 *
 * FLAG. A line is flagged when the check's severity is not `none` (warning: remark required; review).
 * Reported: flag recall on the ≥50%-off copies (target ≥ 95%), also counting only copies whose price
 * lands ≥ 50% from the reference median, and the false-flag rate on clean lines (target ≤ 5%).
 * Part A runs `checkPrice` on every line under every policy; part B runs the service's `answerItem`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalogue, demoReferenceBands } from '../../packages/core/src/price-library/catalogue/catalogue';
import { parseCsv } from '../../packages/core/src/price-library/catalogue/csv';
import { createMatcher } from '../../packages/core/src/price-library/matcher/matcher';
import { checkPrice, defaultBandPolicy, type BandPolicy } from '../../packages/core/src/price-library/price-check';
import {
  answerItem,
  groupBands,
  type Band,
  type LoadedVersion,
} from '../../packages/core/src/price-library/price-library.models';
import { unitFactor } from '../../packages/core/src/price-library/units';
import { mulberry32 } from '../../packages/core/src/shared/random';

const DRAWS = 10;
const DEV_DRAWS = 3;
const USD_CNY = '7.1';
const LINE_DATE = '2026-11-15';
const BIG_FACTORS = [0.3, 0.4, 0.5, 1.5, 2, 3];
const SMALL_FACTORS = [0.8, 1.2];
const TARGET_RECALL = 0.95;
const TARGET_FALSE_FLAGS = 0.05;
const devPath = resolve(import.meta.dirname, '../../../shared/data/matching/dev.csv');

const policies: { name: string; policy: BandPolicy }[] = [
  { name: 'default 30%/50%', policy: defaultBandPolicy },
  { name: '40%/60%', policy: { soft: '0.40', hard: '0.60' } },
  { name: '45%/70%', policy: { soft: '0.45', hard: '0.70' } },
  { name: '60%/100%', policy: { soft: '0.60', hard: '1.00' } },
];

// ---------------------------------------------------------------------------------------------
// Deterministic draws
// ---------------------------------------------------------------------------------------------

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function standardNormal(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const sigmaOf = (band: Band) => (Math.log(Number(band.q3)) - Math.log(Number(band.q1))) / 1.349;

/** A clean price per band unit in CNY, from the band's log-normal (or a fixed σ). */
function drawPrice(band: Band, draw: number, sigma: number | undefined): number {
  const random = mulberry32(fnv1a(`${band.productTypeCode}#${draw}`));
  return Number(band.median) * Math.exp((sigma ?? sigmaOf(band)) * standardNormal(random));
}

interface Quote {
  unitPrice: string;
  unit: string;
  currency: string;
}

const write = (value: number) => (value >= 1 ? value.toFixed(2) : value.toFixed(4));

/** The price as a seller might quote it: per piece or per dozen, in CNY or USD. */
function quote(pricePerBandUnitCny: number, band: Band, draw: number): Quote {
  // How many band units one dozen is (12 for a band per piece, 0.012 for a band per thousand).
  const dozen = unitFactor('127', band.unit);
  const perDozen = draw % 4 === 1 && dozen !== null;
  const inUsd = draw % 4 === 2;
  const perUnit = perDozen ? pricePerBandUnitCny * dozen.toNumber() : pricePerBandUnitCny;
  const amount = inUsd ? perUnit / Number(USD_CNY) : perUnit;
  return { unitPrice: write(amount), unit: perDozen ? '127' : band.unit, currency: inUsd ? 'USD' : 'CNY' };
}

const cnyRate = (currency: string) => (currency === 'CNY' ? '1' : currency === 'USD' ? USD_CNY : null);

// ---------------------------------------------------------------------------------------------
// Part A: product types × demo bands
// ---------------------------------------------------------------------------------------------

interface Tally {
  clean: number;
  cleanFlagged: number;
  cleanReview: number;
  big: number;
  bigFlagged: number;
  farFromMedian: number;
  farFromMedianFlagged: number;
  byFactor: Map<number, { lines: number; flagged: number }>;
}

const newTally = (): Tally => ({
  clean: 0,
  cleanFlagged: 0,
  cleanReview: 0,
  big: 0,
  bigFlagged: 0,
  farFromMedian: 0,
  farFromMedianFlagged: 0,
  byFactor: new Map(),
});

function runPartA(bands: readonly Band[], sigma: number | undefined): Map<string, Tally> {
  const tallies = new Map(policies.map(({ name }) => [name, newTally()]));
  const record = (line: Quote, band: Band, factor: number | null) => {
    for (const { name, policy } of policies) {
      const tally = tallies.get(name)!;
      const check = checkPrice({ line, band: { ...band, version: 'bench' }, policy, cnyRate, confidentMatch: true });
      if (check.deviation === null) throw new Error(`no deviation for ${band.productTypeCode}: ${check.explanation}`);
      const flagged = check.severity !== 'none';
      if (factor === null) {
        tally.clean += 1;
        if (flagged) tally.cleanFlagged += 1;
        if (check.severity === 'review') tally.cleanReview += 1;
        continue;
      }
      const slot = tally.byFactor.get(factor) ?? { lines: 0, flagged: 0 };
      slot.lines += 1;
      if (flagged) slot.flagged += 1;
      tally.byFactor.set(factor, slot);
      if (BIG_FACTORS.includes(factor)) {
        tally.big += 1;
        if (flagged) tally.bigFlagged += 1;
        if (Math.abs(Number(check.deviation)) >= 0.5) {
          tally.farFromMedian += 1;
          if (flagged) tally.farFromMedianFlagged += 1;
        }
      }
    }
  };
  for (const band of bands) {
    for (let draw = 0; draw < DRAWS; draw += 1) {
      const price = drawPrice(band, draw, sigma);
      record(quote(price, band, draw), band, null);
      for (const factor of [...BIG_FACTORS, ...SMALL_FACTORS]) record(quote(price * factor, band, draw), band, factor);
    }
  }
  return tallies;
}

// ---------------------------------------------------------------------------------------------
// Part B: dev.csv titles through the matcher and the service's answer
// ---------------------------------------------------------------------------------------------

interface EndToEnd {
  rows: number;
  skipped: number;
  clean: number;
  cleanFlagged: number;
  cleanFlaggedByStatus: Map<string, number>;
  big: number;
  bigFlagged: number;
}

function runPartB(version: LoadedVersion, typesByHs8: Map<string, string>): EndToEnd | null {
  if (!existsSync(devPath)) return null;
  const rows = parseCsv(readFileSync(devPath, 'utf8'));
  const result: EndToEnd = {
    rows: rows.length,
    skipped: 0,
    clean: 0,
    cleanFlagged: 0,
    cleanFlaggedByStatus: new Map(),
    big: 0,
    bigFlagged: 0,
  };
  const rates = new Map([[LINE_DATE.slice(0, 7), new Map([['USD', USD_CNY]])]]);
  for (const row of rows) {
    const description = row.description ?? '';
    const gold = row.hs8 ?? '';
    const top = version.matcher.match(description, 5);
    const best = top.abstained ? undefined : top.candidates[0];
    // The true type: the matched one when its HS8 is right, else the catalogue's type for the gold HS8.
    const trueCode = best && best.hsCode.slice(0, 8) === gold ? best.productTypeCode : typesByHs8.get(gold);
    const band = trueCode ? version.bands.get(trueCode)?.[0] : undefined;
    if (!band) {
      result.skipped += 1;
      continue;
    }
    for (let draw = 0; draw < DEV_DRAWS; draw += 1) {
      const price = drawPrice(band, draw + 100, undefined);
      const flag = (factor: number) => {
        const answer = answerItem(
          version,
          { description, ...quote(price * factor, band, draw), lineDate: LINE_DATE },
          rates,
        );
        return answer.priceCheck!;
      };
      const clean = flag(1);
      result.clean += 1;
      if (clean.severity !== 'none') {
        result.cleanFlagged += 1;
        const cause =
          clean.status === 'low' || clean.status === 'high'
            ? `out of band (${best && trueCode === best.productTypeCode ? 'right type' : 'wrong type'})`
            : clean.status;
        result.cleanFlaggedByStatus.set(cause, (result.cleanFlaggedByStatus.get(cause) ?? 0) + 1);
      }
      for (const factor of BIG_FACTORS) {
        result.big += 1;
        if (flag(factor).severity !== 'none') result.bigFlagged += 1;
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const pct = (part: number, whole: number) =>
  whole === 0 ? '   n/a' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;
const mark = (ok: boolean) => (ok ? 'yes' : 'NO');

function printPartA(title: string, tallies: Map<string, Tally>) {
  console.log(`\n${title}`);
  const factors = [...BIG_FACTORS, ...SMALL_FACTORS];
  console.log(
    [
      'policy (soft/hard)'.padEnd(18),
      'clean flagged',
      'clean review',
      'recall ≥50% off',
      'recall ≥50% from median',
      ...factors.map((f) => `×${f}`.padStart(6)),
      'targets met',
    ].join(' | '),
  );
  for (const [name, tally] of tallies) {
    const recall = tally.bigFlagged / tally.big;
    const falseFlags = tally.cleanFlagged / tally.clean;
    console.log(
      [
        name.padEnd(18),
        pct(tally.cleanFlagged, tally.clean).padStart(13),
        pct(tally.cleanReview, tally.clean).padStart(12),
        pct(tally.bigFlagged, tally.big).padStart(15),
        pct(tally.farFromMedianFlagged, tally.farFromMedian).padStart(23),
        ...factors.map((factor) =>
          pct(tally.byFactor.get(factor)?.flagged ?? 0, tally.byFactor.get(factor)?.lines ?? 0),
        ),
        `recall ${mark(recall >= TARGET_RECALL)}, false flags ${mark(falseFlags <= TARGET_FALSE_FLAGS)}`,
      ].join(' | '),
    );
  }
}

function main() {
  const started = performance.now();
  const types = loadCatalogue();
  const bands: Band[] = demoReferenceBands(types).map((band) => ({ ...band }));
  const sigmas = bands.map(sigmaOf).sort((a, b) => a - b);
  console.log('Price-check flag bench (test/bench/price-flags.bench.ts; model and method in its header)');
  console.log(
    `catalogue: ${types.length} product types, ${bands.length} demo bands; demo spread σ (log-normal from the IQR): ` +
      `min ${sigmas[0]!.toFixed(3)}, median ${sigmas[Math.floor(sigmas.length / 2)]!.toFixed(3)}, max ${sigmas.at(-1)!.toFixed(3)}`,
  );
  console.log(
    `lines per scenario: ${bands.length * DRAWS} clean, ${bands.length * DRAWS * BIG_FACTORS.length} mispriced ≥50% (×${BIG_FACTORS.join(', ×')}), ${bands.length * DRAWS * SMALL_FACTORS.length} at ±20%`,
  );
  console.log(
    `targets: recall ≥ ${TARGET_RECALL * 100}% on lines ≥50% off, false flags ≤ ${TARGET_FALSE_FLAGS * 100}% on clean lines; flagged = warning or review`,
  );

  printPartA(
    'A. product types × demo bands, clean prices from each band’s own log-normal (demo spreads)',
    runPartA(bands, undefined),
  );
  for (const sigma of [0.1, 0.15, 0.2]) {
    printPartA(
      `A. same medians, narrower spread σ = ${sigma} (what tighter survey bands would give)`,
      runPartA(bands, sigma),
    );
  }

  const version: LoadedVersion = {
    id: 'bench',
    label: 'bench-demo',
    policies: { default: defaultBandPolicy, byCategory: {} },
    types: new Map(types.map((type) => [type.code, type])),
    bands: groupBands(bands),
    matcher: createMatcher(types),
  };
  const typesByHs8 = new Map<string, string>();
  for (const type of types)
    if (!typesByHs8.has(type.hs8) || type.code === `PT-${type.hs8}`) typesByHs8.set(type.hs8, type.code);
  const endToEnd = runPartB(version, typesByHs8);
  if (!endToEnd) {
    console.log(`\nB. skipped: dev set not found at ${devPath}`);
  } else {
    console.log(
      `\nB. end to end: dev.csv titles → matcher → band → price check (default policy 30%/50%, demo spreads)`,
    );
    console.log(
      `titles: ${endToEnd.rows} (${endToEnd.skipped} without a band for their gold HS8 skipped), ${DEV_DRAWS} price draws each`,
    );
    console.log(`clean lines flagged: ${pct(endToEnd.cleanFlagged, endToEnd.clean)} of ${endToEnd.clean}`);
    for (const [cause, n] of [...endToEnd.cleanFlaggedByStatus].sort((a, b) => b[1] - a[1]))
      console.log(`  ${cause.padEnd(28)} ${pct(n, endToEnd.clean)}`);
    console.log(
      `recall on lines ≥50% off (×${BIG_FACTORS.join(', ×')}): ${pct(endToEnd.bigFlagged, endToEnd.big)} of ${endToEnd.big}`,
    );
  }
  console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
