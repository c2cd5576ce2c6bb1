import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src-main/ingest/read-dump';
import { InputError } from '../../src-main/services/input-files';
import { patchZipFlags, rawZip } from '../support/builders';
import { copyFixture, essence, FIXTURES, gzipDataFiles, readAll, tempDir, writeTemp, zipFolder } from './dump-support';

const BASIC = join(FIXTURES, 'basic');
const SITE = 'sys.hcs.CS-P.CS-NB.Customer1.Site1';

const BASIC_TALLIES = {
  'data/HierarchyNode': { read: 4, skipped: 0 },
  'data/User': { read: 2, skipped: 0 },
  'device/cucm/User': { read: 2, skipped: 0 },
  'device/cucm/Phone': { read: 4, skipped: 0 },
  'device/cuc/User': { read: 1, skipped: 0 },
  'device/msteamsonline/CsOnlineUser': { read: 1, skipped: 0 },
  'device/spark/User': { read: 1, skipped: 0 },
};

describe('readDump: a folder with every file shape', () => {
  it('reads arrays, API list answers, JSON lines and pages in subfolders, in sorted path order', async () => {
    const r = await readAll(BASIC);
    expect(r.tallies).toEqual(BASIC_TALLIES);
    expect(r.records).toHaveLength(15);
    expect([...new Set(r.records.map((x) => x.file))]).toEqual([
      'Device.Cuc.User.json',
      'data.HierarchyNode.json',
      'data.User.json',
      'device.cucm.User.jsonl',
      'device.msteamsonline.CsOnlineUser.ndjson',
      'device.spark.User.json',
      'device/device.cucm.Phone.page-1.json',
      'device/device.cucm.Phone.page-2.json',
    ]);
    expect(r.complete).toBe(true);
  });

  it('skips unknown names, and ignores dot-files and __MACOSX/ entirely', async () => {
    const r = await readAll(BASIC);
    expect(r.skippedFiles).toEqual([
      { file: 'README.txt', reason: expect.stringContaining('no known model type') },
      { file: 'notes.json', reason: expect.stringContaining('no known model type') },
    ]);
    expect(r.records.some((x) => x.file.includes('MACOSX') || x.file.startsWith('.'))).toBe(false);
  });

  it('normalizes flat and API-shaped instances, keeping each instance text exactly', async () => {
    const r = await readAll(BASIC);
    const nodes = r.records.filter((x) => x.modelType === 'data/HierarchyNode');
    expect(nodes.map((n) => [n.pkid, n.path, n.fields['name']])).toEqual([
      ['aaa000000000000000000001', 'sys.hcs', 'CS-P'],
      ['aaa000000000000000000002', 'sys.hcs.CS-P', 'CS-NB'],
      ['aaa000000000000000000003', 'sys.hcs.CS-P.CS-NB', 'Customer1'],
      ['aaa000000000000000000004', 'sys.hcs.CS-P.CS-NB.Customer1', 'Site1'],
    ]);
    expect(nodes[1]!.fields).toEqual({ name: 'CS-NB', node_type: '/api/data/HierarchyNodeType/Reseller' });
    const text = readFileSync(join(BASIC, 'data.HierarchyNode.json'), 'utf8');
    for (const n of nodes) expect(text).toContain(n.rawJson);

    const users = r.records.filter((x) => x.modelType === 'data/User');
    expect(users.map((u) => [u.pkid, u.path])).toEqual([
      ['bbb000000000000000000001', SITE],
      ['bbb000000000000000000002', SITE],
    ]);
    expect(users[1]!.fields['note']).toBe('an escaped "quote", a backslash \\, and ] } [ { inside a string');
  });

  it('reads JSON lines with CRLF and blank lines, numbering instances without the blank lines', async () => {
    const r = await readAll(BASIC);
    const cucm = r.records.filter((x) => x.modelType === 'device/cucm/User');
    expect(cucm.map((u) => [u.index, u.pkid, u.fields['userid'], u.fields['associatedDevices']])).toEqual([
      [0, 'ccc000000000000000000001', 'jdoe', { device: ['SEP001122334455', 'CSFJDOE'] }],
      [1, 'ccc000000000000000000002', 'asmith', 'SEP665544332211'],
    ]);
    expect(cucm[0]!.rawJson.endsWith('\r')).toBe(false);
  });

  it('keeps non-ASCII text intact', async () => {
    const r = await readAll(BASIC);
    const teams = r.records.find((x) => x.modelType === 'device/msteamsonline/CsOnlineUser')!;
    expect(teams.fields['DisplayName']).toBe('Zoë Ünïcødé 日本語 🎧');
  });

  it('derives a pkid for an instance without one, with a warning naming file and record', async () => {
    const r = await readAll(BASIC);
    const spark = r.records.find((x) => x.modelType === 'device/spark/User')!;
    expect(spark.pkidDerived).toBe(true);
    expect(r.findings).toEqual([
      { severity: 'WARN', file: 'device.spark.User.json', location: 'record 1', message: expect.stringContaining(spark.pkid) },
    ]);
  });

  it('reads meta.json as the platform identity', async () => {
    const r = await readAll(BASIC);
    expect(r.meta).toEqual({
      OrgID: '00D000000000001',
      'Platform ID': '5e54067d116fa10046313224',
      hostname: 'VOSS-FIX-1',
      'Provider Name': 'CS-P',
      'Software Version': '24.1',
      'Platform Version': '24.1-PB2',
      'Deployment Mode': 'Provider',
      'Date Time': '2025-03-04 05:06',
      'License Token': 'tok-123',
      'License Expiry': '2026-01-01',
    });
  });

  it('gives the same records whatever the batch size; batches are full but the last', async () => {
    const whole = await readAll(BASIC);
    const small = await readAll(BASIC, { batchSize: 4 });
    expect(small.batches).toEqual([4, 4, 4, 3]);
    expect(essence(small.records)).toEqual(essence(whole.records));
    expect(whole.batches).toEqual([15]);
  });

  it('awaits onBatch before reading on', async () => {
    let busy = false;
    let overlapped = false;
    await readAll(BASIC, {
      batchSize: 2,
      onBatch: async () => {
        if (busy) overlapped = true;
        busy = true;
        await new Promise((resolve) => setTimeout(resolve, 2));
        busy = false;
      },
    });
    expect(overlapped).toBe(false);
  });
});

