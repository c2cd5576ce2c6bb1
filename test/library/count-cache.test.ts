/**
 * The count cache (count-cache.ts): a recount of a library source reads the
 * records from the cache when it holds this very import of the source, and
 * from the library's rows otherwise — with the same count either way (R90).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGACY_COUNT_COLUMNS, SUMMARY_COUNT_COLUMNS } from '../../src-shared/audit/columns';
import { countCacheFile, countCacheFolder, readCachedRecords } from '../../src-main/library/count-cache';
import { AuditLibrary } from '../../src-main/library/library';
import { countSource, importAndCount } from '../../src-main/services/count-service';
import { importSources } from '../../src-main/services/import-service';
import { generateDump } from '../../src-main/tools/gen-dump';
import { tempDir } from '../support/temp';

const FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures');

async function withLibrary<T>(file: string, use: (library: AuditLibrary) => Promise<T>): Promise<T> {
  const library = await AuditLibrary.open(file);
  try {
    return await use(library);
  } finally {
    library.close();
  }
}

const importInto = (file: string, dump: string) =>
  withLibrary(file, async (library) => {
    const [result] = await importSources(library, [dump], { importedBy: 'test' });
    return Number(result!.id);
  });

const cacheState = (file: string, sourceId: number) => withLibrary(file, async (library) => (await readCachedRecords(library, sourceId)).records !== undefined);

/** A recount of the library source, its count cache written (or refused) before it returns. */
async function recount(file: string, sourceId: number) {
  const counted = await countSource({ kind: 'library', libraryPath: file, sourceId });
  await counted.cacheWritten;
  return counted;
}

async function generated(users: number): Promise<string> {
  const dump = join(tempDir(), 'dump');
  await generateDump({ users, out: dump, seed: 5, gzip: true, jsonl: false, apiShape: true, pages: 2 });
  return dump;
}

/** Everything a count shows: both CSV formats, the users, and the records behind every cell of the first customer. */
function shown(counted: Awaited<ReturnType<typeof countSource>>): unknown {
  const row = counted.summary.rows.find((r) => r.kind === 'customer')!;
  return {
    legacy: counted.csv('legacy', 'detailed'),
    v5: counted.csv('v5', 'detailed'),
    users: counted.usersCsv(),
    explain: [...LEGACY_COUNT_COLUMNS, ...SUMMARY_COUNT_COLUMNS].map((c) => counted.explain(row.key, c)),
    notes: counted.summary.notes,
  };
}

