/**
 * The contract's handlers, in plain Node (no Electron import): the Electron
 * shell registers them on IPC, the e2e tests bridge them into the page with
 * Playwright's exposeBinding, unit tests call them directly. Heavy work goes
 * to the long-lived worker; this side only keeps job ids, paths and dialogs.
 *
 * First start: when the library file does not exist yet, `app/info` says
 * `firstStart: true` and the renderer calls `app/loadSample`, which imports
 * the bundled sample audit into the library and verifies it — so the first
 * window shows real data, and the sample stays in the library like any
 * other audit (archive it to hide it).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Handlers, JobId, JobProgressEvent } from '../../src-shared/api/contract';
import { writeFileAtomic } from '../services/atomic-write';
import type { JobProgress } from '../worker/protocol';
import { WorkerClient } from '../worker/worker-client';
import { HandlerError } from './errors';
import { ApiEvents } from './events';
import { type DialogPort, noShell, type ShellPort } from './ports';

export interface AppHandlerOptions {
  libraryPath: string;
  /** The bundled sample audit's folder. */
  sampleDir: string;
  /** The app's user-data folder (window state, recent files live there). */
  userDataDir: string;
  dialogs: DialogPort;
  shell?: ShellPort;
  /** The app's version (package.json's). */
  version: string;
  platform?: string;
  /** Where save dialogs open first; the home folder when not given. */
  documentsDir?: string;
  /** Paths the app was launched with (reported by app/info). */
  launchPaths?: readonly string[];
  /** Defaults to whether the library file exists now. */
  firstStart?: boolean;
  /** For tests: a worker client of their own. */
  worker?: WorkerClient;
  log?: (message: string) => void;
}

export interface AppHandlers {
  handlers: Handlers;
  /** Pushes for the renderer: job/progress and app/workerRestarted from here; the shell emits app/openPaths and app/menu. */
  events: ApiEvents;
  /** Stop the worker (pending calls fail). */
  close(): Promise<void>;
}

export function toProgressEvent(jobId: JobId, p: JobProgress): JobProgressEvent {
  return {
    jobId,
    phase: p.phase,
    file: p.file,
    records: p.records,
    bytes: p.bytes,
    totalBytes: p.totalBytes,
    rate: { recordsPerSecond: p.recordsPerSecond, bytesPerSecond: p.bytesPerSecond },
    etaSeconds: p.etaSeconds ?? null,
    item: p.source,
    items: p.sources,
  };
}

export async function samplePaths(sampleDir: string): Promise<string[]> {
  const names = await readdir(sampleDir).catch(() => {
    throw new HandlerError('input', `the sample audit is missing (${sampleDir}); reinstall the app`);
  });
  return names.filter((n) => /^vlf_.*\.(csv|zip)$/i.test(n)).sort().map((n) => join(resolve(sampleDir), n));
}

