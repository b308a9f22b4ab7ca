/**
 * Seller misspellings read as the catalogue word they stand for, with a note and a confidence
 * discount, so that a typo no longer hides the goods:
 *
 * - `same-sound` (同音字): Chinese is typed by pinyin, and the input method offers every character of
 *   a syllable; a seller picks the wrong one (手题包 for 手提包, 雨散 for 雨伞). A run of characters
 *   that is no catalogue phrase, but becomes one when ONE character is swapped for a character of
 *   the same toneless pinyin (`pinyin-pro`), is read as that phrase.
 * - `one-edit` / `two-edits`: an English word that is neither a catalogue word nor an English word
 *   (an-array-of-english-words) and is one Damerau-Levenshtein edit (two from 10 letters) from a
 *   catalogue word is read as that word (Wallte → wallet, Luggae → luggage), looked up in a
 *   symmetric-delete index so that the cost does not grow with the vocabulary.
 *
 * A correctly written word is never changed: a character inside an exact phrase or a material
 * word is never swapped, a window whose swapped character forms a bigram the catalogue knows is
 * left alone, and an English word of the dictionary or the catalogue is kept as written.
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { groupBy } from '../../shared/collections';
import { scanFacets } from './facets';
import { colourWords, stopWords } from './lexicon';
import { CJK_FIRST, isCjkCode, stem, stemLatin } from './normalise';
import { matchPhrases, type TermIndex } from './term-index';

export interface Correction {
  written: string;
  readAs: string;
  kind: 'same-sound' | 'one-edit' | 'two-edits';
  note: string;
}

export interface SpellIndex {
  /** Per trie node: toneless pinyin → [child character, child node]. */
  byPinyin: Array<Map<string, Array<readonly [string, number]>> | undefined>;
  /**
   * The first character swapped, looked up with the second at once (the root has thousands of
   * children): toneless pinyin + second character → [first character, node after the second].
   */
  firstSwapped: Map<string, Map<string, Array<readonly [string, number]>>>;
  /**
   * What a swapped character needs beside it: for every character of every phrase of ≥ 2 characters,
   * its reading and the character before it (`before`) or after it (`after`) → the phrase characters
   * of that reading found there (char codes, keyed by besideKey), so a character that no OTHER
   * character of its sound could replace beside its neighbour is never tried (学 in 学生: only 学
   * itself stands before 生). Numbers, not strings: this is looked up for every uncovered character.
   */
  before: ReadonlyMap<number, readonly number[]>;
  after: ReadonlyMap<number, readonly number[]>;
  /** The longest phrase, in characters. */
  longest: number;
  /** Catalogue English words (stemmed) of at least 4 letters, with how many types use them. */
  vocabulary: ReadonlyMap<string, number>;
  /** Symmetric-delete index: a vocabulary word with up to two letters deleted → the words. */
  deletes: ReadonlyMap<string, readonly string[]>;
}

const cjkChar = /[\u3400-\u9fff]/;
const isCjk = (text: string, i: number) => isCjkCode(text.charCodeAt(i));
const readingCache = new Map<string, readonly string[]>();

/** All toneless pinyin readings of one Chinese character (行: xing, hang, heng). */
export function readings(char: string): readonly string[] {
  let r = readingCache.get(char);
  if (!r) {
    r = [...new Set(pinyin(char, { toneType: 'none', multiple: true, type: 'array' }))];
    readingCache.set(char, r);
  }
  return r;
}

/** Every reading met so far, numbered: `readingText[id]`. */
const readingText: string[] = [];
const readingId = new Map<string, number>();
/** The reading ids of each character of U+3400–U+9FFF, by code point, filled as characters are met. */
const readingIdsByCode: Array<readonly number[] | undefined> = [];

function readingIdsAt(text: string, i: number): readonly number[] {
  const code = text.charCodeAt(i);
  let ids = readingIdsByCode[code - CJK_FIRST];
  if (!ids) {
    ids = readings(text[i]!).map((r) => {
      let id = readingId.get(r);
      if (id === undefined) readingId.set(r, (id = readingText.push(r) - 1));
      return id;
    });
    readingIdsByCode[code - CJK_FIRST] = ids;
  }
  return ids;
}

