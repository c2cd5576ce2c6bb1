/**
 * The one contract between the renderer and the main side of VLF Audit Desk.
 *
 * - `Handlers`: every request the renderer can make, `'domain/verb'` → a
 *   function of one plain-object argument returning a promise. Main implements
 *   it (`src-main/api/handlers.ts`); Electron registers one `ipcMain.handle`
 *   per key of `CHANNELS`; the e2e tests bridge the same object into the page.
 * - `Events`: pushes from main to the renderer.
 * - `VlfApi`: the object the preload exposes as `window.vlf`. Its `call` is
 *   typed by channel; the preload refuses a channel that is not in `CHANNELS`
 *   and main validates every argument again, so the renderer cannot reach
 *   anything this file does not name.
 *
 * Renderer notes:
 * - `window.vlf.call(channel, args)` never rejects for an error main knows
 *   about: it resolves `{ok: true, value}` or `{ok: false, error}` with an
 *   `ApiError` whose `message` is written for the user (no stack traces) and
 *   whose `code` tells you how to present it. Only a broken bridge rejects.
 * - Long operations (`import/run`, `verify/run`, `count/run`,
 *   `anonymize/save`, `app/loadSample`) take a `jobId` you choose (unique per
 *   call, e.g. `crypto.randomUUID()`): `job/progress` events carry it and
 *   `job/cancel {jobId}` stops the job, whose call then resolves
 *   `{ok: false, error: {code: 'cancelled'}}`.
 * - Files are always passed as absolute *paths* (from the dialogs, drops via
 *   `vlf.pathForFile`, or `app/openPaths`), never as contents.
 *
 * Pure TypeScript: no Node, Electron or DOM imports (test/architecture.test.ts).
 */
import type { AuditView } from '../audit/columns';
import type { LayoutId } from '../audit/layouts';
import type { CountDiff, CountFormat, CountSummary, CountedRecord, UserPage, UserQuery } from '../engine/types';
import type { SourceKind } from '../ingest/types';
import type { VerifyReport } from '../verify/findings';
import type {
  AnonymizePreview,
  AnonymizeSaveResult,
  AuditComparison,
  AuditHistory,
  ImportResult,
  SourceSummary,
} from './types';

export type * from './types';

/** Chosen by the renderer for each long call; echoed in `job/progress`. 1–100 characters. */
export type JobId = string;

/** A source to count: one already in the library, or a dump / export folder or file on disk. */
export type CountSourceRef = { sourceId: number } | { path: string; as?: SourceKind };

export interface AppInfo {
  /** The app's version (package.json). */
  version: string;
  /** `process.platform` of the main side: 'linux' | 'win32' | 'darwin' | … */
  platform: string;
  /** The bundled sample audit's folder (`assets/sample/` or the packaged resources' `sample/`). */
  sampleDir: string;
  /** The sample's files, absolute paths (a detailed CSV and its license ZIP). */
  samplePaths: string[];
  /** The audit library file (SQLite). */
  libraryPath: string;
  /**
   * True when the library file did not exist when the app started: show the
   * sample by default (call `app/loadSample`, which imports and verifies it).
   */
  firstStart: boolean;
  /** True once the sample's audit is in the library (so Home can list it). */
  sampleInLibrary: boolean;
  /**
   * Files and folders the app was launched with (command line, "Open with…",
   * macOS open-file before the window existed): treat them like an
   * `app/openPaths` event once the UI is up. Later ones arrive as events.
   */
  launchPaths: string[];
}

export interface FileFilter {
  /** Shown in the dialog, e.g. "Audit files". */
  name: string;
  /** Without dots, e.g. ['zip', 'csv']; ['*'] for all. */
  extensions: string[];
}

/**
 * Every request, `'domain/verb'` → handler. Arguments are one object (use `{}`
 * when there is nothing to pass); results are plain data.
 */
export interface Handlers {
  /** Version, platform, library and sample paths, and whether this is the first start. */
  'app/info': (args: Record<string, never>) => Promise<AppInfo>;
  /**
   * The default data: import the bundled sample audit into the library (a
   * no-op append when it is already there) and verify it. Call it when
   * `app/info.firstStart` is true, or from a "Open the sample" action.
   */
  'app/loadSample': (args: { jobId: JobId }) => Promise<{ imported: ImportResult[]; report: VerifyReport }>;

  /** Sources in the library, oldest first; archived ones only with `includeArchived`. */
  'library/list': (args: { includeArchived?: boolean }) => Promise<SourceSummary[]>;
  /** Hide a source from views and counts (kept; `library/restore` brings it back). */
  'library/archive': (args: { id: number }) => Promise<SourceSummary>;
  'library/restore': (args: { id: number }) => Promise<SourceSummary>;
  /** Delete an archived source for good (error code 'input' when it is not archived). */
  'library/purge': (args: { id: number }) => Promise<{ purged: number }>;
  /**
   * Read (no `days`) or set the retention: archived sources older than `days`
   * are purged on each import; null = never (the default).
   */
  'library/retention': (args: { days?: number | null }) => Promise<{ days: number | null }>;

