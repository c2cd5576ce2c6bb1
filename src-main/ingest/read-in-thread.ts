/**
 * Read a dump or export in threads of their own (reader-thread.ts) while the
 * caller stores the prepared rows: parsing and storing overlap on two cores,
 * and a dump's model types are split over the readers (read-dump.ts partOf)
 * so the library's thread is the one that waits least. Each reader's rows
 * arrive in its order; readers interleave, one batch at a time (the next
 * waits until the returned promise settles). An abort throws the signal's
 * reason.
 */
import type { Records, RecordsPart } from '../../src-shared/engine/records';
import { RecordsMerger } from '../../src-shared/engine/records-merge';
import { recordsPartOf } from '../../src-shared/engine/records-transfer';
import type { ReadProgress } from '../../src-shared/ingest/types';
import type { PreparedBatch } from '../library/prepare-row';
import { InputError } from '../services/input-files';
import { compiledScript, startWorker, type WorkerHandle } from '../worker/start-worker';
import { combineProgress, type DumpReadResult, mergeParts } from './read-dump';
import type { FromReader, ToReader } from './reader-protocol';

export interface ReadInThreadOptions {
  /** `part`: which reader read the batch (0 … readers − 1); a reader's batches come in its reading order. */
  onBatch(batch: PreparedBatch, part: number): Promise<void> | void;
  /** Also build the counting engine's records of what is read, in the reader threads (ReadInThread.records). */
  buildRecords?: boolean;
  onProgress?(p: ReadProgress): void;
  signal?: AbortSignal | undefined;
  /** Reader threads for a dump (an export is read by one); default importReaderThreads(). */
  threads?: number;
}

/**
 * Reader threads of an import: two, so reading (the slower half) runs on
 * both cores beside the library's thread. `VLF_IMPORT_READERS` overrides it.
 */
export function importReaderThreads(env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.VLF_IMPORT_READERS;
  if (forced !== undefined && /^[1-9]\d*$/.test(forced)) return Number(forced);
  return 2;
}

export interface ReadInThread {
  result: DumpReadResult;
  /** The engine's records of what was read, when buildRecords asked for them. */
  records: Records | undefined;
}

export async function readInThread(source: 'dump' | 'export', path: string, options: ReadInThreadOptions): Promise<ReadInThread> {
  const of = source === 'export' ? 1 : Math.max(1, options.threads ?? importReaderThreads());
  const handles: WorkerHandle[] = [];
  // One queue for every reader: the library stores one batch at a time.
  const queue = { tail: Promise.resolve() };
  const progress: ReadProgress[] = [];
  const report = () => {
    const combined = combineProgress(progress);
    if (combined) options.onProgress?.(combined);
  };
  const merger = options.buildRecords ? new RecordsMerger(of) : undefined;
  const parts = Array.from({ length: of }, (_x, index) =>
    readPart(source, path, { index, of }, options, handles, queue, (p) => {
      progress[index] = p;
      report();
    }).then(({ result, records }) => {
      if (merger) merger.add(index, records ?? fail('a reader thread sent no records'));
      return result;
    }),
  );
  try {
    const result = mergeParts(await Promise.all(parts));
    return { result, records: merger?.finish() };
  } catch (e) {
    for (const h of handles) h.settle(() => undefined);
    throw e;
  }
}

function readPart(
  source: 'dump' | 'export',
  path: string,
  part: { index: number; of: number },
  options: ReadInThreadOptions,
  handles: WorkerHandle[],
  queue: { tail: Promise<void> },
  onProgress: (p: ReadProgress) => void,
): Promise<{ result: DumpReadResult; records: RecordsPart | undefined }> {
  return new Promise((resolvePromise, reject) => {
    const handle = startWorker(compiledScript(__dirname, 'reader-thread.js'), options.signal, { kind: 'cancel' } satisfies ToReader);
    handles.push(handle);
    const { worker, settle: finish } = handle;
    const send = (m: ToReader) => worker.postMessage(m);
    const fail = (e: unknown) => finish(() => reject(e));
    worker.on('message', (m: FromReader) => {
      if (m.kind === 'batch') {
        queue.tail = queue.tail.then(async () => {
          if (handle.settled) return;
          await options.onBatch(m.batch, m.part);
          send({ kind: 'ack' });
        });
        queue.tail.catch(fail);
      } else if (m.kind === 'progress') onProgress(m.progress);
      else if (m.kind === 'done') {
        void queue.tail.then(() => {
          const records = m.records ? recordsPartOf(m.records) : undefined;
          finish(() => resolvePromise({ result: m.result, records }));
        }, fail);
      }
      else if (m.cancelled && options.signal?.aborted) fail(options.signal.reason);
      else fail(m.input ? new InputError(m.message) : new Error(m.message));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a reader thread stopped unexpectedly (exit code ${code})`)));
    send({ kind: 'start', source, path, part, buildRecords: options.buildRecords ?? false });
  });
}

function fail(message: string): never {
  throw new Error(message);
}
