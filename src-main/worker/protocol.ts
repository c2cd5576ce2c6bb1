/**
 * Messages between the main side and the job worker. Every long operation is
 * a job: progress events a few times a second, cancel, then a result or a
 * typed error.
 */
import type { SourceKind } from '../../src-shared/ingest/types';
import type { ImportProgress, ImportResult } from '../services/import-service';

export interface ImportJob {
  type: 'import';
  paths: string[];
  libraryFile: string;
  as?: SourceKind | undefined;
  importedBy: string;
}

export type JobRequest = ImportJob;

export interface JobResults {
  import: ImportResult[];
}

export interface JobProgress extends ImportProgress {
  /** Records per second and bytes per second since the job started. */
  recordsPerSecond: number;
  bytesPerSecond: number;
  /** Seconds left, from bytes read against the total, when that is known. */
  etaSeconds: number | undefined;
}

/** `input`: the user's input is wrong (exit 2); `cancelled`; `internal`: a bug. */
export type JobErrorKind = 'input' | 'cancelled' | 'internal';

export type WorkerToMain =
  | { kind: 'progress'; progress: JobProgress }
  | { kind: 'result'; result: JobResults[JobRequest['type']] }
  | { kind: 'error'; error: { kind: JobErrorKind; message: string } };

export type MainToWorker = { kind: 'start'; request: JobRequest } | { kind: 'cancel' };