describe('readDump: gzip, ZIP and single files give the same records', () => {
  it('.gz files', async () => {
    const dir = copyFixture('basic');
    gzipDataFiles(dir);
    const plain = await readAll(BASIC);
    const gz = await readAll(dir);
    expect(gz.tallies).toEqual(BASIC_TALLIES);
    expect(essence(gz.records)).toEqual(essence(plain.records));
    expect(gz.records[0]!.file).toBe('Device.Cuc.User.json.gz');
    expect(gz.complete).toBe(true);
  });

  it('a ZIP whose files sit in one top folder: same records, same file names, same content hash as the folder', async () => {
    const zip = writeTemp('dump.zip', zipFolder(BASIC, { top: 'dump-2025-03-04' }));
    const folder = await readAll(BASIC);
    const zipped = await readAll(zip);
    expect(zipped.tallies).toEqual(BASIC_TALLIES);
    expect(zipped.records.map((x) => x.file)).toEqual(folder.records.map((x) => x.file));
    expect(essence(zipped.records)).toEqual(essence(folder.records));
    expect(zipped.meta).toEqual(folder.meta);
    expect(zipped.skippedFiles).toEqual(folder.skippedFiles);
    expect(zipped.contentHash).toBe(folder.contentHash);
  });

  it('a ZIP with the files at its root', async () => {
    const zipped = await readAll(writeTemp('flat.zip', zipFolder(BASIC)));
    expect(zipped.tallies).toEqual(BASIC_TALLIES);
    expect(zipped.meta['hostname']).toBe('VOSS-FIX-1');
  });

  it('a single data file', async () => {
    const r = await readAll(join(BASIC, 'data.User.json'));
    expect(r.tallies).toEqual({ 'data/User': { read: 2, skipped: 0 } });
    expect(r.records.map((x) => x.file)).toEqual(['data.User.json', 'data.User.json']);
  });
});

