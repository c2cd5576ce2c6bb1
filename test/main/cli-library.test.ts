import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { runJob, JobError } from '../../src-main/worker/run-job';
import { generateDump } from '../../src-main/tools/gen-dump';
import { cli } from '../support/cli';

const shared = join(__dirname, '../../../shared/fixtures');
const dumps = join(__dirname, '../fixtures/dumps');
const bundle = join(__dirname, '../fixtures/exports/bundle-2024-05-07');
const handmadeZip = join(__dirname, '../fixtures/handmade/vlf_Acme-Telecom_VOSS-PRD-1_license_legacy_2024-02-21_0553.zip');
const temp = () => tempDir('vlf-import-');

interface ImportJson {
  sources: Array<{ source: string; kind: string; id: string; complete: boolean; types: Record<string, { read: number; stored: number; conflicts: number; skipped: number }>; findings: Array<{ severity: string; file: string; location: string }> }>;
}

describe('vlf-desk import (cli.md)', () => {
  it('imports a dump, an export bundle and an audit ZIP, each detected by content; --json has the documented shape', async () => {
    const library = join(temp(), 'library.sqlite');
    const run = await cli('import', '--library', library, '--json', join(shared, 'basic/dump'), bundle, handmadeZip);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as ImportJson;
    expect(doc.sources.map((s) => [s.kind, s.id, s.complete])).toEqual([
      ['dump', '1', true],
      ['export', '2', true],
      ['audit', '3', true],
    ]);
    expect(doc.sources[0]!.types['device/cucm/User']).toEqual({ read: 4, stored: 4, conflicts: 0, skipped: 0 });
    expect(doc.sources[2]!.types['audit/anonymous']).toEqual({ read: 5, stored: 5, conflicts: 0, skipped: 0 });
    // Progress went to stderr.
    expect(run.stderr).toMatch(/\d\/3 /);
  });

  it('importing the same dump twice stores nothing new and reports every record as a conflict', async () => {
    const library = join(temp(), 'library.sqlite');
    await cli('import', '--library', library, join(shared, 'basic/dump'));
    const again = JSON.parse((await cli('import', '--library', library, '--json', join(shared, 'basic/dump'))).stdout) as ImportJson;
    const types = Object.values(again.sources[0]!.types);
    expect(types.every((t) => t.stored === 0 && t.conflicts === t.read)).toBe(true);
    const list = JSON.parse((await cli('library', 'list', '--library', library, '--json')).stdout) as { sources: unknown[] };
    expect(list.sources).toHaveLength(1);
  });

  it('a dump with bad files: findings name file and place, the rest loads, the source is marked incomplete, exit 1', async () => {
    const library = join(temp(), 'library.sqlite');
    const run = await cli('import', '--library', library, '--json', join(dumps, 'bad'));
    expect(run.code).toBe(1);
    const source = (JSON.parse(run.stdout) as ImportJson).sources[0]!;
    expect(source.complete).toBe(false);
    const errors = source.findings.filter((f) => f.severity === 'ERROR');
    expect(errors.length).toBeGreaterThan(3);
    // Every error names its file, and (but for meta.json, wrong as a whole) the byte, line or record.
    expect(errors.every((f) => f.file !== '' && (f.file === 'meta.json' || /^(byte|line|record) \d+$/.test(f.location)))).toBe(true);
    expect(errors).toContainEqual(expect.objectContaining({ file: 'device.cucm.User.jsonl', location: 'line 3' }));
    expect(Object.values(source.types).some((t) => t.stored > 0)).toBe(true);
    const list = (await cli('library', 'list', '--library', library)).stdout;
    expect(list).toContain('INCOMPLETE');
  });

  it('--as forces the kind; an unreadable source is exit 2 and the library keeps what it had', async () => {
    const library = join(temp(), 'library.sqlite');
    await cli('import', '--library', library, join(shared, 'basic/dump'));
    const before = readFileSync(library);
    const run = await cli('import', '--library', library, '/no/such/dump');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/no/such/dump');
    expect(readFileSync(library).equals(before)).toBe(true);
    expect((await cli('import', '--library', library, '--as', 'zip', bundle)).stderr).toContain('--as must be one of dump, export, audit');
  });
});

describe('vlf-desk library (cli.md)', () => {
  it('list --json, archive hides, restore brings back, purge only after archive', async () => {
    const library = join(temp(), 'library.sqlite');
    await cli('import', '--library', library, join(shared, 'basic/dump'), bundle);
    const list = async () => (JSON.parse((await cli('library', 'list', '--library', library, '--json')).stdout) as { sources: Array<Record<string, unknown>> }).sources;
    expect((await list())[0]).toEqual(expect.objectContaining({ id: '1', kind: 'dump', name: 'dump', imported: expect.any(String), archived: false }));
    expect((await cli('library', 'purge', '1', '--library', library)).code).toBe(2);
    expect((await cli('library', 'archive', '1', '--library', library)).code).toBe(0);
    expect((await list()).map((s) => [s.id, s.archived])).toEqual([
      ['1', true],
      ['2', false],
    ]);
    expect((await cli('library', 'list', '--library', library)).stdout).not.toMatch(/^\s+1\s/m);
    expect((await cli('library', 'restore', '1', '--library', library)).code).toBe(0);
    expect((await cli('library', 'archive', '2', '--library', library)).code).toBe(0);
    expect((await cli('library', 'purge', '2', '--library', library)).code).toBe(0);
    expect((await list()).map((s) => s.id)).toEqual(['1']);
    const unknown = await cli('library', 'archive', '42', '--library', library);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no source 42');
  });

  it('VLF_DESK_LIBRARY chooses the file when --library is not given', async () => {
    const library = join(temp(), 'env.sqlite');
    const saved = process.env.VLF_DESK_LIBRARY;
    process.env.VLF_DESK_LIBRARY = library;
    try {
      expect((await cli('library', 'list')).stdout).toContain(library);
    } finally {
      if (saved === undefined) delete process.env.VLF_DESK_LIBRARY;
      else process.env.VLF_DESK_LIBRARY = saved;
    }
  });
});

describe('the import job runs in a worker thread', () => {
  it('reports progress with rates and can be cancelled; a cancelled import leaves the library as it was', async () => {
    const dir = temp();
    await generateDump({ users: 20_000, out: join(dir, 'dump'), seed: 7, gzip: true, jsonl: false, apiShape: false, pages: 1 });
    const library = join(dir, 'library.sqlite');
    await cli('import', '--library', library, join(shared, 'basic/dump'));
    const before = readFileSync(library);
    const controller = new AbortController();
    const progress: number[] = [];
    const job = runJob(
      { type: 'import', paths: [join(dir, 'dump')], libraryFile: library, importedBy: 'test' },
      {
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p.records);
          if (p.records > 0) controller.abort();
        },
      },
    );
    await expect(job).rejects.toMatchObject({ kind: 'cancelled' });
    await expect(job).rejects.toBeInstanceOf(JobError);
    expect(progress.some((n) => n > 0)).toBe(true);
    expect(readFileSync(library).equals(before)).toBe(true);
  });
});
