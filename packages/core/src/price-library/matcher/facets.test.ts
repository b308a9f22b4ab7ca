import { describe, expect, it } from 'vitest';
import { facetFit, fittedWords, materialCompat, scanFacets, titleFacets, typeFacets } from './facets';
import { applyTariffRules } from './rules';

const materials = (text: string) =>
  titleFacets(text)
    .filter((v) => v.facet === 'material')
    .map((v) => v.path);

describe('titleFacets', () => {
  it('reads 电 of 电卷发器 as electric without swallowing the 卷 of 卷发器', () => {
    const hits = scanFacets('电卷发器').map((h) => h.word);
    expect(hits).toEqual(['电']);
  });

  it('reads a singlet (背心) as usually knitted, but not a suit waistcoat', () => {
    expect(titleFacets('女纯棉背心')).toContainEqual({ facet: 'make', path: 'knit', usual: true });
    expect(titleFacets('西装背心 男').some((v) => v.facet === 'make')).toBe(false);
  });

  it('costs an enamelled code a little when the title names the base metal only (7323.92 vs 7323.91)', () => {
    const castIron = titleFacets('铸铁炒锅');
    const plain = facetFit(castIron, typeFacets('未搪瓷铸铁制餐桌、厨房等家用器具及其零件', '73239100')).score;
    const enamelled = facetFit(castIron, typeFacets('已搪瓷铸铁制餐桌、厨房等家用器具及其零件', '73239200')).score;
    expect(plain - enamelled).toBeGreaterThan(0.2);
    const stated = titleFacets('搪瓷铸铁锅');
    expect(facetFit(stated, typeFacets('已搪瓷铸铁制餐桌、厨房等家用器具及其零件', '73239200')).score).toBeGreaterThan(
      facetFit(stated, typeFacets('未搪瓷铸铁制餐桌、厨房等家用器具及其零件', '73239100')).score,
    );
  });

  it('reads the abbreviated soles of chapter 64 names (橡、塑、革外底) as soles, not residual', () => {
    const soles = typeFacets('其他橡、塑或再生皮革外底,皮革鞋面的鞋靴', '64039900').filter((v) => v.facet === 'sole');
    expect(soles.map((v) => v.path)).toEqual(['rubber', 'plastics', 'leather/composition']);
    expect(soles.every((v) => !v.other)).toBe(true);
    expect(typeFacets('其他橡,塑,革外底的皮革鞋面有金属护头鞋靴', '64034000')).toContainEqual({
      facet: 'sole',
      path: 'leather',
    });
  });

  it('reads human hair as the material of 6704.20, which synthetic wigs contradict and a bare title does not take', () => {
    const human = typeFacets('人发制假发,胡须,眉毛,睫毛及其他人发制品', '67042000');
    const synthetic = typeFacets('合成纺织材料制假发,胡须,眉毛及睫毛等', '67041900');
    expect(materials('真人发 假发片')).toEqual(['hair/human']);
    expect(facetFit(titleFacets('真人发 假发片'), synthetic).conflicts).toContain('material');
    expect(facetFit(titleFacets('假发片'), human).score).toBeLessThan(facetFit(titleFacets('假发片'), synthetic).score);
  });

  it('reads plating with precious metal as an attribute of base-metal goods (8306.21 against 8306.29)', () => {
    const plated = typeFacets('镀贵金属的雕塑像及其他装饰品', '83062100');
    expect(plated).toEqual([{ facet: 'plating', path: 'precious' }]);
    expect(titleFacets(applyTariffRules('镀层 摆件'))).toContainEqual({ facet: 'plating', path: 'precious' });
    expect(facetFit(titleFacets('金属摆件'), plated).score).toBeLessThan(0);
  });

  it('drops a generic fabric word beside a fibre in a title, as in code names (纯棉桌布)', () => {
    expect(materials('纯棉桌布')).toEqual(['textile/cotton']);
  });

  it('reads 皮革面 in a chapter 64 name as a leather upper (6403.12 ski boots), not a sole', () => {
    expect(typeFacets('橡、塑、革外底 皮革面滑雪鞋靴和板靴', '64031200')).toContainEqual({
      facet: 'material',
      path: 'leather',
    });
  });

  it('never reads a single fibre after 其他 as residual (其他棉制…手套 are cotton gloves, 6116.92)', () => {
    expect(typeFacets('其他棉制针织或钩编的手套', '61169200')).toContainEqual({
      facet: 'material',
      path: 'textile/cotton',
    });
  });

  it('does not read 麻花钻 (twist drill) as linen', () => {
    expect(materials('麻花钻 高速钢')).not.toContain('textile/linen');
    expect(materials('亚麻 桌布')).toContain('textile/linen');
    expect(materials('麻花钻 高速钢')).toEqual(['metal/base/iron']);
  });

  it('reads hand-cranked (手摇, 手动) as manual, not fuel-powered, and 非电气 as either', () => {
    const power = (text: string) => titleFacets(text).filter((v) => v.facet === 'power');
    expect(power('手摇榨汁机')).toEqual([{ facet: 'power', path: 'manual' }]);
    expect(power('煤油灯')).toEqual([{ facet: 'power', path: 'fuel' }]);
    expect(typeFacets('加工调制食品或饮料手动机械器具', '82100000')).toContainEqual({ facet: 'power', path: 'manual' });
    const nonElectric = typeFacets('非电气灯具', '94055000');
    expect(facetFit(power('手摇灯'), nonElectric).conflicts).toEqual([]);
    expect(facetFit(power('手摇榨汁机'), typeFacets('水果或蔬菜的榨汁器', '85094010')).conflicts).toEqual(['power']);
  });

  it('reads PU leather as plastics, not leather', () => {
    expect(materials('pu皮手提包')).toEqual(['plastics/pu']);
    expect(materials('vegan leather tote')).toEqual(['plastics/pu']);
  });

  it('reads wool, fine animal hair and cashmere as nested materials (chapter 51 note 1)', () => {
    expect(materials('merino wool sweater')).toEqual(['textile/wool/sheep']);
    expect(typeFacets('毛制男式上衣', '62033100')).toContainEqual({ facet: 'material', path: 'textile/wool' });
    expect(materials('马海毛毛衣')).toEqual(['textile/wool/fine']);
    expect(materials('山羊绒开衫')).toEqual(['textile/wool/fine/cashmere']);
    expect(materials('驼绒围巾')).toEqual(['textile/wool/fine']);
    // Sheep's wool (羊毛) and fine hair are branches: a 羊毛制 code does not take cashmere.
    expect(
      materialCompat('textile/wool/fine/cashmere', { facet: 'material', path: 'textile/wool/sheep' }),
    ).toBeLessThan(0);
    expect(materialCompat('textile/wool', { facet: 'material', path: 'textile/wool/fine/cashmere' })).toBeLessThan(
      materialCompat('textile/wool', { facet: 'material', path: 'textile/wool' }),
    );
  });

  it('reads polypropylene as a synthetic fibre in textile goods', () => {
    expect(materialCompat('plastics/pp', { facet: 'material', path: 'textile/manmade' })).toBeGreaterThan(0);
    expect(materialCompat('plastics/pp', { facet: 'material', path: 'textile/cotton' })).toBeLessThan(0);
  });

  it('lets the material that fits decide when a title names several (GIR 3(b))', () => {
    const zip = typeFacets('装有贱金属制齿的拉链', '96071100');
    expect(facetFit(titleFacets('铜拉链 牛仔 闭尾'), zip).score).toBeGreaterThan(0);
    const enamelled = typeFacets('已搪瓷铸铁制餐桌、厨房等家用器具及其零件', '73239200');
    const plain = typeFacets('未搪瓷铸铁制餐桌、厨房等家用器具及其零件', '73239100');
    const pot = titleFacets('珐琅铸铁汤锅');
    expect(facetFit(pot, enamelled).score).toBeGreaterThan(facetFit(pot, plain).score);
  });

  it('prefers the man-made fibre code of a garment when the title names no material (market usual make)', () => {
    const manmade = typeFacets('化纤制胸罩', '62121010');
    const other = typeFacets('其他纺织材料制胸罩', '62121090');
    expect(facetFit(titleFacets('女士文胸'), manmade).score).toBeGreaterThan(
      facetFit(titleFacets('女士文胸'), other).score,
    );
    // a stated material still decides
    const cotton = typeFacets('棉制胸罩', '62121090');
    expect(facetFit(titleFacets('纯棉文胸'), manmade).score).toBeLessThan(
      facetFit(titleFacets('纯棉文胸'), cotton).score,
    );
    // outside apparel, textiles and chapter 42 there is no usual make
    expect(typeFacets('化纤制胸罩', '39269090').some((v) => v.usual)).toBe(false);
  });

  it('reads a chapter 42 container with no outer material as of plastics or textile (market usual make)', () => {
    const plastics = typeFacets('以塑料片或纺织材料作面通常置于口袋或手提包内的物品', '42023200');
    const leather = typeFacets('以皮革或再生皮革作面通常置于口袋或手提包内的物品', '42023100');
    expect(facetFit(titleFacets('眼镜盒 便携'), plastics).score).toBeGreaterThan(
      facetFit(titleFacets('眼镜盒 便携'), leather).score,
    );
  });

  it('does not read 棉服 (a padded coat) as cotton', () => {
    expect(materials('涤纶面料男士棉服')).toEqual(['textile/manmade/synthetic']);
  });

  it('reads a material right before 底 as the sole', () => {
    expect(titleFacets('头层牛皮皮鞋 橡胶底')).toEqual([
      { facet: 'material', path: 'leather/genuine' },
      { facet: 'sole', path: 'rubber' },
    ]);
  });
});

