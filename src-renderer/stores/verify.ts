/** The Verify view's batch: the files given, their report, and which file is open. */
import { create } from 'zustand';
import type { VerifyReport } from '../../src-shared/verify/findings';
import { call } from '../api/client';
import { runJob } from '../api/run-job';
import { plainError, type PlainError } from '../model/errors';

interface VerifyState {
  paths: string[];
  report?: VerifyReport;
  running: boolean;
  error?: PlainError;
  /** The open file's name (FileReport.file). */
  openFile?: string;
  setReport(report: VerifyReport, paths: string[]): void;
  run(paths: string[]): Promise<void>;
  open(file: string | undefined): void;
}

export const useVerify = create<VerifyState>()((set) => ({
  paths: [],
  running: false,
  setReport: (report, paths) => set({ report, paths, error: undefined, openFile: undefined }),
  async run(paths) {
    if (!paths.length) return;
    set({ running: true, paths, error: undefined, openFile: undefined });
    try {
      const report = await runJob(`Verifying ${paths.length} file${paths.length === 1 ? '' : 's'}`, 'verify', (jobId) => call('verify/run', { jobId, paths }, { action: 'Verify' }));
      // One file: open it straight away, the list would be a detour.
      set({ report, openFile: report.files.length === 1 ? report.files[0]!.file : undefined });
    } catch (e) {
      set({ error: plainError(e, 'Verify') });
    } finally {
      set({ running: false });
    }
  },
  open: (file) => set({ openFile: file }),
}));
