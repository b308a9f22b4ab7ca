import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDeclarationLines,
  declarationRates,
  priceGoods,
  splitByLines,
  transactionValuesUsd,
  type DeclaredLine,
  type GoodsLine,
  type SimplifiedDeclaration,
} from './declaration.models';
import { toUsd } from './value-cap';

let nextId = 0;
/** A goods line with sensible defaults; values in CNY, USD given explicitly. */
function goods(overrides: Partial<GoodsLine> & Pick<GoodsLine, 'hsCode' | 'valueUsd'>): GoodsLine {
  nextId += 1;
  return {
    lineId: `L${String(nextId).padStart(4, '0')}`,
    name: `goods ${overrides.hsCode}`,
    quantity: '10',
    unit: '007',
    netWeightKg: '5.5',
    value: new Decimal(overrides.valueUsd).mul('7.1').toFixed(2),
    currency: 'CNY',
    eligibleForSimplification: true,
    ...overrides,
  };
}

function ok(result: SimplifiedDeclaration) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}

const brief = (lines: DeclaredLine[]) => lines.map((line) => [line.hsCode, line.valueUsd, line.merged]);

describe('simplified declaration: examples from DOMAIN §1.4', () => {
  it('itemises everything when there are exactly five kinds ("5种以上" changes nothing at five)', () => {
    const input = ['100', '500', '300', '200', '400'].map((valueUsd, i) =>
      goods({ hsCode: `420222000${i}`, valueUsd }),
    );
    const result = ok(buildDeclarationLines(input, { simplify: true }));
    expect(result.simplified).toBe(false);
    expect(result.correspondence).toEqual([]);
    expect(result.lines.map((line) => line.valueUsd)).toEqual(['500', '400', '300', '200', '100']);
    expect(result.lines.every((line) => !line.merged)).toBe(true);
  });

  it('with six kinds itemises the top five by value and merges the sixth into its chapter line', () => {
    const input = [
      goods({ hsCode: '4202220000', valueUsd: '9000.00' }),
      goods({ hsCode: '4202120000', valueUsd: '8000.00' }),
      goods({ hsCode: '3926909090', valueUsd: '7000.00' }),
      goods({ hsCode: '6307900090', valueUsd: '6000.00' }),
      goods({ hsCode: '4202310000', valueUsd: '5000.00' }),
      goods({ hsCode: '7326909000', valueUsd: '10.00' }),
    ];
    const result = ok(buildDeclarationLines(input, { simplify: true }));
    expect(result.simplified).toBe(true);
    expect(brief(result.lines)).toEqual([
      ['4202220000', '9000.00', false],
      ['4202120000', '8000.00', false],
      ['3926909090', '7000.00', false],
      ['6307900090', '6000.00', false],
      ['4202310000', '5000.00', false],
      ['7326909000', '10.00', true],
    ]);
    expect(result.correspondence).toEqual([
      expect.objectContaining({
        lineNo: 6,
        chapter: '73',
        hsCode: '7326909000',
        sources: [expect.objectContaining({ lineId: input[5]!.lineId })],
      }),
    ]);
  });

  it('gives a remainder chapter its own merged line even when a top-five line has the same chapter', () => {
    const top = ['900', '800', '700', '600', '500'].map((valueUsd, i) => goods({ hsCode: `42022${i}0000`, valueUsd }));
    const wallet = goods({ hsCode: '4202310000', name: 'wallet', valueUsd: '40.00', quantity: '100' });
    const belt = goods({ hsCode: '4203300000', name: 'belt', valueUsd: '60.00', quantity: '50' });
    const result = ok(buildDeclarationLines([...top, wallet, belt], { simplify: true }));
    expect(result.lines).toHaveLength(6);
    expect(result.lines[5]).toEqual({
      lineNo: 6,
      hsCode: '4203300000',
      name: 'belt',
      quantity: '150',
      unit: '007',
      value: new Decimal(wallet.value).plus(belt.value).toFixed(2),
      currency: 'CNY',
      valueUsd: '100.00',
      merged: true,
      sourceLineIds: [wallet.lineId, belt.lineId].sort(),
    });
    expect(result.correspondence[0]!.sources.map((source) => source.lineId)).toEqual([belt.lineId, wallet.lineId]);
  });

  it('declares total net weight in kg when the units in a merged chapter differ', () => {
    const top = ['900', '800', '700', '600', '500'].map((valueUsd, i) => goods({ hsCode: `39261${i}0000`, valueUsd }));
    const bags = goods({ hsCode: '4202220000', valueUsd: '70', unit: '007', netWeightKg: '120.5' });
    const leather = goods({ hsCode: '4205009000', valueUsd: '30', unit: '035', quantity: '80', netWeightKg: '80' });
    const result = ok(buildDeclarationLines([...top, bags, leather], { simplify: true }));
    const merged = result.lines[5]!;
    expect(merged).toMatchObject({ hsCode: '4202220000', unit: '035', quantity: '200.5', merged: true });
    expect(merged.quantityNote).toBe('source units differ (007, 035); quantity is the total net weight in kg (035)');
  });

  it('itemises ineligible goods after the simplified lines and keeps them out of the top five', () => {
    const eligible = ['90', '80', '70', '60', '50', '40', '30'].map((valueUsd, i) =>
      goods({ hsCode: `420222000${i}`, valueUsd }),
    );
    const inspected = goods({ hsCode: '4202990000', valueUsd: '99999', eligibleForSimplification: false });
    const result = ok(buildDeclarationLines([inspected, ...eligible], { simplify: true }));
    expect(brief(result.lines)).toEqual([
      ['4202220000', '90', false],
      ['4202220001', '80', false],
      ['4202220002', '70', false],
      ['4202220003', '60', false],
      ['4202220004', '50', false],
      ['4202220005', '70', true],
      ['4202990000', '99999', false],
    ]);
  });

  it('treats a kind as ineligible when any of its source lines is', () => {
    const top = ['900', '800', '700', '600', '500'].map((valueUsd, i) => goods({ hsCode: `39261${i}0000`, valueUsd }));
    const a = goods({ hsCode: '6307900090', name: 'strap', valueUsd: '5' });
    const b = goods({ hsCode: '6307900090', name: 'strap', valueUsd: '6', eligibleForSimplification: false });
    const result = ok(buildDeclarationLines([...top, a, b], { simplify: true }));
    expect(result.simplified).toBe(false);
    expect(result.lines.at(-1)).toMatchObject({
      hsCode: '6307900090',
      valueUsd: '11',
      merged: false,
      sourceLineIds: [a.lineId, b.lineId],
    });
  });

  it('aggregates source lines of one kind before ranking, and sums their quantities only within one unit', () => {
    const a = goods({
      hsCode: '4202220000',
      name: 'tote',
      valueUsd: '10.50',
      quantity: '3',
      unit: '007',
      netWeightKg: '1.2',
    });
    const b = goods({
      hsCode: '4202220000',
      name: 'tote',
      valueUsd: '4.5',
      quantity: '2',
      unit: '007',
      netWeightKg: '0.8',
    });
    const c = goods({
      hsCode: '4202220000',
      name: 'tote',
      valueUsd: '1',
      quantity: '1',
      unit: '127',
      netWeightKg: '2',
    });
    const other = goods({ hsCode: '4202220000', name: 'tote bag', valueUsd: '12' });
    const same = ok(buildDeclarationLines([a, b, other], { simplify: true }));
    expect(same.lines.map((line) => [line.name, line.valueUsd, line.quantity, line.unit])).toEqual([
      ['tote', '15.00', '5', '007'],
      ['tote bag', '12', '10', '007'],
    ]);
    const mixed = ok(buildDeclarationLines([a, b, c], { simplify: true }));
    expect(mixed.lines[0]).toMatchObject({
      quantity: '4.0',
      unit: '035',
      quantityNote: expect.stringContaining('007, 127'),
    });
  });

  it('breaks value ties by declaration-currency value, then HS code, then name', () => {
    const input = [
      goods({ hsCode: '4202220000', name: 'b', valueUsd: '100', value: '700' }),
      goods({ hsCode: '4202220000', name: 'a', valueUsd: '100', value: '700' }),
      goods({ hsCode: '3926909090', name: 'z', valueUsd: '100', value: '700' }),
      goods({ hsCode: '6307900090', name: 'y', valueUsd: '100', value: '710' }),
    ];
    const result = ok(buildDeclarationLines(input, { simplify: true }));
    expect(result.lines.map((line) => `${line.hsCode}/${line.name}`)).toEqual([
      '6307900090/y',
      '3926909090/z',
      '4202220000/a',
      '4202220000/b',
    ]);
  });

  it('picks the HS code of the highest-value remainder kind of the chapter, not the first one listed', () => {
    const top = ['900', '800', '700', '600', '500'].map((valueUsd, i) => goods({ hsCode: `39261${i}0000`, valueUsd }));
    const small = goods({ hsCode: '4202110000', name: 'small', valueUsd: '1.00' });
    const large = goods({ hsCode: '4202990000', name: 'large', valueUsd: '2.00' });
    const result = ok(buildDeclarationLines([...top, small, large], { simplify: true }));
    expect(result.lines[5]).toMatchObject({ hsCode: '4202990000', name: 'large', valueUsd: '3.00' });
  });

  it('refuses more than 50 lines so that the caller proposes a split', () => {
    const input = Array.from({ length: 51 }, (_, i) =>
      goods({ hsCode: `4202${String(i).padStart(6, '0')}`, valueUsd: '1' }),
    );
    expect(buildDeclarationLines(input, { simplify: false })).toEqual({
      ok: false,
      reason: 'too_many_lines',
      lineCount: 51,
      maxLines: 50,
    });
    // Simplified, the same goods fit on six lines.
    expect(ok(buildDeclarationLines(input, { simplify: true })).lines).toHaveLength(6);
    const ineligible = input.map((line) => ({ ...line, eligibleForSimplification: false }));
    expect(buildDeclarationLines(ineligible, { simplify: true })).toMatchObject({
      ok: false,
      reason: 'too_many_lines',
      lineCount: 51,
    });
    expect(buildDeclarationLines(input.slice(0, 50), { simplify: false }).ok).toBe(true);
  });

  it('rejects mixed currencies, empty declarations and malformed lines', () => {
    const cny = goods({ hsCode: '4202220000', valueUsd: '1' });
    const usd = goods({ hsCode: '4202220000', valueUsd: '1', currency: 'USD' });
    expect(buildDeclarationLines([usd, cny], { simplify: true })).toEqual({
      ok: false,
      reason: 'mixed_currencies',
      currencies: ['CNY', 'USD'],
    });
    expect(buildDeclarationLines([], { simplify: true })).toEqual({ ok: false, reason: 'no_lines' });
    expect(buildDeclarationLines([{ ...cny, hsCode: '420222' }], { simplify: true })).toMatchObject({
      reason: 'invalid_line',
      lineId: cny.lineId,
    });
    expect(buildDeclarationLines([{ ...cny, value: '-1' }], { simplify: true })).toMatchObject({
      reason: 'invalid_line',
    });
    expect(buildDeclarationLines([{ ...cny, valueUsd: '1.005' }], { simplify: true })).toMatchObject({
      reason: 'invalid_line',
    });
    expect(buildDeclarationLines([cny, cny], { simplify: true })).toMatchObject({
      reason: 'invalid_line',
      detail: 'lineId appears twice',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. Small pools of HS codes, names and units so that kinds, chapters and ties collide.

const HS_CODES = [
  '4202220000',
  '4202120000',
  '4202310000',
  '42029900',
  '4205009000',
  '3926909090',
  '39231000',
  '6307900090',
  '6404199000',
  '7326909000',
];
const NAMES = ['handbag', 'backpack', 'wallet', '拉杆箱', 'strap'];
const UNITS = ['007', '011', '035', '025'];
const cents = fc
  .oneof(fc.constantFrom(0, 100, 5000, 5000, 12345), fc.integer({ min: 0, max: 2_000_000 }))
  .map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`);
const decimal3 = fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Decimal(n).div(1000).toString());

const goodsRecord = fc.record({
  hsCode: fc.constantFrom(...HS_CODES),
  name: fc.constantFrom(...NAMES),
  quantity: decimal3,
  unit: fc.constantFrom(...UNITS),
  netWeightKg: decimal3,
  value: cents,
  valueUsd: cents,
  eligibleForSimplification: fc.constantFrom(true, true, true, false),
});
// Short lists (five kinds or fewer) and long ones (kinds repeat, chapters merge, 50 lines overflow).
const goodsLines = fc
  .oneof(
    fc.array(goodsRecord, { minLength: 1, maxLength: 8 }),
    fc.array(goodsRecord, { minLength: 1, maxLength: 70, size: 'max' }),
  )
  .map((records) =>
    records.map((record, i): GoodsLine => ({ ...record, lineId: `T${(i * 7919) % 1000}`, currency: 'CNY' })),
  );

const kindKey = (line: { hsCode: string; name: string }) => `${line.hsCode}|${line.name}`;
function kindsOf(input: readonly GoodsLine[]) {
  const kinds = new Map<string, { valueUsd: Decimal; eligible: boolean; chapter: string }>();
  for (const line of input) {
    const kind = kinds.get(kindKey(line)) ?? {
      valueUsd: new Decimal(0),
      eligible: true,
      chapter: line.hsCode.slice(0, 2),
    };
    kinds.set(kindKey(line), {
      ...kind,
      valueUsd: kind.valueUsd.plus(line.valueUsd),
      eligible: kind.eligible && line.eligibleForSimplification,
    });
  }
  return kinds;
}
const sum = (values: string[]) => values.reduce((total, value) => total.plus(value), new Decimal(0));

/** Runs the rule; when the result is too long, checks that variant and skips the other assertions. */
function run(input: readonly GoodsLine[], simplify: boolean) {
  const result = buildDeclarationLines(input, { simplify });
  if (!result.ok) {
    expect(result).toMatchObject({ reason: 'too_many_lines' });
    if (result.reason === 'too_many_lines') expect(result.lineCount).toBeGreaterThan(50);
    return null;
  }
  expect(result.lines.length).toBeLessThanOrEqual(50);
  return result;
}

describe('simplified declaration: properties', () => {
  it('conserves value exactly, in the declaration currency and in USD', () => {
    fc.assert(
      fc.property(goodsLines, fc.boolean(), (input, simplify) => {
        const result = run(input, simplify);
        if (!result) return;
        expect(sum(result.lines.map((line) => line.value)).eq(sum(input.map((line) => line.value)))).toBe(true);
        expect(sum(result.lines.map((line) => line.valueUsd)).eq(sum(input.map((line) => line.valueUsd)))).toBe(true);
      }),
    );
  });

  it('puts every source line into exactly one declared line, and lists every merged line in the correspondence', () => {
    fc.assert(
      fc.property(goodsLines, fc.boolean(), (input, simplify) => {
        const result = run(input, simplify);
        if (!result) return;
        const declared = result.lines.flatMap((line) => line.sourceLineIds).sort();
        expect(declared).toEqual(input.map((line) => line.lineId).sort());
        const mergedLines = result.lines.filter((line) => line.merged);
        expect(result.correspondence.map((entry) => entry.lineNo)).toEqual(mergedLines.map((line) => line.lineNo));
        for (const [i, entry] of result.correspondence.entries()) {
          expect(entry.sources.map((source) => source.lineId).sort()).toEqual(mergedLines[i]!.sourceLineIds);
          expect(entry.chapter).toBe(mergedLines[i]!.hsCode.slice(0, 2));
        }
        expect(result.lines.map((line) => line.lineNo)).toEqual(result.lines.map((_, i) => i + 1));
      }),
    );
  });

  it('itemises the five highest-value eligible kinds first, in descending order of value', () => {
    fc.assert(
      fc.property(goodsLines, (input) => {
        const result = run(input, true);
        if (!result) return;
        const kinds = kindsOf(input);
        const eligibleKinds = [...kinds.values()].filter((kind) => kind.eligible);
        expect(result.simplified).toBe(eligibleKinds.length >= 6);
        if (!result.simplified) return;
        const top = result.lines.slice(0, 5);
        expect(top.every((line) => !line.merged && kinds.get(kindKey(line))!.eligible)).toBe(true);
        for (let i = 1; i < 5; i += 1) expect(new Decimal(top[i - 1]!.valueUsd).gte(top[i]!.valueUsd)).toBe(true);
        const fifth = new Decimal(top[4]!.valueUsd);
        const topKeys = new Set(top.map(kindKey));
        for (const [key, kind] of kinds) {
          if (kind.eligible && !topKeys.has(key)) expect(kind.valueUsd.lte(fifth)).toBe(true);
        }
      }),
    );
  });

  it('merges the remainder into one line per chapter under the HS code of its highest-value kind', () => {
    fc.assert(
      fc.property(goodsLines, (input) => {
        const result = run(input, true);
        if (!result?.simplified) return;
        const kinds = kindsOf(input);
        const byId = new Map(input.map((line) => [line.lineId, line]));
        const topKeys = new Set(result.lines.slice(0, 5).map(kindKey));
        const remainderChapters = new Set(
          [...kinds].filter(([key, kind]) => kind.eligible && !topKeys.has(key)).map(([, kind]) => kind.chapter),
        );
        const merged = result.lines.filter((line) => line.merged);
        expect(merged.map((line) => line.hsCode.slice(0, 2)).sort()).toEqual([...remainderChapters].sort());
        for (const line of merged) {
          const sourceKinds = new Set(line.sourceLineIds.map((id) => kindKey(byId.get(id)!)));
          expect(sourceKinds.has(kindKey(line))).toBe(true);
          const head = kinds.get(kindKey(line))!.valueUsd;
          for (const key of sourceKinds) {
            expect(kinds.get(key)!.chapter).toBe(line.hsCode.slice(0, 2));
            expect(kinds.get(key)!.valueUsd.lte(head)).toBe(true);
          }
        }
      }),
    );
  });

  it('sums quantities only within one unit and otherwise declares net weight in kg', () => {
    fc.assert(
      fc.property(goodsLines, fc.boolean(), (input, simplify) => {
        const result = run(input, simplify);
        if (!result) return;
        const byId = new Map(input.map((line) => [line.lineId, line]));
        for (const line of result.lines) {
          const sources = line.sourceLineIds.map((id) => byId.get(id)!);
          const units = new Set(sources.map((source) => source.unit));
          if (units.size === 1) {
            expect(line.unit).toBe(sources[0]!.unit);
            expect(new Decimal(line.quantity).eq(sum(sources.map((source) => source.quantity)))).toBe(true);
            expect(line.quantityNote).toBeUndefined();
          } else {
            expect(line.unit).toBe('035');
            expect(new Decimal(line.quantity).eq(sum(sources.map((source) => source.netWeightKg)))).toBe(true);
            expect(line.quantityNote).toBeDefined();
          }
        }
      }),
    );
  });

  it('gives the same declaration for the same goods in any order', () => {
    fc.assert(
      fc.property(
        goodsLines.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input, { minLength: input.length, maxLength: input.length }),
          ),
        ),
        fc.boolean(),
        ([input, shuffled], simplify) => {
          expect(buildDeclarationLines(shuffled, { simplify })).toEqual(buildDeclarationLines(input, { simplify }));
        },
      ),
    );
  });

  it('itemises every kind when simplification is declined or there are five kinds or fewer', () => {
    fc.assert(
      fc.property(goodsLines, fc.boolean(), (input, simplify) => {
        const kinds = kindsOf(input);
        const eligibleCount = [...kinds.values()].filter((kind) => kind.eligible).length;
        if (simplify && eligibleCount > 5) return;
        const result = run(input, simplify);
        if (!result) return;
        expect(result.simplified).toBe(false);
        expect(result.correspondence).toEqual([]);
        expect(result.lines.every((line) => !line.merged)).toBe(true);
        expect(result.lines.map(kindKey).sort()).toEqual([...kinds.keys()].sort());
      }),
    );
  });
});

describe('pricing a consolidation for its declaration', () => {
  const line = (lineId: string, transactionId: string, amount: string, currency = 'CNY') => ({
    lineId,
    transactionId,
    description: 'handbag',
    hsCode: '42022210',
    quantity: '10',
    unit: '007',
    amount,
    currency,
    transactionTotal: '300.00',
    transactionNetWeightKg: '9.000',
  });
  const rates = { CNY: '1', USD: '7.1', EUR: '7.75' };
  const goodsLine = {
    lineId: 'l',
    transactionId: 't',
    hsCode: '42022210',
    name: 'handbag',
    quantity: '1',
    unit: '007',
    netWeightKg: '1.000',
    value: '1.00',
    currency: 'CNY',
    valueUsd: '0.14',
    eligibleForSimplification: true,
  };

  it('looks up the rate of every currency of the lines and of USD, and names the first one missing', () => {
    const table: Record<string, string> = { EUR: '7.75', USD: '7.1' };
    expect(declarationRates(['EUR', 'EUR'], (currency) => table[currency] ?? null)).toEqual({
      ok: true,
      rates: { CNY: '1', EUR: '7.75', USD: '7.1' },
    });
    expect(declarationRates(['JPY'], (currency) => table[currency] ?? null)).toEqual({ ok: false, currency: 'JPY' });
  });

  it('converts each line to USD cents, gives it its value share of the net weight, and asks if it may be merged', () => {
    const priced = priceGoods(
      [line('a', 't1', '100.00'), line('b', 't1', '200.00')],
      rates,
      (goods) => goods.lineId === 'a',
    );
    expect(priced).toMatchObject({
      ok: true,
      goods: [
        { lineId: 'a', transactionId: 't1', valueUsd: '14.08', netWeightKg: '3.000', eligibleForSimplification: true },
        { lineId: 'b', transactionId: 't1', valueUsd: '28.17', netWeightKg: '6.000', eligibleForSimplification: false },
      ],
    });
    expect(priceGoods([line('a', 't1', '1.00', 'GBP')], rates, () => true)).toEqual({ ok: false, currency: 'GBP' });
  });

  it('sums USD values per transaction in order of appearance, and splits by whole transactions of at most 50 lines', () => {
    const goods = [
      { transactionId: 't2', valueUsd: '1.10' },
      { transactionId: 't1', valueUsd: '2.00' },
      { transactionId: 't2', valueUsd: '0.05' },
    ];
    expect(transactionValuesUsd(goods.map((entry) => ({ ...goodsLine, ...entry })))).toEqual([
      { transactionId: 't2', valueUsd: '1.15' },
      { transactionId: 't1', valueUsd: '2.00' },
    ]);
    const lines = [
      ...Array(30).fill({ transactionId: 't1' }),
      ...Array(30).fill({ transactionId: 't2' }),
      { transactionId: 't3' },
    ];
    expect(splitByLines(lines)).toEqual([
      { transactionIds: ['t1'], lineCount: 30 },
      { transactionIds: ['t2', 't3'], lineCount: 31 },
    ]);
  });
});

describe('simplified declaration: USD on exact sums (converted once per kind, rounded once in total)', () => {
  const RATES = { CNY: '1', USD: '7.1' };
  /** A CNY goods line whose valueUsd is converted and rounded per line, as the service does. */
  const cny = (hsCode: string, name: string, value: string): GoodsLine => {
    const converted = toUsd(value, 'CNY', RATES);
    if (!converted.ok) throw new Error('test rate');
    return goods({ hsCode, name, value, valueUsd: converted.valueUsd });
  };

  it('itemises the kind of greater value even when another has more per-line rounding up', () => {
    const top = ['900', '800', '700', '600'].map((usd, i) =>
      cny(`39261${i}0000`, `top ${i}`, new Decimal(usd).mul('7.1').toFixed(2)),
    );
    // Ten lines of 0.0355 CNY: 0.005 USD each exactly, 0.01 each once rounded (0.05 exact, 0.10 rounded).
    const crumbs = Array.from({ length: 10 }, () => cny('4202220000', 'crumbs', '0.0355'));
    // One line of 0.5325 CNY: 0.075 USD exactly, 0.08 rounded. Worth more than the crumbs together.
    const single = cny('4202910000', 'single', '0.5325');
    const result = ok(buildDeclarationLines([...top, ...crumbs, single], { simplify: true, rates: RATES }));
    expect(result.lines.slice(0, 5).map((line) => line.name)).toEqual(['top 0', 'top 1', 'top 2', 'top 3', 'single']);
    expect(result.lines[5]).toMatchObject({ name: 'crumbs', merged: true });
  });

  it('declares the exact conversion of the total rounded once, not the sum of rounded lines', () => {
    // 400 lines of 35.0355 CNY: 4.9346… USD each, 4.93 rounded; 1973.73 exact against 1972.00 summed.
    const input = Array.from({ length: 400 }, (_, i) => cny(`42022${i % 8}0000`, `bag ${i % 8}`, '35.0355'));
    const result = ok(buildDeclarationLines(input, { simplify: true, rates: RATES }));
    const exact = new Decimal('35.0355').mul(400).div('7.1').toFixed(2, Decimal.ROUND_HALF_UP);
    expect(result.totalUsd).toBe(exact);
    expect(sum(result.lines.map((line) => line.valueUsd)).toFixed(2)).toBe(exact);
    expect(sum(input.map((line) => line.valueUsd)).toFixed(2)).not.toBe(exact);
  });

  it('refuses to convert without a rate for the currency', () => {
    const line = goods({ hsCode: '4202220000', valueUsd: '1', currency: 'EUR' });
    expect(buildDeclarationLines([line], { simplify: true, rates: RATES })).toEqual({
      ok: false,
      reason: 'missing_rate',
      currency: 'EUR',
    });
  });

  const cnyPerUsd = fc.integer({ min: 60_000, max: 80_000 }).map((n) => new Decimal(n).div(10_000).toString());
  const cnyValue = fc
    .oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 5_000_000 }))
    .map((n) => new Decimal(n).div(10_000).toString());
  const lineRecord = fc.record({
    hsCode: fc.constantFrom(...HS_CODES),
    name: fc.constantFrom(...NAMES),
    value: cnyValue,
    eligibleForSimplification: fc.constantFrom(true, true, true, false),
  });

  it('matches an exact reference: top five by exact kind value, lines within a cent, total rounded once', () => {
    fc.assert(
      fc.property(
        fc.array(lineRecord, { minLength: 1, maxLength: 45 }),
        cnyPerUsd,
        fc.boolean(),
        (records, usdRate, simplify) => {
          const rates = { CNY: '1', USD: usdRate };
          const input = records.map((record, i): GoodsLine => {
            const converted = toUsd(record.value, 'CNY', rates);
            if (!converted.ok) throw new Error('test rate');
            return { ...goods({ ...record, valueUsd: converted.valueUsd }), lineId: `R${String(i).padStart(3, '0')}` };
          });
          const result = buildDeclarationLines(input, { simplify, rates });
          if (!result.ok) return void expect(result.reason).toBe('too_many_lines');

          // The reference: exact USD per kind, by plain Decimal arithmetic at 80 digits.
          const Exact = Decimal.clone({ precision: 80 });
          const exactOf = (values: string[]) =>
            values.reduce((total, value) => total.plus(value), new Exact(0)).div(usdRate);
          type RefKind = { key: string; hsCode: string; name: string; value: Decimal; usd: Decimal; eligible: boolean };
          const kinds = new Map<string, RefKind>();
          for (const line of input) {
            const key = kindKey(line);
            const { hsCode, name } = line;
            const kind = kinds.get(key) ?? {
              key,
              hsCode,
              name,
              value: new Exact(0),
              usd: new Exact(0),
              eligible: true,
            };
            kind.value = kind.value.plus(line.value);
            kind.eligible &&= line.eligibleForSimplification;
            kinds.set(key, kind);
          }
          for (const kind of kinds.values()) kind.usd = kind.value.div(usdRate);
          const eligible = [...kinds.values()]
            .filter((kind) => kind.eligible)
            .sort(
              (a, b) =>
                b.usd.comparedTo(a.usd) ||
                (a.hsCode < b.hsCode ? -1 : a.hsCode > b.hsCode ? 1 : 0) ||
                (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
            );
          const totalExact = exactOf(input.map((line) => line.value));

          const declaredTotal = sum(result.lines.map((line) => line.valueUsd));
          expect(result.totalUsd).toBe(declaredTotal.toFixed(2));
          expect(result.totalUsd).toBe(totalExact.toFixed(2, Decimal.ROUND_HALF_UP));
          const byId = new Map(input.map((line) => [line.lineId, line]));
          for (const line of result.lines) {
            const lineExact = exactOf(line.sourceLineIds.map((id) => byId.get(id)!.value));
            expect(new Exact(line.valueUsd).minus(lineExact).abs().lt('0.01')).toBe(true);
          }
          if (result.simplified) {
            const itemised = result.lines.slice(0, 5).map(kindKey);
            expect(itemised).toEqual(eligible.slice(0, 5).map((kind) => kind.key));
            // No merged kind is worth more than an itemised one.
            expect(eligible[5]!.usd.lte(eligible[4]!.usd)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
