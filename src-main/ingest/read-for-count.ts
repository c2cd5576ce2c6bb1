/**
 * Read a dump or export for the counting engine in reader threads — a
 * dump's model types split over as many threads as there are cores — each
 * building the records of what it reads (count-reader-thread.ts); the parts
 * are joined here (records-merge.ts). The counting thread's own work is the
 * join and the count. An abort throws the signal's reason.
 */
import { availableParallelism } from 'node:os';
import { type Records, RecordsBuilder, type RecordsPart } from '../../src-shared/engine/records';
import { recordsPartOf } from '../../src-shared/engine/records-transfer';
import { RecordsMerger } from '../../src-shared/engine/records-merge';
import type { ReadProgress } from '../../src-shared/ingest/types';
import { InputError } from '../services/input-files';
import { compiledScript, startWorker, type WorkerHandle } from '../worker/start-worker';
import { COUNT_BATCH, type FromCountReader, type ToCountReader } from './count-reader-protocol';
import { combineProgress, type DumpReadResult, mergeParts, readDump } from './read-dump';
import { readExport } from './read-export';

export interface ReadForCountOptions {
  onProgress?(p: ReadProgress): void;
  signal?: AbortSignal | undefined;
  /** Reader threads for a dump; 0 reads in the calling thread (default: defaultReaderThreads, below). */
  threads?: number;
}

/** What was read, and its records for the engine. */
export interface ReadForCount {
  result: DumpReadResult;
  records: Records;
}

/**
 * How many threads read a dump for a count. `VLF_COUNT_READERS` overrides it
 * (the benchmark compares the choices).
 */
export function defaultReaderThreads(env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.VLF_COUNT_READERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  return Math.min(4, availableParallelism());
}

export async function readForCount(source: 'dump' | 'export', path: string, options: ReadForCountOptions = {}): Promise<ReadForCount> {
  const threads = options.threads ?? defaultReaderThreads();
  if (threads === 0) return readHere(source, path, options);
  const of = source === 'export' ? 1 : Math.max(1, threads);
  const progress: ReadProgress[] = [];
  const report = () => {
    const combined = combineProgress(progress);
    if (combined) options.onProgress?.(combined);
  };
  const handles: WorkerHandle[] = [];
  const merger = new RecordsMerger(of);
  const readers = Array.from({ length: of }, (_x, index) =>
    readPart(source, path, { index, of }, options, handles, (p) => {
      progress[index] = p;
      report();
    }).then((part) => {
      // Joined as it arrives, while the other readers read on.
      merger.add(index, part.records);
      return part.result;
    }),
  );
  let results: DumpReadResult[];
  try {
    results = await Promise.all(readers);
  } catch (e) {
    for (const h of handles) h.settle(() => undefined);
    throw e;
  }
  return { result: mergeParts(results), records: merger.finish() };
}

function readPart(
  source: 'dump' | 'export',
  path: string,
  part: { index: number; of: number },
  options: ReadForCountOptions,
  handles: WorkerHandle[],
  onProgress: (p: ReadProgress) => void,
): Promise<{ result: DumpReadResult; records: RecordsPart }> {
  return new Promise((resolvePromise, reject) => {
    const handle = startWorker(compiledScript(__dirname, 'count-reader-thread.js'), options.signal, { kind: 'cancel' } satisfies ToCountReader);
    handles.push(handle);
    const { worker, settle } = handle;
    const send = (m: ToCountReader) => worker.postMessage(m);
    const fail = (e: unknown) => settle(() => reject(e));
    worker.on('message', (m: FromCountReader) => {
      if (m.kind === 'progress') onProgress(m.progress);
      else if (m.kind === 'done') {
        try {
          const records = recordsPartOf(m.records);
          settle(() => resolvePromise({ result: m.result, records }));
        } catch (e) {
          fail(e);
        }
      } else if (m.cancelled && options.signal?.aborted) fail(options.signal.reason);
      else fail(m.input ? new InputError(m.message) : new Error(m.message));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a reader thread stopped unexpectedly (exit code ${code})`)));
    send({ kind: 'start', source, path, part });
  });
}

/** The reading in this thread: no threads, one core. */
async function readHere(source: 'dump' | 'export', path: string, options: ReadForCountOptions): Promise<ReadForCount> {
  const read = source === 'dump' ? readDump : readExport;
  const builder = new RecordsBuilder();
  const result = await read(path, {
    batchSize: COUNT_BATCH,
    onBatch: (records) => builder.addRecords(records),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { result, records: builder.finish() };
}