/** The key of a reading beside a neighbouring character (a UTF-16 code unit). */
const besideKey = (id: number, neighbour: number) => id * 0x10000 + neighbour;

let dictionary: ReadonlySet<string> | undefined;
/** The English dictionary (about 275,000 words), loaded once per process. */
function englishWords(): ReadonlySet<string> {
  dictionary ??= new Set(createRequire(import.meta.url)('an-array-of-english-words') as string[]);
  return dictionary;
}

/** Every string made by deleting up to `max` letters of `word` (itself included). */
function deletesOf(word: string, max: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let d = 0; d < max; d += 1) {
    const next: string[] = [];
    for (const w of frontier)
      for (let i = 0; i < w.length; i += 1) {
        const del = w.slice(0, i) + w.slice(i + 1);
        if (out.has(del)) continue;
        next.push(del);
        out.add(del);
      }
    frontier = next;
  }
  return out;
}

/**
 * One edit from 5 letters; two only from 10 (brand names of 8–9 letters are two edits from a
 * catalogue word too often: spalding / standing, jansport / passport).
 */
const maxEdits = (word: string) => (word.length >= 10 ? 2 : word.length >= 5 ? 1 : 0);

function englishVocabulary(index: TermIndex): Map<string, number> {
  const vocabulary = new Map<string, number>();
  const add = (word: string, uses: number) => vocabulary.set(word, (vocabulary.get(word) ?? 0) + uses);
  for (const p of index.phrases)
    for (const w of p.text.match(/[a-z]{4,}/g) ?? []) if (!stopWords.has(w)) add(w, p.typeIds.length);
  for (const [gram, posting] of index.grams)
    if (/^[a-z]{4,}$/.test(gram) && !stopWords.has(gram)) add(gram, posting.typeIds.length);
  return vocabulary;
}

export function buildSpellIndex(index: TermIndex): SpellIndex {
  const byPinyin = index.children.map((children) => {
    const links = [...children]
      .map(([code, node]) => [String.fromCharCode(code), node] as const)
      .filter(([char]) => cjkChar.test(char))
      .flatMap(([char, node]) => readings(char).map((r) => ({ r, link: [char, node] as const })));
    // Most nodes end a phrase and have no child: no map for them.
    return links.length
      ? groupBy(
          links,
          (l) => l.r,
          (l) => l.link,
        )
      : undefined;
  });
  const firstSwapped = new Map<string, Map<string, Array<readonly [string, number]>>>();
  for (const [reading, firsts] of byPinyin[0] ?? []) {
    const links = firsts.flatMap(([char, node]) =>
      [...index.children[node]!].map(([second, next]) => ({
        second: String.fromCharCode(second),
        link: [char, next] as const,
      })),
    );
    firstSwapped.set(
      reading,
      groupBy(
        links,
        (l) => l.second,
        (l) => l.link,
      ),
    );
  }
  const before = new Map<number, number[]>();
  const after = new Map<number, number[]>();
  const add = (map: Map<number, number[]>, key: number, char: number) => {
    const chars = map.get(key);
    if (!chars) map.set(key, [char]);
    else if (!chars.includes(char)) chars.push(char);
  };
  for (const { text } of index.phrases) {
    if (text.length < 2 || !/^[\u3400-\u9fff]+$/.test(text)) continue;
    for (let j = 0; j < text.length; j += 1)
      for (const id of readingIdsAt(text, j)) {
        if (j > 0) add(before, besideKey(id, text.charCodeAt(j - 1)), text.charCodeAt(j));
        if (j + 1 < text.length) add(after, besideKey(id, text.charCodeAt(j + 1)), text.charCodeAt(j));
      }
  }
  const vocabulary = englishVocabulary(index);
  const deletes = groupBy(
    [...vocabulary.keys()].flatMap((word) =>
      [...deletesOf(word, word.length >= 9 ? 2 : 1)].map((del) => ({ del, word })),
    ),
    (d) => d.del,
    (d) => d.word,
  );
  englishWords();
  const longest = Math.max(0, ...index.phrases.map((p) => p.text.length));
  return { byPinyin, firstSwapped, before, after, longest, vocabulary, deletes };
}

