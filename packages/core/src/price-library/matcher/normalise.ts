/**
 * Text normalisation for goods titles and catalogue words. Both sides go through the same
 * `normaliseText`, so a full-width, traditional or upper-case title meets the catalogue's words
 * in one form; `stripNoise` then removes what never decides a customs code (sizes, model
 * numbers, colours, marketing words) from titles only.
 */
import * as OpenCC from 'opencc-js/t2cn';
import { colourWords, marketingWords, typoMap } from './lexicon';

// Taiwan phrases to mainland simplified (塑膠 → 塑料, 後背包 → 后背包); built once per process.
const toSimplified = OpenCC.Converter({ from: 'twp', to: 'cn' });
/** The CJK Unified Ideographs the matcher reads as Chinese characters: Extension A and the basic block. */
export const CJK_FIRST = 0x3400;
export const CJK_LAST = 0x9fff;
export const isCjkCode = (code: number) => code >= CJK_FIRST && code <= CJK_LAST;

/**
 * The CJK characters that only traditional script writes (those the character converter changes),
 * computed once. Taiwan phrasing is applied only to a text that has one, since it rewrites words
 * that are the same in both scripts but mean other goods on the mainland (桌布 is a tablecloth here,
 * a desktop wallpaper, 壁纸, in Taiwan usage); a simplified title is not converted at all.
 */
const traditionalChars: ReadonlySet<string> = (() => {
  const chars: string[] = [];
  for (let code = CJK_FIRST; code <= CJK_LAST; code += 1) chars.push(String.fromCharCode(code));
  const converted = OpenCC.Converter({ from: 't', to: 'cn' })(chars.join('\n')).split('\n');
  return new Set(chars.filter((ch, i) => converted[i] !== ch));
})();

const hasTraditional = (text: string) => {
  for (const ch of text) if (traditionalChars.has(ch)) return true;
  return false;
};

const hasNonAscii = /[^ -~]/;

/**
 * Words the same in both scripts that Taiwan phrasing rewrites as computing terms, though on a goods
 * title they keep their mainland sense: 桌布 a tablecloth (not 壁纸), 文件夹 a file folder (not 文档夹),
 * 元件 components, 呼叫器 a pager, 亮晶片 sequins, 品字尾 a plug. Found by converting every catalogue
 * word: these are all the ones the phrase table changes. They are hidden from the phrase converter.
 */
const keptFromTaiwanPhrasing = ['文件', '桌布', '元件', '呼叫', '晶片', '字尾'];

function taiwanToMainland(text: string): string {
  let hidden = text;
  keptFromTaiwanPhrasing.forEach((word, i) => {
    if (hidden.includes(word)) hidden = hidden.replaceAll(word, `\uE000${String.fromCharCode(0xe100 + i)}`);
  });
  let out = toSimplified(hidden);
  keptFromTaiwanPhrasing.forEach((word, i) => {
    out = out.replaceAll(`\uE000${String.fromCharCode(0xe100 + i)}`, word);
  });
  return out;
}

