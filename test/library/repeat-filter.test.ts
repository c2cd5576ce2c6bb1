import { describe, expect, it } from 'vitest';
import { RepeatFilter } from '../../src-shared/util/repeat-filter';

describe('RepeatFilter', () => {
  it('flags every repeat of a model type and pkid, across growth of its table', () => {
    const filter = new RepeatFilter(16);
    const keys = Array.from({ length: 50_000 }, (_, i) => `65a1b2c3d4e5f6${i.toString(16).padStart(10, '0')}`);
    const firstPass = keys.filter((k) => filter.seen('data/User', k));
    // A hash match is only a "maybe": a handful of false ones among distinct keys would be allowed, none is expected at 64 bits.
    expect(firstPass.length).toBeLessThanOrEqual(1);
    expect(keys.every((k) => filter.seen('data/User', k))).toBe(true);
  });

  it('tells model types apart, including where the pkid would shift the boundary', () => {
    const filter = new RepeatFilter();
    expect(filter.seen('export/line', 'x1')).toBe(false);
    expect(filter.seen('export/other', 'x1')).toBe(false);
    expect(filter.seen('export/lin', 'ex1')).toBe(false);
    expect(filter.seen('export/line', 'x1')).toBe(true);
  });
});