describe('readDump: meta.json and Date Time', () => {
  it('a missing Date Time becomes the newest modification time of the data files, in UTC', async () => {
    const dir = copyFixture('no-datetime');
    utimesSync(join(dir, 'data.User.json'), new Date('2024-01-02T03:04:59Z'), new Date('2024-01-02T03:04:59Z'));
    utimesSync(join(dir, 'device.cucm.Phone.json'), new Date('2024-05-06T07:08:09Z'), new Date('2024-05-06T07:08:09Z'));
    utimesSync(join(dir, 'meta.json'), new Date('2025-12-31T23:59:00Z'), new Date('2025-12-31T23:59:00Z'));
    const r = await readAll(dir);
    expect(r.meta).toEqual({
      OrgID: '00D000000000002',
      'Platform ID': 'p-2',
      hostname: 'VOSS-FIX-2',
      'Software Version': '24.1',
      'License Token': '',
      'Date Time': '2024-05-06 07:08',
    });
    expect(r.complete).toBe(true);
  });

  it('without meta.json the identity holds only the Date Time', async () => {
    const dir = copyFixture('no-datetime');
    writeFileSync(join(dir, 'meta.json'), '');
    const t = new Date('2023-03-03T10:20:30Z');
    utimesSync(join(dir, 'data.User.json'), t, t);
    utimesSync(join(dir, 'device.cucm.Phone.json'), t, t);
    const r = await readAll(dir);
    expect(r.meta).toEqual({ 'Date Time': '2023-03-03 10:20' });
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'ERROR', file: 'meta.json', message: expect.stringContaining('not valid JSON') })]);
  });

  it('in a ZIP, the Date Time comes from the entries', async () => {
    const dir = copyFixture('no-datetime');
    const r = await readAll(writeTemp('d.zip', zipFolder(dir, { top: 'd' })));
    expect(r.meta['Date Time']).toBe('2024-02-21 00:00'); // the date rawZip writes
  });
});