interface Swap {
  start: number;
  end: number;
  at: number;
  char: string;
  phrase: number;
}

/** Continues a swapped window with exact characters, recording every phrase it completes. */
function exactTail(
  index: TermIndex,
  text: string,
  from: Omit<Swap, 'end' | 'phrase'>,
  node: number,
  i: number,
  found: Swap[],
) {
  for (let n: number | undefined = node, j = i; n !== undefined; j += 1) {
    const phrase = index.phraseAt[n]!;
    if (phrase >= 0 && j - from.start >= 2) found.push({ ...from, end: j, phrase });
    if (!isCjk(text, j)) return;
    n = index.children[n]!.get(text.charCodeAt(j));
  }
}

/** One-character same-sound swaps that turn a window starting at `start` into a catalogue phrase. */
function swapsFrom(
  index: TermIndex,
  spell: SpellIndex,
  text: string,
  sounds: ReadonlyArray<readonly string[]>,
  start: number,
  found: Swap[],
): void {
  let node: number | undefined = 0;
  // Past the last character that may be swapped the walk can find no swap.
  for (let i = start; node !== undefined && i < sounds.length && isCjk(text, i); i += 1) {
    const c = text[i]!;
    // sounds[i] is empty where an exact word covers the character: it is never swapped.
    for (const r of sounds[i]!) {
      if (node === 0) {
        for (const [char, next] of spell.firstSwapped.get(r)?.get(text[i + 1] ?? '') ?? [])
          if (char !== c) exactTail(index, text, { start, at: i, char }, next, i + 2, found);
      } else {
        for (const [char, child] of spell.byPinyin[node]?.get(r) ?? [])
          if (char !== c) exactTail(index, text, { start, at: i, char }, child, i + 1, found);
      }
    }
    node = index.children[node]!.get(text.charCodeAt(i));
  }
}

const keptAsWritten = new Set([...colourWords.filter((w) => w.length === 1), ...'式款风状形号码装用色'.split('')]);

/** Spans a correctly written word occupies: exact catalogue phrases and material or make words. */
function exactSpans(index: TermIndex, text: string): boolean[] {
  const words = scanFacets(text);
  const covered = new Array<boolean>(text.length).fill(false);
  for (const w of [...matchPhrases(index, text, words), ...words]) covered.fill(true, w.start, w.end);
  return covered;
}

/**
 * Whether the character at `at` may be swapped at all, whatever the window: no exact word covers it,
 * it is no colour or style, size or use suffix (蓝, 式, 款, 号, 用), written on purpose, and it does not
 * form a bigram the catalogue knows with both neighbours (大容量: 大容 and 容量).
 */
function swappable(index: TermIndex, text: string, at: number, exact: readonly boolean[]): boolean {
  if (!isCjk(text, at) || exact[at] || keptAsWritten.has(text[at]!)) return false;
  return !(knownLeft(index, text, at) && knownRight(index, text, at));
}

const knownLeft = (index: TermIndex, text: string, at: number) => index.grams.has(text.slice(at - 1, at + 1));
const knownRight = (index: TermIndex, text: string, at: number) => index.grams.has(text.slice(at, at + 2));

const none: readonly string[] = [];

/** Whether `chars` holds a character other than `char` (char codes). */
function another(chars: readonly number[] | undefined, char: number): boolean {
  if (!chars) return false;
  for (const c of chars) if (c !== char) return true;
  return false;
}

/** The readings of the character at `i` that some phrase has beside the character's neighbour. */
function soundsBeside(spell: SpellIndex, text: string, i: number): readonly string[] {
  const char = text.charCodeAt(i);
  const left = i > 0 ? text.charCodeAt(i - 1) : -1;
  const right = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
  let fit: string[] | undefined;
  // Plain loops and number keys, no closures: this runs for every uncovered character of every title.
  for (const id of readingIdsAt(text, i))
    if (
      (left >= 0 && another(spell.before.get(besideKey(id, left)), char)) ||
      (right >= 0 && another(spell.after.get(besideKey(id, right)), char))
    )
      (fit ??= []).push(readingText[id]!);
  return fit ?? none;
}