  /**
   * Import files and folders (platform dumps, export bundles, audit files) into
   * the library, one transaction per source. `as` forces the kind for all.
   * Progress: phases 'scan' | 'read' | 'store' | 'save'.
   */
  'import/run': (args: { jobId: JobId; paths: string[]; as?: SourceKind }) => Promise<ImportResult[]>;

  /**
   * Verify audit files (V1–V17); folders are searched for `vlf_*` files.
   * Files of one audit given together are cross-checked. Progress phase 'verify'.
   */
  'verify/run': (args: { jobId: JobId; paths: string[]; expectProvider?: string }) => Promise<VerifyReport>;

  /**
   * Count a source with the counting engine and keep the result in the worker
   * as `countId` for the calls below (a worker restart forgets every count:
   * code 'not-found' then). A reported audit (kind 'audit') cannot be counted
   * (code 'input'). A build without the engine answers 'engine-unavailable'.
   * `fromHierarchy`: count only below a node (pkid or path, R5/R102).
   */
  'count/run': (args: { jobId: JobId; source: CountSourceRef; fromHierarchy?: string }) => Promise<{ countId: string; summary: CountSummary }>;
  /** A page of users (filter by row, status, column, search); `limit` ≤ 1000, default 100. */
  'count/users': (args: { countId: string; query: UserQuery }) => Promise<UserPage>;
  /** Every record counted in one cell (R91): the Explain view. */
  'count/explain': (args: { countId: string; rowKey: string; column: string }) => Promise<CountedRecord[]>;
  /** The audit CSV the platform would write for this count (byte-identical for the same input). */
  'count/csv': (args: { countId: string; format: CountFormat; view: AuditView }) => Promise<string>;
  /** The users CSV (`vlf-desk users`), optionally filtered like `count/users`. */
  'count/usersCsv': (args: { countId: string; query?: UserQuery }) => Promise<string>;
  /** Forget a count (frees its memory in the worker). Unknown ids are fine. */
  'count/close': (args: { countId: string }) => Promise<void>;

  /** Recount vs a reported audit CSV (or license ZIP) on disk, cell by cell. */
  'compare/run': (args: { countId: string; reportedPath: string }) => Promise<CountDiff>;
  /** Two reported audits in the library (e.g. this month vs last), cell by cell; no engine needed. */
  'compare/audits': (args: { leftSourceId: number; rightSourceId: number; view?: AuditView }) => Promise<AuditComparison>;

  /** A stored record exactly as read (its JSON text), for the drill-down; null when the library has no such record. */
  'records/raw': (args: { sourceId: number; modelType: string; pkid: string }) => Promise<{ json: string } | null>;

  /**
   * Earlier audits of a platform (by `platformId`, or the platform of
   * `sourceId`): per audit date, per customer row, its reported counts, oldest
   * first — the month-over-month trend. Archived sources are left out.
   */
  'audits/history': (args: { platformId?: string; sourceId?: number; view?: AuditView }) => Promise<AuditHistory>;

  /**
   * What anonymize would write for a detailed CSV (or v5 license_detailed
   * ZIP): the ZIP names, members, sizes and their verification, V14 (privacy)
   * apart. Nothing is written. Error code 'input' when the CSV has problems.
   */
  'anonymize/preview': (args: { input: string; layout?: LayoutId; host?: string }) => Promise<AnonymizePreview>;
  /** Write the ZIP(s) into `outDir` atomically and verify them; never replaces the input or a different existing file. */
  'anonymize/save': (args: { jobId: JobId; input: string; layout?: LayoutId; host?: string; outDir: string }) => Promise<AnonymizeSaveResult>;

  /** Stop a running job; `cancelled: false` when no job has that id (already finished). */
  'job/cancel': (args: { jobId: JobId }) => Promise<{ cancelled: boolean }>;

  /** Native "open files" dialog; [] when the user cancels. */
  'dialog/openFiles': (args: { title?: string; filters?: FileFilter[] }) => Promise<string[]>;
  /** Native "open folder" dialog; null when the user cancels. */
  'dialog/openFolder': (args: { title?: string }) => Promise<string | null>;
  /** Native "save as" dialog; null when the user cancels. Nothing is written. */
  'dialog/saveFile': (args: { title?: string; suggestedName: string; filters?: FileFilter[] }) => Promise<string | null>;
  /** Ask where (save dialog) and write `content` as UTF-8 atomically: any table or report export. null when cancelled. */
  'export/save': (args: { suggestedName: string; content: string; filters?: FileFilter[] }) => Promise<string | null>;
  /** Show a written file in the OS file manager. */
  'shell/showItem': (args: { path: string }) => Promise<void>;
}

export type Channel = keyof Handlers;
export type HandlerArgs<K extends Channel> = Parameters<Handlers[K]>[0];
export type HandlerResult<K extends Channel> = Awaited<ReturnType<Handlers[K]>>;

/** Phases of `job/progress`: import's, plus 'verify', 'count' and 'write' (anonymize). */
export type JobPhase = 'scan' | 'read' | 'store' | 'save' | 'verify' | 'count' | 'write';

