/**
 * Run one job in a worker thread of its own (the CLI): relays progress,
 * forwards cancel, resolves with the result or rejects with a `JobError` that
 * says what kind of failure it was. The app keeps one worker instead
 * (`worker-client.ts`).
 */
import { compiledScript, startWorker } from './start-worker';
import type { JobErrorKind, JobProgress, MainToWorker, RequestOf, ResultOf, WorkerOp, WorkerToMain } from './protocol';

export class JobError extends Error {
  constructor(
    readonly kind: JobErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const WORKER_SCRIPT = (): string => compiledScript(__dirname, 'worker.js');

export function runJob<K extends WorkerOp>(
  request: RequestOf<K>,
  options: { onProgress?: (p: JobProgress) => void; signal?: AbortSignal } = {},
): Promise<ResultOf<K>> {
  return new Promise((resolvePromise, reject) => {
    const { worker, settle: finish } = startWorker(WORKER_SCRIPT(), options.signal, { kind: 'cancel', id: 1 } satisfies MainToWorker);
    worker.on('message', (message: WorkerToMain) => {
      if (message.kind === 'progress') options.onProgress?.(message.progress);
      else if (message.kind === 'result') finish(() => resolvePromise(message.result as ResultOf<K>));
      else finish(() => reject(new JobError(message.error.kind, message.error.message)));
    });
    worker.on('error', (e) => finish(() => reject(new JobError('internal', e.message))));
    worker.on('exit', (code) => finish(() => reject(new JobError('internal', `the worker stopped unexpectedly (exit code ${code})`))));
    worker.postMessage({ kind: 'call', id: 1, request } satisfies MainToWorker);
  });
}
