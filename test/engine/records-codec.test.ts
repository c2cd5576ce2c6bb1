/**
 * The engine's records survive the trip through bytes exactly
 * (records-codec.ts): every list, every field, every row — so a recount from
 * the count cache is the count of the library's rows (R90).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecords } from '../../src-shared/engine/records-codec';
import { type ColumnKind, type Fields, type Records, RecordsBuilder, TABLE_FIELDS, TABLE_NAMES } from '../../src-shared/engine/records';
import { concatArrays, type IntLists, type TextLists, type Texts, utf8Runs } from '../../src-shared/engine/record-columns';
import type { RowGroup } from '../../src-shared/engine/input';
import { forEachRowGroup } from '../../src-main/library/engine-rows';
import { AuditLibrary } from '../../src-main/library/library';
import { importSources } from '../../src-main/services/import-service';
import { generateDump } from '../../src-main/tools/gen-dump';
import { tempDir } from '../support/temp';

/** One buffer, as a file read back would be. */
const joined = (parts: readonly Uint8Array[]): Uint8Array => concatArrays(parts, (n) => new Uint8Array(n));

const textsOf = (t: Texts): string[] => Array.from({ length: t.length }, (_, i) => t.at(i));

/** Record by record, what a column holds: typed arrays and lazy texts become plain arrays, so toEqual compares contents, not classes. */
function plainColumn(kind: ColumnKind, column: unknown, length: number): unknown {
  switch (kind) {
    case 'int':
    case 'flag':
      return Array.from(column as Int32Array | Uint8Array);
    case 'text':
    case 'symbol':
      return textsOf(column as Texts);
    case 'ints': {
      const { start, items } = column as IntLists;
      return Array.from({ length }, (_, i) => Array.from(items.subarray(start[i]!, start[i + 1]!)));
    }
    case 'texts':
    case 'symbols': {
      const { start, items } = column as TextLists;
      expect(start.length).toBe(length + 1);
      return Array.from({ length }, (_, i) => Array.from({ length: start[i + 1]! - start[i]! }, (_, k) => items.at(start[i]! + k)));
    }
  }
}

function plainTable(table: { length: number; row: Int32Array; underSite: Uint8Array }, fields: Fields): unknown {
  const columns = table as unknown as Record<string, unknown>;
  // Every column the table holds is compared: none the schema leaves out.
  expect(Object.keys(columns).sort()).toEqual(['length', 'row', 'underSite', ...Object.keys(fields)].sort());
  const out: Record<string, unknown> = { length: table.length, row: Array.from(table.row), underSite: Array.from(table.underSite) };
  for (const [field, kind] of Object.entries(fields)) out[field] = plainColumn(kind, columns[field], table.length);
  return out;
}

/** What the rules read of a Records, as plain data: everything but the Hierarchy's private caches. */
function comparable(r: Records): unknown {
  const tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, plainTable(r[name], TABLE_FIELDS[name])]));
  // Sites are keyed records (records.ts KEYED), as deviceProfiles are.
  const sites = plainTable(r.sites, TABLE_FIELDS.deviceProfiles);
  const { hierarchy } = r;
  return { ...tables, sites, repeats: r.repeats, keyCount: r.keyCount, nodeRows: r.nodeRows, rows: hierarchy.rows, nodes: hierarchy.nodes, notes: hierarchy.notes };
}

async function recordsOfGeneratedDump(users: number): Promise<Records> {
  const dir = tempDir();
  const dump = join(dir, 'dump');
  await generateDump({ users, out: dump, seed: 11, gzip: false, jsonl: false, apiShape: true, pages: 2 });
  const library = await AuditLibrary.open(join(dir, 'library.sqlite'));
  try {
    const [result] = await importSources(library, [dump], { importedBy: 'test' });
    const builder = new RecordsBuilder();
    forEachRowGroup(library.database, Number(result!.id), (g) => builder.addGroup(g));
    return builder.finish();
  } finally {
    library.close();
  }
}

