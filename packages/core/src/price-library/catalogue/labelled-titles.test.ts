import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { comparableTitle, loadLabelledTitles } from './labelled-titles';

/** The evaluation sets (data/matching/README.md): measured, never trained or tuned on. */
const matchingDir = new URL('../../../../../data/matching/', import.meta.url);
const evaluationSets = ['independent', ...[4, 5, 6, 7, 8, 9].map((n) => `holdout-${n}`)].filter((name) =>
  existsSync(new URL(`${name}.csv`, matchingDir)),
);

describe('labelled-titles.csv', () => {
  const { titles } = loadLabelledTitles();

  it('takes no title from an evaluation set, by source or by text', () => {
    expect(evaluationSets.length).toBeGreaterThan(0);
    const learnt = new Set(titles.map((title) => comparableTitle(title.description)));
    for (const name of evaluationSets) {
      expect(titles.filter((title) => title.source === name)).toEqual([]);
      const rows = parseCsv(readFileSync(new URL(`${name}.csv`, matchingDir), 'utf8'));
      const shared = rows.filter((row) => learnt.has(comparableTitle(row.description ?? ''))).map((row) => row.id);
      expect(shared, `${name} titles among the labelled titles`).toEqual([]);
    }
  });
});
