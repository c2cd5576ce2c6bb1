import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import type { NormalizedRecord } from '../../src-shared/ingest/types';
import { AuditLibrary, LibraryError } from '../../src-main/library/library';
import { sourceIdentity } from '../../src-main/library/import-session';
import { LibraryVersionError, MIGRATIONS, SCHEMA_VERSION } from '../../src-main/library/schema';
import { loadSqlJs, queryAll } from '../../src-main/library/sql';
import { BatchPreparer, decodePkid } from '../../src-main/library/prepare-row';

function tempFile(name = 'library.sqlite'): string {
  return join(tempDir('vlf-lib-'), name);
}

const P = 'sys.hcs.Nimbus';
function record(modelType: string, pkid: string, path: string, fields: Record<string, unknown>): NormalizedRecord {
  const raw = { pkid, hierarchy: path, ...fields };
  return { modelType, pkid, pkidDerived: false, path, fields, rawJson: JSON.stringify(raw), file: 'test.json', index: 0 };
}

/** A tiny platform: provider Nimbus, customer Maple with site Oak, two users and a phone. */
function snapshot(): NormalizedRecord[] {
  return [
    record('data/HierarchyNode', 'n1', 'sys.hcs', { name: 'Nimbus', node_type: 'Provider' }),
    record('data/HierarchyNode', 'n2', P, { name: 'Maple', node_type: 'Customer', public_sector: 'Y' }),
    record('data/HierarchyNode', 'n3', `${P}.Maple`, { name: 'Oak', node_type: '/api/data/HierarchyNodeType/Site' }),
    record('data/User', 'u1', `${P}.Maple.Oak`, { username: 'liam', email: 'liam@maple.example' }),
    record('data/User', 'u2', P, { username: 'ops', email: 'ops@nimbus.example' }),
    record('device/cucm/User', 'c1', `${P}.Maple.Oak`, { userid: 'liam', associatedDevices: { device: ['SEP1'] }, phoneProfiles: 'EM_liam' }),
    record('device/cucm/Phone', 'p1', `${P}.Maple.Oak`, { name: 'SEP1', product: 'Cisco 8845', ownerUserName: '' }),
    record('export/line', 'x1', `${P}.Maple`, { directory_number: '1000' }),
  ];
}

const start = (identity = 'platform:65a1b2c3d4e5f60718293a01|2024-05-01 03:00') => ({
  identity,
  kind: 'dump' as const,
  name: 'dump',
  meta: { 'Platform ID': '65a1b2c3d4e5f60718293a01', 'Date Time': '2024-05-01 03:00' },
  inputPath: '/tmp/dump',
  importedBy: 'tester',
});

function count(library: AuditLibrary, table: string): number {
  return Number(queryAll<{ n: number }>(library.database, `SELECT COUNT(*) AS n FROM ${table}`)[0]!.n);
}