/** decode(encode(records)) equals the records, with the texts cut into chunks of each size. */
function expectRoundTrip(records: Records, chunkSizes: readonly number[]): void {
  for (const chunkChars of chunkSizes) {
    const decoded = decodeRecords(joined(encodeRecords(records, 's', { chunkChars })), 's');
    expect(decoded.ok, `chunks of ${chunkChars}`).toBe(true);
    if (decoded.ok) expect(comparable(decoded.records), `chunks of ${chunkChars}`).toEqual(comparable(records));
  }
}

/** A hierarchy (provider, customer, site) and a few records with awkward texts. */
function awkwardRecords(): Records {
  const builder = new RecordsBuilder();
  const node = (pkid: string, path: string, name: string, type: string): RowGroup => ({ modelType: 'data/HierarchyNode', paths: [path], rows: [[name, type, 0, 1, pkid, 0, 0]] });
  for (const g of [node('p1', 'sys.hcs', 'Prov', 'Provider'), node('c1', 'sys.hcs.Prov', 'Cüstömer 😀', 'Customer'), node('s1', 'sys.hcs.Prov.Cüstömer 😀', 'Site ü', 'Site')]) builder.addGroup(g);
  const site = 'sys.hcs.Prov.Cüstömer 😀.Site ü';
  builder.addGroup({
    modelType: 'data/User',
    paths: [site],
    rows: [
      ['ａｌｉｃｅ', 'alice@example.com', 'ａｌｉｃｅ', '', '', '', '', '', 'MVS', 'u1', 0, 0],
      ['', '', '', '', '', '', '', '', '', 'u2', 0, 0],
      ['x'.repeat(300), '日本語@example.com', '', 'bob😀', '', '', '', '', '', 'u3', 0, 0],
    ],
  });
  builder.addGroup({
    modelType: 'device/cucm/User',
    paths: [site],
    rows: [
      ['ａｌｉｃｅ', 'alice@example.com', ['SEP1', 'CSF😀'], ['dp'], [], 1, 0, 'cu1', 0, 0],
      ['bob', '', [], [], ['rdp1', 'rdp2'], null, 1, 'cu2', 0, 0],
    ],
  });
  builder.addGroup({ modelType: 'device/msteamsonline/CsOnlineUser', paths: [site], rows: [['bob😀', 1, 0, ['Teams', 'PhoneSystem'], 'cs1', 0, 0]] });
  builder.addGroup({ modelType: 'device/msgraph/MsolUser', paths: ['sys.hcs.Prov'], rows: [['bob😀', 1, 'm1', 0, 0]] });
  builder.addGroup({ modelType: 'device/msonline/MsolUser', paths: ['sys.hcs.Prov'], rows: [['carol', 0, 'm2', 0, 0]] });
  return builder.finish();
}

