/**
 * RepeatCandidates: the records that may repeat another, found from their
 * hashes after the fact (the count readers' repeat search, R90 "the library
 * keeps the first").
 */
import { describe, expect, it } from 'vitest';
import { RepeatCandidates } from '../../src-shared/util/repeat-candidates';

const pkid = (i: number) => `65a1b2c3d4e5f6${i.toString(16).padStart(10, '0')}`;

describe('RepeatCandidates', () => {
  it('R90 (the count keeps the first of a repeat, as the library does, cli.md import): finds every record of a repeated (model type, pkid) among 60,000, the first of each too, across buckets', () => {
    const found = new RepeatCandidates();
    const expected = new Set<number>();
    const firstIndex = new Map<number, number>();
    let index = 0;
    for (let i = 0; i < 60_000; i += 1) {
      // Every 97th record repeats record i - 5000 (a few of those are repeated again: groups of three).
      const id = i % 97 === 0 && i >= 5000 ? i - 5000 : i;
      if (firstIndex.has(id)) {
        expected.add(firstIndex.get(id)!);
        expected.add(index);
      } else firstIndex.set(id, index);
      found.add('device/cucm/User', pkid(id));
      index += 1;
    }
    expect(found.length).toBe(60_000);
    expect(found.find()).toEqual([...expected].sort((a, b) => a - b));
  });

  it('R90, R107: tells model types apart (a table may hold several: R107) and finds nothing among distinct records', () => {
    const found = new RepeatCandidates();
    found.add('device/msgraph/MsolUser', pkid(1));
    found.add('device/msonline/MsolUser', pkid(1));
    found.add('device/msgraph/MsolUser', pkid(2));
    expect(found.find()).toEqual([]);
    found.add('device/msonline/MsolUser', pkid(1));
    expect(found.find()).toEqual([1, 3]);
    expect(new RepeatCandidates().find()).toEqual([]);
  });
});