/** Whether a swap found in swappable characters reads as a goods noun where it stands. */
function plausible(index: TermIndex, text: string, swap: Swap, exact: readonly boolean[]) {
  const phrase = index.phrases[swap.phrase]!;
  if (phrase.qualifier || !/^[\u3400-\u9fff]+$/.test(phrase.text)) return false;
  // A bigram the catalogue knows across the window's edge says the character belongs to the next or
  // previous word (衣加绒: 加绒, 剪刀家用: 家用); a window made only of bigrams the catalogue knows is
  // written as words are (天然气: 天然, 然气), while one unknown bigram marks the typo (运冻鞋: 运冻).
  const at = swap.at;
  if ((at === swap.start && knownLeft(index, text, at)) || (at === swap.end - 1 && knownRight(index, text, at)))
    return false;
  let unknown = false;
  for (let i = swap.start; i + 2 <= swap.end && !unknown; i += 1) unknown = !index.grams.has(text.slice(i, i + 2));
  if (!unknown) return false;
  // A first character swapped right after an uncovered Chinese character more often ends the
  // previous word (特技车: 特技; 软面拖鞋: 软面; 超轻雨伞: 超轻) than misspells this one, when the rest
  // of the window is one character or already a goods phrase (拖鞋, 雨伞).
  const rest = text.slice(swap.at + 1, swap.end);
  const first = swap.at === swap.start && (rest.length === 1 || index.phraseIds.has(rest));
  if (first && swap.at > 0 && isCjk(text, swap.at - 1) && !exact[swap.at - 1]) return false;
  // In X子 / X儿 / X头 the suffix carries no meaning: swapping X would leave nothing of the word (柜子).
  if (swap.end - swap.start === 2 && /[子儿头]/.test(phrase.text[1]!) && swap.at === swap.start) return false;
  // Chinese puts the head noun last: a last character swapped while the run goes on is more often the
  // first character of the next word (帽大檐, 刀便携) than a misspelt head.
  return !(swap.at === swap.end - 1 && isCjk(text, swap.end));
}

/**
 * Same-sound swaps of a title, longest window first, none overlapping another. A swap is kept only
 * where no correctly written word is: the swapped character lies in no exact phrase or material word,
 * no exact phrase spans the window, the target names goods (no qualifier), and the swapped character
 * forms no bigram the catalogue knows with its neighbours in the window.
 */
export function sameSoundSwaps(
  index: TermIndex,
  spell: SpellIndex,
  text: string,
  exact: readonly boolean[] = exactSpans(index, text),
): Swap[] {
  // The readings of each character that may be swapped; none for the others (most titles have none).
  const sounds: Array<readonly string[]> = [];
  for (let i = 0; i < text.length; i += 1) {
    const beside = isCjk(text, i) && !exact[i] ? soundsBeside(spell, text, i) : none;
    sounds.push(beside.length && swappable(index, text, i, exact) ? beside : none);
  }
  while (sounds.length && sounds[sounds.length - 1]!.length === 0) sounds.pop();
  if (sounds.length === 0) return [];
  const all: Swap[] = [];
  // A window reaches the first swappable character only from at most `longest` characters before it.
  const first = sounds.findIndex((r) => r.length > 0);
  for (let s = Math.max(0, first - spell.longest + 1); s < sounds.length; s += 1)
    if (isCjk(text, s)) swapsFrom(index, spell, text, sounds, s, all);
  const kept: Swap[] = [];
  for (const swap of all
    .filter((w) => plausible(index, text, w, exact))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.char.localeCompare(b.char)))
    if (!kept.some((k) => k.start < swap.end && swap.start < k.end)) kept.push(swap);
  return kept;
}

/** Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) d[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1)
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

// A Latin word that is a run of pinyin syllables is a Chinese brand or word (BEIKE, HUAYI), no typo.
const pinyinWord =
  /^(?:(?:[jqx](?:iong|iang|iao|ian|ing|ia|ie|in|iu|ue|u|i|un|uan)|(?:zh|ch|sh|[bpmfdtnlgkhrzcsyw])?(?:iang|iong|uang|uai|uan|ang|eng|ing|ong|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v)))+$/;
const isPinyin = (word: string) => pinyinWord.test(word);

const isBefore = (a: readonly number[], b: readonly number[]) => {
  const i = a.findIndex((v, k) => v !== b[k]);
  return i >= 0 && a[i]! < b[i]!;
};

/**
 * Fewest edits first; then a word of the same first letter (sellers rarely miss the first letter:
 * sholder is shoulder, not holder); then the word more types use.
 */
function rank(spell: SpellIndex, written: string, candidate: string, edits: number): number[] {
  return [edits, candidate[0] === written[0] ? 0 : 1, -spell.vocabulary.get(candidate)!];
}

/** The catalogue word an unknown English word is a misspelling of, or undefined. */
export function nearestWord(spell: SpellIndex, word: string): { word: string; edits: number } | undefined {
  const stemmed = stem(word);
  const max = maxEdits(stemmed);
  if (max === 0 || stopWords.has(word) || spell.vocabulary.has(stemmed) || spell.vocabulary.has(word)) return undefined;
  if (englishWords().has(word) || englishWords().has(stemmed) || isPinyin(word)) return undefined;
  let best: { word: string; edits: number; key: number[] } | undefined;
  for (const del of deletesOf(stemmed, max))
    for (const candidate of spell.deletes.get(del) ?? []) {
      const edits = editDistance(stemmed, candidate);
      const key = rank(spell, stemmed, candidate, edits);
      // Two edits only keep the first letter: jansport (a brand) is no passport.
      if (edits > max || (edits === 2 && candidate[0] !== stemmed[0]) || (best && !isBefore(key, best.key))) continue;
      best = { word: candidate, edits, key };
    }
  return best && { word: best.word, edits: best.edits };
}

/** Same-sound misspellings of a (stemmed) title: `rule:read-as(手题包 读作 手提包, 同音字 / same sound)`. */
export function readSameSound(
  index: TermIndex,
  spell: SpellIndex,
  text: string,
  exact?: readonly boolean[],
): Correction[] {
  return sameSoundSwaps(index, spell, text, exact).map((swap) => {
    const written = text.slice(swap.start, swap.end);
    const readAs = index.phrases[swap.phrase]!.text;
    return {
      written,
      readAs,
      kind: 'same-sound',
      note: `rule:read-as(${written} 读作 ${readAs}, 同音字 / same sound)`,
    };
  });
}

/** English misspellings read as catalogue words: `rule:read-as(wallte read as wallet, one edit)`. */
export function readEnglishMisspellings(spell: SpellIndex, text: string): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const out = text.replace(/(?<![a-z0-9])[a-z]{5,}(?![a-z0-9])/g, (word) => {
    const near = nearestWord(spell, word);
    if (!near) return word;
    const kind = near.edits === 1 ? 'one-edit' : 'two-edits';
    const note = `rule:read-as(${word} read as ${near.word}, ${kind.replace('-', ' ')})`;
    corrections.push({ written: word, readAs: near.word, kind, note });
    return near.word;
  });
  // The title itself when nothing was read otherwise: a rebuilt string is slower to scan downstream.
  return { text: corrections.length ? out : text, corrections };
}

/** `text` with each correction's written form replaced by what it is read as. */
export function readAsCorrected(text: string, corrections: readonly Correction[]): string {
  let out = text;
  for (const c of corrections) out = out.replace(c.written, c.readAs);
  return out;
}

/** The title with its misspellings read as catalogue words, and one note per correction. */
export function readMisspellings(
  index: TermIndex,
  spell: SpellIndex,
  text: string,
): { text: string; corrections: Correction[] } {
  const english = readEnglishMisspellings(spell, text);
  const stemmed = stemLatin(english.text);
  const sameSound = readSameSound(index, spell, stemmed);
  return { text: readAsCorrected(english.text, sameSound), corrections: [...sameSound, ...english.corrections] };
}
