import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/temp';
import { liveFile, openHeld, OwnedBytes, ownBytes, usedBytes } from '../../src-main/library/database-file';
import { AuditLibrary } from '../../src-main/library/library';
import { loadSqlJs, queryAll } from '../../src-main/library/sql';

async function smallDatabase(): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec("PRAGMA page_size = 4096; CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a'), ('b')");
  const bytes = db.export();
  db.close();
  return bytes;
}

const rows = (db: { exec(sql: string): Array<{ values: unknown[][] }> }) => db.exec('SELECT COUNT(*) FROM t')[0]!.values[0]![0];

describe('the database file held by the library (database-file.ts)', () => {
  it('is the very bytes sql.js writes to: a write shows in them, and they read back as the database', async () => {
    const SQL = await loadSqlJs();
    const { db, held } = openHeld(SQL, ownBytes(await smallDatabase()));
    db.run("INSERT INTO t VALUES ('c')");
    const live = liveFile(db, held);
    expect(live).toBeDefined();
    expect(live!.buffer).toBe(held!.buffer); // a view, not a copy
    // Byte for byte what export() makes, but for the change counter and its copy (offsets 24 and 92), which export's own commit sets.
    const header = (b: Uint8Array) => Buffer.concat([b.subarray(0, 24), b.subarray(28, 92), b.subarray(96)]);
    expect(header(live!).equals(header(db.export()))).toBe(true);
    const reread = new SQL.Database(Uint8Array.from(live!));
    expect(rows(reread)).toBe(3);
    reread.close();
    db.close();
  });

  it('with room reserved, grows in place; once it grows past the room it is no longer ours, and liveFile says so', async () => {
    const SQL = await loadSqlJs();
    const { db, held } = openHeld(SQL, await smallDatabase(), 256 * 1024);
    db.run('INSERT INTO t VALUES (?)', ['x'.repeat(100 * 1024)]);
    expect(liveFile(db, held)?.length).toBe(usedBytes(db));
    // Past its room, the file system moves the file into a new array of its own.
    db.run('INSERT INTO t VALUES (?)', ['y'.repeat(1024 * 1024)]);
    expect(liveFile(db, held)).toBeUndefined();
    db.close();
  });

  it('is never trusted without the proof: bytes that are not the file (sql.js copied them) are not written', async () => {
    const SQL = await loadSqlJs();
    const copy = new OwnedBytes(new ArrayBuffer(0));
    const db = new SQL.Database(await smallDatabase()); // plain bytes: sql.js copies them
    expect(liveFile(db, copy)).toBeUndefined();
    expect(liveFile(db, ownBytes(await smallDatabase()))).toBeUndefined();
    db.close();
  });
});

describe('saving a library writes its file from the held bytes', () => {
  it('a library read from disk is saved without an export() copy, and reads back whole', async () => {
    const file = join(tempDir('vlf-dbfile-'), 'library.sqlite');
    const created = await AuditLibrary.open(file);
    created.retentionDays = 30;
    await created.save();
    created.close();

    const library = await AuditLibrary.open(file);
    const exported = vi.spyOn(library.database, 'export');
    library.retentionDays = 7;
    await library.save();
    expect(exported).not.toHaveBeenCalled();
    library.close();
    const again = await AuditLibrary.open(file);
    expect(again.retentionDays).toBe(7);
    again.close();
    expect(readFileSync(file).length % 4096).toBe(0);
  });

  it('a write that lands while the bytes are being written makes the save start over from a snapshot (export), which holds it', async () => {
    const file = join(tempDir('vlf-dbfile-'), 'library.sqlite');
    const created = await AuditLibrary.open(file);
    await created.save();
    created.close();

    const library = await AuditLibrary.open(file);
    const exported = vi.spyOn(library.database, 'export');
    const saving = library.save();
    // save() is writing (it waits for the disk): a write now must not go unsaved or half saved.
    library.retentionDays = 9;
    await saving;
    expect(exported).toHaveBeenCalledTimes(1);
    library.close();
    const again = await AuditLibrary.open(file);
    expect(again.retentionDays).toBe(9);
    expect(queryAll<{ n: number }>(again.database, 'SELECT COUNT(*) AS n FROM sources')[0]!.n).toBe(0);
    again.close();
  });
});
