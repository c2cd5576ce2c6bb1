/**
 * The app's one long-lived worker (lesson 3: main is a thin broker). Calls
 * are multiplexed by id; a call's AbortSignal becomes a cancel message. If the
 * worker dies, every pending call fails with a JobError, a new worker is
 * started on the next call, and `onRestart` tells the UI (count sessions are
 * gone with the old worker).
 */
import { Worker } from 'node:worker_threads';
import { JobError, WORKER_SCRIPT } from './run-job';
import type { JobProgress, MainToWorker, RequestOf, ResultOf, WorkerOp, WorkerToMain } from './protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress: ((p: JobProgress) => void) | undefined;
}

export interface WorkerClientOptions {
  script?: string;
  /** Called when a worker died (not when closed); the next call starts a new one. */
  onRestart?: (message: string) => void;
}

export class WorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closing = false;

  constructor(private readonly options: WorkerClientOptions = {}) {}

  call<K extends WorkerOp>(request: RequestOf<K>, options: { onProgress?: (p: JobProgress) => void; signal?: AbortSignal } = {}): Promise<ResultOf<K>> {
    if (this.closing) return Promise.reject(new JobError('internal', 'the app is closing'));
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<ResultOf<K>>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new JobError('cancelled', 'cancelled'));
        return;
      }
      const cancel = () => worker.postMessage({ kind: 'cancel', id } satisfies MainToWorker);
      options.signal?.addEventListener('abort', cancel, { once: true });
      const done = () => options.signal?.removeEventListener('abort', cancel);
      this.pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as ResultOf<K>);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        onProgress: options.onProgress,
      });
      worker.postMessage({ kind: 'call', id, request } satisfies MainToWorker);
    });
  }

  /** Stop the worker; pending calls fail. */
  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('the app is closing');
    await worker?.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.script ?? WORKER_SCRIPT());
    worker.on('message', (m: WorkerToMain) => this.onMessage(m));
    worker.on('error', (e) => this.died(worker, `the background worker failed (${e.message})`));
    worker.on('exit', (code) => this.died(worker, `the background worker stopped (exit code ${code})`));
    // The app must be able to quit while the worker idles.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onMessage(m: WorkerToMain): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.kind === 'progress') p.onProgress?.(m.progress);
    else {
      this.pending.delete(m.id);
      if (m.kind === 'result') p.resolve(m.result);
      else p.reject(new JobError(m.error.kind, m.error.message));
    }
  }

  private died(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.closing) return;
    this.failAll(`${message}; it was restarted — run the task again`);
    this.options.onRestart?.(`${message}; it was restarted. Counts open before must be run again.`);
  }

  private failAll(message: string): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(new JobError('internal', message));
  }
}