describe('the audit library file', () => {
  it('is created on first open with the current schema version, and reopens after save', async () => {
    const file = tempFile();
    const library = await AuditLibrary.open(file);
    expect(existsSync(file)).toBe(false); // nothing is written until save
    await library.save();
    library.close();
    const again = await AuditLibrary.open(file);
    expect(queryAll<{ user_version: number }>(again.database, 'PRAGMA user_version')[0]!.user_version).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('migrates an older (version 0) database forward and refuses one from a newer app', async () => {
    const SQL = await loadSqlJs();
    const old = new SQL.Database();
    old.run('CREATE TABLE unrelated (x)');
    const file = tempFile();
    writeFileSync(file, old.export());
    const migrated = await AuditLibrary.open(file);
    expect(migrated.listSources()).toEqual([]);
    migrated.close();

    const newer = new SQL.Database();
    newer.run(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    const newerFile = tempFile();
    writeFileSync(newerFile, newer.export());
    await expect(AuditLibrary.open(newerFile)).rejects.toThrow(LibraryVersionError);
  });

  it('migrates a version 2 library to version 3: its path indexes go, its rows and record-key indexes stay', async () => {
    const SQL = await loadSqlJs();
    const v2 = new SQL.Database();
    v2.exec('BEGIN');
    for (const m of MIGRATIONS.filter((m) => m.to <= 2)) m.up(v2);
    v2.exec('PRAGMA user_version = 2; COMMIT');
    v2.run("INSERT INTO sources (identity, kind, name, meta, complete, imported_at) VALUES ('content:abc', 'dump', 'dump', '{}', 1, '2024-05-01')");
    v2.run("INSERT INTO paths (source_id, path) VALUES (1, 'sys.hcs.Nimbus')");
    v2.run("INSERT INTO m_user (source_id, pkid, pkid_derived, path_id, raw_chunk, raw_index, username) VALUES (1, 'u1', 0, 1, 1, 0, 'liam')");
    expect(queryAll(v2, "SELECT name FROM sqlite_master WHERE name = 'm_user_by_path'")).toEqual([{ name: 'm_user_by_path' }]);
    const file = tempFile();
    writeFileSync(file, v2.export());
    v2.close();

    const library = await AuditLibrary.open(file);
    expect(queryAll<{ user_version: number }>(library.database, 'PRAGMA user_version')[0]!.user_version).toBe(3);
    expect(queryAll(library.database, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_by_path'")).toEqual([]);
    expect(queryAll(library.database, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'm_user'")).toEqual([{ name: 'm_user_by_key' }]);
    expect(queryAll(library.database, 'SELECT username FROM m_user')).toEqual([{ username: 'liam' }]);
    library.close();
  });

  it('migrates a version 1 library to the current version, keeping its records and its conflict rule, and dropping the unused path index (v3)', async () => {
    // A v1 library as v1 wrote it: the record key a UNIQUE table constraint.
    const SQL = await loadSqlJs();
    const v1 = new SQL.Database();
    v1.exec('BEGIN');
    MIGRATIONS.find((m) => m.to === 1)!.up(v1);
    v1.exec('PRAGMA user_version = 1; COMMIT');
    v1.run("INSERT INTO sources (identity, kind, name, meta, complete, imported_at) VALUES ('platform:65a1b2c3d4e5f60718293a01|2024-05-01 03:00', 'dump', 'dump', '{}', 1, '2024-05-01')");
    v1.run("INSERT INTO paths (source_id, path) VALUES (1, 'sys.hcs.Nimbus')");
    v1.run("INSERT INTO m_user (source_id, pkid, pkid_derived, path_id, raw_chunk, raw_index, username) VALUES (1, 'u1', 0, 1, 1, 0, 'liam')");
    v1.run("INSERT INTO m_user (source_id, pkid, pkid_derived, path_id, raw_chunk, raw_index, username) VALUES (1, '65a1b2c3d4e5f60718293a01', 0, 1, 1, 1, 'ops')");
    const file = tempFile();
    writeFileSync(file, v1.export());
    v1.close();

    const library = await AuditLibrary.open(file);
    expect(queryAll<{ user_version: number }>(library.database, 'PRAGMA user_version')[0]!.user_version).toBe(3);
    // A VOSS pkid becomes its 12 bytes; any other stays text.
    expect(queryAll(library.database, 'SELECT id, typeof(pkid) AS kind, username FROM m_user ORDER BY id')).toEqual([
      { id: 1, kind: 'text', username: 'liam' },
      { id: 2, kind: 'blob', username: 'ops' },
    ]);
    expect(queryAll<{ pkid: unknown }>(library.database, 'SELECT pkid FROM m_user ORDER BY id').map((r) => decodePkid(r.pkid))).toEqual(['u1', '65a1b2c3d4e5f60718293a01']);
    const indexes = queryAll<{ name: string }>(library.database, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'm_user' ORDER BY name");
    expect(indexes.map((i) => i.name)).toEqual(['m_user_by_key']);
    // The same snapshot again: the stored record is a conflict, a new one is stored.
    const session = library.beginImport(start());
    await session.addRecords([
      record('data/User', 'u1', P, { username: 'other' }),
      record('data/User', '65a1b2c3d4e5f60718293a01', P, { username: 'other' }),
      record('data/User', 'u2', P, { username: 'new' }),
    ]);
    const summary = await session.commit(true);
    expect(summary.tallies['data/User']).toEqual({ read: 3, stored: 1, conflicts: 2, skipped: 0 });
    expect(queryAll(library.database, 'SELECT username FROM m_user ORDER BY id')).toEqual([{ username: 'liam' }, { username: 'ops' }, { username: 'new' }]);
    library.close();
  });

  it('a file that is not a library is refused with a message naming it, and left untouched', async () => {
    const file = tempFile('notes.txt');
    writeFileSync(file, 'just some text that is not SQLite at all, long enough to be read as a header');
    await expect(AuditLibrary.open(file)).rejects.toThrow(LibraryError);
    expect(readFileSync(file, 'utf8')).toMatch(/^just some text/);
  });
});

describe('import appends; a record already stored is a conflict (CC seed)', () => {
  it('stores every record once, with typed columns, raw JSON and resolved paths (R2, R3)', async () => {
    const library = await AuditLibrary.open(tempFile());
    const session = library.beginImport(start());
    await session.addRecords(snapshot());
    const summary = await session.commit(true);
    expect(summary.existed).toBe(false);
    expect(summary.tallies['data/User']).toEqual({ read: 2, stored: 2, conflicts: 0, skipped: 0 });
    expect(count(library, 'm_cucm_user')).toBe(1);
    const cucm = queryAll(library.database, 'SELECT userid, associateddevices, phoneprofiles FROM m_cucm_user')[0];
    // List fields of any shape are stored as a JSON array (platform-dump.md §1).
    expect(cucm).toEqual({ userid: 'liam', associateddevices: '["SEP1"]', phoneprofiles: '["EM_liam"]' });
    const node = queryAll(library.database, "SELECT node_type, public_sector FROM m_hierarchy_node WHERE name = 'Oak' OR name = 'Maple' ORDER BY name");
    expect(node).toEqual([
      { node_type: 'Customer', public_sector: 1 },
      { node_type: 'Site', public_sector: null },
    ]);
    const paths = queryAll(library.database, 'SELECT path, customer_path, provider_path FROM paths ORDER BY path');
    expect(paths).toContainEqual({ path: `${P}.Maple.Oak`, customer_path: `${P}.Maple`, provider_path: P });
    expect(paths).toContainEqual({ path: P, customer_path: null, provider_path: P });
    expect(count(library, 'm_other')).toBe(1);
    library.close();
  });


  it('stores every value exactly as read: empty text is not NULL, Unicode stays Unicode, booleans are 1/0/NULL (R110), big batches whole (bulk-insert.ts)', async () => {
    const library = await AuditLibrary.open(tempFile());
    const session = library.beginImport(start());
    const long = 'ü'.repeat(5000); // longer than a batch's first byte buffer for a few rows
    const users = [
      record('data/User', 'u1', P, { username: '', email: 'zoë@例え.example', mvs_hybrid_status: '🙂 hybrid' }),
      record('data/User', 'u2', P, { username: long, email: null }),
      ...Array.from({ length: 3000 }, (_, i) => record('data/User', `bulk${i}`, P, { username: `user${i}`, email: `user${i}@nimbus.example` })),
    ];
    const spark = [record('device/spark/User', 's1', P, { email: 'a@x', calling_pro: 'yes' }), record('device/spark/User', 's2', P, { email: 'b@x', calling_pro: false }), record('device/spark/User', 's3', P, { email: 'c@x' })];
    // Tables alternate within the batch: what a statement's rows share is bound again at each switch.
    await session.addRecords([spark[0]!, ...users.slice(0, 2), spark[1]!, ...users.slice(2), spark[2]!]);
    const { sourceId } = await session.commit(true);
    const chunk = queryAll<{ id: number }>(library.database, 'SELECT id FROM raw_chunks')[0]!.id;
    const placed = queryAll<{ source_id: number; raw_chunk: number; raw_index: number }>(library.database, 'SELECT source_id, raw_chunk, raw_index FROM m_spark_user ORDER BY id');
    expect(placed).toEqual([0, 3, 3004].map((raw_index) => ({ source_id: sourceId, raw_chunk: chunk, raw_index })));
    const rows = queryAll<{ pkid: unknown; username: string | null; email: string | null; mvs_hybrid_status: string | null }>(library.database, 'SELECT pkid, username, email, mvs_hybrid_status FROM m_user ORDER BY id');
    expect(rows).toHaveLength(3002);
    expect(rows[0]).toMatchObject({ username: '', email: 'zoë@例え.example', mvs_hybrid_status: '🙂 hybrid' });
    expect(rows[1]).toMatchObject({ username: long, email: null, mvs_hybrid_status: null });
    expect(rows.slice(2).every((r, i) => decodePkid(r.pkid) === `bulk${i}` && r.username === `user${i}` && r.email === `user${i}@nimbus.example`)).toBe(true);
    expect(queryAll(library.database, 'SELECT email, calling_pro FROM m_spark_user ORDER BY id')).toEqual([
      { email: 'a@x', calling_pro: 1 },
      { email: 'b@x', calling_pro: 0 },
      { email: 'c@x', calling_pro: null },
    ]);
    library.close();
  });
  it('importing the same snapshot twice stores nothing new and reports every record as a conflict', async () => {
    const library = await AuditLibrary.open(tempFile());
    const first = library.beginImport(start());
    await first.addRecords(snapshot());
    await first.commit(true);
    const rawBefore = count(library, 'raw_chunks');
    const second = library.beginImport(start());
    await second.addRecords(snapshot());
    const summary = await second.commit(true);
    expect(summary.existed).toBe(true);
    expect(Object.values(summary.tallies).map((t) => [t.stored, t.conflicts])).toEqual(
      Object.values(summary.tallies).map((t) => [0, t.read]),
    );
    expect(count(library, 'm_user')).toBe(2);
    expect(count(library, 'raw_chunks')).toBe(rawBefore);
    expect(library.listSources()).toHaveLength(1);
    expect(count(library, 'imports')).toBe(2);
    library.close();
  });

  it('a record repeated within one import is stored once, the first kept, the others conflicts', async () => {
    const library = await AuditLibrary.open(tempFile());
    const session = library.beginImport(start());
    await session.addRecords([
      ...snapshot(),
      record('data/User', 'u1', P, { username: 'second' }),
      record('export/line', 'x1', P, { directory_number: '2000' }),
      record('export/other', 'x1', P, { note: 'same pkid, another model type' }),
    ]);
    await session.addRecords([record('data/User', 'u1', P, { username: 'third' })]);
    const summary = await session.commit(true);
    expect(summary.tallies['data/User']).toEqual({ read: 4, stored: 2, conflicts: 2, skipped: 0 });
    expect(summary.tallies['export/line']).toEqual({ read: 2, stored: 1, conflicts: 1, skipped: 0 });
    expect(summary.tallies['export/other']).toEqual({ read: 1, stored: 1, conflicts: 0, skipped: 0 });
    expect(queryAll(library.database, "SELECT username FROM m_user WHERE pkid = 'u1'")).toEqual([{ username: 'liam' }]);
    expect(count(library, 'm_other')).toBe(2);
    // The rule holds after commit too: the indexes built at the end are the UNIQUE ones.
    expect(() => library.database.run("INSERT INTO m_user (source_id, pkid, pkid_derived, path_id, raw_chunk, raw_index) VALUES (1, 'u1', 0, 1, 1, 0)")).toThrow(/UNIQUE/);
    library.close();
  });

  it('a table is indexed once rows of another follow, before commit; its rows coming back later are still checked: repeats are conflicts, the first kept', async () => {
    const library = await AuditLibrary.open(tempFile());
    const session = library.beginImport(start());
    const indexed = () => queryAll<{ name: string }>(library.database, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'm_cucm_phone_by_key'").length;
    const phone = (pkid: string, name: string) => record('device/cucm/Phone', pkid, P, { name, product: 'Cisco 8845', ownerUserName: '' });
    await session.addRecords([...snapshot().slice(0, 3), phone('p1', 'SEP1'), phone('p2', 'SEP2'), phone('p1', 'SEP1-again')]);
    expect(indexed()).toBe(0); // the phones may go on in the next batch
    await session.addRecords([record('data/User', 'u1', P, { username: 'liam' })]);
    expect(indexed()).toBe(1); // users follow: the phones' index is built now, their repeat removed first
    await session.addRecords([phone('p2', 'SEP2-later'), phone('p3', 'SEP3')]);
    const summary = await session.commit(true);
    expect(summary.tallies['device/cucm/Phone']).toEqual({ read: 5, stored: 3, conflicts: 2, skipped: 0 });
    expect(queryAll(library.database, 'SELECT name FROM m_cucm_phone ORDER BY name')).toEqual([{ name: 'SEP1' }, { name: 'SEP2' }, { name: 'SEP3' }]);
    library.close();
  });

  it('a row flagged as a maybe-repeat that repeats nothing is stored (the flag is a hash match, confirmed exactly)', async () => {
    const library = await AuditLibrary.open(tempFile());
    const session = library.beginImport(start());
    const batch = new BatchPreparer().prepare(snapshot());
    session.addBatch({ ...batch, maybeRepeats: Array.from({ length: batch.count }, (_, k) => k) });
    const summary = await session.commit(true);
    expect(Object.values(summary.tallies).every((t) => t.conflicts === 0 && t.stored === t.read)).toBe(true);
    expect(count(library, 'm_user')).toBe(2);
    library.close();
  });

  it('VOSS pkids are stored as 12 bytes and other pkids as text; both read back as read, and repeats of either are conflicts', async () => {
    const library = await AuditLibrary.open(tempFile());
    const voss = '65a1b2c3d4e5f60718293a01';
    // Upper-case hex, derived ids and export-bundle ids are not VOSS pkids: kept as text, exactly.
    const others = ['65A1B2C3D4E5F60718293A01', 'derived:sys.hcs/jdoe', '65a1b2c3d4e5f6071829'];
    const users = [voss, ...others].map((pkid, i) => record('data/User', pkid, P, { username: `u${i}` }));
    const first = library.beginImport(start());
    await first.addRecords([...users, record('data/User', voss, P, { username: 'repeat' })]);
    const one = await first.commit(true);
    expect(one.tallies['data/User']).toEqual({ read: 5, stored: 4, conflicts: 1, skipped: 0 });
    const stored = queryAll<{ pkid: unknown; kind: string }>(library.database, 'SELECT pkid, typeof(pkid) AS kind FROM m_user ORDER BY id');
    expect(stored.map((r) => [decodePkid(r.pkid), r.kind])).toEqual([
      [voss, 'blob'],
      [others[0], 'text'],
      [others[1], 'text'],
      [others[2], 'text'],
    ]);
    const second = library.beginImport(start());
    await second.addRecords(users);
    expect((await second.commit(true)).tallies['data/User']).toEqual({ read: 4, stored: 0, conflicts: 4, skipped: 0 });
    library.close();
  });

  it('a different snapshot of the same platform is a new source', async () => {
    const library = await AuditLibrary.open(tempFile());
    for (const when of ['2024-05-01 03:00', '2024-06-01 03:00']) {
      const s = library.beginImport(start(`platform:65a1b2c3d4e5f60718293a01|${when}`));
      await s.addRecords(snapshot());
      await s.commit(true);
    }
    expect(library.listSources().map((s) => s.id)).toEqual([1, 2]);
    expect(count(library, 'm_user')).toBe(4);
    library.close();
  });

  it('an import that fails lands not at all: rollback leaves the library as it was', async () => {
    const library = await AuditLibrary.open(tempFile());
    const session = library.beginImport(start());
    await session.addRecords(snapshot());
    session.rollback();
    expect(library.listSources()).toEqual([]);
    expect(count(library, 'm_user')).toBe(0);
    // The indexes an import into empty tables drops for its duration are back.
    expect(queryAll(library.database, "SELECT name FROM sqlite_master WHERE name IN ('m_user_by_key', 'm_other_by_key') ORDER BY name")).toEqual([
      { name: 'm_other_by_key' },
      { name: 'm_user_by_key' },
    ]);
    library.close();
  });

  it('an orphan HierarchyNode and a path claimed twice are reported; the import still lands', async () => {
    const library = await AuditLibrary.open(tempFile());
    const session = library.beginImport(start());
    await session.addRecords([
      ...snapshot(),
      record('data/HierarchyNode', 'n9', `${P}.Gone`, { name: 'Lost', node_type: 'Customer' }),
      record('data/HierarchyNode', 'n8', P, { name: 'Maple', node_type: 'Reseller' }),
    ]);
    const summary = await session.commit(true);
    const messages = summary.findings.map((f) => f.message);
    expect(messages).toContainEqual(expect.stringContaining(`${P}.Gone.Lost lives at ${P}.Gone, which is no node`));
    expect(messages).toContainEqual(expect.stringContaining(`two HierarchyNodes claim the path ${P}.Maple`));
    expect(messages.filter((m) => m.includes('orphan'))).toHaveLength(1);
    library.close();
  });

  it('the raw record is kept for the drill-down', async () => {
    const { inflateRawSync } = await import('node:zlib');
    const library = await AuditLibrary.open(tempFile());
    const s = library.beginImport(start());
    await s.addRecords(snapshot());
    await s.commit(true);
    const row = queryAll<{ raw_chunk: number; raw_index: number }>(library.database, "SELECT raw_chunk, raw_index FROM m_user WHERE username = 'liam'")[0]!;
    const chunk = queryAll<{ data: Uint8Array }>(library.database, 'SELECT data FROM raw_chunks WHERE id = ?', [row.raw_chunk])[0]!;
    const raws = JSON.parse(inflateRawSync(chunk.data).toString('utf8')) as Array<Record<string, unknown>>;
    expect(raws[row.raw_index]).toEqual({ pkid: 'u1', hierarchy: `${P}.Maple.Oak`, username: 'liam', email: 'liam@maple.example' });
    library.close();
  });

  it('sourceIdentity uses Platform ID and Date Time, else the content hash', () => {
    expect(sourceIdentity({ 'Platform ID': 'abc', 'Date Time': '2024-05-01 03:00' }, 'h')).toBe('platform:abc|2024-05-01 03:00');
    expect(sourceIdentity({ 'Platform ID': 'abc' }, 'h')).toBe('content:h');
  });
});

describe('archive, restore, purge, retention (CC seed)', () => {
  async function withTwoSources() {
    const library = await AuditLibrary.open(tempFile());
    for (const when of ['2024-05-01 03:00', '2024-06-01 03:00']) {
      const s = library.beginImport(start(`platform:65a1b2c3d4e5f60718293a01|${when}`));
      await s.addRecords(snapshot());
      await s.commit(true);
    }
    return library;
  }

  it('archive hides a source but keeps it; restore brings it back', async () => {
    const library = await withTwoSources();
    library.archive(1);
    expect(library.listSources().map((s) => s.id)).toEqual([2]);
    expect(library.listSources({ includeArchived: true }).map((s) => [s.id, s.archivedAt !== null])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(count(library, 'm_user')).toBe(4);
    library.restore(1);
    expect(library.listSources().map((s) => s.id)).toEqual([1, 2]);
    library.close();
  });

  it('purge deletes an archived source and all its records; an active one must be archived first', async () => {
    const library = await withTwoSources();
    expect(() => library.purge(1)).toThrow(/archive it first/);
    library.archive(1);
    library.purge(1);
    expect(library.listSources({ includeArchived: true }).map((s) => s.id)).toEqual([2]);
    expect(count(library, 'm_user')).toBe(2);
    expect(count(library, 'paths')).toBe(Number(queryAll<{ n: number }>(library.database, 'SELECT COUNT(*) AS n FROM paths WHERE source_id = 2')[0]!.n));
    expect(() => library.purge(99)).toThrow(/no source 99/);
    library.close();
  });

  it('retention purges archived sources older than N days; the default is never', async () => {
    const library = await withTwoSources();
    library.archive(1, new Date('2024-01-01T00:00:00Z'));
    library.archive(2, new Date('2024-03-01T00:00:00Z'));
    expect(library.applyRetention(new Date('2024-03-10T00:00:00Z'))).toEqual([]);
    library.retentionDays = 30;
    expect(library.applyRetention(new Date('2024-03-10T00:00:00Z'))).toEqual([1]);
    expect(library.listSources({ includeArchived: true }).map((s) => s.id)).toEqual([2]);
    library.close();
  });
});

describe('reserving room before a big import', () => {
  it('keeps every record, and the saved file holds only the pages in use, not the room reserved', async () => {
    const file = tempFile();
    const library = await AuditLibrary.open(file);
    const first = library.beginImport(start());
    await first.addRecords(snapshot());
    await first.commit(true);
    await library.reserve(64 * 1024 * 1024);
    const second = library.beginImport(start('platform:other|2024-06-01 03:00'));
    await second.addRecords(snapshot());
    await second.commit(true);
    await library.save();
    library.close();
    expect(statSync(file).size).toBeLessThan(2 * 1024 * 1024);
    const again = await AuditLibrary.open(file);
    expect(again.listSources()).toHaveLength(2);
    expect(count(again, 'm_user')).toBe(4);
    again.close();
  });
});

describe('reserved room that an import never used', () => {
  it('is not saved: a rolled-back import leaves the file its real size', async () => {
    const file = tempFile();
    const library = await AuditLibrary.open(file);
    await library.reserve(32 * 1024 * 1024);
    library.beginImport(start()).rollback();
    await library.save();
    library.close();
    const empty = tempFile('empty.sqlite');
    const never = await AuditLibrary.open(empty);
    await never.save();
    never.close();
    // 32 MB were reserved; the file is an empty library's size, not that.
    expect(statSync(file).size).toBeLessThan(statSync(empty).size + 1024 * 1024);
    const again = await AuditLibrary.open(file);
    expect(again.listSources()).toEqual([]);
    again.close();
  });
});

describe('saving is atomic', () => {
  const libraryJs = join(__dirname, '../../dist/src-main/library/library.js');

  it('a process killed in the middle of saving leaves the previous library readable', async () => {
    expect(existsSync(libraryJs)).toBe(true); // npm test builds first
    const file = tempFile();
    const library = await AuditLibrary.open(file);
    const s = library.beginImport(start());
    await s.addRecords(snapshot());
    await s.commit(true);
    await library.save();
    library.close();
    const before = readFileSync(file);

    // A child grows the library to tens of MB and saves it over and over; it is killed mid-way.
    const child = spawn(process.execPath, ['-e', `
      const { AuditLibrary } = require(${JSON.stringify(libraryJs)});
      (async () => {
        const lib = await AuditLibrary.open(${JSON.stringify(file)});
        lib.database.run("CREATE TABLE ballast (x BLOB)");
        const big = new Uint8Array(4 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
        for (let i = 0; i < 12; i++) lib.database.run("INSERT INTO ballast VALUES (?)", [big]);
        process.stdout.write("ready\\n");
        for (;;) await lib.save();
      })();
    `]);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const after = await AuditLibrary.open(file);
    expect(after.listSources()).toHaveLength(1);
    expect(count(after, 'm_user')).toBe(2);
    after.close();
    // The file is either the old one or a complete new one, never a torn one.
    const size = statSync(file).size;
    expect(size === before.length || size > 40 * 1024 * 1024).toBe(true);
  });
});
