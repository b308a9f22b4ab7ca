/**
 * Classification rules where the tariff decides by rule rather than by name. Each is a pure unit:
 * it rewrites the normalised title so that the facet scanner reads what the tariff reads, and says
 * what it did in a short note that the match explanation carries (`rule:<name>(<what>)`).
 *
 * - fibrePredominance — GIR 3(b) and Section XI note 2(A) with subheading note 2(A): goods of
 *   mixed textile materials are classified as if of the fibre that predominates by weight, so in
 *   `棉80%涤纶20%` only 棉 counts.
 * - imitationLeather — chapter 42 and note 1(a) to chapter 39: imitation leather (PU, 人造革,
 *   超纤) is plastics; a grain named after a leather (牛皮纹, 荔枝纹) is a pattern, not the material,
 *   and 仿牛皮 says it is not leather.
 * - platingIsNotPrecious — chapter 71 note 7 and heading 7117: base metal plated with precious
 *   metal is not precious metal (镀金 on 合金 is imitation jewellery); a plating on silver leaves it
 *   silver; metal clad with precious metal (包金, gold-filled) is heading 7113.20.
 * - stonesOnBaseMetal — heading 7113 needs precious metal (or metal clad with it): "镶钻" on an
 *   alloy or steel ring names rhinestones or zircons, and the article stays imitation jewellery
 *   (7117), so the diamond word is read as a rhinestone when the title names base metal and no
 *   precious metal.
 * - batteryDesignation — IEC 60086 names a primary cell by its chemistry letter before R (round):
 *   LR44 / AG13 alkaline, SR626 silver oxide, CR2032 / BR1225 lithium, PR44 zinc-air; subheadings
 *   of 8506 split on that chemistry. The designation is kept (the noise filter would drop it as a
 *   model number) and its chemistry word is added for the facet scanner.
 */
export interface RuleResult {
  text: string;
  notes: string[];
}

const fibre =
  '(?:纯棉|全棉|棉|涤纶|聚酯纤维|聚酯|锦纶|尼龙|氨纶|腈纶|粘胶|粘纤|莫代尔|天丝|人造丝|羊毛|羊绒|山羊绒|兔毛|马海毛|真丝|桑蚕丝|蚕丝|亚麻|苎麻|麻|丙纶|维纶|cotton|polyester|nylon|spandex|elastane|viscose|rayon|modal|wool|cashmere|silk|linen|acrylic|polyamide)';
const share = '(\\d{1,3}(?:\\.\\d+)?)\\s*%';
const fibreThenShare = new RegExp(`(${fibre})\\s*[:：]?\\s*${share}`, 'g');
const shareThenFibre = new RegExp(`${share}\\s*(${fibre})`, 'g');

/** Textile mixtures: keeps the fibre with the largest stated share and drops the others. */
export function fibrePredominance(text: string): RuleResult {
  const shares: Array<{ fibre: string; percent: number; start: number; end: number }> = [];
  for (const m of text.matchAll(fibreThenShare))
    shares.push({ fibre: m[1]!, percent: Number(m[2]), start: m.index, end: m.index + m[0].length });
  if (shares.length < 2)
    for (const m of text.matchAll(shareThenFibre))
      shares.push({ fibre: m[2]!, percent: Number(m[1]), start: m.index, end: m.index + m[0].length });
  if (shares.length < 2) return { text, notes: [] };
  const top = shares.reduce((best, s) => (s.percent > best.percent ? s : best));
  let out = text;
  for (const s of [...shares].sort((a, b) => b.start - a.start)) {
    const kept = s === top ? ` ${s.fibre} ` : ' ';
    out = `${out.slice(0, s.start)}${kept}${out.slice(s.end)}`;
  }
  return {
    text: out.replace(/\s+/g, ' ').trim(),
    notes: [`rule:fibre-predominance(${top.fibre} ${top.percent}%)`],
  };
}

