import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/catalogue';
import {
  batteryDesignation,
  fibrePredominance,
  imitationLeather,
  platingIsNotPrecious,
  stonesOnBaseMetal,
} from './classification-rules';
import { scanFacets } from './facets';
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

describe('imitation leather and artificial fur', () => {
  it('reads 仿皮草 as artificial fur, not imitation leather, and 纹绣 as no grain', () => {
    expect(imitationLeather('仿皮草制品').notes).toEqual([]);
    expect(imitationLeather('仿皮 钱包').notes).toEqual(['rule:imitation-leather(仿皮→pu)']);
    expect(imitationLeather('皮革 纹绣箱').notes).toEqual([]);
  });
});
