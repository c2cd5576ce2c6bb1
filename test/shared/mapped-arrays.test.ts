/**
 * Typed arrays that are small or mapped on their own, never in between
 * (mapped-arrays.ts): glibc raises its mapping threshold to the size of any
 * mapped buffer freed (up to 32 MB), and what falls below it stays in an
 * arena; so the records a reader thread builds must never be mid-size.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src-main/ingest/read-dump';
import { generateDump } from '../../src-main/tools/gen-dump';
import { IntColumnBuilder } from '../../src-shared/engine/record-columns';
import { RecordsBuilder } from '../../src-shared/engine/records';
import { recordsPartMessage } from '../../src-shared/engine/records-transfer';
import { grown, INT32, int32Array, MAPPED_BYTES, SMALL_BYTES, trimmed, uint8Array } from '../../src-shared/util/mapped-arrays';
import { tempDir } from '../support/temp';

describe('mapped arrays', () => {
  it('a small array has a buffer of its own size; a large one is a zeroed view on a buffer of at least MAPPED_BYTES', () => {
    const small = int32Array(SMALL_BYTES / 4);
    expect(small.buffer.byteLength).toBe(SMALL_BYTES);
    const large = int32Array(SMALL_BYTES / 4 + 1);
    expect(large.length).toBe(SMALL_BYTES / 4 + 1);
    expect(large.buffer.byteLength).toBe(MAPPED_BYTES);
    expect(large.every((v) => v === 0)).toBe(true);
    // Larger than MAPPED_BYTES: exactly its size, which is mapped too.
    expect(uint8Array(MAPPED_BYTES + 5).buffer.byteLength).toBe(MAPPED_BYTES + 5);
  });

  it('grows in place while the mapped buffer has room, and copies into a bigger one past it', () => {
    const start = int32Array(100_000);
    start[99_999] = 7;
    const same = grown(INT32, start, 200_000);
    expect(same.buffer).toBe(start.buffer);
    expect(same.length).toBe(MAPPED_BYTES / 4);
    expect(same[99_999]).toBe(7);
    const bigger = grown(INT32, same, MAPPED_BYTES / 4 + 1);
    expect(bigger.buffer).not.toBe(start.buffer);
    expect(bigger[99_999]).toBe(7);
    // A small array grows straight into a mapped one.
    expect(grown(INT32, new Int32Array(1024), 2048).buffer.byteLength).toBe(8192);
    expect(grown(INT32, new Int32Array(65_536), 131_072).buffer.byteLength).toBe(MAPPED_BYTES);
  });

  it('trimmed: a small array is copied to its length, a mapped one is a view (no mid-size copy)', () => {
    const small = Int32Array.from([1, 2, 3, 4]);
    const cut = trimmed(small, 2);
    expect(Array.from(cut)).toEqual([1, 2]);
    expect(cut.buffer.byteLength).toBe(8);
    const large = int32Array(300_000);
    large[5] = 9;
    const view = trimmed(large, 10);
    expect(view.buffer).toBe(large.buffer);
    expect(view.length).toBe(10);
    expect(view[5]).toBe(9);
  });

  it('a column of 200,000 numbers ends as a view on one mapped buffer, with every value in place', () => {
    const column = new IntColumnBuilder();
    for (let i = 0; i < 200_000; i += 1) column.push(i * 3);
    const done = column.finish(undefined);
    expect(done.length).toBe(200_000);
    expect(done.buffer.byteLength).toBe(MAPPED_BYTES);
    expect(done[123_456]).toBe(123_456 * 3);
  });

  it('every buffer a reader thread hands over with its records (20,000 users) is small or mapped, never mid-size', async () => {
    const dump = join(tempDir(), 'dump');
    await generateDump({ users: 20_000, out: dump, seed: 3, gzip: false, jsonl: false, apiShape: false, pages: 1 });
    const builder = new RecordsBuilder();
    await readDump(dump, { onBatch: (records) => builder.addRecords(records) });
    const { transfer } = recordsPartMessage(builder.finishPart());
    const sizes = transfer.map((b) => b.byteLength);
    expect(sizes.some((s) => s >= MAPPED_BYTES)).toBe(true);
    expect(sizes.filter((s) => s > SMALL_BYTES && s < MAPPED_BYTES)).toEqual([]);
  });
});
