import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { comparableTitle, evaluationSets, loadLabelledTitles } from './labelled-titles';

const matchingDir = new URL('../../../../../data/matching/', import.meta.url);
const present = evaluationSets.filter((name) => existsSync(new URL(`${name}.csv`, matchingDir)));

describe('labelled-titles.csv', () => {
  const { titles } = loadLabelledTitles();

  it('takes no title from an evaluation set, by source or by text', () => {
    expect(present.length).toBe(evaluationSets.length);
    const learnt = new Set(titles.map((title) => comparableTitle(title.description)));
    for (const name of present) {
      expect(titles.filter((title) => title.source === name)).toEqual([]);
      const rows = parseCsv(readFileSync(new URL(`${name}.csv`, matchingDir), 'utf8'));
      const shared = rows.filter((row) => learnt.has(comparableTitle(row.description ?? ''))).map((row) => row.id);
      expect(shared, `${name} titles among the labelled titles`).toEqual([]);
    }
  });
});
