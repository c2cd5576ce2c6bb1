/**
 * Read a dump or export in a thread of its own (reader-thread.ts) while the
 * caller stores the prepared rows: parsing and storing overlap on two cores.
 * Same contract as readDump: rows arrive in order, one batch at a time (the
 * next waits until the returned promise settles), and an abort throws the
 * signal's reason.
 */
import type { ReadProgress } from '../../src-shared/ingest/types';
import type { PreparedBatch } from '../library/prepare-row';
import { InputError } from '../services/input-files';
import { compiledScript, startWorker } from '../worker/start-worker';
import type { DumpReadResult } from './read-dump';
import type { FromReader, ToReader } from './reader-protocol';

export interface ReadInThreadOptions {
  onBatch(batch: PreparedBatch): Promise<void> | void;
  onProgress?(p: ReadProgress): void;
  signal?: AbortSignal | undefined;
}

export function readInThread(source: 'dump' | 'export', path: string, options: ReadInThreadOptions): Promise<DumpReadResult> {
  return new Promise((resolvePromise, reject) => {
    const handle = startWorker(compiledScript(__dirname, 'reader-thread.js'), options.signal, { kind: 'cancel' } satisfies ToReader);
    const { worker, settle: finish } = handle;
    let queue: Promise<void> = Promise.resolve();
    const send = (m: ToReader) => worker.postMessage(m);
    const fail = (e: unknown) => finish(() => reject(e));
    worker.on('message', (m: FromReader) => {
      if (m.kind === 'batch') {
        queue = queue.then(async () => {
          if (handle.settled) return;
          await options.onBatch(m.batch);
          send({ kind: 'ack' });
        });
        queue.catch(fail);
      } else if (m.kind === 'progress') options.onProgress?.(m.progress);
      else if (m.kind === 'done') void queue.then(() => finish(() => resolvePromise(m.result)), fail);
      else if (m.cancelled && options.signal?.aborted) fail(options.signal.reason);
      else fail(m.input ? new InputError(m.message) : new Error(m.message));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the reader thread stopped unexpectedly (exit code ${code})`)));
    send({ kind: 'start', source, path });
  });
}
