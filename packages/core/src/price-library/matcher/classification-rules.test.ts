import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/catalogue';
import {
  bagFittings,
  batteryDesignation,
  containerCapacity,
  declarationFields,
  fibrePredominance,
  firstAidKits,
  foldingUmbrella,
  footwearSize,
  furHair,
  furLining,
  hosieryDecitex,
  imitationLeather,
  mouldedPlastics,
  packingBags,
  penSets,
  platingIsNotPrecious,
  stonesOnBaseMetal,
} from './classification-rules';
import { scanFacets, titleFacets } from './facets';
import { createMatcher } from './matcher';
import { readTitle } from './rules';

const materials = (text: string) =>
  scanFacets(text)
    .filter((hit) => hit.value.facet === 'material')
    .map((hit) => hit.value.path);

describe('fibrePredominance (GIR 3(b), Section XI note 2(A))', () => {
  it('keeps the fibre with the largest share, in either order', () => {
    expect(materials(fibrePredominance('t恤 棉80%涤纶20%').text)).toEqual(['textile/cotton']);
    expect(materials(fibrePredominance('卫衣 涤纶65% 棉35%').text)).toEqual(['textile/manmade/synthetic']);
    expect(materials(fibrePredominance('休闲裤 97%棉 3%氨纶').text)).toEqual(['textile/cotton']);
    expect(materials(fibrePredominance('polyester 60% cotton 40% hoodie').text)).toEqual(['textile/manmade/synthetic']);
  });

  it('explains itself and leaves a title with one or no share alone', () => {
    expect(fibrePredominance('棉80%涤纶20%').notes).toEqual(['rule:fibre-predominance(棉 80%)']);
    expect(fibrePredominance('100%棉 t恤')).toEqual({ text: '100%棉 t恤', notes: [] });
    expect(fibrePredominance('牛津布 双肩包')).toEqual({ text: '牛津布 双肩包', notes: [] });
  });

  it('always keeps exactly the predominant fibre (property)', () => {
    const fibres = ['棉', '涤纶', '锦纶', '羊毛', '真丝', '亚麻'];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(fibres, { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (picked, seed) => {
          const shares = picked.map((_, i) => 10 + ((i * 37 + seed * 11) % 80));
          const title = picked.map((fibre, i) => `${fibre}${shares[i]}%`).join('');
          const top = picked[shares.indexOf(Math.max(...shares))]!;
          const out = fibrePredominance(title).text;
          expect(out).toContain(top);
          for (const other of picked) if (other !== top && !top.includes(other)) expect(out).not.toContain(other);
        },
      ),
    );
  });
});

describe('imitationLeather (PU and imitation leather are plastics)', () => {
  it('reads a leather-named grain as a pattern, not the material', () => {
    expect(materials(imitationLeather('牛皮纹pu 手提包').text)).toEqual(['plastics/pu']);
    expect(imitationLeather('牛皮纹pu 手提包').notes).toEqual(['rule:imitation-leather(牛皮纹 is a grain)']);
  });

  it('reads 仿牛皮 as imitation leather (plastics)', () => {
    expect(materials(imitationLeather('仿牛皮 单肩包').text)).toEqual(['plastics/pu']);
  });

  it('leaves genuine leather with a grain alone (荔枝纹牛皮 is leather)', () => {
    expect(materials(imitationLeather('荔枝纹牛皮 手提包').text)).toEqual(['leather/genuine']);
  });
});

describe('platingIsNotPrecious (chapter 71 note 7, heading 7117)', () => {
  it('removes plating so that the base decides', () => {
    expect(materials(platingIsNotPrecious('合金 镀18k金 耳环').text)).toEqual(['metal/base']);
    expect(materials(platingIsNotPrecious('s925 镀金 耳环').text)).toEqual(['metal/precious/silver']);
    expect(materials(platingIsNotPrecious('silver plated copper bracelet').text)).toEqual(['metal/base/copper']);
  });

  it('reads cladding as 7113.20 and never touches 金属', () => {
    expect(materials(platingIsNotPrecious('黄铜包18k金 手镯').text)).toEqual(['metal/base/copper', 'metal/clad']);
    expect(platingIsNotPrecious('钱包金属拉链').notes).toEqual([]);
  });
});

