/** Reading a dump for a count in this thread or in several reader threads gives the same count, byte for byte. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultReaderThreads, readForCount } from '../../src-main/ingest/read-for-count';
import { countSource } from '../../src-main/services/count-service';
import { generateDump } from '../../src-main/tools/gen-dump';
import { TABLE_NAMES } from '../../src-shared/engine/records';
import { tempDir } from '../support/temp';

describe('reading a dump for a count', () => {
  const saved = process.env.VLF_COUNT_READERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.VLF_COUNT_READERS;
    else process.env.VLF_COUNT_READERS = saved;
  });

  it('VLF_COUNT_READERS chooses the readers (0: this thread); otherwise one per core, at most 4', () => {
    expect(defaultReaderThreads({ VLF_COUNT_READERS: '0' })).toBe(0);
    expect(defaultReaderThreads({ VLF_COUNT_READERS: '3' })).toBe(3);
    const auto = defaultReaderThreads({});
    expect(auto).toBeGreaterThanOrEqual(1);
    expect(auto).toBeLessThanOrEqual(4);
  });

  it('0, 1, 2 and 3 reader threads: every record read once, and byte-identical counts and users', async () => {
    const dump = join(tempDir(), 'dump');
    await generateDump({ users: 1500, out: dump, seed: 11, gzip: true, jsonl: false, apiShape: false, pages: 3 });
    const outputs: string[] = [];
    const read: number[] = [];
    for (const threads of ['0', '1', '2', '3']) {
      process.env.VLF_COUNT_READERS = threads;
      const { result, records } = await readForCount('dump', dump);
      expect(result.complete).toBe(true);
      // Every record the engine keeps, and every repeat it left out: the same whichever thread read it.
      read.push(TABLE_NAMES.reduce((n, name) => n + records[name].length, records.nodeRows.length + records.repeats));
      const counted = await countSource({ kind: 'path', path: dump });
      outputs.push(counted.csv('legacy', 'detailed') + counted.csv('v5', 'detailed') + counted.usersCsv());
    }
    expect(new Set(read).size).toBe(1);
    expect(read[0]).toBeGreaterThan(9000);
    expect(new Set(outputs).size).toBe(1);
  });
});