describe('applyTariffRules (4202: the outer surface decides)', () => {
  it('ignores the lining', () => {
    expect(materials(applyTariffRules('真皮手提包 内里涤纶'))).toEqual(['leather/genuine']);
    expect(materials(applyTariffRules('牛皮钱包 里布:涤纶'))).toEqual(['leather/genuine']);
  });

  it('ignores an aluminium trolley handle but not an aluminium case', () => {
    expect(materials(applyTariffRules('pc 铝合金拉杆 行李箱'))).toEqual(['plastics/pc']);
    expect(materials(applyTariffRules('铝合金拉杆箱'))).toEqual(['metal/base/aluminium']);
  });

  it('reads 拉杆行李箱 as a trolley case and 五金工具包 as a tool bag, not as parts', () => {
    expect(materials(applyTariffRules('帆布拉杆行李箱'))).toEqual(['textile']);
    expect(materials(applyTariffRules('pvc五金工具包'))).toContain('plastics/pvc');
  });

  it('reads 多隔层 as compartments, not as a lining', () => {
    expect(materials(applyTariffRules('多隔层聚酯纤维 书包'))).toEqual(['textile/manmade/synthetic']);
    expect(materials(applyTariffRules('牛皮钱包 夹层涤纶'))).toEqual(['leather/genuine']);
  });

  it('ignores an aluminium-foil insulation layer', () => {
    expect(materials(applyTariffRules('铝箔内衬 牛津布 便当包'))).toEqual(['textile/manmade/synthetic']);
  });
});