describe('the rules in the match explanation', () => {
  const matcher = createMatcher(loadCatalogue());
  const top = (title: string) => matcher.match(title).candidates[0];

  it('does not read a part the goods come without as the goods', () => {
    expect(matcher.match('帆布包 无拉链 简约').candidates[0]?.hsCode.slice(0, 4)).toBe('4202');
    expect(matcher.match('toy car without battery').candidates.map((c) => c.hsCode.slice(0, 4))).not.toContain('8506');
  });

  it('readTitle runs the share rule before the noise filter drops the numbers', () => {
    expect(readTitle('T恤 男 涤纶65%棉35%').notes).toEqual(['rule:fibre-predominance(涤纶 65%)']);
  });

  it('classifies by predominant fibre and says so', () => {
    const candidate = top('针织T恤 棉80%涤纶20% 女');
    expect(candidate?.hsCode).toBe('61091000');
    expect(candidate?.matchedTerms).toContain('rule:fibre-predominance(棉 80%)');
  });

  it('classifies a container by its form whatever it holds (4202)', () => {
    expect(top('尼龙相机包 单反 斜挎')?.hsCode).toBe('42029200');
    expect(top('真皮眼镜盒')?.hsCode).toBe('42023100');
    const unlisted = top('麻将收纳包 牛津布');
    expect(unlisted?.hsCode).toBe('42029200');
  });

  it('keeps precious metal apart from plated base metal', () => {
    expect(top('S925银 镀金 耳钉')?.hsCode).toBe('71131190');
    expect(top('合金 镀金 耳钉')?.hsCode).toBe('71171900');
  });
});

describe('reading English titles and the goods a title names', () => {
  const matcher = createMatcher(loadCatalogue());
  const hs8 = (title: string) => matcher.match(title).candidates[0]?.hsCode.slice(0, 8);

  it('reads a rubber sole as the sole of the shoe, not a 6406 part', () => {
    expect(hs8("Men's genuine leather dress shoes, rubber sole")).toBe('64039900');
  });

  it('reads a karat mark before "gold plated" as part of the plating (7117, not 7113)', () => {
    expect(platingIsNotPrecious('18k gold plated stainless steel necklace').notes).toEqual([
      'rule:plating-is-not-precious(18k gold plated)',
    ]);
    expect(platingIsNotPrecious('18k plated alloy ring').text).toBe('镀层 alloy ring');
  });

  it('reads a zip around a wallet as a feature of the wallet, not zips for sale', () => {
    expect(hs8("Women's long zip around wallet faux leather")).toBe('42023200');
  });

  it('reads jersey as knitted and acrylic as a fibre in knitted scarves', () => {
    expect(hs8("Women's polyester jersey dress")).toBe('61044300');
    expect(hs8('Acrylic knit winter scarf')).toBe('61171090');
  });

  it('reads what follows "for" as the use', () => {
    expect(hs8('Nylon webbing strap for bags')).toBe('58063200');
  });

  it('keeps furskin articles in chapter 43, which chapter 42 excludes', () => {
    expect(hs8('Real fox fur collar')).toBe('43031020');
    expect(hs8('貂毛 皮草包 女')).toBe('43039000');
  });

  it('never cuts a word that contains "no" (model numbers are no.123 or no 123)', () => {
    expect(readTitle('Binocular case nylon NO.7251').text).toBe('binocular case nylon');
    expect(hs8('Binocular case nylon')).toBe('42029200');
  });

  it('splits earphones on wireless (8517.62.94) and wired (8518.30), wired when the title says neither', () => {
    expect(hs8('Wireless bluetooth headphones over ear')).toBe('85176294');
    expect(hs8('蓝牙耳机 运动')).toBe('85176294');
    expect(hs8('耳机 头戴式 游戏')).toBe('85183000');
  });

  it('lets the material split a noun shared across headings (gift bag of paper vs of textile)', () => {
    expect(hs8('Brown kraft gift bags with handles')).toBe('48194000');
    expect(hs8('无纺布礼品袋 定制')).toBe('42029200');
  });
});

