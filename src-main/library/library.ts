/**
 * The local audit library: one sql.js database file holding every imported
 * source (platform-dump.md, audit-files.md), the hierarchy, reported audits
 * and the import log. Imports append (a record already stored for the same
 * snapshot is not overwritten but reported as a conflict), each import is one
 * transaction, and the file is saved atomically.
 */
import { rmSync } from 'node:fs';
import { open as openFile, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Database } from 'sql.js';
import type { SourceSummary } from '../../src-shared/api/types';
import type { SourceKind } from '../../src-shared/ingest/types';
import type { Verdict } from '../../src-shared/verify/findings';
import { writeFileAtomic } from '../services/atomic-write';
import { countCacheFile } from './count-cache';
import { liveFile, openHeld, ownBytes, type OwnedBytes, usedBytes } from './database-file';
import { migrate } from './schema';
import { loadSqlJs, queryAll, tune } from './sql';
import { ImportSession, type ImportStart } from './import-session';

export type { SourceSummary } from '../../src-shared/api/types';

const NEW_LIBRARY_PAGE_BYTES = 16384;

export class LibraryError extends Error {}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A source's columns for SourceSummary; an audit source's verdict is the worst of its audit CSVs'. */
const SUMMARY_COLUMNS = `id, identity, kind, name, platform_id, date_time, imported_at, archived_at, complete, meta,
  (SELECT CASE WHEN SUM(a.verdict = 'FAIL') > 0 THEN 'FAIL' WHEN SUM(a.verdict = 'WARN') > 0 THEN 'WARN' WHEN COUNT(*) > 0 THEN 'PASS' END
     FROM audits a WHERE a.source_id = sources.id) AS verdict`;

export class AuditLibrary {
  private session: ImportSession | undefined;

  private constructor(
    readonly file: string,
    private db: Database,
    /** The database file's bytes as sql.js holds them, when it was opened from bytes (database-file.ts). */
    private held: OwnedBytes | undefined,
  ) {}

