/**
 * Run a job in a worker thread from the main side (the Electron main process
 * or the CLI): relays progress, forwards cancel, resolves with the result or
 * rejects with a `JobError` that says what kind of failure it was.
 */
import { compiledScript } from './compiled-script';
import { Worker } from 'node:worker_threads';
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
    const worker = new Worker(compiledScript(__dirname, 'worker.js'));
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', cancel);
      void worker.terminate();
      fn();
    };
    const cancel = () => worker.postMessage({ kind: 'cancel' } satisfies MainToWorker);
    options.signal?.addEventListener('abort', cancel, { once: true });
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