describe('stonesOnBaseMetal (heading 7113 needs precious metal)', () => {
  it('reads a diamond word on base-metal jewellery as a rhinestone, and says so', () => {
    expect(stonesOnBaseMetal('合金戒指 镶钻')).toEqual({
      text: '合金戒指 水钻',
      notes: ['rule:stones-on-base-metal(镶钻→rhinestone)'],
    });
    expect(stonesOnBaseMetal('stainless steel diamond ring').text).toBe('stainless steel 水钻 ring');
  });

  it('leaves diamonds on precious metal, and titles without base metal, alone', () => {
    expect(stonesOnBaseMetal('18k金 镶钻 戒指').notes).toEqual([]);
    expect(stonesOnBaseMetal('s925银 合金扣 镶钻 项链').notes).toEqual([]);
    expect(stonesOnBaseMetal('钻石戒指').notes).toEqual([]);
  });

  it('classifies an alloy ring set with "diamonds" as imitation jewellery', () => {
    const matcher = createMatcher(loadCatalogue());
    expect(matcher.match('时尚合金戒指 镶钻').candidates[0]?.hsCode.slice(0, 8)).toBe('71171900');
  });
});

describe('batteryDesignation (IEC 60086 chemistry letter, 8506 subheadings)', () => {
  it('reads the chemistry of LR, SR and CR cells in a battery title and keeps the designation', () => {
    expect(batteryDesignation('lr44纽扣电池').text).toContain('lr44 碱性');
    expect(batteryDesignation('sr626sw 手表电池').text).toContain('氧化银');
    expect(batteryDesignation('cr2032 button cell').notes).toEqual(['rule:battery-designation(cr2032 is 锂)']);
    expect(readTitle('CR2032纽扣电池 5粒').text).toContain('cr2032');
  });

  it('leaves a model number alone outside battery titles', () => {
    expect(batteryDesignation('sr300 双肩包').notes).toEqual([]);
  });
});

describe('battery chemistry in the matcher', () => {
  const matcher = createMatcher(loadCatalogue());
  it('classifies a button cell by the chemistry its designation names', () => {
    expect(matcher.match('LR44纽扣电池 10粒装').candidates[0]?.hsCode.slice(0, 8)).toBe('85061011');
    expect(matcher.match('SR626SW 纽扣电池').candidates[0]?.hsCode.slice(0, 8)).toBe('85064000');
    expect(matcher.match('CR2032纽扣电池').candidates[0]?.hsCode.slice(0, 8)).toBe('85065000');
  });
});

describe('declarationFields (申报要素 answered field by field)', () => {
  it('drops an attribute the declaration answers no, and keeps one answered yes', () => {
    expect(declarationFields('铸铁锅|材质:铸铁|是否搪瓷:否|用途:厨房').text).not.toContain('搪瓷');
    expect(declarationFields('手链|材质:925银|是否镀金：否|品牌:无').notes).toEqual([
      'rule:declaration-fields(是否镀金：否 is not an attribute; 申报为否的属性不计)',
    ]);
    expect(declarationFields('耳钉|是否镀金:是').text).toBe('耳钉|是否镀金:是');
  });

  it('drops an attribute a title negates (不印花, 无刺绣)', () => {
    expect(declarationFields('全棉床单 不印花').text).toBe('全棉床单');
    expect(declarationFields('桌布 无刺绣').notes).toEqual([
      'rule:declaration-fields(无刺绣 is not an attribute; 否定的属性不计)',
    ]);
    expect(declarationFields('印花床单').text).toBe('印花床单');
  });

  it('drops a part the goods come without (无拉链, 不含电池, without battery), not a word that starts with 无', () => {
    expect(declarationFields('帆布包 无拉链 简约').text).toBe('帆布包 简约');
    expect(declarationFields('遥控玩具车 不含电池').notes).toEqual([
      'rule:declaration-fields(不含电池: sold without it, not the goods; 不含的部件不是商品)',
    ]);
    expect(declarationFields('toy car without batteries').text).toBe('toy car');
    expect(declarationFields('wall clock no battery').text).toBe('wall clock');
    for (const title of ['无纺布购物袋', '无线鼠标', '拉链包', '充电宝 带数据线', 'nobox cable'])
      expect(declarationFields(title).text).toBe(title);
  });

  it('reads the sole field as the sole (鞋底材质:橡胶 → 橡胶底)', () => {
    const sole = titleFacets(declarationFields('短靴|鞋面材质:牛皮|鞋底材质:橡胶|品牌:无').text);
    expect(sole).toContainEqual({ facet: 'sole', path: 'rubber' });
    expect(sole).toContainEqual({ facet: 'material', path: 'leather/genuine' });
  });
});

