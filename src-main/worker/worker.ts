/**
 * The job worker (worker_threads): ingest, library reads and writes, counts,
 * verification and ZIP writing run here so the window — or the CLI's
 * progress bar — never freezes. Calls run concurrently (each with its own
 * cancel); library access is serialized by the LibraryHolder.
 */
import { parentPort } from 'node:worker_threads';
import { CountError } from '../../src-shared/engine/types';
import { LibraryError } from '../library/library';
import { LibraryVersionError } from '../library/schema';
import { CountUnavailableError } from '../services/count-service';
import { InputError } from '../services/input-files';
import { BusyError } from './library-holder';
import { NotFoundError, type ProgressSample, WorkerState } from './operations';
import type { JobErrorKind, JobProgress, MainToWorker, WorkerRequest, WorkerToMain } from './protocol';

const PROGRESS_INTERVAL_MS = 200;

if (parentPort) {
  const port = parentPort;
  const state = new WorkerState();
  const running = new Map<number, AbortController>();
  const post = (message: WorkerToMain) => port.postMessage(message);
  port.on('message', (message: MainToWorker) => {
    if (message.kind === 'cancel') running.get(message.id)?.abort(new Error('cancelled'));
    else void call(message.id, message.request);
  });

  async function call(id: number, request: WorkerRequest): Promise<void> {
    const controller = new AbortController();
    running.set(id, controller);
    const started = Date.now();
    let lastSent = 0;
    const progress = (p: ProgressSample) => {
      const now = Date.now();
      if (now - lastSent < PROGRESS_INTERVAL_MS && p.phase !== 'save') return;
      lastSent = now;
      post({ kind: 'progress', id, progress: withRates(p, (now - started) / 1000) });
    };
    try {
      const result = await state.run(request, { signal: controller.signal, progress });
      post({ kind: 'result', id, result });
    } catch (e) {
      post({ kind: 'error', id, error: { kind: errorKind(e, controller.signal), message: e instanceof Error ? e.message : String(e) } });
    } finally {
      running.delete(id);
    }
  }
}

export function withRates(p: ProgressSample, seconds: number): JobProgress {
  const recordsPerSecond = seconds > 0 ? p.records / seconds : 0;
  const bytesPerSecond = seconds > 0 ? p.bytes / seconds : 0;
  const etaSeconds = p.totalBytes > 0 && bytesPerSecond > 0 ? Math.max(0, (p.totalBytes - p.bytes) / bytesPerSecond) : undefined;
  return { ...p, recordsPerSecond, bytesPerSecond, etaSeconds };
}

export function errorKind(e: unknown, signal: AbortSignal): JobErrorKind {
  if (signal.aborted) return 'cancelled';
  if (e instanceof CountUnavailableError) return 'engine-unavailable';
  if (e instanceof NotFoundError) return 'not-found';
  if (e instanceof BusyError) return 'busy';
  if (e instanceof InputError || e instanceof LibraryError || e instanceof LibraryVersionError || e instanceof CountError) return 'input';
  return 'internal';
}