  /** Open the library file, creating it when missing and migrating it forward. */
  static async open(file: string): Promise<AuditLibrary> {
    const SQL = await loadSqlJs();
    const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw new LibraryError(`${file}: cannot be read (${e.message})`);
    });
    // The bytes read become the database file itself (database-file.ts): a big library is not held twice.
    const { db, held } = openHeld(SQL, bytes && ownBytes(bytes));
    // A new library gets 16 KB pages (SQLite's default is 4 KB): fewer B-tree splits and index pages per row.
    // Measured on the 1M-user ingest: 4 KB 71.9/73.3 s, 8 KB 74.0 s, 16 KB 61.0/69.9 s, 64 KB 72.3 s; peak RSS 2.76 → 2.67 GB.
    // A library that exists keeps its page size (only a VACUUM could change it).
    if (!bytes) db.exec(`PRAGMA page_size = ${NEW_LIBRARY_PAGE_BYTES}`);
    try {
      tune(db);
      migrate(db);
    } catch (e) {
      db.close();
      if (e instanceof Error && /not a database|malformed/i.test(e.message)) {
        throw new LibraryError(`${file}: is not a VLF Audit Desk library (${e.message}); choose another --library file`);
      }
      throw e;
    }
    return new AuditLibrary(file, db, held);
  }

  listSources(options: { includeArchived?: boolean } = {}): SourceSummary[] {
    const where = options.includeArchived ? '' : 'WHERE archived_at IS NULL';
    return queryAll<Record<string, string | number | null>>(
      this.db,
      `SELECT ${SUMMARY_COLUMNS} FROM sources ${where} ORDER BY id`,
    ).map(toSummary);
  }

  getSource(id: number): SourceSummary | undefined {
    const row = queryAll<Record<string, string | number | null>>(
      this.db,
      `SELECT ${SUMMARY_COLUMNS} FROM sources WHERE id = ?`,
      [id],
    )[0];
    return row ? toSummary(row) : undefined;
  }

  /** A source's platform identity (the `#Key=Value` lines of its audit CSV). */
  sourceMeta(id: number): Record<string, string> {
    const text = queryAll<{ meta: string }>(this.db, 'SELECT meta FROM sources WHERE id = ?', [id])[0]?.meta;
    const parsed: unknown = text ? JSON.parse(text) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  }

  /** Hide a source from views and counts, keeping it (CC seed: archive). */
  archive(id: number, now = new Date()): SourceSummary {
    const source = this.requireSource(id);
    if (source.archivedAt) return source;
    this.db.run('UPDATE sources SET archived_at = ? WHERE id = ?', [now.toISOString(), id]);
    return this.requireSource(id);
  }

  restore(id: number): SourceSummary {
    this.requireSource(id);
    this.db.run('UPDATE sources SET archived_at = NULL WHERE id = ?', [id]);
    return this.requireSource(id);
  }

  /** Delete an archived source for good; an active one must be archived first. */
  purge(id: number): void {
    const source = this.requireSource(id);
    if (!source.archivedAt) throw new LibraryError(`source ${id} is not archived; archive it first, then purge it`);
    this.db.exec('BEGIN');
    try {
      this.db.run('DELETE FROM sources WHERE id = ?', [id]);
      // paths and model tables reference sources with ON DELETE CASCADE.
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    // Its cached records are of no more use (a later source with this id has another stamp and would not read them anyway).
    try {
      rmSync(countCacheFile(this.file, id), { force: true });
    } catch {
      // Best effort: a cache file left behind is never read for another source (count-cache.ts, sourceStamp).
    }
  }

  /** Days after which archived sources are purged; null means never (the default). */
  get retentionDays(): number | null {
    const value = queryAll<{ value: string }>(this.db, "SELECT value FROM settings WHERE key = 'retention_days'")[0]?.value;
    return value === undefined ? null : Number(value);
  }

  set retentionDays(days: number | null) {
    if (days === null) this.db.run("DELETE FROM settings WHERE key = 'retention_days'");
    else {
      if (!Number.isInteger(days) || days < 0) throw new LibraryError(`retention must be a whole number of days, not ${days}`);
      this.db.run("INSERT INTO settings (key, value) VALUES ('retention_days', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(days)]);
    }
  }

  /** Purge archived sources older than the retention setting; returns the ids purged. */
  applyRetention(now = new Date()): number[] {
    const days = this.retentionDays;
    if (days === null) return [];
    const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
    const due = this.listSources({ includeArchived: true }).filter((s) => s.archivedAt !== null && s.archivedAt < cutoff);
    for (const s of due) this.purge(s.id);
    return due.map((s) => s.id);
  }

  /**
   * Make room for about `bytes` more of database before a big import. sql.js
   * keeps the database in an in-memory file that grows by 12.5% at a time,
   * copying itself each time: a 1.4 GB library was copied some forty times.
   * Reopening the database from its own bytes followed by zeros lets SQLite
   * write its new pages in place, and the zeros cost no memory until SQLite
   * writes them (database-file.ts). Measured on 3,000,000 rows (450 MB): 22 s
   * → 13 s, and peak RSS 1.3 GB → 1.0 GB.
   */
  async reserve(bytes: number): Promise<void> {
    if (this.session?.open) throw new LibraryError('cannot make room while an import is running');
    if (bytes <= 0) return;
    const live = liveFile(this.db, this.held);
    if (live && this.held!.length >= live.length + bytes) return;
    const current = live ?? this.db.export().subarray(0, usedBytes(this.db));
    const SQL = await loadSqlJs();
    const reopened = openHeld(SQL, current, bytes);
    this.db.close();
    this.db = reopened.db;
    this.held = reopened.held;
    tune(this.db);
  }

  /** Start an import: everything added lands in one transaction, committed or rolled back whole. */
  beginImport(start: ImportStart): ImportSession {
    if (this.session?.open) throw new LibraryError('another import is still running on this library');
    this.session = ImportSession.begin(this.db, start);
    return this.session;
  }

  /** The database's SQL connection, for the read services (counts, drill-down) of later work and for tests. */
  get database(): Database {
    return this.db;
  }

  /**
   * Save atomically: write a temp file beside the library, fsync, rename over
   * it, fsync the folder. A crash at any point leaves the previous file whole.
   * The bytes are written from the database file itself when it is ours
   * (database-file.ts), else from a copy (export). Only the pages in use are
   * written: room reserved for an import that was then rolled back is not.
   */
  async save(): Promise<void> {
    if (this.session?.open) throw new LibraryError('cannot save while an import is running');
    const live = liveFile(this.db, this.held);
    if (!live) await this.saveCopy();
    else {
      try {
        await writeFileAtomic(this.file, unchangedParts(live));
      } catch (e) {
        if (!(e instanceof ChangedWhileSaving)) throw e;
        await this.saveCopy();
      }
    }
    await fsyncFolder(dirname(this.file));
  }

  /** A save from a snapshot of the database: export() copies the file whole, at once. */
  private async saveCopy(): Promise<void> {
    const used = usedBytes(this.db);
    const bytes = this.db.export();
    // export() closes and reopens the connection, which resets the pragmas.
    tune(this.db);
    await writeFileAtomic(this.file, bytes.subarray(0, Math.min(used, bytes.length)));
  }

  close(): void {
    if (this.session?.open) this.session.rollback();
    this.db.close();
  }

  private requireSource(id: number): SourceSummary {
    const s = this.getSource(id);
    if (!s) throw new LibraryError(`there is no source ${id} in the library; "vlf-desk library list" shows the ids`);
    return s;
  }
}

/** The database changed while its own bytes were being written: that file may mix two states, so it is not kept. */
class ChangedWhileSaving extends Error {}

/**
 * The file SAVE_PART_BYTES at a time (views, no copy). Throws
 * ChangedWhileSaving, before the rename, when a write transaction landed
 * after the call: every one raises the change counter (database-file.ts).
 * The library's callers write one at a time, so this is a guard.
 */
function unchangedParts(file: Uint8Array): AsyncGenerator<Uint8Array> {
  const counter = () => new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(24);
  // Read now, not when the first part is asked for: a write in between would go unseen.
  const before = counter();
  return (async function* parts() {
    for (let at = 0; at < file.length; at += SAVE_PART_BYTES) yield file.subarray(at, Math.min(file.length, at + SAVE_PART_BYTES));
    if (counter() !== before) throw new ChangedWhileSaving('the library changed while it was being saved');
  })();
}

const SAVE_PART_BYTES = 64 * 1024 * 1024;

function toSummary(row: Record<string, string | number | null>): SourceSummary {
  return {
    id: Number(row.id),
    identity: String(row.identity),
    kind: row.kind as SourceKind,
    name: String(row.name),
    platformId: row.platform_id === null ? null : String(row.platform_id),
    dateTime: row.date_time === null ? null : String(row.date_time),
    importedAt: String(row.imported_at),
    archivedAt: row.archived_at === null ? null : String(row.archived_at),
    complete: row.complete === 1,
    verdict: row.verdict === null || row.verdict === undefined ? null : (String(row.verdict) as Verdict),
    provider: metaValue(row.meta, 'Provider Name'),
    host: metaValue(row.meta, 'hostname'),
  };
}

function metaValue(meta: string | number | null | undefined, key: string): string | null {
  if (typeof meta !== 'string') return null;
  try {
    const value: unknown = (JSON.parse(meta) as Record<string, unknown>)[key];
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

async function fsyncFolder(folder: string): Promise<void> {
  // Not every platform can open a folder for fsync (Windows); the rename is then as durable as it gets.
  const handle = await openFile(folder, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EISDIR/EPERM on some file systems: nothing more to do.
  } finally {
    await handle.close();
  }
}
