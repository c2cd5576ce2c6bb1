/**
 * The job worker (worker_threads): ingest, library writes and hashing run
 * here so the window — or the CLI's progress bar — never freezes.
 */
import { parentPort } from 'node:worker_threads';
import { LibraryError } from '../library/library';
import { LibraryVersionError } from '../library/schema';
import { InputError } from '../services/input-files';
import type { ImportProgress } from '../services/import-service';
import type { JobErrorKind, JobProgress, MainToWorker, WorkerToMain } from './protocol';
import { runImportJob } from './run-import-job';

const PROGRESS_INTERVAL_MS = 200;

if (parentPort) {
  const port = parentPort;
  const controller = new AbortController();
  const post = (message: WorkerToMain) => port.postMessage(message);
  port.on('message', (message: MainToWorker) => {
    if (message.kind === 'cancel') controller.abort(new Error('cancelled'));
    else void start(message.request);
  });

  async function start(request: Extract<MainToWorker, { kind: 'start' }>['request']): Promise<void> {
    const started = Date.now();
    let lastSent = 0;
    const onProgress = (p: ImportProgress) => {
      const now = Date.now();
      if (now - lastSent < PROGRESS_INTERVAL_MS && p.phase !== 'save') return;
      lastSent = now;
      post({ kind: 'progress', progress: withRates(p, (now - started) / 1000) });
    };
    try {
      const result = await runImportJob(request, onProgress, controller.signal);
      post({ kind: 'result', result });
    } catch (e) {
      post({ kind: 'error', error: { kind: errorKind(e, controller.signal), message: e instanceof Error ? e.message : String(e) } });
    }
  }
}

function withRates(p: ImportProgress, seconds: number): JobProgress {
  const recordsPerSecond = seconds > 0 ? p.records / seconds : 0;
  const bytesPerSecond = seconds > 0 ? p.bytes / seconds : 0;
  const etaSeconds = p.totalBytes > 0 && bytesPerSecond > 0 ? Math.max(0, (p.totalBytes - p.bytes) / bytesPerSecond) : undefined;
  return { ...p, recordsPerSecond, bytesPerSecond, etaSeconds };
}

function errorKind(e: unknown, signal: AbortSignal): JobErrorKind {
  if (signal.aborted) return 'cancelled';
  if (e instanceof InputError || e instanceof LibraryError || e instanceof LibraryVersionError) return 'input';
  return 'internal';
}
