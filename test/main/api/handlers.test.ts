import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppHandlers } from '../../../src-main/api/handlers';
import { dispatch } from '../../../src-main/api/dispatch';
import type { DialogPort } from '../../../src-main/api/ports';
import type { JobProgressEvent } from '../../../src-shared/api/contract';
import { tempDir } from '../../support/temp';

const SAMPLE = resolve(__dirname, '../../../assets/sample');
const dir = tempDir('vlf-api-');
const saved: string[] = [];
const dialogs: DialogPort = {
  openFiles: async () => [join(SAMPLE, 'x.csv')],
  openFolder: async () => SAMPLE,
  saveFile: async (o) => {
    saved.push(o.defaultPath);
    return o.defaultPath.endsWith('cancel.csv') ? null : join(dir, 'exported.csv');
  },
};
const app = createAppHandlers({ libraryPath: join(dir, 'lib', 'library.sqlite'), sampleDir: SAMPLE, userDataDir: dir, dialogs, version: '0.1.0', documentsDir: dir });
const { handlers } = app;
afterAll(() => app.close());

describe('app handlers over the real worker and library', () => {
  it('app/info on first start reports the sample and no library yet', async () => {
    const info = await handlers['app/info']({});
    expect(info.firstStart).toBe(true);
    expect(info.sampleInLibrary).toBe(false);
    expect(info.samplePaths.map((p) => p.replace(/^.*[/\\]/, ''))).toEqual([
      'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv',
      'vlf_Acme-Telecom_VOSS-PRD-1_license_legacy_2024-02-21_0553.zip',
    ]);
    expect(info.libraryPath).toBe(join(dir, 'lib', 'library.sqlite'));
  });

  it('app/loadSample imports and verifies the sample, with progress for its job', async () => {
    const progress: JobProgressEvent[] = [];
    const off = app.events.on('job/progress', (p) => progress.push(p));
    const { imported, report } = await handlers['app/loadSample']({ jobId: 'sample-1' });
    off();
    expect(imported.map((r) => r.kind)).toEqual(['audit', 'audit']);
    expect(report.files.map((f) => f.verdict)).toEqual(['PASS', 'PASS']);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.jobId === 'sample-1')).toBe(true);
    const sources = await handlers['library/list']({});
    // The CSV and the ZIP are one audit (same Platform ID and Date Time): one source, both verified PASS.
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatchObject({ kind: 'audit', verdict: 'PASS', provider: 'Acme-Telecom', host: 'VOSS-PRD-1' });
    expect((await handlers['app/info']({})).sampleInLibrary).toBe(true);
  });

  it('audits/history gives the sample audit per customer row with its reported counts', async () => {
    const [source] = await handlers['library/list']({});
    const history = await handlers['audits/history']({ sourceId: source!.id });
    expect(history.platformId).toBe(source!.platformId);
    expect(history.audits).toHaveLength(1);
    const audit = history.audits[0]!;
    expect(audit.view).toBe('detailed');
    expect(audit.rows.length).toBeGreaterThan(0);
    const csv = readFileSync(join(SAMPLE, 'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv'), 'utf8');
    const firstCustomer = audit.rows.find((r) => r.customer)!;
    expect(csv).toContain(firstCustomer.customer);
    expect(Object.keys(firstCustomer.cells)).toContain('Multiple Phones');
  });

  it('compare/audits of a source against itself finds no difference', async () => {
    const [source] = await handlers['library/list']({});
    const cmp = await handlers['compare/audits']({ leftSourceId: source!.id, rightSourceId: source!.id });
    expect(cmp.differences).toEqual([]);
    expect(cmp.rowsOnlyInLeft).toEqual([]);
  });

  it('archive hides a source, restore brings it back, purge refuses an active one', async () => {
    const [source] = await handlers['library/list']({});
    expect((await handlers['library/archive']({ id: source!.id })).archivedAt).not.toBeNull();
    expect(await handlers['library/list']({})).toEqual([]);
    await handlers['library/restore']({ id: source!.id });
    expect((await handlers['library/list']({})).map((s) => s.id)).toEqual([source!.id]);
    const purge = await dispatch(handlers, 'library/purge', { id: source!.id });
    expect(purge).toEqual({ ok: false, error: { code: 'input', message: expect.stringContaining('is not archived; archive it first') } });
    expect(await handlers['library/retention']({ days: 30 })).toEqual({ days: 30 });
    expect(await handlers['library/retention']({})).toEqual({ days: 30 });
  });

  it('count/users of an unknown count is not-found', async () => {
    const users = await dispatch(app.handlers, 'count/users', { countId: 'nope', query: {} });
    expect(!users.ok && users.error.code).toBe('not-found');
  });

  it('records/raw is null for a record the library does not hold', async () => {
    expect(await handlers['records/raw']({ sourceId: 1, modelType: 'device/cucm/User', pkid: 'none' })).toBeNull();
  });

  it('anonymize/preview lists the ZIP it would write, verified, and writes nothing', async () => {
    const input = join(SAMPLE, 'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv');
    const out = join(dir, 'anon');
    const preview = await handlers['anonymize/preview']({ input });
    expect(preview.layout).toBe('legacy');
    expect(preview.zips).toHaveLength(1);
    expect(preview.zips[0]!.members.some((m) => m.endsWith('_anonymous_legacy_2024-02-21_0553.csv'))).toBe(true);
    expect(preview.verification.summary.FAIL).toBe(0);
    expect(preview.privacy.clean).toBe(true);
    const saved = await handlers['anonymize/save']({ jobId: 'a1', input, outDir: out });
    expect(saved.written.map((p) => p.replace(/^.*[/\\]/, ''))).toEqual(preview.zips.map((z) => z.name));
    expect(readFileSync(saved.written[0]!).length).toBe(preview.zips[0]!.bytes);
  });

  it('verify/run reports a broken file as FAIL, not as an error', async () => {
    const bad = join(dir, 'vlf_Acme-Telecom_VOSS-PRD-1_license_legacy_2024-02-21_0553.zip');
    writeFileSync(bad, 'not a zip');
    const report = await handlers['verify/run']({ jobId: 'v1', paths: [bad] });
    expect(report.files[0]!.verdict).toBe('FAIL');
  });

  it('verify/run compares a later audit with the sample in the library (V16)', async () => {
    // The sample of 2024-02-21 is in the library (app/loadSample above); the same platform a month on, with Harbor Bank's 112 single phones now 150.
    const sample = readFileSync(join(SAMPLE, 'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-02-21_0553.csv'), 'utf8');
    const march = join(dir, 'vlf_Acme-Telecom_VOSS-PRD-1_detailed_legacy_2024-03-21_0553.csv');
    writeFileSync(march, sample.replace('#Date Time=2024-02-21 05:53', '#Date Time=2024-03-21 05:53').replace('Harbor Bank,65d5f0a1b2c3d4e5f6071a01,4,112,', 'Harbor Bank,65d5f0a1b2c3d4e5f6071a01,4,150,'));
    const report = await handlers['verify/run']({ jobId: 'v16', paths: [march] });
    const v16 = report.files[0]!.findings.filter((f) => f.check === 'V16').map((f) => f.message);
    expect(v16[0]).toMatch(/^Compared with the previous audit \(2024-02-21 05:53, vlf_Acme-Telecom_VOSS-PRD-1_(detailed|license)_legacy_2024-02-21_0553\.(csv|zip)\): 0 rows new, 0 rows gone, 1 count moved/);
    expect(v16[1]).toContain('One Phone (No VM & No WebEx & No Spark) for Customer Harbor Bank (PKID 65d5f0a1b2c3d4e5f6071a01) moved from 112 to 150 (+34%)');
  });

  it('verify/run on a missing path is an input error the user can read', async () => {
    const res = await dispatch(handlers, 'verify/run', { jobId: 'v2', paths: [join(dir, 'missing')] });
    expect(res).toEqual({ ok: false, error: { code: 'input', message: expect.stringContaining('no such file or folder') } });
  });

  it('export/save writes where the dialog says, and returns null when cancelled', async () => {
    expect(await handlers['export/save']({ suggestedName: 'counts.csv', content: 'a,b\n1,2\n' })).toBe(join(dir, 'exported.csv'));
    expect(readFileSync(join(dir, 'exported.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(saved[0]).toBe(join(dir, 'counts.csv'));
    expect(await handlers['export/save']({ suggestedName: 'cancel.csv', content: 'x' })).toBeNull();
  });

  it('job/cancel of an unknown job says so', async () => {
    expect(await handlers['job/cancel']({ jobId: 'never' })).toEqual({ cancelled: false });
  });
});
