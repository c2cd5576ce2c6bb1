import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/api/dispatch';
import { createAppHandlers } from '../../../src-main/api/handlers';
import { noDialogs } from '../../../src-main/api/ports';
import { JobError } from '../../../src-main/worker/run-job';
import { WorkerClient } from '../../../src-main/worker/worker-client';
import { tempDir } from '../../support/temp';

const ROOT = resolve(__dirname, '../../..');

describe('jobs: progress and cancel', () => {
  const dir = tempDir('vlf-jobs-');
  const app = createAppHandlers({ libraryPath: join(dir, 'library.sqlite'), sampleDir: join(ROOT, 'assets/sample'), userDataDir: dir, dialogs: noDialogs, version: 't' });
  afterAll(() => app.close());

  it('job/cancel stops a running import and leaves the library without it', async () => {
    const dump = join(dir, 'dump');
    execFileSync(process.execPath, [join(ROOT, 'dist/src-main/tools/gen-dump.js'), '--users', '20000', '--out', dump], { stdio: 'ignore' });
    let cancelled: Promise<{ cancelled: boolean }> | undefined;
    const phases: string[] = [];
    app.events.on('job/progress', (p) => {
      phases.push(p.phase);
      if (p.jobId === 'imp' && p.records > 0 && !cancelled) cancelled = app.handlers['job/cancel']({ jobId: 'imp' });
    });
    const res = await dispatch(app.handlers, 'import/run', { jobId: 'imp', paths: [dump] });
    expect(await cancelled).toEqual({ cancelled: true });
    expect(res).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled; nothing was changed.' } });
    expect(phases).toContain('read');
    expect(await app.handlers['library/list']({ includeArchived: true })).toEqual([]);
  });

  it('a jobId already running is refused', async () => {
    const paths = [join(ROOT, 'assets/sample')];
    const first = dispatch(app.handlers, 'verify/run', { jobId: 'same', paths });
    const second = await dispatch(app.handlers, 'verify/run', { jobId: 'same', paths });
    expect(!second.ok && second.error.code).toBe('invalid-args');
    expect((await first).ok).toBe(true);
  });
});

describe('WorkerClient', () => {
  it('fails pending calls and reports a restart when the worker dies, then works again', async () => {
    const dir = tempDir('vlf-wc-');
    const dying = join(dir, 'dying.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(7));\n");
    const restarts: string[] = [];
    const client = new WorkerClient({ script: dying, onRestart: (m) => restarts.push(m) });
    const err = await client.call({ type: 'verify', paths: [dir] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobError);
    expect((err as JobError).message).toContain('exit code 7');
    expect(restarts).toHaveLength(1);
    const again = await client.call({ type: 'verify', paths: [dir] }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(JobError);
    expect(restarts).toHaveLength(2);
    await client.close();
  });
});
