/**
 * What the Counts, Customer, Users and Explain views show: either the counts
 * an audit reported (read from the library, no engine needed) or a recount
 * by the engine (a `countId` the worker keeps for users and Explain).
 */
import { create } from 'zustand';
import type { AuditHistory, CountSourceRef, ReportedAudit } from '../../src-shared/api/contract';
import type { CountSummary } from '../../src-shared/engine/types';
import { call } from '../api/client';
import { runJob } from '../api/run-job';
import { plainError, type PlainError } from '../model/errors';
import { reportedSummary } from '../model/reported';

export type CountOrigin =
  | { kind: 'reported'; sourceId: number; audit: ReportedAudit }
  | { kind: 'recount'; source: CountSourceRef; countId: string };

interface CountState {
  origin?: CountOrigin;
  summary?: CountSummary;
  /** Every audit of the same platform, for the trend (loaded with a reported audit). */
  history?: AuditHistory;
  /** A label for the header: the file or source name. */
  label: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: PlainError;
  openReported(sourceId: number, label: string): Promise<void>;
  recount(source: CountSourceRef, label: string): Promise<void>;
  /** The count's id, or undefined when what is shown is a reported audit (no records behind it). */
  countId(): string | undefined;
  /** Tests and the Compare view set a summary directly. */
  show(summary: CountSummary, origin: CountOrigin, label: string): void;
  forgetCounts(): void;
}

export const useCount = create<CountState>()((set, get) => ({
  label: '',
  status: 'idle',
  async openReported(sourceId, label) {
    set({ status: 'loading', error: undefined, label });
    try {
      const history = await call('audits/history', { sourceId }, { action: 'Open the audit' });
      const mine = history.audits.filter((a) => a.sourceId === sourceId);
      // A license ZIP and its detailed CSV are two audits of one source: the detailed one names the customers.
      const audit = mine.find((a) => a.view === 'detailed') ?? mine[0];
      if (!audit) {
        set({ status: 'error', error: { what: 'This source holds no reported audit counts.', todo: 'Open an imported audit file (a license ZIP or a detailed CSV), or recount a platform dump.', engineUnavailable: false } });
        return;
      }
      const { rows, ...reported } = audit;
      set({ origin: { kind: 'reported', sourceId, audit: reported }, summary: reportedSummary(reported, rows), history, status: 'ready' });
    } catch (e) {
      set({ status: 'error', error: plainError(e, 'Opening the audit') });
    }
  },
  async recount(source, label) {
    set({ status: 'loading', error: undefined, label });
    try {
      const result = await runJob(`Counting ${label}`, 'count', (jobId) =>
        call('count/run', { jobId, source }, { action: 'Count', silentCodes: ['cancelled', 'engine-unavailable'] }),
      );
      const previous = get().origin;
      if (previous?.kind === 'recount') void call('count/close', { countId: previous.countId }).catch(() => undefined);
      set({ origin: { kind: 'recount', source, countId: result.countId }, summary: result.summary, history: undefined, status: 'ready' });
    } catch (e) {
      set({ status: 'error', error: plainError(e, 'Counting') });
    }
  },
  countId() {
    const origin = get().origin;
    return origin?.kind === 'recount' ? origin.countId : undefined;
  },
  show: (summary, origin, label) => set({ summary, origin, label, status: 'ready', error: undefined }),
  forgetCounts() {
    if (get().origin?.kind === 'recount') set({ origin: undefined, summary: undefined, status: 'idle' });
  },
}));