describe('footwearSize (China 6403.51 / 6403.91 inner sole under or from 24 cm)', () => {
  const insole = (title: string) =>
    titleFacets(footwearSize(title).text)
      .filter((v) => v.facet === 'insole')
      .map((v) => v.path);

  it('reads an inner length, a Chinese size (n + 10) / 2 cm, or a size range on one side of 24 cm', () => {
    expect(insole('长筒靴 内长23.5cm')).toEqual(['child']);
    expect(insole('马丁靴 40码')).toEqual(['adult']);
    expect(insole('短靴 35-37码')).toEqual(['child']);
    expect(insole('短靴 39-44码')).toEqual(['adult']);
    expect(insole('短靴 35-40码')).toEqual([]);
    expect(insole('Leather boots size 38')).toEqual(['adult']);
    expect(footwearSize('马丁靴 40码').notes).toEqual(['rule:footwear-size(25 cm→≥ 24 cm; 内底不小于24厘米)']);
  });

  it("reads boys' and girls' footwear as children's sizes, and 皮底 as a leather sole", () => {
    expect(insole('男童 短靴 真皮')).toEqual(['child']);
    expect(titleFacets(footwearSize('男士牛皮凉鞋 皮底').text)).toContainEqual({ facet: 'sole', path: 'leather' });
  });

  it('leaves titles that are not footwear alone', () => {
    expect(footwearSize('t恤 40码')).toEqual({ text: 't恤 40码', notes: [] });
  });
});

describe('chapter 64 boots by sole and inner sole', () => {
  const matcher = createMatcher(loadCatalogue());
  const top = (title: string) => matcher.match(title).candidates[0]?.hsCode.slice(0, 8);

  it('keeps a boot with no sole named in 6403.91 and sends a leather-soled one to 6403.51', () => {
    expect(top('男士真皮马丁靴 橡胶底 41码')).toBe('64039119');
    expect(top('牛皮切尔西靴 男 42码')).toBe('64039119');
    expect(top('牛皮短靴 真皮底 男 42码')).toBe('64035119');
  });

  it('splits slippers and boots of one noun by the sole and the upper the title states', () => {
    expect(top('布面拖鞋 真皮底 室内')).toBe('64042010');
    expect(top('布面拖鞋 居家 EVA底')).toBe('64041910');
    expect(top('帆布 短靴 橡胶底 男')).toBe('64041990');
  });

  it('reads a cotton knitted glove as 6116.92 and a coated one as 6116.10', () => {
    expect(top('棉纱手套 针织 劳保')).toBe('61169200');
    expect(top('丁腈涂层 针织手套 劳保')).toBe('61161000');
  });

  it("sends children's boots to the inner sole under 24 cm", () => {
    expect(top('儿童真皮马丁靴 橡胶底')).toBe('64039111');
    expect(top('女童 真皮长筒靴 真皮底')).toBe('64035191');
  });
});