export interface JobProgressEvent {
  jobId: JobId;
  phase: JobPhase;
  /** The file being worked on (relative to the source for imports), or ''. */
  file: string;
  /** Records read so far (imports, counts); files done for verify. */
  records: number;
  /** Bytes read so far and in total (0 when unknown): draw a bar when totalBytes > 0. */
  bytes: number;
  totalBytes: number;
  /** Since the job started. */
  rate: { recordsPerSecond: number; bytesPerSecond: number };
  /** Seconds left, when it can be estimated; null otherwise (show an indeterminate bar). */
  etaSeconds: number | null;
  /** For batches: which item (1-based) of how many. */
  item?: number;
  items?: number;
}

/** Where opened paths came from. */
export type OpenPathsVia = 'menu' | 'drop' | 'second-instance' | 'os';

/**
 * Menu items the renderer handles. `navigate` views are the renderer's
 * routes; `export` means "export what is on screen" (then call `export/save`).
 */
export type MenuCommand =
  | { command: 'navigate'; view: 'home' | 'verify' | 'counts' | 'users' | 'compare' | 'anonymize' }
  | { command: 'export' }
  | { command: 'find' }
  | { command: 'about' };

/** Pushes from main. */
export interface Events {
  /** A few times a second per running job. */
  'job/progress': JobProgressEvent;
  /** The user opened files or folders (File › Open…, drop, a second launch, the OS): decide what to do with them (import / verify). */
  'app/openPaths': { paths: string[]; via: OpenPathsVia };
  'app/menu': MenuCommand;
  /** The worker died and was restarted: running jobs failed, every `countId` is gone (count again). */
  'app/workerRestarted': { message: string };
}

export type EventName = keyof Events;

/** How a failed call is presented. */
export type ApiErrorCode =
  /** Arguments did not match this contract: a bug in the caller. */
  | 'invalid-args'
  /** The user's input is wrong or unreadable (a file, an id, a folder): show the message. */
  | 'input'
  /** The counting engine is not yet in this build: show the message, offer Verify instead. */
  | 'engine-unavailable'
  /** A countId or jobId the worker does not know (e.g. after a worker restart): count again. */
  | 'not-found'
  /** The job was cancelled with `job/cancel`. */
  | 'cancelled'
  /** Another library-writing job (import, sample) is running; try again when it ends. */
  | 'busy'
  /** A bug: the message says what failed; the details are in the main process log. */
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  /** One or two sentences for the user: what happened and what to do. */
  message: string;
}

export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What `window.vlf` is in the renderer (exposed by the preload with contextBridge). */
export interface VlfApi {
  /** Call main. Resolves a response, never rejects for errors main reports (see the notes above). */
  call<K extends Channel>(channel: K, args: HandlerArgs<K>): Promise<ApiResponse<HandlerResult<K>>>;
  /** Listen to a push; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /**
   * The absolute path of a File from a drop or an <input type=file> (Electron's
   * webUtils.getPathForFile); '' when it has none. Drops anywhere in the
   * window already arrive as `app/openPaths` with via 'drop'; use this for a
   * drop zone of your own.
   */
  pathForFile(file: DroppedFile): string;
}

/** The DOM `File` (kept structural so this file needs no DOM types). */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

/**
 * Every channel, for registration (ipcMain.handle) and the preload's allow-list.
 * `satisfies` + the check below make the compiler reject a missing or extra one.
 */
export const CHANNELS = [
  'app/info',
  'app/loadSample',
  'library/list',
  'library/archive',
  'library/restore',
  'library/purge',
  'library/retention',
  'import/run',
  'verify/run',
  'count/run',
  'count/users',
  'count/explain',
  'count/csv',
  'count/usersCsv',
  'count/close',
  'compare/run',
  'compare/audits',
  'records/raw',
  'audits/history',
  'anonymize/preview',
  'anonymize/save',
  'job/cancel',
  'dialog/openFiles',
  'dialog/openFolder',
  'dialog/saveFile',
  'export/save',
  'shell/showItem',
] as const satisfies readonly Channel[];

export const EVENTS = ['job/progress', 'app/openPaths', 'app/menu', 'app/workerRestarted'] as const satisfies readonly EventName[];

// Compile-time completeness: a channel added to Handlers but not to CHANNELS (or an event) fails here.
type Missing<All, Listed> = Exclude<All, Listed>;
const everyChannelListed: Missing<Channel, (typeof CHANNELS)[number]> extends never ? true : never = true;
const everyEventListed: Missing<EventName, (typeof EVENTS)[number]> extends never ? true : never = true;
void everyChannelListed;
void everyEventListed;

/** The IPC channel name Electron uses for a request / an event (one namespace, no clash with Electron's own). */
export const ipcChannel = (channel: Channel): string => `vlf:${channel}`;
export const ipcEvent = (event: EventName): string => `vlf-event:${event}`;

/** True when `value` names a channel of the contract (the preload's and main's allow-list). */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}
