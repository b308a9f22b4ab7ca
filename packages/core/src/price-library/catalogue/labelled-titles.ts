/**
 * The labelled titles the matcher's learned second opinion is trained on (`labelled-titles.csv`
 * beside this file, written by `build/build-labelled-titles.ts`; sources in README.md). The content
 * hash pins what was learnt: it is part of the model's id, which every answer the model touched
 * names in its notes and every version records. A rebuild keeps the file it replaces as
 * `labelled-titles-<first 12 hex of its SHA-256>.csv`, so a version matched with it replays exactly.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { parseCsv } from './csv';

export interface LabelledTitle {
  /** The set it came from (`dev`, `tuning`, `holdout-2` …). */
  source: string;
  id: string;
  description: string;
  hs8: string;
}

export interface LabelledTitles {
  titles: readonly LabelledTitle[];
  /** SHA-256 of the file, hex. */
  sha256: string;
}

const cached = new Map<string, LabelledTitles>();

function readTitles(name: string): LabelledTitles {
  const known = cached.get(name);
  if (known) return known;
  const text = readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
  const titles = parseCsv(text).map((row) =>
    Object.freeze({
      source: row.source ?? '',
      id: row.id ?? '',
      description: row.description ?? '',
      hs8: row.hs8 ?? '',
    }),
  );
  const read = Object.freeze({
    titles: Object.freeze(titles),
    sha256: createHash('sha256').update(text).digest('hex'),
  });
  cached.set(name, read);
  return read;
}

/** The labelled sets of `data/matching/` that are measured and never trained or tuned on (its README). */
export const evaluationSets = ['independent', ...[4, 5, 6, 7, 8, 9, 10].map((n) => `holdout-${n}`)];

/**
 * A title as the training data and an evaluation set are compared: NFKC, lower case, runs of white
 * space as one. Sets written apart by different hands still share a few titles word for word
 * (`PU WALLET`); such a title is left out of the labelled titles, so no answer is learnt by heart.
 */
export const comparableTitle = (title: string) => title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The current labelled titles, read once. */
export const loadLabelledTitles = (): LabelledTitles => readTitles('labelled-titles.csv');

/** The labelled titles whose SHA-256 starts with `sha12`: the current file or one kept for older versions. */
export function labelledTitlesByHash(sha12: string): LabelledTitles | null {
  const current = loadLabelledTitles();
  if (current.sha256.startsWith(sha12)) return current;
  const kept = `labelled-titles-${sha12}.csv`;
  if (!/^[0-9a-f]{12}$/.test(sha12) || !readdirSync(new URL('.', import.meta.url)).includes(kept)) return null;
  const read = readTitles(kept);
  return read.sha256.startsWith(sha12) ? read : null;
}