describe('bagFittings (chapter 42 has no heading for parts: a fitting keeps its own heading)', () => {
  const span = (text: string, word: string, kind: 'fitting' | 'bag' | 'other', feature = false) => {
    const start = text.indexOf(word);
    return { start, end: start + word.length, kind, feature };
  };

  it('reads the bag as where a fitting goes when the fitting heads the title or the bag qualifies it', () => {
    const t1 = '织带 涤纶 背包 3.8cm';
    expect(bagFittings(t1, [span(t1, '织带', 'fitting'), span(t1, '背包', 'bag')]).notes).toEqual([
      'rule:bag-fittings(织带 for 背包; 箱包配件按配件本身归类)',
    ]);
    const t2 = '箱包护角 金属 旅行箱';
    expect(
      bagFittings(t2, [span(t2, '箱包', 'bag'), span(t2, '护角', 'fitting', true), span(t2, '旅行箱', 'bag')]).bags,
    ).toHaveLength(2);
  });

  it('leaves the bag the goods when the fitting describes it or follows it', () => {
    const t1 = '铆钉包 女 斜挎';
    expect(bagFittings(t1, [span(t1, '铆钉', 'fitting'), span(t1, '包', 'bag')]).bags).toEqual([]);
    const t2 = '拉链 双肩包 学生';
    expect(bagFittings(t2, [span(t2, '拉链', 'fitting', true), span(t2, '双肩包', 'bag')]).bags).toEqual([]);
    const t3 = '双肩包 织带提手';
    expect(bagFittings(t3, [span(t3, '双肩包', 'bag'), span(t3, '织带', 'fitting')]).bags).toEqual([]);
    const t5 = '按扣多卡位 帆布拉链钱包';
    expect(bagFittings(t5, [span(t5, '按扣', 'fitting', true), span(t5, '钱包', 'bag')]).bags).toEqual([]);
    const t4 = '尼龙织带 背包 2.5cm';
    expect(bagFittings(t4, [span(t4, '织带', 'fitting'), span(t4, '背包', 'bag')]).bags).toHaveLength(1);
  });

  it('classifies bag hardware under its own heading through the matcher', () => {
    const matcher = createMatcher(loadCatalogue());
    const top = (title: string) => matcher.match(title).candidates[0]?.hsCode.slice(0, 8);
    expect(top('插扣 塑料 箱包配件')).toBe('39269090');
    expect(top('牛皮双肩包 女 铆钉')).toMatch(/^4202/);
  });
});

describe('packingBags (EN 42.02 exclusion (a); heading 48.19 base width)', () => {
  it('reads a carrier bag of plastic film, or a plastic bag sold as packing, as a plastic bag (3923)', () => {
    expect(packingBags('pe手提袋 服装店').text).toBe('pe 塑料袋 服装店');
    expect(packingBags('pvc手提礼品袋 透明 包装').text).toContain('塑料袋');
    expect(packingBags('hdpe t-shirt bags 1000pcs').text).toBe('hdpe 塑料袋 1000pcs');
  });

  it('leaves handbags and shopping bags of sheeting or textile to 4202', () => {
    expect(packingBags('pvc果冻包 女 手提').notes).toEqual([]);
    expect(packingBags('tpu 折叠购物袋手提').notes).toEqual([]);
    expect(packingBags('无纺布手提袋 环保').notes).toEqual([]);
  });

  it('reads a paper bag with a base of 40 cm or more as a large paper bag (4819.30)', () => {
    expect(packingBags('牛皮纸袋 底宽45cm').notes).toEqual([
      'rule:packing-bags(base 45 cm ≥ 40 cm, 4819.30; 底宽不小于40厘米)',
    ]);
    expect(packingBags('牛皮纸袋 底宽30cm').notes).toEqual([]);
  });

  it('classifies through the matcher', () => {
    const matcher = createMatcher(loadCatalogue());
    const top = (title: string) => matcher.match(title).candidates[0]?.hsCode.slice(0, 8);
    expect(top('PE手提袋 服装店 定制印刷')).toBe('39232100');
    expect(top('水泥纸袋 底宽50cm')).toBe('48193000');
  });
});

describe('penSets (subheading 9608.50)', () => {
  it('reads two kinds of pen put up as a set as a pen set', () => {
    expect(penSets('钢笔 圆珠笔 礼盒套装').notes).toEqual([
      'rule:pen-sets(9608.10 + 9608.30 in one set is 9608.50; 两种以上的笔成套)',
    ]);
    expect(penSets('fountain pen and ballpoint pen gift set').text).toContain('笔套装');
  });

  it('leaves one kind of pen, or pens not sold as a set, alone', () => {
    expect(penSets('中性笔 12支 套装').notes).toEqual([]);
    expect(penSets('钢笔 圆珠笔').notes).toEqual([]);
  });
});

