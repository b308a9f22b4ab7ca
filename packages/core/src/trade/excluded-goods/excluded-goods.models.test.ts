import { describe, expect, it } from 'vitest';
import { inForce, screenLine, type ExcludedGoodsEntry } from './excluded-goods.models';

const entry = (overrides: Partial<ExcludedGoodsEntry>): ExcludedGoodsEntry => ({
  id: 'e1',
  kind: 'suspended',
  hsPrefix: null,
  keyword: null,
  reason: 'r',
  source: 's',
  effectiveFrom: '2020-04-10',
  effectiveTo: null,
  ...overrides,
});

describe('excluded-goods screening', () => {
  it('is in force from the first through the last day inclusive, open when no end is set', () => {
    const closed = entry({ effectiveTo: '2020-12-31' });
    expect(inForce(closed, '2020-04-09')).toBe(false);
    expect(inForce(closed, '2020-04-10')).toBe(true);
    expect(inForce(closed, '2020-12-31')).toBe(true);
    expect(inForce(closed, '2021-01-01')).toBe(false);
    expect(inForce(entry({}), '2099-01-01')).toBe(true);
  });

  it('hits a line by any of its HS codes under the prefix', () => {
    const masks = entry({ hsPrefix: '630790' });
    expect(screenLine({ description: '手提包', hsCodes: ['42022200', '63079010'] }, [masks])?.matchedOn).toEqual({
      hsCode: '63079010',
    });
    expect(screenLine({ description: '手提包', hsCodes: ['42022200'] }, [masks])).toBeNull();
  });

  it('hits a line by keyword in description or spec, whatever the script or width', () => {
    const masks = entry({ keyword: '口罩' });
    expect(screenLine({ description: '一次性口罩', hsCodes: [] }, [masks])).not.toBeNull();
    expect(screenLine({ description: '套装', spec: '含口罩', hsCodes: [] }, [masks])).not.toBeNull();
    expect(
      screenLine({ description: '一次性口罩', hsCodes: [] }, [entry({ keyword: '口罩'.normalize('NFKC') })]),
    ).not.toBeNull();
    expect(screenLine({ description: 'FACE MASK', hsCodes: [] }, [entry({ keyword: 'face mask' })])).not.toBeNull();
    expect(screenLine({ description: '双肩包', hsCodes: [] }, [masks])).toBeNull();
  });
});