describe('typeFacets: a generic fabric word beside a fibre', () => {
  const paths = (name: string, hs8: string) =>
    typeFacets(name, hs8)
      .filter((v) => v.facet === 'material')
      .map((v) => v.path);

  it('reads the fibre, not the generic word, as the code material', () => {
    expect(paths('其他棉制盥洗及厨房毛巾织物等毛圈织物制品', '63026090')).toEqual(['textile/cotton']);
  });

  it('keeps alternatives and a textile column beside plastics', () => {
    expect(paths('以塑料或纺织材料作面的衣箱', '42021210')).toEqual(['plastics', 'textile']);
    expect(paths('羊毛或动物细毛制女式大衣', '62022000')).toEqual(['textile/wool/sheep', 'textile/wool/fine']);
  });

  it('reads 未列名材料 (materials not elsewhere named) as the residual other materials', () => {
    const value = typeFacets('未列名材料制人造花、叶等及其零件和制品', '67029090').find((v) => v.facet === 'material');
    expect(value).toMatchObject({ path: 'other-material', other: true });
  });
});

describe('facetFit conflicts', () => {
  it('counts a stated material a code contradicts, but not one a residual code leaves to its siblings', () => {
    const pvc = titleFacets('pvc 雨衣');
    expect(facetFit(pvc, typeFacets('皮革或再生皮革制的衣服', '42031000')).conflicts).toEqual(['material']);
    const residual = typeFacets('其他塑料制衣服及衣着附件', '39262090').map((v) =>
      v.facet === 'material' ? { ...v, claimed: ['plastics/pvc'] } : v,
    );
    expect(facetFit(pvc, residual).score).toBeLessThan(0);
    expect(facetFit(pvc, residual).conflicts).toEqual([]);
  });
});

describe('sets put up for retail sale (GIR 3(b))', () => {
  it('reads 成套 / 套装 / set in titles and code names', () => {
    expect(titleFacets('刀叉套装')).toContainEqual({ facet: 'set', path: 'set' });
    expect(typeFacets('其他成套的餐匙、餐叉、勺等厨房或餐桌用具', '82152000')).toContainEqual({
      facet: 'set',
      path: 'set',
    });
  });

  it('costs a set code a little when the title names no set', () => {
    const sets = [{ facet: 'set', path: 'set' }] as const;
    expect(facetFit(titleFacets('叉子'), sets).score).toBeLessThan(0);
    expect(facetFit(titleFacets('刀叉套装'), sets).score).toBeGreaterThan(0);
  });
});

