import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readExport } from '../../../src-main/ingest/read-export';
import type { NormalizedRecord } from '../../../src-shared/ingest/types';
import { tempDir } from '../dump-support';

const BUNDLE = join(__dirname, '../../fixtures/exports/bundle-2024-05-07');
const GUIDE = join(__dirname, '../../fixtures/exports/guide');

async function readAll(path: string, tolerantLimitChars?: number) {
  const records: NormalizedRecord[] = [];
  const result = await readExport(path, { onBatch: (b) => void records.push(...b), batchSize: 3, tolerantLimitChars });
  return { result, records };
}

describe('readExport: a subscriber data export bundle (platform-dump.md §2)', () => {
  it('reads every type of the bundle onto the dump model types, complete, with the export time as Date Time', async () => {
    const { result, records } = await readAll(BUNDLE);
    expect(result.complete).toBe(true);
    expect(result.skippedFiles).toEqual([]);
    expect(result.meta['Date Time']).toMatch(/^2024-05-07 \d\d:\d\d$/);
    expect(result.tallies['device/cucm/User']).toEqual({ read: 4, skipped: 0 });
    expect(result.tallies['data/HierarchyNode']).toEqual({ read: 5, skipped: 0 });
    expect(result.tallies['export/line']).toEqual({ read: 3, skipped: 0 });
    const jdoe = records.find((r) => r.modelType === 'device/cucm/User' && r.fields.userid === 'jdoe')!;
    expect(jdoe.exportType).toBe('subscriber');
    expect(jdoe.pkidDerived).toBe(true);
    // Once per file, an INFO says the pkids are derived.
    expect(result.findings.filter((f) => f.severity !== 'INFO')).toEqual([]);
  });

  it('derived pkids do not depend on how a file is read (whole and tolerant, or split and strict)', async () => {
    const whole = await readAll(BUNDLE);
    const split = await readAll(BUNDLE, 0);
    expect(split.result.complete).toBe(true);
    expect(split.records.map((r) => `${r.modelType} ${r.pkid}`)).toEqual(whole.records.map((r) => `${r.modelType} ${r.pkid}`));
  });

  it("a guide example with Python True is read with a WARN naming the file and line (tolerance)", async () => {
    const dir = tempDir();
    cpSync(join(GUIDE, '2018-10-11_1236_ms_teams.json'), join(dir, '2018-10-11_1236_ms_teams.json'));
    const { result, records } = await readAll(dir);
    expect(result.complete).toBe(true);
    expect(result.findings).toContainEqual(expect.objectContaining({ severity: 'WARN', file: '2018-10-11_1236_ms_teams.json', location: expect.stringMatching(/^line \d+$/) }));
    expect(records.length).toBeGreaterThan(0);
  });

  it('a broken file is an ERROR with line and column; the other files still load and the source is incomplete', async () => {
    const dir = tempDir();
    cpSync(join(GUIDE, '2018-10-11_1236_fmc.json'), join(dir, '2018-10-11_1236_fmc.json'));
    cpSync(join(GUIDE, '2018-10-11_1236_line.json'), join(dir, '2018-10-11_1236_line.json'));
    const { result, records } = await readAll(dir);
    expect(result.complete).toBe(false);
    expect(result.findings).toContainEqual(expect.objectContaining({ severity: 'ERROR', file: '2018-10-11_1236_fmc.json', location: 'line 9, column 5' }));
    expect(records.some((r) => r.exportType === 'line')).toBe(true);
  });

  it('split strictly (big files), a record that is not JSON is an ERROR naming it, the rest load', async () => {
    const dir = tempDir();
    const text = '[{"hierarchy": "sys.hcs.P.C", "directory_number": "1"}, {"hierarchy": "sys.hcs.P.C", "directory_number": True}, {"hierarchy": "sys.hcs.P.C", "directory_number": "3"}]';
    writeFileSync(join(dir, '2024-05-07_0705_line.json.gz'), gzipSync(text));
    const { result, records } = await readAll(dir, 10);
    expect(records.map((r) => r.fields.directory_number)).toEqual(['1', '3']);
    expect(result.findings).toContainEqual(expect.objectContaining({ severity: 'ERROR', location: 'record 2' }));
    expect(result.tallies['export/line']).toEqual({ read: 2, skipped: 1 });
  });

  it('files that are not export files are listed as skipped', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, '2024-05-07_0705_line.json'), '[]');
    const { result } = await readAll(dir);
    expect(result.skippedFiles).toEqual([{ file: 'notes.txt', reason: expect.stringContaining('export type') }]);
    expect(result.complete).toBe(true);
  });
});
