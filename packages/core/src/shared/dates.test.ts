import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaDate, chinaMonth, monthOf } from './dates';

describe('China calendar dates', () => {
  it('puts an instant in the China day and month it falls in', () => {
    expect(chinaDate(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(chinaDate(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(chinaMonth('2026-12-31T16:00:00Z')).toBe('2027-01');
    expect(chinaMonth('2026-12-31T23:59:59+08:00')).toBe('2026-12');
    expect(() => chinaMonth('not a date')).toThrow(RangeError);
  });

  it('gives the same month as the day it is of', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), (at) => {
        expect(chinaMonth(at.toISOString())).toBe(monthOf(chinaDate(at)));
      }),
      { numRuns: 2_000, seed: 8 },
    );
  });

  it('remembers months per UTC hour without changing an answer, and still refuses what is not an instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 3_599_999 }),
        (at, withinHour) => {
          const hourStart = new Date(at.getTime() - (at.getTime() % 3_600_000));
          const first = chinaMonth(hourStart.toISOString());
          const later = new Date(hourStart.getTime() + withinHour).toISOString();
          expect(chinaMonth(later)).toBe(first);
          expect(chinaMonth(later.replace(/\.\d+Z$/, 'Z'))).toBe(monthOf(chinaDate(new Date(later))));
        },
      ),
      { numRuns: 2_000, seed: 9 },
    );
    chinaMonth('2026-12-31T16:00:00Z');
    expect(() => chinaMonth('2026-12-31T16:60:00Z')).toThrow(RangeError);
    expect(() => chinaMonth('2026-12-31T16:00:61Z')).toThrow(RangeError);
    expect(() => chinaMonth('2026-13-31T16:00:00Z')).toThrow(RangeError);
    expect(() => chinaMonth('2026-13-31T16:00:00+08:00')).toThrow(RangeError);
  });

  it('reads an instant written with any offset (whole hours remembered, half hours parsed) as the same month', () => {
    const written = (at: Date, offsetMinutes: number) => {
      const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
      const size = Math.abs(offsetMinutes);
      const hh = String(Math.floor(size / 60)).padStart(2, '0');
      const mm = String(size % 60).padStart(2, '0');
      return `${local}${offsetMinutes < 0 ? '-' : '+'}${hh}:${mm}`;
    };
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: -24, max: 28 }),
        (at, halfHours) => {
          const whole = new Date(at.getTime() - (at.getTime() % 1_000));
          expect(chinaMonth(written(whole, halfHours * 30))).toBe(monthOf(chinaDate(whole)));
        },
      ),
      { numRuns: 3_000, seed: 10 },
    );
  });
});