describe('imitation leather and artificial fur', () => {
  it('reads 仿皮草 as artificial fur, not imitation leather, and 纹绣 as no grain', () => {
    expect(imitationLeather('仿皮草制品').notes).toEqual([]);
    expect(imitationLeather('仿皮 钱包').notes).toEqual(['rule:imitation-leather(仿皮→pu)']);
    expect(imitationLeather('皮革 纹绣箱').notes).toEqual([]);
  });
});

describe('containerCapacity (3925.10 / 7309: containers over 300 l)', () => {
  it('reads a container title whose capacity exceeds 300 l, in litres, tonnes of water or cubic metres', () => {
    expect(containerCapacity('塑料储水桶 500升').text).toContain('大容量容器');
    expect(containerCapacity('不锈钢水箱 1吨').notes).toEqual([
      'rule:container-capacity(1000 l > 300 l; 容积超过300升的囤、罐、桶: 3925.10 / 7309)',
    ]);
    expect(containerCapacity('pe water tank 2m3').text).toContain('大容量容器');
  });

  it('leaves smaller containers and titles without a container noun alone', () => {
    expect(containerCapacity('200升铁桶').notes).toEqual([]);
    expect(containerCapacity('吨袋 集装袋 1吨').notes).toEqual([]);
    expect(containerCapacity('保温杯 500ml').notes).toEqual([]);
  });
});

describe('mouldedPlastics (4202 sheeting of plastics)', () => {
  it('reads an injection-moulded container as moulded plastics, not sheeting', () => {
    const result = mouldedPlastics('注塑abs眼镜盒 硬壳');
    expect(result.text).toContain('模塑塑料');
    expect(result.text).not.toContain('abs');
    expect(result.notes[0]).toMatch(/^rule:moulded-plastics/);
  });
  it('leaves resin grades, moulding machines and titles without a container alone', () => {
    expect(mouldedPlastics('注塑级pp颗粒 25kg').notes).toEqual([]);
    expect(mouldedPlastics('注塑机 配件 盒').notes).toEqual([]);
    expect(mouldedPlastics('pu眼镜盒').notes).toEqual([]);
  });
  it('contradicts a code for sheeting of plastics and fits the other-materials code', () => {
    const matcher = createMatcher(loadCatalogue());
    const top = matcher.match('注塑PP相机箱 防水', 3).candidates[0]!;
    expect(top.hsCode.slice(0, 8)).toBe('42029900');
    expect(top.matchedTerms.some((t) => t.startsWith('rule:moulded-plastics'))).toBe(true);
  });
});

describe('chapter 43 note 4 and fur words', () => {
  it('reads a garment lined with fur by the fur', () => {
    const result = furLining('牛皮夹克 男 貉子毛内胆');
    expect(result.text).not.toContain('牛皮');
    expect(result.notes[0]).toMatch(/^rule:fur-lining/);
    expect(furLining('皮衣 羊皮 獭兔毛内里').text).toContain('外套');
    expect(furLining('牛皮夹克 男 毛领').notes).toEqual([]);
  });
  it('tells artificial fur from furskin', () => {
    const paths = (t: string) => titleFacets(t).map((v) => v.path);
    expect(paths('仿皮草马甲')).toContain('fur-artificial');
    expect(paths('貂皮马甲')).toContain('fur');
  });
});

describe('firstAidKits (3006.50)', () => {
  it('reads a first-aid bag with its contents as a kit, and leaves an empty one a container', () => {
    expect(firstAidKits('家用急救包 含碘伏 纱布').text).toContain('急救药箱');
    expect(firstAidKits('急救包 空包 户外').notes).toEqual([]);
    expect(firstAidKits('急救包 尼龙 户外').notes).toEqual([]);
    expect(firstAidKits('户外急救包 带医疗用品').text).toBe('户外 急救药箱 带医疗用品');
    expect(firstAidKits('first aid pouch with gauze').text).toContain('急救药箱');
    expect(firstAidKits('急救包 空包 不含药品 尼龙').notes).toEqual([]);
    expect(firstAidKits('empty first aid bag without supplies').notes).toEqual([]);
  });
});