describe('records codec: the records a count reads survive bytes exactly (R90)', () => {
  it('a generated dump of 1,500 users (every shape of §1): decode(encode(records)) equals the records, list by list', async () => {
    const records = await recordsOfGeneratedDump(1500);
    expect(records.ucmUsers.length).toBeGreaterThan(1000);
    expect(records.phones.length).toBeGreaterThan(1000);
    const decoded = decodeRecords(joined(encodeRecords(records, 'stamp')), 'stamp');
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(comparable(decoded.records)).toEqual(comparable(records));
  });

  it('non-Latin texts, emoji, long and empty values, lists and several model types in one list come back exactly, across text chunk edges', () => {
    const records = awkwardRecords();
    expect(records.sites.length).toBe(1);
    expect(textsOf(records.msolUsers.modelType)).toEqual(['device/msgraph/MsolUser', 'device/msonline/MsolUser']);
    expectRoundTrip(records, [1, 3, 7, 1 << 26]);
  });

  it('texts kept as UTF-8 are written as they are, in chunks joined from their blocks, and read back exactly at every chunk size', () => {
    const builder = new RecordsBuilder();
    builder.addGroup({ modelType: 'data/HierarchyNode', paths: ['sys.hcs'], rows: [['Prov', 'Provider', 0, 1, 'p1', 0, 0]] });
    builder.addGroup({ modelType: 'data/HierarchyNode', paths: ['sys.hcs.Prov'], rows: [['Cust', 'Customer', 0, 1, 'c1', 0, 0]] });
    // Several blocks of 4,096 texts, some not Latin: chunks are joined from whole blocks, and their ends shifted.
    const rows = Array.from({ length: 10_000 }, (_x, i) => [i % 9 === 0 ? `ünï-${i}😀` : `user-${i}`, `u${i}@example.com`, '', '', '', '', '', '', '', `u${i}`, 0, 0]);
    builder.addGroup({ modelType: 'data/User', paths: ['sys.hcs.Prov.Cust'], rows });
    const records = builder.finish();
    expect(utf8Runs(records.vossUsers.username)?.length).toBe(3);
    expectRoundTrip(records, [5, 50_000, 1 << 26]);
  });

  it('a text with an unpaired surrogate is not written (UTF-8 would change it): the cache is refused, and the recount reads the rows', () => {
    const builder = new RecordsBuilder();
    builder.addGroup({ modelType: 'data/HierarchyNode', paths: ['sys.hcs'], rows: [['Prov', 'Provider', 0, 1, 'p1', 0, 0]] });
    builder.addGroup({ modelType: 'data/User', paths: ['sys.hcs.Prov'], rows: [['lone \ud800', '', '', '', '', '', '', '', '', 'u1', 0, 0]] });
    const records = builder.finish();
    expect(records.vossUsers.username.at(0)).toBe('lone \ud800');
    expect(() => encodeRecords(records, 's')).toThrow(/unpaired surrogate/);
  });

  it('bytes written under another stamp, cut short, or damaged are refused with the reason, never read', () => {
    const bytes = joined(encodeRecords(awkwardRecords(), 'import 1'));
    const other = decodeRecords(bytes, 'import 2');
    expect(other).toEqual({ ok: false, reason: 'written for another import of the source' });
    expect(decodeRecords(bytes, 'import 1').ok).toBe(true);
    for (const cut of [8, bytes.length / 2, bytes.length - 4]) {
      const short = decodeRecords(bytes.subarray(0, bytes.length - Math.floor(cut)), 'import 1');
      expect(short.ok, `${cut} bytes cut`).toBe(false);
      expect(!short.ok && short.reason, `${cut} bytes cut`).toMatch(/damaged|short/);
    }
    const header = new Uint8Array(bytes);
    header[header.length - 20] = 0x7b; // inside the header JSON, which comes last
    expect(decodeRecords(header, 'import 1').ok).toBe(false);
    expect(decodeRecords(new Uint8Array(3), 'import 1').ok).toBe(false);
  });

  it('damaged text ends, list starts, flags and symbol codes inside the body are refused, never read as other records', () => {
    const bytes = joined(encodeRecords(awkwardRecords(), 's'));
    // The header (last, before its 4-byte length) says where each column lies.
    type Blob = { at: number; bytes: number };
    type Column = { start: Blob; data: Blob; chunks: { ends: Blob }[] };
    const headerBytes = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(bytes.length - 4 - headerBytes, bytes.length - 4))) as { tables: { name: string; columns: Record<string, Column> }[] };
    const column = (table: string, field: string): Column => header.tables.find((t) => t.name === table)!.columns[field]!;
    const damaged = (what: string, change: (view: DataView) => void) => {
      const copy = new Uint8Array(bytes);
      change(new DataView(copy.buffer));
      const decoded = decodeRecords(copy, 's');
      expect(decoded.ok, what).toBe(false);
      expect(!decoded.ok && decoded.reason, what).toMatch(/^damaged \(/);
    };
    expect(decodeRecords(bytes, 's').ok).toBe(true);
    damaged('a text ending past its run', (v) => v.setUint32(column('vossUsers', 'username').chunks[0]!.ends.at, 1000, true));
    damaged('a text ending before the one before it', (v) => v.setUint32(column('vossUsers', 'username').chunks[0]!.ends.at + 4, 3, true));
    damaged('a list starting before the one before it', (v) => v.setInt32(column('vossUsers', 'explicit').start.at + 4, 13, true));
    damaged('a list running past the items', (v) => v.setInt32(column('ucmUsers', 'deviceKeys').start.at + 8, 99, true));
    damaged('a flag of 2', (v) => v.setUint8(column('ucmUsers', 'snrFlag').data.at, 2));
    damaged('a symbol code past its values', (v) => v.setUint8(column('msolUsers', 'modelType').data.at + 1, 7));
  });
});
