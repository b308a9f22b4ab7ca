/**
 * Learning from confirmed codes: titles whose HS code a person fixed (a firm that declared a code
 * other than the matcher's, a staff correction in review) become CANDIDATE aliases for the next
 * price-library version. Nothing is learnt silently: the candidates are proposed as a new version
 * (proposed, diffed, approved like any other), and a match records the version it used, so a
 * match made after approval replays against that version.
 *
 * Pure: confirmations and the active version's types in, alias proposals and the new type list
 * out. What a candidate is:
 *
 * - a word of the title as the matcher reads it (normalised, noise and rule-discounted words
 *   removed) that is not a material, make, gender or power word, that no phrase of the version
 *   already covers, and that is at least two Chinese characters or one English word of 4+ letters;
 *   Chinese puts the head noun last, so each tail of a Chinese word is a candidate too (彩色小风车
 *   teaches 小风车), and of nested candidates with the same evidence the longest is kept;
 * - seen for ONE HS8 only among all confirmations, including those that agreed with the matcher
 *   (a word confirmed for two codes, such as 静音 or 便携, says nothing about the goods);
 * - taught by at least one line a person fixed, with enough evidence: `minEvidence`
 *   confirmations, a staff correction counting as two (staff read the goods; a firm's
 *   declaration may be its habit).
 */
import type { ProductType } from './catalogue/catalogue';
import { scanFacets } from './matcher/facets';
import { marketingWords, qualifierWords, stopWords } from './matcher/lexicon';
import { normaliseText, stemLatin } from './matcher/normalise';
import { readTitle } from './matcher/rules';

export type ConfirmationSource = 'declared' | 'staff-correction';

export interface ConfirmedCode {
  description: string;
  /** The code a person confirmed (8 digits or more; compared on 8). */
  hsCode: string;
  source: ConfirmationSource;
  /** The person changed the matcher's answer (or gave one where it abstained). */
  fixed: boolean;
}

export interface AliasProposal {
  productTypeCode: string;
  hs8: string;
  alias: string;
  /** Weighted count of confirmations (a staff correction counts twice). */
  evidence: number;
  /** Up to three titles that support it, for the reviewer. */
  examples: string[];
}

export interface LearningOptions {
  minEvidence: number;
}

const evidenceOf = (source: ConfirmationSource) => (source === 'staff-correction' ? 2 : 1);
/** Words the title rules put in place of what they discount (classification-rules.ts). */
const ruleTokens = new Set(['镀层', '包贵金属', '纹']);
const cjkWord = /^[\u3400-\u9fff]{2,8}$/;
const latinWord = /^[a-z][a-z-]{3,}$/;

/** Tails of a Chinese word, longest first, up to (not past) one the version already knows. */
function tails(word: string, known: (word: string) => boolean): string[] {
  if (!cjkWord.test(word)) return known(word) ? [] : [word];
  const out: string[] = [];
  for (let i = 0; i + 2 <= word.length; i += 1) {
    const tail = word.slice(i);
    if (known(tail)) break;
    out.push(tail);
  }
  return out;
}

/** The words of a title that could name goods: not attributes, not marketing, not too short. */
export function candidateWords(description: string, known: (word: string) => boolean = () => false): string[] {
  const text = stemLatin(readTitle(description).text);
  const attributes = scanFacets(text);
  const masked = text
    .split('')
    .map((ch, i) => (attributes.some((hit) => hit.start <= i && i < hit.end) ? ' ' : ch))
    .join('');
  const words = masked
    .split(/\s+/)
    .filter((w) => cjkWord.test(w) || latinWord.test(w))
    .filter((w) => !qualifierWords.has(w) && !marketingWords.includes(w) && !stopWords.has(w) && !ruleTokens.has(w));
  return [...new Set(words.flatMap((w) => tails(w, known)))];
}

/**
 * What the version already reads: its phrases, and every word that two or more HS8 codes' aliases
 * contain (case, strap, 收纳): such a word is general and would point to the wrong code.
 */
function knownWords(types: readonly ProductType[]): (word: string) => boolean {
  const phrases = new Set<string>();
  const aliasesByHs8 = new Map<string, string>();
  for (const type of types)
    for (const alias of type.aliases) {
      const text = stemLatin(normaliseText(alias));
      phrases.add(text);
      aliasesByHs8.set(type.hs8, `${aliasesByHs8.get(type.hs8) ?? ''}|${text}`);
    }
  const all = [...aliasesByHs8.values()];
  const cache = new Map<string, boolean>();
  return (word) => {
    if (phrases.has(word)) return true;
    if (!cache.has(word)) cache.set(word, all.filter((aliases) => aliases.includes(word)).length >= 2);
    return cache.get(word)!;
  };
}

