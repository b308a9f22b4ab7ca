/**
 * The labelled titles the matcher's learned second opinion is trained on (`labelled-titles.csv`
 * beside this file, written by `build/build-labelled-titles.ts`; sources in README.md). The content
 * hash pins what was learnt: it is part of the model's id, which every answer the model touched
 * names in its notes and every version records.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

let cached: LabelledTitles | null = null;

/** Reads the committed labelled titles once. */
export function loadLabelledTitles(): LabelledTitles {
  if (cached) return cached;
  const text = readFileSync(new URL('./labelled-titles.csv', import.meta.url), 'utf8');
  const titles = parseCsv(text).map((row) =>
    Object.freeze({
      source: row.source ?? '',
      id: row.id ?? '',
      description: row.description ?? '',
      hs8: row.hs8 ?? '',
    }),
  );
  cached = Object.freeze({ titles: Object.freeze(titles), sha256: createHash('sha256').update(text).digest('hex') });
  return cached;
}
