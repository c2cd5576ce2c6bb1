/** The app's facts (version, sample, library file) and the library's sources, as Home lists them. */
import { create } from 'zustand';
import type { AppInfo, SourceSummary } from '../../src-shared/api/contract';
import { call } from '../api/client';
import { runJob } from '../api/run-job';
import { plainError, type PlainError } from '../model/errors';
import { useVerify } from './verify';

interface LibraryState {
  info?: AppInfo;
  sources: SourceSummary[];
  showArchived: boolean;
  loading: boolean;
  error?: PlainError;
  /** Set once the first list has arrived: the e2e's "loaded" marker. */
  loaded: boolean;
  init(): Promise<void>;
  refresh(): Promise<void>;
  setShowArchived(show: boolean): Promise<void>;
  archive(id: number): Promise<void>;
  restore(id: number): Promise<void>;
  purge(id: number): Promise<void>;
  loadSample(): Promise<void>;
  importPaths(paths: string[]): Promise<void>;
}

export const useLibrary = create<LibraryState>()((set, get) => ({
  sources: [],
  showArchived: false,
  loading: false,
  loaded: false,
  async init() {
    try {
      const info = await call('app/info', {}, { action: 'Start' });
      set({ info });
      // First start: the bundled sample is what the user sees (and verified), not an empty screen.
      if (info.firstStart || !info.sampleInLibrary) await get().loadSample();
      else await get().refresh();
    } catch (e) {
      set({ error: plainError(e, 'Starting'), loaded: true });
    }
  },
  async refresh() {
    set({ loading: true });
    try {
      const sources = await call('library/list', { includeArchived: get().showArchived }, { action: 'List the library' });
      set({ sources, error: undefined });
    } catch (e) {
      set({ error: plainError(e, 'Listing the library') });
    } finally {
      set({ loading: false, loaded: true });
    }
  },
  async setShowArchived(show) {
    set({ showArchived: show });
    await get().refresh();
  },
  async archive(id) {
    await call('library/archive', { id }, { action: 'Archive' }).catch(() => undefined);
    await get().refresh();
  },
  async restore(id) {
    await call('library/restore', { id }, { action: 'Restore' }).catch(() => undefined);
    await get().refresh();
  },
  async purge(id) {
    await call('library/purge', { id }, { action: 'Purge' }).catch(() => undefined);
    await get().refresh();
  },
  async loadSample() {
    try {
      const result = await runJob('Opening the sample audit', 'sample', (jobId) => call('app/loadSample', { jobId }, { action: 'Open the sample audit' }));
      useVerify.getState().setReport(result.report, get().info?.samplePaths ?? []);
      const info = await call('app/info', {}, { action: 'Start' });
      set({ info });
    } catch (e) {
      set({ error: plainError(e, 'Opening the sample audit') });
    }
    await get().refresh();
  },
  async importPaths(paths) {
    if (!paths.length) return;
    try {
      await runJob(`Importing ${paths.length} item${paths.length === 1 ? '' : 's'}`, 'import', (jobId) => call('import/run', { jobId, paths }, { action: 'Import' }));
    } catch (e) {
      set({ error: plainError(e, 'Import') });
    }
    await get().refresh();
  },
}));
