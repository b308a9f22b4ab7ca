/**
 * Aliases taken from the official texts: the China Customs 8-digit name and, where the Taiwan
 * tariff splits a subheading the same way, the Taiwan 8/10-digit names (already converted to
 * simplified characters). An official name is a list of goods joined by 、，；及 和 或, each
 * prefixed by its material or make ("棉制针织或钩编的Ｔ恤衫、汗衫、背心"); the aliases are the goods
 * nouns with those prefixes taken off ("Ｔ恤衫", "汗衫", "背心").
 */
const separators = /[、，,；;：:／/（）()〔〕[\]]|及其|以及|及|和|与|或|并|等/u;

/** Words that carry no product meaning on their own. */
const emptyPieces = new Set([
  '其他',
  '其它',
  '未列名',
  '类似品',
  '类似容器',
  '类似物品',
  '物品',
  '制品',
  '产品',
  '货品',
  '用品',
  '器具',
  '零件',
  '附件',
  '零件附件',
  '部件',
  '者',
  '类',
  '的',
]);

/** Prefixes that qualify the goods rather than name them. */
const qualifierPrefix = /^(其他|其它|未列名|非|不论|按重量计|仅|主要|专供|供|用于|设计为)/u;

function stripQualifiers(piece: string): string {
  let out = piece.trim();
  // "以塑料作面的衣箱", "棉制针织的T恤" → the part after the last 的 / 制 / 作面 names the goods.
  const cut = Math.max(out.lastIndexOf('的'), out.lastIndexOf('制'), out.lastIndexOf('作面'), out.lastIndexOf('之'));
  if (cut >= 0 && cut < out.length - 1) out = out.slice(cut + 1);
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out
      .replace(qualifierPrefix, '')
      .replace(/[者类]$/u, '')
      .trim();
  }
  return out;
}

/** Pieces that only state a material, a plating, a make or a use, never the goods. */
const qualifierOnly =
  /^(以)?(塑料|塑胶|钩针织|橡胶|皮革|组合皮|再生皮革|纺织材料|纺材|针织|钩编|机织|棉|化纤|合成纤维|人造纤维|毛|丝|麻|亚麻|贱金属|钢铁|铸铁|不锈钢|铜|铝|木|竹|藤|纸|玻璃|陶瓷|瓷|镀金|镀银|镀贵金属|餐桌|厨房|家用|家庭|卫生|盥洗|手工|非手工|男式|女式|男|女)+$/u;

/** Adjectives and make words that the splitting leaves as pieces (固定或可调 → 可调). */
const modifierOnly =
  /^(全|半)?(自动|可调|固定|手动|电动|手提式|便携式|电气|电子|数字|模拟|彩色|单色|黑白|大型|小型|成套|散装|零售|整套|成卷|未装配|已装配|装配|改性|其他)$|[式的型]$/u;

/** What "类似之X" may name that is too general to take the earlier pieces as its kinds. */
const genericSimilar = /^(物品|用品|制品|产品|卫生用品|货品)$/u;

/**
 * Taiwan's "A、B或类似之X" distributes X over the list: "网球、羽毛球或类似之球拍" names tennis and
 * badminton rackets, not balls, so a piece is a goods noun only when it ends as X does (相框、画框及
 * 类似之框); a piece whose end begins X joins it (网球 + 球拍 → 网球拍); any other piece only says what
 * X is for (油漆、色胶或类似之刷) and names nothing.
 */
function distributeSimilar(clause: string): string {
  const match = /^(.*?)(?:及|或|和|与|、)?类似之([^、及或和与]+)(.*)$/u.exec(clause);
  if (!match || genericSimilar.test(match[2]!)) return clause;
  const head = match[2]!;
  const kinds = match[1]!
    .split(/、|及|或|和|与/u)
    .map((piece) => piece.trim())
    .flatMap((piece) => {
      if (!piece || piece.endsWith(head.at(-1)!)) return piece ? [piece] : [];
      if (head.length > 1 && piece.endsWith(head[0]!)) return [piece + head.slice(1)];
      return [];
    });
  return `${[...kinds, head].join('、')}${match[3]}`;
}

/** Goods nouns named by an official Chinese description. */
export function officialNouns(nameZh: string): string[] {
  const nouns = new Set<string>();
  const cleaned = nameZh
    .normalize('NFKC')
    .replace(/及其他|及其它/gu, '、其他')
    .replace(/品目\d+(\.\d+)?所列/gu, '')
    .replace(/\d+(\.\d+)?/gu, ' ')
    .split(/([；;：:，,︰]|\.\.)/u)
    .map(distributeSimilar)
    .join('');
  const pieces = cleaned.split(separators);
  pieces.forEach((raw, i) => {
    // "A或B制的X": A has no marker of its own but the next piece has one, so A is B's sibling qualifier.
    const next = pieces[i + 1] ?? '';
    if (!/[的制者之]/u.test(raw) && /^[^的制]*[的制]/u.test(next) && raw.length <= 6) return;
    const noun = stripQualifiers(raw);
    if (noun.length < 2 || noun.length > 10 || emptyPieces.has(noun) || qualifierOnly.test(noun)) return;
    if (
      modifierOnly.test(noun) ||
      /[<>≤≥]/u.test(noun) ||
      /^(以|使用|是否|外层|外表|外底|内底|鞋面|单丝|每|按|超过|不超过|大于|小于)/u.test(noun)
    )
      return;
    nouns.add(noun);
  });
  return [...nouns];
}

/** The China Customs English names are abbreviated ("Trunks&suitcases"); spell the joins out. */
export function cleanEnglishName(nameEn: string): string {
  return nameEn
    .replaceAll('&', ' and ')
    .replace(/\s+/g, ' ')
    .replace(/\bnes\b/g, 'n.e.s.')
    .trim();
}