describe('readDump: bad input is reported with file and place, the rest still loads', () => {
  it('the bad fixture: one finding per problem, good instances all read', async () => {
    const r = await readAll(join(FIXTURES, 'bad'));
    const found = r.findings.map((f) => [f.severity, f.file, f.location]);
    expect(found).toEqual([
      ['ERROR', 'meta.json', ''],
      ['ERROR', 'data.HierarchyNode.json', 'byte 41'],
      ['ERROR', 'data.User.json', 'record 2'],
      ['ERROR', 'device.cuc.User.json', 'record 1'],
      ['ERROR', 'device.cuc.User.json', 'record 2'],
      ['ERROR', 'device.cuc.User.json', 'record 3'],
      ['ERROR', 'device.cucm.Phone.json', `byte ${readFileSync(join(FIXTURES, 'bad', 'device.cucm.Phone.json')).length}`],
      ['ERROR', 'device.cucm.User.jsonl', 'line 3'],
      ['ERROR', 'device.cucm.User.jsonl', 'line 4'],
      ['ERROR', 'device.pexip.Conference.json', 'byte 0'],
      ['ERROR', 'device.spark.User.json.gz', 'byte 29'],
      ['ERROR', 'device.uccx.Agent.json', 'byte 82'],
      ['ERROR', 'device.webex.User.json', 'byte 94'],
    ]);
    const message = (file: string, location: string) => r.findings.find((f) => f.file === file && f.location === location)!.message;
    expect(message('data.User.json', 'record 2')).toContain('not valid JSON');
    expect(message('device.cuc.User.json', 'record 1')).toContain('device/cucm/Foo');
    expect(message('device.cuc.User.json', 'record 2')).toContain('no hierarchy path');
    expect(message('device.cuc.User.json', 'record 3')).toContain('a string');
    expect(message('device.cucm.Phone.json', `byte 178`)).toContain('truncated');
    expect(message('device.spark.User.json.gz', 'byte 29')).toContain('gzip');
    expect(message('device.webex.User.json', 'byte 94')).toContain('after the end');
    expect(message('device.uccx.Agent.json', 'byte 82')).toContain('unbalanced');
    expect(message('data.HierarchyNode.json', 'byte 41')).toContain('resources');

    expect(r.records.map((x) => `${x.file}#${x.index}`)).toEqual([
      'data.User.json#0',
      'data.User.json#2',
      'device.ccdm.Agent.json#0',
      'device.ccdm.Agent.json#1',
      'device.cuc.User.json#3',
      'device.cucm.Phone.json#0',
      'device.cucm.User.jsonl#0',
      'device.cucm.User.jsonl#1',
      'device.cucm.User.jsonl#4',
      'device.uccx.Agent.json#0',
      'device.webex.User.json#0',
    ]);
    expect(r.tallies['device/cuc/User']).toEqual({ read: 1, skipped: 3 });
    expect(r.tallies['device/cucm/User']).toEqual({ read: 3, skipped: 2 });
    expect(r.complete).toBe(false);
  });

  it('byte offsets count UTF-8 bytes, in the decompressed text of a .gz file', async () => {
    const text = '[{"pkid": "1", "hierarchy": "sys", "name": "Zoë 日本"}] oops';
    const bad = Buffer.byteLength(text.slice(0, text.indexOf('oops')));
    const dir = tempDir();
    writeFileSync(join(dir, 'data.User.json'), text);
    writeFileSync(join(dir, 'device.cuc.User.json.gz'), gzipSync(text));
    const r = await readAll(dir);
    expect(r.findings.map((f) => [f.file, f.location])).toEqual([
      ['data.User.json', `byte ${bad}`],
      ['device.cuc.User.json.gz', `byte ${bad}`],
    ]);
    expect(r.findings[1]!.message).toContain('decompressed');
    expect(r.records).toHaveLength(2);
  });

  it('a truncated .gz file: a finding with the byte, the instances before it still load', async () => {
    const body = `[${Array.from({ length: 3000 }, (_v, k) => JSON.stringify({ pkid: `p${k}`, hierarchy: SITE, name: `SEP${k}`.padEnd(40, 'x') })).join(',\n')}]`;
    const gz = gzipSync(body, { level: 1 });
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const dir = tempDir();
    writeFileSync(join(dir, 'device.cucm.Phone.json.gz'), cut);
    writeFileSync(join(dir, 'data.User.json'), `[{"pkid": "u", "hierarchy": "${SITE}"}]`);
    const r = await readAll(dir);
    expect(r.findings).toEqual([
      { severity: 'ERROR', file: 'device.cucm.Phone.json.gz', location: `byte ${cut.length}`, message: expect.stringContaining('unexpected end of file') },
    ]);
    const phones = r.tallies['device/cucm/Phone']!.read;
    expect(phones).toBeGreaterThan(100);
    expect(phones).toBeLessThan(3000);
    expect(r.tallies['data/User']).toEqual({ read: 1, skipped: 0 });
    expect(r.complete).toBe(false);
  });

  it('a file that is not a ZIP but named .zip is one finding, not a throw', async () => {
    const r = await readAll(writeTemp('dump.zip', 'PK\u0003\u0004 this is not really a zip'));
    expect(r.findings).toEqual([{ severity: 'ERROR', file: 'dump.zip', location: '', message: expect.stringContaining('not a readable ZIP') }]);
    expect(r.complete).toBe(false);
  });

  it('a truncated ZIP is one finding', async () => {
    const whole = zipFolder(BASIC);
    const r = await readAll(writeTemp('cut.zip', whole.subarray(0, whole.length - 40)));
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'ERROR', file: 'cut.zip' })]);
  });

  it('ZIP entries with absolute paths or ".." are refused, the others read', async () => {
    const evil = `[{"pkid": "e", "hierarchy": "${SITE}", "username": "evil"}]`;
    const zip = zipFolder(BASIC, {
      top: 'dump',
      extra: [
        { name: '../data.User.json', data: evil },
        { name: '/etc/device.cuc.User.json', data: evil },
        { name: 'dump/../../device.webex.User.json', data: evil },
      ],
    });
    const r = await readAll(writeTemp('slip.zip', zip));
    expect(r.findings.filter((f) => f.severity === 'ERROR').map((f) => f.file)).toEqual([
      '../data.User.json',
      '/etc/device.cuc.User.json',
      'dump/../../device.webex.User.json',
    ]);
    expect(r.skippedFiles.map((s) => s.file)).toEqual(expect.arrayContaining(['../data.User.json', '/etc/device.cuc.User.json']));
    expect(r.records.some((x) => x.fields['username'] === 'evil')).toBe(false);
    expect(r.tallies['data/User']!.read).toBe(2);
    expect(r.complete).toBe(false);
  });

  it('a ZIP entry declaring more than 100:1 past 100 MB is refused without inflating it', async () => {
    const zip = rawZip([
      { name: 'data.User.json', data: `[{"pkid": "u", "hierarchy": "${SITE}"}]`, deflate: true },
      { name: 'device.cucm.Phone.json', data: '[]', deflate: true, declaredUncompressedSize: 200 * 1024 * 1024 },
    ]);
    const r = await readAll(writeTemp('bomb.zip', zip));
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'ERROR', file: 'device.cucm.Phone.json', message: expect.stringContaining('zip bomb') })]);
    expect(r.tallies['data/User']).toEqual({ read: 1, skipped: 0 });
  });

  it('an encrypted ZIP entry is refused, the others read', async () => {
    const zip = patchZipFlags(
      rawZip([
        { name: 'data.User.json', data: `[{"pkid": "u", "hierarchy": "${SITE}"}]`, deflate: true },
        { name: 'device.cuc.User.json', data: '[]', deflate: true },
      ]),
      'device.cuc.User.json',
      1,
    );
    const r = await readAll(writeTemp('locked.zip', zip));
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'ERROR', file: 'device.cuc.User.json', message: expect.stringContaining('encrypted') })]);
    expect(r.tallies['data/User']).toEqual({ read: 1, skipped: 0 });
  });

  it('a ZIP entry that inflates to more than it declares is stopped and reported', async () => {
    const zip = rawZip([{ name: 'data.User.json', data: `[{"pkid": "u", "hierarchy": "${SITE}", "pad": "${'x'.repeat(5000)}"}]`, deflate: true, declaredUncompressedSize: 100 }]);
    const r = await readAll(writeTemp('liar.zip', zip));
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'ERROR', file: 'data.User.json', location: expect.stringMatching(/^byte \d+$/) })]);
    expect(r.complete).toBe(false);
  });

  it('caps per-instance findings per file, counting the rest', async () => {
    const lines = Array.from({ length: 130 }, (_v, k) => JSON.stringify({ pkid: `p${k}`, userid: `u${k}` })).join('\n');
    const dir = tempDir();
    writeFileSync(join(dir, 'device.cucm.User.jsonl'), lines);
    const r = await readAll(dir);
    expect(r.findings).toHaveLength(51);
    expect(r.findings[50]).toEqual({ severity: 'ERROR', file: 'device.cucm.User.jsonl', location: '', message: expect.stringContaining('80 more') });
    expect(r.tallies['device/cucm/User']).toEqual({ read: 0, skipped: 130 });
  });

  it('a path that does not exist throws an InputError', async () => {
    await expect(readDump(join(tempDir(), 'nothing-here'), { onBatch: () => undefined })).rejects.toBeInstanceOf(InputError);
  });
});