describe('chapter 46 plaiting materials and 4202 other outer surfaces', () => {
  const matcher = createMatcher(loadCatalogue());
  const top = (title: string) => matcher.match(title, 3).candidates[0]?.hsCode.slice(0, 8);
  it('reads 编结品 in chapter 46 names as plaited goods, not straw, so the straw code decides', () => {
    expect(top('稻草编织收纳篮 带提手')).toBe('46021910');
    expect(top('竹节手柄 PU 手提包')).toBe('42022200');
  });
  it('gives vulcanised fibre and paperboard containers the other-materials code of their row', () => {
    expect(top('钢纸行李箱 复古 硬箱')).toBe('42021900');
    expect(top('纸板首饰盒 外覆特种纸')).toBe('42029900');
  });
});

describe('packing bags, sports gloves and foil insulation', () => {
  const matcher = createMatcher(loadCatalogue());
  const top = (title: string) => matcher.match(title, 3).candidates[0]?.hsCode.slice(0, 8);
  it('keeps 背心袋, a polyethylene T-shirt bag, when the packing rule reads a carrier bag', () => {
    expect(packingBags('一次性 塑料 背心袋').text).toContain('背心袋');
    expect(top('背心袋 塑料 超市购物袋 加厚')).toBe('39232100');
  });
  it('gives textile packing bags to 6305 by their fibre', () => {
    expect(top('纯棉包装袋 束口 大米袋')).toBe('63052000');
  });
  it('reads a named sport for 4203.21 and none for other leather gloves', () => {
    expect(top('牛皮骑行手套 半指 运动')).toBe('42032100');
    expect(top('羊皮手套 女 冬季 保暖')).toBe('42032990');
  });
  it('does not read aluminium foil insulation as the outer surface', () => {
    expect(readTitle('午餐袋 铝箔保温 儿童').text).not.toContain('铝箔');
  });
});

describe('furHair (chapter 43; Section XI note 1: articles of furskin are not textiles)', () => {
  it('drops the fine-hair reading of an animal hair word in a title that says real fur', () => {
    const title = '兔毛短外套 真皮草';
    const read = furHair(title, titleFacets(title));
    expect(read.values.some((v) => v.path.startsWith('textile'))).toBe(false);
    expect(read.values.some((v) => v.path.startsWith('fur'))).toBe(true);
    expect(read.notes[0]).toMatch(/^rule:fur-hair\(.*皮草.*\)$/);
  });

  it('leaves rabbit hair a fibre when the title says nothing of fur', () => {
    const title = '兔毛针织开衫 女';
    expect(furHair(title, titleFacets(title))).toEqual({ values: titleFacets(title), notes: [] });
  });
});

describe('families of the burned holdouts outside chapter 42 (whole matcher)', () => {
  const matcher = createMatcher(loadCatalogue());
  const top = (title: string) => matcher.match(title).candidates[0]?.hsCode.slice(0, 8);

  it('reads a metal colour before a plating word as the plating (gold filled is clad metal of 7113.20)', () => {
    expect(top('18K gold filled hoop earrings')).toBe('71132090');
    expect(top('silver tone alloy pendant necklace')).toBe('71171900');
  });

  it('takes a fitting sold for bags as the goods, its feature-word discount lifted', () => {
    expect(top('luggage replacement caster wheels metal bracket')).toBe('83022000');
    expect(top('D扣 金属 双肩包配件 38mm')).toBe('83089000');
    expect(top('brass zipper for handbags open end')).toBe('96071100');
    // A feature listed after the goods leaves them the goods (a case with spinner wheels).
    expect(top('聚酯纤维 登机箱飞机轮')).toBe('42021210');
  });

  it('shares nouns across material splits: aluminium cookware, textile packing sacks, leather aprons, fur coats', () => {
    expect(top('铝合金炒锅 家用 无涂层')).toBe('76151090');
    expect(top('纯棉包装袋 面粉 25公斤')).toBe('63052000');
    expect(top('PE包装袋 自封 透明')).toBe('39232100');
    expect(top('leather work apron for blacksmith')).toBe('42031000');
    expect(top('狐狸毛马甲 真皮草')).toBe('43031010');
  });
});

