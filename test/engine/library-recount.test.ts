/**
 * A recount of a source already in the library gives exactly the count of the
 * file it came from (R90), and the computed audit is kept beside the reported
 * ones so the two compare.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryAll } from '../../src-main/library/sql';
import { AuditLibrary } from '../../src-main/library/library';
import { COMPUTED_VIEWS, countSource, importAndCount, storeComputedAudit } from '../../src-main/services/count-service';
import { importSources } from '../../src-main/services/import-service';
import { generateDump } from '../../src-main/tools/gen-dump';
import { tempDir } from '../support/temp';

const FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures');

async function importInto(file: string, dump: string): Promise<number> {
  const library = await AuditLibrary.open(file);
  try {
    const [result] = await importSources(library, [dump], { importedBy: 'test' });
    return Number(result!.id);
  } finally {
    library.close();
  }
}

describe('recount from the library', () => {
  it.each(['basic', 'edge-cases', 'multi-tenant'])('%s: the library recount equals the count of the dump, byte for byte', async (name) => {
    const dump = join(FIXTURES, name, 'dump');
    const file = join(tempDir(), 'library.sqlite');
    const sourceId = await importInto(file, dump);
    const fromFile = await countSource({ kind: 'path', path: dump });
    const fromLibrary = await countSource({ kind: 'library', libraryPath: file, sourceId });
    for (const format of ['legacy', 'v5'] as const) expect(fromLibrary.csv(format, 'detailed')).toBe(fromFile.csv(format, 'detailed'));
    expect(fromLibrary.usersCsv()).toBe(fromFile.usersCsv());
  });

  it('a generated dump of 2,000 users (every shape of §1): library recount = file count', async () => {
    const dir = tempDir();
    const dump = join(dir, 'dump');
    await generateDump({ users: 2000, out: dump, seed: 7, gzip: true, jsonl: false, apiShape: true, pages: 2 });
    const file = join(dir, 'library.sqlite');
    const sourceId = await importInto(file, dump);
    const fromFile = await countSource({ kind: 'path', path: dump });
    const fromLibrary = await countSource({ kind: 'library', libraryPath: file, sourceId });
    expect(fromFile.summary.rows.some((r) => Number(r.summary['User Licenses'] ?? 0) > 0)).toBe(true);
    expect(fromLibrary.csv('legacy', 'detailed')).toBe(fromFile.csv('legacy', 'detailed'));
    expect(fromLibrary.csv('v5', 'detailed')).toBe(fromFile.csv('v5', 'detailed'));
    expect(fromLibrary.usersCsv()).toBe(fromFile.usersCsv());
  });

  it('1, 2 or 3 import reader threads store the same records (tallies, conflicts) and recount the same, with the repeat of the first page kept', async () => {
    const dir = tempDir();
    const dump = join(dir, 'dump');
    await generateDump({ users: 3000, out: dump, seed: 3, gzip: true, jsonl: false, apiShape: false, pages: 3 });
    // A later page repeats an earlier record with other content: the first must win whichever thread reads what.
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { gunzipSync, gzipSync } = await import('node:zlib');
    type Instance = Record<string, unknown> & { data?: Record<string, unknown> };
    const read = (name: string) => JSON.parse(gunzipSync(readFileSync(join(dump, name))).toString('utf8')) as Instance[] | { resources: Instance[] };
    const instances = (file: Instance[] | { resources: Instance[] }) => (Array.isArray(file) ? file : file.resources);
    const repeat = structuredClone(instances(read('device.cucm.User.page-1.json.gz'))[0]!);
    (repeat.data ?? repeat).userid = 'repeat-of-page-1';
    const last = read('device.cucm.User.page-3.json.gz');
    instances(last).push(repeat);
    writeFileSync(join(dump, 'device.cucm.User.page-3.json.gz'), gzipSync(JSON.stringify(last)));
    const forced = process.env.VLF_IMPORT_READERS;
    const outcomes: string[] = [];
    try {
      for (const readers of ['1', '2', '3']) {
        process.env.VLF_IMPORT_READERS = readers;
        const file = join(dir, `library-${readers}.sqlite`);
        const library = await AuditLibrary.open(file);
        let tallies: unknown;
        try {
          const [result] = await importSources(library, [dump], { importedBy: 'test' });
          tallies = result!.types;
          expect(queryAll(library.database, "SELECT COUNT(*) AS n FROM m_cucm_user WHERE userid = 'repeat-of-page-1'")).toEqual([{ n: 0 }]);
        } finally {
          library.close();
        }
        const recount = await countSource({ kind: 'library', libraryPath: file, sourceId: 1 });
        outcomes.push(`${JSON.stringify(tallies)}\n${recount.csv('legacy', 'detailed')}\n${recount.usersCsv()}`);
      }
    } finally {
      if (forced === undefined) delete process.env.VLF_IMPORT_READERS;
      else process.env.VLF_IMPORT_READERS = forced;
    }
    expect(outcomes[0]).toContain('"conflicts":1');
    expect(outcomes[1]).toBe(outcomes[0]);
    expect(outcomes[2]).toBe(outcomes[0]);
  });

  it('the computed audit is stored like a reported one (legacy and v5), and a recount replaces it', async () => {
    const file = join(tempDir(), 'library.sqlite');
    const sourceId = await importInto(file, join(FIXTURES, 'multi-tenant', 'dump'));
    const library = await AuditLibrary.open(file);
    try {
      const counted = await countSource({ kind: 'open-library', library, sourceId });
      storeComputedAudit(library, sourceId, counted);
      storeComputedAudit(library, sourceId, counted);
      const audits = queryAll<{ view: string; n: number }>(
        library.database,
        'SELECT a.view AS view, COUNT(r.id) AS n FROM audits a JOIN audit_rows r ON r.audit_id = a.id WHERE a.source_id = ? GROUP BY a.view ORDER BY a.view',
        [sourceId],
      );
      expect(audits).toEqual([
        { view: COMPUTED_VIEWS.legacy, n: 5 },
        { view: COMPUTED_VIEWS.v5, n: 5 },
      ]);
      const tern = queryAll<{ value: string }>(
        library.database,
        "SELECT c.value AS value FROM audit_cells c JOIN audit_rows r ON r.id = c.row_id JOIN audits a ON a.id = r.audit_id WHERE a.view = ? AND r.customer_pkid = 'c3c000000000000000000003' AND c.column_name = 'Contact Center Express'",
        [COMPUTED_VIEWS.legacy],
      );
      expect(tern).toEqual([{ value: '1' }]);
    } finally {
      library.close();
    }
  });

  it('import and count in one read: the count equals the count of the file, and is kept as the computed audit', async () => {
    const dir = tempDir();
    const dump = join(dir, 'dump');
    await generateDump({ users: 1200, out: dump, seed: 3, gzip: false, jsonl: true, apiShape: false, pages: 2 });
    const library = await AuditLibrary.open(join(dir, 'library.sqlite'));
    try {
      const { result, counted } = await importAndCount(library, dump, { importedBy: 'test' });
      const fromFile = await countSource({ kind: 'path', path: dump });
      expect(counted.csv('legacy', 'detailed')).toBe(fromFile.csv('legacy', 'detailed'));
      expect(counted.usersCsv()).toBe(fromFile.usersCsv());
      const stored = queryAll<{ n: number }>(library.database, 'SELECT COUNT(*) AS n FROM audits WHERE source_id = ? AND view = ?', [Number(result.id), COMPUTED_VIEWS.v5]);
      expect(stored).toEqual([{ n: 1 }]);
      const fromLibrary = await countSource({ kind: 'open-library', library, sourceId: Number(result.id) });
      expect(fromLibrary.csv('v5', 'detailed')).toBe(counted.csv('v5', 'detailed'));
      // Saved by importAndCount itself: the file on disk holds the source and its computed audit.
      const onDisk = await AuditLibrary.open(join(dir, 'library.sqlite'));
      try {
        const saved = queryAll<{ n: number }>(onDisk.database, 'SELECT COUNT(*) AS n FROM audits WHERE source_id = ? AND view = ?', [Number(result.id), COMPUTED_VIEWS.v5]);
        expect(saved).toEqual([{ n: 1 }]);
      } finally {
        onDisk.close();
      }
    } finally {
      library.close();
    }
  });
});