export function createAppHandlers(options: AppHandlerOptions): AppHandlers {
  const events = new ApiEvents();
  const libraryFile = options.libraryPath;
  const firstStart = options.firstStart ?? !existsSync(libraryFile);
  const shell = options.shell ?? noShell;
  const worker =
    options.worker ?? new WorkerClient({ onRestart: (message) => events.emit('app/workerRestarted', { message }) });
  const jobs = new Map<JobId, AbortController>();
  const importedBy = safeUser();

  /** Run a worker call as a job: its progress goes out as job/progress, job/cancel aborts it. */
  async function job<T>(jobId: JobId, run: (o: { signal: AbortSignal; onProgress: (p: JobProgress) => void }) => Promise<T>): Promise<T> {
    if (jobs.has(jobId)) throw new HandlerError('invalid-args', `job ${jobId} is already running; give each call a new jobId`);
    const controller = new AbortController();
    jobs.set(jobId, controller);
    try {
      return await run({ signal: controller.signal, onProgress: (p) => events.emit('job/progress', toProgressEvent(jobId, p)) });
    } finally {
      jobs.delete(jobId);
    }
  }

  async function saveDialogPath(suggestedName: string, title: string | undefined, filters: Parameters<DialogPort['saveFile']>[0]['filters']): Promise<string | null> {
    return options.dialogs.saveFile({
      defaultPath: join(options.documentsDir ?? homedir(), suggestedName),
      ...(title ? { title } : {}),
      ...(filters ? { filters } : {}),
    });
  }

  const handlers: Handlers = {
    'app/info': async () => {
      const paths = await samplePaths(options.sampleDir);
      const names = new Set(paths.map((p) => p.replace(/^.*[/\\]/, '')));
      const sources = existsSync(libraryFile) ? await worker.call({ type: 'library/list', libraryFile, includeArchived: true }) : [];
      return {
        version: options.version,
        platform: options.platform ?? process.platform,
        sampleDir: resolve(options.sampleDir),
        samplePaths: paths,
        libraryPath: libraryFile,
        firstStart,
        sampleInLibrary: sources.some((s) => names.has(s.name)),
        launchPaths: [...(options.launchPaths ?? [])],
      };
    },
    'app/loadSample': async ({ jobId }) => {
      const paths = await samplePaths(options.sampleDir);
      return job(jobId, async (o) => {
        const imported = await worker.call({ type: 'import', libraryFile, paths, importedBy }, o);
        const report = await worker.call({ type: 'verify', paths, libraryFile }, o);
        return { imported, report };
      });
    },
    'library/list': async (a) => worker.call({ type: 'library/list', libraryFile, includeArchived: a.includeArchived ?? false }),
    'library/archive': async (a) => worker.call({ type: 'library/archive', libraryFile, id: a.id }),
    'library/restore': async (a) => worker.call({ type: 'library/restore', libraryFile, id: a.id }),
    'library/purge': async (a) => worker.call({ type: 'library/purge', libraryFile, id: a.id }),
    'library/retention': async (a) => worker.call({ type: 'library/retention', libraryFile, ...('days' in a ? { days: a.days } : {}) }),
    'import/run': async (a) => job(a.jobId, (o) => worker.call({ type: 'import', libraryFile, paths: a.paths, as: a.as, importedBy }, o)),
    'verify/run': async (a) => job(a.jobId, (o) => worker.call({ type: 'verify', paths: a.paths, expectProvider: a.expectProvider, libraryFile }, o)),
    'count/run': async (a) => job(a.jobId, (o) => worker.call({ type: 'count/run', libraryFile, source: a.source, fromHierarchy: a.fromHierarchy }, o)),
    'count/users': async (a) => worker.call({ type: 'count/users', countId: a.countId, query: a.query }),
    'count/explain': async (a) => worker.call({ type: 'count/explain', countId: a.countId, rowKey: a.rowKey, column: a.column }),
    'count/csv': async (a) => worker.call({ type: 'count/csv', countId: a.countId, format: a.format, view: a.view }),
    'count/usersCsv': async (a) => worker.call({ type: 'count/usersCsv', countId: a.countId, query: a.query }),
    'count/close': async (a) => worker.call({ type: 'count/close', countId: a.countId }),
    'compare/run': async (a) => worker.call({ type: 'compare/run', countId: a.countId, reportedPath: a.reportedPath }),
    'compare/audits': async (a) => worker.call({ type: 'compare/audits', libraryFile, leftSourceId: a.leftSourceId, rightSourceId: a.rightSourceId, view: a.view }),
    'records/raw': async (a) => worker.call({ type: 'records/raw', libraryFile, sourceId: a.sourceId, modelType: a.modelType, pkid: a.pkid }),
    'audits/history': async (a) => {
      if (a.platformId === undefined && a.sourceId === undefined) {
        throw new HandlerError('invalid-args', 'audits/history: give platformId or sourceId');
      }
      return worker.call({ type: 'audits/history', libraryFile, platformId: a.platformId, sourceId: a.sourceId, view: a.view });
    },
    'anonymize/preview': async (a) => worker.call({ type: 'anonymize/preview', input: a.input, layout: a.layout, host: a.host }),
    'anonymize/save': async (a) => job(a.jobId, (o) => worker.call({ type: 'anonymize/save', input: a.input, layout: a.layout, host: a.host, outDir: a.outDir }, o)),
    'job/cancel': async ({ jobId }) => {
      const controller = jobs.get(jobId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'dialog/openFiles': async (a) => options.dialogs.openFiles(a),
    'dialog/openFolder': async (a) => options.dialogs.openFolder(a),
    'dialog/saveFile': async (a) => saveDialogPath(a.suggestedName, a.title, a.filters),
    'export/save': async (a) => {
      const path = await saveDialogPath(a.suggestedName, undefined, a.filters);
      if (path === null) return null;
      await writeFileAtomic(path, new TextEncoder().encode(a.content)).catch((e: Error) => {
        throw new HandlerError('input', `${path} could not be written (${e.message}); choose another folder`);
      });
      return path;
    },
    'shell/showItem': async (a) => shell.showItemInFolder(a.path),
  };

  return { handlers, events, close: () => worker.close() };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
