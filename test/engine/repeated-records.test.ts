/**
 * The same instance listed twice (overlapping API pages) counts once: the
 * engine keeps the first record of each (model type, pkid), as the library
 * does, and says how many it left out.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src-main/ingest/read-dump';
import { AuditLibrary } from '../../src-main/library/library';
import { countSource, importAndCount } from '../../src-main/services/count-service';
import { countBuiltRecords } from '../../src-shared/engine/count';
import { packRows, type RowGroup } from '../../src-shared/engine/input';
import { auditCsv } from '../../src-shared/engine/output';
import { RecordsBuilder } from '../../src-shared/engine/records';
import { importSources } from '../../src-main/services/import-service';
import { tempDir } from '../support/temp';

const BASIC = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'basic');

/** Import the dump into a fresh library and count that library source. */
async function importAndRecount(dump: string) {
  const file = join(tempDir(), 'library.sqlite');
  const library = await AuditLibrary.open(file);
  let id = 0;
  try {
    id = Number((await importSources(library, [dump], { importedBy: 'test' }))[0]!.id);
  } finally {
    library.close();
  }
  return countSource({ kind: 'library', libraryPath: file, sourceId: id });
}

describe('repeated records', () => {
  it('a second page repeating the phones and users changes no count; the count says how many it left out; the library recount agrees', async () => {
    const dump = join(tempDir(), 'dump');
    cpSync(join(BASIC, 'dump'), dump, { recursive: true });
    writeFileSync(join(dump, 'device.cucm.Phone.page-2.json'), readFileSync(join(dump, 'device.cucm.Phone.json')));
    writeFileSync(join(dump, 'data.User.page-2.json'), readFileSync(join(dump, 'data.User.json')));
    const phones = (JSON.parse(readFileSync(join(dump, 'device.cucm.Phone.json'), 'utf8')) as unknown[]).length;
    const users = (JSON.parse(readFileSync(join(dump, 'data.User.json'), 'utf8')) as unknown[]).length;

    const counted = await countSource({ kind: 'path', path: dump });
    expect(counted.csv('legacy', 'detailed')).toBe(readFileSync(join(BASIC, 'expected-legacy-detailed.csv'), 'utf8'));
    expect(counted.csv('v5', 'detailed')).toBe(readFileSync(join(BASIC, 'expected-v5-detailed.csv'), 'utf8'));
    expect(counted.usersCsv()).toBe(readFileSync(join(BASIC, 'expected-users.csv'), 'utf8'));
    expect(counted.summary.notes).toContainEqual({ rule: 'pkid', message: expect.stringMatching(new RegExp(`^${phones + users} records repeat`)) });

    const recounted = await importAndRecount(dump);
    expect(recounted.csv('legacy', 'detailed')).toBe(counted.csv('legacy', 'detailed'));
  });

  it('records of different model types may share a pkid: both count', async () => {
    const dump = join(tempDir(), 'dump');
    cpSync(join(BASIC, 'dump'), dump, { recursive: true });
    const webex = JSON.parse(readFileSync(join(dump, 'device.webex.User.json'), 'utf8')) as Array<Record<string, unknown>>;
    const cuc = JSON.parse(readFileSync(join(dump, 'device.cuc.User.json'), 'utf8')) as Array<Record<string, unknown>>;
    // Give the CUC mailbox the pkid of the Webex user: another type, another record.
    cuc[0]!.pkid = webex[0]!.pkid;
    writeFileSync(join(dump, 'device.cuc.User.json'), JSON.stringify(cuc));
    const counted = await countSource({ kind: 'path', path: dump });
    expect(counted.csv('legacy', 'detailed')).toBe(readFileSync(join(BASIC, 'expected-legacy-detailed.csv'), 'utf8'));
    expect(counted.summary.notes.filter((n) => n.rule === 'pkid')).toEqual([]);
  });

  it('a repeat that differs keeps the record of the first file in path order, whichever reader thread delivers first; the library keeps the same one', async () => {
    const dump = join(tempDir(), 'dump');
    cpSync(join(BASIC, 'dump'), dump, { recursive: true });
    // page-2 repeats every UCM user's pkid, but moves each to no devices: were it kept, the counts would change.
    const ucm = JSON.parse(readFileSync(join(dump, 'device.cucm.User.json'), 'utf8')) as Array<Record<string, unknown>>;
    writeFileSync(join(dump, 'device.cucm.User.page-2.json'), JSON.stringify(ucm.map((u) => ({ ...u, associateddevices: [], userid: `moved-${String(u.userid)}` }))));

    const groups: RowGroup[] = [];
    const read = await readDump(dump, { onBatch: (records) => void groups.push(...packRows(records)) });
    const laterFileFirst = [...groups].sort((a, b) => (b.fileOrder ?? 0) - (a.fileOrder ?? 0));
    expect(laterFileFirst[0]!.fileOrder).toBeGreaterThan(laterFileFirst.at(-1)!.fileOrder ?? 0);
    const csvOf = (arrival: readonly RowGroup[]) => {
      const builder = new RecordsBuilder();
      for (const group of arrival) builder.addGroup(group);
      const engine = countBuiltRecords(builder.finish(), { sourceKind: 'dump', meta: read.meta, options: {}, sourceFindings: [], complete: true });
      return auditCsv(engine.summary, 'legacy', 'detailed');
    };
    const expected = readFileSync(join(BASIC, 'expected-legacy-detailed.csv'), 'utf8');
    expect(csvOf(groups)).toBe(expected);
    expect(csvOf(laterFileFirst)).toBe(expected);
    const forced = process.env.VLF_COUNT_READERS;
    try {
      for (const threads of ['2', '3']) {
        process.env.VLF_COUNT_READERS = threads;
        expect((await countSource({ kind: 'path', path: dump })).csv('legacy', 'detailed'), `${threads} reader threads`).toBe(expected);
      }
    } finally {
      if (forced === undefined) delete process.env.VLF_COUNT_READERS;
      else process.env.VLF_COUNT_READERS = forced;
    }

    expect((await importAndRecount(dump)).csv('legacy', 'detailed')).toBe(expected);
    // Import and count in one read: the records are built in the import's reader threads, which flag the repeats once for both.
    const library = await AuditLibrary.open(join(tempDir(), 'library.sqlite'));
    try {
      const { counted } = await importAndCount(library, dump, { importedBy: 'test' });
      expect(counted.csv('legacy', 'detailed')).toBe(expected);
      expect(counted.summary.notes.find((n) => n.rule === 'pkid')?.message).toMatch(/^\d+ records repeat/);
    } finally {
      library.close();
    }
  });
});
