/**
 * Rules the tariff states for heading 4202 (and that hold for made-up goods generally), applied
 * to a normalised title before its material is read:
 *
 * - The OUTER SURFACE decides. A lining (内里涤纶, 里布: 涤纶, 铝箔内衬) is not the outer surface.
 * - Fittings and parts do not count: an aluminium trolley handle (铝合金拉杆) on a PC suitcase, a
 *   leather handle on a canvas tote, a bamboo handle (竹节手柄) on a PU handbag, PU wheels. Only the
 *   material of the body is read.
 *
 * Each rule removes the material word it discounts, so later steps never see it.
 */
import {
  batteryDesignation,
  containerCapacity,
  declarationFields,
  fibrePredominance,
  firstAidKits,
  foldingUmbrella,
  footwearSize,
  furLining,
  hosieryDecitex,
  imitationLeather,
  mouldedPlastics,
  packingBags,
  penSets,
  platingIsNotPrecious,
  type RuleResult,
  stonesOnBaseMetal,
} from './classification-rules';
import { type Figure, titleFigures } from './figures';
import { hidePhrases, noiseBearingPhrases, normaliseText, revealPhrases, stripNoise } from './normalise';

const materialWord =
  '(?:头层牛皮|头层皮|真皮|牛皮|羊皮|皮革|pu皮|pu|pvc|tpu|eva|超纤|仿皮|涤纶|聚酯纤维|聚酯|尼龙|锦纶|棉布|纯棉|全棉|棉|麻|亚麻|丝绸|真丝|绒布|网布|帆布|牛津布|无纺布|珍珠棉|海绵|铝箔|铝合金|铝镁合金|全铝|铝|合金|不锈钢|锌合金|黄铜|纯铜|铜|钢|铁|五金|金属)';
// 多隔层 / 双夹层 count compartments (a feature), not a lining.
const liningWord = '(?:内里|里布|里料|内衬|衬里|内层|里衬|内袋|(?<![多双三])(?:夹层|隔层))';
// A part's material is not the goods' (铝合金拉杆 on a PC case), but 拉杆行李箱 is a trolley case
// and 五金工具包 a hardware tool bag: there the word names the goods.
const partWord =
  '(?:拉杆(?![箱包]|行李|旅行|登机|书包|背包)|把手|手柄|提手|手把|肩带|背带|包边|边框|框架|框(?![架子])|支架|包角|护角|拉牌|五金(?!工具)|配件|饰扣|扣头|扣)';

const handleMaterial = '(?:竹节|竹|藤|实木|木质|木)';
const handleWord = '(?:把手|手柄|提手|手把)';
const partMaterial = new RegExp(`${materialWord}|${handleMaterial}(?=${handleWord})`, 'g');

const rules: readonly RegExp[] = [
  // "内里涤纶", "里布:涤纶", "内衬为珍珠棉"
  new RegExp(`${liningWord}(?:\\s*[:：]\\s*|为|是|采用|用)?${materialWord}+`, 'g'),
  // "涤纶内里", "铝箔内衬"
  new RegExp(`${materialWord}+\\s*${liningWord}(?![:：为是]|${materialWord})`, 'g'),
  // "铝合金拉杆", "真皮手柄", "pu肩带", "合金扣头"
  new RegExp(`${materialWord}${partWord}`, 'g'),
  // "竹节手柄", "木把手", "藤提手": a handle of plaiting material or wood (not a frame, which decides 9401)
  new RegExp(`${handleMaterial}${handleWord}`, 'g'),
  // "铝箔保温", "铝箔隔热层": the foil insulates a bag from inside, like a lining
  /铝箔\s*(?:保温|隔热)(?:层|膜)?/g,
];

/** Removes lining and part materials so that only the outer surface's material is left. */
export function applyTariffRules(normalised: string): string {
  return outerSurface(normalised).text;
}

/** The outer-surface rule as a named unit with its note for the match explanation. */
export function outerSurface(normalised: string): RuleResult {
  let out = normalised;
  const notes: string[] = [];
  for (const rule of rules)
    out = out.replace(rule, (match) => {
      notes.push(`rule:outer-surface(${match} does not count)`);
      return match.replace(partMaterial, ' ');
    });
  return { text: out.replace(/\s+/g, ' ').trim(), notes };
}

type Rule = (text: string) => RuleResult;

export interface ReadTitleResult extends RuleResult {
  figures: Figure[];
}

/** Rules that read figures and fields, run before the noise filter drops bare numbers, sizes and model numbers. */
const beforeNoise: readonly Rule[] = [
  declarationFields,
  fibrePredominance,
  hosieryDecitex,
  foldingUmbrella,
  footwearSize,
  packingBags,
  batteryDesignation,
  containerCapacity,
];
/** Rules that read the goods words the noise filter, the outer-surface and plating rules leave. */
const afterNoise: readonly Rule[] = [
  imitationLeather,
  stonesOnBaseMetal,
  penSets,
  mouldedPlastics,
  furLining,
  firstAidKits,
];

/** Each rule reads the text the one before it left; every note is kept, in order. */
function applyRules(text: string, rules: readonly Rule[], notes: string[]): string {
  let out = text;
  for (const rule of rules) {
    const result = rule(out);
    out = result.text;
    notes.push(...result.notes);
  }
  return out;
}

/**
 * The title as the tariff reads it: the `beforeNoise` rules (申报要素 fields, fibre shares, hosiery
 * decitex, folding umbrellas, footwear sizes, packing bags, battery designations, container
 * capacities), then the noise filter, the outer surface and plating, then the `afterNoise` rules
 * (imitation leather, stones on base metal, pen sets, moulded plastics, fur lining, first-aid kits).
 * Notes say which rules fired. The figures the title states (220v, 30w, φ219x8) are read before any rule.
 */
export function readTitle(description: string, keep: RegExp | null = null): ReadTitleResult {
  const notes: string[] = [];
  const normalised = normaliseText(description);
  const measured = applyRules(normalised, beforeNoise, notes);
  // Catalogue words the noise filter, the part rule or the plating rule would cut stay whole.
  const kept: string[] = [];
  const outer = outerSurface(stripNoise(hidePhrases(measured, keep, kept)));
  const plated = platingIsNotPrecious(outer.text);
  notes.push(...outer.notes, ...plated.notes);
  return {
    text: applyRules(revealPhrases(plated.text, kept), afterNoise, notes),
    notes,
    figures: titleFigures(normalised),
  };
}

/**
 * The catalogue words `readTitle` keeps whole: those the noise filter, the part rule or the plating
 * rule would cut (金属扣 is a buckle, 金属提手 a handle, 包金材料 gold-clad metal of 7109). A word for fittings in general (五金配件, 钢铁配件) is
 * not kept: beside other goods it is the part the rule is for.
 */
export function keptPhrases(words: Iterable<string>): RegExp | null {
  const specific = [...words].filter((word) => !/配件$/.test(word));
  return noiseBearingPhrases(specific, (text) => platingIsNotPrecious(outerSurface(text).text).text);
}
