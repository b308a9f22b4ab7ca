import { normaliseText } from '../../price-library';

/** Pure rules of the excluded-goods list (DOMAIN §1.1, §10 rule 4). No I/O. */

export type ModeExclusionKind = 'prohibited' | 'restricted' | 'suspended';
export type SimplificationExclusionKind = 'export_duty' | 'inspection' | 'customs_excluded';
const SIMPLIFICATION_KINDS: readonly string[] = [
  'export_duty',
  'inspection',
  'customs_excluded',
] satisfies SimplificationExclusionKind[];

export interface ExcludedGoodsEntry {
  id: string;
  /** prohibited / restricted / suspended keep goods out of 1039 (refused at intake); the others only out of simplified declaration (itemised). */
  kind: ModeExclusionKind | SimplificationExclusionKind;
  hsPrefix: string | null;
  keyword: string | null;
  reason: string;
  source: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** A goods line as the list sees it: its words and every HS code it may be declared under. */
export interface ScreenedLine {
  description: string;
  spec?: string | undefined;
  /** The declared code and the top candidate's code; a line hits if any of them falls under a prefix. */
  hsCodes: readonly string[];
}

export interface ExcludedHit {
  entry: ExcludedGoodsEntry;
  /** What matched: the HS code under the prefix, or the keyword found in the text. */
  matchedOn: { hsCode: string } | { keyword: string };
}

/** In force on `day` (YYYY-MM-DD): from effective_from through effective_to inclusive; null = open. */
export const inForce = (entry: Pick<ExcludedGoodsEntry, 'effectiveFrom' | 'effectiveTo'>, day: string) =>
  entry.effectiveFrom <= day && (entry.effectiveTo === null || day <= entry.effectiveTo);

/**
 * The first entry (in the given order) a line hits. Either criterion of an entry suffices: an HS
 * prefix catches goods whatever they are called, a keyword catches goods declared under another
 * code. Text is compared after the matcher's normalisation (full-width, traditional, case).
 */
export function screenLine(line: ScreenedLine, entries: readonly ExcludedGoodsEntry[]): ExcludedHit | null {
  const text = normaliseText(`${line.description} ${line.spec ?? ''}`);
  for (const entry of entries) {
    const hsCode = entry.hsPrefix ? line.hsCodes.find((code) => code.startsWith(entry.hsPrefix!)) : undefined;
    if (hsCode) return { entry, matchedOn: { hsCode } };
    if (entry.keyword && text.includes(normaliseText(entry.keyword)))
      return { entry, matchedOn: { keyword: entry.keyword } };
  }
  return null;
}

/** Entries that refuse goods at intake (the 1039 mode), and entries that only keep goods itemised on the declaration. */
export const modeExclusions = (entries: readonly ExcludedGoodsEntry[]) =>
  entries.filter((entry) => !SIMPLIFICATION_KINDS.includes(entry.kind));
export const simplificationExclusions = (entries: readonly ExcludedGoodsEntry[]) =>
  entries.filter((entry) => SIMPLIFICATION_KINDS.includes(entry.kind));