const leatherName = '(?:头层牛皮|牛皮|羊皮|小羊皮|猪皮|鹿皮|鳄鱼皮|鸵鸟皮|蛇皮|真皮|皮革|皮)';
/** 牛皮纹, 荔枝纹皮, 鳄鱼皮纹: the grain; the leather word names a pattern. */
const grainPattern = new RegExp(`${leatherName}\\s*(?:纹理|压纹|花纹|纹(?!绣))`, 'g');
/** 仿牛皮, 仿真皮, 仿皮革: imitation, hence plastics; 仿皮草 / 人造皮毛 is artificial fur (4304), not leather. */
const imitation = new RegExp(`(?:仿|人造|合成)\\s*${leatherName}(?![草毛])`, 'g');

/** Imitation leather is plastics; a leather grain is a pattern. */
export function imitationLeather(text: string): RuleResult {
  const notes: string[] = [];
  let out = text.replace(imitation, (m) => {
    notes.push(`rule:imitation-leather(${m}→pu)`);
    return ' pu ';
  });
  out = out.replace(grainPattern, (m) => {
    notes.push(`rule:imitation-leather(${m} is a grain)`);
    return ' 纹 ';
  });
  return { text: out.replace(/\s+/g, ' ').trim(), notes };
}

const plating =
  /(?:(?:18|14|24|9)k\s*)?(?:电镀|镀|包)\s*(?:(?:18|14|24|9)?k|玫瑰|白|真|厚)?\s*(?:金|银|铂|铑|钯)(?!属)|(?:gold|silver|rose gold|platinum|rhodium)\s*(?:plated|plating|tone|toned|filled|fill)|plated|vermeil/g;

/** Plating is a surface: it never makes an article of precious metal. Cladding (包金) is 7113.20. */
export function platingIsNotPrecious(text: string): RuleResult {
  const notes: string[] = [];
  const out = text.replace(plating, (m) => {
    const clad = m.startsWith('包') || /fill/.test(m);
    notes.push(`rule:plating-is-not-precious(${m}${clad ? '→clad' : ''})`);
    return clad ? ' 包贵金属 ' : ' 镀层 ';
  });
  return { text: out.replace(/\s+/g, ' ').trim(), notes };
}

const baseMetal = /合金|不锈钢|钛钢|钢|铁|铜|锌|alloy|stainless|steel|brass|copper|titanium/;
const preciousMetal = /银|(?<!合)金(?!属)|铂|925|\d{2}k|au\d{3}|pt\d{3}|silver|gold|platinum|包贵金属/;
const diamondWord = /镶嵌钻石|镶钻|钻石|diamonds?/g;

/** Diamonds named on base-metal jewellery are rhinestones: the article stays imitation jewellery. */
export function stonesOnBaseMetal(text: string): RuleResult {
  if (!baseMetal.test(text) || preciousMetal.test(text) || !diamondWord.test(text)) return { text, notes: [] };
  const notes: string[] = [];
  const out = text.replace(diamondWord, (m) => {
    notes.push(`rule:stones-on-base-metal(${m}→rhinestone)`);
    return ' 水钻 ';
  });
  return { text: out.replace(/\s+/g, ' ').trim(), notes };
}

const cellChemistry: Readonly<Record<string, string>> = {
  lr: '碱性',
  ag: '碱性',
  sr: '氧化银',
  cr: '锂',
  br: '锂',
  pr: '锌空气',
};
const designation = /(?<![a-z0-9])(lr|ag|sr|cr|br|pr)(\d{1,5}[a-z]{0,2})(?![a-z0-9])/g;
const batteryContext = /电池|电芯|纽扣|扣式|扣电|batter|cell/;

/** The chemistry an IEC battery designation names (LR44 → 碱性), in a title about batteries. */
export function batteryDesignation(text: string): RuleResult {
  if (!batteryContext.test(text)) return { text, notes: [] };
  const notes: string[] = [];
  const out = text.replace(designation, (match: string, prefix: string) => {
    const chemistry = cellChemistry[prefix]!;
    notes.push(`rule:battery-designation(${match} is ${chemistry})`);
    return ` ${match} ${chemistry} `;
  });
  return { text: out, notes };
}
