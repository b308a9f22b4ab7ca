/**
 * English buyer nouns for the Chinese goods nouns the catalogue already gives a code (Amazon / Alibaba /
 * packing-list English). A code whose aliases contain the Chinese noun gets the English too, so every
 * material sibling the market calls 凉鞋 is reached by "sandals" and the title's material decides
 * among them, as it does for the Chinese noun. Each pair is a translation of a goods noun, not of a
 * title; the heading the noun belongs to is the one the Chinese alias already placed it under.
 */
const englishForChinese: Readonly<Record<string, string>> = {
  凉鞋: 'sandals; sandal',
  拖鞋: 'slippers; slipper; slides',
  靴子: 'boots; boot',
  短靴: 'ankle boots; ankle boot; booties; chelsea boots',
  雨靴: 'rain boots; rain boot; wellies; wellington boots',
  雨鞋: 'rain boots; rain shoes',
  手套: 'gloves; glove; mittens',
  帽子: 'hat; hats',
  鸭舌帽: 'baseball cap; peaked cap',
  棒球帽: 'baseball cap',
  围巾: 'scarf; scarves; shawl',
  连衣裙: 'dress; dresses',
  衬衫: 'shirt; shirts',
  女衬衫: 'blouse; blouses',
  夹克: 'jacket; jackets',
  外套: 'coat; coats; outerwear',
  风衣: 'trench coat; windbreaker',
  羽绒服: 'down jacket; puffer jacket; down coat',
  袜子: 'socks; sock',
  毯子: 'blanket; throw blanket',
  毛巾: 'towel; towels',
  梳子: 'comb; hair comb',
  打火机: 'lighter; lighters',
  剪刀: 'scissors',
  铅笔: 'pencil; pencils',
  笔记本: 'notebook; notebooks',
  娃娃: 'doll; dolls',
  积木: 'building blocks; building bricks',
  拼图: 'jigsaw puzzle; puzzle',
  滑板车: 'scooter; kick scooter',
  杯子: 'cup; cups; mug',
  马克杯: 'mug; coffee mug',
  骨瓷: 'bone china',
  碗: 'bowl; bowls',
  盘子: 'plate; plates',
  勺子: 'spoon; spoons',
  叉子: 'fork; forks',
  锅: 'pot; pan; cooking pot',
  保温杯: 'insulated tumbler; vacuum bottle; thermos',
  收纳盒: 'storage box; storage bin',
  项链: 'necklace; necklaces; pendant',
  耳环: 'earrings; earring',
  手链: 'bracelet; bracelets',
  戒指: 'ring; rings',
  拉链: 'zipper; zip',
  织带: 'webbing; webbing strap',
  手提包: 'handbag; handbags',
  单肩包: 'shoulder bag',
  斜挎包: 'crossbody bag',
  托特包: 'tote bag; tote',
  零钱包: 'coin purse; coin pouch',
  卡包: 'card holder; card wallet; card case',
  购物袋: 'shopping bag; grocery bag',
  礼品袋: 'gift bag; gift bags',
  背心袋: 't-shirt bag; vest carrier bag',
};

/** The English buyer nouns for a code whose Chinese aliases are `zhAliases`. */
export function englishNounsFor(zhAliases: readonly string[]): string[] {
  return zhAliases.flatMap((word) =>
    (englishForChinese[word] ?? '')
      .split(';')
      .map((w) => w.trim())
      .filter(Boolean),
  );
}
