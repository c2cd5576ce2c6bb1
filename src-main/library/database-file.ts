/**
 * The library's database file as sql.js keeps it in memory, held by us as
 * well, so that saving it and making room in it copy nothing.
 *
 * sql.js keeps an open database as a file of its in-memory file system
 * (Emscripten's MEMFS), whose bytes are one Uint8Array. Opening a database
 * from bytes copies them in (`bytes.slice()`), and `Database.export()`
 * copies them out: at 1,000,000 users each copy is 1.1 GB, and a save held
 * the file twice (peak RSS 4.2 GB). An OwnedBytes opened as a database is
 * not copied: its `slice` of the whole array is the array itself, so the
 * file system's file *is* these bytes, and the library writes them to disk
 * straight from there.
 *
 * That rests on how MEMFS stores a file, which sql.js does not promise. So
 * the bytes are only ever used after `liveFile` proved they are the file:
 * a write transaction must show in them. When they are not (a future
 * sql.js, or a file grown past its room, which MEMFS moves into a new
 * array), the library falls back to `export()`, as before: slower, never
 * wrong.
 */
import type { Database, SqlJsStatic } from 'sql.js';

/** Bytes that become the database file itself when a Database is opened from them (no copy). */
export class OwnedBytes extends Uint8Array<ArrayBuffer> {
  // MEMFS's first write of a new file keeps `data.slice(0, data.length)`: for these bytes, the bytes themselves.
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    if ((start ?? 0) === 0 && (end ?? this.length) === this.length) return this;
    return Uint8Array.prototype.slice.call(this, start, end) as Uint8Array<ArrayBuffer>;
  }
}

/** Bytes read from disk (or exported) as OwnedBytes, over the same memory. */
export function ownBytes(bytes: Uint8Array): OwnedBytes {
  return new OwnedBytes(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
}

/** A database opened from bytes held by the caller (`held`), with `room` zero bytes after them to grow into. */
export function openHeld(SQL: SqlJsStatic, bytes: Uint8Array | undefined, room = 0): { db: Database; held: OwnedBytes | undefined } {
  if (!bytes?.length) return { db: new SQL.Database(), held: undefined };
  let held: OwnedBytes;
  if (room <= 0) held = bytes instanceof OwnedBytes ? bytes : ownBytes(bytes);
  else {
    // Untouched pages of a zeroed array cost no memory until SQLite writes to them.
    held = new OwnedBytes(new ArrayBuffer(bytes.length + Math.ceil(room)));
    held.set(bytes);
  }
  return { db: new SQL.Database(held), held };
}

/** The file's change counter (SQLite file format §1.3.4, offset 24), raised by every write transaction. */
function changeCounter(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(24);
}

/** The database's size as SQLite sees it: what a save writes. */
export function usedBytes(db: Database): number {
  const pages = Number(db.exec('PRAGMA page_count')[0]!.values[0]![0]);
  const size = Number(db.exec('PRAGMA page_size')[0]!.values[0]![0]);
  return pages * size;
}

/**
 * The database file's bytes, up to its size, when `held` is still the file
 * sql.js writes to; undefined when it is not. The proof is a write (setting
 * user_version to what it is, which SQLite still commits): it must raise the
 * change counter in `held`. Not during a transaction of the caller's.
 */
export function liveFile(db: Database, held: OwnedBytes | undefined): Uint8Array | undefined {
  if (!held || held.length < 100) return undefined;
  const before = changeCounter(held);
  const version = Number(db.exec('PRAGMA user_version')[0]!.values[0]![0]);
  db.exec(`PRAGMA user_version = ${version}`);
  if (changeCounter(held) !== ((before + 1) >>> 0)) return undefined;
  const used = usedBytes(db);
  return used <= held.length ? held.subarray(0, used) : undefined;
}
