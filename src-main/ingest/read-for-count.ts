/**
 * Read a dump or export for the counting engine in reader threads — a dump's
 * files split over as many threads as there are cores — while the caller
 * builds the rows into the engine's tables. Rows of one thread arrive in
 * order; threads interleave (the engine's results do not depend on arrival
 * order). An abort throws the signal's reason.
 */
import { availableParallelism } from 'node:os';
import { packRows, type RowGroup } from '../../src-shared/engine/input';
import type { ReadProgress } from '../../src-shared/ingest/types';
import { InputError } from '../services/input-files';
import { compiledScript, startWorker, type WorkerHandle } from '../worker/start-worker';
import type { FromCountReader, ToCountReader } from './count-reader-protocol';
import { combineProgress, type DumpReadResult, mergeParts, readDump } from './read-dump';
import { readExport } from './read-export';

export interface ReadForCountOptions {
  /** Each batch of rows, packed; a group holds rows of one model type and file. */
  onGroups(groups: RowGroup[]): void;
  onProgress?(p: ReadProgress): void;
  signal?: AbortSignal | undefined;
  /** Reader threads for a dump; 0 reads in the calling thread (default: READER_THREADS, see below). */
  threads?: number;
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

export async function readForCount(source: 'dump' | 'export', path: string, options: ReadForCountOptions): Promise<DumpReadResult> {
  const threads = options.threads ?? defaultReaderThreads();
  if (threads === 0) return readHere(source, path, options);
  const parts = source === 'export' ? 1 : Math.max(1, threads);
  const progress: ReadProgress[] = [];
  const report = () => {
    const combined = combineProgress(progress);
    if (combined) options.onProgress?.(combined);
  };
  const handles: WorkerHandle[] = [];
  const readers = Array.from({ length: parts }, (_x, index) =>
    readPart(source, path, { index, of: parts }, options, handles, (p) => {
      progress[index] = p;
      report();
    }),
  );
  let results: DumpReadResult[];
  try {
    results = await Promise.all(readers);
  } catch (e) {
    for (const h of handles) h.settle(() => undefined);
    throw e;
  }
  return mergeParts(results);
}

function readPart(
  source: 'dump' | 'export',
  path: string,
  part: { index: number; of: number },
  options: ReadForCountOptions,
  handles: WorkerHandle[],
  onProgress: (p: ReadProgress) => void,
): Promise<DumpReadResult> {
  return new Promise((resolvePromise, reject) => {
    const handle = startWorker(compiledScript(__dirname, 'count-reader-thread.js'), options.signal, { kind: 'cancel' } satisfies ToCountReader);
    handles.push(handle);
    const { worker, settle } = handle;
    const send = (m: ToCountReader) => worker.postMessage(m);
    const fail = (e: unknown) => settle(() => reject(e));
    worker.on('message', (m: FromCountReader) => {
      if (m.kind === 'rows') {
        try {
          options.onGroups(JSON.parse(m.json) as RowGroup[]);
          send({ kind: 'ack' });
        } catch (e) {
          fail(e);
        }
      } else if (m.kind === 'progress') onProgress(m.progress);
      else if (m.kind === 'done') settle(() => resolvePromise(m.result));
      else if (m.cancelled && options.signal?.aborted) fail(options.signal.reason);
      else fail(m.input ? new InputError(m.message) : new Error(m.message));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a reader thread stopped unexpectedly (exit code ${code})`)));
    send({ kind: 'start', source, path, part });
  });
}

/** The reading in this thread: no copies between threads, one core. */
async function readHere(source: 'dump' | 'export', path: string, options: ReadForCountOptions): Promise<DumpReadResult> {
  const read = source === 'dump' ? readDump : readExport;
  return read(path, {
    onBatch: (records) => options.onGroups(packRows(records)),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
