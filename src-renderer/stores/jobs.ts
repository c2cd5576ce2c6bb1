/** Running long tasks and their latest progress (fed by the events hook), so any view can draw the bar. */
import { create } from 'zustand';
import type { JobProgressEvent } from '../../src-shared/api/contract';
import { addSample, type ProgressSample } from '../model/progress-rate';

export interface JobState {
  jobId: string;
  /** What the user started: "Verifying 3 files". */
  label: string;
  startedAt: number;
  last?: JobProgressEvent;
  /** Samples of work done (bytes when known, else records) for the bar's own rate when main gives none. */
  samples: ProgressSample[];
}

interface JobsState {
  jobs: Record<string, JobState>;
  start(jobId: string, label: string): void;
  progress(event: JobProgressEvent, now?: number): void;
  finish(jobId: string): void;
}

export const useJobs = create<JobsState>()((set) => ({
  jobs: {},
  start: (jobId, label) => set((s) => ({ jobs: { ...s.jobs, [jobId]: { jobId, label, startedAt: Date.now(), samples: [] } } })),
  progress: (event, now = Date.now()) =>
    set((s) => {
      const job = s.jobs[event.jobId];
      // Progress of a job this window did not start (or that already finished) is ignored.
      if (!job) return s;
      const done = event.totalBytes > 0 ? event.bytes : event.records;
      return { jobs: { ...s.jobs, [event.jobId]: { ...job, last: event, samples: addSample(job.samples, { at: now, done }) } } };
    }),
  finish: (jobId) =>
    set((s) => {
      const { [jobId]: _gone, ...rest } = s.jobs;
      return { jobs: rest };
    }),
}));
