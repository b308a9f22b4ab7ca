import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalBytes, canonicalString, isCanonical, parseCanonical } from './canonical';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('RFC 8785 canonical form', () => {
  it('serialises the RFC 8785 §3.2.2 sample exactly', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalString(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('orders keys by UTF-16 code units, as in RFC 8785 §3.2.3', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalString(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes numbers in their shortest ECMAScript form', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [0.000001, '0.000001'],
      [1e-7, '1e-7'],
      [-1.5e-323, '-1.5e-323'],
      [9007199254740992, '9007199254740992'],
      [295147905179352830000, '295147905179352830000'],
      [4.5, '4.5'],
      [100, '100'],
    ];
    for (const [value, text] of cases) expect(canonicalString(value), String(value)).toBe(text);
  });

  it('keeps Chinese text as UTF-8 and escapes only what JSON requires', () => {
    const bytes = canonicalBytes({ 名称: '白沟箱包 "拉杆箱"\n', tab: '\t', slash: '/' });
    expect(new TextDecoder().decode(bytes)).toBe('{"slash":"/","tab":"\\t","名称":"白沟箱包 \\"拉杆箱\\"\\n"}');
    expect(bytes.slice(0, 2)).toEqual(utf8('{"'));
    expect(Buffer.from(bytes).includes(Buffer.from('白沟', 'utf8'))).toBe(true);
  });

  it('gives different bytes for different types, empty arrays and empty objects', () => {
    const variants = [
      { flag: true },
      { flag: 'true' },
      { flag: 1 },
      { flag: '1' },
      { flag: 1.5 },
      { flag: '1.5' },
      { flag: null },
      { flag: 'null' },
      { flag: [] },
      { flag: {} },
      { flag: [{}] },
      { flag: [[]] },
      { flag: '' },
      {},
    ];
    const texts = variants.map(canonicalString);
    expect(new Set(texts).size).toBe(variants.length);
    expect(canonicalString({ a: [], b: {} })).toBe('{"a":[],"b":{}}');
  });

  it('refuses values JCS cannot represent, naming where they are', () => {
    const refusals: [unknown, RegExp][] = [
      [undefined, /\$: undefined is not JSON/],
      [{ a: { b: undefined } }, /\$\.a\.b: undefined/],
      [[1, undefined], /\$\[1\]: undefined/],
      [{ f: () => 1 }, /\$\.f: function/],
      [{ n: Number.NaN }, /\$\.n: NaN is not a finite number/],
      [{ n: Number.POSITIVE_INFINITY }, /Infinity/],
      [{ big: 10n }, /bigint is not JSON/],
      [{ s: Symbol('x') }, /symbol is not JSON/],
      [{ when: new Date(0) }, /Date is not a plain object/],
      [{ m: new Map() }, /Map is not a plain object/],
      [{ 'odd key': new Uint8Array(1) }, /\$\["odd key"\]: Uint8Array/],
      // eslint-disable-next-line no-sparse-arrays -- a hole is exactly what must be refused
      [[1, , 3], /\$\[1\]: sparse array hole/],
      [{ s: '\ud800' }, /lone UTF-16 surrogate/],
    ];
    for (const [value, message] of refusals) {
      expect(() => canonicalBytes(value)).toThrow(CanonicalJsonError);
      expect(() => canonicalBytes(value)).toThrow(message);
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => canonicalBytes(circular)).toThrow(/circular/);
  });

  it("agrees with the reference implementation (Erdtman's canonicalize) on arbitrary JSON", () => {
    const json = fc.jsonValue({ maxDepth: 4, noUnicodeString: false });
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalString(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalString({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('isCanonical', () => {
  it('accepts exactly the canonical bytes and parses them back', () => {
    const value = { type: 'ObjectEvent', quantity: 12, epcList: [], ext: {}, ok: true, note: '白沟' };
    const bytes = canonicalBytes(value);
    expect(isCanonical(bytes)).toBe(true);
    expect(parseCanonical(bytes)).toEqual(value);
  });

  it('refuses every other serialisation of the same JSON', () => {
    const notCanonical = [
      '{"b":1,"a":2}',
      '{"a": 1}',
      ' {"a":1}',
      '{"a":1}\n',
      '{"a":1.0}',
      '{"a":1E3}',
      '{"a":-0}',
      '{"a":"\\u00e9"}',
      '{"a":"\\/"}',
      '{"a":1,"a":1}',
      '\ufeff{"a":1}',
      '',
      '{"a":12345678901234567890123}',
    ];
    for (const text of notCanonical) expect(isCanonical(utf8(text)), JSON.stringify(text)).toBe(false);
    expect(isCanonical(Uint8Array.of(0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d))).toBe(false);
    expect(isCanonical(utf8('"\\ud800"'))).toBe(false);
  });
});