describe('more families outside chapter 42: residual iron or steel, pillows, key fobs, uses (whole matcher)', () => {
  const matcher = createMatcher(loadCatalogue());
  const top = (title: string) => matcher.match(title);

  it('reads 其他未搪瓷钢铁 (7323.99) as iron or steel other than the stainless and cast iron of its siblings', () => {
    const stainless = top('304不锈钢汤锅 双耳');
    expect(stainless.candidates[0]?.hsCode.slice(0, 8)).toBe('73239300');
    expect(stainless.abstained).toBe(false);
    expect(top('碳钢炒锅 无涂层').candidates[0]?.hsCode.slice(0, 8)).toBe('73239900');
  });

  it('takes foam pillows to 9404.90.90 and a leather key fob to 4205.00.90', () => {
    expect(top('记忆棉枕头 护颈').candidates[0]?.hsCode.slice(0, 8)).toBe('94049090');
    expect(top('牛皮钥匙扣 手工').candidates[0]?.hsCode.slice(0, 8)).toBe('42050090');
  });

  it('reads a noun closed by 用 as the use: a zip for jeans is a zip', () => {
    expect(top('3号铜拉链 牛仔裤用').candidates[0]?.hsCode.slice(0, 8)).toBe('96071100');
  });
});

describe('declarationFields: a use or power-source field names no goods', () => {
  it('writes 用途:X and 电源:X as a use', () => {
    const read = declarationFields('品名:被子|填充物:白鹅绒|用途:床上用品|品牌:无');
    expect(read.text).toContain('床上用品用');
    expect(read.notes.some((n) => n.startsWith('rule:declaration-fields(用途:床上用品'))).toBe(true);
    expect(declarationFields('品名:计算器|电源:纽扣电池').text).toContain('纽扣电池用');
  });
});

describe('hosieryDecitex (6115.21 / .22 split at 67 decitex; 6115.30 stockings under 67)', () => {
  it('reads denier and decitex in hosiery titles', () => {
    expect(hosieryDecitex('连裤袜 20d 女').text).toBe('连裤袜 细旦 女');
    expect(hosieryDecitex('pantyhose 80 denier').text).toBe('pantyhose 粗旦');
    expect(hosieryDecitex('丝袜 70dtex').text).toBe('丝袜 粗旦');
    expect(hosieryDecitex('连裤袜 20d').notes[0]).toMatch(
      /^rule:hosiery-decitex\(20d ≈ 22 dtex < 67; 单丝细度小于67分特\)$/,
    );
  });

  it('leaves other titles alone (the denier of a webbing or a fabric is no hosiery)', () => {
    expect(hosieryDecitex('600d 牛津布 背包').notes).toEqual([]);
  });
});

describe('foldingUmbrella (6601.91: umbrellas having a telescopic shaft)', () => {
  it('reads an umbrella that says it folds as a folding umbrella, in place', () => {
    expect(foldingUmbrella('3-fold auto umbrella').text).toBe('3-fold auto folding umbrella');
    expect(foldingUmbrella('三折 自动 雨伞 配件').text).toBe('三折 自动 折叠伞 配件');
    expect(foldingUmbrella('tri-fold umbrella').notes[0]).toMatch(/^rule:folding-umbrella\(tri-fold: .*折叠伞.*\)$/);
    // The match explanation carries the rule's note (readTitle once dropped it).
    expect(readTitle('三折 自动 雨伞').notes.some((n) => n.startsWith('rule:folding-umbrella'))).toBe(true);
  });

  it('leaves a straight umbrella, a named folding umbrella and umbrella ribs alone', () => {
    expect(foldingUmbrella('长柄直杆伞 自动').notes).toEqual([]);
    expect(foldingUmbrella('伞骨 折叠伞 配件').notes).toEqual([]);
  });
});