describe('usually knitted garments', () => {
  it('reads underwear, T-shirts, leggings … with no stated make as knitted by default', () => {
    expect(titleFacets('男士内裤 莫代尔')).toContainEqual({ facet: 'make', path: 'knit', usual: true });
    expect(titleFacets('womens legging polyester')).toContainEqual({ facet: 'make', path: 'knit', usual: true });
    expect(titleFacets('男士梭织内裤').filter((v) => v.facet === 'make')).toEqual([{ facet: 'make', path: 'woven' }]);
    expect(titleFacets('男士衬衫 棉').some((v) => v.facet === 'make')).toBe(false);
  });

  it('weighs the default like a default: a small fit for knitted codes, a small cost for woven ones', () => {
    const query = titleFacets('男士内裤');
    const knitted = facetFit(query, [
      { facet: 'make', path: 'knit' },
      { facet: 'make', path: 'crochet' },
    ]);
    const woven = facetFit(query, [{ facet: 'make', path: 'woven' }]);
    expect(knitted.score).toBeGreaterThan(0);
    expect(
      fittedWords(
        query,
        [
          { facet: 'make', path: 'knit' },
          { facet: 'make', path: 'crochet' },
        ],
        knitted.byFacet,
      ),
    ).toEqual(['make:knit(usual)']);
    expect(fittedWords(query, [{ facet: 'make', path: 'woven' }], woven.byFacet)).toEqual([]);
    expect(woven.score).toBeCloseTo(-0.3);
    expect(woven.conflicts).toEqual(['make']);
  });
});

describe('materialCompat', () => {
  it('reads acrylic and polypropylene as synthetic fibres in textile goods', () => {
    const synthetic = { facet: 'material', path: 'textile/manmade/synthetic' } as const;
    expect(materialCompat('plastics/acrylic', synthetic)).toBeGreaterThan(0.5);
    expect(materialCompat('plastics/pp', synthetic)).toBeGreaterThan(0.5);
    expect(materialCompat('plastics/acrylic', { facet: 'material', path: 'textile/cotton' })).toBeLessThan(0);
  });

  it('fits a narrower title material to a broader code and conflicts across branches', () => {
    expect(materialCompat('textile/manmade/synthetic', { facet: 'material', path: 'textile/manmade' })).toBeGreaterThan(
      0.5,
    );
    expect(materialCompat('textile/manmade/synthetic', { facet: 'material', path: 'textile/cotton' })).toBeLessThan(0);
    expect(materialCompat('plastics/pu', { facet: 'material', path: 'leather' })).toBe(-1);
  });

  it('lets a residual code take only what its siblings do not name', () => {
    const other = {
      facet: 'material' as const,
      path: 'textile',
      other: true,
      claimed: ['textile/cotton', 'textile/silk'],
    };
    expect(materialCompat('textile/cotton', other)).toBeLessThan(0);
    expect(materialCompat('textile/manmade/synthetic', other)).toBeGreaterThan(0.5);
  });
});

describe('typeFacets', () => {
  it('reads chapter 61 as knitted and 62 as woven when the name does not say', () => {
    expect(typeFacets('棉制男衬衫', '62052000')).toContainEqual({ facet: 'make', path: 'woven' });
    expect(typeFacets('化纤制针织或钩编的男衬衫', '61052000')).toContainEqual({ facet: 'make', path: 'knit' });
  });

  it('reads the upper, not the sole, of footwear as its material', () => {
    const facets = typeFacets('橡胶或塑料制外底,纺织材料制鞋面的拖鞋', '64041910');
    expect(facets.filter((v) => v.facet === 'material').map((v) => v.path)).toEqual(['textile']);
  });

  it('reads a coating (浸胶, 涂掌, 涂层) as the attribute of coated textiles, which the fabric under it does not give', () => {
    const coated = typeFacets(
      '用塑料或橡胶浸渍、涂布、包覆或层压的针织或钩编的分指手套、连指手套及露指手套',
      '61161000',
    );
    expect(coated.filter((v) => v.facet === 'material').map((v) => v.path)).toEqual(['plastics', 'rubber']);
    expect(facetFit(titleFacets('pu涂掌手套 尼龙针织'), coated).score).toBeGreaterThan(0);
    expect(facetFit(titleFacets('棉纱手套 针织'), coated).score).toBeLessThan(0);
  });

  it('reads 棉靴 and 夹棉 as padding, not cotton', () => {
    expect(titleFacets('eva棉靴 高帮').filter((v) => v.facet === 'material')).toEqual([
      { facet: 'material', path: 'plastics/eva' },
    ]);
    expect(
      titleFacets('棉服 涤纶 夹棉')
        .filter((v) => v.facet === 'material')
        .map((v) => v.path),
    ).toEqual(['textile/manmade/synthetic']);
  });
});