describe('count cache: a recount from it is the count of the rows (R90)', () => {
  it.each(['basic', 'edge-cases', 'multi-tenant'])('%s: the first recount writes the cache, the second reads it, and both equal the count of the dump', async (name) => {
    const dump = join(FIXTURES, name, 'dump');
    const file = join(tempDir(), 'library.sqlite');
    const sourceId = await importInto(file, dump);
    expect(existsSync(countCacheFile(file, sourceId))).toBe(false);
    const fromFile = shown(await countSource({ kind: 'path', path: dump }));
    const first = shown(await recount(file, sourceId));
    expect(await cacheState(file, sourceId)).toBe(true);
    const second = shown(await recount(file, sourceId));
    expect(first).toEqual(fromFile);
    expect(second).toEqual(fromFile);
  });

  it('a generated dump of 2,500 users: the recount from the cache equals the count of the dump, CSVs, users and explanations', async () => {
    const dump = await generated(2500);
    const file = join(tempDir(), 'library.sqlite');
    const sourceId = await importInto(file, dump);
    const fromFile = await countSource({ kind: 'path', path: dump });
    expect(fromFile.summary.rows.some((r) => Number(r.summary['User Licenses'] ?? 0) > 0)).toBe(true);
    await recount(file, sourceId);
    expect(await cacheState(file, sourceId)).toBe(true);
    expect(shown(await recount(file, sourceId))).toEqual(shown(fromFile));
  });

  it('the cache is read, not the rows: emptying a model table behind its back changes nothing until the stamp changes', async () => {
    // Proves the second recount takes the cache's records (the rows are only ever changed by an import, which changes the stamp).
    const dump = join(FIXTURES, 'basic', 'dump');
    const file = join(tempDir(), 'library.sqlite');
    const sourceId = await importInto(file, dump);
    const before = shown(await recount(file, sourceId));
    await withLibrary(file, async (library) => {
      library.database.run('DELETE FROM m_cucm_phone');
      await library.save();
    });
    expect(shown(await recount(file, sourceId))).toEqual(before);
    // And the rows would have counted otherwise: without the cache the phones are gone.
    rmSync(countCacheFile(file, sourceId));
    expect(shown(await recount(file, sourceId))).not.toEqual(before);
  });

  it('an import appended to the source makes the cache stale: the recount reads the rows again and rewrites it', async () => {
    const dump = join(FIXTURES, 'multi-tenant', 'dump');
    const file = join(tempDir(), 'library.sqlite');
    const sourceId = await importInto(file, dump);
    const expected = shown(await recount(file, sourceId));
    expect(await importInto(file, dump)).toBe(sourceId);
    const reason = await withLibrary(file, async (library) => {
      const cached = await readCachedRecords(library, sourceId);
      return cached.records ? 'read' : cached.reason;
    });
    expect(reason).toBe('the cache file is written for another import of the source');
    expect(shown(await recount(file, sourceId))).toEqual(expected);
    expect(await cacheState(file, sourceId)).toBe(true);
  });

  it('a damaged or cut cache file is never counted: the recount reads the rows, gives the right count and writes the cache anew', async () => {
    const dump = join(FIXTURES, 'edge-cases', 'dump');
    const file = join(tempDir(), 'library.sqlite');
    const sourceId = await importInto(file, dump);
    const expected = shown(await countSource({ kind: 'path', path: dump }));
    await recount(file, sourceId);
    const cache = countCacheFile(file, sourceId);
    const good = readFileSync(cache);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100]! ^= 0x01;
    for (const bad of [flipped, good.subarray(0, good.length - 10), Buffer.alloc(0)]) {
      writeFileSync(cache, bad);
      expect(await cacheState(file, sourceId)).toBe(false);
      expect(shown(await recount(file, sourceId))).toEqual(expected);
      expect(readFileSync(cache).equals(good)).toBe(true);
    }
  });

  it('importAndCount fills the cache for the new source; a purge removes it', async () => {
    const dump = await generated(800);
    const file = join(tempDir(), 'library.sqlite');
    const counted = await withLibrary(file, async (library) => {
      const { result, counted } = await importAndCount(library, dump, { importedBy: 'test' });
      expect(await counted.cacheWritten).toBeUndefined();
      return { id: Number(result.id), shown: shown(counted) };
    });
    expect(await cacheState(file, counted.id)).toBe(true);
    expect(shown(await recount(file, counted.id))).toEqual(counted.shown);
    await withLibrary(file, async (library) => {
      library.archive(counted.id);
      library.purge(counted.id);
      await library.save();
    });
    expect(existsSync(countCacheFile(file, counted.id))).toBe(false);
  });

  it('a cache that cannot be written (its folder name taken by a file) does not stop the count: the cache is only a copy', async () => {
    const dump = join(FIXTURES, 'basic', 'dump');
    const file = join(tempDir(), 'library.sqlite');
    const sourceId = await importInto(file, dump);
    writeFileSync(countCacheFolder(file), 'not a folder');
    const counted = await countSource({ kind: 'library', libraryPath: file, sourceId });
    expect(shown(counted)).toEqual(shown(await countSource({ kind: 'path', path: dump })));
    expect(await counted.cacheWritten).toMatch(/EEXIST|ENOTDIR|not a directory/);
    expect(await cacheState(file, sourceId)).toBe(false);
  });
});