/** The type an alias goes to: the HS8-derived type of the confirmed code (`PT-<hs8>`), if the version has it. */
function typeFor(types: ReadonlyMap<string, ProductType>, hs8: string): ProductType | undefined {
  return types.get(`PT-${hs8}`);
}

interface Tally {
  codes: Map<string, number>;
  fixed: number;
  examples: Map<string, string[]>;
}

function tally(confirmations: readonly ConfirmedCode[], known: (word: string) => boolean): Map<string, Tally> {
  const words = new Map<string, Tally>();
  for (const confirmation of confirmations) {
    const hs8 = confirmation.hsCode.slice(0, 8);
    for (const word of candidateWords(confirmation.description, known)) {
      const t = words.get(word) ?? { codes: new Map(), fixed: 0, examples: new Map() };
      t.codes.set(hs8, (t.codes.get(hs8) ?? 0) + evidenceOf(confirmation.source));
      if (confirmation.fixed) t.fixed += 1;
      const examples = t.examples.get(hs8) ?? [];
      if (examples.length < 3) examples.push(confirmation.description);
      t.examples.set(hs8, examples);
      words.set(word, t);
    }
  }
  return words;
}

/** Alias proposals from confirmed codes, sorted by type code then alias. */
export function learnAliases(
  types: readonly ProductType[],
  confirmations: readonly ConfirmedCode[],
  options: LearningOptions,
): AliasProposal[] {
  const byCode = new Map(types.map((type) => [type.code, type]));
  const proposals: AliasProposal[] = [];
  for (const [alias, t] of tally(confirmations, knownWords(types))) {
    if (t.codes.size !== 1 || t.fixed === 0) continue;
    const [hs8, evidence] = [...t.codes][0]!;
    const type = typeFor(byCode, hs8);
    if (!type || evidence < options.minEvidence) continue;
    proposals.push({ productTypeCode: type.code, hs8, alias, evidence, examples: t.examples.get(hs8) ?? [] });
  }
  const nested = (p: AliasProposal) =>
    proposals.some(
      (q) =>
        q !== p && q.productTypeCode === p.productTypeCode && q.alias.endsWith(p.alias) && q.evidence >= p.evidence,
    );
  return proposals
    .filter((p) => !nested(p))
    .sort((a, b) =>
      a.productTypeCode === b.productTypeCode
        ? a.alias < b.alias
          ? -1
          : 1
        : a.productTypeCode < b.productTypeCode
          ? -1
          : 1,
    );
}

/** The version's types with the proposed aliases added (new objects; the input is not changed). */
export function withLearnedAliases(types: readonly ProductType[], proposals: readonly AliasProposal[]): ProductType[] {
  const added = new Map<string, string[]>();
  for (const p of proposals) added.set(p.productTypeCode, [...(added.get(p.productTypeCode) ?? []), p.alias]);
  return types.map((type) =>
    added.has(type.code) ? { ...type, aliases: [...new Set([...type.aliases, ...added.get(type.code)!])] } : type,
  );
}

/** What the check needs of a matcher: the best code for a title, or none. */
export type TopCode = (types: readonly ProductType[]) => (description: string) => string | undefined;

/**
 * Drops every proposal that would turn a confirmed line the matcher answered right into a wrong
 * one: the confirmations are the evidence, so an alias must not contradict them. The proposals
 * kept are those a reviewer can approve without losing a line that was right.
 */
export function checkAgainstConfirmations(
  types: readonly ProductType[],
  confirmations: readonly ConfirmedCode[],
  proposals: readonly AliasProposal[],
  topCode: TopCode,
): { kept: AliasProposal[]; dropped: AliasProposal[] } {
  const before = topCode(types);
  const after = topCode(withLearnedAliases(types, proposals));
  const culprits = new Set<string>();
  for (const c of confirmations) {
    const hs8 = c.hsCode.slice(0, 8);
    if (before(c.description) !== hs8 || after(c.description) === hs8) continue;
    const text = stemLatin(readTitle(c.description).text);
    for (const p of proposals) if (text.includes(p.alias)) culprits.add(p.alias);
  }
  const kept = proposals.filter((p) => !culprits.has(p.alias));
  return { kept, dropped: proposals.filter((p) => culprits.has(p.alias)) };
}
