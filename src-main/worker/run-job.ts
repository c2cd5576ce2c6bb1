/**
 * Run a job in a worker thread from the main side (the Electron main process
 * or the CLI): relays progress, forwards cancel, resolves with the result or
 * rejects with a `JobError` that says what kind of failure it was.
 */
import { compiledScript, startWorker } from './start-worker';
import type { JobErrorKind, JobProgress, JobRequest, JobResults, MainToWorker, WorkerToMain } from './protocol';

export class JobError extends Error {
  constructor(
    readonly kind: JobErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export function runJob<R extends JobRequest>(
  request: R,
  options: { onProgress?: (p: JobProgress) => void; signal?: AbortSignal } = {},
): Promise<JobResults[R['type']]> {
  return new Promise((resolvePromise, reject) => {
    const { worker, settle: finish } = startWorker(compiledScript(__dirname, 'worker.js'), options.signal, { kind: 'cancel' } satisfies MainToWorker);
    worker.on('message', (message: WorkerToMain) => {
      if (message.kind === 'progress') options.onProgress?.(message.progress);
      else if (message.kind === 'result') finish(() => resolvePromise(message.result));
      else finish(() => reject(new JobError(message.error.kind, message.error.message)));
    });
    worker.on('error', (e) => finish(() => reject(new JobError('internal', e.message))));
    worker.on('exit', (code) => finish(() => reject(new JobError('internal', `the worker stopped unexpectedly (exit code ${code})`))));
    worker.postMessage({ kind: 'start', request } satisfies MainToWorker);
  });
}