/** NFKC (full-width → half-width, U+3000 → space), traditional → simplified, lower case, typos. */
export function normaliseText(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  // Only text outside printable ASCII can hold Chinese; skip the converter for plain English.
  if (hasNonAscii.test(out) && hasTraditional(out)) out = taiwanToMainland(out);
  for (const [wrong, right] of typoMap) if (out.includes(wrong)) out = out.replaceAll(wrong, right);
  out = out
    .replace(/['’]/g, '')
    .replace(/(?<=[a-z])[-_/](?=[a-z])/g, ' ')
    .replace(/[|,;!?()[\]{}<>“”"、，；！？（）【】《》「」〔〕…~·]/g, ' ');
  return out.replace(/\s+/g, ' ').trim();
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
const isAsciiWord = (word: string) => /^[a-z0-9 ]+$/.test(word);

function wordAlternation(words: readonly string[]): RegExp {
  const cjk = words
    .filter((w) => !isAsciiWord(w))
    .sort(byLength)
    .map(escape);
  const latin = words.filter(isAsciiWord).sort(byLength).map(escape);
  return new RegExp(`${cjk.join('|')}|(?<![a-z0-9])(?:${latin.join('|')})(?![a-z0-9])`, 'g');
}

const marketing = wordAlternation(marketingWords);
const colours = wordAlternation(colourWords.filter((w) => w.length > 1 || isAsciiWord(w)));
const singleColourToken = new RegExp(
  `(?<=^|\\s)[${colourWords.filter((w) => w.length === 1 && !isAsciiWord(w)).join('')}](?=\\s|$)`,
  'g',
);

const unit =
  '(?:个月|英寸|厘米|毫米|毫升|千克|inch|pcs|mah|寸|in|cm|mm|m|米|码|ml|l|升|kg|g|克|w|v|片|支|个|只|件|条|双|套|副|包|层|色|岁|月|人|斤|p|装)';
const noisePatterns: readonly RegExp[] = [
  // `no` only as a word (no.7251, no:12), never inside one (binocular, piano, nonwoven).
  /(?:型号|款号|货号|编号|款式号|(?<![a-z])no(?:\.|(?=\s*[:：]?\s*\d)))\s*[:：]?\s*[a-z0-9][a-z0-9-]*#?/g,
  /\d+(?:\.\d+)?\s*[*x×]\s*\d+(?:\.\d+)?(?:\s*[*x×]\s*\d+(?:\.\d+)?)?\s*(?:cm|mm|m|米)?/g,
  new RegExp(`\\d+(?:\\.\\d+)?(?:\\s*[-~/]\\s*\\d+(?:\\.\\d+)?)*\\s*${unit}(?![a-z])`, 'g'),
  /(?<![a-z0-9])(?:x{0,3}s|m|l|x{1,4}l|\d?xl)\s*[-~\s]\s*(?:\d?x{0,4}l|m|s)(?![a-z0-9])/g,
  // Model numbers, but not silver grades (s925) nor battery designations (lr44, sr626, cr2032).
  /(?<![a-z0-9])(?!s9\d\d|(?:lr|ag|sr|cr|br|pr)\d{1,5}[a-z]{0,2}(?![a-z0-9]))[a-z]{1,4}-?\d{2,}(?:-\d+)?[a-z]?#?(?![a-z0-9])/g,
  /(?<!s|[lascbp][rg])\d{4,}(?:-\d+)?#?/g,
  /\d+(?:-\d+)?#/g,
  // Bare numbers say nothing about the goods, except steel and silver grades.
  /(?<![a-z0-9.])(?!(?:304|316|201|925|999)(?![0-9]))\d+(?:\.\d+)?(?![a-z0-9])/g,
];

/** Private-use characters stand in for kept phrases while the noise filter and the part rule run. */
const keptBase = 0xe000;
const keptMark = /[\ue000-\uf8ff]/g;

/** Replaces each phrase `keep` matches by one private-use character; `kept` collects the phrases. */
export function hidePhrases(text: string, keep: RegExp | null, kept: string[]): string {
  return keep ? text.replace(keep, (phrase) => String.fromCharCode(keptBase + kept.push(phrase) - 1)) : text;
}

/** Puts the phrases `hidePhrases` took back in place, spaced. */
export function revealPhrases(text: string, kept: readonly string[]): string {
  if (kept.length === 0) return text;
  return text
    .replace(keptMark, (mark) => ` ${kept[mark.charCodeAt(0) - keptBase] ?? ''} `)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A metal colour right before a plating word names the plating metal, not a colour (gold filled,
 * silver tone, rose gold plated): the plating rule reads it (chapter 71 note 7, 7113.20 / 7117).
 */
const platingMetal = /(?<![a-z])(?:rose gold|gold|silver)(?=\s*(?:plated|plating|filled|fill|tone|toned)(?![a-z]))/g;

/**
 * Removes sizes, model numbers, colours and marketing words; keeps material grades (304, s925),
 * a metal colour before a plating word, and the phrases `keep` matches (see `noiseBearingPhrases`),
 * which stand for goods as a whole.
 */
export function stripNoise(normalised: string, keep: RegExp | null = null): string {
  const kept: string[] = [];
  let out = hidePhrases(hidePhrases(normalised, keep, kept), platingMetal, kept).replace(marketing, ' ');
  for (const pattern of noisePatterns) out = out.replace(pattern, ' ');
  out = out.replace(colours, ' ').replace(singleColourToken, ' ');
  return revealPhrases(out.replace(/\s+/g, ' ').trim(), kept);
}

/**
 * The catalogue's own words that a title filter would cut, though they name goods: a size or
 * number that is part of the name (5号电池, 9v电池, rg59), a colour that is (red lantern, black and
 * white tv), a metal the English colour list shares (gold bar, silver wire); `alsoCut` adds another
 * filter (the outer-surface rule's part materials: 金属扣 is a buckle, not a metal part). A title
 * that contains such a word whole keeps it; the same words elsewhere are still filtered. Words that
 * are nothing but noise (a colour alone) are not kept.
 */
export function noiseBearingPhrases(
  words: Iterable<string>,
  alsoCut: (text: string) => string = (text) => text,
): RegExp | null {
  const keep = new Set<string>();
  for (const word of words) {
    const text = normaliseText(word);
    const stripped = alsoCut(stripNoise(text));
    if (stripped.replace(/\s/g, '') && stripped !== text) keep.add(text);
  }
  return keep.size > 0 ? wordAlternation([...keep]) : null;
}

/** A title in the form the matcher reads: normalised, then stripped of noise. */
export function normalise(description: string): string {
  return stripNoise(normaliseText(description));
}

/** English plural → singular for index and query alike (bags → bag, boxes → box, shoes → shoe). */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Stems each Latin word of a normalised text, leaving CJK untouched. */
export function stemLatin(text: string): string {
  return text.replace(/[a-z]+/g, stem);
}
