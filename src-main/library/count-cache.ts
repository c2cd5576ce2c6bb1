/**
 * The count cache: the engine's records of a library source, kept beside the
 * library file (`<library>.count-cache/source-<id>.records`) so that counting
 * an imported source again reads one file instead of every row out of
 * SQLite. It is only ever a copy: a missing, stale or damaged file means the
 * records are read from the library as before (and the cache written anew).
 *
 * Stale means: written for another import of the source. The stamp is the
 * source's identity and import time plus every import into it, so a purge
 * and re-import, or a second import appended to the source, never reads old
 * records. The file carries a CRC-32 of its bytes: a damaged copy is never
 * counted.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { decodeRecords, encodeRecordsInSteps } from '../../src-shared/engine/records-codec';
import type { Records } from '../../src-shared/engine/records';
import { writeFileAtomic } from '../services/atomic-write';
import type { AuditLibrary } from './library';
import { queryAll } from './sql';

export function countCacheFolder(libraryFile: string): string {
  return `${libraryFile}.count-cache`;
}

export function countCacheFile(libraryFile: string, sourceId: number): string {
  return join(countCacheFolder(libraryFile), `source-${sourceId}.records`);
}

/** What the cached records of a source must have been written for; undefined when the source does not exist. */
export function sourceStamp(library: AuditLibrary, sourceId: number): string | undefined {
  const source = queryAll<{ identity: string; imported_at: string }>(library.database, 'SELECT identity, imported_at FROM sources WHERE id = ?', [sourceId])[0];
  if (!source) return undefined;
  const imports = queryAll<{ id: number; finished_at: string; tallies: string }>(library.database, 'SELECT id, finished_at, tallies FROM imports WHERE source_id = ? ORDER BY id', [sourceId]);
  return JSON.stringify({ sourceId, identity: source.identity, importedAt: source.imported_at, imports: imports.map((i) => [i.id, i.finished_at, i.tallies]) });
}

export type CachedRecords = { records: Records } | { records?: undefined; reason: string };

/** The source's cached records, when a cache file exists and was written for this very import of it. */
export async function readCachedRecords(library: AuditLibrary, sourceId: number): Promise<CachedRecords> {
  const stamp = sourceStamp(library, sourceId);
  if (stamp === undefined) return { reason: `there is no source ${sourceId}` };
  let bytes: Buffer;
  try {
    bytes = await readFile(countCacheFile(library.file, sourceId));
  } catch (e) {
    return { reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no cached records yet' : `the cache cannot be read (${(e as Error).message})` };
  }
  if (bytes.length < 4) return { reason: 'the cache file is empty' };
  const content = bytes.subarray(0, bytes.length - 4);
  if (crc32(content) !== bytes.readUInt32LE(bytes.length - 4)) return { reason: 'the cache file is damaged (its checksum does not match)' };
  const decoded = decodeRecords(content, stamp);
  return decoded.ok ? { records: decoded.records } : { reason: `the cache file is ${decoded.reason}` };
}

/**
 * Keep the records of a source (built from all of its rows) in the cache.
 * The stamp and the file are fixed before the first wait, so the library may
 * be closed or changed meanwhile (a later import gets another stamp). The
 * bytes are made a column at a time with a turn of the event loop in
 * between: in the app's worker, the drill-down of the count just made is
 * answered while its cache is still being written. Best effort: a library on
 * a read-only disk still counts, only more slowly next time; the reason comes
 * back for the log, never as a rejection.
 */
export async function writeCachedRecords(library: AuditLibrary, sourceId: number, records: Records): Promise<string | undefined> {
  try {
    const stamp = sourceStamp(library, sourceId);
    if (stamp === undefined) return `there is no source ${sourceId}`;
    const file = countCacheFile(library.file, sourceId);
    // Not recursive: the library's own folder must still be there (a write that outlived its library makes no folders).
    await mkdir(dirname(file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    await writeFileAtomic(file, cacheParts(records, stamp));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The file's parts, a column at a time with a turn of the event loop after each, and the CRC-32 of all of them last. */
async function* cacheParts(records: Records, stamp: string): AsyncGenerator<Uint8Array> {
  let sum = 0;
  const steps = encodeRecordsInSteps(records, stamp);
  for (;;) {
    const step = steps.next();
    for (const part of step.value) {
      // Empty parts are skipped: Node 20's crc32 of an empty typed array over an empty buffer returns 0, not the running value.
      if (part.length === 0) continue;
      sum = crc32(part, sum);
      yield part;
    }
    if (step.done) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const check = Buffer.alloc(4);
  check.writeUInt32LE(sum);
  yield check;
}
