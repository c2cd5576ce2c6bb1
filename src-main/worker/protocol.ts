/**
 * Messages between the main side and the job worker. The worker is
 * long-lived in the app (it owns the open library and the count sessions) and
 * one-shot in the CLI; both speak this protocol. Every call carries an id:
 * progress a few times a second, cancel by id, then a result or a typed error.
 */
import type { AuditView } from '../../src-shared/audit/columns';
import type { LayoutId } from '../../src-shared/audit/layouts';
import type {
  AnonymizePreview,
  AnonymizeSaveResult,
  AuditComparison,
  AuditHistory,
  ImportResult,
  SourceSummary,
} from '../../src-shared/api/types';
import type { CountSourceRef, JobPhase } from '../../src-shared/api/contract';
import type { CountDiff, CountFormat, CountSummary, CountedRecord, UserPage, UserQuery } from '../../src-shared/engine/types';
import type { SourceKind } from '../../src-shared/ingest/types';
import type { VerifyReport } from '../../src-shared/verify/findings';

interface Lib {
  libraryFile: string;
}

/** Each operation the worker runs: its arguments and its result. */
export interface WorkerOps {
  import: { args: Lib & { paths: string[]; as?: SourceKind | undefined; importedBy: string }; result: ImportResult[] };
  /** `libraryFile`: where V16 looks for each audit's previous one (skipped when the file does not exist). */
  verify: { args: { paths: string[]; expectProvider?: string | undefined; libraryFile?: string | undefined }; result: VerifyReport };
  'library/list': { args: Lib & { includeArchived: boolean }; result: SourceSummary[] };
  'library/archive': { args: Lib & { id: number }; result: SourceSummary };
  'library/restore': { args: Lib & { id: number }; result: SourceSummary };
  'library/purge': { args: Lib & { id: number }; result: { purged: number } };
  'library/retention': { args: Lib & { days?: number | null | undefined }; result: { days: number | null } };
  'count/run': { args: Lib & { source: CountSourceRef; fromHierarchy?: string | undefined }; result: { countId: string; summary: CountSummary } };
  'count/users': { args: { countId: string; query: UserQuery }; result: UserPage };
  'count/explain': { args: { countId: string; rowKey: string; column: string }; result: CountedRecord[] };
  'count/csv': { args: { countId: string; format: CountFormat; view: AuditView }; result: string };
  'count/usersCsv': { args: { countId: string; query?: UserQuery | undefined }; result: string };
  'count/close': { args: { countId: string }; result: void };
  'compare/run': { args: { countId: string; reportedPath: string }; result: CountDiff };
  'compare/audits': { args: Lib & { leftSourceId: number; rightSourceId: number; view?: AuditView | undefined }; result: AuditComparison };
  'records/raw': { args: Lib & { sourceId: number; modelType: string; pkid: string }; result: { json: string } | null };
  'audits/history': { args: Lib & { platformId?: string | undefined; sourceId?: number | undefined; view?: AuditView | undefined }; result: AuditHistory };
  'anonymize/preview': { args: { input: string; layout?: LayoutId | undefined; host?: string | undefined }; result: AnonymizePreview };
  'anonymize/save': { args: { input: string; layout?: LayoutId | undefined; host?: string | undefined; outDir: string }; result: AnonymizeSaveResult };
}

export type WorkerOp = keyof WorkerOps;
export type WorkerRequest = { [K in WorkerOp]: { type: K } & WorkerOps[K]['args'] }[WorkerOp];
export type RequestOf<K extends WorkerOp> = Extract<WorkerRequest, { type: K }>;
export type ResultOf<K extends WorkerOp> = WorkerOps[K]['result'];

/** The CLI's import job (kept by name: `vlf-desk import` builds it). */
export type ImportJob = RequestOf<'import'>;
export type JobRequest = WorkerRequest;

export interface JobProgress {
  phase: JobPhase;
  file: string;
  records: number;
  bytes: number;
  totalBytes: number;
  /** Which item of the batch (source for imports, file for verify), 1-based, and how many. */
  source: number;
  sources: number;
  /** Records per second and bytes per second since the job started. */
  recordsPerSecond: number;
  bytesPerSecond: number;
  /** Seconds left, from bytes read against the total, when that is known. */
  etaSeconds: number | undefined;
}

/**
 * `input`: the user's input is wrong (CLI exit 2); `cancelled`; `engine-unavailable`:
 * the counting engine is not in this build; `not-found`: an unknown count id;
 * `busy`: another library write is running; `internal`: a bug.
 */
export type JobErrorKind = 'input' | 'cancelled' | 'engine-unavailable' | 'not-found' | 'busy' | 'internal';

export type WorkerToMain =
  | { kind: 'progress'; id: number; progress: JobProgress }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: { kind: JobErrorKind; message: string } };

export type MainToWorker = { kind: 'call'; id: number; request: WorkerRequest } | { kind: 'cancel'; id: number };