describe('readDump: content hash, progress, abort', () => {
  it('the content hash is stable, and changes with any byte of a data file but not with skipped files', async () => {
    const dir = copyFixture('basic');
    const a = await readAll(dir);
    expect((await readAll(dir)).contentHash).toBe(a.contentHash);
    writeFileSync(join(dir, 'notes.json'), '{"changed": true}');
    expect((await readAll(dir)).contentHash).toBe(a.contentHash);
    const file = join(dir, 'Device.Cuc.User.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('jdoe', 'jdoF'));
    expect((await readAll(dir)).contentHash).not.toBe(a.contentHash);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports progress in bytes on disk, ending at the total', async () => {
    const seen: Array<{ bytes: number; totalBytes: number; records: number; phase: string }> = [];
    await readAll(BASIC, { onProgress: (p) => seen.push(p) });
    const dataBytes = [
      'Device.Cuc.User.json',
      'data.HierarchyNode.json',
      'data.User.json',
      'device.cucm.User.jsonl',
      'device.msteamsonline.CsOnlineUser.ndjson',
      'device.spark.User.json',
      'device/device.cucm.Phone.page-1.json',
      'device/device.cucm.Phone.page-2.json',
    ].reduce((n, f) => n + readFileSync(join(BASIC, f)).length, 0);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toEqual(expect.objectContaining({ phase: 'read', bytes: dataBytes, totalBytes: dataBytes, records: 15 }));
    for (let k = 1; k < seen.length; k++) expect(seen[k]!.bytes).toBeGreaterThanOrEqual(seen[k - 1]!.bytes);
  });

  it('an abort during onBatch stops the read with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    let batches = 0;
    const reading = readAll(BASIC, {
      batchSize: 2,
      signal: controller.signal,
      onBatch: () => {
        batches++;
        controller.abort(reason);
      },
    });
    await expect(reading).rejects.toBe(reason);
    expect(batches).toBe(1);
  });

  it('an already aborted signal reads nothing', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    let batches = 0;
    await expect(readAll(BASIC, { signal: controller.signal, onBatch: () => void batches++ })).rejects.toThrow('too late');
    expect(batches).toBe(0);
  });

  it('an error thrown by onBatch passes through, not reported as bad input', async () => {
    await expect(
      readAll(join(FIXTURES, 'bad'), {
        onBatch: () => {
          throw new Error('database full');
        },
      }),
    ).rejects.toThrow('database full');
  });
});
