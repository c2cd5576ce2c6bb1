import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/api/dispatch';
import { createAppHandlers } from '../../../src-main/api/handlers';
import { noDialogs } from '../../../src-main/api/ports';
import type { CountSummary } from '../../../src-shared/engine/types';
import { tempDir } from '../../support/temp';

const ROOT = resolve(__dirname, '../../..');

describe('count channels over the engine, in the worker', () => {
  const dir = tempDir('vlf-count-');
  const app = createAppHandlers({ libraryPath: join(dir, 'library.sqlite'), sampleDir: join(ROOT, 'assets/sample'), userDataDir: dir, dialogs: noDialogs, version: 't' });
  const dump = join(dir, 'dump');
  let countId = '';
  let summary: CountSummary;
  afterAll(() => app.close());

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'dist/src-main/tools/gen-dump.js'), '--users', '300', '--out', dump], { stdio: 'ignore' });
    const [imported] = await app.handlers['import/run']({ jobId: 'i', paths: [dump] });
    const phases: string[] = [];
    app.events.on('job/progress', (p) => phases.push(`${p.jobId}:${p.phase}`));
    ({ countId, summary } = await app.handlers['count/run']({ jobId: 'c', source: { sourceId: Number(imported!.id) } }));
    expect(phases.some((p) => p.startsWith('c:'))).toBe(true);
  });

  it('count/run keeps a session and returns the summary', () => {
    expect(countId).not.toBe('');
    expect(summary.rows.some((r) => r.kind === 'customer')).toBe(true);
  });

  it('count/explain lists the records behind a cell, adding up to it', async () => {
    const row = summary.rows.find((r) => typeof r.legacy['Multiple Phones'] === 'number' && (r.legacy['Multiple Phones'] as number) > 0)
      ?? summary.rows.find((r) => Object.values(r.legacy).some((v) => typeof v === 'number' && v > 0))!;
    const [column, value] = Object.entries(row.legacy).find(([, v]) => typeof v === 'number' && v > 0)!;
    const records = await app.handlers['count/explain']({ countId, rowKey: row.key, column });
    expect(records.reduce((n, r) => n + r.weight, 0)).toBe(value);
    const [source] = await app.handlers['library/list']({});
    const raw = await app.handlers['records/raw']({ sourceId: source!.id, modelType: records[0]!.modelType, pkid: records[0]!.pkid });
    expect(raw).not.toBeNull();
    expect(JSON.parse(raw!.json)).toBeTypeOf('object');
  });

  it('count/run of a library source keeps the count as its computed audit, comparable with the library\'s audits', async () => {
    const [source] = await app.handlers['library/list']({});
    const history = await app.handlers['audits/history']({ sourceId: source!.id });
    const computed = history.audits.find((a) => a.sourceId === source!.id);
    expect(computed?.view).toBe('computed-legacy');
    const row = summary.rows.find((r) => r.kind === 'customer' && r.written)!;
    const stored = computed!.rows.find((r) => r.customerPkid === row.customerPkid)!;
    expect(stored.cells['Multiple Phones']).toBe(String(row.legacy['Multiple Phones']));
    expect(stored.cells['Site Count']).toBe(String(row.legacy['Site Count']));
  });

  it('count/users pages through the users', async () => {
    const page = await app.handlers['count/users']({ countId, query: { limit: 5 } });
    expect(page.users.length).toBeLessThanOrEqual(5);
    expect(page.total).toBeGreaterThan(5);
    const next = await app.handlers['count/users']({ countId, query: { offset: 5, limit: 5 } });
    expect(next.users[0]?.pkid).not.toBe(page.users[0]?.pkid);
  });

  it('compare/run of the count against its own CSV finds no difference', async () => {
    const csv = await app.handlers['count/csv']({ countId, format: 'legacy', view: 'detailed' });
    expect(csv.startsWith('#')).toBe(true);
    const file = join(dir, 'vlf_Gen_VOSS-GEN_detailed_legacy_2024-05-07_1200.csv');
    writeFileSync(file, csv);
    const diff = await app.handlers['compare/run']({ countId, reportedPath: file });
    expect(diff.differences).toEqual([]);
    expect(diff.rowsOnlyInReported).toEqual([]);
  });

  it('count/run of a reported audit is an input error, and a closed count is not-found', async () => {
    const [sample] = await app.handlers['import/run']({ jobId: 's', paths: [join(ROOT, 'assets/sample/vlf_Acme-Telecom_VOSS-PRD-1_license_legacy_2024-02-21_0553.zip')] });
    const res = await dispatch(app.handlers, 'count/run', { jobId: 'c2', source: { sourceId: Number(sample!.id) } });
    expect(!res.ok && res.error.code).toBe('input');
    await app.handlers['count/close']({ countId });
    const gone = await dispatch(app.handlers, 'count/users', { countId, query: {} });
    expect(!gone.ok && gone.error.code).toBe('not-found');
  });
});
