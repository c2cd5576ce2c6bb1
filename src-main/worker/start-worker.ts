import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The compiled JavaScript of a worker entry that sits in `folder` (pass
 * `__dirname`): beside the caller when it runs from dist/, else the same file
 * under dist/ (tests run the TypeScript sources, but a worker needs JavaScript).
 */
export function compiledScript(folder: string, file: string): string {
  const beside = join(folder, file);
  if (existsSync(beside)) return beside;
  const root = resolve(__dirname, '../..');
  return join(root, 'dist', relative(root, folder), file);
}

export interface WorkerHandle {
  worker: Worker;
  /** Run `fn` (resolve or reject) once: the first call wins, the worker is stopped and the abort listener removed. */
  settle(fn: () => void): void;
  readonly settled: boolean;
}

/** Start a worker whose abort signal posts `cancelMessage` to it, and which settles exactly once. */
export function startWorker(script: string, signal: AbortSignal | undefined, cancelMessage: unknown): WorkerHandle {
  const worker = new Worker(script);
  let settled = false;
  const cancel = () => worker.postMessage(cancelMessage);
  signal?.addEventListener('abort', cancel, { once: true });
  return {
    worker,
    get settled() {
      return settled;
    },
    settle(fn) {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', cancel);
      void worker.terminate();
      fn();
    },
  };
}
